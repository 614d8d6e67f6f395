/*
 * test_optimise_h5.c: the group optimise/ of a results file
 * (output/optimise_h5.h) written and read back bit for bit, with and
 * without confirmations, the refusals (a second group, a file without one),
 * and the search printed from the record (output/summary_optimise.h) in
 * English and Chinese.
 */
#include <criterion/criterion.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optimise_h5.h"
#include "summary_optimise.h"
#include "support.h"
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

/* A search over two levers and one target, 3 mixes; `confirmations` of them
 * confirmed (0 or 2). Every number differs, so that a field read into
 * another's place shows. */
static void fill(ts_optimise_record *r, size_t confirmations, int found)
{
    memset(r, 0, sizeof *r);
    r->n_levers = 2;
    r->n_targets = 1;
    r->search.n = 3;
    r->confirm.n = confirmations;
    cr_assert_eq(ts_optimise_record_alloc(r, &(ts_error){0}), TS_OK);
    r->levers[0] = ts_text_dup("targeted_intake.provincial");
    r->levers[1] = ts_text_dup("rotation.rate");
    r->targets[0] = ts_text_dup("rural_under_40pct_aged_50plus_by_2025");
    r->minimise = ts_text_dup("cost_total_cumulative@2025@ALL");
    double lever[2][5] = {{0, 800, 400, 2022, 1}, {0.1, 0.2, 0.05, 0, 0}};
    for (int i = 0; i < 2; i++) {
        r->lever_lo[i] = lever[i][0];
        r->lever_hi[i] = lever[i][1];
        r->lever_step[i] = lever[i][2];
        r->lever_from[i] = lever[i][3];
        r->lever_integer[i] = lever[i][4];
    }
    r->probability = 0.8;
    r->seed = 20201222;
    r->replications = 4;
    r->confirm_replications = confirmations ? 8 : 0;
    r->n_grid = 9;
    r->exhaustive = 1;
    r->found = found;
    r->answer = found ? 0 : -1;
    r->best = found ? -1 : 2;
    r->runs = 3 * 4 + (double)confirmations * 8;
    ts_optimise_mixes *sets[2] = {&r->search, &r->confirm};
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < sets[s]->n; k++) {
            ts_optimise_mixes *m = sets[s];
            double n = s ? 8 : 4, met = found ? n - (double)k : (double)k;
            m->value[2 * k] = 400.0 * (double)k;
            m->value[2 * k + 1] = 0.1 + 0.05 * (double)s;
            m->outcome[k] = 6.2e9 + 1e7 * (double)k + (double)s;
            m->met[k] = met;
            m->probability[k] = met / n;
            m->lower[k] = met / n / 2;
            m->upper[k] = (met / n + 1) / 2;
            m->evaluated[k] = n;
            m->worst[k] = met / n;
            m->feasible[k] = met / n >= 0.8;
        }
    for (size_t c = 0; c < confirmations; c++)
        r->confirm_of[c] = (double)c;
}

/* Bit for bit: NaN equal to NaN, and -0 told from 0. */
static void expect_same_doubles(const double *a, const double *b, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        cr_expect(memcmp(&a[i], &b[i], sizeof a[i]) == 0, "%s[%zu]: %.17g vs %.17g", what, i, a[i], b[i]);
}

static void expect_same_mixes(const ts_optimise_mixes *a, const ts_optimise_mixes *b, size_t L, size_t T)
{
    cr_assert_eq(a->n, b->n);
    expect_same_doubles(a->value, b->value, a->n * L, "value");
    expect_same_doubles(a->outcome, b->outcome, a->n, "outcome");
    expect_same_doubles(a->probability, b->probability, a->n * T, "probability");
    expect_same_doubles(a->lower, b->lower, a->n * T, "lower");
    expect_same_doubles(a->upper, b->upper, a->n * T, "upper");
    expect_same_doubles(a->met, b->met, a->n * T, "met");
    expect_same_doubles(a->evaluated, b->evaluated, a->n, "evaluated");
    expect_same_doubles(a->worst, b->worst, a->n, "worst");
    expect_same_doubles(a->feasible, b->feasible, a->n, "feasible");
}

static void expect_same(const ts_optimise_record *a, const ts_optimise_record *b)
{
    cr_assert_eq(a->n_levers, b->n_levers);
    cr_assert_eq(a->n_targets, b->n_targets);
    for (size_t i = 0; i < a->n_levers; i++)
        cr_expect_str_eq(a->levers[i], b->levers[i]);
    for (size_t t = 0; t < a->n_targets; t++)
        cr_expect_str_eq(a->targets[t], b->targets[t]);
    cr_expect_str_eq(a->minimise, b->minimise);
    expect_same_doubles(a->lever_lo, b->lever_lo, a->n_levers, "lever_lo");
    expect_same_doubles(a->lever_hi, b->lever_hi, a->n_levers, "lever_hi");
    expect_same_doubles(a->lever_step, b->lever_step, a->n_levers, "lever_step");
    expect_same_doubles(a->lever_from, b->lever_from, a->n_levers, "lever_from");
    expect_same_doubles(a->lever_integer, b->lever_integer, a->n_levers, "lever_integer");
    const double *na[] = {&a->probability, &a->seed,       &a->replications, &a->confirm_replications,
                          &a->n_grid,      &a->exhaustive, &a->found,        &a->answer,
                          &a->best,        &a->runs};
    const double *nb[] = {&b->probability, &b->seed,       &b->replications, &b->confirm_replications,
                          &b->n_grid,      &b->exhaustive, &b->found,        &b->answer,
                          &b->best,        &b->runs};
    for (size_t i = 0; i < sizeof na / sizeof na[0]; i++)
        expect_same_doubles(na[i], nb[i], 1, "attribute");
    expect_same_mixes(&a->search, &b->search, a->n_levers, a->n_targets);
    expect_same_mixes(&a->confirm, &b->confirm, a->n_levers, a->n_targets);
    expect_same_doubles(a->confirm_of, b->confirm_of, a->confirm.n, "confirm_of");
}

Test(optimise_h5, round_trip_with_and_without_confirmations)
{
    for (size_t c = 0; c <= 2; c += 2)
        for (int found = 0; found < 2; found++) {
            char name[64];
            snprintf(name, sizeof name, "optimise-%zu-%d.h5", c, found);
            const char *path = empty_file(name);
            ts_optimise_record w, r;
            fill(&w, c, found);
            ts_error err = {0};
            cr_assert_eq(ts_optimise_write_h5(&w, path, &err), TS_OK, "%s", err.message);
            cr_assert_eq(ts_optimise_read_h5(&r, path, &err), TS_OK, "%s", err.message);
            expect_same(&w, &r);
            /* a second group is refused, and the first stays whole */
            cr_expect_eq(ts_optimise_write_h5(&w, path, &err), TS_ERR_IO);
            cr_expect(strstr(err.message, "already has a group optimise/"), "%s", err.message);
            ts_optimise_record_free(&r);
            cr_assert_eq(ts_optimise_read_h5(&r, path, &(ts_error){0}), TS_OK);
            expect_same(&w, &r);
            ts_optimise_record_free(&r);
            ts_optimise_record_free(&w);
        }
}

Test(optimise_h5, a_file_without_the_group_names_its_writer)
{
    const char *path = empty_file("plain.h5");
    ts_optimise_record r;
    ts_error err = {0};
    cr_expect_neq(ts_optimise_read_h5(&r, path, &err), TS_OK);
    cr_expect(strstr(err.message, "teachsim optimise -o"), "%s", err.message);
}

static void print(const ts_optimise_record *r, ts_lang lang, char *buf, size_t cap, int *code)
{
    memset(buf, 0, cap);
    FILE *f = fmemopen(buf, cap - 1, "w");
    *code = ts_summary_optimise(f, r, lang);
    fclose(f);
}

Test(optimise_h5, the_search_printed_in_both_languages)
{
    ts_optimise_record r;
    fill(&r, 2, 1);
    char buf[8192];
    int code;
    print(&r, TS_LANG_EN, buf, sizeof buf, &code);
    cr_expect_eq(code, 0);
    /* the answer is confirmation 0: its values with the integer lever whole, its outcome and count */
    cr_expect(strstr(buf, "optimise: cost_total_cumulative@2025@ALL over 2 levers (9 mixes in the grid; every mix, 3 "
                          "evaluated with 4 replications each)\n"),
              "%s", buf);
    cr_expect(strstr(buf, "the cheapest mix meeting every target with probability >= 0.8:\n  "
                          "targeted_intake.provincial from 2022 = 0, rotation.rate = 0.15\n"
                          "  cost_total_cumulative@2025@ALL = 6.2e+09 (8 replications)\n"),
              "%s", buf);
    cr_expect(strstr(buf, "  P(rural_under_40pct_aged_50plus_by_2025) = 1.000, 95 % Wilson interval [0.500, 1.000] "
                          "(8 of 8)\n"),
              "%s", buf);
    /* confirmation 1 met 7 of 8 = 0.875 >= 0.8: a runner-up */
    cr_expect(strstr(buf, "runner-up: targeted_intake.provincial from 2022 = 400, rotation.rate = 0.15; "
                          "cost_total_cumulative@2025@ALL = 6.21e+09\n"),
              "%s", buf);
    cr_expect(strstr(buf, "runs: 3 search mixes x 4 + 2 confirmations x 8 = 28 replications\n"), "%s", buf);
    print(&r, TS_LANG_ZH, buf, sizeof buf, &code);
    /* levers by their keys' Chinese names (scenario_zh.h), the outcome by its indicator's */
    cr_expect(strstr(buf,
                     "以不低于 0.8 的概率达成全部目标的最省组合：\n  省级公费定向师范生年招生数（自 2022 学年起） = "
                     "0，交流轮岗比例 = 0.15\n"),
              "%s", buf);
    cr_expect(strstr(buf, "优化：最小化 累计总成本（自首年起）（cost_total_cumulative@2025@ALL），"), "%s", buf);
    cr_expect(strstr(buf, "运行：搜索 3 种组合 × 4 次 + 确认 2 次 × 8 次 = 共 28 次重复\n"), "%s", buf);
    ts_optimise_record_free(&r);

    /* out of reach: the best search mix (row 2, 2 of 4) with its target below */
    fill(&r, 0, 0);
    print(&r, TS_LANG_EN, buf, sizeof buf, &code);
    cr_expect_eq(code, 1);
    cr_expect(strstr(buf, "out of reach: no mix in the ranges meets every target with probability >= 0.8\n"
                          "  the best reached: worst target probability 0.500 at targeted_intake.provincial from "
                          "2022 = 800, rotation.rate = 0.1\n"),
              "%s", buf);
    cr_expect(strstr(buf, "(2 of 4)  (below)\n"), "%s", buf);
    print(&r, TS_LANG_ZH, buf, sizeof buf, &code);
    cr_expect(strstr(buf, "无法达到：范围内没有组合能以不低于 0.8 的概率达成全部目标\n"), "%s", buf);
    cr_expect(strstr(buf, "（2 / 4）  （未达到）\n"), "%s", buf);
    cr_expect(!strstr(buf, "无从比较远近"), "%s", buf);
    /* when even the best has probability 0, the mix shown is only the cheapest, and the text says so */
    for (size_t k = 0; k < r.search.n; k++)
        r.search.worst[k] = 0.0;
    print(&r, TS_LANG_EN, buf, sizeof buf, &code);
    cr_expect(strstr(buf, "  every mix has probability 0 for some target, so none is nearer than another: the mix "
                          "shown is the cheapest"),
              "%s", buf);
    print(&r, TS_LANG_ZH, buf, sizeof buf, &code);
    cr_expect(strstr(buf, "无从比较远近：所列为最省的组合"), "%s", buf);
    ts_optimise_record_free(&r);
}
