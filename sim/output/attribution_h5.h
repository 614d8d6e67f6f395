/*
 * attribution_h5.h: the attribution of a difference between two scenarios
 * to the groups of keys in which they differ, and its group attribution/ of
 * a results file (docs/attribution.md, docs/results-file.md).
 *
 * Owns: ts_attribution (the groups and their keys, the outcomes, every
 * coalition's mean outcome, each group's Shapley value with its interval,
 * its effect alone, and the difference with its interval and the share of
 * it that interactions make), computing it from the outcomes of every
 * coalition replication by replication (base/shapley.h), writing it into a
 * finished results file and reading it back. Does not own the runs of the
 * coalitions (run/attribution.h) nor printing (summary_attribution.h).
 */
#ifndef TEACHSIM_ATTRIBUTION_H5_H
#define TEACHSIM_ATTRIBUTION_H5_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"

typedef struct {
    size_t n_groups;     /* G */
    size_t n_outcomes;   /* O */
    size_t n_coalitions; /* 2^G: coalition S takes the keys of the groups of mask S from B, the rest from A */
    int32_t replications;
    uint32_t seed;
    double level;     /* the intervals' confidence level, 0.95 */
    char *scenario_a; /* names (owned) */
    char *scenario_b;
    char **groups;      /* G names (owned) */
    char **group_keys;  /* G: the group's keys that differ, comma separated (owned) */
    char **outcomes;    /* O, as written on the command line (owned) */
    double *value;      /* [O][C]: the coalition's outcome, mean over the replications used */
    double *shapley;    /* [O][G] */
    double *shapley_lo; /* [O][G]: normal interval from the replications' paired Shapley values */
    double *shapley_hi;
    double *alone;         /* [O][G]: v({g}) - v({}) */
    double *difference;    /* [O]: v(all) - v({}) = B - A */
    double *difference_lo; /* [O] */
    double *difference_hi; /* [O] */
    double *interaction;   /* [O]: the difference less the sum of the effects alone */
    double *used;          /* [O]: replications in which every coalition's outcome was evaluated */
} ts_attribution;

/** Allocate the arrays for the dimensions set in a (strings NULL, numbers NaN). */
ts_status ts_attribution_alloc(ts_attribution *a, ts_error *err);
void ts_attribution_free(ts_attribution *a);

/**
 * Fill values, Shapley values, effects alone, the difference and their
 * intervals from y[(o * C + c) * R + r], outcome o of coalition c in
 * replication r (R = a->replications; NaN where not evaluated: such a
 * replication is left out of that outcome). Every replication gives a
 * Shapley value of its own (the Shapley value is linear in the game, so their
 * mean is the Shapley value of the mean outcomes); the interval is the mean
 * +- z sd / sqrt(n), the replications being independent and each paired
 * across the coalitions by common random numbers.
 */
void ts_attribution_compute(ts_attribution *a, const double *y);

/** Add the group attribution/ to the finished results file at path. */
ts_status ts_attribution_write_h5(const ts_attribution *a, const char *path, ts_error *err);

/** Read the group attribution/ of the results file at path into *a (free it with ts_attribution_free). */
ts_status ts_attribution_read_h5(ts_attribution *a, const char *path, ts_error *err);

#endif
