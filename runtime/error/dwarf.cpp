/* error/dwarf.cpp - the symbol table, DWARF 4 line tables and inline records of the running
 * executable, for backtraces (see dwarf.h). Units of other DWARF versions are skipped. */
#include "error/dwarf.h"

#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"  /* flrt_backtrace_print: its address gives the load bias */

/* Cold code: smallest, not fastest. */
#ifdef __clang__
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#endif

namespace {

bool in_bounds(const flrt_image *im, uint64_t off, uint64_t len) { return off <= im->size && len <= im->size - off; }

const Elf64_Sym *symbols(const flrt_image *im) { return (const Elf64_Sym *)im->syms; }

struct Reader {
  const uint8_t *p, *end;
  bool ok;
  Reader(const uint8_t *b, const uint8_t *e) : p(b), end(e), ok(b != NULL) {}
  uint8_t u8() { return p < end ? *p++ : (ok = false, 0); }
  uint64_t fixed(int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v |= (uint64_t)u8() << (8 * i);
    return v;
  }
  uint64_t uleb() {
    uint64_t v = 0;
    for (int shift = 0; ok; shift += 7) {
      uint8_t b = u8();
      if (shift < 64) v |= (uint64_t)(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    return v;
  }
  int64_t sleb() {
    int64_t v = 0;
    int shift = 0;
    uint8_t b;
    do {
      b = u8();
      if (shift < 64) v |= (int64_t)(b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) && ok);
    if (shift < 64 && (b & 0x40)) v |= -((int64_t)1 << shift);
    return v;
  }
  const char *cstr() {
    const char *s = (const char *)p;
    while (p < end && *p) p++;
    if (p >= end) return ok = false, "";
    p++;
    return s;
  }
  void skip(uint64_t n) {
    if (n > (uint64_t)(end - p)) ok = false, p = end;
    else p += n;
  }
};

/* ---- line tables ---- */

constexpr int kMaxFiles = 1024;

struct LineHeader {
  const uint8_t *program, *end; /* the line program */
  unsigned min_inst, line_range, opcode_base;
  int line_base;
  uint8_t std_len[256];
  int nfiles, ndirs;
  const char *files[kMaxFiles]; /* by file number (1-based; 0 unused) */
  uint32_t file_dirs[kMaxFiles]; /* their directory numbers (0: the compilation directory) */
  const char *dirs[kMaxFiles];  /* by directory number (1-based) */
};

/* Parses the line-table unit at `off`; false for a malformed or non-v2..4 unit. *next is the
 * offset of the unit after it (0 when there is none to read). */
bool line_header(const flrt_image *im, uint64_t off, LineHeader *h, uint64_t *next) {
  *next = 0;
  if (off >= im->line_size) return false;
  Reader all(im->line + off, im->line + im->line_size);
  uint64_t unit_len = all.fixed(4);
  if (!all.ok || unit_len >= 0xfffffff0u || unit_len > (uint64_t)(all.end - all.p)) return false;
  *next = off + 4 + unit_len;
  Reader r(all.p, all.p + unit_len);
  unsigned version = (unsigned)r.fixed(2);
  if (version < 2 || version > 4) return false;
  uint64_t header_len = r.fixed(4);
  if (header_len > (uint64_t)(r.end - r.p)) return false;
  h->program = r.p + header_len;
  h->end = r.end;
  h->min_inst = r.u8();
  if (version >= 4) r.u8(); /* maximum operations per instruction */
  r.u8();                   /* default is_stmt */
  h->line_base = (int8_t)r.u8();
  h->line_range = r.u8();
  h->opcode_base = r.u8();
  memset(h->std_len, 0, sizeof h->std_len);
  for (unsigned i = 1; i < h->opcode_base; i++) h->std_len[i] = r.u8();
  h->ndirs = 1;
  h->dirs[0] = NULL;
  while (r.ok && r.p < r.end && *r.p) { /* include directories */
    const char *dir = r.cstr();
    if (h->ndirs < kMaxFiles) h->dirs[h->ndirs++] = dir;
  }
  r.u8();
  h->nfiles = 1;
  h->files[0] = NULL;
  while (r.ok && r.p < r.end && *r.p) {
    const char *path = r.cstr();
    uint64_t dir = r.uleb();
    r.uleb(), r.uleb(); /* time, size */
    if (h->nfiles < kMaxFiles) {
      h->file_dirs[h->nfiles] = (uint32_t)dir;
      h->files[h->nfiles++] = path;
    }
  }
  return r.ok && h->line_range != 0;
}

flrt_place place_of(const LineHeader *h, uint64_t file, uint64_t line, uint64_t col) {
  flrt_place p{NULL, NULL, (uint32_t)line, (uint32_t)col};
  if (file >= (uint64_t)h->nfiles) return p;
  p.file = h->files[file];
  uint32_t dir = h->file_dirs[file];
  if (p.file && p.file[0] != '/' && dir > 0 && dir < (uint32_t)h->ndirs) p.dir = h->dirs[dir];
  return p;
}

/* Runs one unit's line program; a row covers [its address, the next row's address). */
void run_line_program(const LineHeader *h, const uint64_t *pcs, flrt_place *out, int n) {
  Reader r(h->program, h->end);
  uint64_t addr = 0, file = 1, line = 1, col = 0;
  bool have_prev = false;
  uint64_t prev_addr = 0, prev_file = 0, prev_line = 0, prev_col = 0;
  auto row = [&](bool end_sequence) {
    if (have_prev)
      for (int i = 0; i < n; i++)
        if (prev_addr <= pcs[i] && pcs[i] < addr) out[i] = place_of(h, prev_file, prev_line, prev_col);
    have_prev = !end_sequence;
    prev_addr = addr, prev_file = file, prev_line = line, prev_col = col;
    if (end_sequence) addr = 0, file = 1, line = 1, col = 0;
  };
  while (r.ok && r.p < r.end) {
    unsigned op = r.u8();
    if (op >= h->opcode_base) {
      unsigned adj = op - h->opcode_base;
      addr += (adj / h->line_range) * h->min_inst;
      line += h->line_base + (int)(adj % h->line_range);
      row(false);
      continue;
    }
    switch (op) {
      case 0: { /* extended */
        uint64_t len = r.uleb();
        if (len == 0 || len > (uint64_t)(r.end - r.p)) return;
        const uint8_t *next = r.p + len;
        unsigned sub = r.u8();
        if (sub == 1) row(true);                        /* end_sequence */
        else if (sub == 2) addr = r.fixed((int)len - 1); /* set_address */
        r.p = next;
        break;
      }
      case 1: row(false); break;                                                     /* copy */
      case 2: addr += r.uleb() * h->min_inst; break;                                /* advance_pc */
      case 3: line += r.sleb(); break;                                               /* advance_line */
      case 4: file = r.uleb(); break;                                                /* set_file */
      case 5: col = r.uleb(); break;                                                 /* set_column */
      case 8: addr += ((255 - h->opcode_base) / h->line_range) * h->min_inst; break; /* const_add_pc */
      case 9: addr += r.fixed(2); break;                                             /* fixed_advance_pc */
      default:
        for (unsigned i = 0; i < h->std_len[op]; i++) r.uleb();
    }
  }
}

/* ---- inline records (.debug_info) ---- */

enum : uint64_t {
  TAG_subprogram = 0x2e,
  TAG_inlined_subroutine = 0x1d,
  AT_name = 0x03,
  AT_low_pc = 0x11,
  AT_high_pc = 0x12,
  AT_stmt_list = 0x10,
  AT_ranges = 0x55,
  AT_abstract_origin = 0x31,
  AT_call_file = 0x58,
  AT_call_line = 0x59,
  AT_call_column = 0x57,
};

constexpr int kMaxAbbrevs = 256;

struct Abbrev {
  uint64_t tag;
  bool children;
  const uint8_t *specs; /* (attribute, form) pairs, ending 0 0 */
};

/* The abbreviation table at `off`, indexed by code (codes above kMaxAbbrevs are not read). */
bool load_abbrevs(const flrt_image *im, uint64_t off, Abbrev *table) {
  memset(table, 0, sizeof(Abbrev) * kMaxAbbrevs);
  if (off >= im->abbrev_size) return false;
  Reader r(im->abbrev + off, im->abbrev + im->abbrev_size);
  while (r.ok) {
    uint64_t code = r.uleb();
    if (code == 0) return true;
    uint64_t tag = r.uleb();
    bool children = r.u8() != 0;
    const uint8_t *specs = r.p;
    while (r.ok) {
      uint64_t at = r.uleb(), form = r.uleb();
      if (at == 0 && form == 0) break;
    }
    if (code < kMaxAbbrevs) table[code] = Abbrev{tag, children, specs};
  }
  return false;
}

/* Reads one attribute value of a DWARF 4 form: numbers into *u, strings into *s. */
bool read_value(const flrt_image *im, Reader &r, uint64_t form, uint64_t *u, const char **s, int depth = 0) {
  *u = 0;
  *s = NULL;
  switch (form) {
    case 0x01: *u = r.fixed(8); break;                 /* addr */
    case 0x0b: case 0x11: *u = r.fixed(1); break;      /* data1, ref1 */
    case 0x05: case 0x12: *u = r.fixed(2); break;      /* data2, ref2 */
    case 0x06: case 0x13: case 0x17: case 0x10: *u = r.fixed(4); break; /* data4 ref4 sec_offset ref_addr */
    case 0x07: case 0x14: case 0x20: *u = r.fixed(8); break; /* data8 ref8 ref_sig8 */
    case 0x0d: *u = (uint64_t)r.sleb(); break;         /* sdata */
    case 0x0f: case 0x15: *u = r.uleb(); break;        /* udata, ref_udata */
    case 0x08: *s = r.cstr(); break;                   /* string */
    case 0x0e: {                                       /* strp */
      uint64_t off = r.fixed(4);
      if (im->str && off < im->str_size) *s = im->str + off;
      break;
    }
    case 0x0c: *u = r.u8(); break;                     /* flag */
    case 0x19: *u = 1; break;                          /* flag_present */
    case 0x0a: r.skip(r.u8()); break;                  /* block1 */
    case 0x03: r.skip(r.fixed(2)); break;              /* block2 */
    case 0x04: r.skip(r.fixed(4)); break;              /* block4 */
    case 0x09: case 0x18: r.skip(r.uleb()); break;     /* block, exprloc */
    case 0x16: /* indirect (never twice in a row in valid DWARF) */
      if (depth > 0) return r.ok = false;
      return read_value(im, r, r.uleb(), u, s, depth + 1);
    default: r.ok = false; return false;
  }
  return r.ok;
}

/* Whether pc lies in a DIE's address range: [low, high) or its DW_AT_ranges list. */
bool die_covers(const flrt_image *im, uint64_t pc, bool has_low, uint64_t low, bool has_high, uint64_t high,
                bool high_is_offset, bool has_ranges, uint64_t ranges, uint64_t cu_base) {
  if (has_low && has_high) return pc >= low && pc < (high_is_offset ? low + high : high);
  if (!has_ranges || ranges >= im->ranges_size) return false;
  Reader r(im->ranges + ranges, im->ranges + im->ranges_size);
  uint64_t base = cu_base;
  while (r.ok) {
    uint64_t b = r.fixed(8), e = r.fixed(8);
    if (b == 0 && e == 0) return false;
    if (b == ~(uint64_t)0) {
      base = e;
      continue;
    }
    if (pc >= base + b && pc < base + e) return true;
  }
  return false;
}

struct Die {
  uint64_t tag;
  bool children;
  const char *name;
  bool has_low, has_high, high_is_offset, has_ranges;
  uint64_t low, high, ranges, origin, call_file, call_line, call_col, stmt_list;
  bool origin_abs;
};

bool read_die(const flrt_image *im, Reader &r, const Abbrev *abbrevs, uint64_t code, Die *d) {
  memset(d, 0, sizeof *d);
  if (code >= kMaxAbbrevs || !abbrevs[code].specs) return false;
  d->tag = abbrevs[code].tag;
  d->children = abbrevs[code].children;
  Reader spec(abbrevs[code].specs, im->abbrev + im->abbrev_size);
  while (spec.ok) {
    uint64_t at = spec.uleb(), form = spec.uleb();
    if (at == 0 && form == 0) break;
    uint64_t u;
    const char *s;
    if (!read_value(im, r, form, &u, &s)) return false;
    switch (at) {
      case AT_name: d->name = s; break;
      case AT_low_pc: d->low = u, d->has_low = true; break;
      case AT_high_pc: d->high = u, d->has_high = true, d->high_is_offset = form != 0x01; break;
      case AT_ranges: d->ranges = u, d->has_ranges = true; break;
      case AT_abstract_origin: d->origin = u, d->origin_abs = form == 0x10; break;
      case AT_call_file: d->call_file = u; break;
      case AT_call_line: d->call_line = u; break;
      case AT_call_column: d->call_col = u; break;
      case AT_stmt_list: d->stmt_list = u; break;
    }
  }
  return true;
}

/* The DW_AT_name of the DIE at unit-relative offset `ref` of the unit at `unit`. */
const char *name_at(const flrt_image *im, uint64_t unit, uint64_t ref, const Abbrev *abbrevs) {
  if (unit + ref >= im->info_size) return NULL;
  Reader r(im->info + unit + ref, im->info + im->info_size);
  Die d;
  if (!read_die(im, r, abbrevs, r.uleb(), &d)) return NULL;
  return d.name;
}

/* The length of a name without its instance suffix ("f#2": the second specialised instance of f). */
size_t source_name_len(const char *name) {
  const char *hash = strchr(name, '#');
  return hash ? (size_t)(hash - name) : strlen(name);
}

const char *fl_name(const char *name, size_t *len) {
  if (strcmp(name, "fl_program_main") == 0) {
    *len = 8;
    return "<module>";
  }
  if (strncmp(name, "fl.", 3) != 0) return NULL;
  name += 3;
  *len = source_name_len(name);
  return name;
}

}  // namespace

bool flrt_image_load(flrt_image *im) {
  memset(im, 0, sizeof *im);
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(Elf64_Ehdr)) {
    close(fd);
    return false;
  }
  void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) return false;
  im->data = (const uint8_t *)p;
  im->size = (size_t)st.st_size;
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)im->data;
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
      eh->e_shentsize != sizeof(Elf64_Shdr) || !in_bounds(im, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)) ||
      eh->e_shstrndx >= eh->e_shnum)
    return false;
  const Elf64_Shdr *sh = (const Elf64_Shdr *)(im->data + eh->e_shoff);
  const Elf64_Shdr &names = sh[eh->e_shstrndx];
  if (!in_bounds(im, names.sh_offset, names.sh_size)) return false;
  const char *shstr = (const char *)im->data + names.sh_offset;
  for (unsigned i = 0; i < eh->e_shnum; i++) {
    const Elf64_Shdr &s = sh[i];
    if (s.sh_name >= names.sh_size || s.sh_type == SHT_NOBITS || !in_bounds(im, s.sh_offset, s.sh_size)) continue;
    const char *name = shstr + s.sh_name;
    const uint8_t *at = im->data + s.sh_offset;
    if (s.sh_type == SHT_SYMTAB && s.sh_link < eh->e_shnum && in_bounds(im, sh[s.sh_link].sh_offset, sh[s.sh_link].sh_size)) {
      im->syms = at;
      im->nsyms = s.sh_size / sizeof(Elf64_Sym);
      im->strtab = (const char *)im->data + sh[s.sh_link].sh_offset;
      im->strtab_size = sh[s.sh_link].sh_size;
    } else if (strcmp(name, ".debug_line") == 0) {
      im->line = at, im->line_size = s.sh_size;
    } else if (strcmp(name, ".debug_info") == 0) {
      im->info = at, im->info_size = s.sh_size;
    } else if (strcmp(name, ".debug_abbrev") == 0) {
      im->abbrev = at, im->abbrev_size = s.sh_size;
    } else if (strcmp(name, ".debug_ranges") == 0) {
      im->ranges = at, im->ranges_size = s.sh_size;
    } else if (strcmp(name, ".debug_str") == 0) {
      im->str = (const char *)at, im->str_size = s.sh_size;
    }
  }
  /* The load bias, from a function whose run-time address we know. */
  for (size_t i = 0; im->strtab && i < im->nsyms; i++) {
    const Elf64_Sym &s = symbols(im)[i];
    if (s.st_name < im->strtab_size && strcmp(im->strtab + s.st_name, "flrt_backtrace_print") == 0) {
      im->bias = (intptr_t)(uintptr_t)&flrt_backtrace_print - (intptr_t)s.st_value;
      return true;
    }
  }
  flrt_image_unload(im);
  return false;
}

void flrt_image_unload(flrt_image *im) {
  if (im->data) munmap((void *)im->data, im->size);
  memset(im, 0, sizeof *im);
}

const char *flrt_image_fl_function(const flrt_image *im, uint64_t pc, size_t *len) {
  for (size_t i = 0; i < im->nsyms; i++) {
    const Elf64_Sym &s = symbols(im)[i];
    if (ELF64_ST_TYPE(s.st_info) != STT_FUNC || pc < s.st_value || pc >= s.st_value + s.st_size) continue;
    return s.st_name < im->strtab_size ? fl_name(im->strtab + s.st_name, len) : NULL;
  }
  return NULL;
}

void flrt_image_place(const flrt_image *im, const uint64_t *pcs, flrt_place *out, int n) {
  static LineHeader h;
  for (int i = 0; i < n; i++) out[i] = flrt_place{NULL, NULL, 0, 0};
  uint64_t off = 0, next = 0;
  for (; im->line && off < im->line_size; off = next) {
    bool ok = line_header(im, off, &h, &next);
    if (ok) run_line_program(&h, pcs, out, n);
    if (next == 0) break;
  }
}

int flrt_image_inlined(const flrt_image *im, uint64_t pc, flrt_inlined *out, int max, int *omitted) {
  static Abbrev abbrevs[kMaxAbbrevs];
  static LineHeader h;
  struct Found {
    uint64_t origin, file, line, col;
    bool origin_abs; /* DW_FORM_ref_addr: an offset in the section, not in the unit */
  };
  constexpr int kMaxFound = 64;
  Found found[kMaxFound]; /* the innermost records (a deeper chain loses its outermost ones) */
  int depth_found = 0, total = 0;
  *omitted = 0;
  uint64_t unit = 0;
  while (im->info && unit + 11 <= im->info_size) {
    Reader hdr(im->info + unit, im->info + im->info_size);
    uint64_t unit_len = hdr.fixed(4);
    if (unit_len >= 0xfffffff0u || unit_len > (uint64_t)(hdr.end - hdr.p)) return 0;
    uint64_t next = unit + 4 + unit_len;
    unsigned version = (unsigned)hdr.fixed(2);
    uint64_t abbrev_off = hdr.fixed(4);
    hdr.u8(); /* address size */
    if (version < 2 || version > 4 || !load_abbrevs(im, abbrev_off, abbrevs)) {
      unit = next;
      continue;
    }
    Reader r(hdr.p, im->info + next);
    uint64_t cu_base = 0, stmt_list = ~(uint64_t)0;
    /* Depth-first; `inside` is the depth of the deepest DIE whose subtree we are in and that
     * covers pc (-1: none), so only the children of covering DIEs are looked at. */
    int depth = 0, inside = -1, n = 0;
    bool in_function = false;
    while (r.ok && r.p < r.end) {
      uint64_t code = r.uleb();
      if (code == 0) { /* the end of the children of the DIE at depth - 1 */
        if (--depth <= 0) break;
        if (inside >= depth) inside = depth - 1;
        continue;
      }
      Die d;
      if (!read_die(im, r, abbrevs, code, &d)) break;
      int cur = depth;
      bool covers = false;
      if (cur == 0) { /* the compile unit */
        cu_base = d.low;
        stmt_list = d.stmt_list;
        covers = true;
      } else if ((d.tag == TAG_subprogram || d.tag == TAG_inlined_subroutine) && inside == cur - 1 &&
                 die_covers(im, pc, d.has_low, d.low, d.has_high, d.high, d.high_is_offset, d.has_ranges, d.ranges,
                            cu_base)) {
        covers = true;
        if (d.tag == TAG_subprogram) in_function = true;
        else if (in_function) {
          if (n == kMaxFound) memmove(found, found + 1, sizeof(Found) * --n);
          found[n++] = Found{d.origin, d.call_file, d.call_line, d.call_col, d.origin_abs};
          total++;
        }
      }
      if (d.children) {
        if (covers) inside = cur;
        depth++;
      } else if (cur == 0) {
        break;
      }
    }
    if (in_function) {
      int first = n > max ? n - max : 0; /* keep the innermost */
      depth_found = n - first;
      *omitted = total - depth_found;
      uint64_t ignored;
      bool lines = stmt_list != ~(uint64_t)0 && line_header(im, stmt_list, &h, &ignored);
      for (int i = 0; i < depth_found; i++) {
        const Found &fd = found[first + i];
        const char *name = name_at(im, fd.origin_abs ? 0 : unit, fd.origin, abbrevs); /* a source name: "f" */
        out[i].name = name;
        if (name) out[i].name_len = source_name_len(name);
        if (!out[i].name) out[i].name = "?", out[i].name_len = 1;
        out[i].call = lines ? place_of(&h, fd.file, fd.line, fd.col)
                            : flrt_place{NULL, NULL, (uint32_t)fd.line, (uint32_t)fd.col};
      }
      return depth_found;
    }
    unit = next;
  }
  return 0;
}

#ifdef __clang__
#pragma clang attribute pop
#endif
