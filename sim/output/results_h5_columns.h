/**
 * @file results_h5_columns.h
 * The bands of an indicator read from a results file one column at a time,
 * in memory that does not grow with the replications.
 *
 * Owns: opening an indicator's dataset (a root indicator or a row of a
 * subject family) of a finished results file, checking its shape against
 * the results it was written from, and reading the column of one scenario
 * and region, every year, in blocks of replications for
 * ts_replications_bands_read. `teachsim run` prints its summary this way,
 * so a run of 10^8 replications prints with the memory of one of 10^3
 * (issue 18, item 13). Does not own the selection (replications.c) nor the
 * tables (summary.c).
 */
#ifndef TEACHSIM_OUTPUT_RESULTS_H5_COLUMNS_H
#define TEACHSIM_OUTPUT_RESULTS_H5_COLUMNS_H

#include <stddef.h>

#include "replications.h"
#include "teachsim/results.h"

/** The buffers a column's bands use by default (replications.h). */
#define TS_COLUMN_BUDGET_BYTES (16u << 20)

/**
 * The band of every year of indicator `ind` of `shape` (the results the file
 * at `path` was written from: their dimensions and indicator table),
 * scenario s, region g, into bands[0 .. n_years), read with about
 * budget_bytes of buffers. Errors name the file.
 */
ts_status ts_results_file_bands(const char *path, const ts_results *shape, size_t ind, size_t s, size_t g,
                                size_t budget_bytes, ts_band *bands, ts_error *err);

#endif
