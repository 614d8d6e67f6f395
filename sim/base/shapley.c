/*
 * shapley.c: exact Shapley values from every coalition's value (shapley.h).
 */
#include "shapley.h"

/* The number of players in the coalition `mask`. */
static unsigned players_in(size_t mask)
{
    unsigned n = 0;
    for (; mask; mask &= mask - 1)
        n++;
    return n;
}

void ts_shapley_values(size_t g, const double *v, double *phi)
{
    /* weight[s] = s! (g - s - 1)! / g!, built as a product of ratios so that
     * no factorial overflows or loses precision: weight[0] = 1 / g and
     * weight[s] = weight[s - 1] * s / (g - s). */
    double weight[TS_SHAPLEY_MAX_PLAYERS];
    for (size_t s = 0; s < g; s++)
        weight[s] = s == 0 ? 1.0 / (double)g : weight[s - 1] * (double)s / (double)(g - s);
    const size_t coalitions = (size_t)1 << g;
    for (size_t i = 0; i < g; i++) {
        const size_t bit = (size_t)1 << i;
        double sum = 0.0;
        for (size_t mask = 0; mask < coalitions; mask++)
            if (!(mask & bit))
                sum += weight[players_in(mask)] * (v[mask | bit] - v[mask]);
        phi[i] = sum;
    }
}

void ts_shapley_alone(size_t g, const double *v, double *alone)
{
    for (size_t i = 0; i < g; i++)
        alone[i] = v[(size_t)1 << i] - v[0];
}
