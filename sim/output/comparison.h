/**
 * @file comparison.h
 * Paired differences between scenarios run together.
 *
 * Owns: choosing the contrasts (every scenario but the reference, against
 * it), the per-replication difference of an indicator (scenario minus
 * reference in the same replication: common random numbers make it a paired
 * difference), and its statistics over replications (mean, standard error,
 * 5/50/95 % points) stored in ts_results for the group comparison/.
 * Everything runs serially in replication order, after the run (or, for a
 * run streamed to a file, by comparison_h5.c from the differences in the
 * file), so the numbers are the same whatever the number of threads.
 * Does not own the file layout (results_h5_layout.c) nor printing
 * (summary.h).
 */
#ifndef TEACHSIM_COMPARISON_H
#define TEACHSIM_COMPARISON_H

#include <stddef.h>

#include "teachsim/results.h"

/** Name suffix of each statistic's dataset in comparison/ ("_mean", "_se", ...). */
extern const char *const ts_comparison_stat_suffix[TS_STAT_COUNT];

/**
 * Label the contrasts of `res` (each scenario but `reference`, in scenario
 * order, labelled "NAME - REFERENCE") and compute their statistics. With one
 * scenario there is no contrast and nothing is allocated. A reference out of
 * range is TS_ERR_USAGE.
 */
ts_status ts_comparison_compute(ts_results *res, size_t reference, ts_error *err);

/** Only the labelling half: contrasts chosen and labelled, no statistics
 *  held (contrast_stats NULL), for a run streamed to a file, whose writer
 *  computes them from the differences in the file. */
ts_status ts_comparison_label(ts_results *res, size_t reference, ts_error *err);

/**
 * The paired differences of one indicator for one contrast, as a
 * [replication][year][region] block of the replications held in memory:
 * out[k] = value(scenario) - value(reference).
 * NaN where either is NaN.
 */
void ts_comparison_difference(const ts_results *res, size_t indicator, size_t contrast, double *out);

/**
 * Statistics of n values x[0..n-1] with NaN left out (x is reordered):
 * out[TS_STAT_*]; NaN when nothing is left, the standard error NaN with fewer
 * than two values. Quantiles interpolate linearly between order statistics
 * (GSL's, numpy's default). Sums run in the given order.
 */
void ts_comparison_stats(double *x, size_t n, double out[TS_STAT_COUNT]);

#endif
