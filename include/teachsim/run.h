/**
 * @file run.h
 * Running scenarios: every (scenario, replication) pair in parallel.
 *
 * Owns: the run options, and running every (scenario, replication) pair
 * over OpenMP threads into a ts_results, held in memory or streamed to a
 * results file batch by batch. Randomness belongs to (seed, replication)
 * only, so the results are the same bit for bit whatever the number of
 * threads.
 *
 * Does not own any mechanism of the model (the model layer), the layout and
 * memory of the results nor the file format (results.h, docs/results-file.md),
 * nor where the provenance comes from: the caller describes it
 * (ts_run_options.provenance) and the run copies it.
 */
#ifndef TEACHSIM_RUN_H
#define TEACHSIM_RUN_H

#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>

#include "teachsim/results.h"
#include "teachsim/scenario.h"

typedef struct {
    uint32_t seed;
    int32_t replications;
    int threads;                        /* 0: OpenMP's default */
    volatile sig_atomic_t *interrupted; /* checked between replications; may be NULL */
    _Atomic int64_t *done;              /* replications finished, for a progress display; may be NULL */
    size_t reference;                   /* the scenario the others are compared with (comparison.h); 0: the first */
    /* region shards per replication (shards.h): 0 automatic, 1 none, N forced; results do not depend on it */
    int shards;
    /* Where the results come from (base seed, command line, time, version,
     * build). May be NULL: no provenance. The run copies it (strings of the
     * results' own) into res->provenance, and a streamed run writes it as the
     * file's root attributes; the caller keeps its own. */
    const ts_provenance *provenance;
} ts_run_options;

/**
 * Run every scenario for options->replications replications into `res`
 * (allocated here, whatever it held on entry; labels filled; the provenance
 * copied from options->provenance).
 * Scenarios must share their regions and horizon (one file, one grid).
 * After the run, serially: the paired differences against
 * options->reference (comparison.h) and the scenarios' targets (targets.h).
 */
ts_status ts_simulation_run(const ts_scenario *scenarios, size_t n_scenarios, const ts_run_options *options,
                            ts_results *res, ts_error *err);

/** Where a streamed run puts its replications (ts_simulation_stream). */
typedef struct {
    const char *path; /* the results file (results.h's rules); NULL: none written, targets only */
    int force;        /* replace an existing file */
    size_t batch;     /* replications per batch; 0: ts_results_batch_replications (a memory budget) */
} ts_stream_options;

/**
 * ts_simulation_run with memory that does not grow with the replications:
 * batches of replications are computed in parallel and, between batches,
 * written by the calling thread to the results file (when stream->path), so
 * only one batch of values is held. The file's data are bit for bit those of
 * ts_simulation_run + ts_results_write_h5, whatever the batch size and thread
 * count. On return `res` holds the labels, parameters, contrasts (without
 * statistics: they are in the file), the provenance and every target outcome,
 * but no values. *res on entry is not read: the file's root attributes are
 * options->provenance. The file is created before
 * the first replication runs; an interruption or failure removes it.
 */
ts_status ts_simulation_stream(const ts_scenario *scenarios, size_t n_scenarios, const ts_run_options *options,
                               const ts_stream_options *stream, ts_results *res, ts_error *err);

#endif
