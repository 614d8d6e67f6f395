/*
 * test_uncertain.c: numbers given as distributions (sim/input/scenario_uncertain.c,
 * sim/output/parameters.c): each distribution read with its mean bound, every error
 * (bad parameters, support outside the key's range, population and region
 * keys), the exact YAML round trip, draws that depend only on (seed,
 * replication, key path), their mean and variance against theory, and a run
 * whose replications draw their own values: independent of threads, recorded
 * in parameters/ of the results file, and moving the outcome.
 */
#include <criterion/criterion.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"
#include "parameters.h"
#include "teachsim/results.h"
#include "teachsim/scenario.h"
#include "teachsim/run.h"

#define HEAD "name: u\nextends: xiangtan-baseline\n"

static void load_ok(const char *body, ts_scenario *sc)
{
    char text[4096];
    ts_error err = {0};
    snprintf(text, sizeof text, HEAD "%s", body);
    cr_assert_eq(ts_scenario_load_text(sc, text, strlen(text), "u.yaml", &err), TS_OK, "%s", err.message);
}

static void expect_error(const char *body, const char *want)
{
    char text[4096];
    ts_scenario sc;
    ts_error err = {0};
    snprintf(text, sizeof text, HEAD "%s", body);
    cr_assert_eq(ts_scenario_load_text(&sc, text, strlen(text), "u.yaml", &err), TS_ERR_INPUT, "%s should fail", body);
    cr_expect_str_eq(err.message, want);
}

/* ---- reading ------------------------------------------------------------------ */

Test(uncertain, each_distribution_binds_its_mean)
{
    ts_scenario sc;
    load_ok("leaving:\n"
            "  rural_transfer_share: {uniform: [0.385, 0.615]}\n"
            "  established:\n"
            "    rural: [0.09, {triangular: [0.04, 0.05, 0.09]}, {beta: {alpha: 2.5, beta: 97.5}}, 0.015]\n"
            "retirement:\n"
            "  early_rate: {normal: {mean: 0.15, sd: 0.02}}\n"
            "careers:\n"
            "  sanming_multiplier: {lognormal: {meanlog: 0.2, sdlog: 0.1}}\n",
            &sc);
    cr_assert_eq(sc.n_uncertain, 5);
    /* key-table order, then element: retirement before leaving before careers */
    char path[128];
    const char *want[5] = {"retirement.early_rate", "leaving.established.rural[1]", "leaving.established.rural[2]",
                           "leaving.rural_transfer_share", "careers.sanming_multiplier"};
    for (int k = 0; k < 5; k++) {
        ts_uncertain_path(&sc.uncertain[k], path, sizeof path);
        cr_expect_str_eq(path, want[k]);
    }
    cr_expect_float_eq(sc.leaving.rural_transfer_share, 0.5, 1e-15);
    cr_expect_float_eq(sc.leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_RURAL][1], 0.06, 1e-15);
    cr_expect_float_eq(sc.leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_RURAL][2], 0.025, 1e-15);
    cr_expect_eq(sc.leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_RURAL][3], 0.015);
    /* the truncation at 0 and 1 is 7.5 sd away: the mean is the normal's */
    cr_expect_float_eq(sc.retirement.early_rate, 0.15, 1e-12);
    /* a lognormal's mean: exp(meanlog + sdlog^2 / 2), the range [0, 10] cutting nothing that matters */
    cr_expect_float_eq(sc.careers.sanming_multiplier, exp(0.2 + 0.005), 1e-12);
    ts_scenario_free(&sc);
}

Test(uncertain, truncation_moves_the_bound_mean)
{
    ts_scenario sc;
    /* N(0.02, 0.02) on [0, 1]: mean of the kept part = m + sd phi(-1) / (1 - Phi(-1)) */
    load_ok("retirement: {early_rate: {normal: {mean: 0.02, sd: 0.02}}}\n", &sc);
    double phi = exp(-0.5) / sqrt(2 * M_PI), tail = 0.5 * erfc(1 / sqrt(2.0));
    cr_expect_float_eq(sc.retirement.early_rate, 0.02 + 0.02 * phi / (1 - tail), 1e-12);
    ts_scenario_free(&sc);
}

Test(uncertain, resolved_yaml_writes_distributions_back_exactly)
{
    ts_scenario sc, again;
    ts_error err = {0};
    load_ok("leaving:\n"
            "  rural_transfer_share: {uniform: [0.1, 0.7]}\n"
            "  established: {rural: [{normal: {mean: 0.09, sd: 0.0123456789012345}}, 0.06, 0.03, 0.015]}\n"
            "careers: {title_rate: [{beta: {alpha: 6, beta: 4}}, 0.1, {triangular: [0.01, 0.03, 0.09]}],\n"
            "          sanming_multiplier: {lognormal: {meanlog: 0.1, sdlog: 0.3}}}\n",
            &sc);
    char *yaml = ts_scenario_to_yaml(&sc);
    cr_assert_not_null(yaml);
    cr_expect_not_null(strstr(yaml, "rural_transfer_share: {uniform: [0.1, 0.7]}\n"), "%s", yaml);
    cr_expect_not_null(strstr(yaml, "rural: [{normal: {mean: 0.09, sd: 0.0123456789012345}}, 0.06, 0.03, 0.015]\n"));
    cr_expect_not_null(strstr(yaml, "title_rate: [{beta: {alpha: 6, beta: 4}}, 0.1, {triangular: [0.01, 0.03, "
                                    "0.09]}]\n"));
    cr_expect_not_null(strstr(yaml, "sanming_multiplier: {lognormal: {meanlog: 0.1, sdlog: 0.3}}\n"));
    cr_assert_eq(ts_scenario_load_text(&again, yaml, strlen(yaml), "resolved", &err), TS_OK, "%s", err.message);
    cr_assert_eq(again.n_uncertain, sc.n_uncertain);
    cr_expect_eq(memcmp(again.uncertain, sc.uncertain, (size_t)sc.n_uncertain * sizeof *sc.uncertain), 0);
    cr_expect_eq(memcmp(&again.careers, &sc.careers, sizeof sc.careers), 0);
    char *yaml2 = ts_scenario_to_yaml(&again);
    cr_expect_str_eq(yaml2, yaml);
    free(yaml);
    free(yaml2);
    ts_scenario_free(&sc);
    ts_scenario_free(&again);
}

Test(uncertain, copy_is_deep_and_free_releases)
{
    ts_scenario sc, copy;
    ts_error err = {0};
    load_ok("leaving: {rural_transfer_share: {uniform: [0.4, 0.6]}}\n", &sc);
    cr_assert_eq(ts_scenario_copy(&copy, &sc, &err), TS_OK);
    cr_assert_eq(copy.n_uncertain, 1);
    cr_expect_neq(copy.uncertain, sc.uncertain);
    cr_expect_eq(copy.uncertain[0].param[1], 0.6);
    ts_scenario_free(&sc);
    cr_expect_eq(copy.uncertain[0].param[0], 0.4, "the copy outlives the original");
    ts_scenario_free(&copy);
    cr_expect_null(copy.uncertain);
    cr_expect_eq(copy.n_uncertain, 0);
}

/* ---- errors ---------------------------------------------------------------------- */

Test(uncertain, bad_parameters_are_refused_where_they_are_written)
{
    expect_error("leaving: {rural_transfer_share: {uniform: [0.6, 0.4]}}\n",
                 "u.yaml:3:43: leaving.rural_transfer_share.uniform: expected a <= b, found [0.6, 0.4]");
    expect_error("leaving: {rural_transfer_share: {uniform: [0.4, 1.2]}}\n",
                 "u.yaml:3:43: leaving.rural_transfer_share.uniform: expected a distribution within the key's "
                 "range [0, 1], found one on [0.4, 1.2]");
    expect_error("leaving: {rural_transfer_share: {uniform: [0.4]}}\n",
                 "u.yaml:3:43: leaving.rural_transfer_share.uniform: expected [a, b], a sequence of 2 numbers, "
                 "found a sequence of 1 item");
    expect_error("leaving: {rural_transfer_share: {uniform: [0.4, high]}}\n",
                 "u.yaml:3:49: leaving.rural_transfer_share.uniform[1]: expected a number, found \"high\"");
    expect_error("leaving: {rural_transfer_share: {triangular: [0.2, 0.1, 0.5]}}\n",
                 "u.yaml:3:46: leaving.rural_transfer_share.triangular: expected min <= mode <= max, found [0.2, "
                 "0.1, 0.5]");
    expect_error("leaving: {rural_transfer_share: {normal: {mean: 0.5, sd: -0.1}}}\n",
                 "u.yaml:3:58: leaving.rural_transfer_share.normal.sd: expected a standard deviation >= 0, found "
                 "-0.1");
    expect_error("leaving: {rural_transfer_share: {normal: {mean: 1.5, sd: 0.1}}}\n",
                 "u.yaml:3:49: leaving.rural_transfer_share.normal.mean: expected a mean within the key's range [0, "
                 "1], found 1.5");
    expect_error("leaving: {rural_transfer_share: {normal: {mean: 0.5, sd: 2}}}\n",
                 "u.yaml:3:42: leaving.rural_transfer_share.normal: expected at least half of the distribution "
                 "within the key's range [0, 1] (draws outside it are redrawn), found 19.7 %");
    expect_error("leaving: {rural_transfer_share: {normal: {mean: 0.5}}}\n",
                 "u.yaml:3:42: leaving.rural_transfer_share.normal.sd: required key missing");
    expect_error("leaving: {rural_transfer_share: {normal: {mean: 0.5, sdev: 0.1}}}\n",
                 "u.yaml:3:54: leaving.rural_transfer_share.normal.sdev: unknown key (expected mean and sd)");
    expect_error("leaving: {rural_transfer_share: {beta: {alpha: 0, beta: 2}}}\n",
                 "u.yaml:3:48: leaving.rural_transfer_share.beta.alpha: expected a number > 0, found 0");
}

Test(uncertain, a_beta_needs_zero_to_one_inside_the_range)
{
    /* staffing.pupils_per_staff is in [1, 100]: a beta on [0, 1] does not fit */
    expect_error("staffing: {pupils_per_staff: [{beta: {alpha: 2, beta: 2}}, 13.5]}\n",
                 "u.yaml:3:38: staffing.pupils_per_staff[0].beta: expected a distribution within the key's range "
                 "[1, 100], found one on [0, 1]");
}

Test(uncertain, malformed_distributions_are_refused)
{
    expect_error("leaving: {rural_transfer_share: {gamma: [1, 2]}}\n",
                 "u.yaml:3:34: leaving.rural_transfer_share: expected a distribution (uniform, normal, triangular, "
                 "beta or lognormal), found \"gamma\"");
    expect_error("leaving: {rural_transfer_share: {uniform: [0.1, 0.2], normal: {mean: 0.1, sd: 0.1}}}\n",
                 "u.yaml:3:33: leaving.rural_transfer_share: expected a number or a distribution (a mapping of one "
                 "entry: uniform, normal, triangular, beta or lognormal), found a mapping of 2 entries");
    expect_error("leaving: {rural_transfer_share: {normal: [0.5, 0.1]}}\n",
                 "u.yaml:3:42: leaving.rural_transfer_share.normal: expected a mapping of mean and sd, found a "
                 "sequence of 2 items");
}

Test(uncertain, population_and_region_keys_take_numbers_only)
{
    expect_error("population: {female_share: [0.78, {uniform: [0.6, 0.7]}, 0.55]}\n",
                 "u.yaml:3:35: population.female_share[1]: expected a number, found a distribution (population keys "
                 "take numbers only: the start population is one city for all replications)");
    expect_error("population: {school_size_sigma: {uniform: [0.6, 0.9]}}\n",
                 "u.yaml:3:33: population.school_size_sigma: expected a number, found a distribution (population "
                 "keys take numbers only: the start population is one city for all replications)");
    expect_error("population:\n"
                 "  regions:\n"
                 "    - code: one\n"
                 "      population_10k: {uniform: [10, 20]}\n"
                 "      schools: [26, 6, 3]\n"
                 "      school_locality_share: [0.10, 0.40, 0.50]\n"
                 "      pupils_primary: 5600\n"
                 "      pupils_junior: 2800\n"
                 "      pupil_locality_share: [0.25, 0.45, 0.30]\n",
                 "u.yaml:6:23: population.regions[0].population_10k: expected a number, found a distribution "
                 "(population keys take numbers only: the start population is one city for all replications)");
}

Test(uncertain, integers_and_births_take_numbers_only)
{
    expect_error("horizon: {end_year: {uniform: [2030, 2035]}}\n",
                 "u.yaml:3:21: horizon.end_year: expected an integer year in [2000, 2099], found a mapping");
    expect_error("enrolment:\n  births: {2015: {uniform: [1, 2]}}\n",
                 "u.yaml:4:18: enrolment.births.2015: expected a count >= 0, found a mapping");
}

/* ---- draws ----------------------------------------------------------------------- */

static double draw(const ts_scenario *sc, uint32_t seed, uint32_t rep, int k)
{
    ts_scenario view;
    double v[8];
    cr_assert_leq(sc->n_uncertain, 8);
    cr_assert_eq(ts_scenario_draw(sc, &view, seed, rep, v), TS_OK);
    /* the view holds the same values in its fields */
    const ts_uncertain *u = &sc->uncertain[k];
    double field;
    memcpy(&field, (const char *)&view + u->key->offset + (size_t)u->element * sizeof field, sizeof field);
    cr_assert_eq(field, v[k]);
    cr_assert_eq(view.population.regions, sc->population.regions, "the view shares the regions");
    return v[k];
}

Test(uncertain, draws_depend_on_seed_replication_and_key_path_only)
{
    ts_scenario one, two;
    load_ok("leaving: {rural_transfer_share: {uniform: [0.4, 0.6]}}\n", &one);
    load_ok("retirement: {early_rate: {normal: {mean: 0.15, sd: 0.03}}}\n"
            "leaving: {rural_transfer_share: {uniform: [0.4, 0.6]}}\n",
            &two);
    cr_assert_eq(two.n_uncertain, 2);
    double a = draw(&one, 7, 3, 0);
    cr_expect_eq(a, draw(&one, 7, 3, 0), "the same (seed, replication) gives the same value");
    cr_expect_eq(a, draw(&two, 7, 3, 1), "other uncertain keys and list order do not change a key's draw");
    cr_expect_neq(a, draw(&one, 7, 4, 0), "another replication draws anew");
    cr_expect_neq(a, draw(&one, 8, 3, 0), "another seed draws anew");
    cr_expect(a >= 0.4 && a <= 0.6);
    cr_expect_neq(draw(&two, 7, 3, 0), draw(&two, 7, 3, 1), "two keys draw from their own streams");
    /* a scenario without uncertainty: the view is the scenario */
    ts_scenario base, view;
    load_ok("", &base);
    cr_assert_eq(ts_scenario_draw(&base, &view, 1, 2, NULL), TS_OK);
    cr_expect_eq(memcmp(&view, &base, sizeof view), 0);
    ts_scenario_free(&one);
    ts_scenario_free(&two);
    ts_scenario_free(&base);
}

Test(uncertain, no_two_numbers_of_the_key_table_share_a_stream)
{
    /* entities are hashes of key paths: check every number of the table */
    static uint64_t seen[4096];
    size_t n = 0;
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const ts_key *key = &ts_scenario_keys[i];
        if (key->type != TS_KEY_REAL && key->type != TS_KEY_REALS)
            continue;
        for (size_t e = 0; e < key->count; e++) {
            ts_uncertain u = {.key = key, .element = (int32_t)e};
            uint64_t id = ts_uncertain_entity(&u);
            for (size_t j = 0; j < n; j++)
                cr_assert_neq(seen[j], id, "%s[%zu] shares its stream", key->path, e);
            cr_assert_lt(n, sizeof seen / sizeof seen[0]);
            seen[n++] = id;
        }
    }
    cr_expect_gt(n, 50);
}

/* Mean and variance of n draws against theory: |mean - mu| <= 4 sigma / sqrt(n),
 * and |s^2 - sigma^2| <= 4 se(s^2), se^2 = (mu4 - sigma^4) / n. */
static void check_moments(const char *body, double mu, double var, double mu4, double lo, double hi)
{
    ts_scenario sc;
    load_ok(body, &sc);
    cr_assert_eq(sc.n_uncertain, 1);
    const int n = 4000;
    double sum = 0, sum2 = 0;
    double *x = malloc((size_t)n * sizeof *x);
    cr_assert_not_null(x);
    for (int r = 0; r < n; r++) {
        x[r] = draw(&sc, 20201222u, (uint32_t)r, 0);
        cr_assert(x[r] >= lo && x[r] <= hi, "draw %d: %g outside [%g, %g]", r, x[r], lo, hi);
        sum += x[r];
    }
    double mean = sum / n;
    for (int r = 0; r < n; r++)
        sum2 += (x[r] - mean) * (x[r] - mean);
    double s2 = sum2 / (n - 1);
    cr_expect_leq(fabs(mean - mu), 4 * sqrt(var / n), "%s: mean %g, theory %g", body, mean, mu);
    cr_expect_leq(fabs(s2 - var), 4 * sqrt((mu4 - var * var) / n), "%s: variance %g, theory %g", body, s2, var);
    cr_expect_float_eq(sc.leaving.rural_transfer_share, mu, 1e-12, "the bound value is the mean");
    free(x);
    ts_scenario_free(&sc);
}

Test(uncertain, uniform_draws_match_theory)
{
    double a = 0.385, b = 0.615, w = b - a;
    check_moments("leaving: {rural_transfer_share: {uniform: [0.385, 0.615]}}\n", (a + b) / 2, w * w / 12,
                  pow(w, 4) / 80, a, b);
}

Test(uncertain, normal_draws_match_theory)
{
    double m = 0.45, sd = 0.0625; /* 7 sd from 0: truncation is invisible */
    check_moments("leaving: {rural_transfer_share: {normal: {mean: 0.45, sd: 0.0625}}}\n", m, sd * sd, 3 * pow(sd, 4),
                  0, 1);
}

Test(uncertain, triangular_and_beta_draws_match_theory)
{
    double a = 0.2, c = 0.3, b = 0.7;
    double mu = (a + b + c) / 3, var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    /* the fourth central moment of a triangular distribution is var^2 * 12/5 */
    check_moments("leaving: {rural_transfer_share: {triangular: [0.2, 0.3, 0.7]}}\n", mu, var, var * var * 2.4, a, b);
    double al = 4.5, be = 5.5, s = al + be;
    double bmu = al / s, bvar = al * be / (s * s * (s + 1));
    /* excess kurtosis of a beta */
    double kurt = 6 * ((al - be) * (al - be) * (s + 1) - al * be * (s + 2)) / (al * be * (s + 2) * (s + 3));
    check_moments("leaving: {rural_transfer_share: {beta: {alpha: 4.5, beta: 5.5}}}\n", bmu, bvar,
                  (kurt + 3) * bvar * bvar, 0, 1);
}

Test(uncertain, truncated_normal_stays_in_range)
{
    ts_scenario sc;
    load_ok("retirement: {early_rate: {normal: {mean: 0.02, sd: 0.02}}}\n", &sc);
    double sum = 0;
    for (uint32_t r = 0; r < 4000; r++) {
        double v = draw(&sc, 5, r, 0);
        cr_assert(v >= 0 && v <= 1, "%g", v);
        sum += v;
    }
    /* the truncated mean, with the truncated sd (< 0.02) bounding the error */
    cr_expect_leq(fabs(sum / 4000 - sc.retirement.early_rate), 4 * 0.02 / sqrt(4000.0));
    ts_scenario_free(&sc);
}

/* ---- a run ----------------------------------------------------------------------- */

static void run(const ts_scenario *sc, size_t n, int threads, int32_t reps, uint32_t seed, ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {.seed = seed, .replications = reps, .threads = threads};
    cr_assert_eq(ts_simulation_run(sc, n, &opt, res, &err), TS_OK, "%s", err.message);
}

static double total(const ts_results *res, const char *name, size_t s, size_t r)
{
    int i = ts_results_indicator_index(res, name);
    cr_assert_geq(i, 0);
    const double *block = ts_results_block(res, (size_t)i, s, r);
    double sum = 0;
    for (size_t y = 0; y < res->n_years; y++)
        sum += block[y * res->n_regions + res->n_regions - 1];
    return sum;
}

Test(uncertain, a_run_records_each_replications_values_whatever_the_threads)
{
    ts_scenario sc[2];
    load_ok("leaving: {rural_transfer_share: {uniform: [0.3, 0.7]},\n"
            "          established: {rural: [0.09, 0.06, 0.03, {triangular: [0.0, 0.02, 0.04]}]}}\n",
            &sc[0]);
    load_ok("", &sc[1]);
    strcpy(sc[1].name, "plain");
    ts_results one = {0}, two = {0};
    run(sc, 2, 1, 7, 4242, &one);
    run(sc, 2, 2, 7, 4242, &two);
    size_t n = one.n_indicators * one.n_scenarios * one.n_replications * one.n_years * one.n_regions;
    cr_expect_eq(memcmp(one.values, two.values, n * sizeof(double)), 0, "data differ between 1 and 2 threads");
    cr_assert_eq(one.parameters.n, 2);
    cr_expect_str_eq(one.parameters.names[0], "leaving.established.rural[3]");
    cr_expect_str_eq(one.parameters.names[1], "leaving.rural_transfer_share");
    cr_expect_str_eq(one.parameters.units[1], "share");
    cr_expect_str_eq(one.parameters.descriptions[1],
                     "Drawn once per replication from {uniform: [0.3, 0.7]} (mean 0.5).");
    cr_expect_eq(memcmp(one.parameters.values, two.parameters.values, 2 * 2 * 7 * sizeof(double)), 0);
    for (size_t r = 0; r < 7; r++) {
        double want[2];
        ts_scenario view;
        cr_assert_eq(ts_scenario_draw(&sc[0], &view, 4242, (uint32_t)r, want), TS_OK);
        for (size_t p = 0; p < 2; p++) {
            cr_expect_eq(one.parameters.values[(p * 2 + 0) * 7 + r], want[p], "parameter %zu replication %zu", p, r);
            cr_expect(isnan(one.parameters.values[(p * 2 + 1) * 7 + r]), "NaN where the scenario has a number");
        }
    }
    /* the same replication of the plain scenario is not the uncertain one */
    cr_expect_neq(total(&one, "transfers_to_urban", 0, 0), total(&one, "transfers_to_urban", 1, 0));
    ts_results_free(&one);
    ts_results_free(&two);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

static double correlation(const double *x, const double *y, int n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++) {
        mx += x[i] / n;
        my += y[i] / n;
    }
    for (int i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / sqrt(sxx * syy);
}

Test(uncertain, the_outcome_moves_with_the_drawn_value)
{
    /* Established rural teachers of 50+ (a third of rural staff) leave at a
     * rate drawn in [0, 0.08]: over 15 years, leavers follow it closely. */
    ts_scenario sc;
    load_ok("leaving: {established: {rural: [0.09, 0.06, 0.03, {uniform: [0.0, 0.08]}]}}\n", &sc);
    ts_results res = {0};
    enum { R = 24 };
    run(&sc, 1, 2, R, 99, &res);
    double drawn[R], leavers[R], transfers[R];
    for (int r = 0; r < R; r++) {
        drawn[r] = res.parameters.values[r];
        leavers[r] = total(&res, "leavers", 0, (size_t)r);
        transfers[r] = total(&res, "transfers_to_urban", 0, (size_t)r);
    }
    double c = correlation(drawn, leavers, R);
    cr_expect_gt(c, 0.8, "leavers follow the drawn hazard: correlation %g", c);
    c = correlation(drawn, transfers, R);
    cr_expect_gt(c, 0.5, "transfers too (half of rural leavers ask): correlation %g", c);
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

/* ---- the results file -------------------------------------------------------------- */

static char *read_str_attr(hid_t obj, const char *name)
{
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    cr_assert_geq(attr, 0, "attribute %s", name);
    hid_t t = H5Aget_type(attr);
    char *v = NULL;
    cr_assert_eq(H5Aread(attr, t, &v), 0);
    char *copy = strdup(v);
    H5free_memory(v);
    H5Tclose(t);
    H5Aclose(attr);
    return copy;
}

Test(uncertain, the_results_file_has_parameters_by_scenario_and_replication)
{
    ts_scenario sc[2];
    load_ok("leaving: {rural_transfer_share: {normal: {mean: 0.5, sd: 0.05}}}\n", &sc[0]);
    load_ok("leaving: {rural_transfer_share: {uniform: [0.45, 0.55]}}\n"
            "retirement: {early_rate: {uniform: [0.1, 0.2]}}\n",
            &sc[1]);
    strcpy(sc[1].name, "other");
    ts_results res = {0};
    ts_error err = {0};
    run(sc, 2, 2, 5, 11, &res);
    const char *dir = ts_test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/p.h5", dir);
    cr_assert_eq(ts_results_write_h5(&res, path, 0, NULL, &err), TS_OK, "%s", err.message);

    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(file, 0);
    hid_t scen = H5Dopen2(file, "scenario", H5P_DEFAULT), rep = H5Dopen2(file, "replication", H5P_DEFAULT);
    const char *names[2] = {"retirement.early_rate", "leaving.rural_transfer_share"};
    for (int p = 0; p < 2; p++) {
        char link[256];
        snprintf(link, sizeof link, "parameters/%s", names[p]);
        hid_t d = H5Dopen2(file, link, H5P_DEFAULT);
        cr_assert_geq(d, 0, "%s", link);
        hid_t space = H5Dget_space(d);
        hsize_t dims[2];
        cr_assert_eq(H5Sget_simple_extent_ndims(space), 2);
        H5Sget_simple_extent_dims(space, dims, NULL);
        cr_expect_eq(dims[0], 2);
        cr_expect_eq(dims[1], 5);
        double v[10];
        cr_assert_geq(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v), 0);
        cr_expect_eq(memcmp(v, res.parameters.values + p * 10, sizeof v), 0);
        cr_expect_eq(H5DSis_attached(d, scen, 0), 1, "dimension 0 is the root's scenario");
        cr_expect_eq(H5DSis_attached(d, rep, 1), 1, "dimension 1 is the root's replication");
        char *units = read_str_attr(d, "units"), *long_name = read_str_attr(d, "long_name"),
             *desc = read_str_attr(d, "description");
        cr_expect_str_eq(units, "share");
        cr_expect_str_eq(long_name, names[p]);
        if (p == 0) {
            cr_expect(isnan(v[0]) && !isnan(v[5]), "early_rate is uncertain in the second scenario only");
            cr_expect_str_eq(desc, "Drawn once per replication from {uniform: [0.1, 0.2]} (mean 0.15).");
        } else {
            cr_expect_str_eq(desc, "Drawn once per replication from u {normal: {mean: 0.5, sd: 0.05}}; other "
                                   "{uniform: [0.45, 0.55]} (by scenario; NaN where a scenario gives a number).");
        }
        free(units);
        free(long_name);
        free(desc);
        H5Sclose(space);
        H5Dclose(d);
    }
    H5Dclose(scen);
    H5Dclose(rep);
    H5Fclose(file);

    /* xarray opens the group with its dimensions; the coordinates are the root's */
    const char *py = TS_PYTHON;
    char cmd[4096], out[8192];
    if (py[0] && access(py, X_OK) == 0) {
        snprintf(cmd, sizeof cmd,
                 "'%s' -c 'import sys, xarray as xr, numpy as np\n"
                 "f = sys.argv[1]\n"
                 "root = xr.open_dataset(f, engine=\"netcdf4\")\n"
                 "p = xr.open_dataset(f, group=\"parameters\", engine=\"netcdf4\")\n"
                 "p = p.assign_coords(scenario=root.scenario.values, replication=root.replication.values)\n"
                 "v = p[\"leaving.rural_transfer_share\"]\n"
                 "assert v.dims == (\"scenario\", \"replication\"), v.dims\n"
                 "assert v.attrs[\"units\"] == \"share\"\n"
                 "assert list(p.scenario.values) == [\"u\", \"other\"]\n"
                 "assert np.isnan(p[\"retirement.early_rate\"].sel(scenario=\"u\")).all()\n"
                 "print(\"ok\", float(v.sel(scenario=\"other\", replication=4)))' '%s'",
                 py, path);
        int rc = ts_test_run(cmd, out, sizeof out);
        if (strstr(out, "No module named"))
            cr_skip_test("xarray or netCDF4 not importable: %s", out);
        cr_assert_eq(rc, 0, "%s", out);
        cr_expect_eq(strncmp(out, "ok ", 3), 0, "%s", out);
        cr_expect_float_eq(strtod(out + 3, NULL), res.parameters.values[(1 * 2 + 1) * 5 + 4], 1e-15, "%s", out);
    }
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

Test(uncertain, files_without_uncertainty_have_no_parameters_group)
{
    ts_scenario sc;
    load_ok("", &sc);
    ts_results res = {0};
    ts_error err = {0};
    run(&sc, 1, 2, 2, 1, &res);
    cr_expect_eq(res.parameters.n, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/p.h5", ts_test_tmpdir());
    cr_assert_eq(ts_results_write_h5(&res, path, 0, NULL, &err), TS_OK, "%s", err.message);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_expect_eq(H5Lexists(file, "parameters", H5P_DEFAULT), 0);
    H5Fclose(file);
    ts_results_free(&res);
    ts_scenario_free(&sc);
}
