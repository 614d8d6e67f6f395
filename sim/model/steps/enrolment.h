/**
 * @file enrolment.h
 * Pupils through the grades (docs/model.md, step 1).
 *
 * Owns: grade progression, grade-9 leavers, the move of primary-school
 * leavers into the region's junior schools, grade-1 entrants from births six
 * years earlier, and the yearly rural-to-town/urban shift of pupils. Pupils
 * never cross regions. It also owns its workspace (one region's weights and
 * shares). Does not own what pupils imply for staffing (staffing.h).
 */
#ifndef TEACHSIM_ENROLMENT_H
#define TEACHSIM_ENROLMENT_H

#include "world.h"

/** Step 1: the pupils of every school for the school year `w->year`.
 *  Cannot fail: returns TS_OK. */
ts_status ts_enrolment_step(ts_world *w, ts_error *err);

/** The step's workspace (world.h). */
extern const ts_workspace_type ts_enrolment_workspace_type;

#endif
