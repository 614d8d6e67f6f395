/**
 * @file draws.h
 * The year's random words of every teacher, drawn once.
 *
 * Owns: one Philox call per teacher and year, keyed by the teacher's uid
 * (rng.h), whose four words the later steps read: [0] flexible early
 * retirement, [1] leaving (and whether a rural leaver transfers), [2] title
 * promotion or qualification upgrade, [3] backbone promotion. Drawing them in
 * one pass keeps each teacher's fate a pure function of who they are.
 */
#ifndef TEACHSIM_DRAWS_H
#define TEACHSIM_DRAWS_H

#include "world.h"

void ts_draws_step(ts_world *w);

#endif
