"""Writes the program the stack-guard sweep runs: `PROG MODE DATA DEPTH` recurses DEPTH levels,
then makes a call with a large frame: with the argument `read`, the runtime's file-read; with
`wide`, a generated function whose frame holds a 4096-argument call (32 KiB). MODE `main`
recurses in the main task, `task` in a spawned task, `neighbour` in a spawned task whose stack
was mapped just before a neighbour task's stack (which sits right below its guard); the
neighbour runs again afterwards, so memory written below the guard would crash it or change
what it prints.  usage: stack_guard_prog.py read|wide"""
import sys

if sys.argv[1] == "read":
    bottom = "(define (bottom) (string-length (file-read path)))"
else:
    bottom = "(define (bottom) (length (list %s)))" % " ".join(["depth"] * 4096)
print(f"""(define (arg i) (nth (command-line) i))
(define path (arg 1))
{bottom}
(define (down n) (if (= n 0) (bottom) (+ 1 (down (- n 1)))))
(define depth (string->number (arg 2)))
(define (neighbour c n) (if (= n 0) (recv! c) (+ n (neighbour c (- n 1)))))
(cond
  ((= (arg 0) "main") (print-line (down depth)))
  ((= (arg 0) "task") (print-line (await (spawn (down depth)))))
  (else
    (let* ((go (chan 1))
           (wake (chan 1))
           (deep (spawn (recv! go) (down depth)))
           (next (spawn (send! go 1) (neighbour wake 100))))
      (print-line (await deep))
      (send! wake 7)
      (print-line (if (= (await next) 5057) "neighbour ok" "neighbour corrupted")))))""")
