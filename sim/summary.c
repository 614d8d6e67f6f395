/* summary.c: by-year tables of mean and 5-95 % bands (summary.h). */
#include "teachsim/summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

const char *const ts_summary_default_metrics[] = {"teachers", "vacancies", "rural_vacancies",
                                                  "rural_share_age_50plus", "pupil_teacher_ratio"};
const size_t ts_summary_default_metric_count = sizeof ts_summary_default_metrics / sizeof ts_summary_default_metrics[0];

static int find_label(char *const *labels, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (labels[i] && strcmp(labels[i], name) == 0)
            return (int)i;
    return -1;
}

static void list_labels(char *buf, size_t cap, char *const *labels, size_t n)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && at + 1 < cap; i++)
        at += (size_t)snprintf(buf + at, cap - at, "%s%s", i ? ", " : "", labels[i]);
}

static void print_table(FILE *out, const ts_results *res, size_t ind, size_t s, size_t g, double *buf)
{
    const ts_indicator_def *d = &res->indicators[ind];
    const int whole = d->kind == TS_VALUE_COUNT;
    fprintf(out, "\n%s, %s (%s), scenario %s, %zu replications\n", d->long_name, res->region_codes[g], d->units,
            res->scenario_names[s], res->n_replications);
    fprintf(out, "  %-6s %12s %12s %12s %12s\n", "year", "mean", "5%", "median", "95%");
    for (size_t y = 0; y < res->n_years; y++) {
        size_t n = 0;
        for (size_t r = 0; r < res->n_replications; r++) {
            double v = ts_results_block(res, ind, s, r)[y * res->n_regions + g];
            if (!isnan(v))
                buf[n++] = v;
        }
        fprintf(out, "  %-6d", res->first_year + (int)y);
        if (n == 0) {
            fprintf(out, " %12s %12s %12s %12s\n", "-", "-", "-", "-");
            continue;
        }
        gsl_sort(buf, 1, n);
        double q[4] = {gsl_stats_mean(buf, 1, n), gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.05),
                       gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.50),
                       gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.95)};
        for (int k = 0; k < 4; k++)
            fprintf(out, whole && k > 0 ? " %12.0f" : whole ? " %12.1f" : " %12.4f", q[k]);
        fputc('\n', out);
    }
}

ts_status ts_summary_print(FILE *out, const ts_results *res, const char *const *metrics, size_t n_metrics,
                           const char *region, const char *scenario, ts_error *err)
{
    char known[4096];
    int g = find_label(res->region_codes, res->n_regions, region ? region : "ALL");
    if (g < 0) {
        list_labels(known, sizeof known, res->region_codes, res->n_regions);
        return ts_error_set(err, TS_ERR_USAGE, "unknown region '%s'; the file has: %s", region, known);
    }
    int only = -1;
    if (scenario && (only = find_label(res->scenario_names, res->n_scenarios, scenario)) < 0) {
        list_labels(known, sizeof known, res->scenario_names, res->n_scenarios);
        return ts_error_set(err, TS_ERR_USAGE, "unknown scenario '%s'; the file has: %s", scenario, known);
    }
    int *index = calloc(n_metrics + 1, sizeof *index);
    double *buf = malloc((res->n_replications + 1) * sizeof *buf);
    ts_status st = (index && buf) ? TS_OK : ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    for (size_t m = 0; st == TS_OK && m < n_metrics; m++) {
        index[m] = ts_results_indicator_index(res, metrics[m]);
        if (index[m] < 0) {
            size_t at = 0;
            known[0] = '\0';
            for (size_t i = 0; i < res->n_indicators && at + 1 < sizeof known; i++)
                at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", i ? ", " : "", res->indicators[i].name);
            st = ts_error_set(err, TS_ERR_USAGE, "unknown metric '%s'; known metrics: %s", metrics[m], known);
        }
    }
    for (size_t s = 0; st == TS_OK && s < res->n_scenarios; s++) {
        if (only >= 0 && (size_t)only != s)
            continue;
        for (size_t m = 0; m < n_metrics; m++)
            print_table(out, res, (size_t)index[m], s, (size_t)g, buf);
    }
    free(index);
    free(buf);
    return st;
}
