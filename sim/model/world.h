/**
 * @file world.h
 * The state one replication evolves, and the workspaces of its steps.
 *
 * Owns: ts_world (one replication's schools, teachers and targeted students,
 * the year's random words and flow counters, the regions and schools it
 * simulates, and its own view of the model for the year's scheduled values), ts_flows, and the registry of workspaces:
 * each step's scratch is a workspace of its own type (ts_workspace_type), allocated once with the world so that the
 * yearly loop allocates nothing, and found by its type. Does not own the compiled scenario (model.h), any mechanism or
 * workspace (each step's module has its own), nor the list of steps that
 * decides which workspaces a whole world has (the step table, year.h).
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
    int64_t redeployments;                 /* teachers moved to another school by posting */
    int64_t standby_exits;                 /* exits after the years on standby (also in leavers) */
    int64_t schools_merged, pupils_merged; /* schools merged into another at the start of the year, their pupils */
    int64_t schools_opened;                /* new schools opened at the start of the year */
    int64_t public_pupils_from_private;    /* public pupils who are there because the private share fell */
    int64_t level_changes;                 /* teachers placed by posting at a school of the other level */
    int64_t psych_hires;                   /* full-time psychology staff hired in the year */
    /* by the teacher's subject (hires: the post's), for the subject results */
    int64_t hires_subject[TS_SUBJECT_COUNT];
    int64_t leavers_subject[TS_SUBJECT_COUNT];
    int64_t retirements_subject[TS_SUBJECT_COUNT];
} ts_flows;

/**
 * Where the scoring adds each scored school's outcome of the year, for the
 * per-school results aggregated over replications (the run's accumulator,
 * results.h, "schools"; filled by record/quality.c): cells[(year_index * n_schools + school) *
 * TS_SCHOOL_SUM_FIELDS + field], fields as ts_school_sum_field
 * (vocabulary.h). Integer sums with atomic adds, so the totals do not depend
 * on which thread adds first; the per-100 values are added in fixed point
 * (TS_SCHOOL_SUM_SCALE) for the same reason.
 */
typedef struct {
    int32_t n_schools, n_years, first_year;
    int64_t *cells;
} ts_school_sums;

typedef struct ts_world ts_world;

/**
 * A kind of scratch a step needs, GSL style: the step's module defines one
 * constant of this type, and its address names the workspace in every world.
 * `alloc` sizes it from the world's model and regions (called once the
 * world's state is allocated); `share` is the same workspace of the world
 * whose schools this one shares (shards.h), or NULL. It returns NULL, with
 * `err` set, when memory runs out, having freed what it had. `reserve`, where
 * not NULL, makes room for `capacity` teachers (ts_world_reserve).
 */
typedef struct {
    const char *name;
    void *(*alloc)(ts_world *w, const void *share, ts_error *err);
    void (*free)(void *workspace);
    ts_status (*reserve)(void *workspace, int32_t capacity, ts_error *err);
} ts_workspace_type;

/** The most workspaces a world holds (a step's own and the shared ones). */
#define TS_WORLD_WORKSPACES 16

struct ts_world {
    /* The model the steps read: `plan` itself, or, when plan's scenario has
     * schedules by year, year_model, which ts_world_set_year refreshes from
     * plan before each year (its scenario is year_scenario, plan's with the
     * year's values). */
    const ts_model *model;
    const ts_model *plan; /* the model the world was given (allocation, ts_shards_set_model) */
    ts_model year_model;
    ts_scenario year_scenario;
    ts_rng rng;
    gsl_rng *gsl; /* the GSL view of the counter-based stream */
    int year;
    /* The regions this world simulates, [region_lo, region_hi): all of them,
     * or one shard's (shards.h). Its schools are model->region_schools[k] for
     * k in [school_lo, school_hi) (by region, then in school order); its
     * teachers are those of its regions only. Steps loop over these, never
     * over every school or region: in a shard the others are another
     * thread's. */
    int32_t region_lo, region_hi, school_lo, school_hi;
    int shards;         /* worlds running this replication together (1: alone) */
    int shares_schools; /* schools are another world's (shards.h) */
    ts_schools schools;
    ts_teachers teachers;
    int32_t *students;    /* targeted students: [region][programme][years of study done] */
    int32_t n_drawn;      /* teachers present when the year's words were drawn */
    uint32_t (*draws)[4]; /* per teacher: early retirement, leave, title/qualification, backbone */
    int32_t draws_capacity;
    ts_flows *flows;    /* n_regions + 1 (ALL last), reset each year */
    int32_t *hire_slot; /* n_regions: next hire number this year (entity ids) */
    /* Where the recording adds each scored school's outcome (the run's sums
     * for this world's scenario); NULL: per-school results are not kept. */
    ts_school_sums *school_sums;
    /* Schools that targets follow (results' watch): their indices, and per
     * school and field of ts_target_school_indicators the job's
     * [year][region] block (out[w * 4 + f]); n_watch 0: none. */
    int32_t n_watch;
    const int32_t *watch_school;
    double *const *watch_out;
    /* The steps' workspaces, in the order they were added. */
    int n_workspaces;
    struct {
        const ts_workspace_type *type;
        void *data;
    } workspace[TS_WORLD_WORKSPACES];
};

/**
 * Allocate the state of a world for the regions [lo, hi) of the model (all
 * of them, or a shard's, shards.h), with room for their start teachers and
 * no workspace yet. With `share` not NULL the world uses share's schools
 * (each world touching only its own regions' schools) instead of its own
 * copy. A world that can run the year is ts_world_alloc's (year.h), which
 * adds every step's workspace to this.
 */
ts_status ts_world_alloc_state(ts_world *w, const ts_model *m, int32_t lo, int32_t hi, const ts_world *share,
                               ts_error *err);

/**
 * The workspace of `type`, allocated and added to the world unless it is
 * there already (two steps may share one: matching.h). `share` as in
 * ts_workspace_type. NULL, with `err` set, when memory runs out.
 */
void *ts_world_workspace_add(ts_world *w, const ts_workspace_type *type, const void *share, ts_error *err);

/** The world's workspace of `type`; NULL if it has none. */
static inline void *ts_world_workspace(const ts_world *w, const ts_workspace_type *type)
{
    for (int k = 0; k < w->n_workspaces; k++)
        if (w->workspace[k].type == type)
            return w->workspace[k].data;
    return NULL;
}

/** Free the world: its workspaces, last added first, then its state. */
void ts_world_free(ts_world *w);

/** Reset the world to the start population for replication `replication`:
 *  the teachers of its regions, in their start order; the schools, unless
 *  they are another world's (that world resets them). */
void ts_world_reset(ts_world *w, uint32_t seed, uint32_t replication);

/** Point the world at model m (a replication's, run.c), as it reads it in every year. */
void ts_world_set_model(ts_world *w, const ts_model *m);

/** Before school year `year`: when the plan's scenario has schedules, refresh
 *  the world's own copy of the model with the year's values (allocating
 *  nothing); otherwise nothing changes. */
void ts_world_set_year(ts_world *w, int year);

/** Make room for `need` teachers, growing every per-teacher array, the
 *  workspaces' included (rare: only when hires outgrow the model's estimate;
 *  never in the teacher loop). */
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
