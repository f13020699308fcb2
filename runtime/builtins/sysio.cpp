/* builtins/sysio.cpp - §20.6 environment and directories: the default behaviour of io:getenv,
 * io:list-dir, io:delete-file and io:file-size (handlers intercept them in generated code or in
 * flrt_perform before these are reached). Names and paths go to the heap, never to large stack
 * buffers (a task's guard page is the only thing below a deep recursion). */
#include "builtins/builtin.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

FL_NORETURN static void io_fail_because(const char *what, fl_value path, const char *reason) {
  fl_string *s = flrt_str(path);
  flrt_fail(FL_ERR_IO, "cannot %s %.*s: %s", what, (int)s->len, s->data, reason);
}

/* nil for names no variable can have ("", '=' or U+0000 inside); values that are not UTF-8 are
 * decoded with U+FFFD. */
FLB(GETENV) {
  fl_string *s = flrt_need_string(argv[0], "io:getenv");
  size_t len = (size_t)s->len;
  if (len == 0 || memchr(s->data, '=', len) || memchr(s->data, 0, len)) return FL_NIL;
  char *name = (char *)malloc(len + 1);
  if (!name) flrt_out_of_memory();
  memcpy(name, s->data, len);
  name[len] = 0;
  const char *value = getenv(name);
  free(name);
  if (!value) return FL_NIL;
  return flrt_string_from_external(value, strlen(value));
}

static bool dot_or_dotdot(const char *n) { return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)); }

/* The entries' names sorted by code point: the sort builtin's default order on Strings. */
FLB(LIST_DIR) {
  char *path = flrt_path_cstring(argv[0], "io:list-dir");
  if (!path) flrt_io_fail("list", argv[0], EINVAL);
  DIR *dir = opendir(path);
  free(path);
  if (!dir) flrt_io_fail("list", argv[0], errno);
  flrt_vec names;
  flrt_vec_init(&names, 16);
  int err = 0;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(dir);
    if (!e) {
      err = errno;
      break;
    }
    if (dot_or_dotdot(e->d_name)) continue;
    flrt_vec_push(&names, flrt_string_from_external(e->d_name, strlen(e->d_name)));
  }
  closedir(dir);
  if (err) flrt_io_fail("list", argv[0], err);
  fl_value list = flrt_vec_to_list(&names, FL_EMPTY);
  return flb_SORT(NULL, 1, &list);
}

/* A file or a symbolic link itself (lstat: the link is not followed); never a directory. */
FLB(DELETE_FILE) {
  char *path = flrt_path_cstring(argv[0], "io:delete-file");
  if (!path) flrt_io_fail("delete", argv[0], EINVAL);
  struct stat st;
  int err = 0;
  if (lstat(path, &st) != 0) err = errno;
  else if (S_ISDIR(st.st_mode)) err = EISDIR;
  else if (unlink(path) != 0) err = errno;
  free(path);
  if (err) flrt_io_fail("delete", argv[0], err);
  return FL_NIL;
}

/* Regular files only, symbolic links followed (stat). */
FLB(FILE_SIZE) {
  char *path = flrt_path_cstring(argv[0], "io:file-size");
  if (!path) flrt_io_fail("stat", argv[0], EINVAL);
  struct stat st;
  int rc = stat(path, &st);
  int err = errno;
  free(path);
  if (rc != 0) flrt_io_fail("stat", argv[0], err);
  if (!S_ISREG(st.st_mode)) io_fail_because("stat", argv[0], "not a regular file");
  return flrt_int((int64_t)st.st_size);
}
