/**
 * @file shards.h
 * One replication on several threads: the regions split into shards.
 *
 * Every mechanism acts within a region (county), every random number is keyed
 * by (seed, replication) and an entity (teacher, school, region), never by an
 * array position, and every sort breaks ties by the order of the teachers,
 * which within a region is the same in a shard as in the whole array. So a
 * replication split into shards of contiguous regions [lo, hi), each a
 * ts_world with the teachers of its regions (in their start order) and its own
 * scratch, sharing one schools array (each shard touches only its regions'
 * schools), gives the same results bit for bit as one world. What the regions
 * share is handled where it arises: the targeted intake's allocation across
 * regions reads every region's rural posts after the shards meet at a barrier
 * after staffing (year.c), and the ALL row of the indicators is computed
 * once, by one thread, after every shard has tallied its regions.
 *
 * Owns: choosing the number of shards, balancing their boundaries by start
 * teachers, the shard worlds, and running a replication with them (one
 * OpenMP thread per shard). Does not own any mechanism, the pipeline
 * (year.c) or the scheduling of replications (ts_simulation_run).
 */
#ifndef TEACHSIM_SHARDS_H
#define TEACHSIM_SHARDS_H

#include <stdint.h>

#include "record/indicators.h"
#include "world.h"

typedef struct {
    int n;             /* shards; 1: one whole world, the unsharded path */
    ts_world *world;   /* n worlds, regions in order; world[0] owns the schools the others share */
    ts_status *status; /* n: each shard's outcome of the last replication */
    ts_error *err;     /* n: each shard's message */
    /* Where the last replication's time went, from the threads' CPU clocks
     * (unaffected by other programs taking the cores): the busiest shard's
     * seconds summed over the years (waits excluded under
     * OMP_WAIT_POLICY=passive), plus the serial recording of ALL: the
     * replication's time on idle cores. And every shard's seconds summed. */
    double critical_s, cpu_s;
    double *year_s; /* n: scratch, each shard's seconds this year */
} ts_shards;

/**
 * How many shards a run uses: `requested` when positive (1: none), else
 * automatic: as many as threads when there are fewer jobs (scenarios x
 * replications) than threads, so that the spare threads work inside a
 * replication; else 1. Never more than the regions.
 */
int ts_shards_choose(int64_t jobs, int threads, int requested, int32_t n_regions);

/**
 * Boundaries of n shards of the model's regions: shard k holds the regions
 * [bound[k], bound[k + 1]), bound[0] = 0, bound[n] = n_regions, each shard at
 * least one region, cut where the start teachers are split most evenly
 * (the yearly work is per teacher). n must be in [1, n_regions].
 */
void ts_shards_bounds(const ts_model *m, int n, int32_t *bound);

/** Allocate n shards (n in [1, m->n_regions]) for replications of the model. */
ts_status ts_shards_alloc(ts_shards *sh, const ts_model *m, int n, ts_error *err);
void ts_shards_free(ts_shards *sh);

/** Point every shard at `m`, a copy of the allocating model with other
 *  parameters (uncertain parameters, run.c): same regions and tables. */
void ts_shards_set_model(ts_shards *sh, const ts_model *m);

/** Where every world of the replication adds its schools' outcomes of each
 *  year (world.h, school_sums); NULL: nowhere. */
void ts_shards_set_school_sums(ts_shards *sh, ts_school_sums *sums);

/** The schools every world of the replication follows for targets, and
 *  where their outcomes go (world.h, watch_out); n 0: none. */
void ts_shards_set_watch(ts_shards *sh, int32_t n, const int32_t *schools, double *const *out);

/**
 * Run one replication, as ts_simulation_replication, with one OpenMP thread
 * per shard (a nested parallel region: call it where the calling thread is
 * alone in its team, or the threads are not there: TS_ERR_RUN). With
 * n = 1, exactly ts_simulation_replication on the one world. `tally` has
 * n_regions + 1 entries and is shared by the shards (each fills its regions).
 */
ts_status ts_shards_replication(ts_shards *sh, ts_tally *tally, uint32_t seed, uint32_t replication, double *const *out,
                                ts_error *err);

#endif
