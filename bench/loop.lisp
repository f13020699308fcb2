;;; loop: SBCL counterpart of loop.fl (a LOOP, as a Lisp programmer writes it).
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun sum-loop (n)
  (let ((acc 0))
    (loop for i from 0 below n
          do (let ((s (+ acc i)))
               (setf acc (if (>= s 1000000007) (- s 1000000007) s))))
    acc))

(format t "~d~%" (sum-loop (argument 0 100000000)))
