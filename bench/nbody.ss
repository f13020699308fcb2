;; nbody: Chez Scheme counterpart of nbody.fl: the same functional algorithm (immutable records,
;; a new list of bodies every step; each body's velocity folded over all the other bodies in list
;; order, then every body moves), generic arithmetic on flonums.
(define-record-type body (fields x y z vx vy vz mass))

(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define pi 3.141592653589793)
(define solar-mass (* 4.0 pi pi))
(define days-per-year 365.24)

(define (planet x y z vx vy vz mass)
  (make-body x y z (* vx days-per-year) (* vy days-per-year) (* vz days-per-year)
             (* mass solar-mass)))

(define initial-bodies
  (list (make-body 0.0 0.0 0.0 0.0 0.0 0.0 solar-mass)
        (planet 4.84143144246472090e+00 -1.16032004402742839e+00 -1.03622044471123109e-01
                1.66007664274403694e-03 7.69901118419740425e-03 -6.90460016972063023e-05
                9.54791938424326609e-04)
        (planet 8.34336671824457987e+00 4.12479856412430479e+00 -4.03523417114321381e-01
                -2.76742510726862411e-03 4.99852801234917238e-03 2.30417297573763929e-05
                2.85885980666130812e-04)
        (planet 1.28943695621391310e+01 -1.51111514016986312e+01 -2.23307578892655734e-01
                2.96460137564761618e-03 2.37847173959480950e-03 -2.96589568540237556e-05
                4.36624404335156298e-05)
        (planet 1.53796971148509165e+01 -2.59193146099879641e+01 1.79258772950371181e-01
                2.68067772490389322e-03 1.62824170038242295e-03 -9.51592254519715870e-05
                5.15138902046611451e-05)))

(define (offset-momentum bodies)
  (let ((px (fold-left (lambda (p b) (+ p (* (body-vx b) (body-mass b)))) 0.0 bodies))
        (py (fold-left (lambda (p b) (+ p (* (body-vy b) (body-mass b)))) 0.0 bodies))
        (pz (fold-left (lambda (p b) (+ p (* (body-vz b) (body-mass b)))) 0.0 bodies))
        (sun (car bodies)))
    (cons (make-body (body-x sun) (body-y sun) (body-z sun)
                     (/ (- px) solar-mass) (/ (- py) solar-mass) (/ (- pz) solar-mass)
                     (body-mass sun))
          (cdr bodies))))

(define (pull b o dt)
  (let* ((dx (- (body-x b) (body-x o)))
         (dy (- (body-y b) (body-y o)))
         (dz (- (body-z b) (body-z o)))
         (d2 (+ (* dx dx) (* dy dy) (* dz dz)))
         (mag (/ dt (* d2 (sqrt d2))))
         (om (body-mass o)))
    (make-body (body-x b) (body-y b) (body-z b)
               (- (body-vx b) (* dx om mag))
               (- (body-vy b) (* dy om mag))
               (- (body-vz b) (* dz om mag))
               (body-mass b))))

(define (move b dt)
  (make-body (+ (body-x b) (* dt (body-vx b)))
             (+ (body-y b) (* dt (body-vy b)))
             (+ (body-z b) (* dt (body-vz b)))
             (body-vx b) (body-vy b) (body-vz b) (body-mass b)))

(define (advance bodies dt)
  (let loop ((before '()) (after bodies) (acc '()))
    (if (null? after)
        (reverse acc)
        (let* ((b (car after))
               (rest (cdr after))
               (pulled (fold-left (lambda (b o) (pull b o dt)) b (append before rest))))
          (loop (append before (list b)) rest (cons (move pulled dt) acc))))))

(define (energy bodies)
  (let loop ((bs bodies) (e 0.0))
    (if (null? bs)
        e
        (let* ((b (car bs))
               (m (body-mass b)))
          (loop (cdr bs)
                (fold-left (lambda (e o)
                             (let ((dx (- (body-x b) (body-x o)))
                                   (dy (- (body-y b) (body-y o)))
                                   (dz (- (body-z b) (body-z o))))
                               (- e (/ (* m (body-mass o))
                                       (sqrt (+ (* dx dx) (* dy dy) (* dz dz)))))))
                           (+ e (* 0.5 m (+ (* (body-vx b) (body-vx b))
                                            (* (body-vy b) (body-vy b))
                                            (* (body-vz b) (body-vz b)))))
                           (cdr bs)))))))

;; e rounded to 9 decimals, half away from zero, printed from integers (as nbody.fl does)
(define (fixed9 e)
  (let* ((a (exact (floor (+ (abs (* e 1e9)) 0.5))))
         (frac (number->string (modulo a 1000000000))))
    (string-append (if (and (< e 0) (> a 0)) "-" "")
                   (number->string (quotient a 1000000000)) "."
                   (make-string (- 9 (string-length frac)) #\0) frac)))

(define (simulate bodies steps)
  (if (= steps 0) bodies (simulate (advance bodies 0.01) (- steps 1))))

(let ((bodies (offset-momentum initial-bodies)))
  (display (fixed9 (energy bodies)))
  (newline)
  (display (fixed9 (energy (simulate bodies (arg 0 2500000)))))
  (newline))
