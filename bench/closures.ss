;; closures: Chez Scheme counterpart of closures.fl: the same generated expression (same LCG,
;; same draws), parsed each round by parser combinators over a list of chars that return
;; (value . rest) or #f; the value is a closure tree, a procedure of x, called for `evals`
;; values of x.
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define seed 2024)

(define (random-below n)
  (set! seed (modulo (+ (* seed 1103515245) 12345) 2147483648))
  (modulo (quotient seed 65536) n))

(define (gen-factor depth)
  (let ((r (random-below 10)))
    (cond ((and (> depth 0) (< r 2))
           (let ((terms (+ 1 (random-below 3))))
             (string-append "(" (gen-expr (- depth 1) terms) ")")))
          ((< r 5) "x")
          (else (number->string (random-below 1000))))))

(define (gen-term depth)
  (let* ((k (random-below 3)) (first (gen-factor depth)))
    (let loop ((k k) (acc first))
      (if (= k 0) acc (loop (- k 1) (let ((f (gen-factor depth))) (string-append acc "*" f)))))))

(define (gen-expr depth terms)
  (let loop ((k (- terms 1)) (acc (gen-term depth)))
    (if (= k 0)
        acc
        (let* ((op (if (= 0 (random-below 2)) "+" "-"))
               (t (gen-term depth)))
          (loop (- k 1) (string-append acc op t))))))

;; ---- parser combinators: a parser maps a list of chars to (value . rest) or #f
(define (pure v) (lambda (input) (cons v input)))

(define (satisfy ok?)
  (lambda (input)
    (and (pair? input) (ok? (car input)) (cons (car input) (cdr input)))))

(define (bind p f)
  (lambda (input)
    (let ((r (p input)))
      (and r ((f (car r)) (cdr r))))))

(define (alt p q)
  (lambda (input)
    (or (p input) (q input))))

(define (many p)
  (lambda (input)
    (let loop ((input input) (acc '()))
      (let ((r (p input)))
        (if r
            (loop (cdr r) (cons (car r) acc))
            (cons (reverse acc) input))))))

(define (many1 p)
  (bind p (lambda (x) (bind (many p) (lambda (xs) (pure (cons x xs)))))))

(define (chainl1 p op)
  (define (more acc)
    (alt (bind op (lambda (f) (bind p (lambda (y) (more (f acc y))))))
         (pure acc)))
  (bind p more))

(define (char c) (satisfy (lambda (d) (char=? c d))))

;; ---- the grammar; every value is a procedure of x
(define modulus 1000003)

(define number
  (bind (many1 (satisfy char-numeric?))
        (lambda (digits)
          (let ((n (fold-left (lambda (n d) (+ (* n 10) (- (char->integer d) 48))) 0 digits)))
            (pure (lambda (x) n))))))

(define variable (bind (char #\x) (lambda (_) (pure (lambda (x) x)))))

(define (operator symbol combine)
  (bind (char symbol)
        (lambda (_)
          (pure (lambda (f g) (lambda (x) (modulo (combine (f x) (g x)) modulus)))))))

(define (parens p)
  (bind (char #\() (lambda (_) (bind p (lambda (v) (bind (char #\)) (lambda (_) (pure v))))))))

(define factor (alt number (alt variable (parens (lambda (input) (expr input))))))
(define term (chainl1 factor (operator #\* *)))
(define expr (chainl1 term (alt (operator #\+ +) (operator #\- -))))

(define (compile-text text)
  (let ((r (expr (string->list text))))
    (if (and r (null? (cdr r)))
        (car r)
        (error 'compile-text "syntax error"))))

(let* ((terms (arg 0 300))
       (rounds (arg 1 300))
       (evals (arg 2 100))
       (text (gen-expr 3 terms)))
  (format #t "length: ~a start: ~a~%" (string-length text)
          (substring text 0 (min 40 (string-length text))))
  (let loop ((r 0) (total 0))
    (if (= r rounds)
        (format #t "total: ~a~%" total)
        (let ((f (compile-text text)))
          (loop (+ r 1)
                (let eval-all ((x 0) (total total))
                  (if (= x evals)
                      total
                      (eval-all (+ x 1) (modulo (+ total (f (+ x r))) modulus)))))))))
