/*
 * sensitivity.h: the mathematics of global sensitivity analysis, on any
 * function of inputs in the unit cube.
 *
 * Owns: the input distributions of a sensitivity study as quantile functions
 * of the unit interval (uniform range, the scenario's five distribution forms,
 * integer inputs rounded); the Morris design (random one-at-a-time
 * trajectories on a grid of levels) and its elementary-effect statistics
 * (mu, mu*, sigma); the Saltelli design (matrices A, B and A with column i
 * from B, from GSL's Sobol sequence or, for tests of coverage, from a
 * pseudo-random stream) and the Sobol indices from it (first order by the
 * estimator of Saltelli et al. 2010, total by Jansen's) with percentile
 * bootstrap intervals. Pure functions: nothing here knows about the model;
 * the run layer (run/sensitivity.h) evaluates the design points, and the
 * tests run the same code on functions with known indices
 * (docs/sensitivity.md).
 */
#ifndef TEACHSIM_SENSITIVITY_MATH_H
#define TEACHSIM_SENSITIVITY_MATH_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"

typedef enum {
    TS_SENS_UNIFORM,    /* p[0], p[1]: the range */
    TS_SENS_TRIANGULAR, /* min, mode, max */
    TS_SENS_NORMAL,     /* mean, sd, truncated to [lo, hi] */
    TS_SENS_BETA,       /* alpha, beta on [0, 1] */
    TS_SENS_LOGNORMAL   /* meanlog, sdlog, truncated to [lo, hi] */
} ts_sens_kind;

/** One input's distribution: its quantile function maps the unit interval onto it. */
typedef struct {
    ts_sens_kind kind;
    double p[3];
    double lo, hi; /* the key's range: normal and lognormal are truncated to it */
    int integer;   /* round to the nearest whole number (an integer key) */
} ts_sens_dist;

/** Share of an unbounded distribution's unit interval cut at each end: the
 *  quantile of 0 and 1 of a normal with no finite bound is infinite, so the
 *  unit interval is first squeezed to [TS_SENS_TAIL, 1 - TS_SENS_TAIL]. */
#define TS_SENS_TAIL 0.001

/** The value of the input at u in [0, 1]. */
double ts_sens_quantile(const ts_sens_dist *d, double u);

/* ---- Morris ------------------------------------------------------------------ */

/**
 * r trajectories of k + 1 points each on the grid {0, 1/(levels-1), ..., 1}^k
 * (levels even, delta = levels / (2 (levels - 1)): Morris 1991 with
 * Campolongo's choice of delta): x[((t * (k + 1) + j) * k + i)], point j
 * moving input order[j-1] by +delta or -delta from point j - 1. A random
 * start, order and directions per trajectory from GSL's mt19937 seeded with
 * `seed`. Returns TS_ERR_USAGE for k 0, r 0, or levels odd or below 2.
 */
ts_status ts_morris_design(size_t k, size_t r, int levels, uint32_t seed, double *x, ts_error *err);

/**
 * The elementary effects of the outputs y[t * (k + 1) + j] of the design x:
 * for each input, the mean (mu), mean absolute (mu_star) and standard
 * deviation (sigma, divisor r - 1; 0 when r is 1) of (y_j - y_{j-1}) /
 * (x_j - x_{j-1}) over the trajectories, in outcome units per whole unit
 * range of the input. Also mu_star's bootstrap percentile interval
 * (mu_star_lo, mu_star_hi may be NULL) over trajectories.
 */
void ts_morris_indices(size_t k, size_t r, const double *x, const double *y, size_t n_boot, uint32_t seed, double level,
                       double *mu, double *mu_star, double *sigma, double *mu_star_lo, double *mu_star_hi);

/* ---- Sobol (Saltelli design) ------------------------------------------------- */

/** Points of the Saltelli design for k inputs and n base samples: n (k + 2). */
size_t ts_saltelli_points(size_t k, size_t n);

/**
 * The Saltelli design in blocks of k + 2 points per base sample j:
 * A_j, B_j, then A_j with input i taken from B_j for i = 0 .. k - 1, at
 * x[((j * (k + 2) + b) * k + i)]. A and B are the two halves of the point
 * j + 1 of GSL's 2k-dimensional Sobol sequence (the point 0, all zeros, is
 * skipped), or with `random` uniform pseudo-random numbers from mt19937
 * seeded with `seed` (independent designs, for tests of coverage). At most
 * 20 inputs (GSL's Sobol sequence has 40 dimensions).
 */
ts_status ts_saltelli_design(size_t k, size_t n, int random, uint32_t seed, double *x, ts_error *err);

/** Sobol indices of one output, each with its bootstrap interval. */
typedef struct {
    double first, first_lo, first_hi;
    double total, total_lo, total_hi;
} ts_sobol_index;

/**
 * The Sobol indices of the outputs y (in the layout of ts_saltelli_design) of
 * each input, into idx[k]: first order V_i / V with V_i estimated as
 * mean((f(B) - f0) (f(AB_i) - f(A))) (Saltelli et al. 2010, with f centred on
 * its mean f0 over A and B: uncentred, an outcome of large mean, such as a
 * cost, swamps the estimate with noise), total as
 * mean((f(A) - f(AB_i))^2) / 2 / V (Jansen 1999), V the variance of f over
 * A and B together. The intervals are percentiles (1 - level) / 2 and
 * (1 + level) / 2 of n_boot bootstrap resamples of the base samples (mt19937
 * seeded with `seed`); n_boot 0 gives intervals equal to the estimate. *var
 * (may be NULL) receives V. With V 0 every index is NaN.
 */
void ts_sobol_indices(size_t k, size_t n, const double *y, size_t n_boot, uint32_t seed, double level,
                      ts_sobol_index *idx, double *var);

#endif
