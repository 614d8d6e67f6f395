/**
 * @file world.h
 * The state one replication evolves.
 *
 * Owns: ts_world (one replication's schools, teachers, the year's random
 * words and flow counters, and the scratch space the steps use so that the
 * yearly loop allocates nothing), and ts_flows. Does not own the compiled
 * scenario (model.h) nor the steps themselves: each mechanism has its own
 * module.
 */
#ifndef TEACHSIM_WORLD_H
#define TEACHSIM_WORLD_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "model.h"
#include "population.h"
#include "rng.h"
#include "teachsim/scenario.h"

/** Flows of one school year in one region, counted by the step that makes them. */
typedef struct {
    int64_t retirements;
    int64_t leavers;            /* exits from the system (temporaries released included) */
    int64_t transfers_to_urban; /* rural teachers moved to a town or urban school of the region */
    int64_t hires;              /* all contracts */
    int64_t hires_temporary;
    int64_t targeted_enrolled; /* students entering the targeted programmes */
    int64_t targeted_arrivals; /* graduates placed in rural schools (also counted in hires) */
    int64_t targeted_breaches; /* targeted graduates leaving during service (also in leavers) */
    int64_t targeted_service_completed;
    int64_t rotations, rotations_backbone, rotation_eligible;
    int64_t redeployments; /* teachers moved to another school by posting */
    int64_t standby_exits; /* exits after the years on standby (also in leavers) */
} ts_flows;

/** Scratch of the posting and rotation steps (one after the other): one
 *  region's candidate schools and tournament trees of their scores
 *  (sim/argmax.h), so that "the best school for this teacher" is asked of a
 *  tree, not of every school of the region. */
typedef struct {
    int32_t *school;   /* max_region_schools */
    int32_t *position; /* per school */
    double *value;     /* 2 sets x (subjects + 1) trees x leaves */
    int32_t *winner;   /* 2 sets x (subjects + 1) trees x 2 leaves */
} ts_school_trees;

typedef struct {
    const ts_model *model;
    ts_rng rng;
    int year;
    /* The regions this world simulates, [region_lo, region_hi): all of them,
     * or one shard's (shards.h). Its schools are model->region_schools[k] for
     * k in [school_lo, school_hi) (by region, then in school order); its
     * teachers are those of its regions only. Steps loop over these, never
     * over every school or region: in a shard the others are another
     * thread's. */
    int32_t region_lo, region_hi, school_lo, school_hi;
    int shards;         /* worlds running this replication together (1: alone) */
    int shares_schools; /* schools and school_counts are another world's (shards.h) */
    ts_schools schools;
    ts_teachers teachers;
    int32_t n_drawn;         /* teachers present when the year's words were drawn */
    uint32_t (*draws)[4];    /* per teacher: early retirement, leave, title/qualification, backbone */
    ts_flows *flows;         /* n_regions + 1 (ALL last), reset each year */
    int32_t *hire_slot;      /* n_regions: next hire number this year (entity ids) */
    int32_t *order;          /* scratch: schools in serving order */
    uint64_t *order_key;     /* scratch: sort keys for order */
    double *scratch_weight;  /* scratch: one region's schools */
    int32_t *scratch_count;  /* scratch: one region's schools */
    int32_t *school_scratch; /* scratch: one number per school */
    int32_t draws_capacity;
    int32_t *students;                    /* targeted students: [region][programme][years of study done] */
    int32_t (*surplus)[TS_SUBJECT_COUNT]; /* scratch: posting, per school and subject */
    int32_t *pool;                        /* scratch: teachers competing, rotating (capacity) */
    uint64_t *pool_key;                   /* scratch: their sort keys (capacity) */
    int32_t *pool_spare;                  /* scratch: the radix sort's second buffer (capacity) */
    ts_school_trees school_trees;
    int32_t (*open_posts)[TS_SUBJECT_COUNT]; /* scratch: posting, open posts per region and subject */
    int32_t *title_count;                    /* scratch: [region][title] for the title caps */
    int32_t *title_cap;                      /* scratch: [region][title] */
    int32_t (*school_counts)[4];             /* scratch: quality scoring, per school */
    double *cv_x, *cv_p;                     /* scratch: quality scoring, per school (cv_x: a row per indicator) */
    gsl_rng *gsl;                            /* the GSL view of the counter-based stream */
} ts_world;

/** Allocate a world able to run any replication of the model. */
ts_status ts_world_alloc(ts_world *w, const ts_model *m, ts_error *err);

/**
 * Allocate a world for the regions [lo, hi) of the model only (a shard,
 * shards.h), with room for their start teachers. With `share` not NULL the
 * world uses share's schools and school counts (each world touching only its
 * own regions' schools) instead of its own copy.
 */
ts_status ts_world_alloc_regions(ts_world *w, const ts_model *m, int32_t lo, int32_t hi, const ts_world *share,
                                 ts_error *err);
void ts_world_free(ts_world *w);

/** Reset the world to the start population for replication `replication`:
 *  the teachers of its regions, in their start order; the schools, unless
 *  they are another world's (that world resets them). */
void ts_world_reset(ts_world *w, uint32_t seed, uint32_t replication);

/** Make room for `need` teachers, growing every per-teacher array (rare:
 *  only when hires outgrow the model's estimate; never in the teacher loop). */
ts_status ts_world_reserve(ts_world *w, int32_t need, ts_error *err);

/** School number k of the world's schools, k in [w->school_lo, w->school_hi). */
static inline int32_t ts_world_school(const ts_world *w, int32_t k)
{
    return w->model->region_schools[k];
}

/** Teacher i's locality and region, through their school. */
static inline int ts_world_locality(const ts_world *w, int32_t i)
{
    return w->schools.locality[w->teachers.school[i]];
}
static inline int32_t ts_world_region(const ts_world *w, int32_t i)
{
    return w->schools.region[w->teachers.school[i]];
}

/** Age in whole years on 31 August before the school year `year`. */
static inline int ts_age_at(int birth_month, int year)
{
    return (TS_YEAR_CUTOFF_MONTH(year) - birth_month) / 12;
}

/** Remove teacher i from the post they hold (school counts), without flagging. */
static inline void ts_world_vacate(ts_world *w, int32_t i)
{
    if (w->teachers.flags[i] & TS_TEACHER_STANDBY)
        return;
    int32_t s = w->teachers.school[i];
    if (w->teachers.contract[i] == TS_CONTRACT_TEMPORARY)
        w->schools.temporaries[s]--;
    else
        w->schools.held[s][w->teachers.post_subject[i]]--;
}

/** Put teacher i into the counts of their (new) school and post. */
static inline void ts_world_occupy(ts_world *w, int32_t i)
{
    if (w->teachers.flags[i] & TS_TEACHER_STANDBY)
        return;
    int32_t s = w->teachers.school[i];
    if (w->teachers.contract[i] == TS_CONTRACT_TEMPORARY)
        w->schools.temporaries[s]++;
    else
        w->schools.held[s][w->teachers.post_subject[i]]++;
}

/** Move teacher i to a post of `subject` at `school` (counts kept in step). */
static inline void ts_world_move(ts_world *w, int32_t i, int32_t school, int subject)
{
    ts_world_vacate(w, i);
    w->teachers.flags[i] &= (uint8_t)~TS_TEACHER_STANDBY;
    /* A post again: the standby spell is over, whichever step moved them (a
     * rural teacher on standby may get a post through a transfer in the
     * leaving step); else a later spell would start counting at the old
     * spell's years and end in an early exit (test_posting.c). */
    w->teachers.standby_years[i] = 0;
    if (w->teachers.school[i] != school)
        w->teachers.years_at_school[i] = 0;
    w->teachers.school[i] = school;
    w->teachers.post_subject[i] = (uint8_t)subject;
    ts_world_occupy(w, i);
}

/** Teacher i leaves the system this year (flagged now, removed at year end). */
static inline void ts_world_remove(ts_world *w, int32_t i)
{
    ts_world_vacate(w, i);
    w->teachers.flags[i] |= TS_TEACHER_GONE;
}

#endif
