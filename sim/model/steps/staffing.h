/**
 * @file staffing.h
 * The staffing step (docs/model.md, step 2).
 *
 * Owns: setting every school's requirement and posts by subject for the
 * school year from its pupils. Needs no workspace. Does not own the norms
 * themselves (staffing_norms.h).
 */
#ifndef TEACHSIM_STAFFING_H
#define TEACHSIM_STAFFING_H

#include "world.h"

/** Step 2: every school's requirement and posts for the school year.
 *  Cannot fail: returns TS_OK. */
ts_status ts_staffing_step(ts_world *w, ts_error *err);

#endif
