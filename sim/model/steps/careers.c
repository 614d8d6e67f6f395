/*
 * careers.c: ageing, titles, qualification and backbone level (careers.h).
 *
 * Title promotion and qualification upgrade share one uniform on disjoint
 * intervals ([0, title) and [title, title + upgrade)): each keeps its exact
 * yearly probability and a teacher does at most one of the two in a year.
 */
#include "steps/careers.h"

#include <stdint.h>
#include <string.h>

#include "retirement_age.h"

static uint8_t plus_one_capped(uint8_t years)
{
    return years < UINT8_MAX ? (uint8_t)(years + 1) : years;
}

/* With county-managed posting the county fixes title posts (a share of its
 * requirement per title); count who holds them now. Returns 0 when uncapped. */
static int title_posts(ts_world *w, int32_t *cap)
{
    const ts_model *m = w->model;
    if (!m->scenario->posting.enabled)
        return 0;
    int32_t *held = w->title_count;
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

void ts_careers_step(ts_world *w)
{
    const ts_model *m = w->model;
    ts_teachers *t = &w->teachers;
    int32_t *cap = w->title_cap;
    const int capped = title_posts(w, cap);
    for (int32_t i = 0; i < w->n_drawn; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        t->years_of_service[i] = plus_one_capped(t->years_of_service[i]);
        t->years_at_school[i] = plus_one_capped(t->years_at_school[i]);
        const uint32_t career = w->draws[i][2];
        const int title = t->title[i];
        int32_t *count = capped ? &w->title_count[ts_world_region(w, i) * TS_TITLE_COUNT] : NULL;
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
}
