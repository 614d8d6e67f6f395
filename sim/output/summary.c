/* summary.c: by-year tables of mean and 5-95 % bands (summary.h). */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "labels.h"
#include "targets.h"

#define Z95 1.959964 /* the normal distribution's 97.5 % point, as the Wilson intervals use */

const char *const ts_summary_default_metrics[] = {
    "teachers", "vacancies",     "rural_vacancies",        "vacancies_temporary",
    "surplus",  "rotating_away", "rural_share_age_50plus", "pupil_teacher_ratio"};
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

/* An indicator's units as a reader says them: a dimensionless value ("1" in
 * the file) is a share. */
static const char *units_text(const ts_indicator_def *d)
{
    return d->units && strcmp(d->units, "1") != 0 ? d->units : "share";
}

/* A number in a column, "-" when undefined, and never "-0.0": a value that
 * rounds to zero is printed as zero. */
static void print_number(FILE *out, int width, double v, int decimals)
{
    if (isnan(v)) {
        fprintf(out, " %*s", width, "-");
        return;
    }
    if (fabs(v) < 0.5 * pow(10.0, -decimals))
        v = 0.0;
    fprintf(out, " %*.*f", width, decimals, v);
}

static void print_table(FILE *out, const ts_results *res, size_t ind, size_t s, size_t g, double *buf)
{
    const ts_indicator_def *d = &res->indicators[ind];
    const int whole = d->kind == TS_VALUE_COUNT;
    fprintf(out, "\n%s, %s (%s), scenario %s, %zu replications\n", d->long_name, res->labels.region_codes[g],
            units_text(d), res->labels.scenario_names[s], res->n_replications);
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
            print_number(out, 12, q[k], whole ? (k > 0 ? 0 : 1) : 4);
        fputc('\n', out);
    }
}

ts_status ts_summary_print(FILE *out, const ts_results *res, const char *const *metrics, size_t n_metrics,
                           const char *region, const char *scenario, ts_error *err)
{
    char known[4096];
    int g = ts_labels_region(res, region, err);
    if (g < 0)
        return TS_ERR_USAGE;
    int only = -1;
    if (scenario && (only = find_label(res->labels.scenario_names, res->n_scenarios, scenario)) < 0) {
        list_labels(known, sizeof known, res->labels.scenario_names, res->n_scenarios);
        return ts_error_set(err, TS_ERR_USAGE, "unknown scenario '%s'; the file has: %s", scenario, known);
    }
    int *index = calloc(n_metrics + 1, sizeof *index);
    double *buf = malloc((res->n_replications + 1) * sizeof *buf);
    ts_status st = (index && buf) ? TS_OK : ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    for (size_t m = 0; st == TS_OK && m < n_metrics; m++) {
        if ((index[m] = ts_labels_metric(res, metrics[m], err)) < 0)
            st = TS_ERR_USAGE;
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

/* ---- targets and paired differences ------------------------------------------ */

static int text_width(char *const *labels, size_t n, int least)
{
    int w = least;
    for (size_t i = 0; i < n; i++)
        if (labels[i] && (int)strlen(labels[i]) > w)
            w = (int)strlen(labels[i]);
    return w;
}

void ts_summary_print_targets(FILE *out, const ts_results *res)
{
    if (res->targets.n == 0)
        return;
    int tw = text_width(res->targets.names, res->targets.n, 6);
    int sw = text_width(res->labels.scenario_names, res->n_scenarios, 8);
    fprintf(out, "\nTargets: probability of meeting each over the replications, with its 95 %% Wilson interval\n");
    fprintf(out, "  %-*s  %-*s  %11s  %-16s  %11s  %s\n", tw, "target", sw, "scenario", "probability", "95% interval",
            "met", "definition");
    for (size_t t = 0; t < res->targets.n; t++)
        for (size_t s = 0; s < res->n_scenarios; s++) {
            const char *def = res->targets.definitions[t * res->n_scenarios + s];
            int64_t k = 0, n = 0;
            double lo, hi, p = ts_targets_probability(res, t, s, &k, &n, &lo, &hi);
            char prob[24] = "-", interval[48] = "-", count[48] = "-";
            if (n > 0) {
                snprintf(prob, sizeof prob, "%.3f", p);
                snprintf(interval, sizeof interval, "[%.3f, %.3f]", lo, hi);
                snprintf(count, sizeof count, "%lld/%lld", (long long)k, (long long)n);
            }
            int defined = def && def[0];
            fprintf(out, "  %-*s  %-*s  %11s  %-16s  %11s  %s%s\n", tw, res->targets.names[t], sw,
                    res->labels.scenario_names[s], prob, interval, count,
                    defined ? def : "(not a target of this scenario)",
                    defined && n == 0 ? " (year outside the horizon: not evaluated)" : "");
        }
}

/* Mean over replications of one cell, NaN left out. */
static double replication_mean(const ts_results *res, size_t ind, size_t s, size_t cell)
{
    double sum = 0;
    size_t n = 0;
    for (size_t r = 0; r < res->n_replications; r++) {
        double v = ts_results_block(res, ind, s, r)[cell];
        if (!isnan(v)) {
            sum += v;
            n++;
        }
    }
    return n ? sum / (double)n : NAN;
}

static const char *excludes_zero(double lo, double hi)
{
    return isnan(lo) || isnan(hi) ? "-" : (lo > 0 || hi < 0) ? "yes" : "no";
}

/* One year's row: the two means, the mean difference with its standard error
 * and 95 % interval, then the spread of the differences. */
static void print_compare_row(FILE *out, const ts_results *res, size_t ind, size_t c, size_t cell, const int w[2],
                              int decimals)
{
    const size_t ref = res->contrasts.reference, s = res->contrasts.scenario[c];
    double mean = ts_results_contrast_block(res, TS_STAT_MEAN, ind, c)[cell];
    double se = ts_results_contrast_block(res, TS_STAT_SE, ind, c)[cell];
    double lo = ts_results_contrast_block(res, TS_STAT_Q05, ind, c)[cell];
    double hi = ts_results_contrast_block(res, TS_STAT_Q95, ind, c)[cell];
    double ci_lo = mean - Z95 * se, ci_hi = mean + Z95 * se;
    print_number(out, w[0], replication_mean(res, ind, ref, cell), decimals);
    print_number(out, w[1], replication_mean(res, ind, s, cell), decimals);
    print_number(out, 12, mean, decimals);
    print_number(out, 12, se, decimals + 1);
    print_number(out, 12, ci_lo, decimals);
    print_number(out, 12, ci_hi, decimals);
    fprintf(out, "  %-7s", excludes_zero(ci_lo, ci_hi));
    print_number(out, 12, lo, decimals);
    print_number(out, 12, hi, decimals);
    fprintf(out, "  %s\n", excludes_zero(lo, hi));
}

/* The mean's interval and the spread of the differences answer different
 * questions (is the change real; what may one future show), so the header
 * names both and says how the first is computed. */
static void print_compare_table(FILE *out, const ts_results *res, size_t ind, size_t c, size_t g)
{
    const ts_indicator_def *d = &res->indicators[ind];
    const size_t ref = res->contrasts.reference, s = res->contrasts.scenario[c];
    const int decimals = d->kind == TS_VALUE_COUNT ? 1 : 4;
    int w[2] = {(int)strlen(res->labels.scenario_names[ref]), (int)strlen(res->labels.scenario_names[s])};
    w[0] = w[0] < 10 ? 10 : w[0];
    w[1] = w[1] < 10 ? 10 : w[1];
    fprintf(out, "\n%s, %s (%s): %s, %zu paired replications\n", d->long_name, res->labels.region_codes[g],
            units_text(d), res->contrasts.labels[c], res->n_replications);
    fprintf(out, "  mean difference: its standard error (SE) and 95 %% confidence interval, mean +/- 1.96 SE "
                 "(normal approximation);\n  spread: the 5 %% and 95 %% points of the per-replication differences "
                 "(90 %% of single futures), not a confidence interval\n");
    fprintf(out, "  %-6s %*s %*s %12s %12s %12s %12s  %-7s %12s %12s  %s\n", "year", w[0],
            res->labels.scenario_names[ref], w[1], res->labels.scenario_names[s], "difference", "SE", "95% CI low",
            "95% CI high", "CI ex 0", "spread 5%", "spread 95%", "spread ex 0");
    for (size_t y = 0; y < res->n_years; y++) {
        fprintf(out, "  %-6d", res->first_year + (int)y);
        print_compare_row(out, res, ind, c, y * res->n_regions + g, w, decimals);
    }
}

ts_status ts_summary_print_compare(FILE *out, const ts_results *res, const char *const *metrics, size_t n_metrics,
                                   const char *region, ts_error *err)
{
    if (res->contrasts.n == 0 || !res->contrasts.stats)
        return ts_error_set(err, TS_ERR_USAGE,
                            "this file has no paired differences (group comparison/): it holds %zu scenario%s; run "
                            "two or more scenarios together to compare them",
                            res->n_scenarios, res->n_scenarios == 1 ? "" : "s");
    int g = ts_labels_region(res, region, err);
    if (g < 0)
        return TS_ERR_USAGE;
    for (size_t m = 0; m < n_metrics; m++)
        if (ts_labels_metric(res, metrics[m], err) < 0)
            return TS_ERR_USAGE;
    for (size_t m = 0; m < n_metrics; m++)
        for (size_t c = 0; c < res->contrasts.n; c++)
            print_compare_table(out, res, (size_t)ts_results_indicator_index(res, metrics[m]), c, (size_t)g);
    return TS_OK;
}
