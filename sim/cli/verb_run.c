/*
 * verb_run.c: `teachsim run`, the order of a run: load and check every
 * scenario, refuse to replace a file, simulate (streamed to the file, with a
 * progress bar on a terminal), then print the summary and what was done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "progress.h"
#include "record/indicators.h"
#include "session.h"
#include "spread.h"
#include "summary.h"
#include "teachsim/results.h"
#include "teachsim/run.h"
#include "teachsim/scenario.h"
#include "verbs.h"

#define RUN_DEFAULT_REPLICATIONS 1000
#define RUN_DEFAULT_OUTPUT "results.h5"

static const char run_help[] =
    "Usage: teachsim run [SCENARIO.yaml ...] [OPTIONS]\n"
    "Simulate each scenario for the same replications (common random numbers) and\n"
    "write one results file with a `scenario` dimension. With no scenario, runs the\n"
    "built-in Xiangtan baseline (scenarios/xiangtan-baseline.yaml); the name\n"
    "xiangtan-baseline among the scenarios is that baseline too.\n\n"
    "  -o, --output FILE        results file (default " RUN_DEFAULT_OUTPUT ")\n"
    "      --reference NAME     the scenario the others are compared with in the file's comparison/\n"
    "                           group (default: the first)\n"
    "  -r, --replications N     replications per scenario (default " TS_OPTION_TEXT(
        RUN_DEFAULT_REPLICATIONS) ")\n"
                                  "  -j, --threads N          worker threads (default: all cores); results do not "
                                  "depend on it\n"
                                  "      --shards N           run each replication as N region shards on N threads "
                                  "(default: so when\n"
                                  "                           there are fewer replications than threads; 1: never); "
                                  "results do not\n"
                                  "                           depend on it\n"
                                  "      --seed N             base seed, 0..4294967295 (default " TS_OPTION_TEXT(
                                      TS_DEFAULT_SEED) ")\n"
                                                       "      --force              replace an existing results file\n"
                                                       "  -q, --quiet              print nothing but errors\n"
                                                       "  -h, --help               this help\n\n"
                                                       "Exit codes: 0 ok, 1 run or write failed, 2 bad input or usage, "
                                                       "130 interrupted (Ctrl-C).\n";

typedef struct {
    ts_shared_options o;
    const char *reference; /* --reference NAME; NULL: the first scenario */
    char **files;          /* the scenario files; none: the built-in baseline */
    int n_files;
} run_args;

/* The options of `run`: TS_OPTION_TAKEN when the scenarios follow, else the
 * exit code (help or a usage error). */
static int parse_run(int argc, char **argv, run_args *a)
{
    static const struct option options[] = {
        TS_OPTION_OUTPUT, TS_OPTION_REPLICATIONS, TS_OPTION_THREADS,
        TS_OPTION_SHARDS, TS_OPTION_SEED,         TS_OPTION_FORCE,
        TS_OPTION_QUIET,  TS_OPTION_HELP,         {"reference", required_argument, NULL, 'E'},
        TS_OPTION_END,
    };
    a->o = ts_options_defaults(RUN_DEFAULT_REPLICATIONS);
    a->o.output = RUN_DEFAULT_OUTPUT;
    int c, code;
    ts_options_begin();
    while ((c = getopt_long(argc, argv, ":o:r:j:qh", options, NULL)) != -1) {
        if (c == 'E')
            a->reference = optarg;
        else if ((code = ts_options_shared(c, "run", run_help, argv, &a->o)) != TS_OPTION_TAKEN)
            return code;
    }
    a->files = argv + optind;
    a->n_files = argc - optind;
    return TS_OPTION_TAKEN;
}

/* The index of the scenario named `name` (--reference); a usage error naming
 * the scenarios when there is none. */
static int find_reference(const ts_scenario *sc, size_t n, const char *name, size_t *index, ts_error *err)
{
    char known[2048] = "";
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(sc[i].name, name) == 0) {
            *index = i;
            return 1;
        }
        if (at + 1 < sizeof known)
            at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", i ? ", " : "", sc[i].name);
    }
    ts_error_set(err, TS_ERR_USAGE, "--reference %s: no scenario of this run has that name; they are: %s", name, known);
    return 0;
}

/* Everything is loaded and checked before anything is written: the
 * scenarios, the reference among them, and that the file may be written. */
static ts_status load_and_check(const run_args *a, ts_scenario *sc, size_t n, size_t *reference, ts_error *err)
{
    for (size_t i = 0; i < n; i++) {
        ts_status st =
            a->n_files > 0 ? ts_scenario_load_named(&sc[i], a->files[i], err) : ts_scenario_load_builtin(&sc[i], err);
        if (st != TS_OK)
            return st;
    }
    *reference = 0;
    if (a->reference && !find_reference(sc, n, a->reference, reference, err))
        return err->status;
    /* The path too, before hours of simulation (issue 18, item 6), by rank 0
     * which alone writes it; every rank of a spread run then goes on or stops. */
    return ts_spread_rank() == 0 ? ts_results_path_check(a->o.output, a->o.force, stderr, err) : TS_OK;
}

/* The run itself: streamed to the file batch by batch, a progress bar
 * while it runs, Ctrl-C a clean stop. */
static ts_status simulate(const run_args *a, const ts_scenario *sc, size_t n, size_t reference, ts_progress *progress,
                          ts_results *res, ts_error *err)
{
    volatile sig_atomic_t *interrupted = ts_cli_catch_interrupts();
    ts_progress_start(progress, (int64_t)n * a->o.replications, !a->o.quiet && ts_spread_rank() == 0);
    ts_provenance provenance = {0};
    ts_run_options opt = {.seed = (uint32_t)a->o.seed,
                          .replications = (int32_t)a->o.replications,
                          .threads = (int)a->o.threads,
                          .shards = (int)a->o.shards,
                          .interrupted = interrupted,
                          .done = &progress->done,
                          .reference = reference,
                          .provenance = &provenance};
    ts_stream_options stream = {.path = a->o.output, .force = a->o.force};
    ts_status st = ts_cli_provenance(&provenance, (uint64_t)a->o.seed, err);
    if (st == TS_OK)
        st = ts_simulation_stream(sc, n, &opt, &stream, res, err);
    ts_cli_provenance_free(&provenance);
    ts_progress_stop(progress);
    return st;
}

/* What a run that is not quiet prints: the summary and the targets on
 * stdout, and one line of what was done on stderr. The summary is read back
 * from the file just written, one column at a time, so that its memory does
 * not grow with the replications (issue 18, item 13). A summary that cannot
 * be printed leaves its error in *err, and the rest is printed all the same. */
static void report(const run_args *a, const ts_scenario *sc, size_t n, const ts_results *res,
                   const ts_progress *progress, ts_error *err)
{
    double elapsed = ts_progress_seconds(progress);
    if (a->o.quiet || ts_spread_rank() != 0) /* rank 0 prints for every rank */
        return;
    ts_summary_print_file(stdout, res, a->o.output, ts_summary_default_metrics, ts_summary_default_metric_count, "ALL",
                          err);
    ts_summary_print_targets(stdout, res);
    fflush(stdout);
    fprintf(stderr, "teachsim: %lld replications x %zu scenario%s, %d-%d, in %.1f s (%.0f replications/s); wrote %s\n",
            (long long)a->o.replications, n, n > 1 ? "s" : "", sc[0].horizon.start_year, sc[0].horizon.end_year,
            elapsed, (double)progress->total / elapsed, a->o.output);
}

int ts_verb_run(int argc, char **argv)
{
    run_args a = {0};
    int code = parse_run(argc, argv, &a);
    if (code != TS_OPTION_TAKEN)
        return code;
    size_t n = a.n_files > 0 ? (size_t)a.n_files : 1, reference = 0;
    ts_scenario *scenarios = calloc(n, sizeof *scenarios);
    ts_results res = {0};
    ts_progress progress = {0};
    ts_error err = {0};
    ts_status st = scenarios ? load_and_check(&a, scenarios, n, &reference, &err)
                             : ts_error_set(&err, TS_ERR_NOMEM, "out of memory");
    st = ts_spread_agree(st, &err); /* every rank of a spread run goes on, or none */
    if (st == TS_OK)
        st = simulate(&a, scenarios, n, reference, &progress, &res, &err);
    if (st == TS_OK)
        report(&a, scenarios, n, &res, &progress, &err);
    code = err.status != TS_OK ? ts_cli_fail(&err) : 0;
    ts_results_free(&res);
    for (size_t i = 0; scenarios && i < n; i++)
        ts_scenario_free(&scenarios[i]);
    free(scenarios);
    return code;
}
