// Allocator: size classes, zeroing, alignment, large objects, interior-pointer lookup.
#include <set>
#include <utility>

#include "gc/heap.h"
#include "test_util.h"

TEST(Alloc, EverySizeIsZeroedAlignedAndDisjoint) {
  std::set<std::pair<uintptr_t, uintptr_t>> ranges;
  for (size_t size = 0; size <= 20000; size += (size < 300 ? 1 : 97)) {
    char *p = (char *)flrt_alloc(size);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ((uintptr_t)p % 8, 0u) << size;
    for (size_t i = 0; i < size; i++) ASSERT_EQ(p[i], 0) << "size " << size << " byte " << i;
    memset(p, 0xAB, size);
    size_t len = size ? size : 1;
    auto r = std::make_pair((uintptr_t)p, (uintptr_t)p + len);
    auto it = ranges.lower_bound(r);
    if (it != ranges.end()) EXPECT_LE(r.second, it->first) << "overlap at size " << size;
    if (it != ranges.begin()) EXPECT_LE(std::prev(it)->second, r.first) << "overlap at size " << size;
    ranges.insert(r);
  }
}

TEST(Alloc, SizeClassesCoverRequests) {
  for (size_t size = 1; size <= FLRT_SMALL_MAX; size++) {
    size_t c = flrt_class_index(size);
    ASSERT_LT(c, (size_t)FLRT_NCLASSES);
    EXPECT_GE(flrt_H.cls[c].size, size);
    if (c > 0) EXPECT_LT(flrt_H.cls[c - 1].size, size);
  }
}

TEST(Alloc, ReciprocalDivisionIsExact) {
  for (int c = 0; c < FLRT_NCLASSES; c++) {
    const flrt_class &k = flrt_H.cls[c];
    for (uint32_t off = 0; off < FLRT_PAGE_SIZE; off++)
      ASSERT_EQ((uint32_t)(((uint64_t)off * k.magic) >> 32), off / k.size) << k.size << " " << off;
  }
}

TEST(Alloc, InteriorPointersFindTheObjectStart) {
  for (size_t size : {16, 24, 40, 100, 1000, 5000, 8192, 9000, 70000, 300000}) {
    char *p = (char *)flrt_alloc_obj(size, FL_K_RAW, 0);
    flrt_heap_sync_bump();
    EXPECT_EQ(flrt_heap_find((uintptr_t)p), p) << size;
    EXPECT_EQ(flrt_heap_find((uintptr_t)p + size / 2), p) << size;
    EXPECT_EQ(flrt_heap_find((uintptr_t)p + size - 1), p) << size;
  }
}

TEST(Alloc, AddressesOutsideTheHeapAreIgnored) {
  static fl_string static_obj;
  int local = 0;
  EXPECT_EQ(flrt_heap_find((uintptr_t)&static_obj), nullptr);
  EXPECT_EQ(flrt_heap_find((uintptr_t)&local), nullptr);
  EXPECT_EQ(flrt_heap_find(0), nullptr);
  EXPECT_EQ(flrt_heap_find(8), nullptr);
  EXPECT_EQ(flrt_heap_find(UINTPTR_MAX - 7), nullptr);
}

TEST(Alloc, LargeObjectsSpanWholePages) {
  size_t size = 5 * FLRT_PAGE_SIZE + 123;
  char *p = (char *)flrt_alloc(size);
  EXPECT_EQ((uintptr_t)p % FLRT_PAGE_SIZE, 0u);
  uint32_t pi = flrt_page_index((uintptr_t)p);
  EXPECT_EQ(flrt_H.pages[pi].state, FLRT_PG_LARGE);
  EXPECT_EQ(flrt_H.pages[pi].run, 6u);
  for (uint32_t j = 1; j < 6; j++) {
    EXPECT_EQ(flrt_H.pages[pi + j].state, FLRT_PG_LARGE_CONT);
    EXPECT_EQ(flrt_H.pages[pi + j].run, j);
  }
  p[size - 1] = 1;  // the whole object is writable
  EXPECT_EQ(flrt_heap_find((uintptr_t)p + size + 100), nullptr);  // slack after the object
}

TEST(Alloc, BoxedObjectsHaveHeaders) {
  fl_value f = flrt_box_float(2.5);
  EXPECT_TRUE(fl_is_ptr(f));
  EXPECT_EQ(fl_obj(f)->kind, FL_K_FLOAT);
  EXPECT_EQ(fl_obj(f)->flags, 0);
  fl_value b = flrt_make_box(fl_make_fixnum(3));
  EXPECT_EQ(fl_obj(b)->kind, FL_K_BOX);
  EXPECT_EQ(((fl_box *)fl_obj(b))->value, fl_make_fixnum(3));
}
