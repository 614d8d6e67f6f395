/**
 * @file mergers.h
 * Small schools merging into their township school (docs/model.md, step 1,
 * mergers).
 *
 * Owns: at the start of the school year, after enrolment, merging every
 * school of the world's regions with fewer pupils than
 * network.merge_below_pupils into the lead of its group (alliances.h: the
 * largest school of its county and level, with the smallest), which stands
 * in for its township school: its pupils move there by grade, its share of
 * the entrants goes with them, its teachers go with them (each in the
 * subject of their post), and it is closed for good (ts_schools.closed).
 * Needs no workspace. Does not own the groups (alliances.h) nor the
 * redeployment of the receiving school's teachers beyond its posts, which
 * is the county posting's (posting.h).
 */
#ifndef TEACHSIM_MERGERS_H
#define TEACHSIM_MERGERS_H

#include "world.h"

/** Step 1, after enrolment: the year's mergers. Cannot fail: returns TS_OK. */
ts_status ts_mergers_step(ts_world *w, ts_error *err);

#endif
