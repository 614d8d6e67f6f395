/*
 * intake.c: targeted students from enrolment to the end of their service.
 *
 * Students are counted by cohort, not simulated one by one: per region,
 * programme and years of study done. A cohort enrolled in year y studies L
 * years (one binomial drop-out draw each) and arrives for school year y + L.
 */
#include "steps/intake.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "apportion.h"
#include "cohorts.h"
#include "hiring.h"
#include "retirement_age.h"
#include "transfers.h"

/* The step's scratch: one region's candidate schools for graduates and their gaps. */
typedef struct {
    int32_t *school; /* max_region_schools */
    int32_t *gap;    /* max_region_schools */
} ts_intake_workspace;

static void intake_free(void *data)
{
    ts_intake_workspace *in = data;
    if (!in)
        return;
    free(in->school);
    free(in->gap);
    free(in);
}

static void *intake_alloc(ts_world *w, const void *share, ts_error *err)
{
    (void)share;
    const size_t n = (size_t)w->model->max_region_schools + 1;
    ts_intake_workspace *in = calloc(1, sizeof *in);
    if (in) {
        in->school = malloc(n * sizeof *in->school);
        in->gap = malloc(n * sizeof *in->gap);
    }
    if (!in || !in->school || !in->gap) {
        intake_free(in);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for the intake step");
        return NULL;
    }
    return in;
}

const ts_workspace_type ts_intake_workspace_type = {"intake", intake_alloc, intake_free, NULL};

/* Age on arrival: entry age plus study (junior-school entry at 15, senior-school entry at 18). */
static const int arrival_age[TS_PROGRAMMES] = {21, 20, 22};

/* Service counts down each year; when it ends the graduate becomes an
 * ordinary established teacher and may move on at once, like a rural leaver. */
static void end_of_service(ts_world *w)
{
    const ts_scenario *sc = w->model->scenario;
    ts_teachers *t = &w->teachers;
    const uint32_t move = ts_rng_threshold(sc->targeted_intake.end_of_service_move);
    const uint32_t transfer =
        ts_rng_threshold(sc->targeted_intake.end_of_service_move * sc->leaving.rural_transfer_share);
    for (int32_t i = 0; i < t->n; i++) {
        if (t->contract[i] != TS_CONTRACT_TARGETED || (t->flags[i] & TS_TEACHER_GONE))
            continue;
        if (t->service_left[i] > 1) {
            t->service_left[i]--;
            continue;
        }
        int32_t region = ts_world_region(w, i);
        ts_world_vacate(w, i);
        t->service_left[i] = 0;
        t->contract[i] = TS_CONTRACT_ESTABLISHED;
        ts_world_occupy(w, i);
        w->flows[region].targeted_service_completed++;
        uint32_t word = ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_SERVICE_END, 0).v[0];
        if (word >= move)
            continue;
        if (word < transfer) {
            int32_t to = ts_transfer_destination(w, region, t->subject[i]);
            if (to >= 0) {
                ts_world_move(w, i, to, t->subject[i]);
                w->flows[region].transfers_to_urban++;
            }
            continue;
        }
        w->flows[region].leavers++;
        w->flows[region].leavers_subject[t->subject[i]]++;
        ts_world_remove(w, i);
    }
}

/* The schools of a region that take graduates, each with its gap of
 * requirement over established and targeted holders: the rural schools with
 * posts, or the town ones where the region has no rural school. An arrival
 * changes only its own school's gap (one holder more), so the list is built
 * once per region and year and kept in step, and a placement scans short
 * arrays instead of every school's subjects, kept in the step's workspace. */
typedef struct {
    int32_t n;
    int32_t *school;
    int32_t *gap;
} placement_list;

static placement_list placement_candidates(const ts_world *w, ts_intake_workspace *in, int32_t region)
{
    const ts_model *m = w->model;
    const ts_schools *s = &w->schools;
    placement_list c = {0, in->school, in->gap};
    for (int pass = 0; pass < 2 && c.n == 0; pass++)
        for (int32_t k = m->region_first[region]; k < m->region_first[region + 1]; k++) {
            int32_t school = m->region_schools[k];
            if (s->locality[school] != (pass == 0 ? TS_RURAL : TS_TOWN) || s->requirement[school] == 0)
                continue;
            int32_t gap = s->requirement[school];
            for (int j = 0; j < TS_SUBJECT_COUNT; j++)
                gap -= s->held[school][j];
            c.school[c.n] = school;
            c.gap[c.n++] = gap;
        }
    return c;
}

/* The school that takes a graduate: the largest gap (the first such in the
 * region's order); the post, its largest subject gap. Posts are guaranteed,
 * so a graduate is placed even where nothing is vacant. */
static int32_t placement(const ts_world *w, placement_list *c, int *subject)
{
    if (c->n == 0)
        return -1;
    int32_t best = 0;
    for (int32_t k = 1; k < c->n; k++)
        if (c->gap[k] > c->gap[best])
            best = k;
    c->gap[best]--; /* the graduate about to arrive holds one of its posts */
    const ts_schools *s = &w->schools;
    int32_t school = c->school[best];
    *subject = 0;
    for (int j = 1; j < TS_SUBJECT_COUNT; j++)
        if (s->posts[school][j] - s->held[school][j] > s->posts[school][*subject] - s->held[school][*subject])
            *subject = j;
    return school;
}

static ts_status arrive(ts_world *w, int32_t region, placement_list *candidates, int programme, ts_error *err)
{
    const ts_scenario *sc = w->model->scenario;
    int subject;
    int32_t school = placement(w, candidates, &subject);
    if (school < 0)
        return TS_OK; /* a region without rural or town schools has no targeted posts */
    int32_t i = ts_hiring_new_teacher(w, school, subject, TS_CONTRACT_TARGETED, err);
    if (i < 0)
        return TS_ERR_NOMEM;
    ts_teachers *t = &w->teachers;
    /* the 2+4 and 4-year tracks give a degree: above a primary school's requirement */
    int degree = programme != 1;
    int primary_only = w->schools.level[school] == TS_LEVEL_PRIMARY;
    t->qualification[i] = degree && primary_only ? TS_QUAL_ABOVE : TS_QUAL_AT;
    uint32_t word = ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_HIRE, 1).v[0];
    t->birth_month[i] = (int16_t)(TS_YEAR_CUTOFF_MONTH(w->year) - 12 * arrival_age[programme] - (int)(word % 12));
    t->retire_month[i] = (int16_t)ts_retirement_teacher_month(sc, t->sex[i], t->title[i], t->birth_month[i]);
    t->service_left[i] = (uint8_t)sc->targeted_intake.service_years[programme];
    w->flows[region].targeted_arrivals++;
    return TS_OK;
}

ts_status ts_intake_step(ts_world *w, ts_error *err)
{
    const ts_model *m = w->model;
    const ts_scenario *sc = m->scenario;
    ts_intake_workspace *in = ts_world_workspace(w, &ts_intake_workspace_type);
    end_of_service(w);
    int32_t by_region[TS_MAX_REGIONS], by_programme[TS_PROGRAMMES];
    /* every region's rural posts, its own and (in a shard, shards.h) the
     * other shards', which the pipeline has waited for */
    ts_cohorts_allocate(m, &w->schools, ts_cohorts_yearly_intake(sc), by_region);
    for (int32_t r = w->region_lo; r < w->region_hi; r++) {
        ts_rng_gsl_at(w->gsl, &w->rng, ts_entity_region((uint32_t)r), w->year, TS_EVENT_STUDY);
        ts_apportion(by_region[r], sc->targeted_intake.programme_share, TS_PROGRAMMES, by_programme);
        placement_list candidates = {-1, NULL, NULL}; /* built at the region's first arrival */
        for (int p = 0; p < TS_PROGRAMMES; p++) {
            const int last = sc->targeted_intake.study_years[p] - 1;
            const double stay = 1.0 - sc->targeted_intake.dropout_rate[p];
            int32_t *cohort = &w->students[ts_student_index(r, p, 0)];
            int32_t graduates = (int32_t)gsl_ran_binomial(w->gsl, stay, (unsigned)cohort[last]);
            for (int k = last; k >= 1; k--)
                cohort[k] = (int32_t)gsl_ran_binomial(w->gsl, stay, (unsigned)cohort[k - 1]);
            cohort[0] = by_programme[p];
            w->flows[r].targeted_enrolled += by_programme[p];
            if (graduates > 0 && candidates.n < 0)
                candidates = placement_candidates(w, in, r);
            for (int32_t g = 0; g < graduates; g++) {
                ts_status st = arrive(w, r, &candidates, p, err);
                if (st != TS_OK)
                    return st;
            }
        }
    }
    return TS_OK;
}
