(* tree: OCaml counterpart of tree.fl: a variant type, built and summed with match. *)
type tree = Leaf | Node of tree * int * tree

let rec build depth start =
  if depth = 0 then Leaf else Node (build (depth - 1) (2 * start), start, build (depth - 1) ((2 * start) + 1))

let rec total = function
  | Leaf -> 0
  | Node (Leaf, v, Leaf) -> v
  | Node (l, v, r) -> v + total l + total r

let () =
  let arg i d = if Array.length Sys.argv > i then int_of_string Sys.argv.(i) else d in
  let depth = arg 1 20 and rounds = arg 2 10 in
  let rec run rounds acc = if rounds = 0 then acc else run (rounds - 1) (acc + total (build depth rounds)) in
  Printf.printf "%d\n" (run rounds 0)
