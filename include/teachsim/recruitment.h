/**
 * @file recruitment.h
 * Filling established vacancies and the use of temporaries (MODEL.md step 8).
 *
 * Owns: open recruitment (公开招聘) of established teachers up to a yearly
 * cap per region, with a lower fill probability for rural posts and a limited
 * supply of music/PE/art graduates; the release of temporaries no longer
 * needed (or no longer allowed); temporaries hired into what is left when the
 * scenario allows; and creating a new teacher record (also used by other
 * intakes). Does not own where existing teachers are posted.
 */
#ifndef TEACHSIM_RECRUITMENT_H
#define TEACHSIM_RECRUITMENT_H

#include "teachsim/world.h"

/**
 * Append a new teacher in `school` teaching `subject` with `contract`,
 * hired in w->year; identity and attributes come from the region's hire
 * counter and the teacher's own random words. Returns the row, or -1 when
 * memory ran out (err set).
 */
int32_t ts_recruitment_new_teacher(ts_world *w, int32_t school, int subject, int contract, ts_error *err);

/** Step 8. Fails only when memory runs out. */
ts_status ts_recruitment_step(ts_world *w, ts_error *err);

#endif
