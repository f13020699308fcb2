;; floatsum: Chez Scheme counterpart of floatsum.fl (Chez prints flonums as the shortest decimal
;; that reads back exactly, as FluentAI does).
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define (leibniz k n sign acc)
  (if (= k n)
      acc
      (leibniz (+ k 1) n (- sign) (+ acc (/ sign (+ (* 2.0 k) 1.0))))))

(display (* 4.0 (leibniz 0 (arg 0 100000000) 1.0 0.0)))
(newline)
