/**
 * @file indicators.h
 * The indicators recorded each year (docs/model.md, step 10, and "Indicators").
 *
 * Owns: the one table of output fields (name, kind, units, long name,
 * description and how each is computed from a region's tally;
 * docs/conventions.md, item 6), and recording a year: tallying teachers,
 * schools and the year's flows per region and for ALL. The results writer,
 * `teachsim summary` and the docs read the same table. Does not own the
 * quality-balance scoring (quality.h) nor writing the results file.
 */
#ifndef TEACHSIM_INDICATORS_H
#define TEACHSIM_INDICATORS_H

#include <stddef.h>
#include <stdint.h>

#include "indicator_list.h"
#include "record/costs.h"
#include "record/quality.h"
#include "world.h"

/** One subject's posts and who holds them, summed over a region's schools
 *  (the subject families of indicator_list.h). */
typedef struct {
    int64_t requirement;     /* posts of the subject */
    int64_t posts_held;      /* of them held by a teacher of any contract: min(posts, holders) per school */
    int64_t vacancies;       /* max(0, posts - holders) per school */
    int64_t rural_vacancies; /* the same in rural schools */
    int64_t surplus;         /* max(0, holders - posts) per school */
    int64_t out_of_field;    /* posts held by an established or targeted teacher of another subject */
    int64_t specialist_need; /* max(0, posts - established and targeted teachers of the subject in them) */
} ts_subject_tally;

/** Everything the indicators of one region (or ALL) are computed from.
 *  Every field before `quality` is an int64_t count that sums over regions. */
typedef struct {
    int64_t teachers, established, temporary, targeted, standby, out_of_field;
    int64_t age_sum, age_50plus;
    int64_t rural_teachers, rural_age_50plus;
    int64_t rural_age_band[TS_RURAL_AGE_BANDS]; /* rural teachers by five-year band of age, 20-24 .. 60-64 */
    int64_t pupils, requirement, vacancies, rural_vacancies, vacancies_established;
    int64_t vacancies_temporary;              /* posts without an established teacher that a temporary holds */
    int64_t surplus, surplus_level[2];        /* holders beyond the requirement: all, primary, junior */
    int64_t rotating_away;                    /* teachers on a stint, their home post vacated */
    int64_t pe_art_posts, pe_art_specialists; /* music/PE/art posts, and those held by specialists */
    int64_t targeted_in_study;
    int64_t new_school_pupils, new_school_staff; /* in the schools the scenario opens (steps/openings.h) */
    /* psychology staff (steps/psychology.h), 0 without the requirement:
     * posts, staff holding them, posts open, schools with pupils, and those
     * of them with at least one member of staff */
    int64_t psych_posts, psych_staff, psych_vacancies, psych_schools, psych_schools_covered;
    ts_subject_tally subject[TS_SUBJECT_COUNT]; /* by subject of the post (docs/indicators.md, subjects/) */
    ts_cost_counts cost_counts;                 /* what only the costs need (costs.h) */
    ts_flows flows;
    ts_quality quality; /* scored, not summed: ALL has its own */
    ts_costs costs;     /* yuan from the counts, not summed: ALL has its own */
} ts_tally;

/**
 * Tally the world at the start of the school year w->year, per region and
 * ALL (index n_regions), into `tally` (n_regions + 1 entries), flows included.
 */
void ts_indicators_tally(const ts_world *w, ts_tally *tally);

/**
 * The two halves of ts_indicators_tally, for region shards (shards.h): the
 * world's own regions [w->region_lo, w->region_hi) (each shard, in
 * parallel), then ALL from every region's tally (once, after all shards).
 */
void ts_indicators_tally_regions(const ts_world *w, ts_tally *tally);
void ts_indicators_tally_all(const ts_world *w, ts_tally *tally);

/** Write a year's tallies (n_regions + 1 entries) into out, as
 *  ts_indicators_record. The running sums (cost_total_cumulative) add the
 *  value of year_index - 1 already in out, so a replication's years are
 *  written in order from index 0. */
void ts_indicators_write(int32_t n_regions, const ts_tally *tally, double *const *out, int year_index);

/**
 * Record a year: write every indicator of every region into
 * out[indicator][year_index * n_regions_all + region], where out[i] is the
 * [year][region] block of indicator i (results.h).
 */
void ts_indicators_record(const ts_world *w, ts_tally *tally, double *const *out, int year_index);

#endif
