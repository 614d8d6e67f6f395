/**
 * @file population.h
 * Schools and teachers as structure-of-arrays, and the start population.
 *
 * Owns: the ts_schools and ts_teachers containers (allocation, copying,
 * appending a teacher, removing the teachers marked as gone), and generating
 * the synthetic start population deterministically from the seed and the
 * scenario's per-region aggregates (docs/model.md, "Start state").
 * Does not own any yearly mechanism: those live in their own modules and
 * change these arrays.
 */
#ifndef TEACHSIM_POPULATION_H
#define TEACHSIM_POPULATION_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/scenario.h"
#include "teachsim/status.h"
#include "teachsim/vocabulary.h"

#include "staffing_norms.h"

enum {
    TS_TEACHER_GONE = 1,   /* left the system this year; removed at year end */
    TS_TEACHER_STANDBY = 2 /* without a post (待岗培训): holds none, counted in no school's posts */
};

typedef struct {
    int32_t n, capacity;
    uint64_t *uid; /* stable identity: keys the teacher's random numbers */
    int32_t *school;
    int16_t *birth_month;  /* TS_MONTH of birth */
    int16_t *retire_month; /* statutory retirement month, kept in step with sex and title */
    uint8_t *sex, *subject, *qualification, *title, *backbone, *contract;
    uint8_t *post_subject; /* the post held: differs from subject when teaching out of field */
    uint8_t *years_at_school, *years_of_service;
    uint8_t *service_left;  /* targeted graduates: years of obligation left */
    uint8_t *standby_years; /* consecutive years without a post */
    int32_t *home_school;   /* rotating: the school to return to; -1 when not rotating */
    int16_t *return_year;   /* rotating: the school year the stint ends */
    uint8_t *flags;
} ts_teachers;

typedef struct {
    int32_t n;
    int32_t *region;
    uint8_t *level, *locality, *weak;
    int32_t (*pupils)[TS_GRADES]; /* pupils by grade 1..9 (index 0..8) */
    double *entry_weight;         /* share of the region's grade-1 entrants */
    double *junior_weight;        /* share of the region's grade-7 entrants (junior-only schools) */
    /* derived each year by the staffing step */
    int32_t *requirement;           /* teaching posts */
    int32_t (*part_requirement)[2]; /* of which primary (grades 1-6) and junior (7-9) */
    int32_t *pupil_total;           /* pupils in all grades */
    int32_t (*posts)[TS_SUBJECT_COUNT];
    /* who holds the posts, kept in step by every step that moves teachers */
    int32_t (*held)[TS_SUBJECT_COUNT]; /* established and targeted teachers by the subject of their post */
    int32_t *temporaries;
    /* 1 once the school has merged into another (steps/mergers.h): it takes
     * no pupils again, and its teachers are redeployed by the county posting */
    uint8_t *closed;
    /* a school the scenario opens (steps/openings.h): the pupils it has
     * places for, closed until the year it opens; 0 for every other school */
    int32_t *capacity;
    /* psychology staff (steps/psychology.h): full-time headcount, and bit 0
     * counted yet, bit 1 a part-time member of staff */
    int16_t *psych_full;
    uint8_t *psych_flags;
} ts_schools;

/** Teachers of a school, all contracts. */
static inline int32_t ts_schools_staff(const ts_schools *s, int32_t school)
{
    int32_t n = s->temporaries[school];
    for (int k = 0; k < TS_SUBJECT_COUNT; k++)
        n += s->held[school][k];
    return n;
}

typedef struct {
    ts_schools schools;
    ts_teachers teachers;
    /* A roster's school_id and name per school (owned); NULL for a generated
     * population. For people and the results' school table only. */
    char **school_ids, **school_names;
    int32_t n_regions;
    int32_t start_year; /* the population describes the school year start_year - 1 */
} ts_population;

/** Bytes of per-teacher state: the sum of one element of every array. */
size_t ts_teachers_bytes_per_teacher(void);

ts_status ts_teachers_alloc(ts_teachers *t, int32_t capacity, ts_error *err);
void ts_teachers_free(ts_teachers *t);
/** Copy src into dst, which must have capacity for src->n. */
void ts_teachers_copy(ts_teachers *dst, const ts_teachers *src);
/** Copy into dst the teachers of src whose school (school_region[school])
 *  lies in the regions [lo, hi), keeping their order; dst must have room. */
void ts_teachers_copy_regions(ts_teachers *dst, const ts_teachers *src, const int32_t *school_region, int32_t lo,
                              int32_t hi);
/** Make room for at least `capacity` teachers (outside the per-teacher loop). */
ts_status ts_teachers_reserve(ts_teachers *t, int32_t capacity, ts_error *err);
/** Drop the teachers flagged TS_TEACHER_GONE, keeping the others' order. */
void ts_teachers_compact(ts_teachers *t);

ts_status ts_schools_alloc(ts_schools *s, int32_t n, ts_error *err);
void ts_schools_free(ts_schools *s);
void ts_schools_copy(ts_schools *dst, const ts_schools *src);

/** School i's requirement, part requirements, posts by subject and pupil
 *  total from its pupils, by the staffing norms (staffing_norms.h); `table`
 *  (may be NULL) is the model's split table, which gives the same posts. */
void ts_schools_set_posts(ts_schools *s, int32_t i, const ts_scenario *scenario,
                          const int32_t (*table)[TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT]);

/** ts_schools_set_posts for every school. */
void ts_schools_set_all_posts(ts_schools *s, const ts_scenario *scenario);

void ts_population_free(ts_population *p);

/**
 * Generate the synthetic start population of a scenario. Deterministic in
 * (scenario's population keys, seed): every scenario with the same regions
 * and population keys gets the same schools and teachers, so comparisons
 * start from one city.
 */
ts_status ts_population_generate(ts_population *p, const ts_scenario *scenario, uint32_t seed, ts_error *err);

/**
 * The start population of a scenario: its real roster when
 * population.schools_csv and population.teachers_csv are set (roster.h),
 * else the generated one, followed by the scenario's new schools. The one entry point the simulation uses.
 */
ts_status ts_population_build(ts_population *p, const ts_scenario *scenario, uint32_t seed, ts_error *err);

/**
 * Append the scenario's new schools (network.new_schools, in their order)
 * after the start population's schools: closed, without pupils or teachers,
 * named, their capacity set (steps/openings.h opens them). Nothing else of
 * the population changes, so every other school keeps its index.
 */
ts_status ts_population_add_new_schools(ts_population *p, const ts_scenario *scenario, ts_error *err);

/**
 * Every school field derived from pupils and the teachers (entry and junior
 * weights, requirement, posts, held, temporaries), as the generator and the
 * roster reader both compute them. Idempotent.
 */
void ts_population_derive(ts_population *p, const ts_scenario *scenario);

#endif
