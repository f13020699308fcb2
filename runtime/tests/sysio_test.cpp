// §20.6: getenv, list-dir, delete-file and file-size (the default behaviour of their io
// operations), called as builtins and through flrt_effect_default.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"

using namespace flt;

namespace {

// A fresh directory under /tmp, removed (with the files the test left in it) at the end.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/flrt_sysio_XXXXXX";
    path = mkdtemp(tmpl) ? tmpl : "";
  }
  ~TempDir() { EXPECT_EQ(system(("rm -rf '" + path + "'").c_str()), 0); }
  std::string file(const std::string &name, const std::string &contents) const {
    std::string p = path + "/" + name;
    int fd = open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(write(fd, contents.data(), contents.size()), (ssize_t)contents.size());
    close(fd);
    return p;
  }
};

}  // namespace

TEST(SysIO, Getenv) {
  ASSERT_EQ(setenv("FLRT_SYSIO_TEST", "v=1 é", 1), 0);
  EXPECT_EQ(W(CALL(GETENV, S("FLRT_SYSIO_TEST"))), "\"v=1 é\"");
  ASSERT_EQ(setenv("FLRT_SYSIO_TEST", "a\xff" "b\xe2\x82", 1), 0);  // invalid UTF-8 -> U+FFFD
  EXPECT_EQ(W(CALL(GETENV, S("FLRT_SYSIO_TEST"))), "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"");
  ASSERT_EQ(setenv("FLRT_SYSIO_TEST", "", 1), 0);
  EXPECT_EQ(W(CALL(GETENV, S("FLRT_SYSIO_TEST"))), "\"\"");
  unsetenv("FLRT_SYSIO_TEST");
  EXPECT_EQ(CALL(GETENV, S("FLRT_SYSIO_TEST")), FL_NIL);
  // names no variable can have
  EXPECT_EQ(CALL(GETENV, S("")), FL_NIL);
  EXPECT_EQ(CALL(GETENV, S("PATH=x")), FL_NIL);
  EXPECT_EQ(CALL(GETENV, S("=")), FL_NIL);
  EXPECT_EQ(CALL(GETENV, S(std::string("PATH\0", 5))), FL_NIL);
  EXPECT_NE(CALL(GETENV, S("PATH")), FL_NIL);
  EXPECT_EQ(raised([] { CALL(GETENV, I(1)); }), "type-error");
  EXPECT_EQ(raised([] { CALL(GETENV, flrt_intern_symbol(S("PATH"))); }), "type-error");
  EXPECT_EQ(raised([] { CALL(GETENV); }), "arity-error");
}

TEST(SysIO, ListDirIsSortedByCodePoint) {
  TempDir d;
  ASSERT_FALSE(d.path.empty());
  EXPECT_EQ(W(CALL(LIST_DIR, S(d.path))), "()");
  for (const char *name : {"b", "a", "Z", "é", ".hidden", "a0", "\xff", "~"}) d.file(name, "");
  ASSERT_EQ(mkdir((d.path + "/sub").c_str(), 0755), 0);
  ASSERT_EQ(symlink("nowhere", (d.path + "/link").c_str()), 0);
  EXPECT_EQ(W(CALL(LIST_DIR, S(d.path))),
            "(\".hidden\" \"Z\" \"a\" \"a0\" \"b\" \"link\" \"sub\" \"~\" \"é\" \"\xEF\xBF\xBD\")");
  EXPECT_EQ(W(CALL(LIST_DIR, S(d.path + "/"))), W(CALL(LIST_DIR, S(d.path))));
  EXPECT_EQ(raised([&] { CALL(LIST_DIR, S(d.path + "/missing")); }), "io-error");
  EXPECT_EQ(raised([&] { CALL(LIST_DIR, S(d.path + "/a")); }), "io-error");  // not a directory
  EXPECT_EQ(raised([&] { CALL(LIST_DIR, S(d.path + std::string("\0", 1))); }), "io-error");
  EXPECT_EQ(raised([] { CALL(LIST_DIR, FL_NIL); }), "type-error");
  EXPECT_EQ(raised_message([&] { CALL(LIST_DIR, S("/flrt-missing-dir")); }),
            "cannot list /flrt-missing-dir: No such file or directory");
}

TEST(SysIO, ListDirOfManyEntries) {
  TempDir d;
  for (int i = 999; i >= 0; i--) d.file("f" + std::to_string(i), "");
  fl_value l = CALL(LIST_DIR, S(d.path));
  EXPECT_EQ(flrt_list_length(l), 1000);
  EXPECT_EQ(W(CALL(HEAD, l)), "\"f0\"");
  EXPECT_EQ(W(CALL(NTH, l, I(1))), "\"f1\"");
  EXPECT_EQ(W(CALL(NTH, l, I(2))), "\"f10\"");
  EXPECT_EQ(W(CALL(LAST, l)), "\"f999\"");
}

TEST(SysIO, DeleteFile) {
  TempDir d;
  std::string f = d.file("f.txt", "abc");
  EXPECT_EQ(CALL(DELETE_FILE, S(f)), FL_NIL);
  EXPECT_EQ(CALL(FILE_EXISTS_P, S(f)), FL_FALSE);
  EXPECT_EQ(raised([&] { CALL(DELETE_FILE, S(f)); }), "io-error");  // missing now
  // a symbolic link itself, not its target; a dangling one too
  std::string target = d.file("target", "x");
  ASSERT_EQ(symlink(target.c_str(), (d.path + "/ln").c_str()), 0);
  EXPECT_EQ(CALL(DELETE_FILE, S(d.path + "/ln")), FL_NIL);
  EXPECT_EQ(CALL(FILE_EXISTS_P, S(target)), FL_TRUE);
  ASSERT_EQ(symlink("missing", (d.path + "/dangling").c_str()), 0);
  EXPECT_EQ(CALL(DELETE_FILE, S(d.path + "/dangling")), FL_NIL);
  EXPECT_EQ(W(CALL(LIST_DIR, S(d.path))), "(\"target\")");
  // never a directory, nor a link to one through the path's trailing slash
  ASSERT_EQ(mkdir((d.path + "/dir").c_str(), 0755), 0);
  EXPECT_EQ(raised([&] { CALL(DELETE_FILE, S(d.path + "/dir")); }), "io-error");
  ASSERT_EQ(symlink("dir", (d.path + "/dirlink").c_str()), 0);
  EXPECT_EQ(raised([&] { CALL(DELETE_FILE, S(d.path + "/dirlink/")); }), "io-error");
  EXPECT_EQ(CALL(DELETE_FILE, S(d.path + "/dirlink")), FL_NIL);
  EXPECT_EQ(W(CALL(LIST_DIR, S(d.path))), "(\"dir\" \"target\")");
  EXPECT_EQ(raised([&] { CALL(DELETE_FILE, S(target + std::string("\0", 1))); }), "io-error");
  EXPECT_EQ(raised([] { CALL(DELETE_FILE, I(0)); }), "type-error");
}

TEST(SysIO, FileSize) {
  TempDir d;
  EXPECT_EQ(W(CALL(FILE_SIZE, S(d.file("e", "")))), "0");
  std::string f = d.file("héllo", "héllo\n");
  EXPECT_EQ(W(CALL(FILE_SIZE, S(f))), "7");  // bytes, not characters
  ASSERT_EQ(symlink(f.c_str(), (d.path + "/ln").c_str()), 0);
  EXPECT_EQ(W(CALL(FILE_SIZE, S(d.path + "/ln"))), "7");  // links followed
  ASSERT_EQ(symlink("missing", (d.path + "/dangling").c_str()), 0);
  EXPECT_EQ(raised([&] { CALL(FILE_SIZE, S(d.path + "/dangling")); }), "io-error");
  EXPECT_EQ(raised([&] { CALL(FILE_SIZE, S(d.path)); }), "io-error");  // a directory
  EXPECT_EQ(raised_message([&] { CALL(FILE_SIZE, S(d.path)); }), "cannot stat " + d.path + ": not a regular file");
  EXPECT_EQ(raised([&] { CALL(FILE_SIZE, S(d.path + "/missing")); }), "io-error");
  EXPECT_EQ(raised([] { CALL(FILE_SIZE, S("/dev/null")); }), "io-error");  // not a regular file
  EXPECT_EQ(raised([] { CALL(FILE_SIZE, F(1.0)); }), "type-error");
}

TEST(SysIO, EffectDefaultsRunTheBuiltins) {
  TempDir d;
  std::string f = d.file("x", "12345");
  fl_value path = S(f);
  EXPECT_EQ(W(flrt_effect_default(FL_EOP_IO_FILE_SIZE, 1, &path)), "5");
  fl_value dir = S(d.path);
  EXPECT_EQ(W(flrt_perform(FL_EOP_IO_LIST_DIR, 1, &dir)), "(\"x\")");  // no handler: the default
  EXPECT_EQ(flrt_effect_default(FL_EOP_IO_DELETE_FILE, 1, &path), FL_NIL);
  EXPECT_EQ(raised([&] { flrt_effect_default(FL_EOP_IO_DELETE_FILE, 1, &path); }), "io-error");
  fl_value empty = S("");
  EXPECT_EQ(flrt_effect_default(FL_EOP_IO_GETENV, 1, &empty), FL_NIL);
  EXPECT_EQ(raised([] { flrt_effect_default(FL_EOP_IO_GETENV, 0, nullptr); }), "arity-error");
}
