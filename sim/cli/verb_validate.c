/*
 * verb_validate.c: `teachsim validate`, loading and checking scenario files
 * (and the rosters they name) without running anything.
 */
#include <stdio.h>
#include <stdlib.h>

#include "options.h"
#include "roster.h"
#include "session.h"
#include "teachsim/scenario.h"
#include "verbs.h"

static const char validate_help[] =
    "Usage: teachsim validate [--resolved] SCENARIO.yaml ...\n"
    "Load and check each scenario; print `ok` and a one-line description, or the errors.\n"
    "Exit code 2 if any file is bad. The name xiangtan-baseline is the built-in baseline.\n\n"
    "      --resolved   after `ok`, print the fully resolved scenario (extends applied,\n"
    "                   every default filled in) as YAML\n";

/* A child that gives its own population.regions loses its parent's: the list
 * replaces the parent's whole. A note on stderr says so, with the regions the
 * scenario has now. Returns the exit code (0, or 1 when memory ran out). */
static int note_regions(const char *path, const ts_scenario *sc)
{
    size_t line, column;
    ts_error err = {0};
    if (ts_scenario_regions_replaced(path, &line, &column, &err) != TS_OK)
        return ts_cli_fail(&err);
    if (!line)
        return 0;
    fprintf(stderr,
            "teachsim validate: note: %s:%zu:%zu: population.regions: this list replaces the regions of the scenario "
            "it extends (they are not merged); the scenario has %d region%s:",
            path, line, column, sc->population.n_regions, sc->population.n_regions == 1 ? "" : "s");
    for (int32_t g = 0; g < sc->population.n_regions; g++)
        fprintf(stderr, " %s%s", sc->population.regions[g].code, g + 1 < sc->population.n_regions ? "," : "\n");
    return 0;
}

/* One file: loaded, its roster (when it names one) checked row by row, `ok`
 * and its description, and the resolved scenario when asked for. Returns
 * the exit code of this file alone. */
static int validate_one(const char *path, int resolved)
{
    ts_scenario sc = {0};
    ts_error err = {0};
    if (ts_scenario_load_named(&sc, path, &err) != TS_OK)
        return ts_cli_fail(&err);
    int code = 0;
    if (sc.population.schools_csv[0]) { /* a real roster: every row is checked too */
        ts_population roster;
        if (ts_roster_load(&roster, &sc, &err) != TS_OK) {
            code = ts_cli_fail(&err);
            ts_scenario_free(&sc);
            return code;
        }
        ts_population_free(&roster);
    }
    if ((code = note_regions(path, &sc)) != 0) {
        ts_scenario_free(&sc);
        return code;
    }
    printf("ok  %s: %s, %d regions, %d-%d%s%s\n", path, sc.name, sc.population.n_regions, sc.horizon.start_year,
           sc.horizon.end_year, sc.description[0] ? ": " : "", sc.description);
    if (resolved) {
        char *yaml = ts_scenario_to_yaml(&sc);
        if (yaml)
            fputs(yaml, stdout);
        else
            code = ts_cli_fail(&(ts_error){TS_ERR_NOMEM, "out of memory writing the resolved scenario"});
        free(yaml);
    }
    ts_scenario_free(&sc);
    return code;
}

int ts_verb_validate(int argc, char **argv)
{
    static const struct option options[] = {{"resolved", no_argument, NULL, 'R'}, TS_OPTION_HELP, TS_OPTION_END};
    ts_shared_options shared = ts_options_defaults(0);
    int c, code, resolved = 0;
    ts_options_begin();
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == 'R')
            resolved = 1;
        else if ((code = ts_options_shared(c, "validate", validate_help, argv, &shared)) != TS_OPTION_TAKEN)
            return code;
    }
    if (optind >= argc)
        return ts_cli_usage_error("validate", "%s", "expects at least one scenario file");
    code = 0;
    for (int i = optind; i < argc; i++) {
        int one = validate_one(argv[i], resolved);
        if (one)
            code = one;
    }
    return code;
}
