/*
 * recruitment.c: open recruitment, then temporaries (recruitment.h).
 *
 * Schools of a region are served in a random order drawn per school and
 * year, so which school a capped recruitment reaches first does not depend on
 * how the roster happens to be sorted. Within a school each advertised post
 * goes to the subject with the largest remaining gap.
 */
#include "steps/recruitment.h"

#include <stdlib.h>

#include "hiring.h"
#include "sort.h"

/* The step's scratch: one region's schools in serving order with their sort
 * keys, and the temporaries each school releases. */
typedef struct {
    int32_t *order;      /* one region's schools in serving order */
    uint64_t *order_key; /* their sort keys */
    int32_t *release;    /* per school */
} ts_recruitment_workspace;

static void recruitment_free(void *data)
{
    ts_recruitment_workspace *r = data;
    if (!r)
        return;
    free(r->order);
    free(r->order_key);
    free(r->release);
    free(r);
}

static void *recruitment_alloc(ts_world *w, const void *share, ts_error *err)
{
    (void)share;
    const size_t n_schools = (size_t)w->model->start->schools.n;
    ts_recruitment_workspace *r = calloc(1, sizeof *r);
    if (r) {
        r->order = malloc((n_schools + 1) * sizeof *r->order);
        r->order_key = malloc((n_schools + 1) * sizeof *r->order_key);
        r->release = malloc((n_schools + 1) * sizeof *r->release);
    }
    if (!r || !r->order || !r->order_key || !r->release) {
        recruitment_free(r);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for the recruitment step");
        return NULL;
    }
    return r;
}

const ts_workspace_type ts_recruitment_workspace_type = {"recruitment", recruitment_alloc, recruitment_free, NULL};

static int is_specialist(int subject)
{
    return subject == TS_SUBJECT_PE || subject == TS_SUBJECT_MUSIC || subject == TS_SUBJECT_ART;
}

/* The region's schools in this year's random serving order, into r->order. */
static int32_t serving_order(const ts_world *w, ts_recruitment_workspace *r, int32_t region)
{
    const ts_model *m = w->model;
    int32_t n = 0;
    /* The schools' draws in batches (rng.h, ts_rng_blocks): the words are
     * those of one call per school, drawn eight at a time. */
    enum { BATCH = 64 };
    uint64_t entity[BATCH];
    uint32_t words[BATCH][4];
    for (int32_t first = m->region_first[region]; first < m->region_first[region + 1]; first += BATCH) {
        int32_t len = m->region_first[region + 1] - first < BATCH ? m->region_first[region + 1] - first : BATCH;
        for (int32_t k = 0; k < len; k++)
            entity[k] = ts_entity_school((uint32_t)m->region_schools[first + k]);
        ts_rng_blocks(&w->rng, entity, (size_t)len, w->year, TS_EVENT_ORDER, 0, words);
        for (int32_t k = 0; k < len; k++, n++)
            r->order_key[n] = ((uint64_t)words[k][0] << 32) | (uint32_t)m->region_schools[first + k];
    }
    ts_sort_u64(r->order_key, (size_t)n);
    for (int32_t k = 0; k < n; k++)
        r->order[k] = (int32_t)(r->order_key[k] & 0xFFFFFFFFu);
    return n;
}

static int largest_gap(const int32_t gap[TS_SUBJECT_COUNT])
{
    int best = 0;
    for (int k = 1; k < TS_SUBJECT_COUNT; k++)
        if (gap[k] > gap[best])
            best = k;
    return best;
}

/* A word per advertised post: post j of a school-year reads word j % 4 of
 * block j / 4. The block is kept for the school's next posts, so it is drawn
 * once per four posts rather than once per post; the words are the same. One
 * per loop over posts of one event, starting with no block. */
typedef struct {
    int32_t school, block;
    philox4x32_ctr_t words;
} post_words;
#define POST_WORDS_NONE                                                                                                \
    {                                                                                                                  \
        .school = -1, .block = -1                                                                                      \
    }

static uint32_t post_word(const ts_world *w, post_words *kept, int32_t school, ts_event event, int32_t j)
{
    if (kept->school != school || kept->block != j / 4) {
        kept->words = ts_rng_words(&w->rng, ts_entity_school((uint32_t)school), w->year, event, (uint32_t)(j / 4));
        kept->school = school;
        kept->block = j / 4;
    }
    return kept->words.v[j % 4];
}

static ts_status open_recruitment(ts_world *w, ts_recruitment_workspace *r, int32_t region, ts_error *err)
{
    const ts_scenario *sc = w->model->scenario;
    int64_t requirement = 0;
    int32_t n = serving_order(w, r, region);
    for (int32_t k = 0; k < n; k++)
        requirement += w->schools.requirement[r->order[k]];
    int64_t cap = (int64_t)(sc->recruitment.yearly_cap_share * (double)requirement);
    int64_t hired = 0;
    post_words kept = POST_WORDS_NONE;
    for (int32_t k = 0; k < n && hired < cap; k++) {
        int32_t school = r->order[k];
        int loc = w->schools.locality[school];
        int32_t gap[TS_SUBJECT_COUNT], vacancies = w->schools.requirement[school];
        for (int s = 0; s < TS_SUBJECT_COUNT; s++) {
            gap[s] = w->schools.posts[school][s] - w->schools.held[school][s];
            vacancies -= w->schools.held[school][s];
        }
        for (int32_t j = 0; j < vacancies && hired < cap; j++) {
            int subject = largest_gap(gap);
            gap[subject]--; /* advertised once this year, filled or not */
            double p = sc->recruitment.fill_probability[loc] *
                       (is_specialist(subject) ? sc->recruitment.specialist_supply : 1.0);
            if (post_word(w, &kept, school, TS_EVENT_RECRUIT, j) >= ts_rng_threshold(p))
                continue;
            if (ts_hiring_new_teacher(w, school, subject, TS_CONTRACT_ESTABLISHED, err) < 0)
                return TS_ERR_NOMEM;
            hired++;
        }
    }
    return TS_OK;
}

/* Temporaries beyond the school's requirement, or all of them once they are
 * no longer allowed, end their contracts. */
static void release_temporaries(ts_world *w, ts_recruitment_workspace *r, int allowed)
{
    ts_schools *s = &w->schools;
    int32_t *release = r->release;
    int32_t any = 0;
    for (int32_t k = w->school_lo; k < w->school_hi; k++) {
        int32_t school = ts_world_school(w, k);
        int32_t excess = ts_schools_staff(s, school) - s->requirement[school];
        int32_t temps = s->temporaries[school];
        release[school] = !allowed ? temps : excess <= 0 ? 0 : excess < temps ? excess : temps;
        any |= release[school];
    }
    if (!any)
        return;
    ts_teachers *t = &w->teachers;
    for (int32_t i = 0; i < t->n; i++) {
        if (t->contract[i] != TS_CONTRACT_TEMPORARY || (t->flags[i] & TS_TEACHER_GONE) || !release[t->school[i]])
            continue;
        release[t->school[i]]--;
        w->flows[ts_world_region(w, i)].leavers++;
        w->flows[ts_world_region(w, i)].leavers_subject[t->subject[i]]++;
        ts_world_remove(w, i);
    }
}

static ts_status hire_temporaries(ts_world *w, ts_error *err)
{
    const uint32_t fill = ts_rng_threshold(w->model->scenario->temporaries.fill_rate);
    ts_schools *s = &w->schools;
    post_words kept = POST_WORDS_NONE;
    /* hires are appended in this order: by region, then school order, so
     * each region's teachers keep one order however the regions are split */
    for (int32_t j = w->school_lo; j < w->school_hi; j++) {
        int32_t school = ts_world_school(w, j);
        int32_t vacancies = s->requirement[school] - ts_schools_staff(s, school);
        int32_t gap[TS_SUBJECT_COUNT];
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            gap[k] = s->posts[school][k] - s->held[school][k];
        for (int32_t post = 0; post < vacancies; post++) {
            int subject = largest_gap(gap);
            gap[subject]--;
            if (post_word(w, &kept, school, TS_EVENT_TEMPORARY, post) >= fill)
                continue;
            if (ts_hiring_new_teacher(w, school, subject, TS_CONTRACT_TEMPORARY, err) < 0)
                return TS_ERR_NOMEM;
        }
    }
    return TS_OK;
}

ts_status ts_recruitment_step(ts_world *w, ts_error *err)
{
    ts_recruitment_workspace *r = ts_world_workspace(w, &ts_recruitment_workspace_type);
    for (int32_t region = w->region_lo; region < w->region_hi; region++) {
        ts_status st = open_recruitment(w, r, region, err);
        if (st != TS_OK)
            return st;
    }
    int allowed = w->year <= w->model->scenario->temporaries.allowed_until;
    release_temporaries(w, r, allowed);
    return allowed ? hire_temporaries(w, err) : TS_OK;
}
