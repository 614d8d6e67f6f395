/*
 * summary_optimise.h: the answer of a lever search, as text (`teachsim
 * optimise` and `teachsim summary FILE --optimise`).
 *
 * Owns: printing the search (the outcome minimised, the levers, the grid
 * and how it was searched), the answer with its outcome and each target's
 * probability and Wilson interval, or "out of reach" with the mix that came
 * closest, the runners-up and the mixes feasible in the search but not in
 * their confirmation, and the count of replications run; in English or
 * Chinese. Does not own the search (run/optimise.h) nor the record and its
 * file (optimise_h5.h).
 */
#ifndef TEACHSIM_SUMMARY_OPTIMISE_H
#define TEACHSIM_SUMMARY_OPTIMISE_H

#include <stdio.h>

#include "optimise_h5.h"
#include "table.h"

/** Print the record in `lang`; returns 0 when a mix meets every target, 1
 *  when the targets are out of reach (the verb's exit code). */
int ts_summary_optimise(FILE *out, const ts_optimise_record *r, ts_lang lang);

/** Read the group optimise/ of the results file at `path` and print it
 *  (`teachsim summary FILE --optimise`); the reader's errors. */
ts_status ts_summary_optimise_file(FILE *out, const char *path, ts_lang lang, ts_error *err);

#endif
