(* nbody: the benchmarks-game n-body written functionally, as nbody.fl: immutable records, a new
   list of bodies every step; each body's velocity is folded over all the other bodies (in list
   order), then every body moves. *)

type body = { x : float; y : float; z : float; vx : float; vy : float; vz : float; mass : float }

let pi = 3.141592653589793
let solar_mass = 4.0 *. pi *. pi
let days_per_year = 365.24

let planet x y z vx vy vz mass =
  { x; y; z; vx = vx *. days_per_year; vy = vy *. days_per_year; vz = vz *. days_per_year;
    mass = mass *. solar_mass }

let initial_bodies =
  [ { x = 0.0; y = 0.0; z = 0.0; vx = 0.0; vy = 0.0; vz = 0.0; mass = solar_mass };
    planet 4.84143144246472090e+00 (-1.16032004402742839e+00) (-1.03622044471123109e-01)
      1.66007664274403694e-03 7.69901118419740425e-03 (-6.90460016972063023e-05)
      9.54791938424326609e-04;
    planet 8.34336671824457987e+00 4.12479856412430479e+00 (-4.03523417114321381e-01)
      (-2.76742510726862411e-03) 4.99852801234917238e-03 2.30417297573763929e-05
      2.85885980666130812e-04;
    planet 1.28943695621391310e+01 (-1.51111514016986312e+01) (-2.23307578892655734e-01)
      2.96460137564761618e-03 2.37847173959480950e-03 (-2.96589568540237556e-05)
      4.36624404335156298e-05;
    planet 1.53796971148509165e+01 (-2.59193146099879641e+01) 1.79258772950371181e-01
      2.68067772490389322e-03 1.62824170038242295e-03 (-9.51592254519715870e-05)
      5.15138902046611451e-05 ]

let offset_momentum bodies =
  let px = List.fold_left (fun p b -> p +. b.vx *. b.mass) 0.0 bodies in
  let py = List.fold_left (fun p b -> p +. b.vy *. b.mass) 0.0 bodies in
  let pz = List.fold_left (fun p b -> p +. b.vz *. b.mass) 0.0 bodies in
  match bodies with
  | sun :: planets ->
      { sun with vx = -.px /. solar_mass; vy = -.py /. solar_mass; vz = -.pz /. solar_mass }
      :: planets
  | [] -> []

let pull dt b o =
  let dx = b.x -. o.x and dy = b.y -. o.y and dz = b.z -. o.z in
  let d2 = (dx *. dx) +. (dy *. dy) +. (dz *. dz) in
  let mag = dt /. (d2 *. sqrt d2) in
  { b with
    vx = b.vx -. (dx *. o.mass *. mag);
    vy = b.vy -. (dy *. o.mass *. mag);
    vz = b.vz -. (dz *. o.mass *. mag) }

let move dt b = { b with x = b.x +. (dt *. b.vx); y = b.y +. (dt *. b.vy); z = b.z +. (dt *. b.vz) }

let advance dt bodies =
  let rec loop before after acc =
    match after with
    | [] -> List.rev acc
    | b :: rest ->
        let pulled = List.fold_left (pull dt) b (before @ rest) in
        loop (before @ [ b ]) rest (move dt pulled :: acc)
  in
  loop [] bodies []

let energy bodies =
  let rec loop bs e =
    match bs with
    | [] -> e
    | b :: rest ->
        let e =
          List.fold_left
            (fun e o ->
              let dx = b.x -. o.x and dy = b.y -. o.y and dz = b.z -. o.z in
              e -. (b.mass *. o.mass /. sqrt ((dx *. dx) +. (dy *. dy) +. (dz *. dz))))
            (e +. (0.5 *. b.mass *. ((b.vx *. b.vx) +. (b.vy *. b.vy) +. (b.vz *. b.vz))))
            rest
        in
        loop rest e
  in
  loop bodies 0.0

let rec simulate bodies steps = if steps = 0 then bodies else simulate (advance 0.01 bodies) (steps - 1)

(* e rounded to 9 decimals, half away from zero, printed from integers (as nbody.fl does). *)
let fixed9 e =
  let n = int_of_float (Float.round (e *. 1e9)) in
  let a = abs n in
  Printf.sprintf "%s%d.%09d" (if n < 0 then "-" else "") (a / 1000000000) (a mod 1000000000)

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 2500000 in
  let bodies = offset_momentum initial_bodies in
  print_endline (fixed9 (energy bodies));
  print_endline (fixed9 (energy (simulate bodies n)))
