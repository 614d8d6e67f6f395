/*
 * batch.h: how many replications a streamed run computes between two writes
 * of the results file.
 *
 * Owns: the batch size of a run that streams to a file: the memory budget
 * of the results layer (ts_results_budget_replications) rounded to whole
 * chunk rows of every dataset, at most the run's replications. It changes
 * how many replications are held at a time, never a value.
 * Does not own the memory budget nor the chunk shapes (the results file's
 * layout, results_h5_layout.c), nor running a batch (run.c).
 */
#ifndef TEACHSIM_BATCH_H
#define TEACHSIM_BATCH_H

#include <stddef.h>

#include "teachsim/results.h"

/** Replications per batch of a streamed run: what fits a fixed memory
 *  budget (64 MiB of values), rounded to whole chunk rows, at most R. It
 *  does not depend on R once R is larger, nor on the machine. */
size_t ts_results_batch_replications(const ts_results *res);

#endif
