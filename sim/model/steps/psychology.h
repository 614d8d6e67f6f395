/**
 * @file psychology.h
 * Psychological counselling staff in every school (docs/model.md, step 8,
 * psychology; the plan: every school with such staff).
 *
 * Owns: each school's psychology posts of the year from its pupils
 * (full-time posts, one per psychology.pupils_per_full_time pupils, from
 * psychology.full_time_from pupils; else one part-time post, a teacher of
 * another subject trained for it), the staff holding them (drawn at
 * psychology.start_share the first year the requirement is counted; then
 * full-time staff leave at psychology.leave_rate, staff beyond the posts
 * return to teaching, and open posts fill at psychology.fill_rate), and the
 * year's hires. Staff are counts per school, not teachers of the roster:
 * they hold no teaching post. Needs no workspace. Does not own their
 * indicators and cost (record/).
 */
#ifndef TEACHSIM_PSYCHOLOGY_H
#define TEACHSIM_PSYCHOLOGY_H

#include "world.h"

enum { TS_PSYCH_COUNTED = 1, TS_PSYCH_PART_TIME = 2 };

/** A school's psychology posts for `pupils`: full-time ones, and 0 or 1 part-time. */
void ts_psychology_posts(const ts_scenario *sc, int32_t pupils, int32_t *full, int32_t *part);

/** Step 8, after recruitment: the year's psychology staff. Cannot fail: returns TS_OK. */
ts_status ts_psychology_step(ts_world *w, ts_error *err);

#endif
