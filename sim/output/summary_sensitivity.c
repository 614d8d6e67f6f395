/*
 * summary_sensitivity.c: printing a sensitivity study's ranking
 * (summary_sensitivity.h).
 */
#include "summary_sensitivity.h"

#include <math.h>
#include <stdlib.h>

/* The importance that orders the inputs: NaN last. */
static double importance(const ts_sensitivity *s, size_t o, size_t i)
{
    double v = *ts_sensitivity_stat(s, s->method == TS_SENS_MORRIS ? TS_SSTAT_MU_STAR : TS_SSTAT_TOTAL, o, i);
    return isnan(v) ? -INFINITY : v;
}

void ts_summary_sensitivity_order(const ts_sensitivity *s, size_t o, size_t *order)
{
    /* Insertion sort, stable: ties keep the order of the inputs. */
    for (size_t i = 0; i < s->k; i++) {
        size_t j = i;
        while (j > 0 && importance(s, o, order[j - 1]) < importance(s, o, i)) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
}

void ts_summary_sensitivity(FILE *out, const ts_sensitivity *s, size_t top)
{
    size_t *order = malloc(s->k * sizeof *order);
    if (!order)
        return;
    size_t shown = top && top < s->k ? top : s->k;
    int pct = (int)lround(100 * s->level);
    for (size_t o = 0; o < s->n_outcomes; o++) {
        ts_summary_sensitivity_order(s, o, order);
        if (s->method == TS_SENS_MORRIS) {
            fprintf(out,
                    "%s: Morris screening, %zu trajectories x %zu inputs (%zu points, %d replications each); sd of "
                    "the outcome over the design %.4g\n",
                    s->outcomes[o], s->n_base, s->k, s->n_points, (int)s->replications, sqrt(s->variance[o]));
            fprintf(out, "  %-4s %-56s %12s  %-27s %12s %12s\n", "rank", "input (range)", "mu*",
                    pct == 95 ? "95 % interval" : "interval", "mu", "sigma");
        } else {
            fprintf(out,
                    "%s: Sobol indices, %zu base samples x %zu inputs (%zu points, %d replications each); variance "
                    "of the outcome %.4g\n",
                    s->outcomes[o], s->n_base, s->k, s->n_points, (int)s->replications, s->variance[o]);
            fprintf(out, "  %-4s %-56s %8s  %-17s %8s  %-17s\n", "rank", "input (range)", "total",
                    pct == 95 ? "95 % interval" : "interval", "first", pct == 95 ? "95 % interval" : "interval");
        }
        for (size_t r = 0; r < shown; r++) {
            size_t i = order[r];
            char label[256];
            snprintf(label, sizeof label, "%s (%s)", s->inputs[i], s->distributions[i]);
            if (s->method == TS_SENS_MORRIS)
                fprintf(out, "  %-4zu %-56s %12.4g  [%11.4g, %11.4g] %12.4g %12.4g\n", r + 1, label,
                        *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR_LO, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR_HI, o, i), *ts_sensitivity_stat(s, TS_SSTAT_MU, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_SIGMA, o, i));
            else
                fprintf(out, "  %-4zu %-56s %8.3f  [%6.3f, %6.3f]  %8.3f  [%6.3f, %6.3f]\n", r + 1, label,
                        *ts_sensitivity_stat(s, TS_SSTAT_TOTAL, o, i), *ts_sensitivity_stat(s, TS_SSTAT_TOTAL_LO, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_TOTAL_HI, o, i), *ts_sensitivity_stat(s, TS_SSTAT_FIRST, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_FIRST_LO, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_FIRST_HI, o, i));
        }
        if (shown < s->k)
            fprintf(out, "  (%zu more inputs)\n", s->k - shown);
        if (s->method == TS_SENS_MORRIS)
            fprintf(out, "  mu*: mean absolute elementary effect, in outcome units per whole range of the input; "
                         "sigma large against mu*: interactions or a non-linear effect\n");
        else
            fprintf(out, "  total: the share of the outcome's variance the input is involved in; first: its share "
                         "alone; total - first: its interactions\n");
    }
    free(order);
}

ts_status ts_summary_sensitivity_file(FILE *out, const char *path, size_t top, ts_error *err)
{
    ts_sensitivity s;
    ts_status st = ts_sensitivity_read_h5(&s, path, err);
    if (st != TS_OK)
        return st;
    fprintf(out, "%s: sensitivity study, seed %u, %d replications per point, %zu bootstrap resamples\n", path,
            (unsigned)s.seed, (int)s.replications, s.bootstrap);
    ts_summary_sensitivity(out, &s, top);
    ts_sensitivity_free(&s);
    return TS_OK;
}
