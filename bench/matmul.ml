(* matmul: naive i-j-k product of n x n float matrices in flat arrays, as matmul.fl. *)
let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 600 in
  let a = Array.init (n * n) (fun i -> float_of_int (i mod 7)) in
  let b = Array.init (n * n) (fun i -> float_of_int (i mod 5)) in
  let c = Array.make (n * n) 0.0 in
  for i = 0 to n - 1 do
    for j = 0 to n - 1 do
      let s = ref 0.0 in
      for k = 0 to n - 1 do s := !s +. a.(i * n + k) *. b.(k * n + j) done;
      c.(i * n + j) <- !s
    done
  done;
  let t = Array.fold_left ( +. ) 0.0 c in
  Printf.printf "%.0f %.0f %.0f\n" c.(1) c.(n * n - 1) t
