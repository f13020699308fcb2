(* loop: OCaml counterpart of loop.fl (a self tail call). *)
let rec loop i n acc =
  if i = n then acc
  else
    let s = acc + i in
    loop (i + 1) n (if s >= 1000000007 then s - 1000000007 else s)

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 100000000 in
  Printf.printf "%d\n" (loop 0 n 0)
