/* memcpy/memset/memmove/memcmp: GCC may emit calls to these even with -ffreestanding. */
#include <stddef.h>
#include <stdint.h>

#define NOLDP __attribute__((optimize("no-tree-loop-distribute-patterns")))

NOLDP void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--)
        *dp++ = *sp++;
    return d;
}

NOLDP void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (dp < sp) {
        while (n--)
            *dp++ = *sp++;
    } else {
        while (n--)
            dp[n] = sp[n];
    }
    return d;
}

NOLDP void *memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

NOLDP int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *ap = a, *bp = b;
    for (; n; n--, ap++, bp++)
        if (*ap != *bp)
            return *ap < *bp ? -1 : 1;
    return 0;
}
