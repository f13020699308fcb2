# lldb support for FluentAI programs built with `flc build -g`.
#
#   (lldb) command script import PREFIX/share/fluentai/lldb/flc_lldb.py   (or in ~/.lldbinit)
#
# Variables of type fl_value (the tagged words of FluentAI values) show FluentAI's write form as
# their summary, e.g. `(fl_value) xs = 94249... (1 2 3)`. The text comes from the program itself
# (flrt_debug_write in the runtime), so it needs a live process.
import lldb

CALL = "((const char *(*)(unsigned long))flrt_debug_write)(%dUL)"


def fl_value_summary(valobj, internal_dict):
    word = valobj.GetValueAsUnsigned()
    frame = valobj.GetFrame()
    if not frame.IsValid():
        return None
    opts = lldb.SBExpressionOptions()
    opts.SetUnwindOnError(True)  # a variable not set yet may hold any word
    opts.SetIgnoreBreakpoints(True)
    opts.SetTimeoutInMicroSeconds(2000000)
    result = frame.EvaluateExpression(CALL % word, opts)
    if not result.GetError().Success():
        return None
    error = lldb.SBError()
    text = frame.GetThread().GetProcess().ReadCStringFromMemory(result.GetValueAsUnsigned(), 4096, error)
    return text if error.Success() else None


def __lldb_init_module(debugger, internal_dict):
    debugger.HandleCommand("type summary add -F %s.fl_value_summary fl_value" % __name__)
