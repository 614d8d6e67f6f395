/**
 * @file session.h
 * What every verb of one `teachsim` process shares.
 *
 * Owns: the set-up of the process before any verb runs (GSL and HDF5 error
 * handling, the command line as typed), Ctrl-C and SIGTERM, the way a usage
 * error and a failed command are printed with their exit codes (0 ok, 1 run
 * failed, 2 bad input or usage, 130 interrupted), refusing to replace an
 * existing file, and the provenance of a results file a verb writes.
 *
 * Does not own the options of a verb (options.h), the verbs themselves
 * (verbs.h) nor the dispatch to them (cli.c); it calls none of them, so every
 * verb can use it without a circle of calls.
 */
#ifndef TEACHSIM_CLI_SESSION_H
#define TEACHSIM_CLI_SESSION_H

#include <signal.h>
#include <stdint.h>

#include "teachsim/results.h"
#include "teachsim/status.h"

/** Set up the process for any verb: GSL reports through return codes, HDF5
 *  keeps no exit handler, and the command line is remembered as typed
 *  (before getopt_long permutes argv) for the provenance. TS_ERR_NOMEM
 *  when that copy cannot be made. */
ts_status ts_cli_session_begin(int argc, char **argv);

/** Ctrl-C and SIGTERM set the returned flag instead of killing the process,
 *  so that a run can stop cleanly (no partial file, exit 130). */
volatile sig_atomic_t *ts_cli_catch_interrupts(void);

/** "teachsim VERB: <message>" and the way to --help on stderr (verb NULL:
 *  the program itself); returns 2, the exit code of a usage error. */
int ts_cli_usage_error(const char *verb, const char *fmt, const char *arg);

/** "teachsim: <message>" on stderr; returns the exit code of err->status. */
int ts_cli_fail(const ts_error *err);

/** TS_ERR_EXISTS when `path` exists and force is 0 ("PATH: WHAT exists; use
 *  --force to replace it"), else TS_OK. */
ts_status ts_cli_refuse_existing(const char *path, int force, const char *what, ts_error *err);

/** The provenance of a results file written now: the seed, the command line
 *  as typed (shell-quoted), the time, the version and the build. The strings
 *  are the caller's (free with ts_cli_provenance_free). TS_ERR_NOMEM, with
 *  nothing left to free, when one cannot be allocated. */
ts_status ts_cli_provenance(ts_provenance *p, uint64_t seed, ts_error *err);
void ts_cli_provenance_free(ts_provenance *p);

#endif
