/*
 * comparison.c: paired differences between scenarios and their statistics
 * (comparison.h).
 */
#include "comparison.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

const char *const ts_comparison_stat_suffix[TS_STAT_COUNT] = {"_mean", "_se", "_q05", "_q50", "_q95"};

void ts_comparison_difference(const ts_results *res, size_t indicator, size_t contrast, double *out)
{
    const double *a = ts_results_block(res, indicator, res->contrasts.scenario[contrast], res->first_held);
    const double *b = ts_results_block(res, indicator, res->contrasts.reference, res->first_held);
    size_t n = res->n_held * res->n_years * res->n_regions;
    for (size_t k = 0; k < n; k++)
        out[k] = a[k] - b[k]; /* NaN stays NaN; x - x is exactly 0 */
}

void ts_comparison_stats(double *x, size_t n, double out[TS_STAT_COUNT])
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++) /* drop NaN, keeping the replication order of the rest */
        if (!isnan(x[k]))
            x[m++] = x[k];
    for (int s = 0; s < TS_STAT_COUNT; s++)
        out[s] = NAN;
    if (m == 0)
        return;
    double sum = 0;
    for (size_t k = 0; k < m; k++)
        sum += x[k];
    double mean = sum / (double)m;
    out[TS_STAT_MEAN] = mean;
    if (m > 1) {
        double ss = 0; /* two passes: exact zero for identical values */
        for (size_t k = 0; k < m; k++)
            ss += (x[k] - mean) * (x[k] - mean);
        out[TS_STAT_SE] = sqrt(ss / (double)(m - 1)) / sqrt((double)m);
    }
    gsl_sort(x, 1, m);
    out[TS_STAT_Q05] = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.05);
    out[TS_STAT_Q50] = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.50);
    out[TS_STAT_Q95] = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.95);
}

static char *label(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 4;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s - %s", a, b);
    return s;
}

static ts_status label_contrasts(ts_results *res, size_t reference, int statistics, ts_error *err)
{
    if (reference >= res->n_scenarios)
        return ts_error_set(err, TS_ERR_USAGE, "reference scenario %zu of %zu", reference, res->n_scenarios);
    res->contrasts.reference = reference;
    ts_status st = ts_results_alloc_contrasts(res, res->n_scenarios - 1, statistics, err);
    if (st != TS_OK || res->contrasts.n == 0)
        return st;
    for (size_t s = 0, c = 0; s < res->n_scenarios; s++) {
        if (s == reference)
            continue;
        res->contrasts.scenario[c] = s;
        if (!(res->contrasts.labels[c] =
                  label(res->labels.scenario_names[s] ? res->labels.scenario_names[s] : "",
                        res->labels.scenario_names[reference] ? res->labels.scenario_names[reference] : "")))
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory labelling contrasts");
        c++;
    }
    return TS_OK;
}

ts_status ts_comparison_label(ts_results *res, size_t reference, ts_error *err)
{
    /* streamed runs compute the statistics from the file (comparison_h5.c): none are held here */
    return label_contrasts(res, reference, 0, err);
}

ts_status ts_comparison_compute(ts_results *res, size_t reference, ts_error *err)
{
    ts_status st = label_contrasts(res, reference, 1, err);
    if (st != TS_OK || res->contrasts.n == 0)
        return st;
    const size_t R = res->n_replications, Y = res->n_years, G = res->n_regions;
    double *diff = malloc(R * Y * G * sizeof *diff), *column = malloc(R * sizeof *column);
    if (!diff || !column) {
        free(diff);
        free(column);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory computing paired differences");
    }
    for (size_t i = 0; i < res->n_indicators; i++)
        for (size_t c = 0; c < res->contrasts.n; c++) {
            ts_comparison_difference(res, i, c, diff);
            for (size_t cell = 0; cell < Y * G; cell++) {
                for (size_t r = 0; r < R; r++)
                    column[r] = diff[r * Y * G + cell];
                double stat[TS_STAT_COUNT];
                ts_comparison_stats(column, R, stat);
                for (int k = 0; k < TS_STAT_COUNT; k++)
                    ts_results_contrast_block(res, (ts_comparison_stat)k, i, c)[cell] = stat[k];
            }
        }
    free(diff);
    free(column);
    return TS_OK;
}
