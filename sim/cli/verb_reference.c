/*
 * verb_reference.c: `teachsim reference scenario|indicators`, the generated
 * references of docs/scenario-reference.md and docs/indicators.md.
 */
#include <stdio.h>
#include <string.h>

#include "reference.h"
#include "session.h"
#include "verbs.h"

int ts_verb_reference(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "scenario") == 0)
        ts_reference_scenario(stdout);
    else if (strcmp(what, "indicators") == 0)
        ts_reference_indicators(stdout);
    else
        return ts_cli_usage_error("reference", "expects 'scenario' or 'indicators', found '%s'", what);
    return 0;
}
