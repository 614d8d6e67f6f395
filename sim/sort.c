/* sort.c: heap sorts without allocation (sort.h). */
#include "sort.h"

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

static int greater(const uint64_t *key, int32_t i, int32_t j)
{
    return key[i] != key[j] ? key[i] > key[j] : i > j;
}

static void sift_index(int32_t *a, size_t root, size_t n, const uint64_t *key)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && greater(key, a[child + 1], a[child]))
            child++;
        if (!greater(key, a[child], a[root]))
            return;
        int32_t t = a[root];
        a[root] = a[child];
        a[child] = t;
    }
}

void ts_sort_by_key(int32_t *a, size_t n, const uint64_t *key)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_index(a, i, n, key);
    for (size_t end = n; end-- > 1;) {
        int32_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_index(a, 0, end, key);
    }
}
