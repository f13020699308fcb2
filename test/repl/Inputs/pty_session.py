"""Drives `flc repl` through a pseudo-terminal, as a person at a keyboard would: types a form,
edits it with the arrow keys and backspace, recalls it from the history with the up arrow, and
leaves with Ctrl-D. Prints what the terminal showed and the history file flc wrote.
Usage: pty_session.py FLC HISTORY_FILE"""
import os
import pty
import select
import sys
import time

flc, history = sys.argv[1], sys.argv[2]
env = dict(os.environ, TERM="xterm", FLC_HISTORY=history)
pid, fd = pty.fork()
if pid == 0:
    os.execve(flc, [flc, "repl"], env)

screen = b""
seen = 0  # what the last read_until matched ends here


def read_until(marker, timeout=20.0):
    """Reads the terminal until `marker` appears after the previous marker."""
    global screen, seen
    deadline = time.time() + timeout
    while marker not in screen[seen:]:
        left = deadline - time.time()
        if left <= 0:
            sys.exit("timed out waiting for %r; the terminal showed:\n%s" % (marker, screen.decode(errors="replace")))
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
    seen = screen.index(marker, seen) + len(marker)


def keys(*groups):
    """Types like a person: a pause between groups (libedit in a UTF-8 locale takes an escape
    sequence arriving in one read with other keys as plain characters)."""
    for g in groups:
        os.write(fd, g)
        time.sleep(0.2)


LEFT, UP = b"\x1b[D", b"\x1b[A"
read_until(b"fl> ")
os.write(fd, b"(define x 6)\r")
read_until(b"fl> ")
keys(b"(* x 8)", LEFT, b"\x7f", b"7\r")  # typed wrong; before ')', delete the 8, type 7
read_until(b"42")
read_until(b"fl> ")
os.write(fd, b"(list 1\r")     # a form over two lines: the continuation prompt
read_until(b"... ")
os.write(fd, b"2)\r")
read_until(b"(1 2)")
read_until(b"fl> ")
keys(UP, UP, b"\r")           # the history: (* x 7) again
read_until(b"42")
read_until(b"fl> ")
os.write(fd, b"\x04")          # Ctrl-D ends the session
_, status = os.waitpid(pid, 0)
print(screen.decode(errors="replace").replace("\r", ""))
print("exit status:", os.waitstatus_to_exitcode(status))
with open(history) as h:
    print("history:", h.read().replace("\\040", " ").replace("\\012", "\n"))
