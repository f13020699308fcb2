;; nqueens: Chez Scheme counterpart of nqueens.fl: placed queens in a list (nearest first), a
;; recursive safe? over it, fold-left over (iota n) with a lambda capturing the placed queens.
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define (safe? col placed dist)
  (or (null? placed)
      (let ((q (car placed)))
        (and (not (= q col))
             (not (= (abs (- q col)) dist))
             (safe? col (cdr placed) (+ dist 1))))))

(define (queens n)
  (let place ((row 0) (placed '()))
    (if (= row n)
        1
        (fold-left (lambda (count col)
                     (if (safe? col placed 1)
                         (+ count (place (+ row 1) (cons col placed)))
                         count))
                   0
                   (iota n)))))

(display (queens (arg 0 13)))
(newline)
