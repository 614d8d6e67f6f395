/**
 * @file hiring.h
 * Making a new teacher, shared by the steps that hire (open recruitment,
 * temporaries, targeted graduates).
 *
 * Owns: appending a teacher record with identity and attributes drawn from
 * the region's hire counter and the teacher's own random words, its
 * retirement month, its post, and the hire flows. Does not own who is hired
 * where (the recruitment and intake steps).
 */
#ifndef TEACHSIM_HIRING_H
#define TEACHSIM_HIRING_H

#include "world.h"

/**
 * Append a new teacher in `school` teaching `subject` with `contract`,
 * hired in w->year; identity and attributes come from the region's hire
 * counter and the teacher's own random words. Returns the row, or -1 when
 * memory ran out (err set).
 */
int32_t ts_hiring_new_teacher(ts_world *w, int32_t school, int subject, int contract, ts_error *err);

#endif
