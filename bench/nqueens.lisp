;;; nqueens: SBCL counterpart of nqueens.fl: placed queens in a list (nearest first), a
;;; recursive safe-p over it, REDUCE over the columns with a lambda capturing the placed queens.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun safe-p (col placed dist)
  (or (null placed)
      (let ((q (first placed)))
        (and (/= q col)
             (/= (abs (- q col)) dist)
             (safe-p col (rest placed) (+ dist 1))))))

(defun queens (n)
  (let ((columns (loop for i below n collect i)))
    (labels ((place (row placed)
               (if (= row n)
                   1
                   (reduce (lambda (count col)
                             (if (safe-p col placed 1)
                                 (+ count (place (+ row 1) (cons col placed)))
                                 count))
                           columns :initial-value 0))))
      (place 0 '()))))

(format t "~d~%" (queens (argument 0 13)))
