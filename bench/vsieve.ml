(* vsieve: the sieve of Eratosthenes on a bool array, as vsieve.fl. *)
let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 20000000 in
  let marks = Array.make (n + 1) true in
  marks.(0) <- false;
  marks.(1) <- false;
  let p = ref 2 in
  while !p * !p <= n do
    if marks.(!p) then begin
      let m = ref (!p * !p) in
      while !m <= n do marks.(!m) <- false; m := !m + !p done
    end;
    incr p
  done;
  let c = ref 0 and s = ref 0 in
  for i = 0 to n do if marks.(i) then (incr c; s := !s + i) done;
  Printf.printf "%d %d\n" !c !s
