/*
 * test_leaving.c: leaving against theory. With one fixed hazard h for
 * everyone, no transfers, no hires and no early retirement, each year's
 * leavers are Binomial(at risk, h), and a start teacher is still in post in
 * year y with probability (1 - h)^(y - start + 1) if not yet retired: the
 * test computes that expectation itself from the start roster.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "draws.h"
#include "steps/leaving.h"
#include "teachsim/run.h"
#include <stdlib.h>

static const double h = 0.0637;

static void closed_world(ts_scenario *sc)
{
    fixture_baseline(sc);
    for (int c = 0; c < TS_CONTRACT_COUNT; c++)
        for (int l = 0; l < TS_LOCALITY_COUNT; l++)
            for (int a = 0; a < TS_AGEBAND_COUNT; a++)
                sc->leaving.hazard[c][l][a] = h;
    sc->leaving.rural_transfer_share = 0.0;
    sc->retirement.early_rate = 0.0;
    sc->retirement.senior_women_at_60 = 0; /* promotions must not move retirement dates */
    sc->recruitment.yearly_cap_share = 0.0;
    sc->temporaries.allowed_until = 1990;
    for (int r = 0; r < sc->population.n_regions; r++)
        sc->population.regions[r].temporary_share = 0.0;
    /* no other way in or out: no targeted arrivals, no moves at the end of
     * service, no exits from standby */
    sc->targeted_intake.enabled = 0;
    sc->targeted_intake.end_of_service_move = 0.0;
    sc->posting.enabled = 0;
}

static double at(const ts_results *res, const char *name, size_t r, size_t y, size_t g)
{
    int i = ts_results_indicator_index(res, name);
    cr_assert_geq(i, 0);
    return ts_results_block(res, (size_t)i, 0, r)[y * res->n_regions + g];
}

/* Each year's leavers of the closed world against Binomial(at risk, hazard):
 * within 4.5 standard deviations a year, and pooled over every year and
 * replication within pooled_sigmas; with no_hires, no year hires anyone.
 * The pooled mean and variance are returned for the caller's own checks. */
static void leavers_are_binomial(const ts_results *res, const ts_population *pop, double hazard, double pooled_sigmas,
                                 int no_hires, double *pooled_mean_out, double *pooled_var_out)
{
    long start[TS_MAX_REGIONS + 1];
    fixture_start_teachers(pop, start);
    const size_t all = res->n_regions - 1;
    double pooled_leavers = 0, pooled_mean = 0, pooled_var = 0;
    for (size_t r = 0; r < res->n_replications; r++) {
        double before = (double)start[pop->n_regions];
        for (size_t y = 0; y < res->n_years; y++) {
            double at_risk = before - at(res, "retirements", r, y, all);
            double leavers = at(res, "leavers", r, y, all);
            double mean = at_risk * hazard, sd = sqrt(at_risk * hazard * (1 - hazard));
            cr_expect_leq(fabs(leavers - mean), 4.5 * sd,
                          "rep %zu year %zu: %.0f leavers of %.0f at risk, expected %.1f +- %.1f", r, y, leavers,
                          at_risk, mean, 4.5 * sd);
            if (no_hires)
                cr_expect_eq(at(res, "hires", r, y, all), 0.0);
            pooled_leavers += leavers;
            pooled_mean += mean;
            pooled_var += at_risk * hazard * (1 - hazard);
            before = at(res, "teachers", r, y, all);
        }
    }
    cr_expect_leq(fabs(pooled_leavers - pooled_mean), pooled_sigmas * sqrt(pooled_var),
                  "pooled %.0f, expected %.1f +- %.1f", pooled_leavers, pooled_mean, pooled_sigmas * sqrt(pooled_var));
    *pooled_mean_out = pooled_mean;
    *pooled_var_out = pooled_var;
}

Test(leaving, yearly_leavers_within_binomial_bounds)
{
    ts_scenario sc = {0};
    closed_world(&sc);
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 2468, .replications = 8, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    ts_population pop;
    cr_assert_eq(ts_population_generate(&pop, &sc, opt.seed, &err), TS_OK, "%s", err.message);
    double pooled_mean, pooled_var;
    leavers_are_binomial(&res, &pop, h, 4.0, 1, &pooled_mean, &pooled_var);
    ts_results_free(&res);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
}

Test(leaving, mean_teachers_within_four_standard_errors_of_the_expectation)
{
    ts_scenario sc = {0};
    closed_world(&sc);
    ts_results res = {0};
    ts_error err = {0};
    const int32_t R = 40;
    ts_run_options opt = {.seed = 13579, .replications = R, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    ts_population pop;
    cr_assert_eq(ts_population_generate(&pop, &sc, opt.seed, &err), TS_OK, "%s", err.message);

    const size_t all = res.n_regions - 1;
    for (size_t y = 0; y < res.n_years; y++) {
        int year = res.first_year + (int)y;
        /* still in service in `year`: not retired by the cutoff before it */
        long not_retired = 0;
        for (int32_t i = 0; i < pop.teachers.n; i++)
            not_retired += pop.teachers.retire_month[i] > TS_YEAR_CUTOFF_MONTH(year);
        double q = pow(1 - h, (double)(y + 1));
        double expected = q * (double)not_retired;
        double se = sqrt((double)not_retired * q * (1 - q) / R);
        double mean = 0;
        for (int32_t r = 0; r < R; r++)
            mean += at(&res, "teachers", (size_t)r, y, all) / R;
        cr_expect_leq(fabs(mean - expected), 4.0 * se, "year %d: mean %.2f, expected %.2f +- %.2f (4 SE)", year, mean,
                      expected, 4.0 * se);
    }
    ts_results_free(&res);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
}

Test(leaving, rural_leavers_split_between_transfer_and_exit)
{
    /* With the baseline's hazards: every move is rural to town/urban within
     * the region, and each one is counted as a transfer. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    fixture_world f;
    fixture_world_make(&f, &sc, 55);
    ts_world *w = &f.world;
    ts_world_reset(w, 55, 0);
    w->year = 2021;
    memset(w->flows, 0, ((size_t)f.model.n_regions + 1) * sizeof *w->flows);
    cr_assert_eq(ts_draws_step(w, NULL), TS_OK);
    int32_t *school_before = malloc((size_t)w->teachers.n * sizeof *school_before);
    for (int32_t i = 0; i < w->teachers.n; i++)
        school_before[i] = w->teachers.school[i];
    cr_assert_eq(ts_leaving_step(w, NULL), TS_OK);
    long transfers = 0;
    for (int32_t i = 0; i < w->teachers.n; i++) {
        if (w->teachers.school[i] == school_before[i])
            continue;
        transfers++;
        cr_expect_eq(f.pop.schools.locality[school_before[i]], TS_RURAL, "only rural teachers transfer");
        cr_expect_neq(w->schools.locality[w->teachers.school[i]], TS_RURAL, "transfers go to town or urban schools");
        cr_expect_eq(w->schools.region[w->teachers.school[i]], w->schools.region[school_before[i]],
                     "within the region");
    }
    long counted = 0;
    for (int r = 0; r < f.model.n_regions; r++)
        counted += w->flows[r].transfers_to_urban;
    cr_expect_eq(transfers, counted);
    free(school_before);
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}

/* The rural allowance's retention effect (docs/model.md, step 4): with an
 * allowance raised by delta yuan a month at every locality and elasticity e,
 * every established and targeted teacher's hazard is h exp(-e delta / 1000),
 * so each year's leavers are Binomial(at risk, that hazard). */
Test(leaving, raised_allowance_scales_the_hazard_by_the_elasticity)
{
    ts_scenario sc = {0};
    closed_world(&sc);
    const double e = 0.2385, delta = 1385.0;
    sc.leaving.allowance_elasticity = e;
    for (int l = 0; l < TS_LOCALITY_COUNT; l++)
        sc.costs.rural_allowance[l] = sc.leaving.allowance_reference[l] + delta;
    const double hr = h * exp(-e * delta / 1000.0);
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 97531, .replications = 8, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    ts_population pop;
    cr_assert_eq(ts_population_generate(&pop, &sc, opt.seed, &err), TS_OK, "%s", err.message);
    for (int32_t i = 0; i < pop.teachers.n; i++)
        cr_assert_neq(pop.teachers.contract[i], TS_CONTRACT_TEMPORARY, "the closed world has no temporaries");

    /* The pooled count also tells the scaled hazard from the unscaled one:
     * h and hr differ by far more than 4.5 pooled standard deviations. */
    double pooled_mean, pooled_var;
    leavers_are_binomial(&res, &pop, hr, 4.5, 0, &pooled_mean, &pooled_var);
    cr_expect_gt(pooled_mean * (h / hr - 1.0), 9.0 * sqrt(pooled_var), "the test could not see the effect");
    ts_results_free(&res);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
}

/* With elasticity 0 the allowance keys change nothing but the allowance's
 * cost: a reference moved far from the allowance gives every indicator bit
 * for bit, and a raised allowance every indicator but the costs. */
Test(leaving, zero_elasticity_leaves_every_result_bit_identical)
{
    ts_scenario sc[3];
    memset(sc, 0, sizeof sc);
    ts_error err = {0};
    fixture_baseline(&sc[0]);
    cr_assert_eq(ts_scenario_copy(&sc[1], &sc[0], &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_scenario_copy(&sc[2], &sc[0], &err), TS_OK, "%s", err.message);
    snprintf(sc[1].name, sizeof sc[1].name, "moved-reference");
    snprintf(sc[2].name, sizeof sc[2].name, "raised-allowance");
    const double reference[TS_LOCALITY_COUNT] = {117.5, 263.25, 411.75};
    for (int l = 0; l < TS_LOCALITY_COUNT; l++) {
        sc[1].leaving.allowance_reference[l] = reference[l];
        sc[2].costs.rural_allowance[l] += 838.5;
    }
    sc[0].horizon.end_year = sc[1].horizon.end_year = sc[2].horizon.end_year = sc[0].horizon.start_year + 4;
    ts_results res = {0};
    ts_run_options opt = {.seed = 4242, .replications = 2, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 3, &opt, &res, &err), TS_OK, "%s", err.message);
    const size_t n = res.n_years * res.n_regions;
    size_t compared = 0;
    for (size_t i = 0; i < res.n_indicators; i++) {
        const int is_cost = strncmp(res.indicators[i].name, "cost_", 5) == 0;
        for (size_t r = 0; r < res.n_replications; r++) {
            const double *base = ts_results_block(&res, i, 0, r);
            cr_expect(memcmp(base, ts_results_block(&res, i, 1, r), n * sizeof *base) == 0,
                      "%s differs with a moved reference", res.indicators[i].name);
            if (!is_cost) {
                cr_expect(memcmp(base, ts_results_block(&res, i, 2, r), n * sizeof *base) == 0,
                          "%s differs with a raised allowance and no elasticity", res.indicators[i].name);
                compared++;
            }
        }
    }
    cr_expect_gt(compared, 100);
    ts_results_free(&res);
    for (int k = 0; k < 3; k++)
        ts_scenario_free(&sc[k]);
}
