/* tak: C counterpart of tak.fl. */
#include <stdio.h>
#include <stdlib.h>

static long tak(long x, long y, long z) {
    if (!(y < x)) return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv) {
    long x = argc > 1 ? atol(argv[1]) : 30;
    long y = argc > 2 ? atol(argv[2]) : 20;
    long z = argc > 3 ? atol(argv[3]) : 10;
    printf("%ld\n", tak(x, y, z));
    return 0;
}
