# gdb support for FluentAI programs built with `flc build -g`.
#
#   (gdb) source PREFIX/share/fluentai/gdb/flc_gdb.py      (or add it to ~/.gdbinit)
#
# Variables of type fl_value (the tagged words of FluentAI values: lists, strings, tagged values,
# boxed numbers ...) print in FluentAI's write form, e.g. `xs = (1 2 3)`, `s = "hi"`. Int, Float
# and Bool variables held unboxed are plain 64-bit integers, doubles and booleans already.
# The text comes from the program itself (flrt_debug_write in the runtime), so it needs a live
# process; in a core file the raw word is shown.
import gdb


class FlValuePrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        word = int(self.val) & 0xFFFFFFFFFFFFFFFF
        # A variable read before it is set holds any word; should printing it fault, gdb
        # abandons the call instead of stopping inside it.
        unwind = gdb.parameter("unwindonsignal")
        gdb.execute("set unwindonsignal on", to_string=True)
        try:
            text = gdb.parse_and_eval("((const char *(*)(unsigned long))flrt_debug_write)(%dUL)" % word)
            return text.string()
        except gdb.error:
            return "fl_value 0x%x" % word
        finally:
            gdb.execute("set unwindonsignal %s" % ("on" if unwind else "off"), to_string=True)


def flc_lookup(val):
    if str(val.type.unqualified()) == "fl_value":
        return FlValuePrinter(val)
    return None


gdb.pretty_printers.append(flc_lookup)
