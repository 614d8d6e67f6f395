/*
 * staffing.c: the staffing step, every school's posts for the school year
 * from its pupils, by the norms of staffing_norms.h.
 */
#include "steps/staffing.h"

ts_status ts_staffing_step(ts_world *w, ts_error *err)
{
    (void)err;
    for (int32_t k = w->school_lo; k < w->school_hi; k++)
        ts_schools_set_posts(&w->schools, ts_world_school(w, k), w->model->scenario, w->model->subject_split);
    return TS_OK;
}
