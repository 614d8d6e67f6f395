/* cli.h: the command-line front end (run, validate, summary, solve). Internal. */
#ifndef TEACHSIM_CLI_H
#define TEACHSIM_CLI_H
int ts_cli_main(int argc, char **argv);

#include <stdint.h>

#include "teachsim/results.h"

/* `teachsim solve` (cli_solve.c): argv[0] is "solve". */
int ts_cli_solve(int argc, char **argv);

/* Provenance of a results file written by a command: seed, the command line
 * as typed (shell-quoted), time, version, compiler and library versions. */
void ts_cli_stamp(ts_results *res, uint64_t seed);
#endif
