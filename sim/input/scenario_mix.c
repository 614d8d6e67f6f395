/*
 * scenario_mix.c: comparing two scenarios key by key and taking one key's
 * value from another scenario (teachsim/scenario.h), for the attribution of
 * a difference to the keys that make it (run/attribution.h).
 *
 * A key's value is everything the scenario holds for it: its field, its
 * schedule by year and, for a number, its distribution. The region list is
 * one key whose value is every region's fields and the distributions of
 * region keys. Uses the loader's own lists (scenario_internal.h) and is
 * called by none of the loader's files.
 */
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"

static int is_region_key(const ts_key *k)
{
    for (size_t i = 0; i < ts_region_key_count; i++)
        if (&ts_region_keys[i] == k)
            return 1;
    return 0;
}

/* Whether the entry of a list (a distribution, a schedule point) is part of `key`'s value. */
static int owned_by(const ts_key *key, const ts_key *entry)
{
    return key->type == TS_KEY_REGIONS ? is_region_key(entry) : entry == key;
}

static int same_field(const ts_scenario *a, const ts_scenario *b, const ts_key *key)
{
    const char *fa = (const char *)a + key->offset, *fb = (const char *)b + key->offset;
    switch (key->type) {
    case TS_KEY_STRING:
        return strncmp(fa, fb, key->count) == 0;
    case TS_KEY_SERIES:
        return memcmp(fa, fb, sizeof(ts_series)) == 0;
    case TS_KEY_TARGETS:
        return memcmp(fa, fb, sizeof(ts_target_list)) == 0;
    case TS_KEY_SCHOOLS:
        return memcmp(fa, fb, sizeof(ts_new_school_list)) == 0;
    case TS_KEY_REGIONS:
        return a->population.n_regions == b->population.n_regions &&
               (a->population.n_regions == 0 ||
                memcmp(a->population.regions, b->population.regions,
                       (size_t)a->population.n_regions * sizeof *a->population.regions) == 0);
    default:
        return memcmp(fa, fb, ts_schedule_field_size(key)) == 0;
    }
}

/* Whether the distributions of key's numbers are the same in a and b (both lists are in key-table order). */
static int same_uncertain(const ts_scenario *a, const ts_scenario *b, const ts_key *key)
{
    int32_t i = 0, j = 0;
    for (;;) {
        while (i < a->n_uncertain && !owned_by(key, a->uncertain[i].key))
            i++;
        while (j < b->n_uncertain && !owned_by(key, b->uncertain[j].key))
            j++;
        if (i == a->n_uncertain || j == b->n_uncertain)
            return i == a->n_uncertain && j == b->n_uncertain;
        const ts_uncertain *u = &a->uncertain[i++], *w = &b->uncertain[j++];
        if (u->key != w->key || u->element != w->element || u->year != w->year || u->dist != w->dist ||
            memcmp(u->param, w->param, sizeof u->param) != 0)
            return 0;
    }
}

static int same_schedule(const ts_scenario *a, const ts_scenario *b, const ts_key *key)
{
    int32_t na = 0, nb = 0;
    const ts_schedule_point *pa = ts_schedule_find(a, key, &na), *pb = ts_schedule_find(b, key, &nb);
    if (na != nb)
        return 0;
    for (int32_t k = 0; k < na; k++)
        if (pa[k].year != pb[k].year || memcmp(pa[k].bytes, pb[k].bytes, ts_schedule_field_size(key)) != 0)
            return 0;
    return 1;
}

int ts_scenario_key_differs(const ts_scenario *a, const ts_scenario *b, const ts_key *key)
{
    return !same_field(a, b, key) || !same_uncertain(a, b, key) || !same_schedule(a, b, key);
}

static ts_status take_regions(ts_scenario *out, const ts_scenario *from, ts_error *err)
{
    size_t n = (size_t)from->population.n_regions;
    ts_region_spec *copy = n ? malloc(n * sizeof *copy) : NULL;
    if (n && !copy)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory taking the region list");
    if (n)
        memcpy(copy, from->population.regions, n * sizeof *copy);
    free(out->population.regions);
    out->population.regions = copy;
    out->population.n_regions = (int32_t)n;
    return TS_OK;
}

static ts_status take_uncertain(ts_scenario *out, const ts_scenario *from, const ts_key *key, ts_error *err)
{
    int32_t kept = 0, taken = 0;
    for (int32_t k = 0; k < from->n_uncertain; k++)
        taken += owned_by(key, from->uncertain[k].key);
    for (int32_t k = 0; k < out->n_uncertain; k++)
        if (!owned_by(key, out->uncertain[k].key))
            out->uncertain[kept++] = out->uncertain[k];
    out->n_uncertain = kept;
    if (taken == 0)
        return TS_OK;
    ts_uncertain *grown = realloc(out->uncertain, (size_t)(kept + taken) * sizeof *grown);
    if (!grown)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory taking the distributions of %s", key->path);
    out->uncertain = grown;
    for (int32_t k = 0; k < from->n_uncertain; k++)
        if (owned_by(key, from->uncertain[k].key))
            out->uncertain[out->n_uncertain++] = from->uncertain[k];
    ts_uncertain_sort(out);
    return TS_OK;
}

ts_status ts_scenario_take_key(ts_scenario *out, const ts_scenario *from, const ts_key *key, ts_error *err)
{
    ts_status st = TS_OK;
    char *field = (char *)out + key->offset;
    const char *source = (const char *)from + key->offset;
    switch (key->type) {
    case TS_KEY_REGIONS:
        st = take_regions(out, from, err);
        break;
    case TS_KEY_STRING:
        memcpy(field, source, key->count);
        break;
    case TS_KEY_SERIES:
        memcpy(field, source, sizeof(ts_series));
        break;
    case TS_KEY_TARGETS:
        memcpy(field, source, sizeof(ts_target_list));
        break;
    case TS_KEY_SCHOOLS:
        memcpy(field, source, sizeof(ts_new_school_list));
        break;
    default:
        memcpy(field, source, ts_schedule_field_size(key));
        break;
    }
    if (st == TS_OK)
        st = take_uncertain(out, from, key, err);
    if (st != TS_OK)
        return st;
    int32_t n = 0;
    const ts_schedule_point *p = ts_schedule_find(from, key, &n);
    ts_schedule_remove(out, key);
    for (int32_t k = 0; k < n && st == TS_OK; k++)
        st = ts_schedule_add(out, key, p[k].year, p[k].bytes, err);
    if (st == TS_OK)
        ts_schedule_sort(out);
    return st;
}
