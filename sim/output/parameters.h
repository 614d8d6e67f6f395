/**
 * @file parameters.h
 * The uncertain parameters of a run: which key paths vary, and their values
 * in each replication, recorded in the results.
 *
 * Owns: the union of the scenarios' uncertain numbers (by key path, in
 * key-table order), their labels in ts_results (name, units, the distribution
 * as text), and a job's draw: the replication's values written into a view of
 * the scenario and into the job's own slots of the results. Does not own the
 * distributions themselves (scenario.h) nor the file layout (results_h5_layout.c).
 */
#ifndef TEACHSIM_PARAMETERS_H
#define TEACHSIM_PARAMETERS_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/results.h"
#include "teachsim/scenario.h"

/** Allocate and label res's parameter rows for scenarios sc[0..n-1] (none
 *  when no scenario has an uncertain number). */
ts_status ts_parameters_label(ts_results *res, const ts_scenario *sc, size_t n, ts_error *err);

/**
 * Replication r's values of scenario s: *values becomes the view that
 * ts_scenario_draw gives (sharing sc[s]'s memory), and each drawn value is
 * stored in res at (parameter, s, r). Allocates nothing; jobs of different
 * (s, r) may run at the same time.
 */
void ts_parameters_draw(ts_results *res, const ts_scenario *sc, size_t s, uint32_t seed, uint32_t r,
                        ts_scenario *values);

#endif
