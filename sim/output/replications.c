/*
 * replications.c: one cell over the replications held (replications.h).
 */
#include "replications.h"

#include <math.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

size_t ts_replications_values(const ts_results *res, size_t ind, size_t s, size_t cell, double *buf)
{
    size_t n = 0;
    for (size_t r = res->first_held; r < res->first_held + res->n_held; r++) {
        double v = ts_results_block(res, ind, s, r)[cell];
        if (!isnan(v))
            buf[n++] = v;
    }
    return n;
}

double ts_replications_mean(const ts_results *res, size_t ind, size_t s, size_t cell)
{
    double sum = 0.0;
    size_t n = 0;
    for (size_t r = res->first_held; r < res->first_held + res->n_held; r++) {
        double v = ts_results_block(res, ind, s, r)[cell];
        if (!isnan(v)) {
            sum += v;
            n++;
        }
    }
    return n ? sum / (double)n : NAN;
}

void ts_replications_points(double *buf, size_t n, double q[3])
{
    if (n == 0) {
        q[0] = q[1] = q[2] = NAN;
        return;
    }
    gsl_sort(buf, 1, n);
    q[0] = gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.05);
    q[1] = gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.50);
    q[2] = gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.95);
}
