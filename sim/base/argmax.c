/* argmax.c: a tournament tree for the first largest value (argmax.h). */
#include "argmax.h"

#include <math.h>

static int32_t winner_of(const double *value, int32_t a, int32_t b)
{
    return value[a] > value[b] || (value[a] == value[b] && a < b) ? a : b;
}

int32_t ts_argmax_leaves(int32_t n)
{
    int32_t leaves = 1;
    while (leaves < n)
        leaves *= 2;
    return leaves;
}

void ts_argmax_build(ts_argmax *t, double *value, int32_t *winner, int32_t n)
{
    t->n = n;
    t->leaves = ts_argmax_leaves(n);
    t->value = value;
    t->winner = winner;
    for (int32_t k = n; k < t->leaves; k++)
        value[k] = -INFINITY;
    for (int32_t k = 0; k < t->leaves; k++)
        winner[t->leaves + k] = k;
    for (int32_t node = t->leaves - 1; node >= 1; node--)
        winner[node] = winner_of(value, winner[2 * node], winner[2 * node + 1]);
}

void ts_argmax_set(ts_argmax *t, int32_t k, double v)
{
    t->value[k] = v;
    for (int32_t node = (t->leaves + k) / 2; node >= 1; node /= 2)
        t->winner[node] = winner_of(t->value, t->winner[2 * node], t->winner[2 * node + 1]);
}

int32_t ts_argmax_first(const ts_argmax *t)
{
    if (t->n == 0)
        return -1;
    int32_t k = t->winner[1];
    return t->value[k] == -INFINITY ? -1 : k;
}
