/*
 * summary_why.c: why counties fail, and the recruitment need by subject
 * (summary_why.h).
 */
#include "summary_why.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "labels.h"

static const char *const level_names[2] = {"primary", "junior"};
static const char *const qb_names[3] = {"qualified", "backbone", "pe_art"};
static const char *const qb_words[3] = {"qualified teachers", "backbone teachers", "PE, music and art teachers"};

/* The rows one level's table reads, by index into res->indicators. */
typedef struct {
    int pass, fails_cv[3], fails_rule, fails_rotation, missing[3], failing_missing[3];
} why_rows;

static int row(const ts_results *res, const char *name)
{
    return ts_results_indicator_index(res, name);
}

static int find_rows(const ts_results *res, int level, why_rows *w)
{
    char name[128];
    snprintf(name, sizeof name, "qb_pass_%s", level_names[level]);
    w->pass = row(res, name);
    snprintf(name, sizeof name, "qb_fails_school_rule_%s", level_names[level]);
    w->fails_rule = row(res, name);
    w->fails_rotation = row(res, "qb_fails_rotation");
    int ok = w->pass >= 0 && w->fails_rule >= 0 && w->fails_rotation >= 0;
    for (int j = 0; j < 3; j++) {
        snprintf(name, sizeof name, "qb_fails_cv_%s_%s", qb_names[j], level_names[level]);
        ok &= (w->fails_cv[j] = row(res, name)) >= 0;
        snprintf(name, sizeof name, "qb_schools_missing_%s_%s", qb_names[j], level_names[level]);
        ok &= (w->missing[j] = row(res, name)) >= 0;
        snprintf(name, sizeof name, "qb_failing_missing_%s_%s", qb_names[j], level_names[level]);
        ok &= (w->failing_missing[j] = row(res, name)) >= 0;
    }
    return ok;
}

/* Mean over the replications where it is defined (NaN when none is). */
static double mean_over(const ts_results *res, int ind, size_t s, size_t y, size_t g)
{
    double sum = 0.0;
    size_t n = 0;
    for (size_t r = 0; r < res->n_replications; r++) {
        double v = ts_results_block(res, (size_t)ind, s, r)[y * res->n_regions + g];
        if (!isnan(v)) {
            sum += v;
            n++;
        }
    }
    return n ? sum / (double)n : NAN;
}

/* A file written before the decomposition holds NaN for its rows. */
static int has_values(const ts_results *res, int ind)
{
    for (size_t s = 0; s < res->n_scenarios; s++)
        for (size_t k = 0; k < res->n_years * res->n_regions; k++)
            if (!isnan(ts_results_block(res, (size_t)ind, s, 0)[k]))
                return 1;
    return 0;
}

static void print_percent(FILE *out, int width, double share)
{
    if (isnan(share))
        fprintf(out, " %*s", width, "-");
    else
        fprintf(out, " %*.0f%%", width - 1, 100.0 * share);
}

static const char *region_label(const ts_results *res, size_t g)
{
    const char *zh = res->labels.region_names_zh ? res->labels.region_names_zh[g] : NULL;
    return zh && *zh ? zh : res->labels.region_codes[g];
}

static void print_why_table(FILE *out, const ts_results *res, const why_rows *w, size_t s, size_t g, int level)
{
    fprintf(out, "\n%s (%s), %s schools, scenario %s, %zu replications: share of replications failing\n",
            region_label(res, g), res->labels.region_codes[g], level_names[level], res->labels.scenario_names[s],
            res->n_replications);
    fprintf(out, "  %-6s %6s | %6s %6s %6s | %6s %6s | %9s %9s %9s\n", "year", "level", "CV qua", "CV bac", "CV p/a",
            "rule", "rotat", "below qua", "below bac", "below p/a");
    for (size_t y = 0; y < res->n_years; y++) {
        fprintf(out, "  %-6d", res->first_year + (int)y);
        print_percent(out, 6, 1.0 - mean_over(res, w->pass, s, y, g));
        fputs(" |", out);
        for (int j = 0; j < 3; j++)
            print_percent(out, 6, mean_over(res, w->fails_cv[j], s, y, g));
        fputs(" |", out);
        print_percent(out, 6, mean_over(res, w->fails_rule, s, y, g));
        print_percent(out, 6, mean_over(res, w->fails_rotation, s, y, g));
        fputs(" |", out);
        for (int j = 0; j < 3; j++)
            print_percent(out, 9, mean_over(res, w->missing[j], s, y, g));
        fputc('\n', out);
    }
}

/* One year of one level in a sentence a planner can quote. */
static void print_reading(FILE *out, const ts_results *res, const why_rows *w, size_t s, size_t g, int level, size_t y)
{
    const int year = res->first_year + (int)y;
    double fail = 1.0 - mean_over(res, w->pass, s, y, g);
    fprintf(out, "  %s %s %d: ", region_label(res, g), level_names[level], year);
    if (isnan(fail)) {
        fputs("not scored.\n", out);
        return;
    }
    fprintf(out, "fails in %.0f %% of replications", 100.0 * fail);
    if (!(fail > 0.0)) {
        fputs(".\n", out);
        return;
    }
    double rule = mean_over(res, w->fails_rule, s, y, g);
    if (rule > 0.0) {
        /* the indicators that hold schools back, most missed first */
        int order[3] = {0, 1, 2};
        double m[3];
        for (int j = 0; j < 3; j++)
            m[j] = mean_over(res, w->missing[j], s, y, g);
        for (int a = 0; a < 3; a++)
            for (int b = a + 1; b < 3; b++)
                if (m[order[b]] > m[order[a]]) {
                    int t = order[a];
                    order[a] = order[b];
                    order[b] = t;
                }
        fprintf(out, "; the school rule fails in %.0f %% because, on average, ", 100.0 * rule);
        int said = 0;
        for (int k = 0; k < 3; k++)
            if (m[order[k]] >= 0.005) /* what rounds to 0 % says nothing */
                fprintf(out, said++ ? ", %.0f %% for %s" : "%.0f %% of its schools are below the threshold for %s",
                        100.0 * m[order[k]], qb_words[order[k]]);
        if (!said)
            fputs("its schools fall short", out);
    }
    int over = 0;
    for (int j = 0; j < 3; j++) {
        double cv = mean_over(res, w->fails_cv[j], s, y, g);
        if (cv > 0.0)
            fprintf(out, "%s%s %.0f %%", over++ ? ", " : "; difference coefficients over their limit: ", qb_names[j],
                    100.0 * cv);
    }
    if (!over)
        fputs("; its difference coefficients are within their limits", out);
    double rot = mean_over(res, w->fails_rotation, s, y, g);
    if (rot > 0.0)
        fprintf(out, "; the rotation condition fails in %.0f %%", 100.0 * rot);
    fputs(".\n", out);
}

/* The scenario named (NULL: every one) and the region (a code or Chinese
 * name; NULL or ALL: every county), as index ranges. */
static ts_status pick(const ts_results *res, const char *region, const char *scenario, int counties_for_all, size_t *s0,
                      size_t *s1, size_t *g0, size_t *g1, ts_error *err)
{
    int g = ts_labels_region(res, region, err);
    if (g < 0)
        return TS_ERR_USAGE;
    const size_t all = res->n_regions - 1;
    *g0 = (size_t)g;
    *g1 = (size_t)g + 1;
    if ((size_t)g == all && counties_for_all) {
        *g0 = 0;
        *g1 = all;
    }
    *s0 = 0;
    *s1 = res->n_scenarios;
    if (scenario) {
        size_t k = 0;
        while (k < res->n_scenarios && strcmp(res->labels.scenario_names[k], scenario) != 0)
            k++;
        if (k == res->n_scenarios)
            return ts_error_set(err, TS_ERR_USAGE, "unknown scenario '%s'", scenario);
        *s0 = k;
        *s1 = k + 1;
    }
    return TS_OK;
}

ts_status ts_summary_print_why(FILE *out, const ts_results *res, const char *region, const char *scenario, int year,
                               ts_error *err)
{
    why_rows w[2];
    if (!find_rows(res, 0, &w[0]) || !find_rows(res, 1, &w[1]) || !has_values(res, w[0].fails_rule))
        return ts_error_set(err, TS_ERR_INPUT,
                            "this results file has no failure decomposition (the qb_fails_* indicators): it was "
                            "written by an earlier teachsim; run its scenarios again");
    size_t s0, s1, g0, g1;
    if (pick(res, region, scenario, 1, &s0, &s1, &g0, &g1, err) != TS_OK)
        return err->status;
    size_t y = res->n_years - 1;
    if (year != 0) {
        if (year < res->first_year || year >= res->first_year + (int)res->n_years)
            return ts_error_set(err, TS_ERR_USAGE, "--year %d is outside the file's years %d-%d", year, res->first_year,
                                res->first_year + (int)res->n_years - 1);
        y = (size_t)(year - res->first_year);
    }
    fputs("\nWhy counties fail the teacher part of the quality-balance assessment (优质均衡). Columns: the level "
          "failing;\neach difference coefficient (差异系数) over its limit; the school rule (every school 6 of 7 "
          "indicators,\nthe rest at 85 %); the rotation condition (交流轮岗 10 %, 20 % backbone); then the mean "
          "share of schools\nbelow each threshold per 100 pupils (qualified, backbone 骨干教师, PE/music/art).\n",
          out);
    for (size_t s = s0; s < s1; s++) {
        for (size_t g = g0; g < g1; g++)
            for (int level = 0; level < 2; level++)
                print_why_table(out, res, &w[level], s, g, level);
        fprintf(out, "\nIn %d, scenario %s:\n", res->first_year + (int)y, res->labels.scenario_names[s]);
        for (size_t g = g0; g < g1; g++)
            for (int level = 0; level < 2; level++)
                print_reading(out, res, &w[level], s, g, level, y);
    }
    return TS_OK;
}

/* 5, 50 and 95 % points over replications of one cell. */
static void band(const ts_results *res, int ind, size_t s, size_t y, size_t g, double *buf, double q[3])
{
    size_t n = 0;
    for (size_t r = 0; r < res->n_replications; r++) {
        double v = ts_results_block(res, (size_t)ind, s, r)[y * res->n_regions + g];
        if (!isnan(v))
            buf[n++] = v;
    }
    if (n == 0) {
        q[0] = q[1] = q[2] = NAN;
        return;
    }
    gsl_sort(buf, 1, n);
    q[0] = gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.05);
    q[1] = gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.50);
    q[2] = gsl_stats_quantile_from_sorted_data(buf, 1, n, 0.95);
}

static void print_need_table(FILE *out, const ts_results *res, const int *need, const int *hires, size_t s, size_t g,
                             size_t years, double *buf)
{
    fprintf(out,
            "\n%s (%s), scenario %s: recruitment need by subject (招聘需求) over %zu replications, median "
            "[5-95 %%]\n",
            region_label(res, g), res->labels.region_codes[g], res->labels.scenario_names[s], res->n_replications);
    fprintf(out, "  %-8s", "subject");
    for (size_t y = 0; y < years; y++)
        fprintf(out, " %17d", res->first_year + (int)y);
    fprintf(out, " | hires %d-%d (median)\n", res->first_year, res->first_year + (int)years - 1);
    for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
        fprintf(out, "  %-8s", ts_subject_codes[k]);
        for (size_t y = 0; y < years; y++) {
            double q[3];
            band(res, need[k], s, y, g, buf, q);
            char cell[64];
            if (isnan(q[1]))
                snprintf(cell, sizeof cell, "-");
            else
                snprintf(cell, sizeof cell, "%.0f [%.0f-%.0f]", q[1], q[0], q[2]);
            fprintf(out, " %17s", cell);
        }
        fputs(" |", out);
        for (size_t y = 0; y < years; y++) {
            double q[3];
            band(res, hires[k], s, y, g, buf, q);
            if (isnan(q[1]))
                fprintf(out, " %5s", "-");
            else
                fprintf(out, " %5.0f", q[1]);
        }
        fputc('\n', out);
    }
}

ts_status ts_summary_print_need(FILE *out, const ts_results *res, const char *region, const char *scenario, int years,
                                ts_error *err)
{
    int need[TS_SUBJECT_COUNT], hires[TS_SUBJECT_COUNT], ok = 1;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
        char name[128];
        snprintf(name, sizeof name, "subjects/specialist_need/%s", ts_subject_codes[k]);
        ok &= (need[k] = ts_results_indicator_index(res, name)) >= 0;
        snprintf(name, sizeof name, "subjects/hires/%s", ts_subject_codes[k]);
        ok &= (hires[k] = ts_results_indicator_index(res, name)) >= 0;
    }
    if (!ok || !has_values(res, need[0]))
        return ts_error_set(err, TS_ERR_INPUT,
                            "this results file has no results by subject (group subjects/): it was written by an "
                            "earlier teachsim; run its scenarios again");
    size_t s0, s1, g0, g1;
    if (pick(res, region, scenario, 0, &s0, &s1, &g0, &g1, err) != TS_OK)
        return err->status;
    if (!region)
        g0 = 0; /* every county, then ALL */
    size_t n_years = years > 0 && (size_t)years < res->n_years ? (size_t)years : res->n_years;
    double *buf = malloc((res->n_replications + 1) * sizeof *buf);
    if (!buf)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    fputs("\nRecruitment need by subject: posts of the subject not held by an established or targeted teacher of\n"
          "that subject (vacant, held by a temporary, or held out of field), at the start of each school year.\n",
          out);
    for (size_t s = s0; s < s1; s++)
        for (size_t g = g0; g < g1; g++)
            print_need_table(out, res, need, hires, s, g, n_years, buf);
    free(buf);
    return TS_OK;
}
