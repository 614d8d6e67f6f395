/**
 * @file summary.h
 * The terminal summary table of a results set.
 *
 * Owns: by-year tables of the replication mean and the 5-95 % band of
 * chosen indicators, for a region and each (or one) scenario, as printed by
 * `teachsim run` and `teachsim summary`; the table of target probabilities;
 * and the paired-difference tables of `teachsim summary --compare`. Works on
 * a ts_results in memory, whether just computed or read back from a file.
 */
#ifndef TEACHSIM_SUMMARY_H
#define TEACHSIM_SUMMARY_H

#include <stdio.h>

#include "teachsim/results.h"

/** The indicators shown when none is asked for. */
extern const char *const ts_summary_default_metrics[];
extern const size_t ts_summary_default_metric_count;

/**
 * Print one table per (scenario, metric): rows are years, columns mean, 5 %,
 * 50 % and 95 % over replications. `scenario` NULL means every scenario.
 * Unknown metric, region or scenario names are TS_ERR_USAGE errors that list
 * the known ones.
 */
ts_status ts_summary_print(FILE *out, const ts_results *res, const char *const *metrics, size_t n_metrics,
                           const char *region, const char *scenario, ts_error *err);

/**
 * Print the targets of the results, when there are any: per target and
 * scenario the probability of meeting it, its 95 % Wilson interval, the
 * replications that met it and the target in words. Prints nothing when
 * res has no target.
 */
void ts_summary_print_targets(FILE *out, const ts_results *res);

/**
 * Print one table per (metric, contrast) from the paired-difference
 * statistics (res->contrasts.stats): rows are years, columns the reference's
 * mean, the scenario's mean, the mean paired difference, its 5 % and 95 %
 * points (a 90 % interval) and whether that interval excludes zero. Without
 * contrasts (one scenario) a TS_ERR_USAGE error; unknown metric or region
 * names as for ts_summary_print.
 */
ts_status ts_summary_print_compare(FILE *out, const ts_results *res, const char *const *metrics, size_t n_metrics,
                                   const char *region, ts_error *err);

#endif
