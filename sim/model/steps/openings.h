/**
 * @file openings.h
 * New schools opening (docs/model.md, step 1, openings).
 *
 * Owns: at the start of the school year, before enrolment, opening each of
 * the scenario's new schools (network.new_schools, appended closed after the
 * start's schools by ts_population_add_new_schools) in the year it gives:
 * it takes from its catchment (the region's open schools of its locality
 * that take the same entrants, the whole region when its locality has none)
 * the share of their weight in the entrants that fills its capacity at this
 * year's entrants, a grade a year. Needs no workspace. Does not own the
 * entrants themselves nor holding them to the capacity (enrolment.h), nor
 * staffing the school (the county posting and recruitment fill its posts as
 * any school's).
 */
#ifndef TEACHSIM_OPENINGS_H
#define TEACHSIM_OPENINGS_H

#include "world.h"

/** Step 1, before enrolment: the year's openings. Cannot fail: returns TS_OK. */
ts_status ts_openings_step(ts_world *w, ts_error *err);

#endif
