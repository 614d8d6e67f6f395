/**
 * @file cohorts.h
 * The targeted students' cohorts by region: the allocation of a year's
 * places, shared by the model (the cohorts in study at the start) and the
 * intake step (each year's enrolment).
 *
 * Owns: the yearly number of places, their allocation to regions (by rural
 * posts or population), and the cohorts already in study at the start.
 * Does not own their study, arrival and service (the intake step).
 */
#ifndef TEACHSIM_COHORTS_H
#define TEACHSIM_COHORTS_H

#include <stdint.h>

#include "model.h"

/** Places of a year's targeted intake, provincial plus municipal (0 when the programme is off). */
int32_t ts_cohorts_yearly_intake(const ts_scenario *scenario);

/** Places of one year's intake going to region r (allocation rule applied). */
void ts_cohorts_allocate(const ts_model *m, const ts_schools *schools, int32_t total, int32_t *by_region);

/** Students in study at the start: the cohort with k years of study done
 *  enrolled targeted_intake.before_start's places of year start - 1 - k (its
 *  own keys, never the run's yearly intake, so a policy of the run does not
 *  rewrite the past), thinned by the expected drop-out (deterministic), into
 *  `students` (ts_student_index). */
void ts_cohorts_at_start(const ts_model *m, int32_t *students);

/** The provincial share of the targeted places enrolled in each school year
 *  from start_year - TS_MAX_STUDY_YEARS to end_year, into share[year -
 *  TS_YEAR_MIN]: provincial / (provincial + municipal) of that year's values
 *  (targeted_intake.before_start.* before the start), 1 for a year without
 *  places. The costs split the students in study by it (record/costs.h). */
void ts_cohorts_provincial_shares(const ts_scenario *scenario, double *share);

#endif
