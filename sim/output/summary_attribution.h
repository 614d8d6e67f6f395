/*
 * summary_attribution.h: the attribution of a difference, as text
 * (`teachsim attribute` and `teachsim summary FILE --attribution`).
 *
 * Owns: printing each outcome's difference between the scenarios, the
 * groups by the size of their Shapley value with its interval and their
 * effect alone, and the interactions' share. Does not own the attribution
 * nor the file (attribution_h5.h).
 */
#ifndef TEACHSIM_SUMMARY_ATTRIBUTION_H
#define TEACHSIM_SUMMARY_ATTRIBUTION_H

#include <stdio.h>

#include "attribution_h5.h"
#include "table.h"

/** Print every outcome's attribution, in `lang` (groups and keys keep the
 *  names the scenario files use). */
void ts_summary_attribution(FILE *out, const ts_attribution *a, ts_lang lang);

/** Read the group attribution/ of the results file at `path` and print it; the reader's errors. */
ts_status ts_summary_attribution_file(FILE *out, const char *path, ts_lang lang, ts_error *err);

#endif
