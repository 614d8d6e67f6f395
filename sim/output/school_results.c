/*
 * school_results.c: the per-school results of a run (school_results.h).
 */
#include "school_results.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* Chinese words for a generated school's name: locality and level. */
static const char *const locality_zh[TS_LOCALITY_COUNT] = {"城区", "镇区", "乡村"};
static const char *const level_zh[TS_LEVEL_COUNT] = {"小学", "初中", "九年一贯制学校"};

static int same_schools(const ts_schools *a, const ts_schools *b)
{
    if (a->n != b->n)
        return 0;
    for (int32_t k = 0; k < a->n; k++)
        if (a->region[k] != b->region[k] || a->level[k] != b->level[k] || a->locality[k] != b->locality[k])
            return 0;
    return 1;
}

ts_status ts_school_results_label(ts_results *res, const ts_population *start, const ts_scenario *sc, size_t n,
                                  const char **why, ts_error *err)
{
    if (why)
        *why = NULL;
    for (size_t s = 1; s < n; s++)
        if (!same_schools(&start[0].schools, &start[s].schools)) {
            if (why)
                *why = sc[s].name;
            return ts_results_alloc_schools(res, 0, err);
        }
    const ts_schools *schools = &start[0].schools;
    ts_status st = ts_results_alloc_schools(res, (size_t)schools->n, err);
    if (st != TS_OK)
        return st;
    ts_results_schools *out = &res->schools;
    /* numbered within (region, locality, level), in the population's order */
    int32_t number[TS_MAX_REGIONS][TS_LOCALITY_COUNT][TS_LEVEL_COUNT] = {{{0}}};
    for (int32_t k = 0; k < schools->n; k++) {
        int32_t g = schools->region[k];
        int loc = schools->locality[k], lev = schools->level[k];
        int32_t pupils = 0;
        for (int j = 0; j < TS_GRADES; j++)
            pupils += schools->pupils[k][j];
        char id[32], name[TS_NAME_MAX + 64];
        snprintf(id, sizeof id, "S%05d", (int)k + 1);
        snprintf(name, sizeof name, "%s %s%s %d", sc[0].population.regions[g].name_zh, locality_zh[loc], level_zh[lev],
                 (int)++number[g][loc][lev]);
        /* a roster's own id and name where it has them */
        const char *roster_id = start[0].school_ids ? start[0].school_ids[k] : NULL;
        const char *roster_name = start[0].school_names ? start[0].school_names[k] : NULL;
        out->ids[k] = ts_text_dup(roster_id && *roster_id ? roster_id : id);
        out->names[k] = ts_text_dup(roster_name && *roster_name ? roster_name : name);
        if (!out->ids[k] || !out->names[k])
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory labelling schools");
        out->region[k] = g;
        out->level[k] = (uint8_t)lev;
        out->locality[k] = (uint8_t)loc;
        out->pupils_start[k] = pupils;
        out->scored[k] = pupils >= sc[0].quality.teaching_point_pupils;
    }
    return TS_OK;
}

void ts_school_results_outcome(const int64_t *cell, ts_school_outcome *out)
{
    const int64_t scored = cell[TS_SCHOOL_SUM_SCORED];
    const double n = (double)scored;
    out->scored = scored;
    out->met_probability = scored ? (double)cell[TS_SCHOOL_SUM_MET] / n : NAN;
    out->most_missed = -1;
    int64_t most = 0;
    for (int j = 0; j < 3; j++) {
        out->per100_mean[j] = scored ? (double)cell[TS_SCHOOL_SUM_PER100 + j] / TS_SCHOOL_SUM_SCALE / n : NAN;
        out->missing_share[j] = scored ? (double)cell[TS_SCHOOL_SUM_MISSING + j] / n : NAN;
        if (cell[TS_SCHOOL_SUM_MISSING + j] > most) { /* ties: the first in the assessment's order */
            most = cell[TS_SCHOOL_SUM_MISSING + j];
            out->most_missed = j;
        }
    }
}
