(* tak: OCaml counterpart of tak.fl. *)
let rec tak x y z = if not (y < x) then z else tak (tak (x - 1) y z) (tak (y - 1) z x) (tak (z - 1) x y)

let () =
  let arg i d = if Array.length Sys.argv > i then int_of_string Sys.argv.(i) else d in
  Printf.printf "%d\n" (tak (arg 1 30) (arg 2 20) (arg 3 10))
