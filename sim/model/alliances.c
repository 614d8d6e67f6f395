/*
 * alliances.c: school alliances and shared teachers (alliances.h).
 *
 * An alliance joins one large school with the smallest of its county and
 * level, as 雨湖区's "大校+小校+农村学校" does: the small schools are those
 * that cannot employ a music, PE or art teacher of their own, and the large
 * one has them. With no map of the schools, size stands in for distance.
 */
#include "alliances.h"

#include <stdlib.h>
#include <string.h>

/* Largest start pupils first, then school order: the same alliances on every
 * machine. The key holds both, so the sort needs no context. */
static int ascending(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

ts_status ts_alliances_form(ts_alliances *a, const ts_schools *schools, const int32_t *region_first,
                            const int32_t *region_schools, int32_t n_regions, int32_t size, ts_error *err)
{
    memset(a, 0, sizeof *a);
    const int32_t n_schools = schools->n;
    a->first = malloc(((size_t)n_schools + 1) * sizeof *a->first);
    a->member = malloc(((size_t)n_schools + 1) * sizeof *a->member);
    a->region_first = calloc((size_t)n_regions + 1, sizeof *a->region_first);
    a->lead = malloc(((size_t)n_schools + 1) * sizeof *a->lead);
    uint64_t *group = malloc(((size_t)n_schools + 1) * sizeof *group);
    if (!a->first || !a->member || !a->region_first || !a->lead || !group) {
        free(group);
        ts_alliances_free(a);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory forming the school alliances");
    }
    int32_t placed = 0;
    a->first[0] = 0;
    for (int32_t s = 0; s < n_schools; s++)
        a->lead[s] = -1;
    for (int32_t r = 0; r < n_regions; r++) {
        a->region_first[r] = a->n;
        for (int level = 0; level < TS_LEVEL_COUNT; level++) {
            int32_t n = 0;
            for (int32_t k = region_first[r]; k < region_first[r + 1]; k++) {
                const int32_t s = region_schools[k];
                if (schools->level[s] == level && !schools->closed[s]) /* a school yet to open joins none */
                    group[n++] = (uint64_t)(uint32_t)(INT32_MAX - schools->pupil_total[s]) << 32 | (uint32_t)s;
            }
            qsort(group, (size_t)n, sizeof *group, ascending);
            for (int32_t lo = 0, hi = n; hi - lo >= 2;) {
                const int32_t lead = (int32_t)(uint32_t)group[lo++]; /* the lead: the largest left */
                a->member[placed++] = a->lead[lead] = lead;
                for (int32_t k = 1; k < size && hi > lo; k++) {
                    const int32_t member = (int32_t)(uint32_t)group[--hi]; /* the smallest left */
                    a->member[placed++] = member;
                    a->lead[member] = lead;
                }
                a->first[++a->n] = placed;
            }
        }
    }
    a->region_first[n_regions] = a->n;
    free(group);
    return TS_OK;
}

void ts_alliances_free(ts_alliances *a)
{
    free(a->first);
    free(a->member);
    free(a->region_first);
    free(a->lead);
    memset(a, 0, sizeof *a);
}

void ts_alliances_share(const ts_alliances *a, const double *hours, int kinds, const int32_t *pupils, int32_t region_lo,
                        int32_t region_hi, double *counted, double *shared)
{
    for (int32_t r = region_lo; r < region_hi; r++) {
        double *region_shared = shared + (size_t)r * (size_t)kinds;
        for (int j = 0; j < kinds; j++)
            region_shared[j] = 0.0;
        for (int32_t k = a->region_first[r]; k < a->region_first[r + 1]; k++) {
            const int32_t *school = a->member + a->first[k];
            const int32_t n = a->first[k + 1] - a->first[k];
            double pupils_all = 0.0;
            for (int32_t m = 0; m < n; m++)
                pupils_all += pupils[school[m]];
            if (!(pupils_all > 0.0))
                continue; /* no pupils to teach: nothing is shared */
            for (int j = 0; j < kinds; j++) {
                const double h = hours[j];
                if (h == 0.0)
                    continue;
                double teachers = 0.0;
                for (int32_t m = 0; m < n; m++)
                    teachers += counted[(size_t)school[m] * (size_t)kinds + (size_t)j];
                /* The shared hours, h T, go where the pupils are; each school
                 * keeps (1 - h) of its own, and receives from the others what
                 * the pool gives it less what its own teachers put in. */
                for (int32_t m = 0; m < n; m++) {
                    double *c = &counted[(size_t)school[m] * (size_t)kinds + (size_t)j];
                    const double weight = pupils[school[m]] / pupils_all, own = *c;
                    region_shared[j] += h * (teachers - own) * weight;
                    *c = (1.0 - h) * own + h * teachers * weight;
                }
            }
        }
    }
}
