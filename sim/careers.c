/*
 * careers.c: ageing, titles, qualification and backbone level (careers.h).
 *
 * Title promotion and qualification upgrade share one uniform on disjoint
 * intervals ([0, title) and [title, title + upgrade)): each keeps its exact
 * yearly probability and a teacher does at most one of the two in a year.
 */
#include "teachsim/careers.h"

#include "teachsim/retirement.h"

static uint8_t plus_one_capped(uint8_t years) { return years < UINT8_MAX ? (uint8_t)(years + 1) : years; }

void ts_careers_step(ts_world *w)
{
    const ts_model *m = w->model;
    ts_teachers *t = &w->teachers;
    for (int32_t i = 0; i < w->n_drawn; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        t->years_of_service[i] = plus_one_capped(t->years_of_service[i]);
        t->years_at_school[i] = plus_one_capped(t->years_at_school[i]);
        const uint32_t career = w->draws[i][2];
        const int title = t->title[i];
        if (t->contract[i] != TS_CONTRACT_TEMPORARY && career < m->title_up[title]) {
            t->title[i] = (uint8_t)(title + 1);
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
