;;; mandelbrot: SBCL counterpart of mandelbrot.fl: the inner loop is a local recursive function
;;; over double-floats reading the enclosing function's cr and ci (no type declarations, as in
;;; the dynamically typed original).
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defparameter *max-iter* 50)

(defun escape-time (cr ci)
  (labels ((iter (zr zi i)
             (cond ((= i *max-iter*) i)
                   ((> (+ (* zr zr) (* zi zi)) 4d0) i)
                   (t (iter (+ (- (* zr zr) (* zi zi)) cr)
                            (+ (* 2d0 zr zi) ci)
                            (+ i 1))))))
    (iter 0d0 0d0 0)))

(defun mandelbrot (n)
  (let ((inside 0) (iters 0))
    (dotimes (y n)
      (let ((ci (- (/ (* 2d0 y) n) 1d0)))
        (dotimes (x n)
          (let ((k (escape-time (- (/ (* 2d0 x) n) 1.5d0) ci)))
            (when (= k *max-iter*) (incf inside))
            (incf iters k)))))
    (values inside iters)))

(multiple-value-bind (inside iters) (mandelbrot (argument 0 2000))
  (format t "inside: ~d~%iterations: ~d~%" inside iters))
