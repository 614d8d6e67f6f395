/*
 * test_design_points.c: the design-point runner and a sensitivity study of
 * the model itself (run/design_points.h, run/sensitivity_study.h) on a
 * scenario whose outcome is linear in two keys, so that its indices are
 * known: the total cost of a year is a sum of counts times unit costs
 * (record/costs.c), and the counts do not depend on the unit costs, so with
 * common random numbers every design point has the same counts Q1 (targeted
 * students on provincial places) and Q2 (open-recruitment hires) and
 *   cost_total = C + Q1 x1 + Q2 x2   (x1 = costs.targeted_study.provincial,
 *                                     x2 = costs.recruitment).
 * Morris: every elementary effect of x_i is Q_i (hi_i - lo_i), so mu* is that
 * and sigma 0. Sobol, both inputs uniform: S_i = ST_i = Q_i^2 w_i^2 /
 * (Q1^2 w1^2 + Q2^2 w2^2) with w_i the width of the range. Also the ranges
 * file's syntax and errors, and the outcomes'.
 */
#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design_points.h"
#include "sensitivity_study.h"
#include "support.h"
#include "teachsim/run.h"

#define LO1 4000.0
#define HI1 12000.0
#define LO2 2000.0
#define HI2 40000.0
#define YEAR 2023

static void short_baseline(ts_scenario *sc)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(sc, &err), TS_OK, "%s", err.message);
    sc->horizon.end_year = YEAR;
}

static const char *write_text(const char *name, const char *text)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", ts_test_tmpdir(), name);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void two_cost_inputs(const ts_scenario *sc, ts_design_input **in, size_t *k)
{
    const char *path = write_text("two-costs.yaml", "costs.targeted_study.provincial: [4000, 12000]\n"
                                                    "costs.recruitment: {uniform: [2000, 40000]}\n");
    ts_error err = {0};
    cr_assert_eq(ts_design_inputs_load(sc, path, in, k, NULL, &err), TS_OK, "%s", err.message);
    cr_assert_eq(*k, 2);
}

/* Q1 and Q2: the counts behind the two cost items, from a run at the nominal costs. */
static void counts(const ts_scenario *sc, const ts_run_options *run, double *q1, double *q2)
{
    ts_results res = {0};
    ts_error err = {0};
    cr_assert_eq(ts_simulation_run(sc, 1, run, &res, &err), TS_OK, "%s", err.message);
    ts_design_outcome o1, o2;
    cr_assert_eq(ts_design_outcome_parse(sc, "cost_targeted_study_provincial@2023", &o1, &err), TS_OK);
    cr_assert_eq(ts_design_outcome_parse(sc, "cost_recruitment@2023@ALL", &o2, &err), TS_OK);
    *q1 = ts_design_outcome_value(&res, &o1) / sc->costs.study_provincial;
    *q2 = ts_design_outcome_value(&res, &o2) / sc->costs.recruitment;
    ts_results_free(&res);
    cr_assert_gt(*q1, 0);
    cr_assert_gt(*q2, 0);
}

static ts_sensitivity_options study_options(ts_sens_method method, size_t n)
{
    ts_sensitivity_options o = {.method = method, .n = n, .bootstrap = 500};
    o.run = (ts_run_options){.seed = 20201222, .replications = 2, .threads = 2};
    return o;
}

Test(design_points, morris_on_a_cost_linear_in_two_keys, .timeout = 600)
{
    ts_scenario sc;
    short_baseline(&sc);
    ts_design_input *in;
    size_t k;
    two_cost_inputs(&sc, &in, &k);
    ts_design_outcome out;
    ts_error err = {0};
    cr_assert_eq(ts_design_outcome_parse(&sc, "cost_total@2023", &out, &err), TS_OK, "%s", err.message);
    ts_sensitivity_options opt = study_options(TS_SENS_MORRIS, 4);
    double q1, q2;
    counts(&sc, &opt.run, &q1, &q2);
    ts_sensitivity s;
    cr_assert_eq(ts_sensitivity_run(&sc, in, k, &out, 1, &opt, &s, &err), TS_OK, "%s", err.message);
    cr_assert_eq(s.n_points, 12);
    double want[2] = {q1 * (HI1 - LO1), q2 * (HI2 - LO2)};
    for (size_t i = 0; i < 2; i++) {
        double mu_star = *ts_sensitivity_stat(&s, TS_SSTAT_MU_STAR, 0, i);
        cr_expect_float_eq(mu_star, want[i], 1e-9 * want[i], "mu*%zu = %.17g, want %.17g", i, mu_star, want[i]);
        cr_expect_float_eq(*ts_sensitivity_stat(&s, TS_SSTAT_MU, 0, i), want[i], 1e-9 * want[i]);
        cr_expect_lt(*ts_sensitivity_stat(&s, TS_SSTAT_SIGMA, 0, i), 1e-9 * want[i]);
    }
    ts_sensitivity_free(&s);
    free(in);
    ts_scenario_free(&sc);
}

Test(design_points, sobol_on_a_cost_linear_in_two_keys, .timeout = 600)
{
    ts_scenario sc;
    short_baseline(&sc);
    ts_design_input *in;
    size_t k;
    two_cost_inputs(&sc, &in, &k);
    ts_design_outcome out;
    ts_error err = {0};
    cr_assert_eq(ts_design_outcome_parse(&sc, "cost_total@2023", &out, &err), TS_OK, "%s", err.message);
    ts_sensitivity_options opt = study_options(TS_SENS_SOBOL, 32);
    double q1, q2;
    counts(&sc, &opt.run, &q1, &q2);
    ts_sensitivity s;
    cr_assert_eq(ts_sensitivity_run(&sc, in, k, &out, 1, &opt, &s, &err), TS_OK, "%s", err.message);
    cr_assert_eq(s.n_points, 128);
    /* The model's outcome is the linear function at every design point ... */
    double c = s.y[0] - q1 * s.values[0] - q2 * s.values[1];
    double *lin = malloc(s.n_points * sizeof *lin);
    for (size_t p = 0; p < s.n_points; p++) {
        lin[p] = c + q1 * s.values[p * 2] + q2 * s.values[p * 2 + 1];
        cr_expect_float_eq(s.y[p], lin[p], 1e-9 * fabs(lin[p]));
    }
    /* ... so the indices are the estimator's on the linear function, and the
     * true ones lie within their intervals. */
    ts_sobol_index idx[2];
    ts_sobol_indices(2, 32, lin, 500, opt.run.seed, 0.95, idx, NULL);
    double v1 = q1 * q1 * (HI1 - LO1) * (HI1 - LO1), v2 = q2 * q2 * (HI2 - LO2) * (HI2 - LO2);
    double truth[2] = {v1 / (v1 + v2), v2 / (v1 + v2)};
    for (size_t i = 0; i < 2; i++) {
        double first = *ts_sensitivity_stat(&s, TS_SSTAT_FIRST, 0, i),
               total = *ts_sensitivity_stat(&s, TS_SSTAT_TOTAL, 0, i);
        cr_expect_float_eq(first, idx[i].first, 1e-6);
        cr_expect_float_eq(total, idx[i].total, 1e-6);
        cr_log_info("input %zu: S %g [%g, %g], ST %g [%g, %g], true %g", i, first,
                    *ts_sensitivity_stat(&s, TS_SSTAT_FIRST_LO, 0, i),
                    *ts_sensitivity_stat(&s, TS_SSTAT_FIRST_HI, 0, i), total,
                    *ts_sensitivity_stat(&s, TS_SSTAT_TOTAL_LO, 0, i),
                    *ts_sensitivity_stat(&s, TS_SSTAT_TOTAL_HI, 0, i), truth[i]);
        cr_expect(*ts_sensitivity_stat(&s, TS_SSTAT_FIRST_LO, 0, i) <= truth[i] &&
                      truth[i] <= *ts_sensitivity_stat(&s, TS_SSTAT_FIRST_HI, 0, i),
                  "S%zu misses %g", i, truth[i]);
        cr_expect(*ts_sensitivity_stat(&s, TS_SSTAT_TOTAL_LO, 0, i) <= truth[i] &&
                      truth[i] <= *ts_sensitivity_stat(&s, TS_SSTAT_TOTAL_HI, 0, i),
                  "ST%zu misses %g", i, truth[i]);
    }
    free(lin);
    ts_sensitivity_free(&s);
    free(in);
    ts_scenario_free(&sc);
}

Test(design_points, default_inputs_are_the_a_labelled_numbers)
{
    ts_scenario sc;
    short_baseline(&sc);
    ts_design_input *in;
    size_t k, skipped;
    ts_error err = {0};
    cr_assert_eq(ts_design_inputs_load(&sc, NULL, &in, &k, &skipped, &err), TS_OK, "%s", err.message);
    cr_expect_geq(k, 10);
    int found = 0;
    for (size_t i = 0; i < k; i++) {
        const ts_key *key = NULL;
        for (size_t j = 0; j < ts_scenario_key_count; j++)
            if (strcmp(ts_scenario_keys[j].path, in[i].path) == 0)
                key = &ts_scenario_keys[j];
        cr_assert(key, "%s", in[i].path);
        cr_expect_eq(key->source[0], 'A', "%s", in[i].path);
        cr_expect_eq(key->type, TS_KEY_REAL);
        if (strcmp(in[i].path, "recruitment.female_share") == 0) {
            found = 1; /* 0.75 +- 50 % */
            cr_expect_float_eq(in[i].dist.p[0], 0.375, 1e-12);
            cr_expect_float_eq(in[i].dist.p[1], 1.0, 1e-12); /* clipped to the key's maximum */
        }
    }
    cr_expect(found);
    free(in);
    double lo, hi;
    ts_design_default_range(30, 22, 60, 1, 0.5, &lo, &hi);
    cr_expect_eq(lo, 22.0);
    cr_expect_eq(hi, 45.0);
    ts_design_default_range(-2.385, -10, 10, 0, 0.5, &lo, &hi);
    cr_expect_float_eq(lo, -3.5775, 1e-12);
    cr_expect_float_eq(hi, -1.1925, 1e-12);
    ts_scenario_free(&sc);
}

static void expect_ranges_error(const ts_scenario *sc, const char *text, const char *needle)
{
    const char *path = write_text("bad-ranges.yaml", text);
    ts_design_input *in = NULL;
    size_t k;
    ts_error err = {0};
    cr_expect_eq(ts_design_inputs_load(sc, path, &in, &k, NULL, &err), TS_ERR_INPUT, "%s", text);
    cr_expect(strstr(err.message, needle), "'%s' lacks '%s'", err.message, needle);
    cr_expect(strstr(err.message, "bad-ranges.yaml:"), "%s", err.message);
    free(in);
}

Test(design_points, ranges_file_errors_name_file_line_and_key)
{
    ts_scenario sc;
    short_baseline(&sc);
    expect_ranges_error(&sc, "costs.recruitment: [3000, 1000]\n", "costs.recruitment: expected [LO, HI] with LO < HI");
    expect_ranges_error(&sc, "recruitment.female_share: [0.5, 1.5]\n", "expected a range within the key's [0, 1]");
    expect_ranges_error(&sc, "costs.recruitment: {gamma: [1, 2]}\n", "found gamma");
    expect_ranges_error(&sc, "costs.recruitment: {normal: {mean: 2000}}\n", "the parameters of normal");
    expect_ranges_error(&sc, "costs.recruitment: wide\n", "found wide");
    expect_ranges_error(&sc, "costs.recruitmnt: default\n", "costs.recruitmnt:");
    expect_ranges_error(&sc, "- costs.recruitment\n", "expected a mapping of key paths");
    expect_ranges_error(&sc, "ok: 1\ncosts.recruitment: [1, 2]\n", "bad-ranges.yaml:1:1: ok:");
    ts_scenario_free(&sc);
}

Test(design_points, ranges_file_distributions)
{
    ts_scenario sc;
    short_baseline(&sc);
    const char *path = write_text("ranges.yaml", "costs.recruitment: {triangular: [500, 2000, 5000]}\n"
                                                 "leaving.established.rural[1]: default\n"
                                                 "population.regions[shaoshan].weak_share: [0.1, 0.3]\n"
                                                 "costs.standby_training: {normal: {mean: 5000, sd: 1000}}\n");
    ts_design_input *in;
    size_t k;
    ts_error err = {0};
    cr_assert_eq(ts_design_inputs_load(&sc, path, &in, &k, NULL, &err), TS_OK, "%s", err.message);
    cr_assert_eq(k, 4);
    cr_expect_eq(in[0].dist.kind, TS_SENS_TRIANGULAR);
    cr_expect_float_eq(ts_sens_quantile(&in[0].dist, 1), 5000, 1e-9);
    cr_expect_float_eq(in[1].nominal, 0.060, 1e-15);
    cr_expect_float_eq(in[1].dist.p[0], 0.030, 1e-15);
    cr_expect_float_eq(in[1].dist.p[1], 0.090, 1e-15);
    cr_expect_float_eq(in[2].nominal, 0.20, 1e-15);
    /* The normal has no upper bound within the key's range: its top is cut at 1 - TS_SENS_TAIL. */
    double pa = gsl_cdf_ugaussian_P(-5.0), q = pa + 0.5 * (1 - TS_SENS_TAIL - pa);
    cr_expect_float_eq(ts_sens_quantile(&in[3].dist, 0.5), 5000 + 1000 * gsl_cdf_ugaussian_Pinv(q), 1e-6);
    cr_expect_float_eq(ts_sens_quantile(&in[3].dist, 1), 5000 + 1000 * gsl_cdf_ugaussian_Pinv(1 - TS_SENS_TAIL), 1e-6);
    free(in);
    ts_scenario_free(&sc);
}

Test(design_points, outcome_errors)
{
    ts_scenario sc;
    short_baseline(&sc);
    ts_design_outcome o;
    ts_error err = {0};
    cr_expect_eq(ts_design_outcome_parse(&sc, "no_such_target", &o, &err), TS_ERR_USAGE);
    cr_expect(strstr(err.message, "expected a target of scenario"), "%s", err.message);
    cr_expect_eq(ts_design_outcome_parse(&sc, "cost_totl@2023", &o, &err), TS_ERR_USAGE);
    cr_expect(strstr(err.message, "not an indicator"), "%s", err.message);
    cr_expect_eq(ts_design_outcome_parse(&sc, "cost_total@2040", &o, &err), TS_ERR_USAGE);
    cr_expect(strstr(err.message, "a year of the horizon 2021-2023"), "%s", err.message);
    cr_expect_eq(ts_design_outcome_parse(&sc, "cost_total@2022@nowhere", &o, &err), TS_ERR_USAGE);
    cr_expect_eq(ts_design_outcome_parse(&sc, "cost_total@2022@湘乡市", &o, &err), TS_OK, "%s", err.message);
    cr_expect_str_eq(o.region, "xiangxiang");
    cr_expect_eq(ts_design_outcome_parse(&sc, "half_counties_pass_by_2022", &o, &err), TS_OK, "%s", err.message);
    cr_expect_eq(o.kind, TS_OUTCOME_TARGET);
    /* A target beyond the horizon is not evaluated. */
    cr_expect_eq(ts_design_outcome_parse(&sc, "all_counties_pass_by_2025", &o, &err), TS_ERR_USAGE);
    ts_scenario_free(&sc);
}
