/*
 * attribution_h5.c: Shapley attribution of a difference between scenarios,
 * and its group attribution/ of a results file (attribution_h5.h).
 */
#include "attribution_h5.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "h5_group.h"
#include "shapley.h"
#include "text.h"

#define GROUP "attribution"

ts_status ts_attribution_alloc(ts_attribution *a, ts_error *err)
{
    size_t g = a->n_groups, o = a->n_outcomes, c = a->n_coalitions;
    a->groups = calloc(g, sizeof *a->groups);
    a->group_keys = calloc(g, sizeof *a->group_keys);
    a->outcomes = calloc(o, sizeof *a->outcomes);
    double **numbers[] = {&a->value,      &a->shapley,       &a->shapley_lo,    &a->shapley_hi,  &a->alone,
                          &a->difference, &a->difference_lo, &a->difference_hi, &a->interaction, &a->used};
    size_t sizes[] = {o * c, o * g, o * g, o * g, o * g, o, o, o, o, o};
    int ok = a->groups && a->group_keys && a->outcomes;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        *numbers[i] = malloc((sizes[i] ? sizes[i] : 1) * sizeof **numbers[i]);
        ok = ok && *numbers[i];
        for (size_t j = 0; *numbers[i] && j < sizes[i]; j++)
            (*numbers[i])[j] = NAN;
    }
    if (!ok) {
        ts_attribution_free(a);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for an attribution of %zu groups", g);
    }
    return TS_OK;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

void ts_attribution_free(ts_attribution *a)
{
    free(a->scenario_a);
    free(a->scenario_b);
    free_strings(a->groups, a->n_groups);
    free_strings(a->group_keys, a->n_groups);
    free_strings(a->outcomes, a->n_outcomes);
    free(a->value);
    free(a->shapley);
    free(a->shapley_lo);
    free(a->shapley_hi);
    free(a->alone);
    free(a->difference);
    free(a->difference_lo);
    free(a->difference_hi);
    free(a->interaction);
    free(a->used);
    memset(a, 0, sizeof *a);
}

/* One outcome: the replications in which every coalition was evaluated give
 * each a game; their mean game is the outcome's, and their Shapley values
 * (summed in replication order) give the Shapley values and their spread. */
static void compute_outcome(ts_attribution *a, size_t o, const double *y)
{
    const size_t G = a->n_groups, C = a->n_coalitions, R = (size_t)a->replications;
    double v[(size_t)1 << TS_SHAPLEY_MAX_PLAYERS], phi[TS_SHAPLEY_MAX_PLAYERS];
    double run_mean[TS_SHAPLEY_MAX_PLAYERS + 1] = {0}, m2[TS_SHAPLEY_MAX_PLAYERS + 1] = {0};
    double *mean = &a->value[o * C];
    size_t n = 0;
    for (size_t c = 0; c < C; c++)
        mean[c] = 0.0;
    for (size_t r = 0; r < R; r++) {
        int complete = 1;
        for (size_t c = 0; c < C && complete; c++)
            complete = isfinite(v[c] = y[(o * C + c) * R + r]);
        if (!complete)
            continue;
        n++;
        for (size_t c = 0; c < C; c++)
            mean[c] += v[c];
        ts_shapley_values(G, v, phi);
        phi[G] = v[C - 1] - v[0];         /* the difference itself, as one more column */
        for (size_t i = 0; i <= G; i++) { /* Welford's update: no cancellation for costs in the billions */
            double d = phi[i] - run_mean[i];
            run_mean[i] += d / (double)n;
            m2[i] += d * (phi[i] - run_mean[i]);
        }
    }
    a->used[o] = (double)n;
    if (n == 0) {
        for (size_t c = 0; c < C; c++)
            mean[c] = NAN;
        return;
    }
    for (size_t c = 0; c < C; c++)
        mean[c] /= (double)n;
    const double z = gsl_cdf_ugaussian_Pinv(0.5 + a->level / 2);
    /* Each interval is centred on the Shapley value of the mean game, which
     * equals the mean of the replications' Shapley values up to rounding. */
    double half[TS_SHAPLEY_MAX_PLAYERS + 1];
    for (size_t i = 0; i <= G; i++) {
        double var = n > 1 ? m2[i] / (double)(n - 1) : NAN; /* one replication has no spread to show */
        half[i] = z * sqrt(var) / sqrt((double)n);
    }
    ts_shapley_values(G, mean, &a->shapley[o * G]);
    ts_shapley_alone(G, mean, &a->alone[o * G]);
    double alone_sum = 0.0;
    for (size_t i = 0; i < G; i++) {
        a->shapley_lo[o * G + i] = a->shapley[o * G + i] - half[i];
        a->shapley_hi[o * G + i] = a->shapley[o * G + i] + half[i];
        alone_sum += a->alone[o * G + i];
    }
    a->difference[o] = mean[C - 1] - mean[0];
    a->difference_lo[o] = a->difference[o] - half[G];
    a->difference_hi[o] = a->difference[o] + half[G];
    a->interaction[o] = a->difference[o] - alone_sum;
}

void ts_attribution_compute(ts_attribution *a, const double *y)
{
    for (size_t o = 0; o < a->n_outcomes; o++)
        compute_outcome(a, o, y);
}

/* ---- the group in a results file ------------------------------------------------ */

static int write_group(hid_t g, const void *ctx)
{
    const ts_attribution *a = ctx;
    hsize_t oc[2] = {a->n_outcomes, a->n_coalitions}, og[2] = {a->n_outcomes, a->n_groups}, o1[1] = {a->n_outcomes};
    int ok =
        ts_h5g_attr_string(g, "scenario_a", a->scenario_a) && ts_h5g_attr_string(g, "scenario_b", a->scenario_b) &&
        ts_h5g_attr_number(g, "replications", a->replications) && ts_h5g_attr_number(g, "seed", a->seed) &&
        ts_h5g_attr_number(g, "confidence", a->level) && ts_h5g_write_strings(g, "groups", a->n_groups, a->groups) &&
        ts_h5g_write_strings(g, "group_keys", a->n_groups, a->group_keys) &&
        ts_h5g_write_key_names_zh(g, "group_keys_zh", a->n_groups, a->group_keys) &&
        ts_h5g_write_strings(g, "outcomes", a->n_outcomes, a->outcomes) &&
        ts_h5g_write_doubles(g, "value", 2, oc, a->value) && ts_h5g_write_doubles(g, "shapley", 2, og, a->shapley) &&
        ts_h5g_write_doubles(g, "shapley_lo", 2, og, a->shapley_lo) &&
        ts_h5g_write_doubles(g, "shapley_hi", 2, og, a->shapley_hi) &&
        ts_h5g_write_doubles(g, "alone", 2, og, a->alone) &&
        ts_h5g_write_doubles(g, "difference", 1, o1, a->difference) &&
        ts_h5g_write_doubles(g, "difference_lo", 1, o1, a->difference_lo) &&
        ts_h5g_write_doubles(g, "difference_hi", 1, o1, a->difference_hi) &&
        ts_h5g_write_doubles(g, "interaction", 1, o1, a->interaction) &&
        ts_h5g_write_doubles(g, "replications_used", 1, o1, a->used);
    return ok;
}

ts_status ts_attribution_write_h5(const ts_attribution *a, const char *path, ts_error *err)
{
    return ts_h5g_add(path, GROUP, write_group, a, err);
}

static int read_group(hid_t g, void *ctx, const char *path, ts_error *err)
{
    (void)path;
    ts_attribution *a = ctx;
    char name[512];
    a->n_groups = ts_h5g_extent(g, "groups");
    a->n_outcomes = ts_h5g_extent(g, "outcomes");
    if (a->n_groups == 0 || a->n_groups > TS_SHAPLEY_MAX_PLAYERS || a->n_outcomes == 0)
        return 0;
    a->n_coalitions = (size_t)1 << a->n_groups;
    if (ts_h5g_extent(g, "value") != a->n_outcomes * a->n_coalitions)
        return 0;
    a->replications = (int32_t)ts_h5g_attr_read(g, "replications");
    a->seed = (uint32_t)ts_h5g_attr_read(g, "seed");
    a->level = ts_h5g_attr_read(g, "confidence");
    if (ts_attribution_alloc(a, err) != TS_OK)
        return 0;
    ts_h5g_attr_read_string(g, "scenario_a", name, sizeof name);
    a->scenario_a = ts_text_dup(name);
    ts_h5g_attr_read_string(g, "scenario_b", name, sizeof name);
    a->scenario_b = ts_text_dup(name);
    return a->scenario_a && a->scenario_b && ts_h5g_read_strings(g, "groups", a->n_groups, a->groups) &&
           ts_h5g_read_strings(g, "group_keys", a->n_groups, a->group_keys) &&
           ts_h5g_read_strings(g, "outcomes", a->n_outcomes, a->outcomes) &&
           ts_h5g_read_doubles(g, "value", a->value) && ts_h5g_read_doubles(g, "shapley", a->shapley) &&
           ts_h5g_read_doubles(g, "shapley_lo", a->shapley_lo) && ts_h5g_read_doubles(g, "shapley_hi", a->shapley_hi) &&
           ts_h5g_read_doubles(g, "alone", a->alone) && ts_h5g_read_doubles(g, "difference", a->difference) &&
           ts_h5g_read_doubles(g, "difference_lo", a->difference_lo) &&
           ts_h5g_read_doubles(g, "difference_hi", a->difference_hi) &&
           ts_h5g_read_doubles(g, "interaction", a->interaction) &&
           ts_h5g_read_doubles(g, "replications_used", a->used);
}

ts_status ts_attribution_read_h5(ts_attribution *a, const char *path, ts_error *err)
{
    memset(a, 0, sizeof *a);
    ts_status st = ts_h5g_read(path, GROUP, "teachsim attribute -o", read_group, a, err);
    if (st != TS_OK)
        ts_attribution_free(a);
    return st;
}
