/**
 * @file results.h
 * The in-memory results of a run and writing them as a results file.
 *
 * Owns: ts_results (every indicator for every scenario, replication, year
 * and region, plus the labels and provenance that go with them) and the HDF5
 * writer that implements ../shared/design/OUTPUT.md: temporary file, rename
 * into place, no clobbering without force. Does not own how indicators are
 * computed (indicators.h): it only loops over their table.
 */
#ifndef TEACHSIM_RESULTS_H
#define TEACHSIM_RESULTS_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"

#define TS_FORMAT_NAME "teachsim-results"
#define TS_FORMAT_VERSION 1

typedef enum {
    TS_VALUE_COUNT, /* written as int32; the in-memory double holds an exact integer */
    TS_VALUE_REAL   /* written as float64 */
} ts_value_kind;

/** One row of the output field table (CONVENTIONS 6). */
typedef struct {
    const char *name;
    ts_value_kind kind;
    const char *units;
    const char *long_name;
    const char *description; /* how it is counted and at which point of the school year */
} ts_indicator_def;

typedef struct {
    size_t n_scenarios;
    size_t n_replications;
    size_t n_years;
    size_t n_regions;      /* including ALL, which is last */
    size_t n_indicators;
    int32_t first_year;

    const ts_indicator_def *indicators; /* n_indicators rows, not owned */

    char **scenario_names; /* n_scenarios UTF-8 strings, owned */
    char **scenario_yaml;  /* n_scenarios resolved scenarios, owned */
    char **region_codes;   /* n_regions, "ALL" last, owned */
    char **region_names_zh;/* n_regions, owned */

    /* values[((((i * S + s) * R + r) * Y + y) * G + g)]: indicator-major so
     * that each indicator's dataset is one contiguous block. */
    double *values;

    /* Uncertain scenario parameters (written to the group parameters/): one
     * row per key path that is a distribution in at least one scenario, its
     * value drawn in each replication at parameter_values[(p * S + s) * R + r],
     * NaN where scenario s gives that key a plain number. All owned; empty
     * (n_parameters 0, NULL arrays) when no scenario has one. */
    size_t n_parameters;
    char **parameter_names;        /* key paths, e.g. leaving.established.rural[1] */
    char **parameter_units;
    char **parameter_descriptions; /* the distribution, as text */
    double *parameter_values;

    /* provenance written as root attributes; owned (malloc'd, freed by
     * ts_results_free) like the labels; NULL is written as "" */
    uint64_t base_seed;
    char *command_line;
    char *created_utc;
    char *teachsim_version;
    char *provenance;
} ts_results;

/** Allocate the value block (zeroed) and the label arrays (NULL strings). */
ts_status ts_results_alloc(ts_results *res, size_t n_scenarios, size_t n_replications, size_t n_years,
                           size_t n_regions, const ts_indicator_def *indicators, size_t n_indicators,
                           int32_t first_year, ts_error *err);

/** Allocate n uncertain-parameter rows (labels NULL, values NaN) in results
 *  already allocated; replaces any rows there. */
ts_status ts_results_alloc_parameters(ts_results *res, size_t n, ts_error *err);

void ts_results_free(ts_results *res);

/** Pointer to the [year][region] block of one indicator, scenario and replication. */
static inline double *ts_results_block(const ts_results *res, size_t indicator, size_t scenario,
                                       size_t replication)
{
    return res->values +
           (((indicator * res->n_scenarios + scenario) * res->n_replications + replication) * res->n_years *
            res->n_regions);
}

/** Index of an indicator by name, or -1. */
int ts_results_indicator_index(const ts_results *res, const char *name);

/**
 * Write the results file at `path`: first to a temporary file in the same
 * folder, then moved into place. Without `force` an existing file is left
 * untouched and TS_ERR_EXISTS returned. If `*interrupted` becomes non-zero
 * while writing, the temporary file is removed and TS_ERR_INTERRUPTED
 * returned. On any HDF5 or system failure the message names the path and the
 * reason, and no file is left at `path` or under the temporary name.
 */
ts_status ts_results_write_h5(const ts_results *res, const char *path, int force,
                              volatile sig_atomic_t *interrupted, ts_error *err);

/**
 * Read a results file back into memory (used by `teachsim summary`).
 * Unknown `format` or `format_version` is a TS_ERR_INPUT naming the file.
 * Indicators found in the file but not in `known` (n_known rows) are skipped;
 * res->indicators then points to `known`, and indicators absent from the file
 * are filled with NaN.
 */
ts_status ts_results_read_h5(ts_results *res, const char *path, const ts_indicator_def *known, size_t n_known,
                             ts_error *err);

#endif
