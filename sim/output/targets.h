/**
 * @file targets.h
 * Scenario targets evaluated against the results of a run.
 *
 * Owns: whether one replication meets a target (and the first year it would
 * be met as of), the union of the scenarios' targets by name in ts_results,
 * the probability of meeting a target over replications with its Wilson
 * score interval, and a target in words. Does not own the schema of a target
 * (scenario.h, scenario_targets.c) nor the file layout (results_h5_layout.c).
 */
#ifndef TEACHSIM_TARGETS_H
#define TEACHSIM_TARGETS_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/results.h"
#include "teachsim/scenario.h"

/** The normal quantile of a two-sided 95 % interval. */
#define TS_WILSON_Z95 1.959963984540054

/**
 * Wilson score interval of k successes in n trials at normal quantile z:
 * (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), p = k/n, clipped to
 * [0, 1]. NaN bounds when n is 0.
 */
void ts_targets_wilson(int64_t k, int64_t n, double z, double *lower, double *upper);

/**
 * Whether replication r of scenario s in `res` meets target t: 1, 0, or -1
 * when it cannot be evaluated (its year outside the results' years, or its
 * indicator or region not in them). *year_met (may be NULL) receives the
 * first year y of the results for which the target with its year set to y
 * would be met, or -1.
 */
int ts_targets_outcome(const ts_target *t, const ts_results *res, size_t s, size_t r, int32_t *year_met);

/** Label the targets of scenarios sc[0..n-1] (the scenarios of `res`, in
 *  its order): the union of target names in order of first appearance and
 *  each scenario's definition in words; outcomes left at -1. Nothing is
 *  allocated when no scenario has a target. */
ts_status ts_targets_label(ts_results *res, const ts_scenario *sc, size_t n, ts_error *err);

/** The outcomes of the replications res holds (a batch
 *  of a streamed run, or all), for targets labelled by ts_targets_label. */
void ts_targets_evaluate_held(ts_results *res, const ts_scenario *sc, size_t n);

/** Probability of target t in scenario s over the replications where it was
 *  evaluated: *met of *evaluated, and the 95 % Wilson interval (NaN when
 *  nothing was evaluated). */
double ts_targets_probability(const ts_results *res, size_t t, size_t s, int64_t *met, int64_t *evaluated,
                              double *lower, double *upper);

/** A target in words, e.g. "qb_pass >= 1 in every county by 2025". */
void ts_targets_describe(const ts_target *t, char *buf, size_t size);

#endif
