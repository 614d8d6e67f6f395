/**
 * @file staffing_norms.h
 * The staffing requirement (编制) of a school from its pupils (docs/model.md,
 * step 2).
 *
 * Owns: turning a school's pupils by grade into teaching posts (pupil ratio
 * times teaching share, with the class-to-teacher floor that binds in small
 * rural schools and teaching points) and splitting them across subjects by
 * curriculum hours. Pure functions of the scenario and the pupils. Does not
 * own the schools' arrays (population.h) nor who fills the posts.
 */
#ifndef TEACHSIM_STAFFING_NORMS_H
#define TEACHSIM_STAFFING_NORMS_H

#include <stdint.h>

#include "teachsim/scenario.h"

/* A part's posts split across subjects are tabled for requirements below
 * this (the split depends only on the part and the requirement). */
#define TS_SPLIT_TABLE_NEEDS 256

/** Posts by subject of one school with these pupils and the two parts'
 *  requirements (primary, junior); returns the total. With a split table
 *  (ts_staffing_split_table), splits of small requirements are looked up
 *  instead of recomputed (the same numbers); NULL computes them. */
int32_t ts_staffing_school_parts(const ts_scenario *scenario, const int32_t pupils[TS_GRADES],
                                 int32_t posts[TS_SUBJECT_COUNT], int32_t parts[2],
                                 const int32_t (*table)[TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT]);

/** Classes a school needs for its pupils (class-size limits). */
int32_t ts_staffing_classes(const ts_scenario *scenario, const int32_t pupils[TS_GRADES]);

/** The table of subject splits by part and requirement below
 *  TS_SPLIT_TABLE_NEEDS: the split ts_staffing_school_parts makes. */
void ts_staffing_split_table(const ts_scenario *scenario, int32_t table[2][TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT]);

#endif
