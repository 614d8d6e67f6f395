/**
 * @file results.h
 * The in-memory results of a run and writing them as a results file.
 *
 * Owns: ts_results (every indicator for every scenario, year and region of
 * the replications held in memory, all of them or one batch, plus the labels
 * and provenance that go with them) and the HDF5 writer that implements
 * docs/results-file.md: temporary file written batch by batch, rename into
 * place, no clobbering without force.
 * Does not own how indicators are computed (record/indicators.h): it only
 * loops over their table; nor the batch size of a run (batch.h, the run
 * driver's).
 */
#ifndef TEACHSIM_RESULTS_H
#define TEACHSIM_RESULTS_H

#include <signal.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"
#include "teachsim/vocabulary.h"

#define TS_FORMAT_NAME "teachsim-results"
#define TS_FORMAT_VERSION 1

/** Statistics of a paired difference over replications (group comparison/). */
typedef enum {
    TS_STAT_MEAN, /* mean difference */
    TS_STAT_SE,   /* its standard error: sample standard deviation / sqrt(replications) */
    TS_STAT_Q05,  /* 5 % point of the differences */
    TS_STAT_Q50,
    TS_STAT_Q95,
    TS_STAT_COUNT
} ts_comparison_stat;

/** The labels of a results file's dimensions; all owned. */
typedef struct {
    char **scenario_names;  /* n_scenarios UTF-8 strings */
    char **scenario_yaml;   /* n_scenarios resolved scenarios */
    char **region_codes;    /* n_regions, "ALL" last */
    char **region_names_zh; /* n_regions */
} ts_results_labels;

/** Uncertain scenario parameters (written to the group parameters/): one
 *  row per key path that is a distribution in at least one scenario, its
 *  value drawn in each replication at values[(p * S + s) * R + r], NaN where
 *  scenario s gives that key a plain number. All owned; empty (n 0, NULL
 *  arrays) when no scenario has one. */
typedef struct {
    size_t n;
    char **names; /* key paths, e.g. leaving.established.rural[1] */
    char **units;
    char **descriptions; /* the distribution, as text */
    double *values;
} ts_results_parameters;

/** Paired differences (group comparison/, comparison.h): with two or more
 *  scenarios, each scenario but the reference is a contrast "NAME - REF".
 *  `stats` holds, per statistic (ts_comparison_stat), indicator and
 *  contrast, a [year][region] block of the mean, standard error and 5, 50
 *  and 95 % points of the per-replication differences; the differences
 *  themselves are recomputed from the values when written. All owned; empty
 *  (n 0) with one scenario. */
typedef struct {
    size_t reference; /* index of the reference scenario */
    size_t n;
    size_t *scenario; /* the scenario of each contrast */
    char **labels;    /* "no-rotation - xiangtan-baseline" */
    double *stats;
} ts_results_contrasts;

/** Targets (group targets/, targets.h): the union of the scenarios' targets
 *  by name, in order of first appearance. Index (t * S + s) for
 *  definitions, ((t * S + s) * R + r) for outcomes: met is 1, 0, or -1 where
 *  scenario s has no target of that name or its year is outside the
 *  horizon; year_met is the first year the target would be met as of, or
 *  -1. All owned; empty (n 0) when no scenario has a target. */
typedef struct {
    size_t n;
    char **names;
    char **definitions; /* "" where the scenario has no such target */
    int8_t *met;
    int32_t *year_met;
} ts_results_targets;

/** Per-school results (group schools/, docs/results-file.md): the start
 *  population's schools and, per scenario, year and school, the sums over
 *  the replications run of ts_school_sum_field (vocabulary.h) at
 *  sums[((s * Y + y) * n + school) * TS_SCHOOL_SUM_FIELDS + field]. The sums
 *  grow while the replications stream (every batch adds to them) and are
 *  written when the file is finished, so their size does not depend on the
 *  replications. All owned; empty (n 0) when not kept (the scenarios of the
 *  run start from different schools). */
typedef struct {
    size_t n;
    char **ids;      /* S00001 ...: the row of the start population (and of its CSV export) */
    char **names;    /* e.g. "湘乡市 乡村小学 17" */
    int32_t *region; /* index into labels.region_codes */
    uint8_t *level, *locality;
    uint8_t *scored; /* 0: a teaching point at the start (too few pupils to be scored) */
    int32_t *pupils_start;
    int64_t *sums;
} ts_results_schools;

/** The schools that targets name (`school:`), followed replication by
 *  replication for their targets (not written to the file: schools/ holds
 *  every school's aggregates). values[((f * n + w) * S + s) * H + h] is a
 *  [year][region] block like an indicator's, NaN except in the school's
 *  region column: field f of ts_target_school_indicators, for the H held
 *  replications. All owned; empty (n 0) when no target names a school. */
typedef struct {
    size_t n;
    char **ids;
    int32_t *school; /* index into schools */
    int32_t *region;
    double *values;
} ts_results_watch;

/** Where a results file came from, written as its root attributes. In a
 *  ts_results the strings are owned (freed by ts_results_free); NULL is
 *  written as "". */
typedef struct {
    uint64_t base_seed;
    char *command_line;
    char *created_utc;
    char *teachsim_version;
    char *build; /* compiler, flags, library versions */
} ts_provenance;

typedef struct {
    size_t n_scenarios;
    size_t n_replications;
    size_t n_years;
    size_t n_regions; /* including ALL, which is last */
    size_t n_indicators;
    int32_t first_year;

    const ts_indicator_def *indicators; /* n_indicators rows, not owned */
    /* Read from a file (ts_results_read_h5): 1 for each indicator whose
     * dataset the file lacks, its values then NaN; NULL when it has them
     * all, and always in memory. Owned. */
    unsigned char *indicator_absent;
    ts_results_labels labels;

    /* values[((((i * S + s) * H + (r - first_held)) * Y + y) * G + g)]:
     * indicator-major, for the H = n_held replications first_held ..
     * first_held + H - 1 held in memory. In memory (ts_results_alloc) that is
     * every replication (first_held 0, H = R), so each indicator's dataset is
     * one contiguous block; a run streamed to a file (run.h) holds one batch
     * of replications at a time. */
    double *values;
    size_t first_held;
    size_t n_held;

    ts_results_parameters parameters;
    ts_results_contrasts contrasts;
    ts_results_targets targets;
    ts_results_schools schools;
    ts_results_watch watch;
    ts_provenance provenance;
} ts_results;

/** The [year][region] block of field f of watched school w, scenario s,
 *  replication r (one held in memory). */
static inline double *ts_results_watch_block(const ts_results *res, size_t f, size_t w, size_t s, size_t r)
{
    return res->watch.values +
           ((((f * res->watch.n + w) * res->n_scenarios + s) * res->n_held + (r - res->first_held)) * res->n_years *
            res->n_regions);
}

/** Allocate the per-school table of n schools (texts NULL) and its sums
 *  (zero) for the results' scenarios and years; replaces any there. */
ts_status ts_results_alloc_schools(ts_results *res, size_t n, ts_error *err);

/** Allocate the value block (zeroed) and the label arrays (NULL strings). */
ts_status ts_results_alloc(ts_results *res, size_t n_scenarios, size_t n_replications, size_t n_years, size_t n_regions,
                           const ts_indicator_def *indicators, size_t n_indicators, int32_t first_year, ts_error *err);

/** As ts_results_alloc, but the value block holds only `n_held` (1 ..
 *  n_replications) replications at a time, from first_held (0; moved on by
 *  the caller): a run that streams batches of replications to a file. */
ts_status ts_results_alloc_held(ts_results *res, size_t n_scenarios, size_t n_replications, size_t n_years,
                                size_t n_regions, const ts_indicator_def *indicators, size_t n_indicators,
                                int32_t first_year, size_t n_held, ts_error *err);

/** Allocate n uncertain-parameter rows (labels NULL, values NaN) in results
 *  already allocated; replaces any rows there. */
ts_status ts_results_alloc_parameters(ts_results *res, size_t n, ts_error *err);

/** Allocate the comparison rows (labels NULL; with `statistics`, the
 *  statistics block, NaN; without, none: a streamed run computes them from
 *  the file) for n contrasts; replaces any there. n 0 frees them. */
ts_status ts_results_alloc_contrasts(ts_results *res, size_t n, int statistics, ts_error *err);

/** Allocate n target rows (labels NULL, outcomes -1); replaces any there. */
ts_status ts_results_alloc_targets(ts_results *res, size_t n, ts_error *err);

void ts_results_free(ts_results *res);

/** Pointer to the [year][region] block of one indicator, scenario and
 *  replication; the replication must be one held in memory. */
static inline double *ts_results_block(const ts_results *res, size_t indicator, size_t scenario, size_t replication)
{
    return res->values + (((indicator * res->n_scenarios + scenario) * res->n_held + (replication - res->first_held)) *
                          res->n_years * res->n_regions);
}

/** The [year][region] block of one statistic of one indicator's paired
 *  difference for one contrast. */
static inline double *ts_results_contrast_block(const ts_results *res, ts_comparison_stat stat, size_t indicator,
                                                size_t contrast)
{
    return res->contrasts.stats + ((((size_t)stat * res->n_indicators + indicator) * res->contrasts.n + contrast) *
                                   res->n_years * res->n_regions);
}

/** Index of an indicator by name, or -1. */
int ts_results_indicator_index(const ts_results *res, const char *name);

/**
 * Write results held wholly in memory as the results file at `path` (one
 * batch: create, write_held, finish): first to a temporary file in the same
 * folder, then moved into place. Without `force` an existing file is left
 * untouched and TS_ERR_EXISTS returned. If `*interrupted` becomes non-zero
 * while writing, the temporary file is removed and TS_ERR_INTERRUPTED
 * returned. On any HDF5 or system failure the message names the path and the
 * reason, and no file is left at `path` or under the temporary name.
 */
ts_status ts_results_write_h5(const ts_results *res, const char *path, int force, volatile sig_atomic_t *interrupted,
                              ts_error *err);

/**
 * Check, before anything is simulated, that a results file can be written at
 * `path`: a non-empty name of a file (not a folder, even with `force`) whose
 * temporary name NAME.tmp.XXXXXX fits the folder's name limit, in a folder
 * where a file can be created (a probe temporary file is created and
 * removed), and, without `force`, no file there yet (TS_ERR_EXISTS).
 * Temporary files NAME.tmp.XXXXXX of this name left by a run that died
 * (SIGKILL, power loss) are removed, and each is named on `note` (may be
 * NULL); one that a live run holds (an open-file lock) or that changed in
 * the last minute is never touched (results_disk.c).
 */
ts_status ts_results_path_check(const char *path, int force, FILE *note, ts_error *err);

/** An open temporary results file being written batch by batch (results_h5.c). */
typedef struct ts_results_file ts_results_file;

/**
 * Start the results file for `res` (labels, contrasts, parameter and target
 * rows set; values not needed yet): refuse an existing `path` without
 * `force` (TS_ERR_EXISTS), create a temporary file beside it and every
 * dataset of the layout, with the coordinates, labels and root attributes
 * (provenance must be set). Values follow with ts_results_file_write_held,
 * in any order of batches; ts_results_file_finish completes it. On failure
 * nothing is left behind and *out is NULL.
 */
ts_status ts_results_file_create(ts_results_file **out, const ts_results *res, const char *path, int force,
                                 ts_error *err);

/** Write the replications `res` holds (first_held .. first_held + n_held - 1)
 *  of every indicator and every contrast's paired difference. Disk space is
 *  reserved before HDF5 writes, so a full disk or a file-size limit is a
 *  TS_ERR_IO here. The file stays open whatever happens: finish or abort it. */
ts_status ts_results_file_write_held(ts_results_file *f, const ts_results *res, volatile sig_atomic_t *interrupted,
                                     ts_error *err);

/**
 * Complete the file once every replication is written: the statistics of
 * comparison/ (from res->contrasts.stats when computed, else from the paired
 * differences read back from the file, a block of regions at a time), the
 * parameters and targets, then close, sync and move it into place
 * (ts_results_write_h5's rules). Frees `f` whatever happens.
 */
ts_status ts_results_file_finish(ts_results_file *f, const ts_results *res, volatile sig_atomic_t *interrupted,
                                 ts_error *err);

/** Give up: close and remove the temporary file, free `f` (NULL is fine). */
void ts_results_file_abort(ts_results_file *f);

/** Replications in a chunk of a float64 dataset (twice as many for int32):
 *  a function of the results' dimensions only. */
size_t ts_results_chunk_replications(const ts_results *res);

/** Replications whose values fit the memory budget of one batch of a
 *  streamed run (64 MiB of values; at least 1). A chunk holds at most half
 *  of them; the run driver rounds them to whole chunk rows (batch.h). */
size_t ts_results_budget_replications(const ts_results *res);

/**
 * Read a results file back into memory (used by `teachsim summary`).
 * Unknown `format` or `format_version` is a TS_ERR_INPUT naming the file.
 * Indicators found in the file but not in `known` (n_known rows) are skipped;
 * res->indicators then points to `known`, and indicators absent from the file
 * are filled with NaN. The statistics of the group comparison/ (not the
 * per-replication differences) and the outcomes of targets/ are read when the
 * file has them.
 */
ts_status ts_results_read_h5(ts_results *res, const char *path, const ts_indicator_def *known, size_t n_known,
                             ts_error *err);

#endif
