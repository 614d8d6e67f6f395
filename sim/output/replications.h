/**
 * @file replications.h
 * One cell of an indicator over the replications: its values, mean and 5,
 * 50 and 95 % points, as every table of `teachsim summary` reads them, from
 * the replications held in memory or from blocks of replications read one
 * after another (a results file, column by column) in bounded memory.
 *
 * Owns: gathering a cell's defined values (NaN, a share of nobody, left
 * out; -0 read as 0) in replication order, their mean (their sum in
 * replication order over their count), their points (linear interpolation
 * between order statistics, GSL's rule), and the exact selection of those
 * order statistics from blocks of replications (a radix selection on the
 * values' bits, docs/decisions.md "The printout of a long run"). Both give
 * the same bits for the same values. Does not own the tables (summary.c,
 * summary_why.c) nor reading a file (results_h5_columns.c).
 */
#ifndef TEACHSIM_OUTPUT_REPLICATIONS_H
#define TEACHSIM_OUTPUT_REPLICATIONS_H

#include <stddef.h>

#include "teachsim/results.h"
#include "teachsim/status.h"

/** The defined values of cell [year * G + region] of indicator `ind`,
 *  scenario s, over the replications res holds, into buf (room for
 *  n_replications); returns how many. */
size_t ts_replications_values(const ts_results *res, size_t ind, size_t s, size_t cell, double *buf);

/** Their mean (sum in replication order / n), NaN when none is defined. */
double ts_replications_mean(const ts_results *res, size_t ind, size_t s, size_t cell);

/** Sort buf[0 .. n) and give its 5, 50 and 95 % points (NaN when n is 0). */
void ts_replications_points(double *buf, size_t n, double q[3]);

/** A cell's band: how many replications define it, their mean and points. */
typedef struct {
    size_t n;
    double mean;
    double q[3]; /* 5, 50, 95 % */
} ts_band;

/** The band of a cell from the replications held (the same numbers as
 *  ts_replications_mean and ts_replications_points); buf has room for
 *  n_replications. */
void ts_replications_band(const ts_results *res, size_t ind, size_t s, size_t cell, double *buf, ts_band *band);

/** Fill buf[k * n_years + y] for replications r0 .. r0 + n - 1, year y, of
 *  one column (an indicator, a scenario, a region). */
typedef ts_status (*ts_column_reader)(void *ctx, size_t r0, size_t n, double *buf, ts_error *err);

/**
 * The bands of every year of one column of n_replications x n_years values,
 * read in blocks of replications by `read` (in replication order, each
 * block once per pass) with at most about budget_bytes of buffers (plus 12
 * KiB per year of counters): exactly ts_replications_band's numbers, bit
 * for bit. A column that fits is read once; a longer one a few more times,
 * each pass fixing 8 more bits of the order statistics that are still open.
 */
ts_status ts_replications_bands_read(ts_column_reader read, void *ctx, size_t n_replications, size_t n_years,
                                     size_t budget_bytes, ts_band *bands, ts_error *err);

#endif
