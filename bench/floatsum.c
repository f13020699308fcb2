/* floatsum: C counterpart of floatsum.fl (the tail call is written as a loop).
 * The result is printed as the shortest decimal that reads back exactly,
 * which is how FluentAI and Python print Floats (for values of this size). */
#include <stdio.h>
#include <stdlib.h>

static double leibniz(long k, long n, double sign, double acc) {
    for (;;) {
        if (k == n) return acc;
        acc = acc + sign / (2.0 * (double)k + 1.0);
        sign = -sign;
        k = k + 1;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000;
    double r = 4.0 * leibniz(0, n, 1.0, 0.0);
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, r);
        if (strtod(buf, NULL) == r) break;
    }
    printf("%s\n", buf);
    return 0;
}
