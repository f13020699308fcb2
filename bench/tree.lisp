;;; tree: SBCL counterpart of tree.fl: nodes are structures, Leaf is nil.
(defstruct (node (:constructor make-node (left value right))) left value right)

(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun build (depth start)
  (if (= depth 0)
      nil
      (make-node (build (- depth 1) (* 2 start)) start (build (- depth 1) (+ (* 2 start) 1)))))

(defun total (tr)
  (cond ((null tr) 0)
        ((and (null (node-left tr)) (null (node-right tr))) (node-value tr))
        (t (+ (node-value tr) (total (node-left tr)) (total (node-right tr))))))

(let ((depth (argument 0 20)) (acc 0))
  (loop for r from (argument 1 10) downto 1 do (incf acc (total (build depth r))))
  (format t "~d~%" acc))
