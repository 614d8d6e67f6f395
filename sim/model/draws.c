/* draws.c: one block of four random words per teacher and year (draws.h). */
#include "draws.h"

ts_status ts_draws_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_teachers *t = &w->teachers;
    for (int32_t i = 0; i < t->n; i++) {
        philox4x32_ctr_t c = ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_CAREER, 0);
        w->draws[i][0] = c.v[0];
        w->draws[i][1] = c.v[1];
        w->draws[i][2] = c.v[2];
        w->draws[i][3] = c.v[3];
    }
    w->n_drawn = t->n;
    return TS_OK;
}
