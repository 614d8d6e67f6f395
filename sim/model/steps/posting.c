/*
 * posting.c: the yearly competition for posts within each county (posting.h).
 */
#include "steps/posting.h"

#include "argmax.h"
#include "sort.h"

#include <assert.h>
#include <math.h>

#include <string.h>

uint64_t ts_posting_rank(const ts_world *w, int32_t i)
{
    const ts_teachers *t = &w->teachers;
    uint32_t word = ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_POSTING, 0).v[0];
    return ((uint64_t)t->backbone[i] << 40) | ((uint64_t)t->title[i] << 36) | ((uint64_t)t->qualification[i] << 34) |
           word;
}

static int competes(const ts_teachers *t, int32_t i)
{
    return t->contract[i] == TS_CONTRACT_ESTABLISHED && t->home_school[i] < 0 && !(t->flags[i] & TS_TEACHER_GONE);
}

static int32_t gap(const ts_schools *s, int32_t school, int subject)
{
    return s->posts[school][subject] - s->held[school][subject];
}

/* The within-school key: school, then post subject, then rank ascending
 * (the lowest first), packed in 64 bits: 24 bits of school, 3 of subject, 37
 * of rank (its levels and the top 31 bits of the teacher's word). */
static uint64_t post_then_rank(const ts_world *w, int32_t i)
{
    const ts_teachers *t = &w->teachers;
    uint64_t levels = ((uint64_t)t->backbone[i] << 4) | ((uint64_t)t->title[i] << 2) | t->qualification[i];
    uint64_t rank = (levels << 31) | ((ts_posting_rank(w, i) & 0xFFFFFFFFu) >> 1);
    return ((uint64_t)t->school[i] << 40) | ((uint64_t)t->post_subject[i] << 37) | rank;
}

/* Open posts of each region and subject (sum over schools of posts above
 * holders), into w->open_posts, kept in step as teachers are placed: where a
 * region has none of a subject, no school can be found for it and the search
 * over the region's schools is skipped. */
static void count_open_posts(ts_world *w)
{
    const ts_schools *s = &w->schools;
    for (int32_t r = w->region_lo; r < w->region_hi; r++)
        memset(w->open_posts[r], 0, sizeof w->open_posts[r]);
    for (int32_t j = w->school_lo; j < w->school_hi; j++) {
        int32_t school = ts_world_school(w, j);
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            if (gap(s, school, k) > 0)
                w->open_posts[s->region[school]][k] += gap(s, school, k);
    }
}

static int32_t open_in_region(const ts_world *w, int32_t region)
{
    int32_t n = 0;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++)
        n += w->open_posts[region][k];
    return n;
}

/* Teaching out of field while a post of one's own subject is free at the school: take it. */
static void back_into_field(ts_world *w)
{
    ts_teachers *t = &w->teachers;
    for (int32_t i = 0; i < t->n; i++)
        if (competes(t, i) && !(t->flags[i] & TS_TEACHER_STANDBY) && t->post_subject[i] != t->subject[i] &&
            gap(&w->schools, t->school[i], t->subject[i]) > 0)
            ts_world_move(w, i, t->school[i], t->subject[i]);
}

/* 校内竞聘: where a subject has more holders than posts, the lowest-ranked
 * competing holders lose their post. Returns how many did. */
static int32_t within_school(ts_world *w)
{
    ts_teachers *t = &w->teachers;
    ts_schools *s = &w->schools;
    int any = 0;
    for (int32_t j = w->school_lo; j < w->school_hi; j++) {
        int32_t school = ts_world_school(w, j);
        for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
            w->surplus[school][k] = s->held[school][k] - s->posts[school][k];
            any |= w->surplus[school][k] > 0;
        }
    }
    if (!any)
        return 0;
    int32_t n = 0;
    for (int32_t i = 0; i < t->n; i++)
        if (competes(t, i) && !(t->flags[i] & TS_TEACHER_STANDBY) && w->surplus[t->school[i]][t->post_subject[i]] > 0) {
            w->pool[n++] = i;
            w->pool_key[i] = post_then_rank(w, i);
        }
    ts_sort_by_key(w->pool, w->pool_spare, (size_t)n, w->pool_key);
    int32_t cut = 0;
    for (int32_t k = 0; k < n; k++) {
        int32_t i = w->pool[k];
        int32_t *left = &w->surplus[t->school[i]][t->post_subject[i]];
        if (*left <= 0)
            continue; /* the rest of this group keep their posts */
        (*left)--;
        ts_world_vacate(w, i);
        t->flags[i] |= TS_TEACHER_STANDBY;
        cut++;
    }
    return cut;
}

/*
 * The school of `region` a teacher of `subject` goes to, or -1: among the
 * schools with an open post of the subject, the best by the stage's score,
 * then the largest gap, the first such in the region's order.
 * Competition: the teacher's choice, urban before town before rural.
 * Assignment: the county's priority, rural and weak first (or largest gap).
 *
 * A placement changes one school's gap in one subject, so while a stage
 * serves one county (the pool is sorted by county) each subject's ranking is
 * a tournament tree (argmax.h) of the value score * 2^24 + gap (exact in a
 * double: gaps are far below 2^24), built when the subject is first asked
 * for and updated at each placement.
 */
typedef struct {
    int stage;
    int32_t region; /* the county the trees describe; -1: none yet */
    int32_t n;      /* its schools */
    int built[TS_SUBJECT_COUNT];
    ts_argmax tree[TS_SUBJECT_COUNT];
} vacancy_trees;

static double vacancy_value(const ts_world *w, int32_t school, int subject, int stage)
{
    const ts_schools *s = &w->schools;
    int32_t g = gap(s, school, subject);
    if (g <= 0)
        return -INFINITY;
    assert(g < (1 << 24));
    int32_t score = stage == 0 ? TS_LOCALITY_COUNT - s->locality[school]
                    : w->model->scenario->posting.rural_weak_first
                        ? 2 * (s->locality[school] == TS_RURAL) + s->weak[school]
                        : 0;
    return (double)score * (double)(1 << 24) + (double)g;
}

static ts_argmax *vacancy_tree(ts_world *w, vacancy_trees *v, int32_t region, int subject)
{
    const ts_model *m = w->model;
    const int32_t *schools = m->region_schools + m->region_first[region];
    if (v->region != region) {
        v->region = region;
        v->n = m->region_first[region + 1] - m->region_first[region];
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            v->built[k] = 0;
        for (int32_t k = 0; k < v->n; k++)
            w->school_trees.position[schools[k]] = k;
    }
    if (!v->built[subject]) {
        const size_t leaves = (size_t)ts_argmax_leaves(v->n);
        double *value = w->school_trees.value + (size_t)subject * leaves;
        for (int32_t k = 0; k < v->n; k++)
            value[k] = vacancy_value(w, schools[k], subject, v->stage);
        ts_argmax_build(&v->tree[subject], value, w->school_trees.winner + (size_t)subject * 2 * leaves, v->n);
        v->built[subject] = 1;
    }
    return &v->tree[subject];
}

static int32_t best_vacancy(ts_world *w, vacancy_trees *v, int32_t region, int subject)
{
    if (w->open_posts[region][subject] <= 0)
        return -1;
    int32_t k = ts_argmax_first(vacancy_tree(w, v, region, subject));
    return k < 0 ? -1 : w->model->region_schools[w->model->region_first[region] + k];
}

static void place(ts_world *w, vacancy_trees *v, int32_t i, int32_t school, int subject)
{
    int32_t from = w->teachers.school[i];
    w->open_posts[w->schools.region[school]][subject]--; /* best_vacancy chose it for a gap above 0 */
    ts_world_move(w, i, school, subject);
    w->teachers.standby_years[i] = 0;
    if (school != from)
        w->flows[w->schools.region[school]].redeployments++;
    if (v->region == w->schools.region[school] && v->built[subject])
        ts_argmax_set(&v->tree[subject], w->school_trees.position[school], vacancy_value(w, school, subject, v->stage));
}

void ts_posting_step(ts_world *w)
{
    const ts_scenario *sc = w->model->scenario;
    if (!sc->posting.enabled)
        return;
    ts_teachers *t = &w->teachers;
    back_into_field(w);
    within_school(w);

    /* everyone without a post, new and old, best first within each county */
    int32_t n = 0;
    for (int32_t i = 0; i < t->n; i++)
        if ((t->flags[i] & TS_TEACHER_STANDBY) && !(t->flags[i] & TS_TEACHER_GONE)) {
            w->pool[n++] = i;
            /* rank keeps 44 bits: region above it, best first */
            w->pool_key[i] =
                ((uint64_t)ts_world_region(w, i) << 44) | (~ts_posting_rank(w, i) & ((UINT64_C(1) << 44) - 1));
        }
    if (n == 0)
        return;
    ts_sort_by_key(w->pool, w->pool_spare, (size_t)n, w->pool_key);
    count_open_posts(w);

    for (int stage = 0; stage < 2; stage++) { /* 0: cross-school competition, 1: county assignment */
        vacancy_trees v = {.stage = stage, .region = -1};
        for (int32_t k = 0; k < n; k++) {
            int32_t i = w->pool[k];
            if (!(t->flags[i] & TS_TEACHER_STANDBY))
                continue;
            int32_t region = ts_world_region(w, i);
            if (open_in_region(w, region) <= 0)
                continue; /* nothing open in this county */
            int32_t school = best_vacancy(w, &v, region, t->subject[i]);
            if (school >= 0) {
                place(w, &v, i, school, t->subject[i]);
                continue;
            }
            if (stage == 1 && sc->posting.out_of_field) {
                int best_subject = -1;
                int32_t best_school = -1;
                for (int subject = 0; subject < TS_SUBJECT_COUNT; subject++) {
                    int32_t s = best_vacancy(w, &v, region, subject);
                    if (s >= 0 && (best_school < 0 ||
                                   gap(&w->schools, s, subject) > gap(&w->schools, best_school, best_subject))) {
                        best_school = s;
                        best_subject = subject;
                    }
                }
                if (best_school >= 0)
                    place(w, &v, i, best_school, best_subject);
            }
        }
    }

    for (int32_t k = 0; k < n; k++) {
        int32_t i = w->pool[k];
        if (!(t->flags[i] & TS_TEACHER_STANDBY))
            continue;
        if (++t->standby_years[i] >= sc->posting.standby_exit_years) {
            int32_t region = ts_world_region(w, i);
            w->flows[region].leavers++;
            w->flows[region].standby_exits++;
            t->flags[i] |= TS_TEACHER_GONE; /* already holds no post */
        }
    }
}
