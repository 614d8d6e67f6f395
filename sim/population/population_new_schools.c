/*
 * population_new_schools.c: the scenario's new schools appended to the start
 * population (population.h, ts_population_add_new_schools).
 *
 * They go after every school of the start, so that each start school keeps
 * its index, its entity in the random numbers and its place in its region's
 * list: a scenario that opens schools starts from the same city as one that
 * does not, and is the same as it, bit for bit, until the first one opens.
 */
#include <stdlib.h>
#include <string.h>

#include "population.h"
#include "text.h"

/* A list of n texts, the first `keep` taken over from `old` (which may be
 * NULL: all NULL), the rest NULL. Frees `old` itself, not its texts. */
static char **grow_texts(char **old, int32_t keep, int32_t n)
{
    char **grown = calloc((size_t)n, sizeof *grown);
    if (grown && old)
        memcpy(grown, old, (size_t)keep * sizeof *grown);
    if (grown)
        free(old);
    return grown;
}

ts_status ts_population_add_new_schools(ts_population *p, const ts_scenario *sc, ts_error *err)
{
    const ts_new_school_list *list = &sc->network.new_schools;
    if (list->n <= 0)
        return TS_OK;
    const int32_t old = p->schools.n, n = old + list->n;
    ts_schools grown;
    ts_status st = ts_schools_alloc(&grown, n, err);
    if (st != TS_OK)
        return st;
    ts_schools_copy(&grown, &p->schools);
    grown.n = n;
    char **names = grow_texts(p->school_names, old, n);
    if (names)
        p->school_names = names;
    char **ids = p->school_ids ? grow_texts(p->school_ids, old, n) : NULL;
    if (ids)
        p->school_ids = ids;
    if (!names || (p->school_ids && !ids)) {
        ts_schools_free(&grown);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory adding the new schools");
    }
    ts_schools_free(&p->schools);
    p->schools = grown;
    for (int32_t i = 0; i < list->n; i++) {
        const ts_new_school *ns = &list->item[i];
        const int32_t s = old + i;
        int32_t region = 0;
        while (region < sc->population.n_regions && strcmp(sc->population.regions[region].code, ns->region) != 0)
            region++;
        /* the scenario check has made sure the codes are known */
        p->schools.region[s] = region < sc->population.n_regions ? region : 0;
        p->schools.level[s] = (uint8_t)ts_code_index(ts_level_codes, TS_LEVEL_COUNT, ns->level);
        p->schools.locality[s] = (uint8_t)ts_code_index(ts_locality_codes, TS_LOCALITY_COUNT, ns->locality);
        p->schools.capacity[s] = ns->capacity;
        p->schools.closed[s] = 1;
        if (!(p->school_names[s] = ts_text_dup(ns->name)))
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory adding the new schools");
    }
    return TS_OK;
}
