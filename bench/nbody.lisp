;;; nbody: SBCL counterpart of nbody.fl: the same functional algorithm (immutable structures, a
;;; new list of bodies every step; each body's velocity folded over all the other bodies in list
;;; order, then every body moves), no type declarations.
(defstruct (body (:constructor make-body (x y z vx vy vz mass)))
  (x 0d0 :read-only t) (y 0d0 :read-only t) (z 0d0 :read-only t)
  (vx 0d0 :read-only t) (vy 0d0 :read-only t) (vz 0d0 :read-only t) (mass 0d0 :read-only t))

(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defparameter *solar-mass* (* 4d0 pi pi))
(defparameter *days-per-year* 365.24d0)

(defun planet (x y z vx vy vz mass)
  (make-body x y z (* vx *days-per-year*) (* vy *days-per-year*) (* vz *days-per-year*)
             (* mass *solar-mass*)))

(defparameter *initial-bodies*
  (list (make-body 0d0 0d0 0d0 0d0 0d0 0d0 *solar-mass*)
        (planet 4.84143144246472090d+00 -1.16032004402742839d+00 -1.03622044471123109d-01
                1.66007664274403694d-03 7.69901118419740425d-03 -6.90460016972063023d-05
                9.54791938424326609d-04)
        (planet 8.34336671824457987d+00 4.12479856412430479d+00 -4.03523417114321381d-01
                -2.76742510726862411d-03 4.99852801234917238d-03 2.30417297573763929d-05
                2.85885980666130812d-04)
        (planet 1.28943695621391310d+01 -1.51111514016986312d+01 -2.23307578892655734d-01
                2.96460137564761618d-03 2.37847173959480950d-03 -2.96589568540237556d-05
                4.36624404335156298d-05)
        (planet 1.53796971148509165d+01 -2.59193146099879641d+01 1.79258772950371181d-01
                2.68067772490389322d-03 1.62824170038242295d-03 -9.51592254519715870d-05
                5.15138902046611451d-05)))

(defun offset-momentum (bodies)
  (let ((px (reduce (lambda (p b) (+ p (* (body-vx b) (body-mass b)))) bodies :initial-value 0d0))
        (py (reduce (lambda (p b) (+ p (* (body-vy b) (body-mass b)))) bodies :initial-value 0d0))
        (pz (reduce (lambda (p b) (+ p (* (body-vz b) (body-mass b)))) bodies :initial-value 0d0))
        (sun (first bodies)))
    (cons (make-body (body-x sun) (body-y sun) (body-z sun)
                     (/ (- px) *solar-mass*) (/ (- py) *solar-mass*) (/ (- pz) *solar-mass*)
                     (body-mass sun))
          (rest bodies))))

(defun pull (b o dt)
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

(defun move (b dt)
  (make-body (+ (body-x b) (* dt (body-vx b)))
             (+ (body-y b) (* dt (body-vy b)))
             (+ (body-z b) (* dt (body-vz b)))
             (body-vx b) (body-vy b) (body-vz b) (body-mass b)))

(defun advance (bodies dt)
  (labels ((walk (before after acc)
             (if (null after)
                 (reverse acc)
                 (let* ((b (first after))
                        (others (append before (rest after)))
                        (pulled (reduce (lambda (b o) (pull b o dt)) others :initial-value b)))
                   (walk (append before (list b)) (rest after) (cons (move pulled dt) acc))))))
    (walk '() bodies '())))

(defun energy (bodies)
  (labels ((walk (bs e)
             (if (null bs)
                 e
                 (let* ((b (first bs))
                        (m (body-mass b)))
                   (walk (rest bs)
                         (reduce (lambda (e o)
                                   (let ((dx (- (body-x b) (body-x o)))
                                         (dy (- (body-y b) (body-y o)))
                                         (dz (- (body-z b) (body-z o))))
                                     (- e (/ (* m (body-mass o))
                                             (sqrt (+ (* dx dx) (* dy dy) (* dz dz)))))))
                                 (rest bs)
                                 :initial-value
                                 (+ e (* 0.5d0 m (+ (* (body-vx b) (body-vx b))
                                                    (* (body-vy b) (body-vy b))
                                                    (* (body-vz b) (body-vz b)))))))))))
    (walk bodies 0d0)))

;;; e rounded to 9 decimals, half away from zero, printed from integers (as nbody.fl does)
(defun fixed9 (e)
  (let ((a (floor (+ (abs (* e 1d9)) 0.5d0))))
    (format nil "~a~d.~9,'0d" (if (and (< e 0) (> a 0)) "-" "")
            (floor a 1000000000) (mod a 1000000000))))

(defun simulate (bodies steps)
  (loop repeat steps do (setf bodies (advance bodies 0.01d0)))
  bodies)

(let ((bodies (offset-momentum *initial-bodies*)))
  (format t "~a~%" (fixed9 (energy bodies)))
  (format t "~a~%" (fixed9 (energy (simulate bodies (argument 0 2500000))))))
