/* argmax.h: the first largest of n values under point updates (a tournament
 * tree), for a step that asks "which school has the largest gap" again and
 * again while each answer changes only one or two values. Ties go to the
 * lowest index, as a scan that keeps the first maximum would. -INFINITY marks
 * a value that is never chosen. Allocates nothing: the caller lends the
 * buffers. Internal to sim/. */
#ifndef TEACHSIM_ARGMAX_H
#define TEACHSIM_ARGMAX_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int32_t n, leaves; /* leaves: a power of two, at least n */
    double *value;     /* leaves values; those from n on are -INFINITY */
    int32_t *winner;   /* 2 * leaves nodes: the winning value's index; the root is node 1 */
} ts_argmax;

/** The number of leaves (values) and nodes (winners) a tree over up to n values needs. */
int32_t ts_argmax_leaves(int32_t n);

/** A tree over n values in `value` (filled by the caller, `leaves` long), winners in `winner` (2 * leaves). */
void ts_argmax_build(ts_argmax *t, double *value, int32_t *winner, int32_t n);

/** Change value k and the winners above it. */
void ts_argmax_set(ts_argmax *t, int32_t k, double v);

/** Index of the first largest value, or -1 when there is none but -INFINITY. */
int32_t ts_argmax_first(const ts_argmax *t);
#endif
