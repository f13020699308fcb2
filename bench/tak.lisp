;;; tak: SBCL counterpart of tak.fl.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun tak (x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(format t "~d~%" (tak (argument 0 30) (argument 1 20) (argument 2 10)))
