/*
 * sensitivity_h5.h: the results of a sensitivity study and their group
 * sensitivity/ of a results file (docs/results-file.md).
 *
 * Owns: ts_sensitivity (the inputs, outcomes, design, the outcome at every
 * design point and the indices with their intervals), filling its indices
 * from the design and outcomes (base/sensitivity.h's estimators), writing it
 * into a finished results file as the group sensitivity/ and reading it back.
 * Does not own the design points' runs (run/design_points.h) nor printing
 * (summary_sensitivity.h).
 */
#ifndef TEACHSIM_SENSITIVITY_H5_H
#define TEACHSIM_SENSITIVITY_H5_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"

typedef enum { TS_SENS_MORRIS, TS_SENS_SOBOL } ts_sens_method;

/** The statistics of each (outcome, input): Morris's first five, Sobol's the rest. */
typedef enum {
    TS_SSTAT_MU,
    TS_SSTAT_MU_STAR,
    TS_SSTAT_MU_STAR_LO,
    TS_SSTAT_MU_STAR_HI,
    TS_SSTAT_SIGMA,
    TS_SSTAT_FIRST,
    TS_SSTAT_FIRST_LO,
    TS_SSTAT_FIRST_HI,
    TS_SSTAT_TOTAL,
    TS_SSTAT_TOTAL_LO,
    TS_SSTAT_TOTAL_HI,
    TS_SSTAT_COUNT
} ts_sens_stat;

typedef struct {
    ts_sens_method method;
    size_t k;          /* inputs */
    size_t n_outcomes; /* outcomes */
    size_t n_base;     /* Morris: trajectories; Sobol: base samples */
    size_t n_points;   /* Morris: n_base (k + 1); Sobol: n_base (k + 2) */
    int levels;        /* Morris grid levels */
    size_t bootstrap;  /* resamples of the intervals */
    double level;      /* their confidence level, e.g. 0.95 */
    uint32_t seed;     /* the runs' base seed (also seeds the design and the bootstrap) */
    int32_t replications;
    char **inputs;        /* k key paths (owned) */
    char **distributions; /* k, in words */
    double *nominal;      /* k: the scenario's values */
    char **outcomes;      /* n_outcomes, as written on the command line */
    double *design;       /* [n_points][k]: unit-cube coordinates */
    double *values;       /* [n_points][k]: the inputs' values */
    double *y;            /* [n_outcomes][n_points] */
    double *variance;     /* [n_outcomes]: the outcome's variance over the design */
    double *stats;        /* [TS_SSTAT_COUNT][n_outcomes][k]; NaN where the method has none */
} ts_sensitivity;

/** Allocate the arrays for the dimensions set in s (strings NULL, numbers NaN). */
ts_status ts_sensitivity_alloc(ts_sensitivity *s, ts_error *err);

void ts_sensitivity_free(ts_sensitivity *s);

/** Statistic `stat` of outcome o, input i. */
static inline double *ts_sensitivity_stat(const ts_sensitivity *s, ts_sens_stat stat, size_t o, size_t i)
{
    return s->stats + ((size_t)stat * s->n_outcomes + o) * s->k + i;
}

/** The indices from s->design and s->y, by the method's estimators with
 *  s->bootstrap resamples at s->level. */
void ts_sensitivity_compute(ts_sensitivity *s);

/** Add the group sensitivity/ to the results file at `path` (written and
 *  closed). A group already there is an error; on failure the group is
 *  removed. Errors name the path and HDF5's reason. */
ts_status ts_sensitivity_write_h5(const ts_sensitivity *s, const char *path, ts_error *err);

/** Read the group back; TS_ERR_INPUT naming the file when it has none. */
ts_status ts_sensitivity_read_h5(ts_sensitivity *s, const char *path, ts_error *err);

#endif
