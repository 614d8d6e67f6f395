/*
 * shapley.h: the Shapley value of a cooperative game given by its value on
 * every coalition, the arithmetic of attributing a difference to groups.
 *
 * Owns: the Shapley weights |S|! (G - |S| - 1)! / G!, the exact Shapley value
 * of G players from the 2^G coalition values (coalition S is the bit mask of
 * its players), and each player's effect alone, v({i}) - v({}). Pure
 * functions: the run layer (run/attribution.h) measures the coalitions, one
 * scenario each, and the tests run the same code on games with known values
 * (docs/attribution.md).
 */
#ifndef TEACHSIM_SHAPLEY_H
#define TEACHSIM_SHAPLEY_H

#include <stddef.h>

#define TS_SHAPLEY_MAX_PLAYERS 12 /* 4,096 coalitions: each one a run of the model */

/**
 * The Shapley value of each of the g players (g <= TS_SHAPLEY_MAX_PLAYERS)
 * of the game v (v[S] for every mask S < 2^g) into phi[g]:
 * phi_i = sum over S without i of |S|! (g - |S| - 1)! / g! (v[S + i] - v[S]).
 * The values sum to v[all] - v[{}] (to rounding). The sum is taken in mask
 * order, so the result is the same bits on every machine.
 */
void ts_shapley_values(size_t g, const double *v, double *phi);

/** Each player's effect alone, v[{i}] - v[{}], into alone[g]. */
void ts_shapley_alone(size_t g, const double *v, double *alone);

#endif
