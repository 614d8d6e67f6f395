/*
 * openings.c: new schools opening (openings.h).
 *
 * A school's entrants are its weight's share of the region's (enrolment.c):
 * grade 1 by entry_weight for primary and nine-year schools, grade 7 by
 * junior_weight for junior schools. Opening moves a share f of the
 * catchment's weight to the new school, so the region's weights, and so its
 * entrants, are unchanged; f is the capacity's yearly intake (capacity over
 * the grades the school teaches) over the catchment's expected entrants this
 * year, at most 1.
 */
#include "steps/openings.h"

#include <math.h>

/* Whether an open school takes the entrants a new school of level `junior`
 * (1: grade 7, 0: grade 1) takes, and its weight in them. */
static double *entrant_weight(ts_schools *s, int32_t school, int junior)
{
    if (s->closed[school] || (s->level[school] == TS_LEVEL_JUNIOR) != junior)
        return NULL;
    return junior ? &s->junior_weight[school] : &s->entry_weight[school];
}

/* The region's entrants this year into the schools of the new school's
 * kind: grade-1 entrants, or the primary schools' grade-6 pupils who will
 * continue to a junior school (enrolment.c, before the grades advance). */
static double expected_entrants(const ts_world *w, int32_t region, int junior)
{
    const ts_model *m = w->model;
    if (!junior)
        return ts_model_entrants(m, region, w->year);
    double leavers = 0.0;
    for (int32_t k = m->region_first[region]; k < m->region_first[region + 1]; k++) {
        const int32_t s = m->region_schools[k];
        if (w->schools.level[s] == TS_LEVEL_PRIMARY)
            leavers += w->schools.pupils[s][5];
    }
    return leavers * m->scenario->enrolment.junior_continuation;
}

static void open_school(ts_world *w, int32_t school)
{
    const ts_model *m = w->model;
    ts_schools *s = &w->schools;
    const int32_t r = s->region[school];
    const int junior = s->level[school] == TS_LEVEL_JUNIOR;
    /* the catchment: the region's schools of its locality, else the whole region */
    double region_weight = 0.0, local_weight = 0.0;
    for (int32_t k = m->region_first[r]; k < m->region_first[r + 1]; k++) {
        const int32_t other = m->region_schools[k];
        const double *weight = other == school ? NULL : entrant_weight(s, other, junior);
        if (!weight)
            continue;
        region_weight += *weight;
        if (s->locality[other] == s->locality[school])
            local_weight += *weight;
    }
    const int local = local_weight > 0.0;
    const double catchment_weight = local ? local_weight : region_weight;
    const double catchment_entrants =
        region_weight > 0.0 ? expected_entrants(w, r, junior) * catchment_weight / region_weight : 0.0;
    const int grades = ts_level_last_grade(s->level[school]) - ts_level_first_grade(s->level[school]) + 1;
    double *own = junior ? &s->junior_weight[school] : &s->entry_weight[school];
    if (catchment_entrants > 0.0) {
        double share = (double)s->capacity[school] / grades / catchment_entrants;
        if (share > 1.0)
            share = 1.0;
        for (int32_t k = m->region_first[r]; k < m->region_first[r + 1]; k++) {
            const int32_t other = m->region_schools[k];
            double *weight = other == school ? NULL : entrant_weight(s, other, junior);
            if (weight && (!local || s->locality[other] == s->locality[school]))
                *weight *= 1.0 - share;
        }
        *own = share * catchment_weight;
    } else {
        /* No school takes these entrants (a junior school in a region of
         * nine-year schools, whose grade-6 pupils stay): the new school takes
         * them all, up to its capacity, and the rest go where they went. */
        *own = 1.0;
    }
    s->closed[school] = 0;
    w->flows[r].schools_opened++;
}

ts_status ts_openings_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_new_school_list *list = &w->model->scenario->network.new_schools;
    const int32_t first = w->model->start->schools.n - list->n;
    for (int32_t i = 0; i < list->n; i++) {
        const int32_t school = first + i;
        const int32_t r = w->schools.region[school];
        if (list->item[i].opens == w->year && r >= w->region_lo && r < w->region_hi)
            open_school(w, school);
    }
    return TS_OK;
}
