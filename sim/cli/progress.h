/**
 * @file progress.h
 * The progress bar of `teachsim run` on a terminal.
 *
 * Owns: counting the time of a run, and drawing the replications done, the
 * rate and the time left on stderr from a thread of its own, so that the
 * worker threads never do I/O (they only add to `done`, ts_run_options.done).
 *
 * Does not own the run (teachsim/run.h) nor deciding whether to show
 * anything beyond stderr being a terminal (the verb says quiet or not).
 */
#ifndef TEACHSIM_CLI_PROGRESS_H
#define TEACHSIM_CLI_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

typedef struct {
    _Atomic int64_t done; /* replications finished, added to by the run */
    int64_t total;
    _Atomic int stop;
    struct timespec started;
    pthread_t display;
    int display_running;
} ts_progress;

/** Start the clock for `total` replications, and the display when `show`
 *  and stderr is a terminal. */
void ts_progress_start(ts_progress *p, int64_t total, int show);

/** Stop the display, if any, after drawing the last state. */
void ts_progress_stop(ts_progress *p);

/** Seconds since ts_progress_start. */
double ts_progress_seconds(const ts_progress *p);

#endif
