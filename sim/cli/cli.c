/*
 * cli.c: the `teachsim` command line as a table of verbs.
 *
 * Owns: the table of verbs ({name, function, synopsis, one-line help}), the
 * program's own help and version, and the dispatch of argv[1] to its verb
 * through the table. Each verb lives in a file of its own (verbs.h); what
 * they share is in session.h and options.h. Knows nothing of the model.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "teachsim/build_info.h"
#include "session.h"
#include "spread.h"
#include "verbs.h"

typedef struct {
    const char *name;
    ts_verb_fn *function;
    const char *synopsis; /* the arguments after the name, in the program's help */
    const char *help;     /* one line, in the program's help */
} verb;

static const verb verbs[] = {
    {"run", ts_verb_run, "[SCENARIO.yaml ...]",
     "simulate and write a results file (default: built-in Xiangtan baseline)"},
    {"validate", ts_verb_validate, "SCENARIO.yaml ..", "load and check scenario files"},
    {"summary", ts_verb_summary, "FILE",
     "print mean and 5-95 % bands from a results file (--compare: paired differences)"},
    {"solve", ts_verb_solve, "[SCENARIO.yaml] --vary KEY --range LO:HI --target NAME [--probability P]",
     "the smallest value of KEY meeting a target with probability P"},
    {"sensitivity", ts_verb_sensitivity, "[SCENARIO.yaml] --outcome OUTCOME ... [--vary-file RANGES.yaml]",
     "which inputs move an outcome: Morris screening or Sobol indices (--method)"},
    {"attribute", ts_verb_attribute, "A.yaml B.yaml --outcome OUTCOME ...",
     "which changes from A to B made the difference: Shapley values over groups of keys"},
    {"optimise", ts_verb_optimise, "[SCENARIO.yaml] --lever-file LEVERS.yaml --target NAME ...",
     "the cheapest lever mix meeting targets with probability P"},
    {"population", ts_verb_population, "export -o DIR [SCENARIO.yaml]",
     "write the start population as schools.csv and teachers.csv"},
    {"reference", ts_verb_reference, "scenario|indicators", "print the scenario-key or indicator reference (markdown)"},
};

static const char version_text[] = "teachsim " TS_VERSION " (" TS_GIT_DESCRIBE ")\n";

/* The help column: a verb's one-line help starts here when its name and
 * synopsis are narrower; after three spaces when they are wider; on a line
 * of its own, at the column, when they are wider than LONG_SYNOPSIS. */
#define HELP_COLUMN 26
#define LONG_SYNOPSIS 60

static void print_verb(FILE *out, const verb *v)
{
    char usage[256];
    int n = snprintf(usage, sizeof usage, "%s %s", v->name, v->synopsis);
    if (n < HELP_COLUMN)
        fprintf(out, "  %-*s%s\n", HELP_COLUMN, usage, v->help);
    else if (n <= LONG_SYNOPSIS)
        fprintf(out, "  %s   %s\n", usage, v->help);
    else
        fprintf(out, "  %s\n  %*s%s\n", usage, HELP_COLUMN, "", v->help);
}

static void print_help(FILE *out)
{
    fputs("Usage: teachsim COMMAND [OPTIONS] [ARGS]\n"
          "Monte Carlo simulation of a region's school-teacher workforce.\n\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        print_verb(out, &verbs[i]);
    fputs("\nOptions: --help (also after a command), --version\n"
          "Exit codes: 0 ok, 1 run failed, 2 bad input or usage, 130 interrupted.\n",
          out);
}

/*
 * A verb that printed its answer to a full disk or a closed pipe has not
 * done its job, although each fputs went into the buffer: flush standard
 * output once, here, for every verb, and turn a failure into a message and
 * exit 1 (an input/output failure, include/teachsim/status.h). A verb that
 * already failed keeps its own exit code.
 */
static int finish_stdout(int code)
{
    int failed = fflush(stdout) != 0 || ferror(stdout);
    if (!failed)
        return code;
    int e = errno;
    fprintf(stderr, "teachsim: cannot write standard output: %s\n", e ? strerror(e) : "write error");
    return code == 0 ? 1 : code;
}

static int dispatch(int argc, char **argv);

int ts_cli_main(int argc, char **argv)
{
    errno = 0;
    return finish_stdout(dispatch(argc, argv));
}

static int dispatch(int argc, char **argv)
{
    if (ts_cli_session_begin(argc, argv) != TS_OK) {
        ts_error err = {0};
        ts_error_set(&err, TS_ERR_NOMEM, "out of memory");
        return ts_cli_fail(&err);
    }
    if (argc < 2) {
        print_help(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        fputs(version_text, stdout);
        return 0;
    }
    if (ts_spread_ranks() > 1) {
        /* The verbs that run scenarios spread over MPI ranks (docs/cluster.md); the others are
         * quick, and would write their files from every rank. */
        static const char *const spread_verbs[] = {"run", "sensitivity", "solve", "optimise", "attribute"};
        int spreads = 0;
        for (size_t i = 0; i < sizeof spread_verbs / sizeof spread_verbs[0]; i++)
            spreads |= strcmp(name, spread_verbs[i]) == 0;
        if (!spreads) {
            ts_error err = {0};
            ts_error_set(&err, TS_ERR_USAGE,
                         "teachsim %s does not spread over MPI ranks (run, sensitivity, solve, optimise and "
                         "attribute do); start it as one process, not on %d ranks",
                         name, ts_spread_ranks());
            return ts_cli_fail(&err);
        }
        /* Every rank takes the same steps and agrees on every error, so rank 0 speaks for all:
         * the others' summaries, progress lines and errors would be copies. */
        if (ts_spread_rank() != 0 && (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)))
            return 1;
    }
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(name, verbs[i].name) == 0)
            return verbs[i].function(argc - 1, argv + 1);
    return ts_cli_usage_error(NULL, "unknown command '%s'", name);
}
