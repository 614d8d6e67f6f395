/*
 * optimise_h5.c: the record of a lever search and its group optimise/ of a
 * results file (optimise_h5.h).
 */
#include "optimise_h5.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "h5_group.h"
#include "text.h"

#define GROUP "optimise"

/* The tables of one set of mixes, in one order for allocating, freeing,
 * writing and reading: each with its width (1, levers or targets). */
enum { WIDTH_ONE, WIDTH_LEVERS, WIDTH_TARGETS };
typedef struct {
    const char *name;
    size_t offset;
    int width;
} mix_table;

static const mix_table mix_tables[] = {
    {"values", offsetof(ts_optimise_mixes, value), WIDTH_LEVERS},
    {"outcome", offsetof(ts_optimise_mixes, outcome), WIDTH_ONE},
    {"probability", offsetof(ts_optimise_mixes, probability), WIDTH_TARGETS},
    {"probability_lo", offsetof(ts_optimise_mixes, lower), WIDTH_TARGETS},
    {"probability_hi", offsetof(ts_optimise_mixes, upper), WIDTH_TARGETS},
    {"met", offsetof(ts_optimise_mixes, met), WIDTH_TARGETS},
    {"replications", offsetof(ts_optimise_mixes, evaluated), WIDTH_ONE},
    {"worst_probability", offsetof(ts_optimise_mixes, worst), WIDTH_ONE},
    {"feasible", offsetof(ts_optimise_mixes, feasible), WIDTH_ONE},
};
#define N_MIX_TABLES (sizeof mix_tables / sizeof mix_tables[0])

static double **table_of(ts_optimise_mixes *m, size_t t)
{
    return (double **)((char *)m + mix_tables[t].offset);
}

static size_t width_of(const ts_optimise_record *r, size_t t)
{
    return mix_tables[t].width == WIDTH_LEVERS ? r->n_levers : mix_tables[t].width == WIDTH_TARGETS ? r->n_targets : 1;
}

/* n doubles, all NaN (at least one, so that an empty table is not NULL). */
static double *nans(size_t n)
{
    double *v = malloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = NAN;
    return v;
}

ts_status ts_optimise_record_alloc(ts_optimise_record *r, ts_error *err)
{
    const size_t L = r->n_levers, T = r->n_targets;
    r->levers = calloc(L ? L : 1, sizeof *r->levers);
    r->targets = calloc(T ? T : 1, sizeof *r->targets);
    int ok = r->levers && r->targets;
    double **lever[] = {&r->lever_lo, &r->lever_hi, &r->lever_step, &r->lever_from, &r->lever_integer};
    for (size_t i = 0; i < sizeof lever / sizeof lever[0]; i++)
        ok = (*lever[i] = nans(L)) != NULL && ok;
    ts_optimise_mixes *sets[2] = {&r->search, &r->confirm};
    for (int s = 0; s < 2; s++)
        for (size_t t = 0; t < N_MIX_TABLES; t++)
            ok = (*table_of(sets[s], t) = nans(sets[s]->n * width_of(r, t))) != NULL && ok;
    ok = (r->confirm_of = nans(r->confirm.n)) != NULL && ok;
    if (!ok) {
        ts_optimise_record_free(r);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for the record of %zu mixes", r->search.n);
    }
    return TS_OK;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

void ts_optimise_record_free(ts_optimise_record *r)
{
    free_strings(r->levers, r->n_levers);
    free_strings(r->targets, r->n_targets);
    free(r->minimise);
    free(r->lever_lo);
    free(r->lever_hi);
    free(r->lever_step);
    free(r->lever_from);
    free(r->lever_integer);
    ts_optimise_mixes *sets[2] = {&r->search, &r->confirm};
    for (int s = 0; s < 2; s++)
        for (size_t t = 0; t < N_MIX_TABLES; t++)
            free(*table_of(sets[s], t));
    free(r->confirm_of);
    memset(r, 0, sizeof *r);
}

/* ---- the group in a results file ------------------------------------------------ */

static const struct {
    const char *name;
    size_t offset;
} numbers[] = {
    {"probability_required", offsetof(ts_optimise_record, probability)},
    {"seed", offsetof(ts_optimise_record, seed)},
    {"replications", offsetof(ts_optimise_record, replications)},
    {"confirm_replications", offsetof(ts_optimise_record, confirm_replications)},
    {"mixes_in_grid", offsetof(ts_optimise_record, n_grid)},
    {"exhaustive", offsetof(ts_optimise_record, exhaustive)},
    {"found", offsetof(ts_optimise_record, found)},
    {"answer", offsetof(ts_optimise_record, answer)},
    {"best", offsetof(ts_optimise_record, best)},
    {"runs", offsetof(ts_optimise_record, runs)},
};

static double *number_of(const ts_optimise_record *r, size_t i)
{
    return (double *)((char *)r + numbers[i].offset);
}

static int write_mixes(hid_t g, const char *prefix, const ts_optimise_record *r, const ts_optimise_mixes *m)
{
    int ok = 1;
    for (size_t t = 0; t < N_MIX_TABLES && ok; t++) {
        char name[64];
        snprintf(name, sizeof name, "%s_%s", prefix, mix_tables[t].name);
        hsize_t dims[2] = {m->n, width_of(r, t)};
        ok = ts_h5g_write_doubles(g, name, mix_tables[t].width == WIDTH_ONE ? 1 : 2, dims,
                                  *table_of((ts_optimise_mixes *)m, t));
    }
    return ok;
}

static int write_group(hid_t g, const void *ctx)
{
    const ts_optimise_record *r = ctx;
    hsize_t l1[1] = {r->n_levers}, c1[1] = {r->confirm.n};
    int ok = ts_h5g_attr_string(g, "minimise", r->minimise) &&
             ts_h5g_attr_string(g, "method", r->exhaustive == 1 ? "every mix of the grid" : "coordinate search");
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0] && ok; i++)
        ok = ts_h5g_attr_number(g, numbers[i].name, *number_of(r, i));
    ok = ok && ts_h5g_write_strings(g, "levers", r->n_levers, r->levers) &&
         ts_h5g_write_key_names_zh(g, "lever_name_zh", r->n_levers, r->levers) &&
         ts_h5g_write_doubles(g, "lever_lo", 1, l1, r->lever_lo) &&
         ts_h5g_write_doubles(g, "lever_hi", 1, l1, r->lever_hi) &&
         ts_h5g_write_doubles(g, "lever_step", 1, l1, r->lever_step) &&
         ts_h5g_write_doubles(g, "lever_from", 1, l1, r->lever_from) &&
         ts_h5g_write_doubles(g, "lever_integer", 1, l1, r->lever_integer) &&
         ts_h5g_write_strings(g, "targets", r->n_targets, r->targets) && write_mixes(g, "search", r, &r->search) &&
         write_mixes(g, "confirm", r, &r->confirm) && ts_h5g_write_doubles(g, "confirm_of", 1, c1, r->confirm_of);
    return ok;
}

ts_status ts_optimise_write_h5(const ts_optimise_record *r, const char *path, ts_error *err)
{
    return ts_h5g_add(path, GROUP, write_group, r, err);
}

static int read_mixes(hid_t g, const char *prefix, ts_optimise_record *r, ts_optimise_mixes *m)
{
    int ok = 1;
    for (size_t t = 0; t < N_MIX_TABLES && ok; t++) {
        char name[64];
        snprintf(name, sizeof name, "%s_%s", prefix, mix_tables[t].name);
        /* an empty table (no confirmation ran) has nothing to read */
        ok = m->n == 0 ||
             (ts_h5g_extent(g, name) == m->n * width_of(r, t) && ts_h5g_read_doubles(g, name, *table_of(m, t)));
    }
    return ok;
}

static int read_group(hid_t g, void *ctx, const char *path, ts_error *err)
{
    (void)path;
    ts_optimise_record *r = ctx;
    r->n_levers = ts_h5g_extent(g, "levers");
    r->n_targets = ts_h5g_extent(g, "targets");
    r->search.n = ts_h5g_extent(g, "search_outcome");
    r->confirm.n = ts_h5g_extent(g, "confirm_outcome");
    if (r->n_levers == 0 || r->n_targets == 0 || r->search.n == 0)
        return 0;
    if (ts_optimise_record_alloc(r, err) != TS_OK)
        return 0;
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        *number_of(r, i) = ts_h5g_attr_read(g, numbers[i].name);
    char text[512];
    ts_h5g_attr_read_string(g, "minimise", text, sizeof text);
    r->minimise = ts_text_dup(text);
    return r->minimise && ts_h5g_read_strings(g, "levers", r->n_levers, r->levers) &&
           ts_h5g_read_doubles(g, "lever_lo", r->lever_lo) && ts_h5g_read_doubles(g, "lever_hi", r->lever_hi) &&
           ts_h5g_read_doubles(g, "lever_step", r->lever_step) && ts_h5g_read_doubles(g, "lever_from", r->lever_from) &&
           ts_h5g_read_doubles(g, "lever_integer", r->lever_integer) &&
           ts_h5g_read_strings(g, "targets", r->n_targets, r->targets) && read_mixes(g, "search", r, &r->search) &&
           read_mixes(g, "confirm", r, &r->confirm) &&
           (r->confirm.n == 0 || ts_h5g_read_doubles(g, "confirm_of", r->confirm_of));
}

ts_status ts_optimise_read_h5(ts_optimise_record *r, const char *path, ts_error *err)
{
    memset(r, 0, sizeof *r);
    ts_status st = ts_h5g_read(path, GROUP, "teachsim optimise -o", read_group, r, err);
    if (st != TS_OK)
        ts_optimise_record_free(r);
    return st;
}
