/*
 * test_simulation.c: the pipeline as a whole. The stock-flow identity in
 * every year of every replication, identical results whatever the number of
 * threads, and identical scenarios giving identical results (common random
 * numbers).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"
#include "record/indicators.h"
#include "teachsim/run.h"

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
                             res.labels.region_codes[g], res.first_year + (int)y, now, expected);
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
    cr_expect_str_eq(res.labels.scenario_names[1], "baseline-again");
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

/* ---- streamed runs: batches written to the file as they come ---- */

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"
#include "batch.h"
#include "comparison.h"

/* Three scenarios over a short horizon: the baseline, one that changes a
 * lever, and one with an uncertain parameter, so that the file has every
 * group (parameters/, comparison/, targets/). */
static void three_scenarios(ts_scenario sc[3])
{
    static const char *const text[3] = {
        "name: base\nextends: xiangtan-baseline\nhorizon: {end_year: 2026}\n",
        "name: rot\nextends: xiangtan-baseline\nhorizon: {end_year: 2026}\nrotation: {rate: 0.2}\n",
        "name: unc\nextends: xiangtan-baseline\nhorizon: {end_year: 2026}\n"
        "leaving: {rural_transfer_share: {uniform: [0.4, 0.6]}}\n"};
    for (int k = 0; k < 3; k++) {
        ts_error err = {0};
        cr_assert_eq(ts_scenario_load_text(&sc[k], text[k], strlen(text[k]), "test.yaml", &err), TS_OK, "%s",
                     err.message);
    }
}

/* The provenance of the test's files: passed to a streamed run
 * (ts_run_options.provenance), and stamped on a run held in memory before it
 * is written, so that both files have the same root attributes. */
static const ts_provenance test_provenance = {.base_seed = 4711,
                                              .command_line = "teachsim run test",
                                              .created_utc = "2026-11-29T00:00:00Z",
                                              .teachsim_version = "test",
                                              .build = "test"};

static void stamp(ts_results *res)
{
    res->provenance.base_seed = test_provenance.base_seed;
    res->provenance.command_line = strdup(test_provenance.command_line);
    res->provenance.created_utc = strdup(test_provenance.created_utc);
    res->provenance.teachsim_version = strdup(test_provenance.teachsim_version);
    res->provenance.build = strdup(test_provenance.build);
}

static char *path_in(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

/* h5diff compares data and attributes; exit 0 when identical. */
static void assert_same_data(const char *a, const char *b)
{
    char cmd[8192], out[4096];
    snprintf(cmd, sizeof cmd, "h5diff %s %s", a, b);
    int rc = ts_test_run(cmd, out, sizeof out);
    cr_assert_eq(rc, 0, "%s and %s differ:\n%s", a, b, out);
}

static void stream_to(const ts_scenario *sc, size_t n, int threads, int32_t reps, size_t batch, const char *path,
                      ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {
        .seed = 4711, .replications = reps, .threads = threads, .reference = 1, .provenance = &test_provenance};
    ts_stream_options so = {.path = path, .batch = batch};
    cr_assert_eq(ts_simulation_stream(sc, n, &opt, &so, res, &err), TS_OK, "%s", err.message);
}

Test(simulation, streamed_file_has_the_data_of_the_file_written_in_one_go)
{
    ts_scenario sc[3];
    three_scenarios(sc);
    const char *dir = ts_test_tmpdir();
    char *whole = path_in(dir, "whole.h5"), *b1 = path_in(dir, "b1.h5"), *b3 = path_in(dir, "b3.h5"),
         *bauto = path_in(dir, "bauto.h5");

    ts_results mem = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 4711, .replications = 7, .threads = 2, .reference = 1};
    cr_assert_eq(ts_simulation_run(sc, 3, &opt, &mem, &err), TS_OK, "%s", err.message);
    stamp(&mem);
    cr_assert_eq(ts_results_write_h5(&mem, whole, 0, NULL, &err), TS_OK, "%s", err.message);
    cr_assert_gt(mem.parameters.n, 0, "the test needs parameters/");
    cr_assert_gt(mem.targets.n, 0, "the test needs targets/");
    cr_assert_eq(mem.contrasts.n, 2);

    /* Batches of 1 and 3 (chunk rows rewritten piecewise), the planned
     * batch, one and two threads: the same data. */
    ts_results s1, s3, sa;
    stream_to(sc, 3, 1, 7, 1, b1, &s1);
    stream_to(sc, 3, 2, 7, 3, b3, &s3);
    stream_to(sc, 3, 2, 7, 0, bauto, &sa);
    assert_same_data(whole, b1);
    assert_same_data(whole, b3);
    assert_same_data(whole, bauto);

    /* What the streamed run keeps in memory: targets and parameters, no values. */
    size_t n_out = mem.targets.n * mem.n_scenarios * mem.n_replications;
    cr_expect_eq(memcmp(s3.targets.met, mem.targets.met, n_out), 0);
    cr_expect_eq(memcmp(s3.targets.year_met, mem.targets.year_met, n_out * sizeof(int32_t)), 0);
    cr_expect_eq(memcmp(s3.parameters.values, mem.parameters.values,
                        mem.parameters.n * mem.n_scenarios * mem.n_replications * sizeof(double)),
                 0);
    cr_expect_null(s3.values);
    cr_expect_null(s3.contrasts.stats);

    ts_results_free(&mem);
    ts_results_free(&s1);
    ts_results_free(&s3);
    ts_results_free(&sa);
    for (int k = 0; k < 3; k++)
        ts_scenario_free(&sc[k]);
    free(whole);
    free(b1);
    free(b3);
    free(bauto);
}

Test(simulation, batch_memory_does_not_grow_with_replications)
{
    /* A province's dimensions (121 regions + ALL, 15 years, every indicator,
     * one scenario): the batch is the same for 1,000 and 1,000,000
     * replications, and within the 64 MiB budget. */
    size_t batch[3];
    const size_t reps[3] = {1000, 100000, 1000000};
    for (int k = 0; k < 3; k++) {
        ts_results res = {0};
        ts_error err = {0};
        cr_assert_eq(
            ts_results_alloc_held(&res, 1, reps[k], 15, 122, ts_indicator_defs, ts_indicator_count, 2021, 1, &err),
            TS_OK, "%s", err.message);
        batch[k] = ts_results_batch_replications(&res);
        size_t bytes = batch[k] * ts_indicator_count * 15 * 122 * sizeof(double);
        cr_expect_leq(bytes, (size_t)64 << 20, "a batch of %zu replications takes %zu bytes", batch[k], bytes);
        cr_expect_eq(batch[k] % (2 * ts_results_chunk_replications(&res)), 0, "a batch is whole chunk rows");
        ts_results_free(&res);
    }
    cr_expect_eq(batch[0], batch[1]);
    cr_expect_eq(batch[1], batch[2]);
    cr_expect_gt(batch[0], 1);
    cr_expect_lt(batch[0], 1000);

    /* Few replications: one batch of all of them. */
    ts_results small = {0};
    ts_error err = {0};
    cr_assert_eq(ts_results_alloc_held(&small, 2, 7, 15, 6, ts_indicator_defs, ts_indicator_count, 2021, 1, &err),
                 TS_OK);
    cr_expect_eq(ts_results_batch_replications(&small), 7);
    ts_results_free(&small);
}

typedef struct {
    _Atomic int64_t *done;
    volatile sig_atomic_t *stop;
} interrupter;

/* Ctrl-C once a few replications are done: mid-run, with batches written. */
static void *interrupt_later(void *arg)
{
    interrupter *it = arg;
    while (atomic_load(it->done) < 6)
        usleep(1000);
    *it->stop = 1;
    return NULL;
}

Test(simulation, interrupted_stream_leaves_no_file)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    volatile sig_atomic_t stop = 0;
    _Atomic int64_t done = 0;
    interrupter it = {&done, &stop};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, interrupt_later, &it), 0);
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 3,
                          .replications = 400,
                          .threads = 2,
                          .interrupted = &stop,
                          .done = &done,
                          .provenance = &test_provenance};
    ts_stream_options so = {.path = path, .batch = 2};
    ts_status st = ts_simulation_stream(&sc, 1, &opt, &so, &res, &err);
    pthread_join(th, NULL);
    cr_assert_eq(st, TS_ERR_INTERRUPTED, "%s", err.message);
    cr_expect_lt(atomic_load(&done), 400, "the run should have stopped early");
    char out[512];
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "ls -A %s", dir);
    ts_test_run(cmd, out, sizeof out);
    cr_expect_str_eq(out, "", "left behind: %s", out);
    ts_results_free(&res);
    ts_scenario_free(&sc);
    free(path);
}

Test(simulation, full_disk_while_streaming_is_an_io_error_and_leaves_nothing)
{
    /* A file-size limit stands in for a full disk (SIGXFSZ ignored): the
     * space check before each batch finds it, before HDF5 writes. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    signal(SIGXFSZ, SIG_IGN);
    /* The layout fits, the batches do not (6 MiB since the metadata reserve
     * grows with the datasets instead of a fixed 8 MiB: issue 18, item 12). */
    struct rlimit lim = {(rlim_t)6 << 20, (rlim_t)6 << 20};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 3, .replications = 40, .threads = 2, .provenance = &test_provenance};
    ts_stream_options so = {.path = path, .batch = 4};
    cr_assert_eq(ts_simulation_stream(&sc, 1, &opt, &so, &res, &err), TS_ERR_IO);
    cr_expect_not_null(strstr(err.message, path), "%s", err.message);
    cr_expect_not_null(strstr(err.message, strerror(EFBIG)), "%s", err.message);
    char out[512], cmd[4200];
    snprintf(cmd, sizeof cmd, "ls -A %s", dir);
    ts_test_run(cmd, out, sizeof out);
    cr_expect_str_eq(out, "", "left behind: %s", out);
    ts_results_free(&res);
    ts_scenario_free(&sc);
    free(path);
}
