/*
 * careers.c: ageing, titles, qualification and backbone level (careers.h).
 *
 * Title promotion and qualification upgrade share one uniform on disjoint
 * intervals ([0, title) and [title, title + upgrade)): each keeps its exact
 * yearly probability and a teacher does at most one of the two in a year.
 */
#include "steps/careers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "retirement_age.h"

/* The step's scratch: title posts held and allowed, per region and title. */
typedef struct {
    int32_t *title_count; /* [region][title] */
    int32_t *title_cap;   /* [region][title] */
} ts_careers_workspace;

static void careers_free(void *data)
{
    ts_careers_workspace *c = data;
    if (!c)
        return;
    free(c->title_count);
    free(c->title_cap);
    free(c);
}

static void *careers_alloc(ts_world *w, const void *share, ts_error *err)
{
    (void)share;
    const size_t n = (size_t)w->model->n_regions * TS_TITLE_COUNT + 1;
    ts_careers_workspace *c = calloc(1, sizeof *c);
    if (c) {
        c->title_count = calloc(n, sizeof *c->title_count);
        c->title_cap = calloc(n, sizeof *c->title_cap);
    }
    if (!c || !c->title_count || !c->title_cap) {
        careers_free(c);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for the careers step");
        return NULL;
    }
    return c;
}

const ts_workspace_type ts_careers_workspace_type = {"careers", careers_alloc, careers_free, NULL};

static uint8_t plus_one_capped(uint8_t years)
{
    return years < UINT8_MAX ? (uint8_t)(years + 1) : years;
}

/* With county-managed posting the county fixes title posts (a share of its
 * requirement per title); count who holds them now. Returns 0 when uncapped. */
static int title_posts(const ts_world *w, int32_t *held, int32_t *cap)
{
    const ts_model *m = w->model;
    if (!m->scenario->posting.enabled)
        return 0;
    memset(held, 0, (size_t)m->n_regions * TS_TITLE_COUNT * sizeof *held);
    for (int32_t i = 0; i < w->teachers.n; i++)
        if (!(w->teachers.flags[i] & TS_TEACHER_GONE))
            held[ts_world_region(w, i) * TS_TITLE_COUNT + w->teachers.title[i]]++;
    for (int32_t r = w->region_lo; r < w->region_hi; r++) {
        int64_t requirement = 0;
        for (int32_t k = m->region_first[r]; k < m->region_first[r + 1]; k++)
            requirement += w->schools.requirement[m->region_schools[k]];
        cap[r * TS_TITLE_COUNT] = INT32_MAX;
        for (int title = 1; title < TS_TITLE_COUNT; title++)
            cap[r * TS_TITLE_COUNT + title] =
                (int32_t)(m->scenario->careers.title_cap[title - 1] * (double)requirement);
    }
    return 1;
}

ts_status ts_careers_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_model *m = w->model;
    ts_teachers *t = &w->teachers;
    ts_careers_workspace *c = ts_world_workspace(w, &ts_careers_workspace_type);
    int32_t *cap = c->title_cap;
    const int capped = title_posts(w, c->title_count, cap);
    for (int32_t i = 0; i < w->n_drawn; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        t->years_of_service[i] = plus_one_capped(t->years_of_service[i]);
        t->years_at_school[i] = plus_one_capped(t->years_at_school[i]);
        const uint32_t career = w->draws[i][2];
        const int title = t->title[i];
        int32_t *count = capped ? &c->title_count[ts_world_region(w, i) * TS_TITLE_COUNT] : NULL;
        if (t->contract[i] != TS_CONTRACT_TEMPORARY && career < m->title_up[title] &&
            (!count || count[title + 1] < cap[ts_world_region(w, i) * TS_TITLE_COUNT + title + 1])) {
            t->title[i] = (uint8_t)(title + 1);
            if (count) {
                count[title]--;
                count[title + 1]++;
            }
            if (t->title[i] == TS_TITLE_SENIOR && t->sex[i] == TS_SEX_FEMALE)
                t->retire_month[i] =
                    (int16_t)ts_retirement_teacher_month(m->scenario, t->sex[i], TS_TITLE_SENIOR, t->birth_month[i]);
        } else if (career >= m->title_up[title] && career < m->title_or_qualification_up[title] &&
                   t->qualification[i] < TS_QUAL_ABOVE) {
            t->qualification[i]++;
        }
        const int backbone = t->backbone[i];
        if (t->contract[i] != TS_CONTRACT_TEMPORARY && w->draws[i][3] < m->backbone_up[backbone])
            t->backbone[i] = (uint8_t)(backbone + 1);
    }
    return TS_OK;
}
