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
    /* The arrays in locals: the counts are stores the compiler would
     * otherwise have to assume change the teachers' array pointers. */
    const uint8_t *flags = w->teachers.flags, *titles = w->teachers.title;
    const int32_t *school = w->teachers.school, *region = w->schools.region;
    for (int32_t i = 0; i < w->teachers.n; i++)
        if (!(flags[i] & TS_TEACHER_GONE))
            held[region[school[i]] * TS_TITLE_COUNT + titles[i]]++;
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
    /* The arrays in locals, read once: every store below is of bytes, which
     * may alias anything, so the compiler would otherwise load each array's
     * pointer from the world again after each store. */
    const uint8_t *flags = t->flags, *contract = t->contract, *sex = t->sex;
    uint8_t *years_of_service = t->years_of_service, *years_at_school = t->years_at_school;
    uint8_t *titles = t->title, *qualification = t->qualification, *backbones = t->backbone;
    const uint32_t(*draws)[4] = (const uint32_t(*)[4])w->draws;
    const uint32_t *title_up = m->title_up, *title_or_qualification_up = m->title_or_qualification_up;
    const uint32_t *backbone_up = m->backbone_up;
    for (int32_t i = 0; i < w->n_drawn; i++) {
        if (flags[i] & TS_TEACHER_GONE)
            continue;
        years_of_service[i] = plus_one_capped(years_of_service[i]);
        years_at_school[i] = plus_one_capped(years_at_school[i]);
        const uint32_t career = draws[i][2];
        const int title = titles[i];
        int32_t *count = capped ? &c->title_count[ts_world_region(w, i) * TS_TITLE_COUNT] : NULL;
        if (contract[i] != TS_CONTRACT_TEMPORARY && career < title_up[title] &&
            (!count || count[title + 1] < cap[ts_world_region(w, i) * TS_TITLE_COUNT + title + 1])) {
            titles[i] = (uint8_t)(title + 1);
            if (count) {
                count[title]--;
                count[title + 1]++;
            }
            if (titles[i] == TS_TITLE_SENIOR && sex[i] == TS_SEX_FEMALE)
                t->retire_month[i] =
                    (int16_t)ts_retirement_teacher_month(m->scenario, sex[i], TS_TITLE_SENIOR, t->birth_month[i]);
        } else if (career >= title_up[title] && career < title_or_qualification_up[title] &&
                   qualification[i] < TS_QUAL_ABOVE) {
            qualification[i]++;
        }
        const int backbone = backbones[i];
        if (contract[i] != TS_CONTRACT_TEMPORARY && draws[i][3] < backbone_up[backbone])
            backbones[i] = (uint8_t)(backbone + 1);
    }
    return TS_OK;
}
