/**
 * @file rotation.h
 * Exchange rotation, 交流轮岗 (docs/model.md, step 7).
 *
 * Owns: the end of stints (a rotating teacher stays at the destination with
 * the scenario's probability, else returns home), who is eligible (an
 * established teacher with the scenario's years at the same school, not
 * rotating, not on standby), who is chosen (the rate of each county's
 * eligible teachers, with at least the backbone share of them backbone
 * teachers where enough are eligible; drawn by each teacher's own random
 * word), and where they go (from urban and strong schools to rural and weak
 * ones by default, to the destination with the largest gap in their subject).
 * Counts what the quality-balance assessment checks. It also owns its
 * workspace (backbone teachers per school). Does not own the pool and school
 * trees, which are the matching scratch it shares with posting (matching.h),
 * nor the assessment itself (quality.h).
 */
#ifndef TEACHSIM_ROTATION_H
#define TEACHSIM_ROTATION_H

#include "world.h"

/** Step 7. Cannot fail: returns TS_OK. */
ts_status ts_rotation_step(ts_world *w, ts_error *err);

/** The step's workspace (world.h). */
extern const ts_workspace_type ts_rotation_workspace_type;

#endif
