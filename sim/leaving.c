/*
 * leaving.c: exits and rural-to-urban transfer requests (leaving.h).
 *
 * One uniform decides both whether a teacher leaves and, for a rural
 * established teacher, whether the leaving is a transfer request: the
 * transfer threshold is the leaving threshold times the transfer share, so
 * P(transfer) = h * s and P(exit) = h * (1 - s) exactly.
 */
#include "teachsim/leaving.h"

static int32_t established_vacancy(const ts_schools *s, int32_t school)
{
    int32_t held = 0;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++)
        held += s->held[school][k];
    return s->requirement[school] - held;
}

int32_t ts_leaving_transfer_destination(const ts_world *w, int32_t region, int subject)
{
    const ts_model *m = w->model;
    const ts_schools *s = &w->schools;
    int32_t best = -1, best_gap = 0, best_vacancy = 0;
    for (int32_t k = m->region_first[region]; k < m->region_first[region + 1]; k++) {
        int32_t school = m->region_schools[k];
        if (s->locality[school] == TS_RURAL)
            continue;
        int32_t vacancy = established_vacancy(s, school);
        if (vacancy <= 0)
            continue;
        int32_t gap = s->posts[school][subject] - s->held[school][subject];
        if (best < 0 || gap > best_gap || (gap == best_gap && vacancy > best_vacancy)) {
            best = school;
            best_gap = gap;
            best_vacancy = vacancy;
        }
    }
    return best;
}

void ts_leaving_step(ts_world *w)
{
    const ts_model *m = w->model;
    ts_teachers *t = &w->teachers;
    for (int32_t i = 0; i < w->n_drawn; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        const int c = t->contract[i], loc = ts_world_locality(w, i);
        const int band = ts_ageband_of(ts_age_at(t->birth_month[i], w->year));
        const uint32_t word = w->draws[i][1];
        if (word >= m->leave[c][loc][band])
            continue;
        const int32_t region = ts_world_region(w, i);
        if (word < m->transfer[c][loc][band]) {
            int32_t to = ts_leaving_transfer_destination(w, region, t->subject[i]);
            if (to >= 0) {
                ts_world_move(w, i, to, t->subject[i]);
                t->home_school[i] = -1; /* a transfer ends any rotation stint */
                w->flows[region].transfers_to_urban++;
            }
            continue; /* a refused request means staying, not exiting */
        }
        w->flows[region].leavers++;
        w->flows[region].targeted_breaches += c == TS_CONTRACT_TARGETED;
        ts_world_remove(w, i);
    }
}
