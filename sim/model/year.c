/*
 * year.c: the school year as a table of steps, and one replication.
 */
#include "year.h"

#include <string.h>

#include "draws.h"
#include "record/quality.h"
#include "steps/careers.h"
#include "steps/enrolment.h"
#include "steps/intake.h"
#include "steps/leaving.h"
#include "steps/mergers.h"
#include "steps/openings.h"
#include "steps/posting.h"
#include "steps/psychology.h"
#include "steps/recruitment.h"
#include "steps/retirement.h"
#include "steps/rotation.h"
#include "steps/staffing.h"

/* Region shards of one replication (shards.h) wait here for each other:
 * the targeted intake allocates places across all regions by the rural
 * posts the staffing step has just set, in every shard. A world alone passes
 * straight through. No step before this returns early, so every shard
 * arrives. */
static ts_status shards_meet(ts_world *w, ts_error *err)
{
    (void)err;
    if (w->shards > 1) {
#pragma omp barrier
    }
    return TS_OK;
}

/* The school year, one row per step, in order: its number in docs/model.md,
 * its name, its function and its workspace. The draws come before step 1
 * (number 0); the shards' meeting point shares step 2's number, so that the
 * rows of steps 1 to 2 include it. Adding a mechanism is a module with its
 * step (and workspace, if it needs scratch), a row here, and its rows in the
 * indicator table (indicator_list.h). */
static const ts_step ts_steps[] = {
    {0, "draws", ts_draws_step, NULL},                                 /* every teacher's words for the year */
    {1, "openings", ts_openings_step, NULL},                           /* new schools take their catchment's share */
    {1, "enrolment", ts_enrolment_step, &ts_enrolment_workspace_type}, /* pupils advance, enter, move to towns */
    {1, "mergers", ts_mergers_step, NULL},                             /* small schools into their township's */
    {2, "staffing", ts_staffing_step, NULL},                           /* posts per school and subject */
    {2, "meet", shards_meet, NULL},                                    /* every region's posts set before 5 */
    {3, "retirement", ts_retirement_step, NULL},                       /* statutory and early retirement */
    {4, "leaving", ts_leaving_step, NULL},                             /* exits, breaches, rural-to-urban moves */
    {5, "intake", ts_intake_step, &ts_intake_workspace_type},          /* targeted: study, arrival, service end */
    {6, "posting", ts_posting_step, &ts_posting_workspace_type},       /* competition, assignment, standby */
    {7, "rotation", ts_rotation_step, &ts_rotation_workspace_type},    /* exchange rotation: stints end, start */
    {8, "recruitment", ts_recruitment_step, &ts_recruitment_workspace_type}, /* open recruitment, temporaries */
    {8, "psychology", ts_psychology_step, NULL},                             /* counselling staff in every school */
    {9, "careers", ts_careers_step, &ts_careers_workspace_type},             /* age, titles, backbone, qualification */
    {10, "recording", NULL, &ts_quality_workspace_type},                     /* the caller's: it owns the output */
};
static const size_t ts_step_count = sizeof ts_steps / sizeof *ts_steps;

ts_status ts_world_alloc(ts_world *w, const ts_model *m, ts_error *err)
{
    return ts_world_alloc_regions(w, m, 0, m->n_regions, NULL, err);
}

ts_status ts_world_alloc_regions(ts_world *w, const ts_model *m, int32_t lo, int32_t hi, const ts_world *share,
                                 ts_error *err)
{
    ts_status st = ts_world_alloc_state(w, m, lo, hi, share, err);
    if (st != TS_OK)
        return st;
    for (size_t k = 0; k < ts_step_count; k++) {
        const ts_workspace_type *type = ts_steps[k].workspace;
        if (type && !ts_world_workspace_add(w, type, share ? ts_world_workspace(share, type) : NULL, err)) {
            ts_world_free(w);
            return TS_ERR_NOMEM;
        }
    }
    return TS_OK;
}

void ts_year_begin(ts_world *w, int year)
{
    w->year = year;
    memset(w->flows, 0, ((size_t)w->model->n_regions + 1) * sizeof *w->flows);
    memset(w->hire_slot, 0, (size_t)w->model->n_regions * sizeof *w->hire_slot);
}

ts_status ts_year_steps(ts_world *w, int first, int last, ts_error *err)
{
    for (size_t k = 0; k < ts_step_count; k++) {
        const ts_step *step = &ts_steps[k];
        if (step->run && step->number >= first && step->number <= last) {
            ts_status st = step->run(w, err);
            if (st != TS_OK)
                return st;
        }
    }
    return TS_OK;
}

void ts_year_end(ts_world *w)
{
    ts_teachers_compact(&w->teachers);
}

ts_status ts_simulation_year(ts_world *w, int year, ts_error *err)
{
    ts_world_set_year(w, year); /* the year's values of scheduled keys, if any */
    ts_year_begin(w, year);     /* the year's flows and hire numbers start at 0 */
    ts_status st = ts_year_steps(w, 0, 9, err);
    if (st != TS_OK)
        return st;
    ts_year_end(w); /* compaction: the year's leavers leave the arrays */
    return TS_OK;   /* recording (10) is the caller's */
}

ts_status ts_simulation_replication(ts_world *w, ts_tally *tally, uint32_t seed, uint32_t replication,
                                    double *const *out, ts_error *err)
{
    const ts_scenario *sc = w->model->scenario;
    ts_world_reset(w, seed, replication);
    for (int year = sc->horizon.start_year; year <= sc->horizon.end_year; year++) {
        ts_status st = ts_simulation_year(w, year, err);
        if (st != TS_OK)
            return st;
        ts_indicators_record(w, tally, out, year - sc->horizon.start_year);
    }
    return TS_OK;
}
