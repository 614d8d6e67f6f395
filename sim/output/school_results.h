/**
 * @file school_results.h
 * The per-school results of a run (group schools/, docs/results-file.md).
 *
 * Owns: the table of the run's schools in ts_results (id, name, region,
 * level, locality, pupils and whether scored at the start), taken from the
 * start population, and turning the sums over replications into what the
 * file holds (probability of meeting the school rule, means of the three
 * per-100 indicators, share of replications below each threshold, the
 * indicator most often missed). Does not own adding the outcomes up (the
 * recording, record/quality.c, through ts_school_sums) nor the HDF5 calls
 * (results_h5_layout.c, results_h5.c).
 */
#ifndef TEACHSIM_SCHOOL_RESULTS_H
#define TEACHSIM_SCHOOL_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "population.h"
#include "teachsim/results.h"
#include "teachsim/scenario.h"

/**
 * Label the schools of `res` (scenarios and years allocated) from the start
 * populations of its n scenarios. The schools are a dimension of the file,
 * so they are kept only when every scenario starts from the same schools
 * (count, region, level, locality); otherwise res->schools stays empty and
 * *why (when not NULL) names the first scenario that differs.
 */
ts_status ts_school_results_label(ts_results *res, const ts_population *start, const ts_scenario *sc, size_t n,
                                  const char **why, ts_error *err);

/** The sums of scenario s, year y, school k (TS_SCHOOL_SUM_FIELDS of them). */
static inline const int64_t *ts_school_results_cell(const ts_results *res, size_t s, size_t y, size_t k)
{
    return res->schools.sums + ((s * res->n_years + y) * res->schools.n + k) * TS_SCHOOL_SUM_FIELDS;
}

/** What the file holds of one cell: the probability of meeting the school
 *  rule (NaN when never scored), the mean of each per-100 value, the share
 *  of scored replications below each threshold, and the index (0..2) of the
 *  indicator most often below it, or -1 when none ever is. */
typedef struct {
    double met_probability;
    double per100_mean[3];
    double missing_share[3];
    int most_missed;
    int64_t scored;
} ts_school_outcome;

void ts_school_results_outcome(const int64_t *cell, ts_school_outcome *out);

#endif
