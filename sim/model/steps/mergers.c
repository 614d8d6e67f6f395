/*
 * mergers.c: small schools merging into their township school (mergers.h).
 *
 * A lead never merges (it receives), and a school merges once: after that it
 * has no pupils and no share of the entrants, so it stays empty. Pupils are
 * moved whole, grade by grade, so the region's pupils are unchanged.
 */
#include "steps/mergers.h"

static int32_t pupils_now(const ts_schools *s, int32_t school)
{
    int32_t n = 0;
    for (int g = 0; g < TS_GRADES; g++)
        n += s->pupils[school][g];
    return n;
}

/* The teachers of the schools merged this year go with their pupils: each
 * keeps the subject of their post at the receiving school (teachers on
 * standby stay on standby there), a stint with a merged home school returns
 * to the receiving one, and the county posting of the year then redeploys
 * whoever the receiving school has beyond its posts. */
static void move_teachers(ts_world *w)
{
    const int32_t *lead = w->model->alliances.lead;
    const uint8_t *closed = w->schools.closed;
    ts_teachers *t = &w->teachers;
    for (int32_t i = 0; i < t->n; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        if (t->home_school[i] >= 0 && closed[t->home_school[i]])
            t->home_school[i] = lead[t->home_school[i]];
        const int32_t school = t->school[i];
        if (!closed[school])
            continue;
        if (t->flags[i] & TS_TEACHER_STANDBY) {
            t->school[i] = lead[school]; /* holds no post: nothing to count */
            t->years_at_school[i] = 0;
        } else {
            ts_world_move(w, i, lead[school], t->post_subject[i]);
        }
    }
}

ts_status ts_mergers_step(ts_world *w, ts_error *err)
{
    (void)err;
    const int32_t below = w->model->scenario->network.merge_below_pupils;
    if (below <= 0)
        return TS_OK;
    const ts_alliances *a = &w->model->alliances;
    ts_schools *s = &w->schools;
    int any = 0;
    for (int32_t r = w->region_lo; r < w->region_hi; r++)
        for (int32_t k = a->region_first[r]; k < a->region_first[r + 1]; k++) {
            const int32_t lead = a->member[a->first[k]];
            for (int32_t m = a->first[k] + 1; m < a->first[k + 1]; m++) {
                const int32_t school = a->member[m];
                const int32_t pupils = pupils_now(s, school);
                if (s->closed[school] || pupils >= below)
                    continue;
                for (int g = 0; g < TS_GRADES; g++) {
                    s->pupils[lead][g] += s->pupils[school][g];
                    s->pupils[school][g] = 0;
                }
                s->entry_weight[lead] += s->entry_weight[school];
                s->entry_weight[school] = 0.0;
                s->junior_weight[lead] += s->junior_weight[school];
                s->junior_weight[school] = 0.0;
                s->closed[school] = 1;
                w->flows[r].schools_merged++;
                w->flows[r].pupils_merged += pupils;
                any = 1;
            }
        }
    if (any)
        move_teachers(w);
    return TS_OK;
}
