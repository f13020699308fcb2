;; mandelbrot: Chez Scheme counterpart of mandelbrot.fl: the inner loop is a named let over
;; flonums reading the enclosing procedure's cr and ci (generic arithmetic, as written by hand).
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define max-iter 50)

(define (escape-time cr ci)
  (let loop ((zr 0.0) (zi 0.0) (i 0))
    (cond ((= i max-iter) i)
          ((> (+ (* zr zr) (* zi zi)) 4.0) i)
          (else (loop (+ (- (* zr zr) (* zi zi)) cr)
                      (+ (* 2.0 zr zi) ci)
                      (+ i 1))))))

(define (mandelbrot n)
  (let rows ((y 0) (inside 0) (iters 0))
    (if (= y n)
        (values inside iters)
        (let ((ci (- (/ (* 2.0 y) n) 1.0)))
          (let cols ((x 0) (inside inside) (iters iters))
            (if (= x n)
                (rows (+ y 1) inside iters)
                (let ((k (escape-time (- (/ (* 2.0 x) n) 1.5) ci)))
                  (cols (+ x 1)
                        (if (= k max-iter) (+ inside 1) inside)
                        (+ iters k)))))))))

(let-values (((inside iters) (mandelbrot (arg 0 2000))))
  (format #t "inside: ~a~%iterations: ~a~%" inside iters))
