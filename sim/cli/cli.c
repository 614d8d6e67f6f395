/*
 * cli.c: the `teachsim` command line (run, validate, summary).
 *
 * Owns: option parsing, the order of a run (load and check everything, refuse
 * to clobber, simulate, write, summarise), progress display, Ctrl-C and the
 * mapping of statuses to exit codes (0 ok, 1 run failed, 2 bad input or
 * usage, 130 interrupted). Knows nothing of the model itself.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <hdf5.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "teachsim/build_info.h"
#include "record/indicators.h"
#include "reference.h"
#include "teachsim/results.h"
#include "roster.h"
#include "teachsim/scenario.h"
#include "teachsim/run.h"
#include "summary.h"
#include "text.h"

#define DEFAULT_SEED 20201222u /* the date of the city plan */
#define DEFAULT_REPLICATIONS 1000
#define DEFAULT_OUTPUT "results.h5"

static volatile sig_atomic_t interrupted = 0;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int fail(const ts_error *err)
{
    fprintf(stderr, "teachsim: %s\n", err->message[0] ? err->message : ts_status_text(err->status));
    return ts_status_exit_code(err->status);
}

volatile sig_atomic_t *ts_cli_catch_interrupts(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return &interrupted;
}

int ts_cli_usage_error(const char *verb, const char *fmt, const char *arg)
{
    fprintf(stderr, "teachsim%s%s: ", verb ? " " : "", verb ? verb : "");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'teachsim %s%s--help'.\n", verb ? verb : "", verb ? " " : "");
    return 2;
}

static const char version_text[] = "teachsim " TS_VERSION " (" TS_GIT_DESCRIBE ")\n";

static const char main_help[] =
    "Usage: teachsim COMMAND [OPTIONS] [ARGS]\n"
    "Monte Carlo simulation of a region's school-teacher workforce.\n\n"
    "Commands:\n"
    "  run [SCENARIO.yaml ...]   simulate and write a results file (default: built-in Xiangtan baseline)\n"
    "  validate SCENARIO.yaml .. load and check scenario files\n"
    "  summary FILE              print mean and 5-95 % bands from a results file (--compare: paired differences)\n"
    "  solve [SCENARIO.yaml] --vary KEY --range LO:HI --target NAME [--probability P]\n"
    "                            the smallest value of KEY meeting a target with probability P\n"
    "  population export -o DIR [SCENARIO.yaml]   write the start population as schools.csv and teachers.csv\n"
    "  reference scenario|indicators   print the scenario-key or indicator reference (markdown)\n\n"
    "Options: --help (also after a command), --version\n"
    "Exit codes: 0 ok, 1 run failed, 2 bad input or usage, 130 interrupted.\n";

static const char run_help[] =
    "Usage: teachsim run [SCENARIO.yaml ...] [OPTIONS]\n"
    "Simulate each scenario for the same replications (common random numbers) and\n"
    "write one results file with a `scenario` dimension. With no scenario, runs the\n"
    "built-in Xiangtan baseline (scenarios/xiangtan-baseline.yaml).\n\n"
    "  -o, --output FILE        results file (default " DEFAULT_OUTPUT ")\n"
    "      --reference NAME     the scenario the others are compared with in the file's comparison/\n"
    "                           group (default: the first)\n"
    "  -r, --replications N     replications per scenario (default 1000)\n"
    "  -j, --threads N          worker threads (default: all cores); results do not depend on it\n"
    "      --shards N           run each replication as N region shards on N threads (default: so when\n"
    "                           there are fewer replications than threads; 1: never); results do not\n"
    "                           depend on it\n"
    "      --seed N             base seed, 0..4294967295 (default 20201222)\n"
    "      --force              replace an existing results file\n"
    "  -q, --quiet              print nothing but errors\n"
    "  -h, --help               this help\n\n"
    "Exit codes: 0 ok, 1 run or write failed, 2 bad input or usage, 130 interrupted (Ctrl-C).\n";

static const char validate_help[] =
    "Usage: teachsim validate [--resolved] SCENARIO.yaml ...\n"
    "Load and check each scenario; print `ok` and a one-line description, or the errors.\n"
    "Exit code 2 if any file is bad.\n\n"
    "      --resolved   after `ok`, print the fully resolved scenario (extends applied,\n"
    "                   every default filled in) as YAML\n";

static const char summary_help[] =
    "Usage: teachsim summary FILE [--metric M ...] [--region R] [--scenario S] [--compare]\n"
    "Print, by year, the mean and the 5 %, 50 % and 95 % points over replications;\n"
    "without --metric, then the probability of each scenario target (when the file has any).\n\n"
    "  -m, --metric M     an indicator (repeatable; default: teachers, vacancies,\n"
    "                     rural_vacancies, rural_share_age_50plus, pupil_teacher_ratio)\n"
    "  -g, --region R     region code (default ALL)\n"
    "  -s, --scenario S   only this scenario (default: every scenario)\n"
    "  -c, --compare      paired differences instead: for each metric and scenario, the\n"
    "                     reference's mean, the scenario's, the mean difference in the same\n"
    "                     replications with its 5-95 % interval, and whether it excludes 0\n"
    "  -h, --help         this help\n";

static int parse_count(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return 0;
    *out = v;
    return 1;
}

/* ---- run --------------------------------------------------------------- */

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

typedef struct {
    _Atomic int64_t done;
    int64_t total;
    _Atomic int stop;
    struct timespec started;
} progress_state;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + 1e-9 * (double)(now.tv_nsec - t0->tv_nsec);
}

static void draw_progress(progress_state *p)
{
    int64_t done = atomic_load(&p->done);
    double t = seconds_since(&p->started), rate = t > 0 ? (double)done / t : 0.0;
    int width = 30, filled = p->total ? (int)(width * done / p->total) : width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    if (done > 0 && done < p->total)
        fprintf(stderr, "\r[%s] %lld/%lld replications  %.1f/s  %.0f s left ", bar, (long long)done,
                (long long)p->total, rate, (double)(p->total - done) / rate);
    else
        fprintf(stderr, "\r[%s] %lld/%lld replications  %.1f/s              ", bar, (long long)done,
                (long long)p->total, rate);
    fflush(stderr);
}

/* The display runs on its own thread so that worker threads never do I/O. */
static void *progress_thread(void *arg)
{
    progress_state *p = arg;
    while (!atomic_load(&p->stop)) {
        draw_progress(p);
        struct timespec nap = {0, 200000000};
        nanosleep(&nap, NULL);
    }
    draw_progress(p);
    fputc('\n', stderr);
    return NULL;
}

static char *join_command_line(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += 3 + 2 * strlen(argv[i]);
    char *s = malloc(n), *at = s;
    if (!s)
        return NULL;
    for (int i = 0; i < argc; i++) {
        int plain = argv[i][0] != '\0' && strspn(argv[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                          "0123456789-_./=:,+") == strlen(argv[i]);
        if (i)
            *at++ = ' ';
        if (!plain)
            *at++ = '\'';
        for (const char *c = argv[i]; *c; c++) {
            if (*c == '\'' && !plain) {
                memcpy(at, "'\\''", 4);
                at += 4;
            } else {
                *at++ = *c;
            }
        }
        if (!plain)
            *at++ = '\'';
    }
    *at = '\0';
    return s;
}

static char *format_provenance(void)
{
    unsigned maj, min, rel;
    H5get_libversion(&maj, &min, &rel);
    char *s = malloc(1024);
    if (s)
        snprintf(s, 1024, "teachsim %s; git %s; compiler %s; flags %s; build %s; HDF5 %u.%u.%u; GSL %s; OpenMP %d",
                 TS_VERSION, TS_GIT_DESCRIBE, TS_C_COMPILER, TS_C_FLAGS, TS_BUILD_TYPE, maj, min, rel, gsl_version,
                 (int)_OPENMP);
    return s;
}

static char *utc_now(void)
{
    char *s = malloc(32);
    time_t now = time(NULL);
    struct tm tm;
    if (s)
        strftime(s, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    return s;
}

/* The command as typed, saved before getopt_long permutes argv. */
static char *typed_command_line;

ts_status ts_cli_stamp(ts_results *res, uint64_t seed, ts_error *err)
{
    res->provenance.base_seed = seed;
    res->provenance.command_line = ts_text_dup(typed_command_line ? typed_command_line : "teachsim");
    res->provenance.created_utc = utc_now();
    res->provenance.teachsim_version = ts_text_dup(TS_VERSION " (" TS_GIT_DESCRIBE ")");
    res->provenance.build = format_provenance();
    if (!res->provenance.command_line || !res->provenance.created_utc || !res->provenance.teachsim_version ||
        !res->provenance.build)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory recording the provenance"); /* res frees them */
    return TS_OK;
}

static int cmd_run(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},    {"replications", required_argument, NULL, 'r'},
        {"threads", required_argument, NULL, 'j'},   {"shards", required_argument, NULL, 'K'},
        {"seed", required_argument, NULL, 'S'},      {"force", no_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},           {"help", no_argument, NULL, 'h'},
        {"reference", required_argument, NULL, 'E'}, {NULL, 0, NULL, 0},
    };
    const char *output = DEFAULT_OUTPUT, *reference = NULL;
    long replications = DEFAULT_REPLICATIONS, threads = 0, seed = DEFAULT_SEED, shards = 0;
    int force = 0, quiet = 0, c;
    optind = 0; /* glibc: a full re-initialisation, as each verb parses its own argv */
    opterr = 0; /* our own message names the verb and the way to --help */
    while ((c = getopt_long(argc, argv, ":o:r:j:qh", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'r':
            if (!parse_count(optarg, 1, 100000000, &replications))
                return ts_cli_usage_error("run", "--replications expects a whole number from 1, found '%s'", optarg);
            break;
        case 'j':
            if (!parse_count(optarg, 1, 4096, &threads))
                return ts_cli_usage_error("run", "--threads expects a whole number from 1 to 4096, found '%s'", optarg);
            break;
        case 'K':
            if (!parse_count(optarg, 1, 4096, &shards))
                return ts_cli_usage_error("run", "--shards expects a whole number from 1 to 4096, found '%s'", optarg);
            break;
        case 'S':
            if (!parse_count(optarg, 0, 4294967295L, &seed))
                return ts_cli_usage_error("run", "--seed expects a whole number from 0 to 4294967295, found '%s'",
                                          optarg);
            break;
        case 'f':
            force = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'E':
            reference = optarg;
            break;
        case 'h':
            fputs(run_help, stdout);
            return 0;
        case ':':
            return ts_cli_usage_error("run", "option '%s' needs a value", argv[optind - 1]);
        default:
            return ts_cli_usage_error("run", "unknown option '%s'", argv[optind - 1]);
        }
    }

    ts_error err = {0};
    int n_files = argc - optind;
    size_t n = n_files > 0 ? (size_t)n_files : 1;
    ts_scenario *scenarios = calloc(n, sizeof *scenarios);
    ts_results res = {0}, kept = {0};
    progress_state progress = {0};
    pthread_t display;
    int display_running = 0, code = 0;
    if (!scenarios) {
        ts_error_set(&err, TS_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Everything is loaded and checked before anything is written. */
    for (size_t i = 0; i < n; i++) {
        ts_status st = n_files > 0 ? ts_scenario_load_file(&scenarios[i], argv[optind + (int)i], &err)
                                   : ts_scenario_load_builtin(&scenarios[i], &err);
        if (st != TS_OK)
            goto done;
    }
    size_t reference_index = 0;
    if (reference && !find_reference(scenarios, n, reference, &reference_index, &err))
        goto done;
    struct stat existing;
    if (!force && stat(output, &existing) == 0) {
        ts_error_set(&err, TS_ERR_EXISTS, "%s: results file exists; use --force to replace it", output);
        goto done;
    }

    ts_cli_catch_interrupts();

    progress.total = (int64_t)n * replications;
    clock_gettime(CLOCK_MONOTONIC, &progress.started);
    if (!quiet && isatty(STDERR_FILENO) && pthread_create(&display, NULL, progress_thread, &progress) == 0)
        display_running = 1;

    ts_run_options opt = {.seed = (uint32_t)seed,
                          .replications = (int32_t)replications,
                          .threads = (int)threads,
                          .shards = (int)shards,
                          .interrupted = &interrupted,
                          .done = &progress.done,
                          .reference = reference_index};
    /* Streamed to the file batch by batch (memory independent of the
     * replications); the summary's indicators at ALL are kept on the way. */
    ts_indicator_def keep[8];
    size_t n_keep = 0;
    for (size_t m = 0; m < ts_summary_default_metric_count && n_keep < sizeof keep / sizeof keep[0]; m++)
        for (size_t i = 0; i < ts_indicator_count; i++)
            if (strcmp(ts_indicator_defs[i].name, ts_summary_default_metrics[m]) == 0)
                keep[n_keep++] = ts_indicator_defs[i];
    ts_stream_options stream = {.path = output, .force = force, .keep = keep, .n_keep = n_keep, .kept = &kept};
    ts_status st = ts_cli_stamp(&res, (uint64_t)seed, &err);
    if (st == TS_OK)
        st = ts_simulation_stream(scenarios, n, &opt, &stream, &res, &err);
    if (display_running) {
        atomic_store(&progress.stop, 1);
        pthread_join(display, NULL);
        display_running = 0;
    }
    if (st != TS_OK)
        goto done;
    double elapsed = seconds_since(&progress.started);

    if (!quiet) {
        ts_summary_print(stdout, &kept, ts_summary_default_metrics, ts_summary_default_metric_count, "ALL", NULL, &err);
        ts_summary_print_targets(stdout, &res);
        fflush(stdout);
        fprintf(stderr,
                "teachsim: %lld replications x %zu scenario%s, %d-%d, in %.1f s (%.0f replications/s); wrote %s\n",
                (long long)replications, n, n > 1 ? "s" : "", scenarios[0].horizon.start_year,
                scenarios[0].horizon.end_year, elapsed, (double)progress.total / elapsed, output);
    }

done:
    if (err.status != TS_OK)
        code = fail(&err);
    ts_results_free(&res);
    ts_results_free(&kept);
    for (size_t i = 0; scenarios && i < n; i++)
        ts_scenario_free(&scenarios[i]);
    free(scenarios);
    return code;
}

/* ---- validate ---------------------------------------------------------- */

static int cmd_validate(int argc, char **argv)
{
    static const struct option options[] = {
        {"resolved", no_argument, NULL, 'R'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c, resolved = 0;
    optind = 0; /* glibc: a full re-initialisation, as each verb parses its own argv */
    opterr = 0; /* our own message names the verb and the way to --help */
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == 'R') {
            resolved = 1;
            continue;
        }
        if (c == 'h') {
            fputs(validate_help, stdout);
            return 0;
        }
        return ts_cli_usage_error("validate", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return ts_cli_usage_error("validate", "%s", "expects at least one scenario file");
    int code = 0;
    for (int i = optind; i < argc; i++) {
        ts_scenario sc = {0};
        ts_error err = {0};
        if (ts_scenario_load_file(&sc, argv[i], &err) != TS_OK) {
            code = fail(&err);
            continue;
        }
        if (sc.population.schools_csv[0]) { /* a real roster: every row is checked too */
            ts_population roster;
            if (ts_roster_load(&roster, &sc, &err) != TS_OK) {
                code = fail(&err);
                ts_scenario_free(&sc);
                continue;
            }
            ts_population_free(&roster);
        }
        printf("ok  %s: %s, %d regions, %d-%d%s%s\n", argv[i], sc.name, sc.population.n_regions, sc.horizon.start_year,
               sc.horizon.end_year, sc.description[0] ? ": " : "", sc.description);
        if (resolved) {
            char *yaml = ts_scenario_to_yaml(&sc);
            if (yaml)
                fputs(yaml, stdout);
            else
                code = fail(&(ts_error){TS_ERR_NOMEM, "out of memory writing the resolved scenario"});
            free(yaml);
        }
        ts_scenario_free(&sc);
    }
    return code;
}

/* ---- summary ----------------------------------------------------------- */

static int cmd_summary(int argc, char **argv)
{
    static const struct option options[] = {
        {"metric", required_argument, NULL, 'm'},   {"region", required_argument, NULL, 'g'},
        {"scenario", required_argument, NULL, 's'}, {"compare", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    const char *metrics[64], *region = "ALL", *scenario = NULL;
    size_t n_metrics = 0;
    int c, compare = 0;
    optind = 0; /* glibc: a full re-initialisation, as each verb parses its own argv */
    opterr = 0; /* our own message names the verb and the way to --help */
    while ((c = getopt_long(argc, argv, ":m:g:s:ch", options, NULL)) != -1) {
        switch (c) {
        case 'c':
            compare = 1;
            break;
        case 'm':
            if (n_metrics == sizeof metrics / sizeof metrics[0])
                return ts_cli_usage_error("summary", "%s", "too many --metric options");
            metrics[n_metrics++] = optarg;
            break;
        case 'g':
            region = optarg;
            break;
        case 's':
            scenario = optarg;
            break;
        case 'h':
            fputs(summary_help, stdout);
            return 0;
        case ':':
            return ts_cli_usage_error("summary", "option '%s' needs a value", argv[optind - 1]);
        default:
            return ts_cli_usage_error("summary", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return ts_cli_usage_error("summary", "%s", "expects exactly one results file");
    ts_results res = {0};
    ts_error err = {0};
    int code = 0;
    if (ts_results_read_h5(&res, argv[optind], ts_indicator_defs, ts_indicator_count, &err) == TS_OK) {
        if (compare && scenario)
            ts_error_set(&err, TS_ERR_USAGE, "--compare shows every scenario against the reference; drop --scenario");
        else if (compare)
            ts_summary_print_compare(stdout, &res,
                                     n_metrics ? metrics : (const char *const *)ts_summary_default_metrics,
                                     n_metrics ? n_metrics : ts_summary_default_metric_count, region, &err);
        else if (n_metrics == 0)
            ts_summary_print(stdout, &res, ts_summary_default_metrics, ts_summary_default_metric_count, region,
                             scenario, &err);
        else
            ts_summary_print(stdout, &res, metrics, n_metrics, region, scenario, &err);
        if (!compare && n_metrics == 0 && err.status == TS_OK) /* the targets go with the default view */
            ts_summary_print_targets(stdout, &res);
    }
    if (err.status != TS_OK)
        code = fail(&err);
    ts_results_free(&res);
    return code;
}

/* ---- population export ----------------------------------------------- */

static const char population_help[] =
    "Usage: teachsim population export -o DIR [SCENARIO.yaml] [--seed N] [--force]\n"
    "Write the start population of a scenario as a real roster, DIR/schools.csv and\n"
    "DIR/teachers.csv (docs/rosters.md); with no scenario, of the built-in Xiangtan\n"
    "baseline. A scenario that names a roster has it checked and written back.\n"
    "A scenario naming the two files (population.schools_csv, population.teachers_csv)\n"
    "starts from the same population bit for bit, so `run` with the same seed gives\n"
    "the same results.\n\n"
    "  -o, --output DIR   folder of the two files (created when missing)\n"
    "      --seed N       base seed, 0..4294967295 (default 20201222, as in run)\n"
    "      --force        replace existing files\n"
    "  -h, --help         this help\n\n"
    "Exit codes: 0 ok, 1 write failed, 2 bad input or usage.\n";

static int cmd_population(int argc, char **argv)
{
    static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                            {"seed", required_argument, NULL, 'S'},
                                            {"force", no_argument, NULL, 'f'},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(population_help, stdout);
        return 0;
    }
    if (argc < 2)
        return ts_cli_usage_error("population", "%s", "expects a subcommand: export");
    if (strcmp(argv[1], "export") != 0)
        return ts_cli_usage_error("population", "unknown subcommand '%s' (expected export)", argv[1]);
    argc--;
    argv++;
    const char *dir = NULL;
    long seed = DEFAULT_SEED;
    int force = 0, c;
    optind = 0; /* glibc: a full re-initialisation, as each verb parses its own argv */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            dir = optarg;
            break;
        case 'S':
            if (!parse_count(optarg, 0, 4294967295L, &seed))
                return ts_cli_usage_error("population export",
                                          "--seed expects a whole number from 0 to 4294967295, found '%s'", optarg);
            break;
        case 'f':
            force = 1;
            break;
        case 'h':
            fputs(population_help, stdout);
            return 0;
        case ':':
            return ts_cli_usage_error("population export", "option '%s' needs a value", argv[optind - 1]);
        default:
            return ts_cli_usage_error("population export", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!dir)
        return ts_cli_usage_error("population export", "%s", "needs the output folder: -o DIR");
    char folder[4000];
    snprintf(folder, sizeof folder, "%s", dir);
    for (size_t len = strlen(folder); len > 1 && folder[len - 1] == '/'; len--)
        folder[len - 1] = '\0'; /* DIR/ names the same folder as DIR */
    dir = folder;
    if (argc - optind > 1)
        return ts_cli_usage_error("population export", "expects at most one scenario file, found also '%s'",
                                  argv[optind + 1]);

    ts_scenario sc = {0};
    ts_population pop = {0};
    ts_error err = {0};
    char path[2][4096];
    struct stat st;
    if ((optind < argc ? ts_scenario_load_file(&sc, argv[optind], &err) : ts_scenario_load_builtin(&sc, &err)) != TS_OK)
        goto done;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        ts_error_set(&err, TS_ERR_IO, "%s: cannot create the folder: %s", dir, strerror(errno));
        goto done;
    }
    for (int k = 0; k < 2; k++) {
        snprintf(path[k], sizeof path[k], "%s/%s", dir, k ? "teachers.csv" : "schools.csv");
        if (!force && stat(path[k], &st) == 0) {
            ts_error_set(&err, TS_ERR_EXISTS, "%s: file exists; use --force to replace it", path[k]);
            goto done;
        }
    }
    if (ts_population_build(&pop, &sc, (uint32_t)seed, &err) != TS_OK ||
        ts_roster_export(&pop, &sc, dir, &err) != TS_OK)
        goto done;
    fprintf(stderr, "teachsim: wrote %s (%d schools) and %s (%d teachers)\n", path[0], (int)pop.schools.n, path[1],
            (int)pop.teachers.n);

done:
    ts_population_free(&pop);
    ts_scenario_free(&sc);
    return err.status != TS_OK ? fail(&err) : 0;
}

int ts_cli_main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL reports through return codes, never abort() */
    /* HDF5 1.10 crashes in its exit handler after an H5Fclose that failed
     * (e.g. a disk filled by someone else between our space check and the
     * write): without the handler the failure stays an error message. The
     * writer closes every file it opens, so nothing is lost by it. */
    H5dont_atexit();
    free(typed_command_line); /* a program calling ts_cli_main again */
    typed_command_line = join_command_line(argc, argv);
    if (!typed_command_line)
        return fail(&(ts_error){TS_ERR_NOMEM, "out of memory"});
    if (argc < 2) {
        fputs(main_help, stderr);
        return 2;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
        fputs(main_help, stdout);
        return 0;
    }
    if (strcmp(verb, "--version") == 0 || strcmp(verb, "-V") == 0) {
        fputs(version_text, stdout);
        return 0;
    }
    if (strcmp(verb, "run") == 0)
        return cmd_run(argc - 1, argv + 1);
    if (strcmp(verb, "validate") == 0)
        return cmd_validate(argc - 1, argv + 1);
    if (strcmp(verb, "summary") == 0)
        return cmd_summary(argc - 1, argv + 1);
    if (strcmp(verb, "solve") == 0)
        return ts_cli_solve(argc - 1, argv + 1);
    if (strcmp(verb, "population") == 0)
        return cmd_population(argc - 1, argv + 1);
    if (strcmp(verb, "reference") == 0) {
        const char *what = argc > 2 ? argv[2] : "";
        if (strcmp(what, "scenario") == 0)
            ts_reference_scenario(stdout);
        else if (strcmp(what, "indicators") == 0)
            ts_reference_indicators(stdout);
        else
            return ts_cli_usage_error("reference", "expects 'scenario' or 'indicators', found '%s'", what);
        return 0;
    }
    return ts_cli_usage_error(NULL, "unknown command '%s'", verb);
}
