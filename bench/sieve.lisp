;;; sieve: SBCL counterpart of sieve.fl: the classic functional sieve with remove-if and a lambda
;;; capturing p. A LOOP collects the primes: written as one recursive call per prime, every frame
;;; keeps its list alive (conservative stack scanning) and SBCL exhausts its default heap.
(defun argument (i default)
  (let ((args (rest sb-ext:*posix-argv*)))
    (if (> (length args) i) (parse-integer (nth i args)) default)))

(defun sieve (xs)
  (loop while xs
        collect (let ((p (first xs)))
                  (setf xs (remove-if (lambda (x) (zerop (mod x p))) (rest xs)))
                  p)))

(let ((primes (sieve (loop for i from 2 below (argument 0 150000) collect i))))
  (format t "~d ~d ~d~%" (length primes) (car (last primes)) (reduce #'+ primes)))
