/**
 * @file staffing.h
 * The staffing requirement (编制) of each school (MODEL.md step 2).
 *
 * Owns: turning a school's pupils by grade into teaching posts (pupil ratio
 * times teaching share, with the class-to-teacher floor that binds in small
 * rural schools and teaching points) and splitting them across subjects by
 * curriculum hours. Does not own who fills the posts (recruitment, posting).
 */
#ifndef TEACHSIM_STAFFING_H
#define TEACHSIM_STAFFING_H

#include <stdint.h>

#include "teachsim/scenario.h"
#include "teachsim/world.h"

/** Posts by subject of one school with these pupils; returns the total. */
int32_t ts_staffing_school(const ts_scenario *scenario, const int32_t pupils[TS_GRADES],
                           int32_t posts[TS_SUBJECT_COUNT]);

/** Teaching posts of one part of a school: part 0 primary (grades 1-6), 1 junior (7-9). */
int32_t ts_staffing_part(const ts_scenario *scenario, const int32_t pupils[TS_GRADES], int part);

/** Classes a school needs for its pupils (class-size limits). */
int32_t ts_staffing_classes(const ts_scenario *scenario, const int32_t pupils[TS_GRADES]);

/** Requirement, posts, part requirements and pupil totals of every school. */
void ts_staffing_schools(const ts_scenario *scenario, ts_schools *schools);

/** The model's table of subject splits (world.h, TS_SPLIT_TABLE_NEEDS): the
 *  same split ts_staffing_school makes, looked up instead of recomputed. */
void ts_staffing_split_table(const ts_scenario *scenario, int32_t table[2][TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT]);

/** Step 2: every school's requirement and posts for the school year. */
void ts_staffing_step(ts_world *w);

#endif
