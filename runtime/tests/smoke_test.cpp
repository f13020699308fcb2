#include <gtest/gtest.h>
#include "internal.h"
TEST(Smoke, Alloc) { EXPECT_NE(flrt_alloc(16), nullptr); }
