/**
 * @file names.h
 * The names a planner types on the command line, read as the library reads
 * them.
 *
 * Owns: the key of `solve --vary` with a region given by its Chinese name
 * (population.regions[湘潭县].weak_share) rewritten with the region's code,
 * and an unknown region refused with the valid names. Does not own checking
 * the key itself: the search (run/solve.c) refuses an unknown key, with the
 * nearest one ("did you mean …?").
 */
#ifndef TEACHSIM_CLI_NAMES_H
#define TEACHSIM_CLI_NAMES_H

#include <stddef.h>

#include "teachsim/scenario.h"
#include "teachsim/status.h"

/**
 * The --vary `key` of scenario `sc` into out (size bytes), with a region named
 * by its code or Chinese name written as its code. TS_ERR_USAGE when the
 * region is not the scenario's, listing the regions' names; any other key is
 * passed on as it is, for the search to check.
 */
ts_status ts_cli_vary_key(const ts_scenario *sc, const char *key, char *out, size_t size, ts_error *err);

#endif
