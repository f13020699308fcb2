(* sieve: the same algorithm as sieve.fl on OCaml lists: keep the head p, sieve the tail
   filtered by a closure over p. *)

let rec sieve = function
  | [] -> []
  | p :: rest -> p :: sieve (List.filter (fun x -> x mod p <> 0) rest)

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 150000 in
  let primes = sieve (List.init (max 0 (n - 2)) (fun i -> i + 2)) in
  let rec last = function [x] -> x | _ :: t -> last t | [] -> 0 in
  Printf.printf "%d %d %d\n" (List.length primes) (last primes) (List.fold_left ( + ) 0 primes)
