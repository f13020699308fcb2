/* loop: C counterpart of loop.fl (the tail call is written as a loop). */
#include <stdio.h>
#include <stdlib.h>

static long loop(long i, long n, long acc) {
    for (;;) {
        if (i == n) return acc;
        long s = acc + i;
        acc = s >= 1000000007 ? s - 1000000007 : s;
        i = i + 1;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000;
    printf("%ld\n", loop(0, n, 0));
    return 0;
}
