(* strbuild: OCaml counterpart of strbuild.fl (same rounds, same checksum). The line is built by
   repeated (^); the OCaml standard library has no replace-all or substring search, so they are
   written here (naive search, as the C version's strstr does). *)

let rec build_line i left acc =
  if left = 0 then acc else build_line (i + 1) (left - 1) (acc ^ string_of_int i ^ ",")

(* index of the first occurrence of part in s at or after start, or -1 *)
let index_of s part start =
  let n = String.length s and m = String.length part in
  let rec at i j = j = m || (s.[i + j] = part.[j] && at i (j + 1)) in
  let rec go i = if i + m > n then -1 else if at i 0 then i else go (i + 1) in
  go start

let replace s old nw =
  let b = Buffer.create (String.length s * 2) in
  let rec go i =
    let j = index_of s old i in
    if j < 0 then Buffer.add_substring b s i (String.length s - i)
    else begin
      Buffer.add_substring b s i (j - i);
      Buffer.add_string b nw;
      go (j + String.length old)
    end
  in
  go 0;
  Buffer.contents b

let round_stats r =
  let line = build_line (r * 7) 100 "" in
  let rep = replace line "7" "seven" in
  let up = String.uppercase_ascii rep in
  let parts = String.split_on_char ',' line in
  let idx = index_of up "SEVEN" 0 in
  let n = String.length up in
  let back = String.sub up (n / 2) (n - (n / 2)) in
  n + List.length parts + idx + String.length back

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 30000 in
  let rec run r total = if r = n then total else run (r + 1) (total + round_stats r) in
  Printf.printf "%d\n" (run 0 0);
  print_endline (String.sub (String.uppercase_ascii (replace (build_line 0 20 "") "7" "seven")) 0 40)
