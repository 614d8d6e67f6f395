/**
 * @file retirement_age.h
 * The retirement-age rules (docs/model.md, step 3).
 *
 * Owns: the statutory age by sex and birth month under the 2025 reform and
 * the pre-2025 ages, the earliest month of flexible early retirement, and
 * the senior-title option for women. Pure functions of the scenario's
 * options. Does not own who retires in a year (the retirement step).
 */
#ifndef TEACHSIM_RETIREMENT_AGE_H
#define TEACHSIM_RETIREMENT_AGE_H

#include "teachsim/scenario.h"

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

#endif
