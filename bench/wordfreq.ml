(* wordfreq: the same generated text as wordfreq.fl (same LCG, same draws); each line is joined
   with spaces, split with String.split_on_char and its words counted in an immutable string map
   (Map.Make(String)) with List.fold_left. *)

module SMap = Map.Make (String)

let seed = ref 12345

let random_below n =
  seed := ((!seed * 1103515245) + 12345) mod 2147483648;
  !seed / 65536 mod n

let letters = "etaoinsh"

let random_word () =
  let rec loop k word =
    if k = 0 then word else loop (k - 1) (word ^ String.make 1 letters.[random_below 8])
  in
  loop (1 + random_below 4) ""

let random_line words =
  let rec loop i acc = if i = words then String.concat " " acc else loop (i + 1) (random_word () :: acc) in
  loop 0 []

let count_words counts line =
  List.fold_left
    (fun m w -> SMap.add w (1 + Option.value (SMap.find_opt w m) ~default:0) m)
    counts (String.split_on_char ' ' line)

let more_frequent (wa, ca) (wb, cb) = if ca <> cb then compare cb ca else compare wa wb

let () =
  let arg i d = if Array.length Sys.argv > i then int_of_string Sys.argv.(i) else d in
  let lines = arg 1 1000 and words = arg 2 10000 in
  let rec loop i counts = if i = lines then counts else loop (i + 1) (count_words counts (random_line words)) in
  let counts = loop 0 SMap.empty in
  Printf.printf "words: %d distinct: %d\n" (SMap.fold (fun _ c t -> t + c) counts 0) (SMap.cardinal counts);
  List.sort more_frequent (SMap.bindings counts)
  |> List.filteri (fun i _ -> i < 10)
  |> List.iter (fun (w, c) -> Printf.printf "%s %d\n" w c)
