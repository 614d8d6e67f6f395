/*
 * verb_attribute.c: `teachsim attribute`, the attribution of the difference
 * between two scenarios to the groups of keys they differ in.
 *
 * Owns: the options of `attribute`, the progress lines, printing the
 * attribution, writing both scenarios' run with the group attribution/ when
 * -o is given, and the exit codes (0 done, 1 a run failed, 2 bad input or
 * usage, 130 interrupted). The coalitions and their runs are attribution.h's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attribution.h"
#include "options.h"
#include "session.h"
#include "spread.h"
#include "summary_attribution.h"
#include "teachsim/run.h"
#include "verbs.h"

#define ATTR_DEFAULT_REPLICATIONS 100
#define ATTR_MAX_OUTCOMES 16

/* The help keeps one line of its text per line of the source. */
// clang-format off
static const char attribute_help[] =
    "Usage: teachsim attribute A.yaml B.yaml --outcome OUTCOME ... [OPTIONS]\n"
    "Which of the changes from scenario A to scenario B made the difference in an outcome: the keys\n"
    "that differ are gathered in groups (by their section: rotation, posting, ...), every coalition of\n"
    "groups (A with those groups' keys from B) runs the same replications with the same seed (common\n"
    "random numbers), and each group's Shapley value shares out B - A exactly, interactions included.\n"
    "A scenario is a file or the name of a built-in scenario (xiangtan-baseline). docs/attribution.md.\n\n"
    "  --outcome OUTCOME    a target of A (its probability), or INDICATOR@YEAR[@REGION] (the mean over\n"
    "                       the replications; region ALL by default); repeat for more (up to 16)\n"
    "  --by section|key     group the keys that differ by their section (default) or one group per key\n"
    "  --group NAME=PREFIX[,PREFIX...]\n"
    "                       a group of its own for the keys under these paths (repeatable); the rest\n"
    "                       are grouped by --by. At most 12 groups: 4,096 coalitions, a run each\n"
    "  -r, --replications N replications per coalition (default " TS_OPTION_TEXT(ATTR_DEFAULT_REPLICATIONS) ")\n"
    "  -j, --threads N      worker threads (default: all cores)\n"
    "      --seed N         base seed, 0..4294967295 (default " TS_OPTION_TEXT(TS_DEFAULT_SEED) ")\n"
    "  -o, --output FILE    write A and B's run (with comparison/) and the group attribution/\n"
    "      --force          replace an existing results file\n"
    "  -q, --quiet          no progress lines\n"
    "  -h, --help           this help\n\n"
    "Exit codes: 0 done, 1 a run failed, 2 bad input or usage, 130 interrupted.\n";
// clang-format on

typedef struct {
    ts_shared_options o;
    const char *outcomes[ATTR_MAX_OUTCOMES];
    size_t n_outcomes;
    ts_attr_by by;
    ts_attr_rule rules[TS_ATTR_MAX_RULES];
    size_t n_rules;
    const char *scenario[2];
} attr_args;

/* The options of `attribute` alone: 1 taken, 0 not one of them, else 2. */
static int take_option(int c, attr_args *a)
{
    switch (c) {
    case 'U':
        if (a->n_outcomes == ATTR_MAX_OUTCOMES)
            return ts_cli_usage_error("attribute", "at most 16 outcomes; found more, the next '%s'", optarg);
        a->outcomes[a->n_outcomes++] = optarg;
        return 1;
    case 'B':
        if (strcmp(optarg, "section") == 0)
            a->by = TS_ATTR_BY_SECTION;
        else if (strcmp(optarg, "key") == 0)
            a->by = TS_ATTR_BY_KEY;
        else
            return ts_cli_usage_error("attribute", "--by expects section or key, found '%s'", optarg);
        return 1;
    case 'G':
        if (a->n_rules == TS_ATTR_MAX_RULES)
            return ts_cli_usage_error("attribute", "at most 12 --group options; found more, the next '%s'", optarg);
        if (!ts_attr_rule_parse(optarg, &a->rules[a->n_rules]))
            return ts_cli_usage_error("attribute",
                                      "--group expects NAME=PREFIX[,PREFIX...] (a name of at most 63 bytes, key "
                                      "paths such as rotation or costs.rural_allowance), found '%s'",
                                      optarg);
        a->n_rules++;
        return 1;
    default:
        return 0;
    }
}

static int parse(int argc, char **argv, attr_args *a)
{
    static const struct option options[] = {{"outcome", required_argument, NULL, 'U'},
                                            {"by", required_argument, NULL, 'B'},
                                            {"group", required_argument, NULL, 'G'},
                                            TS_OPTION_REPLICATIONS,
                                            TS_OPTION_THREADS,
                                            TS_OPTION_SEED,
                                            TS_OPTION_OUTPUT,
                                            TS_OPTION_FORCE,
                                            TS_OPTION_QUIET,
                                            TS_OPTION_HELP,
                                            TS_OPTION_END};
    a->o = ts_options_defaults(ATTR_DEFAULT_REPLICATIONS);
    int c, code;
    ts_options_begin();
    while ((c = getopt_long(argc, argv, ":r:j:o:qh", options, NULL)) != -1) {
        if ((code = take_option(c, a)) == 1)
            continue;
        if (code != 0 || (code = ts_options_shared(c, "attribute", attribute_help, argv, &a->o)) != TS_OPTION_TAKEN)
            return code;
    }
    if (argc - optind != 2)
        return ts_cli_usage_error("attribute", "%s",
                                  argc - optind < 2 ? "expects two scenarios, A and B (files or built-in names)"
                                                    : "expects two scenarios, A and B; found more");
    if (a->n_outcomes == 0)
        return ts_cli_usage_error("attribute", "%s",
                                  "needs what to measure: --outcome TARGET or --outcome INDICATOR@YEAR[@REGION]");
    a->scenario[0] = argv[optind];
    a->scenario[1] = argv[optind + 1];
    return TS_OPTION_TAKEN;
}

typedef struct {
    int quiet;
    struct timespec start;
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
    size_t every = total / 16 ? total / 16 : 1;
    if (p->quiet || (done % every && done != total))
        return;
    double t = seconds_since(&p->start);
    fprintf(stderr, "teachsim attribute: %zu of %zu coalitions in %.0f s (about %.0f s left)\n", done, total, t,
            t / (double)done * (double)(total - done));
}

/* A and B's run, streamed to the file (with its comparison/), then the group
 * added; a failure to add it removes the file, so no file lacks what -o promised. */
static ts_status write_file(const attr_args *a, const ts_scenario *sc, const ts_run_options *base,
                            const ts_attribution *at, ts_error *err)
{
    ts_provenance provenance = {0};
    ts_results res = {0};
    ts_run_options run = *base;
    ts_stream_options stream = {.path = a->o.output, .force = a->o.force};
    run.provenance = &provenance;
    ts_status st = ts_cli_provenance(&provenance, (uint64_t)a->o.seed, err);
    if (st == TS_OK)
        st = ts_simulation_stream(sc, 2, &run, &stream, &res, err);
    ts_cli_provenance_free(&provenance);
    ts_results_free(&res);
    /* Spread over MPI ranks, rank 0 wrote the runs and adds the group; every rank exits with its outcome. */
    if (st == TS_OK && ts_spread_rank() == 0 && (st = ts_attribution_write_h5(at, a->o.output, err)) != TS_OK)
        remove(a->o.output);
    return ts_spread_agree(st, err);
}

static ts_status attribute(const attr_args *a, const ts_scenario *sc, ts_error *err)
{
    ts_design_outcome outcomes[ATTR_MAX_OUTCOMES];
    ts_attr_group groups[TS_SHAPLEY_MAX_PLAYERS];
    size_t n_groups = 0;
    ts_attribution at = {0};
    ts_status st = TS_OK;
    for (size_t o = 0; o < a->n_outcomes && st == TS_OK; o++) {
        st = ts_design_outcome_parse(&sc[0], a->outcomes[o], &outcomes[o], err);
        if (st == TS_OK && outcomes[o].kind == TS_OUTCOME_INDICATOR) /* its region must be B's too */
            st = ts_design_outcome_parse(&sc[1], a->outcomes[o], &outcomes[o], err);
    }
    if (st == TS_OK)
        st = ts_attribution_groups(&sc[0], &sc[1], a->by, a->rules, a->n_rules, groups, &n_groups, err);
    if (st != TS_OK)
        return st;
    ts_run_options run = {.seed = (uint32_t)a->o.seed,
                          .replications = (int32_t)a->o.replications,
                          .threads = (int)a->o.threads,
                          .interrupted = ts_cli_catch_interrupts()};
    progress pr = {.quiet = a->o.quiet};
    clock_gettime(CLOCK_MONOTONIC, &pr.start);
    if (!a->o.quiet) {
        fprintf(stderr,
                "teachsim attribute: %s -> %s: %zu groups of keys, %zu coalitions x %ld replications, seed %ld\n",
                sc[0].name, sc[1].name, n_groups, (size_t)1 << n_groups, a->o.replications, a->o.seed);
        for (size_t g = 0; g < n_groups; g++) {
            fprintf(stderr, "  %-24s", groups[g].name);
            for (size_t k = 0; k < groups[g].n_keys; k++)
                fprintf(stderr, "%s%s", k ? ", " : " ", groups[g].keys[k]->path);
            fputc('\n', stderr);
        }
    }
    if ((st = ts_attribution_run(&sc[0], &sc[1], groups, n_groups, outcomes, a->n_outcomes, &run, &at, on_point, &pr,
                                 err)) != TS_OK)
        return st;
    double t = seconds_since(&pr.start);
    ts_summary_attribution(stdout, &at, (ts_lang)ts_options_lang_from_locale());
    printf("%zu coalitions x %ld replications in %.1f s\n", at.n_coalitions, a->o.replications, t);
    fflush(stdout);
    if (a->o.output && (st = write_file(a, sc, &run, &at, err)) == TS_OK && !a->o.quiet)
        fprintf(stderr, "teachsim attribute: wrote %s (the run of both scenarios and attribution/)\n", a->o.output);
    ts_attribution_free(&at);
    return st;
}

int ts_verb_attribute(int argc, char **argv)
{
    attr_args a = {0};
    int code = parse(argc, argv, &a);
    if (code != TS_OPTION_TAKEN)
        return code;
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    ts_error err = {0};
    ts_status st = ts_scenario_load_named(&sc[0], a.scenario[0], &err);
    if (st == TS_OK)
        st = ts_scenario_load_named(&sc[1], a.scenario[1], &err);
    if (st == TS_OK && a.o.output && ts_spread_rank() == 0)
        st = ts_cli_refuse_existing(a.o.output, a.o.force, "results file", &err);
    /* The file holds both runs, each labelled by its name: say so now, not after every coalition has run. */
    if (st == TS_OK && a.o.output && strcmp(sc[0].name, sc[1].name) == 0)
        st = ts_error_set(&err, TS_ERR_INPUT,
                          "attribute: both scenarios are named '%s'; -o writes both runs in one file, labelled by "
                          "name: give B a name of its own",
                          sc[0].name);
    st = ts_spread_agree(st, &err); /* every rank of a spread attribution goes on, or none */
    if (st == TS_OK)
        st = attribute(&a, sc, &err);
    code = st != TS_OK ? ts_cli_fail(&err) : 0;
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
    return code;
}
