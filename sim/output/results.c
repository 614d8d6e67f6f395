/*
 * results.c: the in-memory ts_results block: allocating it, freeing it and
 * finding an indicator by name.
 *
 * Owns the memory of a ts_results (value block, label strings, provenance
 * strings). Does not own the indicator table (res->indicators points to a
 * caller's table) nor any file I/O: results_h5.c writes the file, results_h5_read.c reads it.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "teachsim/results.h"
#include "text.h"

/* n * m without wrapping; 0 on overflow so the caller reports "too large". */
static size_t mul_checked(size_t n, size_t m)
{
    if (n != 0 && m > SIZE_MAX / n)
        return 0;
    return n * m;
}

static char **alloc_labels(size_t n)
{
    /* calloc: every label starts NULL, so a partial fill can always be freed. */
    return calloc(n, sizeof(char *));
}

ts_status ts_results_alloc(ts_results *res, size_t n_scenarios, size_t n_replications, size_t n_years, size_t n_regions,
                           const ts_indicator_def *indicators, size_t n_indicators, int32_t first_year, ts_error *err)
{
    return ts_results_alloc_held(res, n_scenarios, n_replications, n_years, n_regions, indicators, n_indicators,
                                 first_year, n_replications, err);
}

ts_status ts_results_alloc_held(ts_results *res, size_t n_scenarios, size_t n_replications, size_t n_years,
                                size_t n_regions, const ts_indicator_def *indicators, size_t n_indicators,
                                int32_t first_year, size_t n_held, ts_error *err)
{
    memset(res, 0, sizeof *res);

    /* Every dimension of the results file needs at least one label: an empty
     * dimension cannot be chunked in HDF5 and means nothing to an analyst. */
    if (n_scenarios == 0 || n_replications == 0 || n_years == 0 || n_regions == 0)
        return ts_error_set(err, TS_ERR_INPUT,
                            "results need at least one scenario, replication, year and region "
                            "(got %zu, %zu, %zu, %zu)",
                            n_scenarios, n_replications, n_years, n_regions);
    if (n_indicators > 0 && !indicators)
        return ts_error_set(err, TS_ERR_INPUT, "results: %zu indicators but no indicator table", n_indicators);
    /* The file stores replication indices and years as int32. */
    if (n_replications > (size_t)INT32_MAX || n_years > (size_t)INT32_MAX ||
        (int64_t)first_year + (int64_t)n_years - 1 > INT32_MAX)
        return ts_error_set(err, TS_ERR_INPUT, "results: %zu replications or %zu years from %d do not fit int32",
                            n_replications, n_years, (int)first_year);
    if (n_held == 0 || n_held > n_replications)
        return ts_error_set(err, TS_ERR_USAGE, "results: cannot hold %zu of %zu replications", n_held, n_replications);

    size_t n_values = mul_checked(
        mul_checked(mul_checked(mul_checked(n_indicators ? n_indicators : 1, n_scenarios), n_held), n_years),
        n_regions);
    if (n_values == 0 || n_values > SIZE_MAX / sizeof(double))
        return ts_error_set(err, TS_ERR_NOMEM, "results: %zu x %zu x %zu x %zu x %zu values do not fit in memory",
                            n_indicators, n_scenarios, n_held, n_years, n_regions);

    res->n_scenarios = n_scenarios;
    res->n_replications = n_replications;
    res->n_years = n_years;
    res->n_regions = n_regions;
    res->n_indicators = n_indicators;
    res->first_year = first_year;
    res->indicators = indicators;
    res->first_held = 0;
    res->n_held = n_held;

    res->values = calloc(n_values, sizeof(double));
    res->labels.scenario_names = alloc_labels(n_scenarios);
    res->labels.scenario_yaml = alloc_labels(n_scenarios);
    res->labels.region_codes = alloc_labels(n_regions);
    res->labels.region_names_zh = alloc_labels(n_regions);
    if (!res->values || !res->labels.scenario_names || !res->labels.scenario_yaml || !res->labels.region_codes ||
        !res->labels.region_names_zh) {
        ts_results_free(res);
        return ts_error_set(err, TS_ERR_NOMEM, "results: out of memory allocating %zu values", n_values);
    }
    return TS_OK;
}

static void free_parameters(ts_results *res)
{
    ts_text_free_all(res->parameters.names, res->parameters.n);
    ts_text_free_all(res->parameters.units, res->parameters.n);
    ts_text_free_all(res->parameters.descriptions, res->parameters.n);
    free(res->parameters.values);
    res->parameters.names = res->parameters.units = res->parameters.descriptions = NULL;
    res->parameters.values = NULL;
    res->parameters.n = 0;
}

ts_status ts_results_alloc_parameters(ts_results *res, size_t n, ts_error *err)
{
    free_parameters(res);
    if (n == 0)
        return TS_OK;
    size_t n_values = mul_checked(mul_checked(n, res->n_scenarios), res->n_replications);
    if (n_values == 0 || n_values > SIZE_MAX / sizeof(double))
        return ts_error_set(err, TS_ERR_NOMEM, "results: %zu parameters do not fit in memory", n);
    res->parameters.n = n;
    res->parameters.names = alloc_labels(n);
    res->parameters.units = alloc_labels(n);
    res->parameters.descriptions = alloc_labels(n);
    res->parameters.values = malloc(n_values * sizeof(double));
    if (!res->parameters.names || !res->parameters.units || !res->parameters.descriptions || !res->parameters.values) {
        free_parameters(res);
        return ts_error_set(err, TS_ERR_NOMEM, "results: out of memory allocating %zu parameters", n);
    }
    for (size_t i = 0; i < n_values; i++)
        res->parameters.values[i] = NAN;
    return TS_OK;
}

static void free_contrasts(ts_results *res)
{
    ts_text_free_all(res->contrasts.labels, res->contrasts.n);
    free(res->contrasts.scenario);
    free(res->contrasts.stats);
    res->contrasts.labels = NULL;
    res->contrasts.scenario = NULL;
    res->contrasts.stats = NULL;
    res->contrasts.n = 0;
}

ts_status ts_results_alloc_contrasts(ts_results *res, size_t n, int statistics, ts_error *err)
{
    free_contrasts(res);
    if (n == 0)
        return TS_OK;
    size_t n_values =
        mul_checked(mul_checked(mul_checked(mul_checked(TS_STAT_COUNT, res->n_indicators ? res->n_indicators : 1), n),
                                res->n_years),
                    res->n_regions);
    if (n_values == 0 || n_values > SIZE_MAX / sizeof(double))
        return ts_error_set(err, TS_ERR_NOMEM, "results: %zu contrasts do not fit in memory", n);
    res->contrasts.n = n;
    res->contrasts.labels = alloc_labels(n);
    res->contrasts.scenario = calloc(n, sizeof *res->contrasts.scenario);
    res->contrasts.stats = statistics ? malloc(n_values * sizeof(double)) : NULL;
    if (!res->contrasts.labels || !res->contrasts.scenario || (statistics && !res->contrasts.stats)) {
        free_contrasts(res);
        return ts_error_set(err, TS_ERR_NOMEM, "results: out of memory allocating %zu contrasts", n);
    }
    for (size_t i = 0; statistics && i < n_values; i++)
        res->contrasts.stats[i] = NAN;
    return TS_OK;
}

static void free_targets(ts_results *res)
{
    ts_text_free_all(res->targets.names, res->targets.n);
    ts_text_free_all(res->targets.definitions, res->targets.n * res->n_scenarios);
    free(res->targets.met);
    free(res->targets.year_met);
    res->targets.names = res->targets.definitions = NULL;
    res->targets.met = NULL;
    res->targets.year_met = NULL;
    res->targets.n = 0;
}

ts_status ts_results_alloc_targets(ts_results *res, size_t n, ts_error *err)
{
    free_targets(res);
    if (n == 0)
        return TS_OK;
    size_t n_defs = mul_checked(n, res->n_scenarios), n_values = mul_checked(n_defs, res->n_replications);
    if (n_values == 0 || n_values > SIZE_MAX / sizeof(int32_t))
        return ts_error_set(err, TS_ERR_NOMEM, "results: %zu targets do not fit in memory", n);
    res->targets.n = n;
    res->targets.names = alloc_labels(n);
    res->targets.definitions = alloc_labels(n_defs);
    res->targets.met = malloc(n_values * sizeof *res->targets.met);
    res->targets.year_met = malloc(n_values * sizeof *res->targets.year_met);
    if (!res->targets.names || !res->targets.definitions || !res->targets.met || !res->targets.year_met) {
        free_targets(res);
        return ts_error_set(err, TS_ERR_NOMEM, "results: out of memory allocating %zu targets", n);
    }
    for (size_t i = 0; i < n_values; i++) {
        res->targets.met[i] = -1;
        res->targets.year_met[i] = -1;
    }
    return TS_OK;
}

static void free_schools(ts_results *res)
{
    ts_results_schools *sc = &res->schools;
    ts_text_free_all(sc->ids, sc->n);
    ts_text_free_all(sc->names, sc->n);
    free(sc->region);
    free(sc->level);
    free(sc->locality);
    free(sc->scored);
    free(sc->pupils_start);
    free(sc->sums);
    memset(sc, 0, sizeof *sc);
}

ts_status ts_results_alloc_schools(ts_results *res, size_t n, ts_error *err)
{
    free_schools(res);
    ts_results_schools *sc = &res->schools;
    if (n == 0)
        return TS_OK;
    sc->n = n;
    sc->ids = calloc(n, sizeof *sc->ids);
    sc->names = calloc(n, sizeof *sc->names);
    sc->region = calloc(n, sizeof *sc->region);
    sc->level = calloc(n, sizeof *sc->level);
    sc->locality = calloc(n, sizeof *sc->locality);
    sc->scored = calloc(n, sizeof *sc->scored);
    sc->pupils_start = calloc(n, sizeof *sc->pupils_start);
    sc->sums = calloc(res->n_scenarios * res->n_years * n * TS_SCHOOL_SUM_FIELDS, sizeof *sc->sums);
    if (!sc->ids || !sc->names || !sc->region || !sc->level || !sc->locality || !sc->scored || !sc->pupils_start ||
        !sc->sums) {
        free_schools(res);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for the results of %zu schools", n);
    }
    return TS_OK;
}

static void free_watch(ts_results *res)
{
    ts_text_free_all(res->watch.ids, res->watch.n);
    free(res->watch.school);
    free(res->watch.region);
    free(res->watch.values);
    memset(&res->watch, 0, sizeof res->watch);
}

void ts_results_free(ts_results *res)
{
    if (!res)
        return;
    free_watch(res);
    free_schools(res);
    free(res->values);
    free(res->indicator_absent);
    free_parameters(res);
    free_contrasts(res);
    free_targets(res); /* before the scenario count is zeroed: it sizes the definitions */
    ts_text_free_all(res->labels.scenario_names, res->n_scenarios);
    ts_text_free_all(res->labels.scenario_yaml, res->n_scenarios);
    ts_text_free_all(res->labels.region_codes, res->n_regions);
    ts_text_free_all(res->labels.region_names_zh, res->n_regions);
    free(res->provenance.command_line);
    free(res->provenance.created_utc);
    free(res->provenance.teachsim_version);
    free(res->provenance.build);
    /* Zeroed so a second free, or a free after a failed alloc, is harmless. */
    memset(res, 0, sizeof *res);
}

int ts_results_indicator_index(const ts_results *res, const char *name)
{
    if (!res || !name || !res->indicators)
        return -1;
    for (size_t i = 0; i < res->n_indicators && i < (size_t)INT32_MAX; i++)
        if (res->indicators[i].name && strcmp(res->indicators[i].name, name) == 0)
            return (int)i;
    return -1;
}
