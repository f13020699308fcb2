(* floatsum: OCaml counterpart of floatsum.fl (a self tail call over floats). The result is
   printed as the shortest decimal that reads back exactly, as FluentAI prints Floats (for values
   of this size). *)
let rec leibniz k n sign acc =
  if k = n then acc else leibniz (k + 1) n (-.sign) (acc +. (sign /. ((2.0 *. float_of_int k) +. 1.0)))

let shortest x =
  let rec try_prec p =
    let s = Printf.sprintf "%.*g" p x in
    if p >= 17 || float_of_string s = x then s else try_prec (p + 1)
  in
  try_prec 1

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 100000000 in
  print_endline (shortest (4.0 *. leibniz 0 n 1.0 0.0))
