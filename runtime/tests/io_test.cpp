// §12.10: print functions, read-line, command-line, exit, files and time; the program stack.
#include <fcntl.h>
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"

using namespace flt;

TEST(IO, PrintFunctionsUseDisplayForms) {
  EXPECT_EQ(capture_stdout([] { CALL(PRINT_LINE, S("hello"), I(42)); }), "hello 42\n");
  EXPECT_EQ(capture_stdout([] { CALL(PRINT, S("a"), S("b")); }), "a b");
  EXPECT_EQ(capture_stdout([] { CALL(PRINT_LINE); }), "\n");
  EXPECT_EQ(capture_stdout([] { CALL(NEWLINE); }), "\n");
  EXPECT_EQ(capture_stdout([] { CALL(PRINT_LINE, L({S("x\ny")}), FL_NIL); }), "(\"x\\ny\") nil\n");
  EXPECT_EQ(capture_stdout([] {
              CALL(PRINT_LINE, F(3.0), F(0.1), F(1e21), F(1.5e-7), F(NAN), F(-INFINITY));
            }),
            "3 0.1 1000000000000000000000 0.00000015 NaN -inf\n");
  EXPECT_EQ(capture_stdout([] { CALL(PRINT_LINE, S("hi"), L({S("hi"), flrt_intern_symbol(S("hi")), F(1.0), FL_NIL, FL_TRUE})); }),
            "hi (\"hi\" hi 1 nil #t)\n");
  EXPECT_EQ(CALL(PRINT, S("x")), FL_NIL);
  flrt_stdout_flush();
}

TEST(IO, AliasesPrintWithTheirOwnName) {
  fl_value display = flrt_builtin_value(FL_B_PRINT, "display");
  EXPECT_EQ(W(display), "#<function display>");
  fl_value arg = S("z");
  EXPECT_EQ(capture_stdout([&] { flrt_call(display, 1, &arg); }), "z");
}

// Runs fn in a child whose stdin is `input`; returns what the child printed on stdout.
template <class Fn>
static std::string with_stdin(const std::string &input, Fn fn) {
  int in[2], out[2];
  EXPECT_EQ(pipe(in), 0);
  EXPECT_EQ(pipe(out), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    fn();
    flrt_exit(0);
  }
  close(in[0]);
  close(out[1]);
  EXPECT_EQ(write(in[1], input.data(), input.size()), (ssize_t)input.size());
  close(in[1]);
  std::string res;
  char buf[4096];
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0) res.append(buf, (size_t)n);
  close(out[0]);
  waitpid(pid, nullptr, 0);
  return res;
}

TEST(IO, ReadLine) {
  auto echo_lines = [] {
    for (;;) {
      fl_value line = CALL(READ_LINE);
      CALL(PRINT_LINE, flrt_write_string(line));
      if (line == FL_NIL) break;
    }
  };
  EXPECT_EQ(with_stdin("a\nbc\r\n\nlast", echo_lines), "\"a\"\n\"bc\"\n\"\"\n\"last\"\nnil\n");
  EXPECT_EQ(with_stdin("", echo_lines), "nil\n");
  EXPECT_EQ(with_stdin("x\n", echo_lines), "\"x\"\nnil\n");
  EXPECT_EQ(with_stdin("bad\xff utf8\n", echo_lines), "\"bad\xEF\xBF\xBD utf8\"\nnil\n");
  std::string longline(200000, 'q');
  EXPECT_EQ(with_stdin(longline + "\nz\n", [] {
              fl_value l = CALL(READ_LINE);
              CALL(PRINT_LINE, CALL(STRING_LENGTH, l), CALL(READ_LINE));
            }),
            "200000 z\n");
  // output written before read-line is flushed first (prompting works)
  EXPECT_EQ(with_stdin("n\n", [] {
              CALL(PRINT, S("name? "));
              CALL(PRINT_LINE, CALL(READ_LINE));
            }),
            "name? n\n");
}

TEST(IO, CommandLine) {
  char a0[] = "prog", a1[] = "x", a2[] = "y z", a3[] = "\xff";
  char *argv[] = {a0, a1, a2, a3, nullptr};
  int old_argc = flrt_argc;
  char **old_argv = flrt_argv;
  flrt_argc = 4;
  flrt_argv = argv;
  EXPECT_EQ(W(CALL(COMMAND_LINE)), "(\"x\" \"y z\" \"\xEF\xBF\xBD\")");
  flrt_argc = 1;
  EXPECT_EQ(W(CALL(COMMAND_LINE)), "()");
  flrt_argc = old_argc;
  flrt_argv = old_argv;
}

TEST(IODeathTest, ExitFlushesAndUsesTheStatus) {
  EXPECT_EXIT(
      {
        flrt_sb_puts(&flrt_stdout, "bye\n");
        CALL(EXIT, I(3));
      },
      testing::ExitedWithCode(3), "");
  EXPECT_EXIT(CALL(EXIT), testing::ExitedWithCode(0), "");
  EXPECT_EXIT(CALL(EXIT, I(255)), testing::ExitedWithCode(255), "");
  EXPECT_EQ(raised([] { CALL(EXIT, I(256)); }), "value-error");
  EXPECT_EQ(raised([] { CALL(EXIT, I(-1)); }), "value-error");
  EXPECT_EQ(raised([] { CALL(EXIT, S("1")); }), "value-error");  // §19: any invalid argument
  EXPECT_EQ(with_stdin("", [] {
              CALL(PRINT_LINE, S("bye"));
              CALL(EXIT, I(0));
              CALL(PRINT_LINE, S("never"));
            }),
            "bye\n");
}

TEST(IO, Files) {
  char tmpl[] = "/tmp/flrt_io_XXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  fl_value path = S(tmpl);
  EXPECT_EQ(CALL(FILE_WRITE, path, S("héllo ")), FL_NIL);
  EXPECT_EQ(CALL(FILE_APPEND, path, L({I(1), S("x")})), FL_NIL);
  EXPECT_EQ(W(CALL(FILE_READ, path)), "\"héllo (1 \\\"x\\\")\"");
  EXPECT_EQ(CALL(FILE_EXISTS_P, path), FL_TRUE);
  unlink(tmpl);
  EXPECT_EQ(CALL(FILE_EXISTS_P, path), FL_FALSE);
  EXPECT_EQ(raised([&] { CALL(FILE_READ, path); }), "io-error");
  EXPECT_EQ(raised([] { CALL(FILE_WRITE, S("/nonexistent-dir/x"), S("a")); }), "io-error");
  EXPECT_EQ(raised([] { CALL(FILE_READ, I(1)); }), "type-error");
  EXPECT_EQ(CALL(FILE_EXISTS_P, S(std::string("a\0b", 3))), FL_FALSE);
}

TEST(IO, Time) {
  int64_t t0 = flrt_unbox_int(CALL(CURRENT_MILLIS));
  EXPECT_GT(t0, INT64_C(1600000000000));
  EXPECT_EQ(CALL(SLEEP, I(5)), FL_NIL);
  EXPECT_GE(flrt_unbox_int(CALL(CURRENT_MILLIS)) - t0, 5);
  EXPECT_NEAR((double)flrt_unbox_int(CALL(CURRENT_TIME)), t0 / 1000.0, 2.0);
  EXPECT_EQ(raised([] { CALL(SLEEP, I(-1)); }), "value-error");
  EXPECT_EQ(raised([] { CALL(SLEEP, F(1.0)); }), "value-error");
}

// The program stack: 1,000,000 nested non-tail calls fit; unbounded recursion is reported.
static int64_t (*volatile depth_ptr)(int64_t, int64_t, int64_t, int64_t);
static int64_t depth(int64_t n, int64_t a, int64_t b, int64_t c) {
  if (n == 0) return 0;
  return 1 + depth_ptr(n - 1, a + 1, b, c) + (a & 0);
}
static void deep_ok() {
  char buf[32];
  depth_ptr = depth;
  snprintf(buf, sizeof buf, "%lld\n", (long long)depth(1000000, 0, 0, 0));
  flrt_sb_puts(&flrt_stdout, buf);
}
static void deep_overflow() {
  flrt_sb_puts(&flrt_stdout, "before\n");
  recurse_forever();
}

TEST(ProgramDeathTest, DeepRecursionFits) {
  EXPECT_EXIT(
      {
        flrt_run_on_program_stack(deep_ok);
        flrt_exit(0);
      },
      testing::ExitedWithCode(0), "");
}

TEST(ProgramDeathTest, StackOverflowIsReported) {
#ifdef FLRT_TEST_ASAN
  // AddressSanitizer adds a warning about the 1 GiB program stack after the report.
  EXPECT_EXIT(flrt_run_on_program_stack(deep_overflow), testing::ExitedWithCode(1),
              "^error: stack-overflow: stack depth limit exceeded\n");
#else
  EXPECT_EXIT(flrt_run_on_program_stack(deep_overflow), testing::ExitedWithCode(1),
              "^error: stack-overflow: stack depth limit exceeded\n$");
#endif
}

TEST(ProgramDeathTest, OtherSegfaultsStaySegfaults) {
  EXPECT_EXIT(flrt_run_on_program_stack([] { *(volatile int *)16 = 1; }),
              testing::KilledBySignal(SIGSEGV), "");
}
