/* bench: a CPU-bound workload for measuring emulation speed (MIPS). ROUNDS rounds of four kernels:
 * bitwise CRC-32 of a 4 KiB buffer, a quicksort of 2048 words, a 24x24 Q16 fixed-point matrix
 * product and a sieve of Eratosthenes to 32768. Prints one checksum per kernel and exits 0. */
#include "sh.h"

#define ROUNDS 30

static uint32_t rng = 0x12345678;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint8_t data[4096];
static uint32_t crc32(const uint8_t *p, uint32_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

#define NSORT 2048
static uint32_t arr[NSORT];
static void quicksort(uint32_t *a, int lo, int hi)
{
    while (lo < hi) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                uint32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* recurse into the smaller part, loop on the larger one */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

#define N 24
static int32_t ma[N][N], mb[N][N], mc[N][N];
static void matmul(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int64_t s = 0;
            for (int k = 0; k < N; k++)
                s += (int64_t)ma[i][k] * mb[k][j];
            mc[i][j] = (int32_t)(s >> 16);
        }
}

#define NSIEVE 32768
static uint8_t composite[NSIEVE];
static uint32_t sieve(void)
{
    uint32_t count = 0;
    for (int i = 0; i < NSIEVE; i++)
        composite[i] = 0;
    for (int i = 2; i < NSIEVE; i++) {
        if (composite[i])
            continue;
        count++;
        for (int j = i * i; j < NSIEVE; j += i)
            composite[j] = 1;
    }
    return count;
}

int main(void)
{
    uint32_t ck_crc = 0, ck_sort = 0, ck_mat = 0, ck_sieve = 0;
    out_str("bench: ");
    out_udec(ROUNDS);
    out_str(" rounds\n");
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < 4096; i++)
            data[i] = (uint8_t)next();
        ck_crc = (ck_crc << 1 | ck_crc >> 31) ^ crc32(data, sizeof(data));

        for (int i = 0; i < NSORT; i++)
            arr[i] = next();
        quicksort(arr, 0, NSORT - 1);
        for (int i = 0; i < NSORT; i++)
            ck_sort = (ck_sort << 3 | ck_sort >> 29) ^ arr[i] ^ (uint32_t)(i > 0 && arr[i - 1] > arr[i]);

        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                ma[i][j] = (int32_t)(next() & 0x3ffff) - 0x20000;
                mb[i][j] = (int32_t)(next() & 0x3ffff) - 0x20000;
            }
        matmul();
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                ck_mat = (ck_mat << 5 | ck_mat >> 27) ^ (uint32_t)mc[i][j];

        ck_sieve += sieve();
    }
    out_kv("crc32", ck_crc);
    out_kv("sort", ck_sort);
    out_kv("matmul", ck_mat);
    out_kv("sieve", ck_sieve);
    out_str("bench: done\n");
    return 0;
}
