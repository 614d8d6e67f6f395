/**
 * @file intake.h
 * The targeted rural-teacher pipeline, 公费定向师范生 (docs/model.md, step 5).
 *
 * Owns: yearly enrolment of provincial and municipal targeted students,
 * their allocation to regions (by rural posts or population), the cohorts in
 * study by programme with yearly drop-out, graduates placed in their home
 * region's rural schools where the gap is largest with guaranteed posts, the
 * years of service they owe, and what happens when the service ends. Breach
 * during service is the leaving step's targeted hazard. It also owns its workspace
 * (one region's candidate schools). Does not own the cohorts' allocation
 * rule (cohorts.h) nor making the teacher record (hiring.h).
 */
#ifndef TEACHSIM_INTAKE_H
#define TEACHSIM_INTAKE_H

#include "world.h"

/** Step 5. Fails only when memory runs out. */
ts_status ts_intake_step(ts_world *w, ts_error *err);

/** The step's workspace (world.h). */
extern const ts_workspace_type ts_intake_workspace_type;

#endif
