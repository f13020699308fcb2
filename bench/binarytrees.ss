;; binarytrees: the benchmarks-game binary-trees in Chez Scheme (a node is a pair of subtrees,
;; a leaf is '()), the same output as binarytrees.fl.
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define (make depth)
  (if (= depth 0)
      (cons '() '())
      (cons (make (- depth 1)) (make (- depth 1)))))

(define (check tree)
  (if (null? tree)
      0
      (+ 1 (check (car tree)) (check (cdr tree)))))

(define min-depth 4)

(define (main n)
  (let* ((max-depth (max (+ min-depth 2) n))
         (stretch (+ max-depth 1)))
    (format #t "stretch tree of depth ~a\t check: ~a~%" stretch (check (make stretch)))
    (let ((long-lived (make max-depth)))
      (do ((depth min-depth (+ depth 2))) ((> depth max-depth))
        (let* ((iterations (expt 2 (+ (- max-depth depth) min-depth)))
               (total (let sum ((i 0) (acc 0))
                        (if (= i iterations) acc (sum (+ i 1) (+ acc (check (make depth))))))))
          (format #t "~a\t trees of depth ~a\t check: ~a~%" iterations depth total)))
      (format #t "long lived tree of depth ~a\t check: ~a~%" max-depth (check long-lived)))))

(main (arg 0 17))
