/*
 * test_sensitivity_h5.c: the group sensitivity/ of a results file
 * (output/sensitivity_h5.h) written and read back bit for bit, the refusals
 * (a second group, a file without one), and the ranking printed from it
 * (output/summary_sensitivity.h).
 */
#include <criterion/criterion.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sensitivity_h5.h"
#include "summary_sensitivity.h"
#include "support.h"
#include "indicator_zh.h"
#include "table.h"
#include "text.h"

static const char *empty_file(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", ts_test_tmpdir(), name);
    hid_t f = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    cr_assert(f >= 0);
    H5Fclose(f);
    return path;
}

static void fill(ts_sensitivity *s, ts_sens_method method)
{
    memset(s, 0, sizeof *s);
    s->method = method;
    s->k = 3;
    s->n_outcomes = 2;
    s->n_base = 2;
    s->n_points = method == TS_SENS_MORRIS ? 8 : 10;
    s->levels = 4;
    s->bootstrap = 100;
    s->level = 0.95;
    s->seed = 2385;
    s->replications = 7;
    ts_error err = {0};
    cr_assert_eq(ts_sensitivity_alloc(s, &err), TS_OK);
    const char *names[3] = {"costs.recruitment", "leaving.established.rural[1]",
                            "population.regions[shaoshan].weak_share"};
    for (size_t i = 0; i < 3; i++) {
        s->inputs[i] = ts_text_dup(names[i]);
        s->distributions[i] = ts_text_dup("uniform [1, 2]");
        s->nominal[i] = 1.5 + (double)i;
    }
    s->outcomes[0] = ts_text_dup("all_counties_pass_by_2025");
    s->outcomes[1] = ts_text_dup("cost_total@2030@湘乡市");
    for (size_t p = 0; p < s->n_points * s->k; p++)
        s->design[p] = s->values[p] = (double)p / 2.385;
    for (size_t p = 0; p < s->n_points * s->n_outcomes; p++)
        s->y[p] = sin((double)p);
    s->variance[0] = 0.25;
    s->variance[1] = 4.5;
    int first = method == TS_SENS_MORRIS ? TS_SSTAT_MU : TS_SSTAT_FIRST;
    int last = method == TS_SENS_MORRIS ? TS_SSTAT_SIGMA : TS_SSTAT_TOTAL_HI;
    for (int st = first; st <= last; st++)
        for (size_t o = 0; o < 2; o++)
            for (size_t i = 0; i < 3; i++)
                *ts_sensitivity_stat(s, (ts_sens_stat)st, o, i) = (double)(st * 100 + o * 10 + i) / 1000.0;
}

static void expect_same(const ts_sensitivity *a, const ts_sensitivity *b)
{
    cr_expect_eq(a->method, b->method);
    cr_expect_eq(a->k, b->k);
    cr_expect_eq(a->n_outcomes, b->n_outcomes);
    cr_expect_eq(a->n_points, b->n_points);
    cr_expect_eq(a->n_base, b->n_base);
    cr_expect_eq(a->bootstrap, b->bootstrap);
    cr_expect_eq(a->seed, b->seed);
    cr_expect_eq(a->replications, b->replications);
    for (size_t i = 0; i < a->k; i++) {
        cr_expect_str_eq(a->inputs[i], b->inputs[i]);
        cr_expect_str_eq(a->distributions[i], b->distributions[i]);
    }
    for (size_t o = 0; o < a->n_outcomes; o++)
        cr_expect_str_eq(a->outcomes[o], b->outcomes[o]);
    cr_expect_eq(memcmp(a->design, b->design, a->n_points * a->k * sizeof(double)), 0);
    cr_expect_eq(memcmp(a->y, b->y, a->n_points * a->n_outcomes * sizeof(double)), 0);
    for (size_t i = 0; i < TS_SSTAT_COUNT * a->n_outcomes * a->k; i++)
        cr_expect(a->stats[i] == b->stats[i] || (isnan(a->stats[i]) && isnan(b->stats[i])), "stat %zu", i);
}

Test(sensitivity_h5, both_methods_round_trip)
{
    for (int m = 0; m < 2; m++) {
        ts_sensitivity s, back;
        fill(&s, m ? TS_SENS_SOBOL : TS_SENS_MORRIS);
        const char *path = empty_file(m ? "sobol.h5" : "morris.h5");
        ts_error err = {0};
        cr_assert_eq(ts_sensitivity_write_h5(&s, path, &err), TS_OK, "%s", err.message);
        cr_assert_eq(ts_sensitivity_read_h5(&back, path, &err), TS_OK, "%s", err.message);
        expect_same(&s, &back);
        /* A second study does not overwrite the first. */
        cr_expect_eq(ts_sensitivity_write_h5(&s, path, &err), TS_ERR_IO);
        cr_expect(strstr(err.message, "already has a group sensitivity/"), "%s", err.message);
        ts_sensitivity_free(&s);
        ts_sensitivity_free(&back);
    }
}

Test(sensitivity_h5, a_file_without_the_group)
{
    const char *path = empty_file("plain.h5");
    ts_sensitivity s;
    ts_error err = {0};
    cr_expect_eq(ts_sensitivity_read_h5(&s, path, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "expected a group sensitivity/"), "%s", err.message);
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/none.h5", ts_test_tmpdir());
    cr_expect_eq(ts_sensitivity_read_h5(&s, missing, &err), TS_ERR_INPUT);
    cr_expect_eq(ts_sensitivity_write_h5(&s, missing, &err), TS_ERR_IO);
}

Test(sensitivity_h5, ranking_by_total_index_then_by_mu_star)
{
    ts_sensitivity s;
    fill(&s, TS_SENS_SOBOL);
    /* Outcome 1: input 2 matters most, then 0, then 1. */
    *ts_sensitivity_stat(&s, TS_SSTAT_TOTAL, 1, 0) = 0.3;
    *ts_sensitivity_stat(&s, TS_SSTAT_TOTAL, 1, 1) = 0.1;
    *ts_sensitivity_stat(&s, TS_SSTAT_TOTAL, 1, 2) = 0.6;
    size_t order[3];
    ts_summary_sensitivity_order(&s, 1, order);
    cr_expect_eq(order[0], 2);
    cr_expect_eq(order[1], 0);
    cr_expect_eq(order[2], 1);
    char buf[8192] = "";
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    ts_summary_sensitivity(f, &s, 2, TS_LANG_EN);
    fclose(f);
    cr_expect(strstr(buf, "cost_total@2030@湘乡市: Sobol indices, 2 base samples x 3 inputs"), "%s", buf);
    cr_expect(strstr(buf, "  1    population.regions[shaoshan].weak_share (uniform [1, 2])"), "%s", buf);
    cr_expect(strstr(buf, "(1 more inputs)"), "%s", buf);
    ts_sensitivity_free(&s);
    fill(&s, TS_SENS_MORRIS);
    *ts_sensitivity_stat(&s, TS_SSTAT_MU_STAR, 0, 1) = 9.0;
    ts_summary_sensitivity_order(&s, 0, order);
    cr_expect_eq(order[0], 1);
    ts_sensitivity_free(&s);
}

/* The display width of line `n` (0-based) of buf up to the first occurrence
 * of `needle` on it, the needle included; -1 when it is not there. */
static int width_through(const char *buf, int n, const char *needle)
{
    const char *line = buf;
    for (int k = 0; k < n && line; k++) {
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    const char *end = line ? strchr(line, '\n') : NULL, *hit = line ? strstr(line, needle) : NULL;
    if (!hit || (end && hit > end))
        return -1;
    char part[1024];
    size_t len = (size_t)(hit - line) + strlen(needle);
    if (len >= sizeof part)
        return -1;
    memcpy(part, line, len);
    part[len] = '\0';
    return ts_text_display_width(part);
}

Test(sensitivity_h5, the_ranking_in_chinese_lines_up)
{
    ts_sensitivity s;
    fill(&s, TS_SENS_SOBOL);
    char buf[8192] = "";
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    ts_summary_sensitivity(f, &s, 2, TS_LANG_ZH);
    fclose(f);
    /* the outcome by its Chinese name, the indicator's own, with what was typed after it */
    char outcome[256];
    snprintf(outcome, sizeof outcome, "%s（cost_total@2030@湘乡市）：Sobol 指数，2 个基础样本 × 3 个输入",
             ts_indicator_long_name_zh("cost_total"));
    cr_expect(strstr(buf, outcome), "no '%s' in\n%s", outcome, buf);
    cr_expect(strstr(buf, "（另有 1 个输入未列出）"), "%s", buf);
    /* Outcome 0's heading (line 1) ends its columns where the rows' printf
     * fields end, in terminal columns (each CJK character counts two): the
     * total after "  " rank(4) " " input(56) " " total(8), the first-order
     * index after "  " interval(17) " " first(8). The row checks the layout. */
    cr_expect_eq(width_through(buf, 1, "总效应"), 2 + 4 + 1 + 56 + 1 + 8, "%s", buf);
    cr_expect_eq(width_through(buf, 1, "一阶"), 72 + 2 + 17 + 1 + 8, "%s", buf);
    cr_expect_eq(width_through(buf, 2, "0.802"), 72, "%s", buf);
    /* inputs by their keys' Chinese names (scenario_zh.h), not their paths */
    cr_expect(strstr(buf, "  2    乡村在编教师年离职率（30–39岁） (uniform [1, 2])"), "%s", buf);
    cr_expect(!strstr(buf, "leaving.established"), "%s", buf);
    /* the English text stays what it was, and a target is named in words in Chinese */
    char typed[64];
    cr_expect_str_eq(ts_outcome_text("cost_total@2030", TS_LANG_EN, typed, sizeof typed), "cost_total@2030");
    cr_expect_str_eq(ts_outcome_text("all_counties_pass_by_2025", TS_LANG_ZH, typed, sizeof typed),
                     "目标“all_counties_pass_by_2025”的达成概率");
    cr_expect_str_eq(ts_outcome_text("no_such_indicator@2030", TS_LANG_ZH, typed, sizeof typed),
                     "no_such_indicator@2030");
    ts_sensitivity_free(&s);
}

/* An input label wider than the column widens it, heading and rows alike,
 * instead of pushing its own row's figures out of line. */
Test(sensitivity_h5, a_long_input_widens_its_column)
{
    ts_sensitivity s;
    fill(&s, TS_SENS_SOBOL);
    free(s.distributions[2]);
    s.distributions[2] = ts_text_dup("triangular [0.100000, 0.300000, 0.500000] clipped to the key's range");
    char buf[8192] = "";
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    ts_summary_sensitivity(f, &s, 0, TS_LANG_EN);
    fclose(f);
    /* outcome 0's rows: line 1 the heading, lines 2-4 the three inputs */
    int heading = width_through(buf, 1, "total");
    cr_expect_gt(heading, 2 + 4 + 1 + 56 + 1 + 8, "the column did not widen:\n%s", buf);
    for (int line = 2; line <= 4; line++) {
        /* each row's total ends where the heading's does: the number before
         * its interval's "  [" (the labels' brackets have no two spaces) */
        const char *row = buf;
        for (int k = 0; k < line; k++)
            row = strchr(row, '\n') + 1;
        const char *bracket = strstr(row, "  [");
        cr_assert(bracket, "%s", buf);
        char part[1024];
        memcpy(part, row, (size_t)(bracket - row));
        part[bracket - row] = '\0';
        cr_expect_eq(ts_text_display_width(part), heading, "row %d out of line:\n%s", line, buf);
    }
    ts_sensitivity_free(&s);
}
