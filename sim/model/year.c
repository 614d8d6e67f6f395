/*
 * year.c: the school year as the steps in order, and one replication.
 */
#include "year.h"

#include <string.h>

#include "draws.h"
#include "shards.h"
#include "steps/careers.h"
#include "steps/enrolment.h"
#include "steps/intake.h"
#include "steps/leaving.h"
#include "steps/posting.h"
#include "steps/recruitment.h"
#include "steps/retirement.h"
#include "steps/rotation.h"
#include "steps/staffing.h"

/* Region shards of one replication (shards.h) wait here for each other:
 * the targeted intake allocates places across all regions by the rural
 * posts the staffing step has just set, in every shard. A world alone passes
 * straight through. No step before this returns early, so every shard
 * arrives. */
static void shards_meet(const ts_world *w)
{
    if (w->shards > 1) {
#pragma omp barrier
    }
}

ts_status ts_simulation_year(ts_world *w, int year, ts_error *err)
{
    w->year = year;
    memset(w->flows, 0, ((size_t)w->model->n_regions + 1) * sizeof *w->flows);
    memset(w->hire_slot, 0, (size_t)w->model->n_regions * sizeof *w->hire_slot);

    ts_draws_step(w);                      /* every teacher's random words for the year */
    ts_enrolment_step(w);                  /* 1. pupils advance, enter, move to towns */
    ts_staffing_step(w);                   /* 2. posts per school and subject */
    shards_meet(w);                        /*    every region's posts are set before 5. */
    ts_retirement_step(w);                 /* 3. statutory and early retirement */
    ts_leaving_step(w);                    /* 4. exits, breaches and rural-to-urban transfers */
    ts_status st = ts_intake_step(w, err); /* 5. targeted students: study, arrival, end of service */
    if (st != TS_OK)
        return st;
    ts_posting_step(w);               /* 6. county-managed posting: competition, assignment, standby */
    ts_rotation_step(w);              /* 7. exchange rotation: stints end and start */
    st = ts_recruitment_step(w, err); /* 8. open recruitment, temporaries */
    if (st != TS_OK)
        return st;
    ts_careers_step(w); /* 9. ageing, titles, backbone, qualification */
    ts_teachers_compact(&w->teachers);
    return TS_OK; /* 10. recording is the caller's (it owns the output) */
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
