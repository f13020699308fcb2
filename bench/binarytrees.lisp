;;; binarytrees: the benchmarks-game binary-trees in SBCL (a node is a cons of subtrees, a leaf
;;; is nil), the same output as binarytrees.fl.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun make (depth)
  (if (= depth 0)
      (cons nil nil)
      (cons (make (- depth 1)) (make (- depth 1)))))

(defun check (tree)
  (if (null tree)
      0
      (+ 1 (check (car tree)) (check (cdr tree)))))

(defconstant +min-depth+ 4)

(defun main (n)
  (let* ((max-depth (max (+ +min-depth+ 2) n))
         (stretch (+ max-depth 1)))
    (format t "stretch tree of depth ~d~c check: ~d~%" stretch #\Tab (check (make stretch)))
    (let ((long-lived (make max-depth)))
      (loop for depth from +min-depth+ to max-depth by 2
            do (let ((iterations (expt 2 (+ (- max-depth depth) +min-depth+)))
                     (total 0))
                 (dotimes (i iterations) (incf total (check (make depth))))
                 (format t "~d~c trees of depth ~d~c check: ~d~%"
                         iterations #\Tab depth #\Tab total)))
      (format t "long lived tree of depth ~d~c check: ~d~%" max-depth #\Tab (check long-lived)))))

(main (argument 0 17))
