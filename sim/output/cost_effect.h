/**
 * @file cost_effect.h
 * What an outcome costs: yuan per unit of outcome gained, per contrast.
 *
 * Owns: from the comparison statistics of a results file (the mean over
 * replications of the paired differences, comparison.h), the yuan per
 * rural-vacancy-year avoided and the yuan per school brought up to the
 * school rule of one contrast and region, "not defined" when the outcome
 * does not improve, and printing them for `teachsim summary --compare`.
 * Does not own the costs (record/costs.h) nor the paired differences.
 */
#ifndef TEACHSIM_COST_EFFECT_H
#define TEACHSIM_COST_EFFECT_H

#include <stddef.h>
#include <stdio.h>

#include "table.h"
#include "teachsim/results.h"

/** One contrast's cost per unit of outcome in one region. Each ratio is NaN
 *  where not defined: the outcome does not improve (nothing avoided or
 *  gained), or the results lack the indicators it needs. */
typedef struct {
    double cost;                  /* sum over the years of the mean difference of cost_total, yuan */
    double vacancy_years_avoided; /* minus the sum over the years of the mean difference of rural_vacancies */
    double yuan_per_vacancy_year; /* cost / vacancy_years_avoided, when that is > 0 */
    double cost_cumulative;       /* mean difference of cost_total_cumulative in the last year */
    double schools_gained;        /* mean difference of qb_schools_meeting_rule in the last year */
    double yuan_per_school;       /* cost_cumulative / schools_gained, when that is > 0 */
    int has_costs;                /* the results have cost_total, cost_total_cumulative and rural_vacancies */
    int has_schools;              /* the results have qb_schools_meeting_rule */
} ts_cost_effect;

/** The cost per unit of outcome of contrast `contrast` in region index
 *  `region` of res (whose comparison statistics must be held: a file read
 *  with its comparison/ group, or ts_comparison_compute). */
void ts_cost_effect_compute(const ts_results *res, size_t contrast, size_t region, ts_cost_effect *out);

/**
 * Print, for every contrast of res, the cost and the outcome gained in
 * `region` (a region code; "ALL" the whole area) with the yuan per unit, or
 * "not defined" and why. Nothing when res has no contrast; one line when it
 * has no costs (a file written before them). An unknown region is
 * TS_ERR_USAGE with the known codes.
 */
ts_status ts_cost_effect_print(FILE *out, const ts_results *res, const char *region, ts_error *err);

/** ts_cost_effect_print in a language; with view->keep, the numbers are
 *  also kept as a table (cost-per-outcome-REGION) for --csv and --xlsx. */
ts_status ts_cost_effect_view(const ts_view *v, const ts_results *res, const char *region, ts_error *err);

#endif
