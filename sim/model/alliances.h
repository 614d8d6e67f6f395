/**
 * @file alliances.h
 * School alliances (学区制, 校联体) and the teachers they share (走教).
 *
 * Owns: forming the alliances of a county's schools of one level from the
 * start schools (the largest school not yet in one leads, the smallest
 * ones join it, alliances.size schools each), and the assessment's count of
 * a shared teacher: a share h of each PE, music and art (and of each
 * backbone) teacher's hours is taught across the alliance, in proportion to
 * each member's pupils, and each school counts the hours taught there
 * (docs/model.md, school alliances). The counts of an alliance add up to
 * its teachers: sharing moves hours, never teachers, posts or pay. Does not
 * own the counts themselves nor the scoring (quality.h).
 */
#ifndef TEACHSIM_ALLIANCES_H
#define TEACHSIM_ALLIANCES_H

#include <stdint.h>

#include "population.h"
#include "teachsim/status.h"

typedef struct {
    int32_t n; /* alliances */
    /* alliance a's schools are member[first[a] .. first[a + 1]), its lead first */
    int32_t *first;
    int32_t *member;
    /* the alliances of region r are region_first[r] .. region_first[r + 1] */
    int32_t *region_first;
    int32_t *lead; /* per school: its alliance's lead (itself for a lead), -1 in none */
} ts_alliances;

/**
 * Form the alliances of `size` schools (size >= 2) of every county and
 * level of `schools` (the start schools), in region order (the schools of region r
 * are region_schools[region_first[r] .. region_first[r + 1]), the model's
 * table): in each (county, level)
 * the schools are taken by start pupils, largest first (ties: school
 * order); the largest left leads an alliance and the smallest left join it
 * until it has `size` schools; a last school alone forms none.
 */
ts_status ts_alliances_form(ts_alliances *a, const ts_schools *schools, const int32_t *region_first,
                            const int32_t *region_schools, int32_t n_regions, int32_t size, ts_error *err);
void ts_alliances_free(ts_alliances *a);

/**
 * Share the counted teachers of the alliances of regions [region_lo,
 * region_hi) by the year's hours shared, for `kinds` kinds of teacher
 * (hours[j]: the share of kind j's hours taught across the alliance; 0
 * leaves kind j as counted): in an alliance with T teachers of a kind and P
 * pupils, school s of c teachers and p pupils counts (1 - h) c + h T p / P.
 * counted[s * kinds + j] is school s's count of kind j, in and out;
 * shared[r * kinds + j] receives the teacher-equivalents region r's schools
 * count from the other schools of their alliance (set, not added).
 */
void ts_alliances_share(const ts_alliances *a, const double *hours, int kinds, const int32_t *pupils, int32_t region_lo,
                        int32_t region_hi, double *counted, double *shared);

#endif
