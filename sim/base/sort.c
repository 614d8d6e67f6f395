/* sort.c: heap sorts without allocation (sort.h). */
#include "sort.h"

#include <assert.h>
#include <string.h>

static void sift_u64(uint64_t *a, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[root] >= a[child])
            return;
        uint64_t t = a[root];
        a[root] = a[child];
        a[child] = t;
    }
}

void ts_sort_u64(uint64_t *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_u64(a, i, n);
    for (size_t end = n; end-- > 1;) {
        uint64_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_u64(a, 0, end);
    }
}

/* LSD radix sort, one byte per pass, skipping the bytes on which every key
 * agrees (a pool of one region sorts on the draw's bytes alone). Each pass
 * is stable, so equal keys keep the entry order: ascending index. Measured
 * against the heap sort it replaced (callgrind, Xiangtan full model, 5
 * replications): see docs/performance.md, History. */
void ts_sort_by_key(int32_t *index, int32_t *spare, size_t n, const uint64_t *key)
{
    enum { BYTES = 8, BUCKETS = 256 };
    if (n < 2)
        return;
    uint64_t any = 0, every = ~UINT64_C(0);
    for (size_t k = 0; k < n; k++) {
        assert(k == 0 || index[k - 1] < index[k]);
        any |= key[index[k]];
        every &= key[index[k]];
    }
    const uint64_t varying = any ^ every;
    int shift[BYTES], passes = 0;
    for (int b = 0; b < BYTES; b++)
        if ((varying >> (8 * b)) & 0xFF)
            shift[passes++] = 8 * b;
    size_t count[BYTES][BUCKETS] = {{0}};
    for (size_t k = 0; k < n; k++) {
        uint64_t v = key[index[k]];
        for (int p = 0; p < passes; p++)
            count[p][(v >> shift[p]) & 0xFF]++;
    }
    int32_t *from = index, *to = spare;
    for (int p = 0; p < passes; p++) {
        size_t offset[BUCKETS], sum = 0;
        for (int d = 0; d < BUCKETS; d++) {
            offset[d] = sum;
            sum += count[p][d];
        }
        for (size_t k = 0; k < n; k++)
            to[offset[(key[from[k]] >> shift[p]) & 0xFF]++] = from[k];
        int32_t *t = from;
        from = to;
        to = t;
    }
    if (from != index)
        memcpy(index, from, n * sizeof *index);
}
