/*
 * verb_population.c: `teachsim population export`, the start population of
 * a scenario written as a real roster (docs/rosters.md).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "options.h"
#include "population.h"
#include "roster.h"
#include "session.h"
#include "teachsim/scenario.h"
#include "verbs.h"

#define VERB "population export"

static const char population_help[] =
    "Usage: teachsim population export -o DIR [SCENARIO.yaml] [--seed N] [--force]\n"
    "Write the start population of a scenario as a real roster, DIR/schools.csv and\n"
    "DIR/teachers.csv (docs/rosters.md); with no scenario, of the built-in Xiangtan\n"
    "baseline. A scenario that names a roster has it checked and written back.\n"
    "A scenario naming the two files (population.schools_csv, population.teachers_csv)\n"
    "starts from the same population bit for bit, so `run` with the same seed gives\n"
    "the same results.\n\n"
    "  -o, --output DIR   folder of the two files (created when missing)\n"
    "      --seed N       base seed, 0..4294967295 (default " TS_OPTION_TEXT(
        TS_DEFAULT_SEED) ", as in run)\n"
                         "      --force        replace existing files\n"
                         "  -h, --help         this help\n\n"
                         "Exit codes: 0 ok, 1 write failed, 2 bad input or usage.\n";

typedef struct {
    ts_shared_options o;
    char folder[4000];    /* -o DIR without trailing slashes */
    const char *scenario; /* NULL: the built-in baseline */
} export_args;

/* The subcommand and options of `population export`: TS_OPTION_TAKEN when
 * the export can go ahead, else the exit code (help or a usage error). */
static int parse_export(int argc, char **argv, export_args *a)
{
    static const struct option options[] = {TS_OPTION_OUTPUT, TS_OPTION_SEED, TS_OPTION_FORCE, TS_OPTION_HELP,
                                            TS_OPTION_END};
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
    a->o = ts_options_defaults(0);
    int c, code;
    ts_options_begin();
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1)
        if ((code = ts_options_shared(c, VERB, population_help, argv, &a->o)) != TS_OPTION_TAKEN)
            return code;
    if (!a->o.output)
        return ts_cli_usage_error(VERB, "%s", "needs the output folder: -o DIR");
    snprintf(a->folder, sizeof a->folder, "%s", a->o.output);
    for (size_t len = strlen(a->folder); len > 1 && a->folder[len - 1] == '/'; len--)
        a->folder[len - 1] = '\0'; /* DIR/ names the same folder as DIR */
    if (argc - optind > 1)
        return ts_cli_usage_error(VERB, "expects at most one scenario file, found also '%s'", argv[optind + 1]);
    a->scenario = optind < argc ? argv[optind] : NULL;
    return TS_OPTION_TAKEN;
}

/* The folder made, the two files refused when they exist (unless --force),
 * the population built with the seed and written. */
static ts_status export_population(const export_args *a, ts_error *err)
{
    const char *dir = a->folder;
    ts_scenario sc = {0};
    ts_population pop = {0};
    char path[2][4096];
    ts_status st = a->scenario ? ts_scenario_load_named(&sc, a->scenario, err) : ts_scenario_load_builtin(&sc, err);
    if (st == TS_OK && mkdir(dir, 0777) != 0 && errno != EEXIST)
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot create the folder: %s", dir, strerror(errno));
    for (int k = 0; st == TS_OK && k < 2; k++) {
        snprintf(path[k], sizeof path[k], "%s/%s", dir, k ? "teachers.csv" : "schools.csv");
        st = ts_cli_refuse_existing(path[k], a->o.force, "file", err);
    }
    if (st == TS_OK)
        st = ts_population_build(&pop, &sc, (uint32_t)a->o.seed, err);
    if (st == TS_OK)
        st = ts_roster_export(&pop, &sc, dir, err);
    if (st == TS_OK)
        /* the scenario's new schools are not in a roster (they open later) */
        fprintf(stderr, "teachsim: wrote %s (%d schools) and %s (%d teachers)\n", path[0],
                (int)(pop.schools.n - sc.network.new_schools.n), path[1], (int)pop.teachers.n);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
    return st;
}

int ts_verb_population(int argc, char **argv)
{
    export_args a = {0};
    int code = parse_export(argc, argv, &a);
    if (code != TS_OPTION_TAKEN)
        return code;
    ts_error err = {0};
    return export_population(&a, &err) != TS_OK ? ts_cli_fail(&err) : 0;
}
