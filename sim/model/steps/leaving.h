/**
 * @file leaving.h
 * Teachers leaving their school (docs/model.md, step 4).
 *
 * Owns: the yearly leaving hazard by contract x locality x age band and what
 * a leaver does: an established rural leaver asks, with the scenario's
 * probability, for a transfer to a town or urban school of the same region
 * (granted when such a school has an established vacancy; otherwise the
 * teacher stays), everyone else exits the system. For targeted graduates in
 * service the hazard is the breach hazard. Needs no workspace. Does not own
 * retirement (retirement.h) nor the transfer's destination (transfers.h).
 */
#ifndef TEACHSIM_LEAVING_H
#define TEACHSIM_LEAVING_H

#include "world.h"

/** Step 4. Cannot fail: returns TS_OK. */
ts_status ts_leaving_step(ts_world *w, ts_error *err);

#endif
