// Helpers for the libflrt unit tests (test code may use the C++ standard library).
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "internal.h"

namespace flt {

inline fl_value S(const std::string &s) { return flrt_string_from(s.data(), (int64_t)s.size()); }
inline fl_value I(int64_t i) { return flrt_box_int(i); }
inline fl_value F(double d) { return flrt_box_float(d); }
inline fl_value B(bool b) { return fl_bool(b); }

inline fl_value L(std::initializer_list<fl_value> xs) {
  std::vector<fl_value> v(xs);
  return flrt_list_from_array(v.data(), (int64_t)v.size());
}

inline std::string str_of(fl_value s) {
  fl_string *str = flrt_str(s);
  return std::string(str->data, (size_t)str->len);
}

// Write form / display form.
inline std::string W(fl_value v) { return str_of(flrt_write_string(v)); }
inline std::string D(fl_value v) { return str_of(flrt_display_string(v)); }

// Calls builtin `id` through its function object (so arity is checked like a real call).
inline fl_value call(int id, std::initializer_list<fl_value> args) {
  std::vector<fl_value> v(args);
  return flrt_call(flrt_builtin_value(id, nullptr), (int64_t)v.size(), v.data());
}

// The kind of the error raised by fn(), "" if it returned normally, or "throw:" + write form
// of a non-error thrown value. Uses the runtime's try frames like generated code does.
template <class Fn>
std::string raised(Fn fn) {
  flrt_try_frame frame;
  flrt_try_push(&frame);
  if (_setjmp(frame.jb) == 0) {
    fn();
    flrt_try_pop(&frame);
    return "";
  }
  fl_value t = frame.thrown;
  if (fl_has_kind(t, FL_K_ERROR)) return str_of(((fl_error_obj *)fl_obj(t))->kind);
  return "throw:" + W(t);
}

// The message of the error raised by fn() ("" if none).
template <class Fn>
std::string raised_message(Fn fn) {
  flrt_try_frame frame;
  flrt_try_push(&frame);
  if (_setjmp(frame.jb) == 0) {
    fn();
    flrt_try_pop(&frame);
    return "";
  }
  fl_value t = frame.thrown;
  if (fl_has_kind(t, FL_K_ERROR)) return str_of(((fl_error_obj *)fl_obj(t))->message);
  return "";
}

// Result of a builtin call in write form, or "error: KIND" if it raised.
inline std::string R(int id, std::initializer_list<fl_value> args) {
  std::string out;
  std::vector<fl_value> v(args);
  std::string k = raised([&] { out = W(flrt_call(flrt_builtin_value(id, nullptr), (int64_t)v.size(), v.data())); });
  return k.empty() ? out : "error: " + k;
}

// Captures what the runtime writes to its stdout buffer while fn runs.
template <class Fn>
std::string capture_stdout(Fn fn) {
  flrt_stdout_flush();
  int fd = flrt_stdout.fd;
  char *buf = flrt_stdout.buf;
  size_t cap = flrt_stdout.cap;
  flrt_stdout.fd = -1;
  flrt_stdout.buf = nullptr;
  flrt_stdout.len = flrt_stdout.cap = 0;
  fn();
  std::string out(flrt_stdout.buf ? flrt_stdout.buf : "", flrt_stdout.len);
  free(flrt_stdout.buf);
  flrt_stdout.fd = fd;
  flrt_stdout.buf = buf;
  flrt_stdout.len = 0;
  flrt_stdout.cap = cap;
  return out;
}

// Recurses without end through real frames (the call cannot become a loop): for tests of the
// stack-overflow guard.
inline int64_t (*volatile recurse_ptr)(int64_t);
inline int64_t recurse(int64_t n) {
  volatile char frame[64];
  frame[0] = (char)n;
  return 1 + recurse_ptr(n + 1) + frame[0];
}
inline void recurse_forever() {
  recurse_ptr = recurse;
  recurse(0);
}

// Runs fn in a child process, whose exit status is what fn returns; gives that status (-1 when
// the child did not exit) and what the child wrote on standard error, and on standard output
// too when with_stdout (otherwise standard output goes to /dev/null).
template <class Fn>
std::pair<int, std::string> in_child(Fn fn, bool with_stdout = false) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 2);
    int out = with_stdout ? fds[1] : open("/dev/null", O_WRONLY);
    if (out >= 0) dup2(out, 1);
    _exit(fn());
  }
  close(fds[1]);
  std::string text;
  char buf[256];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) text.append(buf, (size_t)n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

}  // namespace flt

// Under AddressSanitizer (gcc's or clang's), whose reports change what some tests see.
#if defined(__SANITIZE_ADDRESS__)
#define FLRT_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FLRT_TEST_ASAN 1
#endif
#endif

#define CALL(ID, ...) ::flt::call(FL_B_##ID, {__VA_ARGS__})
#define RES(ID, ...) ::flt::R(FL_B_##ID, {__VA_ARGS__})
