/*
 * summary_sensitivity.h: the ranking of a sensitivity study, as text
 * (`teachsim summary FILE --sensitivity` and `teachsim sensitivity`).
 *
 * Owns: ordering the inputs of each outcome by importance (Morris: mu*;
 * Sobol: the total index) and printing them with their intervals. Does not
 * own the study nor the file (sensitivity_h5.h).
 */
#ifndef TEACHSIM_SUMMARY_SENSITIVITY_H
#define TEACHSIM_SUMMARY_SENSITIVITY_H

#include <stdio.h>

#include "sensitivity_h5.h"
#include "table.h"

/** Input order for outcome o, most important first, into order[s->k]. */
void ts_summary_sensitivity_order(const ts_sensitivity *s, size_t o, size_t *order);

/** Print every outcome's ranking; at most `top` inputs each (0: all), in
 *  `lang` (the inputs keep their key paths, which the scenario file uses). */
void ts_summary_sensitivity(FILE *out, const ts_sensitivity *s, size_t top, ts_lang lang);

/** Read the group sensitivity/ of the results file at `path` and print its
 *  ranking (`teachsim summary FILE --sensitivity`); the reader's errors. */
ts_status ts_summary_sensitivity_file(FILE *out, const char *path, size_t top, ts_lang lang, ts_error *err);

/** An outcome of --outcome as a heading says it, into buf (returned): in
 *  English as written; in Chinese an indicator's Chinese name with the
 *  outcome after it ("县域优质均衡评估达标（qb_pass@2034@yuetang）") and a
 *  target's probability in words. Shared with summary_attribution.c. */
const char *ts_outcome_text(const char *outcome, ts_lang lang, char *buf, size_t cap);

#endif
