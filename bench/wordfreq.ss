;; wordfreq: Chez Scheme counterpart of wordfreq.fl: the same generated text (same LCG, same
;; draws), each line joined with spaces and split again, words counted in a string hashtable,
;; sorted with list-sort.
(define (arg i default)
  (let ((args (cdr (command-line))))
    (if (> (length args) i) (string->number (list-ref args i)) default)))

(define seed 12345)

(define (random-below n)
  (set! seed (modulo (+ (* seed 1103515245) 12345) 2147483648))
  (modulo (quotient seed 65536) n))

(define letters "etaoinsh")

(define (random-word)
  (let loop ((k (+ 1 (random-below 4))) (word ""))
    (if (= k 0)
        word
        (loop (- k 1) (string-append word (string (string-ref letters (random-below 8))))))))

(define (random-line words)
  (let loop ((i 0) (acc '()))
    (if (= i words)
        (join " " acc)
        (loop (+ i 1) (cons (random-word) acc)))))

(define (join sep strings)
  (if (null? strings)
      ""
      (apply string-append (car strings) (map (lambda (s) (string-append sep s)) (cdr strings)))))

(define (split line ch)
  (let loop ((i (- (string-length line) 1)) (end (string-length line)) (acc '()))
    (cond ((< i 0) (cons (substring line 0 end) acc))
          ((char=? (string-ref line i) ch) (loop (- i 1) i (cons (substring line (+ i 1) end) acc)))
          (else (loop (- i 1) end acc)))))

(define (count-words! counts line)
  (for-each (lambda (w) (hashtable-update! counts w (lambda (c) (+ c 1)) 0))
            (split line #\space)))

(define (more-frequent? a b)
  (or (> (cdr a) (cdr b))
      (and (= (cdr a) (cdr b)) (string<? (car a) (car b)))))

(let* ((lines (arg 0 1000))
       (words (arg 1 10000))
       (counts (make-hashtable string-hash string=?)))
  (do ((i 0 (+ i 1))) ((= i lines))
    (count-words! counts (random-line words)))
  (let-values (((keys vals) (hashtable-entries counts)))
    (let ((entries (map cons (vector->list keys) (vector->list vals))))
      (format #t "words: ~a distinct: ~a~%" (fold-left + 0 (map cdr entries)) (length entries))
      (let loop ((es (list-sort more-frequent? entries)) (k 10))
        (unless (or (null? es) (= k 0))
          (format #t "~a ~a~%" (caar es) (cdar es))
          (loop (cdr es) (- k 1)))))))
