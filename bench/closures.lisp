;;; closures: SBCL counterpart of closures.fl: the same generated expression (same LCG, same
;;; draws), parsed each round by parser combinators over a list of characters that return
;;; (value . rest) or nil; the value is a closure tree, a function of x, called for `evals`
;;; values of x.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defvar *seed* 2024)

(defun random-below (n)
  (setf *seed* (mod (+ (* *seed* 1103515245) 12345) 2147483648))
  (mod (floor *seed* 65536) n))

(declaim (ftype function gen-expr))

(defun gen-factor (depth)
  (let ((r (random-below 10)))
    (cond ((and (> depth 0) (< r 2))
           (let ((terms (+ 1 (random-below 3))))
             (concatenate 'string "(" (gen-expr (- depth 1) terms) ")")))
          ((< r 5) "x")
          (t (format nil "~d" (random-below 1000))))))

(defun gen-term (depth)
  (let* ((k (random-below 3))
         (acc (gen-factor depth)))
    (dotimes (i k acc)
      (setf acc (concatenate 'string acc "*" (gen-factor depth))))))

(defun gen-expr (depth terms)
  (let ((acc (gen-term depth)))
    (loop repeat (- terms 1)
          do (let* ((op (if (= 0 (random-below 2)) "+" "-"))
                    (term (gen-term depth)))
               (setf acc (concatenate 'string acc op term))))
    acc))

;;; ---- parser combinators: a parser maps a list of characters to (value . rest) or nil
(defun pure (v) (lambda (input) (cons v input)))

(defun satisfy (ok)
  (lambda (input)
    (and input (funcall ok (first input)) (cons (first input) (rest input)))))

(defun bind (p f)
  (lambda (input)
    (let ((r (funcall p input)))
      (and r (funcall (funcall f (car r)) (cdr r))))))

(defun alt (p q)
  (lambda (input)
    (or (funcall p input) (funcall q input))))

(defun many (p)
  (lambda (input)
    (loop with acc = '()
          for r = (funcall p input)
          while r
          do (push (car r) acc) (setf input (cdr r))
          finally (return (cons (nreverse acc) input)))))

(defun many1 (p)
  (bind p (lambda (x) (bind (many p) (lambda (xs) (pure (cons x xs)))))))

(defun chainl1 (p op)
  (labels ((more (acc)
             (alt (bind op (lambda (f) (bind p (lambda (y) (more (funcall f acc y))))))
                  (pure acc))))
    (bind p #'more)))

(defun literal (c) (satisfy (lambda (d) (char= c d))))

;;; ---- the grammar; every value is a function of x
(defconstant +modulus+ 1000003)

(defparameter *number*
  (bind (many1 (satisfy #'digit-char-p))
        (lambda (digits)
          (let ((n (reduce (lambda (n d) (+ (* n 10) (digit-char-p d))) digits :initial-value 0)))
            (pure (lambda (x) (declare (ignore x)) n))))))

(defparameter *variable* (bind (literal #\x) (lambda (c) (declare (ignore c)) (pure (lambda (x) x)))))

(defun operator (symbol combine)
  (bind (literal symbol)
        (lambda (c)
          (declare (ignore c))
          (pure (lambda (f g)
                  (lambda (x) (mod (funcall combine (funcall f x) (funcall g x)) +modulus+)))))))

(defun parens (p)
  (bind (literal #\() (lambda (c) (declare (ignore c))
                        (bind p (lambda (v) (bind (literal #\)) (lambda (c) (declare (ignore c))
                                                                   (pure v))))))))

(defvar *expr*)
(defparameter *factor*
  (alt *number* (alt *variable* (parens (lambda (input) (funcall *expr* input))))))
(defparameter *term* (chainl1 *factor* (operator #\* #'*)))
(setf *expr* (chainl1 *term* (alt (operator #\+ #'+) (operator #\- #'-))))

(defun compile-text (text)
  (let ((r (funcall *expr* (coerce text 'list))))
    (if (and r (null (cdr r)))
        (car r)
        (error "syntax error"))))

(let* ((terms (argument 0 300))
       (rounds (argument 1 300))
       (evals (argument 2 100))
       (text (gen-expr 3 terms))
       (total 0))
  (format t "length: ~d start: ~a~%" (length text) (subseq text 0 (min 40 (length text))))
  (dotimes (r rounds)
    (let ((f (compile-text text)))
      (dotimes (x evals)
        (setf total (mod (+ total (funcall f (+ x r))) +modulus+)))))
  (format t "total: ~d~%" total))
