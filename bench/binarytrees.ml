(* binarytrees: the benchmarks-game binary-trees in OCaml (variant type, pattern matching,
   one domain), the same output as binarytrees.fl. *)

type tree = Leaf | Node of tree * tree

let rec make depth = if depth = 0 then Node (Leaf, Leaf) else Node (make (depth - 1), make (depth - 1))

let rec check = function Leaf -> 0 | Node (l, r) -> 1 + check l + check r

let min_depth = 4

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 17 in
  let max_depth = max (min_depth + 2) n in
  let stretch = max_depth + 1 in
  Printf.printf "stretch tree of depth %d\t check: %d\n" stretch (check (make stretch));
  let long_lived = make max_depth in
  let rec loop depth =
    if depth <= max_depth then begin
      let iterations = 1 lsl (max_depth - depth + min_depth) in
      let rec sum i acc = if i = iterations then acc else sum (i + 1) (acc + check (make depth)) in
      Printf.printf "%d\t trees of depth %d\t check: %d\n" iterations depth (sum 0 0);
      loop (depth + 2)
    end
  in
  loop min_depth;
  Printf.printf "long lived tree of depth %d\t check: %d\n" max_depth (check long_lived)
