/*
 * cost_effect.c: yuan per unit of outcome from the paired differences
 * (cost_effect.h).
 *
 * The mean of a sum over years is the sum of the years' means, so the
 * ratios are computed from the comparison statistics alone: Δcost summed
 * over the years over the rural-vacancy-years avoided (minus Δrural_vacancies
 * summed over the years), and Δcost_total_cumulative of the last year over
 * the schools brought up to the rule in the last year (Δqb_schools_meeting_rule).
 * A ratio is only a cost per unit gained: where the outcome does not improve
 * it is not defined, whatever the cost (docs/comparison.md).
 */
#include "cost_effect.h"

#include <math.h>
#include <string.h>

/* Sum over the years (all of them: last 0) or the value of the last year
 * (last 1) of the mean difference of `name` in one contrast and region; NaN
 * when the indicator is not in res. */
static double mean_difference(const ts_results *res, const char *name, size_t contrast, size_t region, int last,
                              int *present)
{
    int i = ts_results_indicator_index(res, name);
    *present = i >= 0;
    if (i < 0 || res->n_years == 0)
        return NAN;
    const double *mean = ts_results_contrast_block(res, TS_STAT_MEAN, (size_t)i, contrast);
    if (last)
        return mean[(res->n_years - 1) * res->n_regions + region];
    double sum = 0.0;
    for (size_t y = 0; y < res->n_years; y++)
        sum += mean[y * res->n_regions + region];
    return sum;
}

void ts_cost_effect_compute(const ts_results *res, size_t contrast, size_t region, ts_cost_effect *out)
{
    int cost, cumulative, vacancies, schools;
    out->cost = mean_difference(res, "cost_total", contrast, region, 0, &cost);
    out->cost_cumulative = mean_difference(res, "cost_total_cumulative", contrast, region, 1, &cumulative);
    /* 0.0 - x, not -x: no difference is 0 avoided, not -0 */
    out->vacancy_years_avoided = 0.0 - mean_difference(res, "rural_vacancies", contrast, region, 0, &vacancies);
    out->schools_gained = mean_difference(res, "qb_schools_meeting_rule", contrast, region, 1, &schools);
    out->has_costs = cost && cumulative && vacancies;
    out->has_schools = schools;
    /* "x > 0" is false for NaN, so a NaN outcome is not defined either. */
    out->yuan_per_vacancy_year =
        out->has_costs && out->vacancy_years_avoided > 0 ? out->cost / out->vacancy_years_avoided : NAN;
    out->yuan_per_school =
        out->has_costs && schools && out->schools_gained > 0 ? out->cost_cumulative / out->schools_gained : NAN;
}

/* A ratio, or why it is not defined. */
static void print_ratio(FILE *out, double ratio, double gained, const char *unit)
{
    if (isnan(ratio))
        fprintf(out, "per %s: not defined (%s)\n", unit,
                isnan(gained) ? "the outcome is NaN" : "the outcome does not improve");
    else
        fprintf(out, "that is %.0f yuan per %s%s\n", ratio, unit,
                ratio < 0 ? " (it costs less and the outcome improves: no trade-off)" : "");
}

ts_status ts_cost_effect_print(FILE *out, const ts_results *res, const char *region, ts_error *err)
{
    if (res->contrasts.n == 0 || !res->contrasts.stats)
        return TS_OK;
    size_t g = 0;
    while (g < res->n_regions && (!res->labels.region_codes[g] || strcmp(res->labels.region_codes[g], region) != 0))
        g++;
    if (g == res->n_regions)
        return ts_error_set(err, TS_ERR_USAGE, "cost per outcome: no region %s in the results", region);
    if (res->n_years == 0)
        return TS_OK;
    const int first = res->first_year, last = res->first_year + (int)res->n_years - 1;
    fprintf(out, "\nCost per unit of outcome, %s, %d-%d (mean paired differences over %zu replications)\n", region,
            first, last, res->n_replications);
    for (size_t c = 0; c < res->contrasts.n; c++) {
        ts_cost_effect e;
        ts_cost_effect_compute(res, c, g, &e);
        fprintf(out, "  %s\n", res->contrasts.labels[c] ? res->contrasts.labels[c] : "?");
        if (!e.has_costs) {
            fprintf(out, "    the results have no costs (cost_total, cost_total_cumulative, rural_vacancies)\n");
            continue;
        }
        fprintf(out, "    cost, summed over the years: %+.0f yuan; rural vacancy-years avoided: %.1f\n", e.cost,
                e.vacancy_years_avoided);
        fprintf(out, "      ");
        print_ratio(out, e.yuan_per_vacancy_year, e.vacancy_years_avoided, "rural vacancy-year avoided");
        if (!e.has_schools) {
            fprintf(out, "    schools brought up to the rule: the results have no qb_schools_meeting_rule\n");
            continue;
        }
        fprintf(out, "    cumulative cost by %d: %+.0f yuan; schools brought up to the rule in %d: %.2f\n", last,
                e.cost_cumulative, last, e.schools_gained);
        fprintf(out, "      ");
        print_ratio(out, e.yuan_per_school, e.schools_gained, "school brought up to the rule");
    }
    return TS_OK;
}
