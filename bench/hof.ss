;; hof: Chez Scheme counterpart of hof.fl: map, filter, fold-left with lambdas over (iota n).
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define (run n k acc)
  (if (= k 0)
      acc
      (run n (- k 1)
           (+ acc (fold-left + 0 (filter (lambda (x) (= 0 (modulo x 3)))
                                         (map (lambda (x) (* x 2)) (iota n))))))))

(display (run (arg 0 1000000) (arg 1 10) 0))
(newline)
