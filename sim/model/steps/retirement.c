/*
 * retirement.c: who retires before each school year, at the statutory age
 * (retirement_age.h) or by flexible early retirement.
 */
#include "steps/retirement.h"

#include "retirement_age.h"

ts_status ts_retirement_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_scenario *sc = w->model->scenario;
    ts_teachers *t = &w->teachers;
    const int cutoff = TS_YEAR_CUTOFF_MONTH(w->year);
    const uint32_t early = w->model->early_retirement;
    const int pre2025 = sc->retirement.pre2025_rule;

    /* nobody under the lowest old age (55) can be in an early window: the
     * cheap test spares most teachers the rule arithmetic */
    const int youngest_eligible_birth = cutoff - 12 * 55;
    for (int32_t i = 0; i < t->n; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        int retires = t->retire_month[i] <= cutoff;
        if (!retires && early && t->birth_month[i] <= youngest_eligible_birth) {
            /* the early window is judged against the group's reform age, not
             * the senior-title option, which only ever lengthens service */
            ts_retirement_group g = t->sex[i] == TS_SEX_FEMALE ? TS_RETIRE_WOMAN_CADRE : TS_RETIRE_MAN;
            retires = ts_retirement_early_month(g, t->birth_month[i], pre2025) <= cutoff && w->draws[i][0] < early;
        }
        if (retires) {
            w->flows[ts_world_region(w, i)].retirements++;
            w->flows[ts_world_region(w, i)].retirements_subject[t->subject[i]]++;
            ts_world_remove(w, i);
        }
    }
    return TS_OK;
}
