/**
 * @file transfers.h
 * The destination of a rural-to-urban transfer, shared by the leaving step
 * (a rural leaver asking to move) and the intake step (a targeted graduate
 * whose service ends).
 *
 * Owns: choosing the town or urban school of a region that takes a
 * transfer. Does not own who asks, nor the flows (the steps count them).
 */
#ifndef TEACHSIM_TRANSFERS_H
#define TEACHSIM_TRANSFERS_H

#include "world.h"

/** The town or urban school of `region` that would take a transfer in
 *  `subject`: an established vacancy, the largest gap in the subject; -1 if none. */
int32_t ts_transfer_destination(const ts_world *w, int32_t region, int subject);

#endif
