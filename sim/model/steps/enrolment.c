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
#include <string.h>

#include <gsl/gsl_randist.h>

#include "apportion.h"

/* The step's scratch: one region's schools' weights and shares of a split,
 * and, once a fall of the private share has moved pupils into public
 * schools, each school's public pupils as they would be without the move
 * (the base the grades advance from, docs/model.md, step 1). */
typedef struct {
    double *weight;             /* max_region_schools */
    int32_t *count;             /* max_region_schools */
    int32_t (*base)[TS_GRADES]; /* every school of the model: pupils before the move from private schools */
    int moved;                  /* base holds this replication's base pupils (a share has fallen) */
} ts_enrolment_workspace;

static void enrolment_free(void *data)
{
    ts_enrolment_workspace *e = data;
    if (!e)
        return;
    free(e->weight);
    free(e->count);
    free(e->base);
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
        e->base = malloc(((size_t)w->model->start->schools.n + 1) * sizeof *e->base);
    }
    if (!e || !e->weight || !e->count || !e->base) {
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
    if (w->schools.locality[s] == TS_RURAL || w->schools.closed[s] || w->schools.capacity[s] > 0 ||
        !teaches_grade(w->schools.level[s], g))
        return 0.0; /* a merged school takes no movers, nor a new one (steps/openings.h) */
    return 1.0 + w->schools.pupils[s][g];
}

static int32_t pupils_now(const ts_world *w, int32_t s)
{
    int32_t n = 0;
    for (int g = 0; g < TS_GRADES; g++)
        n += w->schools.pupils[s][g];
    return n;
}

/* A new school (steps/openings.h) takes entrants of grade g up to its
 * capacity: those beyond it go to the other schools that take them, by
 * `weight` (new schools excluded, so none is pushed over), else by
 * `fallback` when there is one (grade 7: the nine-year schools), else they
 * stay, for the region has no other school to take them. The region's
 * pupils are unchanged. */
static void hold_to_capacity(ts_world *w, ts_enrolment_workspace *e, const int32_t *schools, int32_t n, int g,
                             double (*weight)(const ts_world *, int32_t, int),
                             double (*fallback)(const ts_world *, int32_t, int))
{
    int receivers = 0;
    for (int pass = 0; pass < 2 && !receivers; pass++) {
        double (*by)(const ts_world *, int32_t, int) = pass == 0 ? weight : fallback;
        if (!by)
            break;
        for (int32_t k = 0; k < n; k++) {
            e->weight[k] = w->schools.capacity[schools[k]] > 0 ? 0.0 : by(w, schools[k], g);
            receivers |= e->weight[k] > 0.0;
        }
    }
    if (!receivers)
        return;
    int32_t excess = 0;
    for (int32_t k = 0; k < n; k++) {
        const int32_t s = schools[k], capacity = w->schools.capacity[s];
        const int enters_here = (w->schools.level[s] == TS_LEVEL_JUNIOR) == (g == 6); /* its entry grade */
        const int32_t over = capacity > 0 && enters_here && !w->schools.closed[s] ? pupils_now(w, s) - capacity : 0;
        if (over <= 0)
            continue;
        const int32_t moved = over < w->schools.pupils[s][g] ? over : w->schools.pupils[s][g];
        w->schools.pupils[s][g] -= moved;
        excess += moved;
    }
    if (excess > 0 && ts_apportion(excess, e->weight, n, e->count))
        for (int32_t k = 0; k < n; k++)
            w->schools.pupils[schools[k]][g] += e->count[k];
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

/* The year's private share of region r at level l (0 primary, 1 junior)
 * and its start share: the pupils between the two are in public schools. */
static double private_share(const ts_model *m, int r, int l, double *start)
{
    const ts_scenario *sc = m->scenario;
    *start = sc->population.regions[r].private_share[l];
    const double cap = sc->enrolment.private_share_cap[l];
    return cap < *start ? cap : *start;
}

/* Whether any region of this world has a private share below its start
 * share this year. */
static int share_has_fallen(const ts_world *w)
{
    for (int r = w->region_lo; r < w->region_hi; r++)
        for (int l = 0; l < 2; l++) {
            double start;
            if (private_share(w->model, r, l, &start) < start)
                return 1;
        }
    return 0;
}

/* Pupils leaving private schools join the public schools of region r:
 * public = base (1 - s) / (1 - s0) for each level, the increase
 * round(base (s0 - s) / (1 - s0)) split over the level's grades by their
 * base pupils and within a grade over the schools by theirs (largest
 * remainders, so the increase is exact). */
static void move_from_private(ts_world *w, ts_enrolment_workspace *e, int r, const int32_t *schools, int32_t n)
{
    int64_t base_grade[TS_GRADES] = {0};
    for (int32_t k = 0; k < n; k++)
        for (int g = 0; g < TS_GRADES; g++)
            base_grade[g] += e->base[schools[k]][g];
    for (int l = 0; l < 2; l++) {
        double s0;
        const double s = private_share(w->model, r, l, &s0);
        if (!(s < s0))
            continue;
        const int first = l == 0 ? 0 : ts_level_last_grade(TS_LEVEL_PRIMARY);
        const int last = l == 0 ? ts_level_last_grade(TS_LEVEL_PRIMARY) : TS_GRADES;
        double grade_weight[TS_GRADES];
        int32_t grade_extra[TS_GRADES];
        int64_t base = 0;
        for (int g = first; g < last; g++) {
            grade_weight[g - first] = (double)base_grade[g];
            base += base_grade[g];
        }
        const int64_t extra = (int64_t)llround((double)base * (s0 - s) / (1.0 - s0));
        if (!ts_apportion(extra, grade_weight, last - first, grade_extra))
            continue;
        for (int g = first; g < last; g++) {
            for (int32_t k = 0; k < n; k++) /* a new school takes none (steps/openings.h) */
                e->weight[k] = w->schools.capacity[schools[k]] > 0 ? 0.0 : (double)e->base[schools[k]][g];
            if (!ts_apportion(grade_extra[g - first], e->weight, n, e->count))
                continue;
            for (int32_t k = 0; k < n; k++)
                w->schools.pupils[schools[k]][g] += e->count[k];
        }
        w->flows[r].public_pupils_from_private += extra;
    }
}

ts_status ts_enrolment_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_model *m = w->model;
    ts_enrolment_workspace *e = ts_world_workspace(w, &ts_enrolment_workspace_type);
    const double continuation = m->scenario->enrolment.junior_continuation;
    /* A replication starts with the start's pupils, none moved. While no
     * private share has fallen the pupils are their own base and the step is
     * what it was before the lever (bit-identical results); once one has,
     * the grades advance from the base and the move is added again each
     * year, so that it follows the year's share and never compounds. */
    if (w->year <= m->start->start_year)
        e->moved = 0;
    const int moving = e->moved || share_has_fallen(w);
    const int new_schools = m->scenario->network.new_schools.n > 0;
    for (int r = w->region_lo; r < w->region_hi; r++) {
        const int32_t *schools = m->region_schools + m->region_first[r];
        int32_t n = m->region_first[r + 1] - m->region_first[r];
        if (e->moved) {
            /* A school merged since the base was taken (steps/mergers.h) gave
             * its pupils to its lead: its base goes there too, or they would
             * come back. */
            for (int32_t k = 0; k < n; k++) {
                const int32_t s = schools[k], lead = m->alliances.lead[s];
                if (!w->schools.closed[s] || lead == s || lead < 0) /* lead < 0: a school yet to open */
                    continue;
                for (int g = 0; g < TS_GRADES; g++) {
                    e->base[lead][g] += e->base[s][g];
                    e->base[s][g] = 0;
                }
            }
            for (int32_t k = 0; k < n; k++)
                memcpy(w->schools.pupils[schools[k]], e->base[schools[k]], sizeof e->base[0]);
        }
        int32_t primary_leavers = 0;
        for (int32_t k = 0; k < n; k++)
            advance_grades(w, schools[k], continuation, &primary_leavers);
        int32_t into_junior = (int32_t)lround(primary_leavers * continuation);
        if (into_junior && !distribute(w, e, schools, n, 6, into_junior, junior_weight))
            distribute(w, e, schools, n, 6, into_junior, nine_year_fallback);
        distribute(w, e, schools, n, 0, ts_model_entrants(m, r, w->year), entry_weight);
        if (new_schools) {
            hold_to_capacity(w, e, schools, n, 6, junior_weight, nine_year_fallback);
            hold_to_capacity(w, e, schools, n, 0, entry_weight, NULL);
        }
        migrate_rural_pupils(w, e, schools, n);
        if (moving) {
            for (int32_t k = 0; k < n; k++)
                memcpy(e->base[schools[k]], w->schools.pupils[schools[k]], sizeof e->base[0]);
            move_from_private(w, e, r, schools, n);
        }
    }
    e->moved = moving;
    return TS_OK;
}
