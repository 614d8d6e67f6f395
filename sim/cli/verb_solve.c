/*
 * verb_solve.c: `teachsim solve`, goal seeking from the command line.
 *
 * Owns: the options of `solve`, printing each evaluation and the answer, the
 * warnings (unreachable in the range, not monotone) and the exit codes (0
 * found, 1 not reachable in the range or the run failed, 2 bad input or
 * usage, 130 interrupted). The search itself is solve.h's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "options.h"
#include "session.h"
#include "spread.h"
#include "solve.h"
#include "targets.h"
#include "teachsim/results.h"
#include "teachsim/run.h"
#include "verbs.h"

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
    "  --from YEAR          vary KEY from this school year on only; before it, KEY keeps its value\n"
    "  --step N             distance between candidates (default 1)\n"
    "  --sweep              evaluate every value of the range (at most 1000) and print the curve:\n"
    "                       the probability at each with its 95 % Wilson interval\n"
    "  --target NAME        a target of the scenario (scenario key targets:)\n"
    "  --probability P      required probability of meeting it (default " TS_OPTION_TEXT(
        SOLVE_DEFAULT_PROBABILITY) ")\n"
                                   "  -r, --replications N replications per candidate (default " TS_OPTION_TEXT(
                                       SOLVE_DEFAULT_REPLICATIONS) ")\n"
                                                                   "  -j, --threads N      worker threads (default: "
                                                                   "all cores)\n"
                                                                   "      --seed N         base seed, 0..4294967295 "
                                                                   "(default " TS_OPTION_TEXT(
                                                                       TS_DEFAULT_SEED) ")\n"
                                                                                        "  -o, --output FILE    also "
                                                                                        "write the run at the answer "
                                                                                        "as a results file\n"
                                                                                        "      --force          "
                                                                                        "replace an existing results "
                                                                                        "file\n"
                                                                                        "  -q, --quiet          print "
                                                                                        "only the answer\n"
                                                                                        "  -h, --help           this "
                                                                                        "help\n\n"
                                                                                        "Exit codes: 0 found, 1 no "
                                                                                        "value in the range meets it "
                                                                                        "(or a run failed), 2 bad "
                                                                                        "input or usage,\n"
                                                                                        "130 interrupted.\n";

typedef struct {
    ts_solve_options opt;
    ts_shared_options o;
    int sweep;            /* --sweep: evaluate every value of the grid and print the curve */
    const char *range;    /* --range LO:HI as typed */
    const char *scenario; /* NULL: the built-in baseline */
    char label[320];      /* KEY, or KEY from YEAR: how the report names what is varied */
} solve_args;

/* The options of `solve` alone (the shared ones go to options.h): 1 when `c`
 * was one of them and its value is good, 0 when it is not one of them, else
 * the exit code of a usage error (2). */
static int take_solve_option(int c, solve_args *a)
{
    switch (c) {
    case 'V':
        a->opt.key = optarg;
        return 1;
    case 'A':
        a->range = optarg;
        return 1;
    case 'F': {
        double year = 0;
        if (!ts_options_number(optarg, &year) || year != floor(year) || year < TS_YEAR_MIN || year > TS_YEAR_MAX)
            return ts_cli_usage_error("solve", "--from expects a school year such as 2027, found '%s'", optarg);
        a->opt.from = (int32_t)year;
        return 1;
    }
    case 'G':
        a->opt.target = optarg;
        return 1;
    case 'W':
        a->sweep = 1;
        return 1;
    case 'T':
        if (!ts_options_number(optarg, &a->opt.step) || !(a->opt.step > 0))
            return ts_cli_usage_error("solve", "--step expects a number above 0, found '%s'", optarg);
        return 1;
    case 'P':
        if (!ts_options_number(optarg, &a->opt.probability) || !(a->opt.probability > 0 && a->opt.probability <= 1))
            return ts_cli_usage_error("solve", "--probability expects a number above 0 and at most 1, found '%s'",
                                      optarg);
        return 1;
    default:
        return 0;
    }
}

/* --range LO:HI into opt.lo and opt.hi: TS_OPTION_TAKEN, or the usage error. */
static int parse_range(solve_args *a)
{
    char lo[64], hi[64];
    const char *range = a->range, *colon = strchr(range, ':');
    size_t len = colon ? (size_t)(colon - range) : 0;
    if (!colon || len == 0 || len >= sizeof lo || strlen(colon + 1) >= sizeof hi)
        return ts_cli_usage_error("solve", "--range expects LO:HI, found '%s'", range);
    memcpy(lo, range, len);
    lo[len] = '\0';
    strcpy(hi, colon + 1);
    if (!ts_options_number(lo, &a->opt.lo) || !ts_options_number(hi, &a->opt.hi) || a->opt.lo > a->opt.hi)
        return ts_cli_usage_error("solve", "--range expects LO:HI with LO <= HI, found '%s'", range);
    return TS_OPTION_TAKEN;
}

/* The options and arguments of `solve`, each required one present:
 * TS_OPTION_TAKEN when the search can go ahead, else the exit code. */
static int parse_solve(int argc, char **argv, solve_args *a)
{
    static const struct option options[] = {{"vary", required_argument, NULL, 'V'},
                                            {"range", required_argument, NULL, 'A'},
                                            {"from", required_argument, NULL, 'F'},
                                            {"step", required_argument, NULL, 'T'},
                                            {"target", required_argument, NULL, 'G'},
                                            {"probability", required_argument, NULL, 'P'},
                                            {"sweep", no_argument, NULL, 'W'},
                                            TS_OPTION_REPLICATIONS,
                                            TS_OPTION_THREADS,
                                            TS_OPTION_SEED,
                                            TS_OPTION_OUTPUT,
                                            TS_OPTION_FORCE,
                                            TS_OPTION_QUIET,
                                            TS_OPTION_HELP,
                                            TS_OPTION_END};
    a->opt = (ts_solve_options){.step = 1, .probability = SOLVE_DEFAULT_PROBABILITY};
    a->o = ts_options_defaults(SOLVE_DEFAULT_REPLICATIONS);
    int c, code;
    ts_options_begin();
    while ((c = getopt_long(argc, argv, ":r:j:o:qh", options, NULL)) != -1) {
        if ((code = take_solve_option(c, a)) == 1)
            continue;
        if (code != 0 || (code = ts_options_shared(c, "solve", solve_help, argv, &a->o)) != TS_OPTION_TAKEN)
            return code;
    }
    if (!a->opt.key)
        return ts_cli_usage_error("solve", "%s", "needs the key to vary: --vary KEY");
    if (!a->range)
        return ts_cli_usage_error("solve", "%s", "needs the values to search: --range LO:HI");
    if (!a->opt.target)
        return ts_cli_usage_error("solve", "%s", "needs a target of the scenario: --target NAME");
    if (argc - optind > 1)
        return ts_cli_usage_error("solve", "expects at most one scenario file, found also '%s'", argv[optind + 1]);
    a->scenario = optind < argc ? argv[optind] : NULL;
    if (a->opt.from)
        snprintf(a->label, sizeof a->label, "%s from %d", a->opt.key, (int)a->opt.from);
    else
        snprintf(a->label, sizeof a->label, "%s", a->opt.key);
    return parse_range(a);
}

/* How values and evaluations are printed: the values of an integer key as
 * whole numbers, others with 15 significant digits; the range and the step
 * are formatted once, for every message that names them. */
typedef struct {
    const char *key, *target;
    int integer, quiet;
    double probability;
    char lo[64], hi[64], step[64];
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

/* After each evaluation, while the search runs: one line on stderr. */
static void on_point(const ts_solve_point *pt, void *ctx)
{
    const printer *p = ctx;
    if (!p->quiet) {
        print_point(stderr, p, "teachsim solve: ", pt);
        fflush(stderr);
    }
}

static void printer_init(printer *p, const solve_args *a, const ts_scenario *sc)
{
    *p = (printer){.key = a->label,
                   .target = a->opt.target,
                   .integer = ts_solve_key_is_integer(sc, a->opt.key) == 1,
                   .quiet = a->o.quiet,
                   .probability = a->opt.probability};
    format_value(p, a->opt.step, p->step, sizeof p->step);
    format_value(p, a->opt.lo, p->lo, sizeof p->lo);
    format_value(p, a->opt.hi, p->hi, sizeof p->hi);
}

/* Before the search: what is sought, in words, with the target's definition. */
static void announce(const printer *p, const solve_args *a, const ts_scenario *sc)
{
    const ts_target *target = NULL;
    for (int32_t i = 0; i < sc->targets.n; i++)
        if (strcmp(sc->targets.item[i].name, p->target) == 0)
            target = &sc->targets.item[i];
    char words[256] = "";
    if (target)
        ts_targets_describe(target, words, sizeof words);
    if (!p->quiet)
        fprintf(stderr,
                "teachsim solve: %s %s in %s:%s (step %s) meeting %s (%s) with probability >= %g; %ld "
                "replications, seed %ld\n",
                a->sweep ? "every value of" : "smallest", p->key, p->lo, p->hi, p->step, p->target,
                words[0] ? words : "?", p->probability, a->o.replications, a->o.seed);
}

/* The answer with the step below it, or that the range does not reach the
 * target (with a warning): the exit code, 0 or 1. */
static int print_answer(const printer *p, const ts_solve_result *result)
{
    char v[64];
    if (result->found) {
        format_value(p, result->answer.value, v, sizeof v);
        printf("%s = %s: the smallest value in %s:%s (step %s) meeting %s with probability >= %g\n", p->key, v, p->lo,
               p->hi, p->step, p->target, p->probability);
        print_point(stdout, p, "  at the answer:   ", &result->answer);
        if (result->has_below)
            print_point(stdout, p, "  one step below:  ", &result->below);
        else
            printf("  (the lowest value of the range already meets it)\n");
        return 0;
    }
    format_value(p, result->top.value, v, sizeof v);
    printf("no value of %s in %s:%s meets %s with probability >= %g\n", p->key, p->lo, p->hi, p->target,
           p->probability);
    print_point(stdout, p, "  at the top:      ", &result->top);
    fprintf(stderr,
            "teachsim solve: warning: target %s is not reached with probability %g anywhere in %s:%s; at %s the "
            "probability is %.3f [%.3f, %.3f]\n",
            p->target, p->probability, p->lo, p->hi, v, result->top.probability, result->top.lower, result->top.upper);
    return 1;
}

#define DROPS_NAMED 5 /* falls named in the warning; more are counted */

/* Every place where the probability falls from one value evaluated to the
 * next, as "0.750 at 799 > 0.250 at 800", separated by "; ": how many. */
static size_t name_drops(const printer *p, const ts_solve_result *result, char *buf, size_t size)
{
    size_t n = 0, at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i + 1 < result->n_points; i++) {
        const ts_solve_point *a = &result->points[i], *b = &result->points[i + 1];
        if (!(b->probability < a->probability))
            continue;
        if (++n <= DROPS_NAMED && at + 1 < size) {
            char va[64], vb[64];
            format_value(p, a->value, va, sizeof va);
            format_value(p, b->value, vb, sizeof vb);
            at += (size_t)snprintf(buf + at, size - at, "%s%.3f at %s > %.3f at %s", n > 1 ? "; " : "", a->probability,
                                   va, b->probability, vb);
        }
    }
    if (n > DROPS_NAMED && at + 1 < size)
        snprintf(buf + at, size - at, "; and %zu more", n - DROPS_NAMED);
    return n;
}

/* The bisection assumes a monotone probability; where the values evaluated
 * say otherwise, the answer may not be the smallest, and both streams say so,
 * naming every fall. A sweep shows the whole curve: the first value meeting
 * the target is then the smallest on the grid, but the response is not what
 * a single threshold describes. */
static void warn_not_monotone(const printer *p, const ts_solve_result *result, int sweep)
{
    char drops[1024];
    size_t n = name_drops(p, result, drops, sizeof drops);
    const char *consequence = sweep ? "a value above the answer may fail the target again"
                                    : "the answer of the bisection may not be the smallest value";
    fprintf(stderr,
            "teachsim solve: warning: the probability is not monotone in %s on the values evaluated (%zu %s): %s; "
            "%s\n",
            p->key, n, n == 1 ? "fall" : "falls", drops, consequence);
    printf("  warning: not monotone on the values evaluated: %s\n", drops);
}

/* The sweep's curve on stdout: one row per value of the grid, then the
 * smallest value meeting the target (exit 0) or that none does (exit 1). */
static int print_sweep(const printer *p, const ts_solve_result *result)
{
    printf("%s: P(%s) at each value of %s:%s (step %s), with its 95 %% Wilson interval\n", p->key, p->target, p->lo,
           p->hi, p->step);
    printf("  %-16s %11s  %-14s %13s  meets %g\n", "value", "probability", "95% interval", "met", p->probability);
    for (size_t i = 0; i < result->n_points; i++) {
        const ts_solve_point *pt = &result->points[i];
        char v[64], met[48];
        format_value(p, pt->value, v, sizeof v);
        snprintf(met, sizeof met, "%lld/%lld", (long long)pt->met, (long long)pt->evaluated);
        printf("  %-16s %11.3f  [%.3f, %.3f] %13s  %s\n", v, pt->probability, pt->lower, pt->upper, met,
               pt->probability >= p->probability ? "yes" : "no");
    }
    if (!result->found) {
        printf("  no value of the range meets %s with probability >= %g\n", p->target, p->probability);
        return 1;
    }
    char v[64];
    format_value(p, result->answer.value, v, sizeof v);
    printf("  the smallest value meeting it with probability >= %g: %s\n", p->probability, v);
    return 0;
}

/* The candidates kept only their targets: run the answer (or the top of the
 * range) again, streamed to the file. Same seed and replications, so the
 * same results as the candidate's run. */
static ts_status write_answer(const solve_args *a, const ts_scenario *sc, const ts_solve_result *result, ts_error *err)
{
    double at = result->found ? result->answer.value : result->top.value;
    ts_scenario cand;
    ts_results res = {0};
    ts_stream_options stream = {.path = a->o.output, .force = a->o.force};
    ts_status st = ts_scenario_copy(&cand, sc, err);
    if (st != TS_OK)
        return st;
    if ((st = ts_solve_set_from(&cand, a->opt.key, at, a->opt.from, err)) == TS_OK) {
        ts_provenance provenance = {0};
        ts_run_options run = a->opt.run;
        run.provenance = &provenance;
        st = ts_cli_provenance(&provenance, (uint64_t)a->o.seed, err);
        if (st == TS_OK)
            st = ts_simulation_stream(&cand, 1, &run, &stream, &res, err);
        ts_cli_provenance_free(&provenance);
    }
    ts_scenario_free(&cand);
    ts_results_free(&res);
    if (st == TS_OK && !a->o.quiet)
        fprintf(stderr, "teachsim solve: wrote %s (the run at %s)\n", a->o.output,
                result->found ? "the answer" : "the top of the range");
    return st;
}

/* The search itself, with the same run options for every candidate (the
 * targets only: memory independent of the replications; the answer's file
 * is a run of its own), then the answer and its warnings. */
static ts_status search(solve_args *a, const ts_scenario *sc, int *code, ts_error *err)
{
    printer pr;
    printer_init(&pr, a, sc);
    a->opt.run = (ts_run_options){.seed = (uint32_t)a->o.seed,
                                  .replications = (int32_t)a->o.replications,
                                  .threads = (int)a->o.threads,
                                  .interrupted = ts_cli_catch_interrupts()};
    a->opt.targets_only = 1;
    a->opt.on_point = on_point;
    a->opt.ctx = &pr;
    announce(&pr, a, sc);
    ts_solve_result result = {0};
    ts_status st = a->sweep ? ts_solve_sweep(sc, &a->opt, &result, err) : ts_solve(sc, &a->opt, &result, err);
    if (st == TS_OK) {
        *code = a->sweep ? print_sweep(&pr, &result) : print_answer(&pr, &result);
        if (!result.monotone)
            warn_not_monotone(&pr, &result, a->sweep);
        fflush(stdout);
        if (a->o.output && (result.found || result.n_points > 0))
            st = write_answer(a, sc, &result, err);
    }
    ts_solve_result_free(&result);
    return st;
}

int ts_verb_solve(int argc, char **argv)
{
    solve_args a = {0};
    int code = parse_solve(argc, argv, &a);
    if (code != TS_OPTION_TAKEN)
        return code;
    ts_scenario sc = {0};
    ts_error err = {0};
    code = 0;
    ts_status st = a.scenario ? ts_scenario_load_named(&sc, a.scenario, &err) : ts_scenario_load_builtin(&sc, &err);
    char key[512];
    if (st == TS_OK && (st = ts_cli_vary_key(&sc, a.opt.key, key, sizeof key, &err)) == TS_OK)
        a.opt.key = key;                                    /* a region by its Chinese name is its code from here on */
    if (st == TS_OK && a.o.output && ts_spread_rank() == 0) /* rank 0 alone writes it */
        st = ts_results_path_check(a.o.output, a.o.force, stderr, &err);
    st = ts_spread_agree(st, &err); /* every rank of a spread search goes on, or none */
    if (st == TS_OK)
        st = search(&a, &sc, &code, &err);
    if (st != TS_OK)
        code = ts_cli_fail(&err);
    ts_scenario_free(&sc);
    return code;
}
