(* closures: parser combinators, as closures.fl: the same generated expression (same LCG, same
   draws) parsed each round by combinators over a char list that return Ok (value, rest) or
   Fail; the value is a closure tree, a function of x, called for `evals` values of x. *)

type 'a result = Ok of 'a * char list | Fail

let seed = ref 2024

let random_below n =
  seed := ((!seed * 1103515245) + 12345) mod 2147483648;
  !seed / 65536 mod n

(* ---- the input (let-bound so that the draws happen in the order of closures.fl) *)
let rec gen_factor depth =
  let r = random_below 10 in
  if depth > 0 && r < 2 then
    let terms = 1 + random_below 3 in
    "(" ^ gen_expr (depth - 1) terms ^ ")"
  else if r < 5 then "x"
  else string_of_int (random_below 1000)

and gen_term depth =
  let k = random_below 3 in
  let first = gen_factor depth in
  let rec loop k acc = if k = 0 then acc else loop (k - 1) (acc ^ "*" ^ gen_factor depth) in
  loop k first

and gen_expr depth terms =
  let rec loop k acc =
    if k = 0 then acc
    else
      let op = if random_below 2 = 0 then "+" else "-" in
      let t = gen_term depth in
      loop (k - 1) (acc ^ op ^ t)
  in
  loop (terms - 1) (gen_term depth)

(* ---- parser combinators *)
let pure v input = Ok (v, input)

let satisfy ok input = match input with c :: rest when ok c -> Ok (c, rest) | _ -> Fail

let bind p f input = match p input with Ok (v, rest) -> f v rest | Fail -> Fail

let alt p q input = match p input with Fail -> q input | ok -> ok

let many p input =
  let rec loop input acc =
    match p input with Ok (v, rest) -> loop rest (v :: acc) | Fail -> Ok (List.rev acc, input)
  in
  loop input []

let many1 p = bind p (fun x -> bind (many p) (fun xs -> pure (x :: xs)))

let chainl1 p op =
  let rec more acc = alt (bind op (fun f -> bind p (fun y -> more (f acc y)))) (pure acc) in
  bind p more

let char c = satisfy (fun d -> d = c)

(* ---- the grammar; every value is a function of x *)
let modulus = 1000003

let modulo a = let r = a mod modulus in if r < 0 then r + modulus else r

let number =
  bind
    (many1 (satisfy (fun c -> c >= '0' && c <= '9')))
    (fun digits ->
      let n = List.fold_left (fun n d -> (n * 10) + (Char.code d - 48)) 0 digits in
      pure (fun _ -> n))

let variable = bind (char 'x') (fun _ -> pure (fun x -> x))

let operator symbol combine =
  bind (char symbol) (fun _ -> pure (fun f g x -> modulo (combine (f x) (g x))))

let parens p = bind (char '(') (fun _ -> bind p (fun v -> bind (char ')') (fun _ -> pure v)))

let expr_ref = ref (fun _ -> Fail)
let factor = alt number (alt variable (parens (fun input -> !expr_ref input)))
let term = chainl1 factor (operator '*' ( * ))
let expr = chainl1 term (alt (operator '+' ( + )) (operator '-' ( - )))
let () = expr_ref := expr

let compile text =
  match expr (List.of_seq (String.to_seq text)) with Ok (f, []) -> f | _ -> failwith "syntax error"

let () =
  let arg i d = if Array.length Sys.argv > i then int_of_string Sys.argv.(i) else d in
  let terms = arg 1 300 and rounds = arg 2 300 and evals = arg 3 100 in
  let text = gen_expr 3 terms in
  let n = String.length text in
  Printf.printf "length: %d start: %s\n" n (String.sub text 0 (min 40 n));
  let rec loop r total =
    if r = rounds then Printf.printf "total: %d\n" total
    else
      let f = compile text in
      let rec eval_all x total =
        if x = evals then total else eval_all (x + 1) (modulo (total + f (x + r)))
      in
      loop (r + 1) (eval_all 0 total)
  in
  loop 0 0
