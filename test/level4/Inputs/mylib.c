#include <string.h>
int add3(int a, int b, int c) { return a + b + c; }
double scale(double x, long k) { return x * k; }
const char *greet(void) { return "hi from C"; }
