(* nqueens: the same search as nqueens.fl: placed queens in a list (nearest first), a recursive
   safe check by pattern matching, List.fold_left over the columns with a closure. *)

let rec safe col placed dist =
  match placed with
  | [] -> true
  | q :: rest -> q <> col && abs (q - col) <> dist && safe col rest (dist + 1)

let queens n =
  let columns = List.init n (fun i -> i) in
  let rec place row placed =
    if row = n then 1
    else
      List.fold_left
        (fun count col ->
          if safe col placed 1 then count + place (row + 1) (col :: placed) else count)
        0 columns
  in
  place 0 []

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 13 in
  Printf.printf "%d\n" (queens n)
