/*
 * model.c: compiling a scenario and its start population into the lookup
 * tables the yearly steps index (model.h).
 */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cohorts.h"
#include "staffing_norms.h"

/* Every table derived from the scenario's numbers, and nothing that needs
 * memory: with uncertain parameters each replication recomputes these in a
 * copy of the model (run.c), so put here whatever reads a number that
 * a scenario may give as a distribution. */
/* The factor by which the rural allowance scales the leaving hazard of a
 * teacher of contract c at a school of locality l (docs/model.md, step 4):
 * only established and targeted teachers receive the allowance (temporaries
 * do not, docs/model.md, costs), so only their hazards respond. */
static double allowance_retention(const ts_scenario *sc, int c, int l)
{
    const double e = sc->leaving.allowance_elasticity;
    if (c == TS_CONTRACT_TEMPORARY)
        return 1.0;
    return exp(-e * (sc->costs.rural_allowance[l] - sc->leaving.allowance_reference[l]) / 1000.0);
}

void ts_model_set_parameters(ts_model *m, const ts_scenario *sc)
{
    m->scenario = sc;
    /* With no elasticity the hazards are used as given, not multiplied by
     * exp(0) = 1, so that a scenario without the lever is bit-identical to
     * one from before it (docs/decisions.md). */
    const int allowance_acts = sc->leaving.allowance_elasticity != 0.0;
    for (int c = 0; c < TS_CONTRACT_COUNT; c++)
        for (int l = 0; l < TS_LOCALITY_COUNT; l++)
            for (int a = 0; a < TS_AGEBAND_COUNT; a++) {
                double h = sc->leaving.hazard[c][l][a];
                if (allowance_acts) {
                    h *= allowance_retention(sc, c, l);
                    if (h > 1.0)
                        h = 1.0; /* an allowance below the reference can only raise the hazard to certainty */
                }
                m->leave[c][l][a] = ts_rng_threshold(h);
                /* Only established rural teachers may turn leaving into a transfer;
                 * temporaries' contracts end, targeted graduates are bound. */
                double share = (c == TS_CONTRACT_ESTABLISHED && l == TS_RURAL) ? sc->leaving.rural_transfer_share : 0.0;
                m->transfer[c][l][a] = ts_rng_threshold(h * share);
            }
    m->early_retirement = ts_rng_threshold(sc->retirement.early_rate);
    for (int t = 0; t + 1 < TS_TITLE_COUNT; t++) {
        double title = sc->careers.title_rate[t];
        double both = title + sc->careers.qualification_upgrade;
        m->title_up[t] = ts_rng_threshold(title);
        m->title_or_qualification_up[t] = ts_rng_threshold(both > 1.0 ? 1.0 : both);
    }
    m->title_up[TS_TITLE_SENIOR] = 0;
    m->title_or_qualification_up[TS_TITLE_SENIOR] = ts_rng_threshold(sc->careers.qualification_upgrade);
    for (int b = 0; b + 1 < TS_BACKBONE_COUNT; b++) {
        double rate = sc->careers.backbone_rate[b] * sc->careers.sanming_multiplier;
        m->backbone_up[b] = ts_rng_threshold(rate > 1.0 ? 1.0 : rate);
    }
    m->backbone_up[TS_BACKBONE_PROVINCE] = 0;
    ts_staffing_split_table(sc, m->subject_split);
    ts_cohorts_provincial_shares(sc, m->provincial_share);
}

ts_status ts_model_build(ts_model *m, const ts_scenario *sc, const ts_population *start, ts_error *err)
{
    memset(m, 0, sizeof *m);
    m->scenario = sc;
    m->start = start;
    m->n_regions = sc->population.n_regions;
    m->birth_share = calloc((size_t)m->n_regions, sizeof *m->birth_share);
    if (!m->birth_share)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory building the model");
    double population = 0.0;
    for (int r = 0; r < m->n_regions; r++)
        population += sc->population.regions[r].population_10k;
    for (int r = 0; r < m->n_regions; r++)
        m->birth_share[r] = population > 0 ? sc->population.regions[r].population_10k / population : 0.0;

    ts_model_set_parameters(m, sc);

    m->region_first = calloc((size_t)m->n_regions + 1, sizeof *m->region_first);
    m->region_schools = malloc(((size_t)start->schools.n + 1) * sizeof *m->region_schools);
    if (!m->region_first || !m->region_schools) {
        ts_model_free(m);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory building the model");
    }
    for (int32_t s = 0; s < start->schools.n; s++)
        m->region_first[start->schools.region[s] + 1]++;
    for (int r = 0; r < m->n_regions; r++) {
        if (m->region_first[r + 1] > m->max_region_schools)
            m->max_region_schools = m->region_first[r + 1];
        m->region_first[r + 1] += m->region_first[r];
    }
    {
        /* counting sort of schools by region, keeping school order within a region */
        int32_t *next = calloc((size_t)m->n_regions + 1, sizeof *next);
        if (!next) {
            ts_model_free(m);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory building the model");
        }
        memcpy(next, m->region_first, (size_t)m->n_regions * sizeof *next);
        for (int32_t s = 0; s < start->schools.n; s++)
            m->region_schools[next[start->schools.region[s]]++] = s;
        free(next);
    }

    /* Always formed: alliances.enabled may be scheduled on in a later year. */
    ts_status st = ts_alliances_form(&m->alliances, &start->schools, m->region_first, m->region_schools, m->n_regions,
                                     sc->alliances.size, err);
    if (st != TS_OK) {
        ts_model_free(m);
        return st;
    }

    size_t n_cohorts = (size_t)m->n_regions * TS_PROGRAMMES * TS_MAX_STUDY_YEARS;
    m->start_students = calloc(n_cohorts + 1, sizeof *m->start_students);
    if (!m->start_students) {
        ts_model_free(m);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory building the model");
    }
    ts_cohorts_at_start(m, m->start_students);

    int64_t requirement = 0;
    for (int32_t s = 0; s < start->schools.n; s++)
        requirement += start->schools.requirement[s];
    int64_t cap = (start->teachers.n > requirement ? start->teachers.n : requirement) * 3 / 2 + 1024;
    m->capacity = (int32_t)(cap < INT32_MAX ? cap : INT32_MAX);
    return TS_OK;
}

void ts_model_free(ts_model *m)
{
    free(m->birth_share);
    free(m->region_first);
    free(m->region_schools);
    free(m->start_students);
    ts_alliances_free(&m->alliances);
    memset(m, 0, sizeof *m);
}

int32_t ts_model_entrants(const ts_model *m, int region, int year)
{
    const ts_scenario *sc = m->scenario;
    double births = ts_series_get(&sc->enrolment.births, year - 6);
    if (!(births > 0.0))
        return 0;
    return (int32_t)lround(births * m->birth_share[region] * sc->enrolment.entry_rate);
}
