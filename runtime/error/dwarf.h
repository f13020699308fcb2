/* error/dwarf.h - just enough ELF and DWARF (version 4 line tables and inline records, as flc
 * emits them) to name and place the frames of a backtrace. Reads /proc/self/exe through one
 * read-only mapping; no heap, no stdio: usable from the stack-overflow signal handler.
 */
#ifndef FLRT_ERROR_DWARF_H
#define FLRT_ERROR_DWARF_H

#include <stddef.h>
#include <stdint.h>

struct flrt_image {
  const uint8_t *data;
  size_t size;
  const void *syms; /* Elf64_Sym[nsyms] */
  size_t nsyms;
  const char *strtab;
  size_t strtab_size;
  const uint8_t *line, *info, *abbrev, *ranges;
  size_t line_size, info_size, abbrev_size, ranges_size;
  const char *str;
  size_t str_size;
  intptr_t bias; /* run-time address - link-time address */
};

/* Maps the running executable; false if it cannot be read or has no symbol table. */
bool flrt_image_load(flrt_image *im);
void flrt_image_unload(flrt_image *im);

/* The FluentAI name of the generated function containing link-time address pc ("f" for
 * "fl.f#2", "<module>" for the top level), or NULL for runtime and libc code. */
const char *flrt_image_fl_function(const flrt_image *im, uint64_t pc, size_t *len);

/* A source position; file is NULL when unknown, dir NULL when the file name stands alone. */
struct flrt_place {
  const char *dir, *file;
  uint32_t line, col;
};

/* The line-table position of each link-time pc (file NULL when none). */
void flrt_image_place(const flrt_image *im, const uint64_t *pcs, flrt_place *out, int n);

/* A call the optimizer inlined: the function's name and where it was called. */
struct flrt_inlined {
  const char *name;
  size_t name_len;
  flrt_place call;
};

/* The calls inlined at pc, outermost first: entry 0 was inlined into the function pc belongs
 * to (or, when *omitted > 0, into calls left out), entry i into entry i-1. Returns how many (at
 * most max, the innermost ones); *omitted counts the outer ones left out. */
int flrt_image_inlined(const flrt_image *im, uint64_t pc, flrt_inlined *out, int max, int *omitted);

#endif
