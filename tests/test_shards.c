/*
 * test_shards.c: a replication split into region shards gives the same
 * results, bit for bit, as one world (shards.h): the baseline's five regions
 * in 1, 2, 3 and 5 shards, with uncertain parameters, two scenarios and one
 * or two threads; a synthetic 20-region city in up to 20 shards; and the
 * shards' boundaries, choice and failure when threads are missing.
 */
#include <criterion/criterion.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "shards.h"
#include "teachsim/run.h"

static void load(ts_scenario *sc, const char *text)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_text(sc, text, strlen(text), "s.yaml", &err), TS_OK, "%s", err.message);
}

/* The baseline's regions copied `copies` times (as bench.c's province, at
 * the baseline's own size), over a shorter horizon: many regions, cheaply. */
static void make_city(ts_scenario *dst, int copies, int end_year)
{
    ts_scenario base = {0};
    ts_error err = {0};
    fixture_baseline(&base);
    cr_assert_eq(ts_scenario_copy(dst, &base, &err), TS_OK, "%s", err.message);
    int n = base.population.n_regions * copies;
    ts_region_spec *regions = calloc((size_t)n, sizeof *regions);
    cr_assert_not_null(regions);
    for (int c = 0; c < copies; c++)
        for (int r = 0; r < base.population.n_regions; r++) {
            ts_region_spec *g = &regions[c * base.population.n_regions + r];
            *g = base.population.regions[r];
            snprintf(g->code, sizeof g->code, "%.40s_%03d", base.population.regions[r].code, c);
        }
    free(dst->population.regions);
    dst->population.regions = regions;
    dst->population.n_regions = n;
    for (int y = TS_YEAR_MIN; y <= TS_YEAR_MAX; y++)
        dst->enrolment.births.value[y - TS_YEAR_MIN] *= copies;
    dst->horizon.end_year = end_year;
    ts_scenario_free(&base);
}

static void run(const ts_scenario *sc, size_t n, int replications, int threads, int shards, ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {.seed = 7, .replications = replications, .threads = threads, .shards = shards};
    cr_assert_eq(ts_simulation_run(sc, n, &opt, res, &err), TS_OK, "%d shards: %s", shards, err.message);
}

/* Every value of every indicator, scenario, replication, year and region
 * (ALL included) the same bit for bit; the first difference is named. */
static void expect_identical(const ts_results *a, const ts_results *b, const char *what)
{
    cr_assert_eq(a->n_indicators, b->n_indicators);
    cr_assert_eq(a->n_regions, b->n_regions);
    size_t block = a->n_years * a->n_regions;
    for (size_t i = 0; i < a->n_indicators; i++)
        for (size_t s = 0; s < a->n_scenarios; s++)
            for (size_t r = 0; r < a->n_replications; r++) {
                const double *x = ts_results_block(a, i, s, r), *y = ts_results_block(b, i, s, r);
                if (memcmp(x, y, block * sizeof *x) == 0)
                    continue;
                for (size_t k = 0; k < block; k++)
                    if (memcmp(&x[k], &y[k], sizeof *x) != 0)
                        cr_assert_fail("%s: %s differs (scenario %zu, replication %zu, year %zu, region %zu): %.17g "
                                       "vs %.17g",
                                       what, ts_indicator_defs[i].name, s, r, k / a->n_regions, k % a->n_regions, x[k],
                                       y[k]);
            }
}

Test(shards, baseline_in_1_2_3_and_5_shards_gives_the_same_results)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_results one = {0};
    run(&sc, 1, 3, 1, 1, &one);
    const int shards[] = {2, 3, 5};
    for (size_t k = 0; k < sizeof shards / sizeof shards[0]; k++)
        for (int threads = 1; threads <= 2; threads++) {
            ts_results split = {0};
            run(&sc, 1, 3, threads, shards[k], &split);
            char what[64];
            snprintf(what, sizeof what, "%d shards, %d threads", shards[k], threads);
            expect_identical(&one, &split, what);
            ts_results_free(&split);
        }
    ts_results_free(&one);
    ts_scenario_free(&sc);
}

/* Drawn parameters change the model per replication (a copy of it that the
 * shards must all follow), and two scenarios run as jobs one after another. */
Test(shards, uncertain_parameters_and_two_scenarios_give_the_same_results)
{
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    load(&sc[0], "name: u\nextends: xiangtan-baseline\n"
                 "leaving: {rural_transfer_share: {uniform: [0.185, 0.715]}}\n"
                 "rotation: {rate: {uniform: [0.05, 0.35]}}\n"
                 "recruitment: {yearly_cap_share: {uniform: [0.01, 0.09]}}\n");
    load(&sc[1], "name: pre-reform\nextends: xiangtan-baseline\nposting: {enabled: false}\n"
                 "leaving: {rural_transfer_share: {uniform: [0.185, 0.715]}}\n");
    ts_results one = {0}, split = {0}, automatic = {0};
    run(sc, 2, 2, 2, 1, &one);
    run(sc, 2, 2, 2, 3, &split);
    expect_identical(&one, &split, "3 shards");
    run(sc, 1, 1, 2, 0, &automatic); /* one job, two threads: two shards by choice */
    ts_results first = {0};
    run(sc, 1, 1, 1, 1, &first);
    expect_identical(&first, &automatic, "automatic");
    ts_results_free(&one);
    ts_results_free(&split);
    ts_results_free(&automatic);
    ts_results_free(&first);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

Test(shards, twenty_regions_in_up_to_twenty_shards_give_the_same_results)
{
    ts_scenario sc = {0};
    make_city(&sc, 4, 2027);
    ts_results one = {0};
    run(&sc, 1, 1, 1, 1, &one);
    const int shards[] = {2, 7, 20};
    for (size_t k = 0; k < sizeof shards / sizeof shards[0]; k++) {
        ts_results split = {0};
        run(&sc, 1, 1, 2, shards[k], &split);
        char what[64];
        snprintf(what, sizeof what, "%d shards", shards[k]);
        expect_identical(&one, &split, what);
        ts_results_free(&split);
    }
    ts_results_free(&one);
    ts_scenario_free(&sc);
}

Test(shards, boundaries_split_the_teachers_evenly_and_give_each_shard_a_region)
{
    ts_scenario sc = {0};
    make_city(&sc, 4, 2022);
    fixture_world f;
    fixture_world_make(&f, &sc, 7);
    long count[64];
    fixture_start_teachers(&f.pop, count);
    long largest = 0;
    for (int r = 0; r < f.model.n_regions; r++)
        largest = count[r] > largest ? count[r] : largest;
    for (int n = 1; n <= f.model.n_regions; n++) {
        int32_t bound[64];
        ts_shards_bounds(&f.model, n, bound);
        cr_assert_eq(bound[0], 0);
        cr_assert_eq(bound[n], f.model.n_regions);
        for (int k = 0; k < n; k++) {
            cr_assert_lt(bound[k], bound[k + 1], "%d shards: shard %d has no region", n, k);
            long teachers = 0;
            for (int r = bound[k]; r < bound[k + 1]; r++)
                teachers += count[r];
            /* a cut is off its ideal place by at most half a region either way */
            double ideal = (double)count[f.model.n_regions] / n;
            if (n <= 5)
                cr_expect_leq(teachers, ideal + largest, "%d shards: shard %d has %ld teachers, ideal %.0f", n, k,
                              teachers, ideal);
        }
    }
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}

Test(shards, choice_uses_spare_threads_and_never_exceeds_the_regions)
{
    cr_expect_eq(ts_shards_choose(1, 2, 0, 5), 2);     /* one China-size replication, two cores */
    cr_expect_eq(ts_shards_choose(2, 2, 0, 5), 1);     /* a job per thread: no need */
    cr_expect_eq(ts_shards_choose(1000, 16, 0, 5), 1); /* the usual run */
    cr_expect_eq(ts_shards_choose(3, 16, 0, 5), 5);    /* no more than the regions */
    cr_expect_eq(ts_shards_choose(1, 1, 0, 5), 1);
    cr_expect_eq(ts_shards_choose(1000, 2, 3, 5), 3); /* forced */
    cr_expect_eq(ts_shards_choose(1, 2, 1, 5), 1);    /* forced off */
    cr_expect_eq(ts_shards_choose(1, 8, 9, 1), 1);
}

/* Shards need a thread each; inside an active parallel region (nesting off)
 * they would get one between them: an error, not a wrong result. */
Test(shards, too_few_threads_is_an_error)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + 1;
    fixture_world f;
    fixture_world_make(&f, &sc, 7);
    ts_shards sh;
    ts_error err = {0};
    cr_assert_eq(ts_shards_alloc(&sh, &f.model, 2, &err), TS_OK, "%s", err.message);
    /* on the heap: 4,097 tallies are more than a test thread's stack */
    ts_tally *tally = calloc((size_t)f.model.n_regions + 1, sizeof *tally);
    size_t cells = 2 * (size_t)(f.model.n_regions + 1);
    double *values = calloc(ts_indicator_count * cells, sizeof *values);
    double **out = calloc(ts_indicator_count, sizeof *out);
    cr_assert(tally && values && out);
    for (size_t i = 0; i < ts_indicator_count; i++)
        out[i] = values + i * cells;
    omp_set_max_active_levels(1);
    ts_status st = TS_OK;
#pragma omp parallel num_threads(2)
    {
#pragma omp single
        st = ts_shards_replication(&sh, tally, 7, 0, out, &err);
    }
    cr_expect_eq(st, TS_ERR_RUN);
    cr_expect_not_null(strstr(err.message, "1 threads for 2 shards"), "%s", err.message);
    /* alone, the same shards run */
    cr_expect_eq(ts_shards_replication(&sh, tally, 7, 0, out, &err), TS_OK, "%s", err.message);
    free(out);
    free(values);
    free(tally);
    ts_shards_free(&sh);
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}
