;;; floatsum: SBCL counterpart of floatsum.fl (a LOOP over double-floats). SBCL prints a double
;;; as the shortest decimal that reads back exactly, as FluentAI does.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun leibniz (n)
  (let ((acc 0d0) (sign 1d0))
    (loop for k from 0 below n
          do (setf acc (+ acc (/ sign (+ (* 2d0 k) 1d0)))
                   sign (- sign)))
    acc))

(let ((*read-default-float-format* 'double-float))
  (format t "~a~%" (* 4d0 (leibniz (argument 0 100000000)))))
