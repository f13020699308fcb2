"""Checks that the man page (argv[1]) documents every option flc's --help texts (argv[2:]) list."""
import re
import sys

man = open(sys.argv[1], encoding="utf-8").read().replace("\\-", "-")
missing = []
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])(?![\w-])", text))):
        if opt in ("-h",):  # documented together with --help
            continue
        if opt not in man:
            missing.append("%s (from %s)" % (opt, path))
for sub in ("build", "run", "check", "repl"):
    if ".B " + sub not in man:
        missing.append("subcommand " + sub)
if missing:
    print("flc.1 does not document:\n  " + "\n  ".join(missing))
    sys.exit(1)
print("flc.1 documents every option")
