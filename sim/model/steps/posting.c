/*
 * posting.c: the yearly competition for posts within each county (posting.h).
 */
#include "steps/posting.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "argmax.h"
#include "matching.h"
#include "sort.h"

/* The step's scratch: surplus holders and open posts, and the pool and
 * school trees it shares with rotation (matching.h). */
typedef struct {
    int32_t (*surplus)[TS_SUBJECT_COUNT];    /* per school and subject: holders above posts */
    int32_t (*open_posts)[TS_SUBJECT_COUNT]; /* per region and subject: posts above holders */
    ts_matching *matching;
} ts_posting_workspace;

static void posting_free(void *data)
{
    ts_posting_workspace *p = data;
    if (!p)
        return;
    free(p->surplus);
    free(p->open_posts);
    free(p); /* the matching scratch is the world's */
}

static void *posting_alloc(ts_world *w, const void *share, ts_error *err)
{
    (void)share;
    ts_posting_workspace *p = calloc(1, sizeof *p);
    if (p) {
        p->surplus = calloc((size_t)w->model->start->schools.n + 1, sizeof *p->surplus);
        p->open_posts = calloc((size_t)w->model->n_regions + 1, sizeof *p->open_posts);
    }
    if (!p || !p->surplus || !p->open_posts) {
        posting_free(p);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for the posting step");
        return NULL;
    }
    p->matching = ts_world_workspace_add(w, &ts_matching_workspace_type, NULL, err);
    if (!p->matching) {
        posting_free(p);
        return NULL;
    }
    return p;
}

const ts_workspace_type ts_posting_workspace_type = {"posting", posting_alloc, posting_free, NULL};

/* The random part of a teacher's rank: word 0 of the teacher's posting
 * block, for the teachers pool[0..n) into word[0..n). Drawn in batches
 * (rng.h, ts_rng_blocks): the words of one call per teacher, eight at a time. */
enum { WORD_BATCH = 64 };
static void posting_words(const ts_world *w, const int32_t *pool, int32_t n, uint32_t word[WORD_BATCH])
{
    uint64_t entity[WORD_BATCH];
    uint32_t block[WORD_BATCH][4];
    for (int32_t k = 0; k < n; k++)
        entity[k] = w->teachers.uid[pool[k]];
    ts_rng_blocks(&w->rng, entity, (size_t)n, w->year, TS_EVENT_POSTING, 0, block);
    for (int32_t k = 0; k < n; k++)
        word[k] = block[k][0];
}

static uint64_t ts_posting_rank(const ts_world *w, int32_t i, uint32_t word)
{
    const ts_teachers *t = &w->teachers;
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
static uint64_t post_then_rank(const ts_world *w, int32_t i, uint32_t word)
{
    const ts_teachers *t = &w->teachers;
    uint64_t levels = ((uint64_t)t->backbone[i] << 4) | ((uint64_t)t->title[i] << 2) | t->qualification[i];
    uint64_t rank = (levels << 31) | ((ts_posting_rank(w, i, word) & 0xFFFFFFFFu) >> 1);
    return ((uint64_t)t->school[i] << 40) | ((uint64_t)t->post_subject[i] << 37) | rank;
}

/* Open posts of each region and subject (sum over schools of posts above
 * holders), into p->open_posts, kept in step as teachers are placed: where a
 * region has none of a subject, no school can be found for it and the search
 * over the region's schools is skipped. */
static void count_open_posts(const ts_world *w, ts_posting_workspace *p)
{
    const ts_schools *s = &w->schools;
    for (int32_t r = w->region_lo; r < w->region_hi; r++)
        memset(p->open_posts[r], 0, sizeof p->open_posts[r]);
    for (int32_t j = w->school_lo; j < w->school_hi; j++) {
        int32_t school = ts_world_school(w, j);
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            if (gap(s, school, k) > 0)
                p->open_posts[s->region[school]][k] += gap(s, school, k);
    }
}

static int32_t open_in_region(const ts_posting_workspace *p, int32_t region)
{
    int32_t n = 0;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++)
        n += p->open_posts[region][k];
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
static int32_t within_school(ts_world *w, ts_posting_workspace *p)
{
    ts_teachers *t = &w->teachers;
    ts_matching *m = p->matching;
    ts_schools *s = &w->schools;
    int any = 0;
    for (int32_t j = w->school_lo; j < w->school_hi; j++) {
        int32_t school = ts_world_school(w, j);
        for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
            p->surplus[school][k] = s->held[school][k] - s->posts[school][k];
            any |= p->surplus[school][k] > 0;
        }
    }
    if (!any)
        return 0;
    int32_t n = 0;
    for (int32_t i = 0; i < t->n; i++)
        if (competes(t, i) && !(t->flags[i] & TS_TEACHER_STANDBY) && p->surplus[t->school[i]][t->post_subject[i]] > 0)
            m->pool[n++] = i;
    uint32_t word[WORD_BATCH];
    for (int32_t first = 0; first < n; first += WORD_BATCH) {
        int32_t len = n - first < WORD_BATCH ? n - first : WORD_BATCH;
        posting_words(w, m->pool + first, len, word);
        for (int32_t k = 0; k < len; k++)
            m->pool_key[m->pool[first + k]] = post_then_rank(w, m->pool[first + k], word[k]);
    }
    ts_sort_by_key(m->pool, m->pool_spare, (size_t)n, m->pool_key);
    int32_t cut = 0;
    for (int32_t k = 0; k < n; k++) {
        int32_t i = m->pool[k];
        int32_t *left = &p->surplus[t->school[i]][t->post_subject[i]];
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
    ts_posting_workspace *scratch;
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
            v->scratch->matching->position[schools[k]] = k;
    }
    if (!v->built[subject]) {
        const size_t leaves = (size_t)ts_argmax_leaves(v->n);
        double *value = v->scratch->matching->value + (size_t)subject * leaves;
        for (int32_t k = 0; k < v->n; k++)
            value[k] = vacancy_value(w, schools[k], subject, v->stage);
        ts_argmax_build(&v->tree[subject], value, v->scratch->matching->winner + (size_t)subject * 2 * leaves, v->n);
        v->built[subject] = 1;
    }
    return &v->tree[subject];
}

static int32_t best_vacancy(ts_world *w, vacancy_trees *v, int32_t region, int subject)
{
    if (v->scratch->open_posts[region][subject] <= 0)
        return -1;
    int32_t k = ts_argmax_first(vacancy_tree(w, v, region, subject));
    return k < 0 ? -1 : w->model->region_schools[w->model->region_first[region] + k];
}

/* Primary-only and junior-only schools are the two levels a teacher may
 * have to retrain between; a nine-year school teaches both, so a move to or
 * from one changes no level. */
static int changes_level(const ts_schools *s, int32_t from, int32_t to)
{
    const int a = s->level[from], b = s->level[to];
    return a != b && a != TS_LEVEL_NINE_YEAR && b != TS_LEVEL_NINE_YEAR;
}

/* Whether teacher i may take a post at the other level this year: always,
 * unless the scenario asks for retraining first (posting.cross_level_*):
 * then after the lag on standby, and with the year's probability. */
static int may_change_level(const ts_world *w, int32_t i)
{
    const ts_scenario *sc = w->model->scenario;
    const ts_teachers *t = &w->teachers;
    if (t->standby_years[i] < sc->posting.cross_level_lag_years)
        return 0;
    return ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_LEVEL_CHANGE, 0).v[0] <
           ts_rng_threshold(sc->posting.cross_level_probability);
}

/* best_vacancy for a teacher who may not change level: the same order
 * (score, gap, region order) over the schools of their own level and the
 * nine-year ones, read from the schools themselves, which placements keep
 * current (the trees are for the unrestricted search). */
static int32_t best_vacancy_same_level(const ts_world *w, const vacancy_trees *v, int32_t region, int subject,
                                       int32_t from)
{
    if (v->scratch->open_posts[region][subject] <= 0)
        return -1;
    const ts_model *m = w->model;
    int32_t best = -1;
    double best_value = -INFINITY;
    for (int32_t k = m->region_first[region]; k < m->region_first[region + 1]; k++) {
        const int32_t school = m->region_schools[k];
        if (changes_level(&w->schools, from, school))
            continue;
        const double value = vacancy_value(w, school, subject, v->stage);
        if (value > best_value) {
            best_value = value;
            best = school;
        }
    }
    return best;
}

static int32_t best_vacancy_for(ts_world *w, vacancy_trees *v, int32_t i, int level_free, int subject)
{
    const int32_t region = ts_world_region(w, i);
    return level_free ? best_vacancy(w, v, region, subject)
                      : best_vacancy_same_level(w, v, region, subject, w->teachers.school[i]);
}

static void place(ts_world *w, vacancy_trees *v, int32_t i, int32_t school, int subject)
{
    int32_t from = w->teachers.school[i];
    w->flows[w->schools.region[school]].level_changes += changes_level(&w->schools, from, school);
    v->scratch->open_posts[w->schools.region[school]][subject]--; /* best_vacancy chose it for a gap above 0 */
    ts_world_move(w, i, school, subject);
    w->teachers.standby_years[i] = 0;
    if (school != from)
        w->flows[w->schools.region[school]].redeployments++;
    if (v->region == w->schools.region[school] && v->built[subject])
        ts_argmax_set(&v->tree[subject], v->scratch->matching->position[school],
                      vacancy_value(w, school, subject, v->stage));
}

ts_status ts_posting_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_scenario *sc = w->model->scenario;
    if (!sc->posting.enabled)
        return TS_OK;
    ts_posting_workspace *p = ts_world_workspace(w, &ts_posting_workspace_type);
    ts_matching *m = p->matching;
    ts_teachers *t = &w->teachers;
    back_into_field(w);
    within_school(w, p);

    /* everyone without a post, new and old, best first within each county */
    int32_t n = 0;
    for (int32_t i = 0; i < t->n; i++)
        if ((t->flags[i] & TS_TEACHER_STANDBY) && !(t->flags[i] & TS_TEACHER_GONE))
            m->pool[n++] = i;
    uint32_t word[WORD_BATCH];
    for (int32_t first = 0; first < n; first += WORD_BATCH) {
        int32_t len = n - first < WORD_BATCH ? n - first : WORD_BATCH;
        posting_words(w, m->pool + first, len, word);
        for (int32_t k = 0; k < len; k++) {
            int32_t i = m->pool[first + k];
            /* rank keeps 44 bits: region above it, best first */
            m->pool_key[i] =
                ((uint64_t)ts_world_region(w, i) << 44) | (~ts_posting_rank(w, i, word[k]) & ((UINT64_C(1) << 44) - 1));
        }
    }
    if (n == 0)
        return TS_OK;
    ts_sort_by_key(m->pool, m->pool_spare, (size_t)n, m->pool_key);
    count_open_posts(w, p);

    /* Changing level is decided once a year per teacher, before both stages;
     * the decision of the k-th in the pool goes in the sort's spare buffer,
     * free once the pool is sorted. */
    const int restricted = sc->posting.cross_level_lag_years > 0 || sc->posting.cross_level_probability < 1.0;
    int32_t *level_free = m->pool_spare;
    for (int32_t k = 0; k < n; k++)
        level_free[k] = !restricted || may_change_level(w, m->pool[k]);

    for (int stage = 0; stage < 2; stage++) { /* 0: cross-school competition, 1: county assignment */
        vacancy_trees v = {.scratch = p, .stage = stage, .region = -1};
        for (int32_t k = 0; k < n; k++) {
            int32_t i = m->pool[k];
            if (!(t->flags[i] & TS_TEACHER_STANDBY))
                continue;
            int32_t region = ts_world_region(w, i);
            if (open_in_region(p, region) <= 0)
                continue; /* nothing open in this county */
            int32_t school = best_vacancy_for(w, &v, i, level_free[k], t->subject[i]);
            if (school >= 0) {
                place(w, &v, i, school, t->subject[i]);
                continue;
            }
            if (stage == 1 && sc->posting.out_of_field) {
                int best_subject = -1;
                int32_t best_school = -1;
                for (int subject = 0; subject < TS_SUBJECT_COUNT; subject++) {
                    int32_t s = best_vacancy_for(w, &v, i, level_free[k], subject);
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
        int32_t i = m->pool[k];
        if (!(t->flags[i] & TS_TEACHER_STANDBY))
            continue;
        if (++t->standby_years[i] >= sc->posting.standby_exit_years) {
            int32_t region = ts_world_region(w, i);
            w->flows[region].leavers++;
            w->flows[region].leavers_subject[t->subject[i]]++;
            w->flows[region].standby_exits++;
            t->flags[i] |= TS_TEACHER_GONE; /* already holds no post */
        }
    }
    return TS_OK;
}
