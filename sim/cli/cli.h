/* cli.h: the command-line front end (run, validate, summary, solve). Internal. */
#ifndef TEACHSIM_CLI_H
#define TEACHSIM_CLI_H
int ts_cli_main(int argc, char **argv);

#include <signal.h>
#include <stdint.h>

#include "teachsim/results.h"

/* `teachsim solve` (cli_solve.c): argv[0] is "solve". */
int ts_cli_solve(int argc, char **argv);

/* Provenance of a results file written by a command: seed, the command line
 * as typed (shell-quoted), time, version, compiler and library versions.
 * TS_ERR_NOMEM when a string could not be allocated (those that were are in
 * res, for ts_results_free). */
ts_status ts_cli_stamp(ts_results *res, uint64_t seed, ts_error *err);

/* Ctrl-C and SIGTERM set the returned flag instead of killing the process, so
 * a run can stop cleanly (no partial file, exit 130). */
volatile sig_atomic_t *ts_cli_catch_interrupts(void);

/* "teachsim VERB: <message>" and the way to --help on stderr; returns 2. */
int ts_cli_usage_error(const char *verb, const char *fmt, const char *arg);
#endif
