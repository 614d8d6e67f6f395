/**
 * @file year.h
 * The school year as a table of steps, and one replication of the years.
 *
 * Owns: the step table (one row per step of docs/model.md, in the order of
 * the school year, each with its workspace), running a world through one
 * school year by the table, allocating a world that can run it (its state,
 * world.h, and every row's workspace), and one replication from the start
 * population to the end year, recording each year. Randomness belongs to
 * (seed, replication) only. Does not own any mechanism (each step's module
 * does), the recording itself (indicators.h), nor the driver that runs
 * replications in parallel (run.h).
 */
#ifndef TEACHSIM_YEAR_H
#define TEACHSIM_YEAR_H

#include <stddef.h>
#include <stdint.h>

#include "record/indicators.h"
#include "world.h"

/** A step of the school year. Steps that cannot fail return TS_OK. */
typedef ts_status ts_step_fn(ts_world *w, ts_error *err);

/** A row of the step table. */
typedef struct {
    int number;                         /* its step in docs/model.md; 0: before step 1 */
    const char *name;                   /* for messages and profiles */
    ts_step_fn *run;                    /* NULL: nothing to run in the year (the caller records) */
    const ts_workspace_type *workspace; /* its scratch, allocated with the world; NULL: none */
} ts_step;

/** Allocate a world able to run any replication of the model. */
ts_status ts_world_alloc(ts_world *w, const ts_model *m, ts_error *err);

/**
 * Allocate a world for the regions [lo, hi) of the model only (a shard,
 * shards.h): its state (ts_world_alloc_state, `share` as there) and every
 * row's workspace, sharing with `share` what a workspace shares.
 */
ts_status ts_world_alloc_regions(ts_world *w, const ts_model *m, int32_t lo, int32_t hi, const ts_world *share,
                                 ts_error *err);

/** One school year: every row of the step table in order. */
ts_status ts_simulation_year(ts_world *w, int year, ts_error *err);

/**
 * ts_simulation_year in pieces, for tests that look at the world between
 * two steps: ts_year_begin (the year's counters start at 0), then
 * ts_year_steps for the rows numbered first..last, as many times as needed
 * to run every row once in order, then ts_year_end (the year's leavers leave
 * the arrays).
 */
void ts_year_begin(ts_world *w, int year);
ts_status ts_year_steps(ts_world *w, int first, int last, ts_error *err);
void ts_year_end(ts_world *w);

/**
 * Run one replication of a model from its start population through the end
 * year, recording into out[i] ([year][region] blocks, indicators.h).
 */
ts_status ts_simulation_replication(ts_world *w, ts_tally *tally, uint32_t seed, uint32_t replication,
                                    double *const *out, ts_error *err);

#endif
