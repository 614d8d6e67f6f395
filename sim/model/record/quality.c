/*
 * quality.c: quality-balance scoring of each county (quality.h).
 */
#include "record/quality.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alliances.h"
#include "staffing_norms.h"

/* the rotation condition's own thresholds (MOE 2014; 2017 guarantee condition) */
#define ROTATION_MIN_SHARE 0.10
#define ROTATION_MIN_BACKBONE 0.20

/* The scoring's scratch: the counted teachers of every school, and one
 * level's values and pupils per scored school for the coefficients. In a
 * shard the counts are the first shard's (the worlds share their schools,
 * shards.h), each shard filling its own schools' rows. */
/* The per-school counts: the three scored ones (TS_QB_*), then per subject
 * the established and targeted teachers holding a post of their own subject
 * (in field), then per subject the temporaries holding a post of it. */
enum { IN_FIELD = TS_QUALITY_IN_FIELD, TEMPORARY = TS_QUALITY_TEMPORARY, COUNTS = TS_QUALITY_COUNTS };

/* A school's outcome of the year, for the per-school results: bits of
 * `flags`, and its counted teachers and pupils over its scored levels. */
enum { SCHOOL_SCORED = 1, SCHOOL_FAILED = 2, SCHOOL_MISSING = 4 /* << indicator */ };

typedef struct {
    double counted[TS_QB_COUNT];
    double pupils;
    uint8_t flags;
} school_outcome;

typedef struct {
    int32_t (*counts)[COUNTS]; /* per school */
    /* per school: the three scored counts as the assessment counts them, a
     * shared teacher's hours where they are taught (alliances.h); the
     * counts themselves when no alliance shares (shared like counts) */
    double (*scored)[TS_QB_COUNT];
    double (*shared)[TS_QB_COUNT]; /* per region: teacher-equivalents counted from another school of the alliance */
    school_outcome *outcome;       /* per school, this year's (shared like counts) */
    int owns_counts;
    double *cv_x; /* a row of one value per school for each indicator */
    double *cv_p; /* per school: its pupils of the level */
    int counted;  /* this world's counts are the year's, made in the tally's pass (ts_quality_counts_end) */
} ts_quality_workspace;

static void quality_free(void *data)
{
    ts_quality_workspace *q = data;
    if (!q)
        return;
    if (q->owns_counts) {
        free(q->counts);
        free(q->scored);
        free(q->shared);
        free(q->outcome);
    }
    free(q->cv_x);
    free(q->cv_p);
    free(q);
}

static void *quality_alloc(ts_world *w, const void *share, ts_error *err)
{
    const ts_quality_workspace *owner = share;
    const size_t n_schools = (size_t)w->model->start->schools.n;
    ts_quality_workspace *q = calloc(1, sizeof *q);
    if (q) {
        q->owns_counts = !owner;
        q->counts = owner ? owner->counts : calloc(n_schools + 1, sizeof *q->counts);
        q->outcome = owner ? owner->outcome : calloc(n_schools + 1, sizeof *q->outcome);
        q->scored = owner ? owner->scored : calloc(n_schools + 1, sizeof *q->scored);
        q->shared = owner ? owner->shared : calloc((size_t)w->model->n_regions + 1, sizeof *q->shared);
        q->cv_x = calloc(TS_QB_COUNT * n_schools + 1, sizeof *q->cv_x);
        q->cv_p = calloc(n_schools + 1, sizeof *q->cv_p);
    }
    if (!q || !q->counts || !q->outcome || !q->scored || !q->shared || !q->cv_x || !q->cv_p) {
        quality_free(q);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for the quality scoring of %d schools", (int)n_schools);
        return NULL;
    }
    return q;
}

const ts_workspace_type ts_quality_workspace_type = {"quality", quality_alloc, quality_free, NULL};

double ts_quality_cv(const double *x, const double *pupils, size_t n)
{
    double total = 0.0, mean = 0.0;
    for (size_t i = 0; i < n; i++) {
        total += pupils[i];
        mean += pupils[i] * x[i];
    }
    if (!(total > 0.0))
        return NAN;
    mean /= total;
    if (!(mean > 0.0))
        return NAN;
    double var = 0.0;
    for (size_t i = 0; i < n; i++)
        var += pupils[i] / total * (x[i] - mean) * (x[i] - mean);
    return sqrt(var) / mean;
}

int32_t (*ts_quality_counts_begin(const ts_world *w))[TS_QUALITY_COUNTS]
{
    ts_quality_workspace *ws = ts_world_workspace(w, &ts_quality_workspace_type);
    for (int32_t k = w->school_lo; k < w->school_hi; k++) {
        memset(ws->counts[ts_world_school(w, k)], 0, sizeof *ws->counts);
        memset(&ws->outcome[ts_world_school(w, k)], 0, sizeof *ws->outcome);
    }
    return ws->counts;
}

void ts_quality_counts_end(const ts_world *w)
{
    ts_quality_workspace *ws = ts_world_workspace(w, &ts_quality_workspace_type);
    for (int32_t k = w->school_lo; k < w->school_hi; k++) {
        int32_t s = ts_world_school(w, k);
        for (int j = 0; j < TS_QB_COUNT; j++)
            ws->scored[s][j] = ws->counts[s][j];
    }
    const ts_scenario *sc = w->model->scenario;
    if (sc->alliances.enabled && sc->alliances.count_shared_hours) {
        /* Qualification is the teacher's own: a degree counts where it is held, not shared. */
        const double hours[TS_QB_COUNT] = {0.0, sc->alliances.backbone_hours_shared, sc->alliances.pe_art_hours_shared};
        ts_alliances_share(&w->model->alliances, hours, TS_QB_COUNT, w->schools.pupil_total, w->region_lo, w->region_hi,
                           &ws->scored[0][0], &ws->shared[0][0]);
    } else {
        for (int32_t r = w->region_lo; r < w->region_hi; r++)
            memset(ws->shared[r], 0, sizeof ws->shared[r]);
    }
    ws->counted = 1;
}

/* The world's teachers into the counts of its schools (in a shard, the
 * others' schools are another thread's: shards.h), in a pass of their own,
 * when no tally has counted them in its pass. */
static void count_teachers(const ts_world *w)
{
    const ts_teachers *t = &w->teachers;
    int32_t(*counts)[TS_QUALITY_COUNTS] = ts_quality_counts_begin(w);
    for (int32_t i = 0; i < t->n; i++)
        if (!(t->flags[i] & (TS_TEACHER_GONE | TS_TEACHER_STANDBY)))
            ts_quality_count_teacher(counts[t->school[i]], t, i);
    ts_quality_counts_end(w);
}

int32_t ts_quality_pe_art_held(const ts_world *w, int32_t school)
{
    const ts_quality_workspace *ws = ts_world_workspace(w, &ts_quality_workspace_type);
    static const int subjects[3] = {TS_SUBJECT_PE, TS_SUBJECT_MUSIC, TS_SUBJECT_ART};
    int32_t held = 0;
    for (int k = 0; k < 3; k++) {
        int32_t posts = w->schools.posts[school][subjects[k]], specialists = ws->counts[school][IN_FIELD + subjects[k]];
        held += specialists < posts ? specialists : posts;
    }
    return held;
}

void ts_quality_subject_holders(const ts_world *w, int32_t school, int32_t in_field[TS_SUBJECT_COUNT],
                                int32_t temporaries[TS_SUBJECT_COUNT])
{
    const ts_quality_workspace *ws = ts_world_workspace(w, &ts_quality_workspace_type);
    for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
        in_field[k] = ws->counts[school][IN_FIELD + k];
        temporaries[k] = ws->counts[school][TEMPORARY + k];
    }
}

static int32_t part_pupils(const int32_t *pupils, int part)
{
    int32_t n = 0;
    for (int g = part == 0 ? 0 : 6; g <= (part == 0 ? 5 : 8); g++)
        n += pupils[g];
    return n;
}

/* Score one level over a set of schools; returns whether it passes. One
 * pass over the schools gathers what the three coefficients of variation
 * and the school rule need (ws->cv_x holds three rows of n values), and why
 * the level fails: the schools below each threshold, those failing the
 * rule, and (for a county, `record`) each school's outcome. */
static int score_level(const ts_world *w, ts_quality_workspace *ws, const int32_t *schools, int32_t n, int part,
                       int record, ts_quality *q)
{
    const ts_scenario *sc = w->model->scenario;
    const double thresholds[TS_QB_COUNT] = {sc->quality.qualified_per100[part], sc->quality.backbone_per100[part],
                                            sc->quality.pe_art_per100[part]};
    double counted[TS_QB_COUNT] = {0}, pupils_all = 0.0;
    double *x[TS_QB_COUNT] = {ws->cv_x, ws->cv_x + n, ws->cv_x + 2 * (size_t)n};
    size_t scored = 0;
    int32_t ok = 0, missing[TS_QB_COUNT] = {0}, failing_missing[TS_QB_COUNT] = {0};
    for (int32_t k = 0; k < n; k++) {
        int32_t s = schools[k];
        int32_t level_pupils = part_pupils(w->schools.pupils[s], part), all = w->schools.pupil_total[s];
        if (level_pupils == 0 || all < sc->quality.teaching_point_pupils)
            continue;
        int32_t req = w->schools.part_requirement[s][part], req_all = w->schools.requirement[s];
        double share = req_all > 0 ? (double)req / req_all : 0.0; /* a nine-year school's teachers by level */
        /* the school rule: 6 of the 7 resource indicators met, the rest at the floor */
        int met = sc->quality.other_indicators_met, floor_ok = 1, below = 0;
        for (int j = 0; j < TS_QB_COUNT; j++) {
            double teachers = ws->scored[s][j] * share;
            x[j][scored] = 100.0 * teachers / level_pupils;
            counted[j] += teachers;
            /* the rule's own rounding order ((100 c) s, not 100 (c s)): a value
             * at a threshold must be judged as it always was */
            double rule = 100.0 * ws->scored[s][j] * share / level_pupils;
            if (rule >= thresholds[j]) {
                met++;
            } else {
                below |= 1 << j;
                missing[j]++;
                if (rule < sc->quality.school_floor * thresholds[j])
                    floor_ok = 0;
            }
        }
        int school_ok = met >= 6 && floor_ok;
        ws->cv_p[scored++] = level_pupils;
        pupils_all += level_pupils;
        ok += school_ok;
        for (int j = 0; j < TS_QB_COUNT; j++)
            failing_missing[j] += !school_ok && (below >> j & 1);
        if (record) {
            school_outcome *o = &ws->outcome[s];
            o->flags |= (uint8_t)(SCHOOL_SCORED | (school_ok ? 0 : SCHOOL_FAILED) | below * SCHOOL_MISSING);
            for (int j = 0; j < TS_QB_COUNT; j++)
                o->counted[j] += ws->scored[s][j] * share;
            o->pupils += level_pupils;
        }
    }
    for (int j = 0; j < TS_QB_COUNT; j++) {
        q->cv[j][part] = ts_quality_cv(x[j], ws->cv_p, scored);
        q->per100[j][part] = pupils_all > 0 ? 100.0 * counted[j] / pupils_all : NAN;
        q->schools_missing[j][part] = scored ? (double)missing[j] / (double)scored : NAN;
        q->failing_missing[j][part] =
            ok < (int32_t)scored ? (double)failing_missing[j] / (double)((int32_t)scored - ok) : NAN;
    }
    q->scored_schools[part] = (int32_t)scored;
    q->schools_ok_share[part] = scored ? (double)ok / (double)scored : NAN;
    q->schools_meeting_rule += ok;
    if (scored == 0)
        return 1;
    q->fails_school_rule[part] = ok < (int32_t)scored;
    for (int j = 0; j < TS_QB_COUNT; j++)
        q->fails_cv[j][part] = !(q->cv[j][part] <= sc->quality.max_cv[part]); /* NaN fails */
    int pass = !q->fails_school_rule[part];
    for (int j = 0; j < TS_QB_COUNT; j++)
        pass &= !q->fails_cv[j][part];
    return pass;
}

void ts_quality_score(const ts_world *w, int32_t region, ts_quality *q)
{
    const ts_model *m = w->model;
    const ts_scenario *sc = m->scenario;
    ts_quality_workspace *ws = ts_world_workspace(w, &ts_quality_workspace_type);
    memset(q, 0, sizeof *q);
    if (region == w->region_lo) {
        /* once per year: the later calls of the year reuse the counts */
        if (!ws->counted)
            count_teachers(w);
        ws->counted = 0; /* the next year's are still to be made */
    }
    if (region == m->n_regions) {
        /* the whole area's means and coefficients, across all its schools */
        for (int part = 0; part < 2; part++)
            score_level(w, ws, m->region_schools, m->region_first[m->n_regions], part, 0, q);
        return;
    }
    const int32_t *schools = m->region_schools + m->region_first[region];
    int32_t n = m->region_first[region + 1] - m->region_first[region];
    const ts_flows *f = &w->flows[region];
    for (int part = 0; part < 2; part++)
        q->pass_level[part] = score_level(w, ws, schools, n, part, 1, q);
    for (int j = 0; j < TS_QB_COUNT; j++)
        q->shared[j] = ws->shared[region][j];
    q->rotation_ok = f->rotation_eligible == 0 ||
                     ((double)f->rotations >= ROTATION_MIN_SHARE * (double)f->rotation_eligible - 1e-9 &&
                      (double)f->rotations_backbone >= ROTATION_MIN_BACKBONE * (double)f->rotations - 1e-9);
    q->fails_rotation = !q->rotation_ok;
    q->pass = q->pass_level[0] && q->pass_level[1] && (q->rotation_ok || !sc->quality.require_rotation);
}

/* The schools that targets follow: this year's outcome into the job's
 * blocks (world.h, watch_out), in the school's region column. */
static void record_watched(const ts_world *w, const ts_quality_workspace *ws)
{
    const size_t G = (size_t)w->model->n_regions + 1;
    const size_t y = (size_t)(w->year - w->model->scenario->horizon.start_year);
    for (int32_t k = 0; k < w->n_watch; k++) {
        const int32_t s = w->watch_school[k], g = w->schools.region[s];
        if (g < w->region_lo || g >= w->region_hi)
            continue; /* another shard's school */
        const school_outcome *o = &ws->outcome[s];
        const int scored = o->flags & SCHOOL_SCORED;
        double v[TS_TARGET_SCHOOL_INDICATORS] = {scored ? !(o->flags & SCHOOL_FAILED) : NAN, NAN, NAN, NAN};
        for (int j = 0; j < TS_QB_COUNT && scored; j++)
            v[1 + j] = 100.0 * o->counted[j] / o->pupils;
        for (int f = 0; f < TS_TARGET_SCHOOL_INDICATORS; f++)
            w->watch_out[(size_t)k * TS_TARGET_SCHOOL_INDICATORS + (size_t)f][y * G + (size_t)g] = v[f];
    }
}

void ts_quality_add_schools(const ts_world *w, ts_school_sums *sums)
{
    const ts_quality_workspace *ws = ts_world_workspace(w, &ts_quality_workspace_type);
    if (w->n_watch > 0)
        record_watched(w, ws);
    if (!sums || !sums->cells)
        return;
    const int32_t y = w->year - sums->first_year;
    if (y < 0 || y >= sums->n_years)
        return;
    for (int32_t k = w->school_lo; k < w->school_hi; k++) {
        int32_t s = ts_world_school(w, k);
        const school_outcome *o = &ws->outcome[s];
        if (!(o->flags & SCHOOL_SCORED))
            continue;
        int64_t add[TS_SCHOOL_SUM_FIELDS] = {0};
        add[TS_SCHOOL_SUM_SCORED] = 1;
        add[TS_SCHOOL_SUM_MET] = !(o->flags & SCHOOL_FAILED);
        for (int j = 0; j < TS_QB_COUNT; j++) {
            add[TS_SCHOOL_SUM_MISSING + j] = (o->flags / SCHOOL_MISSING) >> j & 1;
            add[TS_SCHOOL_SUM_PER100 + j] = llround(100.0 * o->counted[j] / o->pupils * TS_SCHOOL_SUM_SCALE);
        }
        /* Integer adds commute, so the sums are the same whichever thread
         * (replication) comes first. */
        int64_t *cell = sums->cells + ((size_t)y * (size_t)sums->n_schools + (size_t)s) * TS_SCHOOL_SUM_FIELDS;
        for (int f = 0; f < TS_SCHOOL_SUM_FIELDS; f++)
            if (add[f])
                __atomic_fetch_add(&cell[f], add[f], __ATOMIC_RELAXED);
    }
}
