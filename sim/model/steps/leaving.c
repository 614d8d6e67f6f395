/*
 * leaving.c: exits and rural-to-urban transfer requests (leaving.h).
 *
 * One uniform decides both whether a teacher leaves and, for a rural
 * established teacher, whether the leaving is a transfer request: the
 * transfer threshold is the leaving threshold times the transfer share, so
 * P(transfer) = h * s and P(exit) = h * (1 - s) exactly.
 */
#include "steps/leaving.h"

#include "transfers.h"

ts_status ts_leaving_step(ts_world *w, ts_error *err)
{
    (void)err;
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
            int32_t to = ts_transfer_destination(w, region, t->subject[i]);
            if (to >= 0) {
                ts_world_move(w, i, to, t->subject[i]);
                t->home_school[i] = -1; /* a transfer ends any rotation stint */
                w->flows[region].transfers_to_urban++;
            }
            continue; /* a refused request means staying, not exiting */
        }
        w->flows[region].leavers++;
        w->flows[region].leavers_subject[t->subject[i]]++;
        w->flows[region].targeted_breaches += c == TS_CONTRACT_TARGETED;
        ts_world_remove(w, i);
    }
    return TS_OK;
}
