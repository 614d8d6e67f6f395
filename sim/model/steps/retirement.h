/**
 * @file retirement.h
 * Statutory and flexible early retirement (docs/model.md, step 3).
 *
 * Owns: the yearly step that retires teachers who reach their age, or take
 * flexible early retirement, by 31 August before the school year. Needs no
 * workspace. Does not own the age rules (retirement_age.h) nor other exits
 * (leaving.h).
 */
#ifndef TEACHSIM_RETIREMENT_H
#define TEACHSIM_RETIREMENT_H

#include "world.h"

/** Step 3: retire teachers whose (statutory or early) retirement falls before
 *  the school year `w->year` starts. Cannot fail: returns TS_OK. */
ts_status ts_retirement_step(ts_world *w, ts_error *err);

#endif
