/**
 * @file replications.h
 * One cell of an indicator over the replications held: its values, mean
 * and 5, 50 and 95 % points, as every table of `teachsim summary` reads them.
 *
 * Owns: gathering a cell's defined values (NaN, a share of nobody, left
 * out) in replication order, their mean, and their points (linear
 * interpolation between order statistics, GSL's). Does not own the tables
 * (summary.c, summary_why.c).
 */
#ifndef TEACHSIM_OUTPUT_REPLICATIONS_H
#define TEACHSIM_OUTPUT_REPLICATIONS_H

#include <stddef.h>

#include "teachsim/results.h"

/** The defined values of cell [year * G + region] of indicator `ind`,
 *  scenario s, over the replications res holds, into buf (room for
 *  n_replications); returns how many. */
size_t ts_replications_values(const ts_results *res, size_t ind, size_t s, size_t cell, double *buf);

/** Their mean (sum / n), NaN when none is defined. */
double ts_replications_mean(const ts_results *res, size_t ind, size_t s, size_t cell);

/** Sort buf[0 .. n) and give its 5, 50 and 95 % points (NaN when n is 0). */
void ts_replications_points(double *buf, size_t n, double q[3]);

#endif
