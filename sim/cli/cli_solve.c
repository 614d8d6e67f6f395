/*
 * cli_solve.c: `teachsim solve`, goal seeking from the command line.
 *
 * Owns: the options of `solve`, printing each evaluation and the answer, the
 * warnings (unreachable in the range, not monotone) and the exit codes
 * (0 found, 1 not reachable in the range or the run failed, 2 bad input or
 * usage, 130 interrupted). The search itself is solve.c's.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "teachsim/build_info.h"
#include "solve.h"
#include "summary.h"
#include "targets.h"

#define SOLVE_DEFAULT_SEED 20201222u /* as `run` */
#define SOLVE_DEFAULT_REPLICATIONS 200
#define SOLVE_DEFAULT_PROBABILITY 0.9

static const char solve_help[] =
    "Usage: teachsim solve [SCENARIO.yaml] --vary KEY --range LO:HI --target NAME [OPTIONS]\n"
    "The smallest value of KEY in LO, LO+STEP, ... HI for which the scenario meets its target NAME\n"
    "with at least the given probability. A monotone search (bisection), assuming the probability\n"
    "does not fall as the value rises; every candidate runs the same replications with the same seed\n"
    "(common random numbers). With no scenario, the built-in Xiangtan baseline.\n\n"
    "  --vary KEY           a number or integer scenario key, e.g. targeted_intake.provincial,\n"
    "                       leaving.established.rural[0], population.regions[shaoshan].weak_share\n"
    "  --range LO:HI        the values to search\n"
    "  --step N             distance between candidates (default 1)\n"
    "  --target NAME        a target of the scenario (scenario key targets:)\n"
    "  --probability P      required probability of meeting it (default 0.9)\n"
    "  -r, --replications N replications per candidate (default 200)\n"
    "  -j, --threads N      worker threads (default: all cores)\n"
    "      --seed N         base seed, 0..4294967295 (default 20201222)\n"
    "  -o, --output FILE    also write the run at the answer as a results file\n"
    "      --force          replace an existing results file\n"
    "  -q, --quiet          print only the answer\n"
    "  -h, --help           this help\n\n"
    "Exit codes: 0 found, 1 no value in the range meets it (or a run failed), 2 bad input or usage,\n"
    "130 interrupted.\n";

static int parse_number(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

static int parse_whole(const char *text, double min, double max, double *out)
{
    double v;
    if (!parse_number(text, &v) || v != floor(v) || v < min || v > max || strpbrk(text, ".eE"))
        return 0;
    *out = v;
    return 1;
}

typedef struct {
    const char *key, *target;
    int integer, quiet;
} printer;

static void format_value(const printer *p, double v, char *buf, size_t size)
{
    if (p->integer)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.15g", v);
}

static void print_point(FILE *out, const printer *p, const char *lead, const ts_solve_point *pt)
{
    char v[64];
    format_value(p, pt->value, v, sizeof v);
    fprintf(out, "%s%s = %s: P(%s) = %.3f, 95 %% interval [%.3f, %.3f] (%lld of %lld replications)\n", lead, p->key, v,
            p->target, pt->probability, pt->lower, pt->upper, (long long)pt->met, (long long)pt->evaluated);
}

static void on_point(const ts_solve_point *pt, void *ctx)
{
    const printer *p = ctx;
    if (!p->quiet) {
        print_point(stderr, p, "teachsim solve: ", pt);
        fflush(stderr);
    }
}

int ts_cli_solve(int argc, char **argv)
{
    static const struct option options[] = {{"vary", required_argument, NULL, 'V'},
                                            {"range", required_argument, NULL, 'A'},
                                            {"step", required_argument, NULL, 'T'},
                                            {"target", required_argument, NULL, 'G'},
                                            {"probability", required_argument, NULL, 'P'},
                                            {"replications", required_argument, NULL, 'r'},
                                            {"threads", required_argument, NULL, 'j'},
                                            {"seed", required_argument, NULL, 'S'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"force", no_argument, NULL, 'f'},
                                            {"quiet", no_argument, NULL, 'q'},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    ts_solve_options opt = {.step = 1, .probability = SOLVE_DEFAULT_PROBABILITY};
    double replications = SOLVE_DEFAULT_REPLICATIONS, threads = 0, seed = SOLVE_DEFAULT_SEED;
    const char *range = NULL, *output = NULL;
    int force = 0, quiet = 0, c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":r:j:o:qh", options, NULL)) != -1) {
        switch (c) {
        case 'V':
            opt.key = optarg;
            break;
        case 'A':
            range = optarg;
            break;
        case 'T':
            if (!parse_number(optarg, &opt.step) || !(opt.step > 0))
                return ts_cli_usage_error("solve", "--step expects a number above 0, found '%s'", optarg);
            break;
        case 'G':
            opt.target = optarg;
            break;
        case 'P':
            if (!parse_number(optarg, &opt.probability) || !(opt.probability > 0 && opt.probability <= 1))
                return ts_cli_usage_error("solve", "--probability expects a number above 0 and at most 1, found '%s'",
                                          optarg);
            break;
        case 'r':
            if (!parse_whole(optarg, 1, 100000000, &replications))
                return ts_cli_usage_error("solve", "--replications expects a whole number from 1, found '%s'", optarg);
            break;
        case 'j':
            if (!parse_whole(optarg, 1, 4096, &threads))
                return ts_cli_usage_error("solve", "--threads expects a whole number from 1 to 4096, found '%s'",
                                          optarg);
            break;
        case 'S':
            if (!parse_whole(optarg, 0, 4294967295.0, &seed))
                return ts_cli_usage_error("solve", "--seed expects a whole number from 0 to 4294967295, found '%s'",
                                          optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case 'f':
            force = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(solve_help, stdout);
            return 0;
        case ':':
            return ts_cli_usage_error("solve", "option '%s' needs a value", argv[optind - 1]);
        default:
            return ts_cli_usage_error("solve", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!opt.key)
        return ts_cli_usage_error("solve", "%s", "needs the key to vary: --vary KEY");
    if (!range)
        return ts_cli_usage_error("solve", "%s", "needs the values to search: --range LO:HI");
    if (!opt.target)
        return ts_cli_usage_error("solve", "%s", "needs a target of the scenario: --target NAME");
    if (argc - optind > 1)
        return ts_cli_usage_error("solve", "expects at most one scenario file, found also '%s'", argv[optind + 1]);
    {
        char lo[64], hi[64];
        const char *colon = strchr(range, ':');
        size_t len = colon ? (size_t)(colon - range) : 0;
        if (!colon || len == 0 || len >= sizeof lo || strlen(colon + 1) >= sizeof hi)
            return ts_cli_usage_error("solve", "--range expects LO:HI, found '%s'", range);
        memcpy(lo, range, len);
        lo[len] = '\0';
        strcpy(hi, colon + 1);
        if (!parse_number(lo, &opt.lo) || !parse_number(hi, &opt.hi) || opt.lo > opt.hi)
            return ts_cli_usage_error("solve", "--range expects LO:HI with LO <= HI, found '%s'", range);
    }

    ts_scenario sc = {0};
    ts_solve_result result = {0};
    ts_error err = {0};
    int code = 0;
    struct stat existing;
    if ((optind < argc ? ts_scenario_load_file(&sc, argv[optind], &err) : ts_scenario_load_builtin(&sc, &err)) != TS_OK)
        goto done;
    if (output && !force && stat(output, &existing) == 0) {
        ts_error_set(&err, TS_ERR_EXISTS, "%s: results file exists; use --force to replace it", output);
        goto done;
    }
    volatile sig_atomic_t *solve_interrupted = ts_cli_catch_interrupts();

    printer pr = {opt.key, opt.target, ts_solve_key_is_integer(&sc, opt.key) == 1, quiet};
    opt.run = (ts_run_options){.seed = (uint32_t)seed,
                               .replications = (int32_t)replications,
                               .threads = (int)threads,
                               .interrupted = solve_interrupted};
    opt.targets_only = 1; /* memory independent of the replications; the answer's file is a run of its own */
    opt.on_point = on_point;
    opt.ctx = &pr;
    const ts_target *target = NULL;
    for (int32_t i = 0; i < sc.targets.n; i++)
        if (strcmp(sc.targets.item[i].name, opt.target) == 0)
            target = &sc.targets.item[i];
    char words[256] = "", step[64], lo[64], hi[64];
    if (target)
        ts_targets_describe(target, words, sizeof words);
    format_value(&pr, opt.step, step, sizeof step);
    format_value(&pr, opt.lo, lo, sizeof lo);
    format_value(&pr, opt.hi, hi, sizeof hi);
    if (!quiet)
        fprintf(stderr,
                "teachsim solve: smallest %s in %s:%s (step %s) meeting %s (%s) with probability >= %g; %.0f "
                "replications, seed %.0f\n",
                opt.key, lo, hi, step, opt.target, words[0] ? words : "?", opt.probability, replications, seed);
    if (ts_solve(&sc, &opt, &result, &err) != TS_OK)
        goto done;

    if (result.found) {
        char v[64];
        format_value(&pr, result.answer.value, v, sizeof v);
        printf("%s = %s: the smallest value in %s:%s (step %s) meeting %s with probability >= %g\n", opt.key, v, lo, hi,
               step, opt.target, opt.probability);
        print_point(stdout, &pr, "  at the answer:   ", &result.answer);
        if (result.has_below)
            print_point(stdout, &pr, "  one step below:  ", &result.below);
        else
            printf("  (the lowest value of the range already meets it)\n");
    } else {
        char v[64];
        format_value(&pr, result.top.value, v, sizeof v);
        printf("no value of %s in %s:%s meets %s with probability >= %g\n", opt.key, lo, hi, opt.target,
               opt.probability);
        print_point(stdout, &pr, "  at the top:      ", &result.top);
        fprintf(stderr,
                "teachsim solve: warning: target %s is not reached with probability %g anywhere in %s:%s; at %s the "
                "probability is %.3f [%.3f, %.3f]\n",
                opt.target, opt.probability, lo, hi, v, result.top.probability, result.top.lower, result.top.upper);
        code = 1;
    }
    if (!result.monotone) {
        size_t i = 0;
        ts_solve_monotone(result.points, result.n_points, &i);
        char a[64], b[64];
        format_value(&pr, result.points[i].value, a, sizeof a);
        format_value(&pr, result.points[i + 1].value, b, sizeof b);
        fprintf(stderr,
                "teachsim solve: warning: the probability is not monotone in %s on the values evaluated: %.3f at %s "
                "but %.3f at %s; the answer of the bisection may not be the smallest value\n",
                opt.key, result.points[i].probability, a, result.points[i + 1].probability, b);
        printf("  warning: not monotone on the values evaluated (%.3f at %s, %.3f at %s)\n",
               result.points[i].probability, a, result.points[i + 1].probability, b);
    }
    fflush(stdout);
    if (output && (result.found || result.n_points > 0)) {
        /* The candidates kept only their targets: run the answer (or the top
         * of the range) again, streamed to the file. Same seed and
         * replications, so the same results as the candidate's run. */
        double at = result.found ? result.answer.value : result.top.value;
        ts_scenario cand;
        ts_results res = {0};
        ts_stream_options stream = {.path = output, .force = force};
        ts_status st = ts_scenario_copy(&cand, &sc, &err);
        if (st == TS_OK) {
            if ((st = ts_solve_set(&cand, opt.key, at, &err)) == TS_OK) {
                if ((st = ts_cli_stamp(&res, (uint64_t)seed, &err)) == TS_OK)
                    st = ts_simulation_stream(&cand, 1, &opt.run, &stream, &res, &err);
            }
            ts_scenario_free(&cand);
        }
        ts_results_free(&res);
        if (st != TS_OK)
            goto done;
        if (!quiet)
            fprintf(stderr, "teachsim solve: wrote %s (the run at %s)\n", output,
                    result.found ? "the answer" : "the top of the range");
    }

done:
    if (err.status != TS_OK) {
        fprintf(stderr, "teachsim: %s\n", err.message[0] ? err.message : ts_status_text(err.status));
        code = ts_status_exit_code(err.status);
    }
    ts_solve_result_free(&result);
    ts_scenario_free(&sc);
    return code;
}
