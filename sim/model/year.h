/**
 * @file year.h
 * The school year as a table of steps, and one replication of the years.
 *
 * Owns: running a world through one school year (the steps of docs/model.md
 * in the order of the step table, steps.h) and one replication from the
 * start population to the end year, recording each year. Randomness belongs
 * to (seed, replication) only. Does not own any mechanism, nor the driver
 * that runs replications in parallel (run.h).
 */
#ifndef TEACHSIM_YEAR_H
#define TEACHSIM_YEAR_H

#include <stdint.h>

#include "record/indicators.h"
#include "world.h"

/** One school year: every step of MODEL.md in order. */
ts_status ts_simulation_year(ts_world *w, int year, ts_error *err);

/**
 * Run one replication of a model from its start population through the end
 * year, recording into out[i] ([year][region] blocks, indicators.h).
 */
ts_status ts_simulation_replication(ts_world *w, ts_tally *tally, uint32_t seed, uint32_t replication,
                                    double *const *out, ts_error *err);

#endif
