/*
 * bench.c: how fast the yearly loop runs, in teacher-years per second.
 *
 * One invocation measures one population and one model and prints one
 * markdown row (bench/run.sh assembles the table for docs/performance.md):
 * teacher-years per second on 1 and 2 threads, parallel efficiency, the
 * floor loop on the same population and the model's cost as a multiple of
 * it, peak resident memory. This is a program, not a test: nothing here
 * passes or fails on time.
 *
 * Populations: the built-in Xiangtan baseline; a synthetic Hunan-size
 * province (the baseline's five regions copied 24 times with twice the
 * pupils: about 600,000 teachers in 120 regions); a synthetic China-size
 * country (copied 560 times: 2,800 counties, about 14 million teachers).
 * Models: the core flows (targeted intake, county posting and rotation off)
 * and the full model (every mechanism on).
 *
 * Usage: bench [--population xiangtan|hunan|china] [--model core|full]
 *              [--replications N] [--header] [--sizes] [--profile]
 * --profile runs the model once on one thread and nothing else (for
 * callgrind: bench/run.sh reads the cost split by pipeline step from it);
 * --floor-profile runs the floor loop alone, for its instructions per
 * teacher-year (callgrind at two replication counts: the difference over the
 * teacher-years between them leaves out the setup).
 * --one-replication measures parallelism inside a replication instead: one
 * replication on 1 thread against 2 threads as 2 region shards (shards.h),
 * best of 3 (1 for the China size), by wall clock and by the threads' CPU
 * clocks (which other programs on the cores do not inflate).
 * Without --population: the Xiangtan and Hunan rows of both models and the
 * floor, as one table (about a minute).
 */
#include <omp.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "record/indicators.h"
#include "population.h"
#include "rng.h"
#include "teachsim/scenario.h"
#include "shards.h"
#include "teachsim/run.h"
#include "world.h"
#include "matching.h"

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int make_province(ts_scenario *dst, const ts_scenario *base, int copies, ts_error *err)
{
    if (ts_scenario_copy(dst, base, err) != TS_OK)
        return 0;
    int n = base->population.n_regions * copies;
    ts_region_spec *regions = calloc((size_t)n, sizeof *regions);
    if (!regions)
        return 0;
    for (int c = 0; c < copies; c++)
        for (int r = 0; r < base->population.n_regions; r++) {
            ts_region_spec *g = &regions[c * base->population.n_regions + r];
            *g = base->population.regions[r];
            snprintf(g->code, sizeof g->code, "%.40s_%03d", base->population.regions[r].code, c);
            g->pupils_primary *= 2;
            g->pupils_junior *= 2;
            for (int l = 0; l < TS_LEVEL_COUNT; l++)
                g->schools[l] *= 2;
        }
    free(dst->population.regions);
    dst->population.regions = regions;
    dst->population.n_regions = n;
    for (int y = TS_YEAR_MIN; y <= TS_YEAR_MAX; y++)
        dst->enrolment.births.value[y - TS_YEAR_MIN] *= 2.0 * copies;
    snprintf(dst->name, sizeof dst->name, "province");
    return 1;
}

typedef struct {
    double seconds, teacher_years;
} timing;

/* Replications on threads, never split into region shards: the figures
 * measure parallelism across replications. */
static timing run_once(const ts_scenario *sc, int reps, int threads)
{
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 20201222u, .replications = reps, .threads = threads, .shards = 1};
    double t0 = now_seconds();
    if (ts_simulation_run(sc, 1, &opt, &res, &err) != TS_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    timing t = {now_seconds() - t0, 0.0};
    /* teacher-years: each year's teachers, summed over replications (ALL) */
    int teachers = ts_results_indicator_index(&res, "teachers");
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t y = 0; y < res.n_years; y++)
            t.teacher_years += ts_results_block(&res, (size_t)teachers, 0, r)[y * res.n_regions + res.n_regions - 1];
    ts_results_free(&res);
    return t;
}

static long start_teachers(const ts_scenario *sc)
{
    ts_population pop;
    ts_error err = {0};
    if (ts_population_generate(&pop, sc, 20201222u, &err) != TS_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    long teachers = pop.teachers.n;
    ts_population_free(&pop);
    return teachers;
}

/*
 * The floor: the irreducible work of one teacher-year with the same
 * generator. Read the teacher's state once, draw its Philox block, compare
 * against the leaving and retirement thresholds and count the outcome per
 * region. The model's cost per teacher-year is reported as a multiple of it.
 */
static double floor_rate(const ts_scenario *sc, int reps)
{
    ts_population pop;
    ts_error err = {0};
    ts_model m;
    if (ts_population_generate(&pop, sc, 20201222u, &err) != TS_OK || ts_model_build(&m, sc, &pop, &err) != TS_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    const int years = sc->horizon.end_year - sc->horizon.start_year + 1;
    const ts_teachers *t = &pop.teachers;
    int64_t(*counts)[2] = calloc((size_t)m.n_regions, sizeof *counts);
    if (!counts) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    double t0 = now_seconds();
    for (int r = 0; r < reps; r++) {
        ts_rng rng = ts_rng_for(20201222u, (uint32_t)r);
        for (int y = 0; y < years; y++) {
            int year = sc->horizon.start_year + y, cutoff = TS_YEAR_CUTOFF_MONTH(year);
            /* the blocks drawn as the model's draws step draws them: batched (rng.h, ts_rng_blocks) */
            enum { BATCH = 64 };
            uint32_t words[BATCH][4];
            for (int32_t first = 0; first < t->n; first += BATCH) {
                int32_t len = t->n - first < BATCH ? t->n - first : BATCH;
                ts_rng_blocks(&rng, t->uid + first, (size_t)len, year, TS_EVENT_CAREER, 0, words);
                for (int32_t k = 0; k < len; k++) {
                    int32_t i = first + k, school = t->school[i];
                    int band = ts_ageband_of(ts_age_at(t->birth_month[i], year));
                    int loc = pop.schools.locality[school], region = pop.schools.region[school];
                    counts[region][0] += t->retire_month[i] <= cutoff;
                    counts[region][1] += words[k][1] < m.leave[t->contract[i]][loc][band];
                }
            }
        }
    }
    double seconds = now_seconds() - t0;
    int64_t sum = 0; /* used, so the compiler cannot drop the loop */
    for (int g = 0; g < m.n_regions; g++)
        sum += counts[g][0] + counts[g][1];
    if (sum < 0)
        printf("impossible\n");
    double rate = (double)t->n * years * reps / seconds;
    free(counts);
    ts_model_free(&m);
    ts_population_free(&pop);
    return rate;
}

/* One replication through region shards (shards.h), as ts_simulation_run
 * runs it, timed without the start population's generation. Besides the
 * wall clock: with one shard the thread's CPU seconds, with more the shards'
 * critical path from their CPU clocks (the busiest shard of each year plus
 * the serial recording), which other programs on the cores do not inflate. */
typedef struct {
    double wall, cpu, critical, teacher_years;
} replication_timing;

static replication_timing run_replication(const ts_model *m, int shards)
{
    ts_shards sh;
    ts_error err = {0};
    const size_t n_all = (size_t)m->n_regions + 1;
    const size_t years = (size_t)(m->scenario->horizon.end_year - m->scenario->horizon.start_year + 1);
    ts_tally *tally = calloc(n_all, sizeof *tally);
    double *values = calloc(ts_indicator_count * years * n_all, sizeof *values);
    double **out = calloc(ts_indicator_count, sizeof *out);
    if (!tally || !values || !out || ts_shards_alloc(&sh, m, shards, &err) != TS_OK) {
        fprintf(stderr, "bench: %s\n", err.message[0] ? err.message : "out of memory");
        exit(1);
    }
    for (size_t i = 0; i < ts_indicator_count; i++)
        out[i] = values + i * years * n_all;
    struct timespec c0, c1;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    double t0 = now_seconds();
    if (ts_shards_replication(&sh, tally, 20201222u, 0, out, &err) != TS_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    replication_timing t = {.wall = now_seconds() - t0};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    double own = (double)(c1.tv_sec - c0.tv_sec) + 1e-9 * (double)(c1.tv_nsec - c0.tv_nsec);
    t.cpu = shards > 1 ? sh.cpu_s : own;
    t.critical = shards > 1 ? sh.critical_s : own;
    int teachers = ts_indicators_find("teachers");
    for (size_t y = 0; y < years; y++)
        t.teacher_years += out[teachers][y * n_all + n_all - 1];
    ts_shards_free(&sh);
    free(out);
    free(values);
    free(tally);
    return t;
}

/* One replication on 1 thread, then as 2 shards on 2 threads; the best of
 * `tries` each, since other work on the machine only ever slows a run. */
static void bench_one_replication(const char *label, const ts_scenario *sc, int tries)
{
    ts_population pop;
    ts_model m;
    ts_error err = {0};
    if (ts_population_generate(&pop, sc, 20201222u, &err) != TS_OK || ts_model_build(&m, sc, &pop, &err) != TS_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    replication_timing one = {0}, two = {0};
    for (int k = 0; k < tries; k++) {
        replication_timing a = run_replication(&m, 1), b = run_replication(&m, 2);
        if (k == 0 || a.wall < one.wall)
            one.wall = a.wall;
        if (k == 0 || a.critical < one.critical)
            one.critical = a.critical;
        if (k == 0 || b.wall < two.wall)
            two.wall = b.wall;
        if (k == 0 || b.critical < two.critical)
            two.critical = b.critical;
        one.teacher_years = a.teacher_years;
        two.cpu = k == 0 || b.cpu < two.cpu ? b.cpu : two.cpu;
    }
    double wall = one.wall / two.wall, clocks = one.critical / two.critical;
    printf("| %s | %ld | %d | %.1f | %.2f | %.2f | %.2fx, %.0f %% | %.2f | %.2fx, %.0f %% | %.2f |\n", label,
           (long)pop.teachers.n, sc->population.n_regions, one.teacher_years / one.wall / 1e6, one.wall, two.wall, wall,
           50.0 * wall, two.critical, clocks, 50.0 * clocks, two.cpu / one.critical);
    fflush(stdout);
    ts_model_free(&m);
    ts_population_free(&pop);
}

static void print_one_replication_header(void)
{
    printf("| population | model | teachers | regions | M teacher-years/s, 1 thread | s, 1 thread | s, 2 threads as "
           "2 shards | speed-up, efficiency (wall) | s, 2 shards' critical path (CPU clocks) | speed-up, efficiency "
           "(CPU clocks) | CPU time of 2 shards / 1 thread |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
}

static void print_header(void)
{
    printf("| population | model | teachers | regions | replications | M teacher-years/s, 1 thread | s | M "
           "teacher-years/s, 2 threads | s | parallel efficiency | floor, M teacher-years/s | cost / floor | "
           "1,000 replications on 2 threads, s (projected) | peak RSS, MiB | peak RSS per teacher, bytes |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}

/* One row: the population's floor, then the model on 1 and 2 threads. Peak
 * RSS is the process's, so bench/run.sh runs each row in its own process. */
static double bench_row(const char *label, const char *model, const ts_scenario *sc, int reps, int profile)
{
    if (profile == 2) { /* under callgrind: the floor alone */
        double rate = floor_rate(sc, reps);
        printf("%s, %s: floor %.0f teacher-years, %.1f M teacher-years/s (slower under a profiler)\n", label, model,
               (double)start_teachers(sc) * (sc->horizon.end_year - sc->horizon.start_year + 1) * reps, rate / 1e6);
        return 0.0;
    }
    if (profile) { /* under callgrind: the model alone, once, on one thread */
        timing one = run_once(sc, reps, 1);
        printf("%s, %s: %.0f teacher-years\n", label, model, one.teacher_years);
        return 0.0;
    }
    long teachers = start_teachers(sc);
    if (teachers < 1000000)
        run_once(sc, 2, 1); /* warm up: page in code and data (too slow to repeat for the country) */
    double floor = floor_rate(sc, reps);
    timing one = run_once(sc, reps, 1);
    timing two = run_once(sc, reps, 2);
    double r1 = one.teacher_years / one.seconds, r2 = two.teacher_years / two.seconds;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double rss = (double)ru.ru_maxrss * 1024.0;
    printf("| %s | %s | %ld | %d | %d | %.1f | %.2f | %.1f | %.2f | %.0f %% | %.1f | %.1fx | %.0f | %.0f | %.0f |\n",
           label, model, teachers, sc->population.n_regions, reps, r1 / 1e6, one.seconds, r2 / 1e6, two.seconds,
           100.0 * r2 / (2.0 * r1), floor / 1e6, floor / r1, two.seconds / reps * 1000.0, rss / 1048576.0,
           rss / (double)teachers);
    fflush(stdout);
    return r1;
}

static void set_model(ts_scenario *sc, int full)
{
    sc->targeted_intake.enabled = full;
    sc->posting.enabled = full;
    sc->rotation.enabled = full;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: bench [--population xiangtan|hunan|china] [--model core|full] [--replications N] [--header] "
               "[--sizes] [--profile] [--floor-profile] [--one-replication]\n");
}

int main(int argc, char **argv)
{
    const char *population = NULL, *model = NULL;
    int reps = 0, header = 0, sizes = 0, profile = 0, one_replication = 0;
    static const struct option options[] = {{"population", required_argument, NULL, 'p'},
                                            {"model", required_argument, NULL, 'm'},
                                            {"replications", required_argument, NULL, 'r'},
                                            {"header", no_argument, NULL, 'H'},
                                            {"sizes", no_argument, NULL, 's'},
                                            {"profile", no_argument, NULL, 'P'},
                                            {"floor-profile", no_argument, NULL, 'F'},
                                            {"one-replication", no_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    for (int c; (c = getopt_long(argc, argv, "p:m:r:HsPFoh", options, NULL)) != -1;) {
        switch (c) {
        case 'p':
            population = optarg;
            break;
        case 'm':
            model = optarg;
            break;
        case 'r':
            reps = atoi(optarg);
            break;
        case 'H':
            header = 1;
            break;
        case 's':
            sizes = 1;
            break;
        case 'P':
            profile = 1;
            break;
        case 'F':
            profile = 2;
            break;
        case 'o':
            one_replication = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc || (model && strcmp(model, "core") && strcmp(model, "full")) ||
        (population && strcmp(population, "xiangtan") && strcmp(population, "hunan") && strcmp(population, "china")) ||
        reps < 0) {
        usage(stderr);
        return 2;
    }
    if (sizes) {
        ts_world w;
        ts_matching match;
        size_t state = ts_teachers_bytes_per_teacher(), words = sizeof *w.draws,
               scratch = sizeof *match.pool + sizeof *match.pool_key + sizeof *match.pool_spare;
        printf("Per teacher: %zu bytes of state (structure-of-arrays fields) + %zu bytes of the year's random words "
               "+ %zu bytes of scratch for posting and rotation = %zu bytes.\n",
               state, words, scratch, state + words + scratch);
    }
    if (one_replication && !getenv("OMP_WAIT_POLICY")) {
        /* idle threads sleep rather than spin, so that a shard's CPU clock
         * counts its work and not its waits; libgomp reads this at start-up */
        setenv("OMP_WAIT_POLICY", "passive", 1);
        execv("/proc/self/exe", argv);
    }
    if (header && one_replication)
        print_one_replication_header();
    else if (header)
        print_header();
    if (!population && (sizes || header) && argc > 1)
        return 0;

    ts_scenario base = {0};
    ts_error err = {0};
    if (ts_scenario_load_builtin(&base, &err) != TS_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    const struct {
        const char *name, *label;
        int copies, default_reps;
    } populations[] = {{"xiangtan", "Xiangtan baseline", 0, 200},
                       {"hunan", "Hunan-size (24 x baseline x 2)", 24, 4},
                       {"china", "China-size (560 x baseline x 2)", 560, 2}};
    int status = 0;
    if (!population && !one_replication)
        print_header();
    else if (!population)
        print_one_replication_header();
    for (size_t p = 0; p < sizeof populations / sizeof *populations; p++) {
        if (population ? strcmp(population, populations[p].name) != 0 : p == 2)
            continue;
        ts_scenario sc = {0};
        if (populations[p].copies ? !make_province(&sc, &base, populations[p].copies, &err)
                                  : ts_scenario_copy(&sc, &base, &err) != TS_OK) {
            fprintf(stderr, "bench: %s\n", err.message[0] ? err.message : "out of memory");
            status = 1;
            break;
        }
        for (int full = 0; full <= 1; full++) {
            if (model && strcmp(model, full ? "full" : "core") != 0)
                continue;
            set_model(&sc, full);
            if (one_replication) {
                char label[160];
                snprintf(label, sizeof label, "%s | %s", populations[p].label, full ? "full model" : "core flows");
                bench_one_replication(label, &sc, populations[p].copies >= 100 ? 1 : 3);
                continue;
            }
            bench_row(populations[p].label, full ? "full model" : "core flows", &sc,
                      reps ? reps : populations[p].default_reps, profile);
        }
        ts_scenario_free(&sc);
    }
    ts_scenario_free(&base);
    return status;
}
