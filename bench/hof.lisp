;;; hof: SBCL counterpart of hof.fl: mapcar, remove-if-not and reduce with lambdas.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun run (n k)
  (let ((acc 0))
    (dotimes (r k acc)
      (incf acc (reduce #'+ (remove-if-not (lambda (x) (zerop (mod x 3)))
                                           (mapcar (lambda (x) (* x 2))
                                                   (loop for i below n collect i)))
                        :initial-value 0)))))

(format t "~d~%" (run (argument 0 1000000) (argument 1 10)))
