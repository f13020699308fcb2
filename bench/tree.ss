;; tree: Chez Scheme counterpart of tree.fl: nodes are records, Leaf is '().
(define-record-type node (fields left value right))

(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define (build depth start)
  (if (= depth 0)
      '()
      (make-node (build (- depth 1) (* 2 start)) start (build (- depth 1) (+ (* 2 start) 1)))))

(define (total t)
  (cond ((null? t) 0)
        ((and (null? (node-left t)) (null? (node-right t))) (node-value t))
        (else (+ (node-value t) (total (node-left t)) (total (node-right t))))))

(define (run depth rounds acc)
  (if (= rounds 0) acc (run depth (- rounds 1) (+ acc (total (build depth rounds))))))

(display (run (arg 0 20) (arg 1 10) 0))
(newline)
