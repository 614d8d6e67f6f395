/*
 * rng.c: the gsl_rng view of the counter-based generator (Random123's
 * micro-RNG). The per-draw counter layout lives in rng.h.
 */
#include "rng.h"

#include <string.h>

#include <Random123/gsl_microrng.h>

/* The trailing semicolon is needed: the macro's last declaration lacks one. */
GSL_MICRORNG(ts_philox, philox4x32);

gsl_rng *ts_rng_gsl_alloc(void)
{
    return gsl_rng_alloc(gsl_rng_ts_philox);
}

void ts_rng_gsl_at(gsl_rng *g, const ts_rng *rng, uint64_t entity, int year, ts_event event)
{
    /* The micro-RNG counts its draws in the last counter word, so it stays 0. */
    philox4x32_ctr_t c = {{(uint32_t)entity, (uint32_t)(entity >> 32), ((uint32_t)year << 8) | (uint32_t)event, 0}};
    ts_philox_reset(g, c, rng->key);
}

_Static_assert(sizeof(ts_philox_state) <= sizeof(((ts_rng_gsl_local *)0)->state),
               "ts_rng_gsl_local.state must hold the micro-RNG's state");

gsl_rng *ts_rng_gsl_local_init(ts_rng_gsl_local *local)
{
    memset(local, 0, sizeof *local);
    local->rng.type = gsl_rng_ts_philox;
    local->rng.state = local->state;
    gsl_rng_ts_philox->set(local->state, 0);
    return &local->rng;
}
