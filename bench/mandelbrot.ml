(* mandelbrot: the same grid and iteration as mandelbrot.fl; the inner loop is a local recursive
   function over floats that reads the enclosing function's cr and ci. *)

let max_iter = 50

let escape_time cr ci =
  let rec loop zr zi i =
    if i = max_iter then i
    else if zr *. zr +. zi *. zi > 4.0 then i
    else loop (zr *. zr -. zi *. zi +. cr) (2.0 *. zr *. zi +. ci) (i + 1)
  in
  loop 0.0 0.0 0

let mandelbrot n =
  let fn = float_of_int n in
  let rec rows y inside iters =
    if y = n then (inside, iters)
    else
      let ci = 2.0 *. float_of_int y /. fn -. 1.0 in
      let rec cols x inside iters =
        if x = n then rows (y + 1) inside iters
        else
          let k = escape_time (2.0 *. float_of_int x /. fn -. 1.5) ci in
          cols (x + 1) (if k = max_iter then inside + 1 else inside) (iters + k)
      in
      cols 0 inside iters
  in
  rows 0 0 0

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 2000 in
  let inside, iters = mandelbrot n in
  Printf.printf "inside: %d\niterations: %d\n" inside iters
