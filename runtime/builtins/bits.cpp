/* builtins/bits.cpp - §20.2 bitwise operations on Ints as 64-bit two's complement. Generated code
 * inlines them when the operands are known Ints (compiler/lower/bits.cpp); these are the
 * generic versions, which also check the operand types. */
#include "builtins/builtin.h"

static int64_t fold_bits(int64_t argc, const fl_value *argv, int64_t acc, int op, const char *who) {
  for (int64_t i = 0; i < argc; i++) {
    int64_t x = flrt_need_int(argv[i], who);
    acc = op == 0 ? (acc & x) : op == 1 ? (acc | x) : (acc ^ x);
  }
  return acc;
}

FLB(BIT_AND) { return flrt_int(fold_bits(argc, argv, -1, 0, "bit-and")); }
FLB(BIT_OR) { return flrt_int(fold_bits(argc, argv, 0, 1, "bit-or")); }
FLB(BIT_XOR) { return flrt_int(fold_bits(argc, argv, 0, 2, "bit-xor")); }

FLB(BIT_NOT) { return flrt_int(~flrt_need_int(argv[0], "bit-not")); }

FLB(BIT_COUNT) {
  return flrt_int(__builtin_popcountll((unsigned long long)flrt_need_int(argv[0], "bit-count")));
}

/* n·2^k for k >= 0 (overflow outside the Int range, so for every k >= 64 unless n = 0),
 * ⌊n / 2^-k⌋ for k < 0. Written so that no C shift count reaches 64 and -k never overflows. */
static int64_t shift(int64_t n, int64_t k, const char *who) {
  if (k >= 0) {
    if (n == 0) return 0;
    if (k >= 64) flrt_overflow(who);
    int64_t r = (int64_t)((uint64_t)n << k);
    if ((r >> k) != n) flrt_overflow(who);
    return r;
  }
  if (k <= -63) return n < 0 ? -1 : 0;
  return n >> -k;
}

/* The same message as the inline code's (compiler/lower/bits.cpp), which has no formatting. */
FL_NORETURN static void negative_count(const char *who) { flrt_fail(FL_ERR_VALUE, "%s: negative count", who); }

FLB(ARITHMETIC_SHIFT) {
  int64_t n = flrt_need_int(argv[0], "arithmetic-shift");
  int64_t k = flrt_need_int(argv[1], "arithmetic-shift");
  return flrt_int(shift(n, k, "arithmetic-shift"));
}

FLB(SHIFT_LEFT) {
  int64_t n = flrt_need_int(argv[0], "shift-left");
  int64_t k = flrt_need_int(argv[1], "shift-left");
  if (k < 0) negative_count("shift-left");
  return flrt_int(shift(n, k, "shift-left"));
}

FLB(SHIFT_RIGHT) {
  int64_t n = flrt_need_int(argv[0], "shift-right");
  int64_t k = flrt_need_int(argv[1], "shift-right");
  if (k < 0) negative_count("shift-right");
  return flrt_int(k >= 63 ? (n < 0 ? -1 : 0) : n >> k);
}
