;; sieve: Chez Scheme counterpart of sieve.fl: the classic functional sieve with filter and a
;; lambda capturing p.
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define (sieve xs)
  (if (null? xs)
      '()
      (let ((p (car xs)))
        (cons p (sieve (filter (lambda (x) (not (= 0 (modulo x p)))) (cdr xs)))))))

(let* ((n (arg 0 150000))
       (primes (sieve (map (lambda (i) (+ i 2)) (iota (max 0 (- n 2)))))))
  (format #t "~a ~a ~a~%" (length primes) (car (last-pair primes)) (fold-left + 0 primes)))
