/**
 * @file retirement.h
 * Statutory and flexible early retirement (MODEL.md step 3).
 *
 * Owns: the retirement-age rules (the 2025 reform by birth month, the
 * pre-2025 ages, the senior-title option for women) and the yearly step that
 * retires teachers who reach their age, or take flexible early retirement,
 * by 31 August before the school year. Does not own other exits (leaving.h).
 */
#ifndef TEACHSIM_RETIREMENT_H
#define TEACHSIM_RETIREMENT_H

#include "teachsim/scenario.h"
#include "teachsim/world.h"

typedef enum {
    TS_RETIRE_MAN,         /* 60 -> 63 */
    TS_RETIRE_WOMAN_CADRE, /* 55 -> 58; women teachers count as cadres */
    TS_RETIRE_WOMAN_WORKER /* 50 -> 55 */
} ts_retirement_group;

/**
 * Statutory retirement month (TS_MONTH scale) of someone born in
 * `birth_month`: the month they reach the age, under the 2025 reform or, with
 * pre2025 set, the old rule.
 */
int ts_retirement_statutory_month(ts_retirement_group group, int birth_month, int pre2025);

/** The month before which flexible early retirement is not allowed: the old
 *  age, and at most three years before the new one. */
int ts_retirement_early_month(ts_retirement_group group, int birth_month, int pre2025);

/** The retirement month of a teacher, with the scenario's options applied. */
int ts_retirement_teacher_month(const ts_scenario *scenario, int sex, int title, int birth_month);

/** Step 3: retire teachers whose (statutory or early) retirement falls before
 *  the school year `w->year` starts. */
void ts_retirement_step(ts_world *w);

#endif
