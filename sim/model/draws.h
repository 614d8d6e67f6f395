/**
 * @file draws.h
 * The year's random words of every teacher, drawn once.
 *
 * Owns: one Philox call per teacher and year, keyed by the teacher's uid
 * (rng.h), whose four words the later steps read: [0] flexible early
 * retirement, [1] leaving (and whether a rural leaver transfers), [2] title
 * promotion or qualification upgrade, [3] backbone promotion. Drawing them in
 * one pass keeps each teacher's fate a pure function of who they are. The
 * words are world state (ts_world.draws), so this needs no workspace. Does
 * not own what the words decide (the steps that read them).
 */
#ifndef TEACHSIM_DRAWS_H
#define TEACHSIM_DRAWS_H

#include "world.h"

/** Draw every present teacher's words for the school year `w->year`, before
 *  step 1. Cannot fail: returns TS_OK. */
ts_status ts_draws_step(ts_world *w, ts_error *err);

#endif
