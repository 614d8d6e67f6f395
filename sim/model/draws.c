/* draws.c: one block of four random words per teacher and year (draws.h). */
#include "draws.h"

ts_status ts_draws_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_teachers *t = &w->teachers;
    /* One batched call: eight teachers at a time where the CPU allows (rng.h). */
    ts_rng_blocks(&w->rng, t->uid, (size_t)t->n, w->year, TS_EVENT_CAREER, 0, w->draws);
    w->n_drawn = t->n;
    return TS_OK;
}
