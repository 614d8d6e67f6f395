/**
 * @file careers.h
 * Ageing and careers (MODEL.md step 9).
 *
 * Owns: a year more of service and of tenure at the school, title promotion
 * (none -> junior -> middle -> senior) or, in a year without one, an
 * in-service qualification upgrade, and backbone promotion (county -> city ->
 * province) with the 三名 programme's multiplier. Ages need no update: they
 * follow from birth months. Temporaries are not promoted.
 */
#ifndef TEACHSIM_CAREERS_H
#define TEACHSIM_CAREERS_H

#include "world.h"

/** Step 9, for the teachers present when the year's words were drawn. */
void ts_careers_step(ts_world *w);

#endif
