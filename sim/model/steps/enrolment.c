/*
 * enrolment.c: pupils of each school, year to year.
 *
 * Integer splits use largest remainders (apportion.h), so every pupil is
 * accounted for: a region's pupils change only by entrants, grade-9 leavers
 * and those who do not continue from grade 6 to 7.
 */
#include "steps/enrolment.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "apportion.h"

/* The step's scratch: one region's schools' weights and shares of a split. */
typedef struct {
    double *weight; /* max_region_schools */
    int32_t *count; /* max_region_schools */
} ts_enrolment_workspace;

static void enrolment_free(void *data)
{
    ts_enrolment_workspace *e = data;
    if (!e)
        return;
    free(e->weight);
    free(e->count);
    free(e);
}

static void *enrolment_alloc(ts_world *w, const void *share, ts_error *err)
{
    (void)share;
    const size_t n = (size_t)w->model->max_region_schools + 1;
    ts_enrolment_workspace *e = calloc(1, sizeof *e);
    if (e) {
        e->weight = malloc(n * sizeof *e->weight);
        e->count = malloc(n * sizeof *e->count);
    }
    if (!e || !e->weight || !e->count) {
        enrolment_free(e);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for the enrolment step");
        return NULL;
    }
    return e;
}

const ts_workspace_type ts_enrolment_workspace_type = {"enrolment", enrolment_alloc, enrolment_free, NULL};

static int teaches_grade(int level, int g)
{
    return g >= ts_level_first_grade(level) - 1 && g <= ts_level_last_grade(level) - 1;
}

int32_t ts_enrolment_entrants(const ts_model *m, int region, int year)
{
    const ts_scenario *sc = m->scenario;
    double births = ts_series_get(&sc->enrolment.births, year - 6);
    if (!(births > 0.0))
        return 0;
    return (int32_t)lround(births * m->birth_share[region] * sc->enrolment.entry_rate);
}

/* Give `total` pupils of grade g to the listed schools of a region, in
 * proportion to weight(school); returns how many found a place. */
static int32_t distribute(ts_world *w, ts_enrolment_workspace *e, const int32_t *schools, int32_t n, int g,
                          int32_t total, double (*weight)(const ts_world *, int32_t, int))
{
    for (int32_t k = 0; k < n; k++)
        e->weight[k] = weight(w, schools[k], g);
    if (!ts_apportion(total, e->weight, n, e->count))
        return 0;
    for (int32_t k = 0; k < n; k++)
        w->schools.pupils[schools[k]][g] += e->count[k];
    return total;
}

static double entry_weight(const ts_world *w, int32_t s, int g)
{
    (void)g;
    return w->schools.level[s] != TS_LEVEL_JUNIOR ? w->schools.entry_weight[s] : 0.0;
}

static double junior_weight(const ts_world *w, int32_t s, int g)
{
    (void)g;
    return w->schools.junior_weight[s];
}

static double nine_year_fallback(const ts_world *w, int32_t s, int g)
{
    (void)g;
    return w->schools.level[s] == TS_LEVEL_NINE_YEAR && !w->schools.closed[s] ? 1.0 + w->schools.pupils[s][6] : 0.0;
}

/* Town and urban schools teaching grade g take rural movers by their size. */
static double urban_weight(const ts_world *w, int32_t s, int g)
{
    if (w->schools.locality[s] == TS_RURAL || w->schools.closed[s] || !teaches_grade(w->schools.level[s], g))
        return 0.0; /* a merged school takes no movers */
    return 1.0 + w->schools.pupils[s][g];
}

static void advance_grades(ts_world *w, int32_t s, double continuation, int32_t *primary_leavers)
{
    int32_t *p = w->schools.pupils[s];
    int level = w->schools.level[s];
    if (level == TS_LEVEL_PRIMARY)
        *primary_leavers += p[5];
    /* nine-year schools keep their own grade-6 pupils */
    int32_t into_seven = level == TS_LEVEL_NINE_YEAR ? (int32_t)lround(p[5] * continuation) : 0;
    for (int g = TS_GRADES - 1; g >= 1; g--)
        p[g] = teaches_grade(level, g) && teaches_grade(level, g - 1) ? p[g - 1] : 0;
    if (level == TS_LEVEL_NINE_YEAR)
        p[6] = into_seven;
    p[0] = 0;
}

static void migrate_rural_pupils(ts_world *w, ts_enrolment_workspace *e, const int32_t *schools, int32_t n)
{
    const double rate = w->model->scenario->enrolment.urbanisation_rate;
    if (!(rate > 0.0))
        return;
    int has_destination[TS_GRADES] = {0};
    for (int32_t k = 0; k < n; k++)
        for (int g = 0; g < TS_GRADES; g++)
            has_destination[g] |= urban_weight(w, schools[k], g) > 0.0;
    int32_t movers[TS_GRADES] = {0};
    for (int32_t k = 0; k < n; k++) {
        int32_t s = schools[k];
        if (w->schools.locality[s] != TS_RURAL)
            continue;
        ts_rng_gsl_at(w->gsl, &w->rng, ts_entity_school((uint32_t)s), w->year, TS_EVENT_MIGRATION);
        for (int g = 0; g < TS_GRADES; g++) {
            if (!has_destination[g] || w->schools.pupils[s][g] == 0)
                continue;
            int32_t moved = (int32_t)gsl_ran_binomial(w->gsl, rate, (unsigned)w->schools.pupils[s][g]);
            w->schools.pupils[s][g] -= moved;
            movers[g] += moved;
        }
        /* the entry pattern urbanises with the pupils */
        w->schools.entry_weight[s] *= 1.0 - rate;
        w->schools.junior_weight[s] *= 1.0 - rate;
    }
    for (int g = 0; g < TS_GRADES; g++)
        if (movers[g])
            distribute(w, e, schools, n, g, movers[g], urban_weight);
}

ts_status ts_enrolment_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_model *m = w->model;
    ts_enrolment_workspace *e = ts_world_workspace(w, &ts_enrolment_workspace_type);
    const double continuation = m->scenario->enrolment.junior_continuation;
    for (int r = w->region_lo; r < w->region_hi; r++) {
        const int32_t *schools = m->region_schools + m->region_first[r];
        int32_t n = m->region_first[r + 1] - m->region_first[r];
        int32_t primary_leavers = 0;
        for (int32_t k = 0; k < n; k++)
            advance_grades(w, schools[k], continuation, &primary_leavers);
        int32_t into_junior = (int32_t)lround(primary_leavers * continuation);
        if (into_junior && !distribute(w, e, schools, n, 6, into_junior, junior_weight))
            distribute(w, e, schools, n, 6, into_junior, nine_year_fallback);
        distribute(w, e, schools, n, 0, ts_enrolment_entrants(m, r, w->year), entry_weight);
        migrate_rural_pupils(w, e, schools, n);
    }
    return TS_OK;
}
