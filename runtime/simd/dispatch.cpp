/* simd/dispatch.cpp - choosing the kernel table (see simd.h). */
#include "simd/simd.h"

#include <stdlib.h>
#include <string.h>

const flrt_simd_ops *flrt_simd_active = 0;

#if defined(__x86_64__)
/* Once per process: cpuid (and the OS's saving of the AVX state, which libgcc checks). */
static bool cpu_has_avx2(void) {
  static int known = -1;
  if (known < 0) {
    __builtin_cpu_init();
    known = __builtin_cpu_supports("avx2") ? 1 : 0;
  }
  return known == 1;
}
#endif

const flrt_simd_ops *flrt_simd_table(const char *name) {
  if (!name) return 0;
  if (strcmp(name, "scalar") == 0) return &flrt_simd_scalar_ops;
#if defined(__x86_64__)
  if (strcmp(name, "sse2") == 0) return &flrt_simd_sse2_ops;
  if (strcmp(name, "avx2") == 0) return cpu_has_avx2() ? &flrt_simd_avx2_ops : 0;
#endif
#if defined(__aarch64__)
  if (strcmp(name, "neon") == 0) return &flrt_simd_neon_ops;
#endif
  return 0;
}

static const flrt_simd_ops *best(void) {
  const flrt_simd_ops *forced = flrt_simd_table(getenv("FLRT_SIMD"));
  if (forced) return forced;
#if defined(__x86_64__)
  return cpu_has_avx2() ? &flrt_simd_avx2_ops : &flrt_simd_sse2_ops;
#elif defined(__aarch64__)
  return &flrt_simd_neon_ops;
#else
  return &flrt_simd_scalar_ops;
#endif
}

const flrt_simd_ops *flrt_simd_init(void) {
  const flrt_simd_ops *o = best();
  flrt_simd_active = o;
  return o;
}

bool flrt_simd_select(const char *name) {
  const flrt_simd_ops *o = flrt_simd_table(name);
  if (o) flrt_simd_active = o;
  return o != 0;
}

void flrt_simd_force_scalar(bool on) { flrt_simd_active = on ? &flrt_simd_scalar_ops : best(); }

const char *flrt_simd_name(void) { return flrt_simd()->name; }
