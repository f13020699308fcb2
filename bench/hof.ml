(* hof: OCaml counterpart of hof.fl: map, List.filter and List.fold_left with closures over a
   list of n Ints, k times. List.map of OCaml 4.13 is not tail-recursive and overflows the 8 MB
   stack on a 1,000,000-element list, so the map is List.rev_map + List.rev, the usual OCaml idiom
   for long lists. *)

let run n k =
  let rec go k acc =
    if k = 0 then acc
    else
      let doubled = List.rev (List.rev_map (fun x -> x * 2) (List.init n (fun i -> i))) in
      go (k - 1) (acc + List.fold_left ( + ) 0 (List.filter (fun x -> x mod 3 = 0) doubled))
  in
  go k 0

let () =
  let arg i d = if Array.length Sys.argv > i then int_of_string Sys.argv.(i) else d in
  Printf.printf "%d\n" (run (arg 1 1000000) (arg 2 10))
