/**
 * @file summary.h
 * The terminal summary table of a results set.
 *
 * Owns: by-year tables of the replication mean and the 5-95 % band of
 * chosen indicators, for a region and each (or one) scenario, as printed by
 * `teachsim run` and `teachsim summary`; the table of target probabilities;
 * and the paired-difference tables of `teachsim summary --compare`. Works on
 * a ts_results in memory, whether just computed or read back from a file.
 * Each table is built once as data (table.h) in the view's language, then
 * printed and, when the view keeps them, written as CSV or a workbook.
 * Also owns how the summary names an indicator, its units and a region in
 * either language.
 */
#ifndef TEACHSIM_SUMMARY_H
#define TEACHSIM_SUMMARY_H

#include <stdio.h>

#include "table.h"
#include "teachsim/results.h"

/** The indicators shown when none is asked for. */
extern const char *const ts_summary_default_metrics[];
extern const size_t ts_summary_default_metric_count;

/**
 * Print one table per (scenario, metric), rows years, columns the mean, 5 %,
 * 50 % and 95 % points over the replications (ts_summary_view_bands), for
 * the results just written to the file at `path`,
 * whose dimensions and labels `shape` has (it need hold no replication):
 * each column is read from the file in blocks of replications, so the
 * memory does not depend on how many there are, and the numbers are those
 * ts_summary_view_bands gives for the file read whole. Every scenario.
 */
ts_status ts_summary_print_file(FILE *out, const ts_results *shape, const char *path, const char *const *metrics,
                                size_t n_metrics, const char *region, ts_error *err);

/**
 * Print the targets of the results, when there are any: per target and
 * scenario the probability of meeting it, its 95 % Wilson interval, the
 * replications that met it and the target in words. Prints nothing when
 * res has no target.
 */
void ts_summary_print_targets(FILE *out, const ts_results *res);

/** The views of the two above in a language, keeping their tables when
 *  view->keep is set (the functions above are these in English, for
 *  `teachsim run`). */
ts_status ts_summary_view_bands(const ts_view *v, const ts_results *res, const char *const *metrics, size_t n_metrics,
                                const char *region, const char *scenario, ts_error *err);
ts_status ts_summary_view_targets(const ts_view *v, const ts_results *res, ts_error *err);

/**
 * Print one table per (metric, contrast) from the paired-difference
 * statistics (res->contrasts.stats): rows are years, columns the reference's
 * mean, the scenario's mean, the mean paired difference, its 5 % and 95 %
 * points (a 90 % interval) and whether that interval excludes zero. Without
 * contrasts (one scenario) a TS_ERR_USAGE error; unknown metric or region
 * names as for ts_summary_view_bands. In view->lang, kept as the two above.
 */
ts_status ts_summary_view_compare(const ts_view *v, const ts_results *res, const char *const *metrics, size_t n_metrics,
                                  const char *region, ts_error *err);

/** Region g as a title names it: in English its code, or with `both` its
 *  Chinese name and code ("湘潭县 (xiangtan_county)"); in Chinese
 *  "湘潭县（xiangtan_county）". Written into buf, which is returned. */
const char *ts_summary_region_text(const ts_results *res, size_t g, ts_lang lang, int both, char *buf, size_t cap);

#endif
