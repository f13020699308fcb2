;;; wordfreq: SBCL counterpart of wordfreq.fl: the same generated text (same LCG, same draws),
;;; each line joined with spaces and split again, words counted in an EQUAL hash table, sorted.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defvar *seed* 12345)

(defun random-below (n)
  (setf *seed* (mod (+ (* *seed* 1103515245) 12345) 2147483648))
  (mod (floor *seed* 65536) n))

(defparameter *letters* "etaoinsh")

(defun random-word ()
  (let ((word ""))
    (dotimes (i (+ 1 (random-below 4)) word)
      (setf word (concatenate 'string word (string (char *letters* (random-below 8))))))))

(defun random-line (words)
  (let ((acc '()))
    (dotimes (i words) (push (random-word) acc))
    (format nil "~{~a~^ ~}" acc)))

(defun split (line ch)
  (loop for start = 0 then (1+ end)
        for end = (position ch line :start start)
        collect (subseq line start end)
        while end))

(defun more-frequent-p (a b)
  (or (> (cdr a) (cdr b))
      (and (= (cdr a) (cdr b)) (string< (car a) (car b)))))

(let ((lines (argument 0 1000))
      (words (argument 1 10000))
      (counts (make-hash-table :test 'equal)))
  (dotimes (i lines)
    (dolist (w (split (random-line words) #\Space))
      (incf (gethash w counts 0))))
  (let ((entries (loop for w being the hash-keys of counts using (hash-value c) collect (cons w c))))
    (format t "words: ~d distinct: ~d~%" (reduce #'+ entries :key #'cdr) (length entries))
    (loop for (w . c) in (sort entries #'more-frequent-p)
          repeat 10
          do (format t "~a ~d~%" w c))))
