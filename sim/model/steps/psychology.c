/*
 * psychology.c: psychological counselling staff in every school
 * (psychology.h).
 *
 * Each school draws from its own stream (the school and the year), so a
 * school's staff do not depend on the order schools are visited or on the
 * shards. With the requirement off the step does nothing and the staff are
 * not counted.
 */
#include "steps/psychology.h"

#include <gsl/gsl_randist.h>

void ts_psychology_posts(const ts_scenario *sc, int32_t pupils, int32_t *full, int32_t *part)
{
    *full = *part = 0;
    if (pupils <= 0)
        return;
    if (pupils < sc->psychology.full_time_from) {
        *part = 1;
        return;
    }
    const int32_t per = sc->psychology.pupils_per_full_time;
    *full = (pupils + per - 1) / per;
}

ts_status ts_psychology_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_scenario *sc = w->model->scenario;
    if (!sc->psychology.enabled)
        return TS_OK;
    ts_schools *s = &w->schools;
    for (int32_t k = w->school_lo; k < w->school_hi; k++) {
        const int32_t school = ts_world_school(w, k);
        int32_t full_posts, part_post; /* the staffing step has set this year's pupil_total */
        ts_psychology_posts(sc, s->pupil_total[school], &full_posts, &part_post);
        ts_rng_gsl_at(w->gsl, &w->rng, ts_entity_school((uint32_t)school), w->year, TS_EVENT_PSYCHOLOGY);
        int32_t full = s->psych_full[school];
        int part = (s->psych_flags[school] & TS_PSYCH_PART_TIME) != 0;
        if (!(s->psych_flags[school] & TS_PSYCH_COUNTED)) {
            /* the first year counted: the staff the schools already have */
            full = (int32_t)gsl_ran_binomial(w->gsl, sc->psychology.start_share, (unsigned)full_posts);
            part = part_post && gsl_rng_uniform(w->gsl) < sc->psychology.start_share;
        } else {
            full -= (int32_t)gsl_ran_binomial(w->gsl, sc->psychology.leave_rate, (unsigned)full);
            if (full > full_posts)
                full = full_posts; /* a shrinking school's extra staff return to teaching */
            const int32_t hires =
                (int32_t)gsl_ran_binomial(w->gsl, sc->psychology.fill_rate, (unsigned)(full_posts - full));
            full += hires;
            w->flows[s->region[school]].psych_hires += hires;
            if (!part_post)
                part = 0;
            else if (!part)
                part = gsl_rng_uniform(w->gsl) < sc->psychology.fill_rate;
        }
        s->psych_full[school] = (int16_t)full;
        s->psych_flags[school] = (uint8_t)(TS_PSYCH_COUNTED | (part ? TS_PSYCH_PART_TIME : 0));
    }
    return TS_OK;
}
