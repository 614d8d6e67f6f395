/*
 * verb_sensitivity.c: `teachsim sensitivity`, global sensitivity analysis
 * from the command line.
 *
 * Owns: the options of `sensitivity`, the progress lines, printing the
 * ranking, writing the nominal run with the group sensitivity/ when -o is
 * given, and the exit codes (0 done, 1 a run failed, 2 bad input or usage,
 * 130 interrupted). The study itself is sensitivity_study.h's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "sensitivity_study.h"
#include "session.h"
#include "spread.h"
#include "summary_sensitivity.h"
#include "teachsim/run.h"
#include "verbs.h"

#define SENS_DEFAULT_REPLICATIONS 100
#define SENS_DEFAULT_TRAJECTORIES 20
#define SENS_DEFAULT_BASE_SAMPLES 64
#define SENS_MAX_OUTCOMES 16
#define SENS_MAX_N 100000

/* The help keeps one line of its text per line of the source. */
// clang-format off
static const char sensitivity_help[] =
    "Usage: teachsim sensitivity [SCENARIO.yaml] --outcome OUTCOME ... [OPTIONS]\n"
    "Which inputs of the scenario move an outcome: a Morris screening (mu*, sigma of the elementary\n"
    "effects) or Sobol first-order and total indices (Saltelli design, Jansen's total estimator), with\n"
    "bootstrap intervals. Every design point runs the same replications with the same seed (common\n"
    "random numbers). With no scenario, the built-in Xiangtan baseline. docs/sensitivity.md.\n\n"
    "  --outcome OUTCOME    a target of the scenario (its probability), or INDICATOR@YEAR[@REGION]\n"
    "                       (the mean over the replications; region ALL by default), e.g.\n"
    "                       all_counties_pass_by_2025, cost_total_cumulative@2035; repeat for more\n"
    "  --vary-file FILE     the inputs: a YAML mapping of key paths to [LO, HI], a distribution\n"
    "                       ({uniform: [a, b]}, {triangular: [min, mode, max]}, {normal: {mean: m, sd: s}},\n"
    "                       {beta: ...}, {lognormal: ...}) or `default` (the value +-50 %, clipped to the\n"
    "                       key's range). Without it: every A-labelled single-number key at its default range\n"
    "  --method M           morris (default) or sobol\n"
    "  -n N                 Morris trajectories (default " TS_OPTION_TEXT(SENS_DEFAULT_TRAJECTORIES) ") or Sobol "
    "base samples (default " TS_OPTION_TEXT(SENS_DEFAULT_BASE_SAMPLES) ")\n"
    "  --levels L           Morris grid levels, even (default " TS_OPTION_TEXT(TS_SENS_DEFAULT_LEVELS) ")\n"
    "  --bootstrap B        resamples of each interval (default " TS_OPTION_TEXT(TS_SENS_DEFAULT_BOOTSTRAP) ")\n"
    "  --top N              print the N most important inputs of each outcome (default all)\n"
    "  -r, --replications N replications per design point (default " TS_OPTION_TEXT(SENS_DEFAULT_REPLICATIONS) ")\n"
    "  -j, --threads N      worker threads (default: all cores)\n"
    "      --seed N         base seed, 0..4294967295 (default " TS_OPTION_TEXT(TS_DEFAULT_SEED) "); also seeds the\n"
    "                       design and the bootstrap\n"
    "  -o, --output FILE    write the scenario's own run as a results file with the group sensitivity/\n"
    "      --force          replace an existing results file\n"
    "  -q, --quiet          no progress lines\n"
    "  -h, --help           this help\n\n"
    "Exit codes: 0 done, 1 a run failed, 2 bad input or usage, 130 interrupted.\n";
// clang-format on

typedef struct {
    ts_shared_options o;
    ts_sensitivity_options opt;
    const char *vary_file;
    const char *outcomes[SENS_MAX_OUTCOMES];
    size_t n_outcomes;
    const char *scenario;
    long top;
} sens_args;

static int whole(const char *text, long lo, long hi, long *out)
{
    double v;
    if (!ts_options_number(text, &v) || v != floor(v) || v < (double)lo || v > (double)hi)
        return 0;
    *out = (long)v;
    return 1;
}

/* The options of `sensitivity` alone: 1 taken, 0 not one of them, else 2. */
static int take_option(int c, sens_args *a)
{
    long v;
    switch (c) {
    case 'U':
        if (a->n_outcomes == SENS_MAX_OUTCOMES)
            return ts_cli_usage_error("sensitivity",
                                      "at most " TS_OPTION_TEXT(SENS_MAX_OUTCOMES) " outcomes; found "
                                                                                   "more, the next '%s'",
                                      optarg);
        a->outcomes[a->n_outcomes++] = optarg;
        return 1;
    case 'Y':
        a->vary_file = optarg;
        return 1;
    case 'M':
        if (strcmp(optarg, "morris") == 0)
            a->opt.method = TS_SENS_MORRIS;
        else if (strcmp(optarg, "sobol") == 0)
            a->opt.method = TS_SENS_SOBOL;
        else
            return ts_cli_usage_error("sensitivity", "--method expects morris or sobol, found '%s'", optarg);
        return 1;
    case 'n':
        if (!whole(optarg, 2, SENS_MAX_N, &v))
            return ts_cli_usage_error("sensitivity", "-n expects a whole number from 2 to 100000, found '%s'", optarg);
        a->opt.n = (size_t)v;
        return 1;
    case 'L':
        if (!whole(optarg, 2, 100, &v) || v % 2)
            return ts_cli_usage_error("sensitivity", "--levels expects an even number from 2 to 100, found '%s'",
                                      optarg);
        a->opt.levels = (int)v;
        return 1;
    case 'B':
        if (!whole(optarg, 1, 100000, &v))
            return ts_cli_usage_error("sensitivity", "--bootstrap expects a whole number from 1 to 100000, found '%s'",
                                      optarg);
        a->opt.bootstrap = (size_t)v;
        return 1;
    case 'P':
        if (!whole(optarg, 1, 1000000, &a->top))
            return ts_cli_usage_error("sensitivity", "--top expects a whole number above 0, found '%s'", optarg);
        return 1;
    default:
        return 0;
    }
}

static int parse(int argc, char **argv, sens_args *a)
{
    static const struct option options[] = {{"outcome", required_argument, NULL, 'U'},
                                            {"vary-file", required_argument, NULL, 'Y'},
                                            {"method", required_argument, NULL, 'M'},
                                            {"levels", required_argument, NULL, 'L'},
                                            {"bootstrap", required_argument, NULL, 'B'},
                                            {"top", required_argument, NULL, 'P'},
                                            TS_OPTION_REPLICATIONS,
                                            TS_OPTION_THREADS,
                                            TS_OPTION_SEED,
                                            TS_OPTION_OUTPUT,
                                            TS_OPTION_FORCE,
                                            TS_OPTION_QUIET,
                                            TS_OPTION_HELP,
                                            TS_OPTION_END};
    a->o = ts_options_defaults(SENS_DEFAULT_REPLICATIONS);
    int c, code;
    ts_options_begin();
    while ((c = getopt_long(argc, argv, ":n:r:j:o:qh", options, NULL)) != -1) {
        if ((code = take_option(c, a)) == 1)
            continue;
        if (code != 0 || (code = ts_options_shared(c, "sensitivity", sensitivity_help, argv, &a->o)) != TS_OPTION_TAKEN)
            return code;
    }
    if (a->n_outcomes == 0)
        return ts_cli_usage_error("sensitivity", "%s",
                                  "needs what to measure: --outcome TARGET or --outcome INDICATOR@YEAR[@REGION]");
    if (argc - optind > 1)
        return ts_cli_usage_error("sensitivity", "expects at most one scenario file, found also '%s'",
                                  argv[optind + 1]);
    a->scenario = optind < argc ? argv[optind] : NULL;
    if (a->opt.n == 0)
        a->opt.n = a->opt.method == TS_SENS_MORRIS ? SENS_DEFAULT_TRAJECTORIES : SENS_DEFAULT_BASE_SAMPLES;
    return TS_OPTION_TAKEN;
}

typedef struct {
    int quiet;
    struct timespec start;
    size_t every;
} progress;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static void on_point(size_t done, size_t total, void *ctx)
{
    progress *p = ctx;
    if (p->quiet || (done % p->every && done != total))
        return;
    double t = seconds_since(&p->start);
    fprintf(stderr, "teachsim sensitivity: %zu of %zu points in %.0f s (about %.0f s left)\n", done, total, t,
            t / (double)done * (double)(total - done));
}

/* The scenario's own run, streamed to the file, then the group added; a
 * failure to add it removes the file, so no file lacks what -o promised. */
static ts_status write_file(const sens_args *a, const ts_scenario *sc, const ts_sensitivity *s, ts_error *err)
{
    ts_provenance provenance = {0};
    ts_results res = {0};
    ts_run_options run = a->opt.run;
    ts_stream_options stream = {.path = a->o.output, .force = a->o.force};
    run.provenance = &provenance;
    ts_status st = ts_cli_provenance(&provenance, (uint64_t)a->o.seed, err);
    if (st == TS_OK)
        st = ts_simulation_stream(sc, 1, &run, &stream, &res, err);
    ts_cli_provenance_free(&provenance);
    ts_results_free(&res);
    /* Spread over MPI ranks, rank 0 wrote the run and adds the group; every rank exits with its outcome. */
    if (st == TS_OK && ts_spread_rank() == 0 && (st = ts_sensitivity_write_h5(s, a->o.output, err)) != TS_OK)
        remove(a->o.output);
    return ts_spread_agree(st, err);
}

static ts_status study(sens_args *a, const ts_scenario *sc, ts_error *err)
{
    ts_design_input *inputs = NULL;
    ts_design_outcome outcomes[SENS_MAX_OUTCOMES];
    size_t k = 0, skipped = 0;
    ts_sensitivity s = {0};
    ts_status st = TS_OK;
    for (size_t o = 0; o < a->n_outcomes && st == TS_OK; o++)
        st = ts_design_outcome_parse(sc, a->outcomes[o], &outcomes[o], err);
    if (st == TS_OK)
        st = ts_design_inputs_load(sc, a->vary_file, &inputs, &k, &skipped, err);
    if (st == TS_OK && k == 0)
        st = ts_error_set(err, TS_ERR_USAGE, "sensitivity: no inputs to vary (give them with --vary-file)");
    if (st != TS_OK)
        goto cleanup;
    /* Spread over MPI ranks, every rank runs every point (each point's replications shared out,
     * docs/cluster.md) and rank 0 alone speaks. */
    const int quiet = a->o.quiet || ts_spread_rank() != 0;
    progress pr = {.quiet = quiet};
    clock_gettime(CLOCK_MONOTONIC, &pr.start);
    size_t points = ts_sensitivity_points(&a->opt, k);
    pr.every = points / 20 ? points / 20 : 1;
    a->opt.run = (ts_run_options){.seed = (uint32_t)a->o.seed,
                                  .replications = (int32_t)a->o.replications,
                                  .threads = (int)a->o.threads,
                                  .interrupted = ts_cli_catch_interrupts()};
    a->opt.on_point = on_point;
    a->opt.ctx = &pr;
    if (!quiet) {
        fprintf(stderr, "teachsim sensitivity: %s over %zu inputs%s, %zu points x %ld replications, seed %ld\n",
                a->opt.method == TS_SENS_MORRIS ? "Morris screening" : "Sobol indices", k,
                a->vary_file ? "" : " (the A-labelled single-number keys, +-50 %)", points, a->o.replications,
                a->o.seed);
        if (skipped)
            fprintf(stderr,
                    "teachsim sensitivity: %zu A-labelled keys left out: their default range makes the "
                    "scenario invalid at an end (give them a range with --vary-file)\n",
                    skipped);
    }
    if ((st = ts_sensitivity_run(sc, inputs, k, outcomes, a->n_outcomes, &a->opt, &s, err)) != TS_OK)
        goto cleanup;
    double t = seconds_since(&pr.start);
    if (ts_spread_rank() == 0) {
        ts_summary_sensitivity(stdout, &s, (size_t)a->top, (ts_lang)ts_options_lang_from_locale());
        printf("%zu points x %ld replications in %.1f s (%.1f replications/s)\n", s.n_points, a->o.replications, t,
               (double)s.n_points * (double)a->o.replications / t);
        fflush(stdout);
    }
    if (a->o.output && (st = write_file(a, sc, &s, err)) == TS_OK && !quiet)
        fprintf(stderr, "teachsim sensitivity: wrote %s (the scenario's run and sensitivity/)\n", a->o.output);
cleanup:
    ts_sensitivity_free(&s);
    free(inputs);
    return st;
}

int ts_verb_sensitivity(int argc, char **argv)
{
    sens_args a = {0};
    int code = parse(argc, argv, &a);
    if (code != TS_OPTION_TAKEN)
        return code;
    ts_scenario sc = {0};
    ts_error err = {0};
    ts_status st = a.scenario ? ts_scenario_load_named(&sc, a.scenario, &err) : ts_scenario_load_builtin(&sc, &err);
    if (st == TS_OK && a.o.output && ts_spread_rank() == 0)
        st = ts_cli_refuse_existing(a.o.output, a.o.force, "results file", &err);
    st = ts_spread_agree(st, &err); /* every rank of a spread study goes on, or none */
    if (st == TS_OK)
        st = study(&a, &sc, &err);
    code = st != TS_OK ? ts_cli_fail(&err) : 0;
    ts_scenario_free(&sc);
    return code;
}
