;; loop: Chez Scheme counterpart of loop.fl (a self tail call).
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define (loop i n acc)
  (if (= i n)
      acc
      (let ((s (+ acc i)))
        (loop (+ i 1) n (if (>= s 1000000007) (- s 1000000007) s)))))

(display (loop 0 (arg 0 100000000) 0))
(newline)
