/*
 * test_simulation.c: the pipeline as a whole. The stock-flow identity in
 * every year of every replication, identical results whatever the number of
 * threads, and identical scenarios giving identical results (common random
 * numbers).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"
#include "teachsim/indicators.h"
#include "teachsim/simulation.h"

static double at(const ts_results *res, const char *name, size_t s, size_t r, size_t y, size_t g)
{
    int i = ts_results_indicator_index(res, name);
    cr_assert_geq(i, 0, "indicator %s missing", name);
    return ts_results_block(res, (size_t)i, s, r)[y * res->n_regions + g];
}

static void run(const ts_scenario *sc, size_t n, int threads, int32_t reps, uint32_t seed, ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {.seed = seed, .replications = reps, .threads = threads};
    cr_assert_eq(ts_simulation_run(sc, n, &opt, res, &err), TS_OK, "%s", err.message);
}

Test(simulation, stock_flow_identity_every_year_region_and_replication)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_results res = {0};
    const uint32_t seed = 90210;
    run(&sc, 1, 2, 6, seed, &res);

    ts_population pop;
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&pop, &sc, seed, &err), TS_OK, "%s", err.message);
    long start[TS_MAX_REGIONS + 1];
    fixture_start_teachers(&pop, start);

    long checked = 0, moved = 0;
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t g = 0; g < res.n_regions; g++) {
            double before = (double)start[g == res.n_regions - 1 ? (size_t)pop.n_regions : g];
            for (size_t y = 0; y < res.n_years; y++) {
                double now = at(&res, "teachers", 0, r, y, g);
                double expected = before - at(&res, "retirements", 0, r, y, g) - at(&res, "leavers", 0, r, y, g) +
                                  at(&res, "hires", 0, r, y, g);
                cr_expect_eq(now, expected, "rep %zu region %s year %d: %.0f teachers, identity gives %.0f", r,
                             res.region_codes[g], res.first_year + (int)y, now, expected);
                moved += (long)at(&res, "transfers_to_urban", 0, r, y, g);
                before = now;
                checked++;
            }
        }
    cr_expect_eq(checked, 6 * 15 * 6);
    cr_expect_gt(moved, 0, "the identity must hold with transfers happening, not only without");
    ts_results_free(&res);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
}

Test(simulation, one_and_two_threads_give_identical_data)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_results one = {0}, two = {0};
    run(&sc, 1, 1, 9, 777, &one);
    run(&sc, 1, 2, 9, 777, &two);
    size_t n = one.n_indicators * one.n_scenarios * one.n_replications * one.n_years * one.n_regions;
    cr_expect_eq(memcmp(one.values, two.values, n * sizeof(double)), 0, "data differ between 1 and 2 threads");
    ts_results_free(&one);
    ts_results_free(&two);
    ts_scenario_free(&sc);
}

Test(simulation, seed_and_replication_change_the_results)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_results a = {0}, b = {0};
    run(&sc, 1, 2, 2, 1, &a);
    run(&sc, 1, 2, 2, 2, &b);
    size_t block = a.n_years * a.n_regions;
    int leavers = ts_results_indicator_index(&a, "leavers");
    cr_expect_neq(memcmp(ts_results_block(&a, (size_t)leavers, 0, 0), ts_results_block(&b, (size_t)leavers, 0, 0),
                         block * sizeof(double)),
                  0, "another seed must give other leavers");
    cr_expect_neq(memcmp(ts_results_block(&a, (size_t)leavers, 0, 0), ts_results_block(&a, (size_t)leavers, 0, 1),
                         block * sizeof(double)),
                  0, "another replication must give other leavers");
    ts_results_free(&a);
    ts_results_free(&b);
    ts_scenario_free(&sc);
}

Test(simulation, identical_scenarios_give_identical_results)
{
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    fixture_baseline(&sc[0]);
    fixture_baseline(&sc[1]);
    strcpy(sc[1].name, "baseline-again");
    ts_results res = {0};
    run(sc, 2, 2, 5, 31337, &res);
    size_t block = res.n_years * res.n_regions * res.n_replications;
    for (size_t i = 0; i < res.n_indicators; i++)
        cr_expect_eq(memcmp(ts_results_block(&res, i, 0, 0), ts_results_block(&res, i, 1, 0), block * sizeof(double)),
                     0, "indicator %s differs between identical scenarios", res.indicators[i].name);
    cr_expect_str_eq(res.scenario_names[1], "baseline-again");
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

Test(simulation, scenarios_with_other_regions_are_refused)
{
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    fixture_baseline(&sc[0]);
    fixture_baseline(&sc[1]);
    strcpy(sc[1].name, "other");
    strcpy(sc[1].population.regions[2].code, "somewhere_else");
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 1, .replications = 2, .threads = 1};
    cr_expect_eq(ts_simulation_run(sc, 2, &opt, &res, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "regions") != NULL, "message: %s", err.message);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}
