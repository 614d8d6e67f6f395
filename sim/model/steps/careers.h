/**
 * @file careers.h
 * Ageing and careers (docs/model.md, step 9).
 *
 * Owns: a year more of service and of tenure at the school, title promotion
 * (none -> junior -> middle -> senior) or, in a year without one, an
 * in-service qualification upgrade, and backbone promotion (county -> city ->
 * province) with the 三名 programme's multiplier. Ages need no update: they
 * follow from birth months. Temporaries are not promoted. It also owns its
 * workspace (title posts held and allowed per region). Does not own the
 * retirement ages a senior title changes (retirement_age.h).
 */
#ifndef TEACHSIM_CAREERS_H
#define TEACHSIM_CAREERS_H

#include "world.h"

/** Step 9, for the teachers present when the year's words were drawn.
 *  Cannot fail: returns TS_OK. */
ts_status ts_careers_step(ts_world *w, ts_error *err);

/** The step's workspace (world.h). */
extern const ts_workspace_type ts_careers_workspace_type;

#endif
