/**
 * @file staffing.h
 * The staffing step (docs/model.md, step 2).
 *
 * Owns: setting every school's requirement and posts by subject for the
 * school year from its pupils. The norms themselves are staffing_norms.h's.
 */
#ifndef TEACHSIM_STAFFING_H
#define TEACHSIM_STAFFING_H

#include "world.h"

/** Step 2: every school's requirement and posts for the school year. */
void ts_staffing_step(ts_world *w);

#endif
