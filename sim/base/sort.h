/* sort.h: sorts for the yearly steps. They allocate nothing (glibc's qsort
 * may call malloc) and give one deterministic order: keys compare first,
 * then the index. Internal to sim/. */
#ifndef TEACHSIM_SORT_H
#define TEACHSIM_SORT_H
#include <stddef.h>
#include <stdint.h>
/** Sort uint64 values ascending (heap sort: few values, schools of a region). */
void ts_sort_u64(uint64_t *values, size_t n);
/**
 * Sort indices ascending by key[index], ties by index: a stable LSD radix
 * sort on the key bytes that differ between the keys, so `index` must be
 * ascending on entry (the pools are built in teacher order; checked by an
 * assertion). `spare` holds n indices of scratch.
 */
void ts_sort_by_key(int32_t *index, int32_t *spare, size_t n, const uint64_t *key);
#endif
