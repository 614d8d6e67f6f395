/**
 * @file recruitment.h
 * Filling established vacancies and the use of temporaries (docs/model.md, step 8).
 *
 * Owns: open recruitment (公开招聘) of established teachers up to a yearly
 * cap per region, with a lower fill probability for rural posts and a limited
 * supply of music/PE/art graduates; the release of temporaries no longer
 * needed (or no longer allowed); temporaries hired into what is left when the
 * scenario allows. Does not own where existing teachers are posted, nor
 * making the teacher record (hiring.h). It also owns its workspace (the serving
 * order, the temporaries released).
 */
#ifndef TEACHSIM_RECRUITMENT_H
#define TEACHSIM_RECRUITMENT_H

#include "world.h"

/** Step 8. Fails only when memory runs out. */
ts_status ts_recruitment_step(ts_world *w, ts_error *err);

/** The step's workspace (world.h). */
extern const ts_workspace_type ts_recruitment_workspace_type;

#endif
