/**
 * @file posting.h
 * County-managed, school-hired posting, 县管校聘 (docs/model.md, step 6).
 *
 * Owns: each year's competition for the posts the staffing step set: a
 * teacher teaching out of field returns to a free post of their own subject
 * in their school; within each school, where a subject has more holders than
 * posts, the lowest-ranked lose their post (校内竞聘); the teachers without a
 * post compete, best first, for same-subject vacancies in other schools of
 * the county, choosing urban before town before rural (跨校竞聘); the county
 * assigns the rest (统筹安排), rural and weak schools first by default, out of
 * field when allowed; whoever is still without a post is on standby with
 * training (待岗培训) and exits after the scenario's years. Targeted
 * graduates in service and rotating teachers sit outside the competition.
 * With posting disabled nothing moves: schools keep their own teachers.
 * It also owns its workspace (surplus holders, open posts). Does not own the
 * posts themselves (the staffing step), nor the pool and school trees, which
 * are the matching scratch it shares with rotation (matching.h).
 */
#ifndef TEACHSIM_POSTING_H
#define TEACHSIM_POSTING_H

#include "world.h"

/** Step 6. Cannot fail: returns TS_OK. */
ts_status ts_posting_step(ts_world *w, ts_error *err);

/** The step's workspace (world.h). */
extern const ts_workspace_type ts_posting_workspace_type;

#endif
