/*
 * results_h5_layout.c: the layout of the results file (docs/results-file.md,
 * format `teachsim-results`, version 1): every object, created before any
 * value is written.
 *
 * Owns: the root attributes, the coordinates (scenario, replication, year,
 * region) as dimension scales with the labels beside them, the indicator
 * datasets and the groups parameters/, comparison/ and targets/ with their
 * attributes and texts, and the chunk shapes with the memory budget of a
 * batch they are sized against.
 * Does not own the HDF5 calls of one object (results_h5_objects.c), the
 * values (results_h5.c, comparison_h5.c) nor the indicator table: the
 * layout loops over res->indicators.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdf5.h>

#include "comparison.h"
#include "indicator_zh.h"
#include "results_h5_write.h"

/* Chunks of an indicator (docs/results-file.md, "Chunks"; the measurements
 * are in docs/performance.md): one scenario, every year, a block of
 * TS_CHUNK_REGIONS regions, as many replications as fit in TS_CHUNK_BYTES but
 * at most half a batch (below). One region's fan chart, the commonest
 * reading, then touches one chunk column instead of every chunk, and one year
 * across regions reads no more than with whole (year, region) planes. Where
 * the batch allows few replications (thousands of regions) the block widens
 * so a chunk keeps at least TS_CHUNK_MIN_BYTES. */
#define TS_CHUNK_BYTES ((size_t)1 << 20)
#define TS_CHUNK_MIN_BYTES ((size_t)64 << 10)
#define TS_CHUNK_REGIONS 16

/* Memory for one batch of replications held while a run streams to a file
 * (run.h): the value block of all indicators and scenarios. Changes
 * how many replications are computed between two writes, never a value. */
#define TS_BATCH_BYTES ((size_t)64 << 20)

/* The labels beside a dimension (one text per entry of the dimension, not a
 * dimension scale) are named in the CF attribute `coordinates` of every
 * dataset of their group that has that dimension, so that netCDF readers
 * (xarray's netcdf4 and h5netcdf engines) make them coordinates, not data:
 * ds.sel(region="ALL").mean("replication") then skips them, and to_dataframe
 * gives them as columns. HDF5 readers see one more string attribute. */
#define TS_ROOT_LABELS "region_name_zh scenario_yaml"
#define TS_COMPARISON_LABELS "contrast_scenario"
#define TS_TARGET_LABELS "definition"

/* ---- chunk shape -------------------------------------------------------------- */

/* Replications that a batch of the memory budget holds (at least 1). */
size_t ts_results_budget_replications(const ts_results *res)
{
    size_t per_rep =
        (res->n_indicators ? res->n_indicators : 1) * res->n_scenarios * res->n_years * res->n_regions * sizeof(double);
    return per_rep >= TS_BATCH_BYTES ? 1 : TS_BATCH_BYTES / per_rep;
}

size_t ts_results_chunk_replications(const ts_results *res)
{
    /* Replications per chunk of a float64 dataset (count datasets, int32,
     * take twice as many, so a chunk is the same size either way): as many
     * as fit, but never more than half a batch, so that a batch is a whole
     * number of chunk rows of every dataset. Depends on the dimensions
     * only, never on the machine or the thread count. */
    size_t g = res->n_regions < TS_CHUNK_REGIONS ? res->n_regions : TS_CHUNK_REGIONS;
    size_t plane = res->n_years * g * sizeof(double);
    size_t rc = plane >= TS_CHUNK_BYTES ? 1 : TS_CHUNK_BYTES / plane;
    size_t half = ts_results_budget_replications(res) / 2;
    return rc < half ? rc : half ? half : 1;
}

/* Regions per chunk: TS_CHUNK_REGIONS, more when few replications fit. */
static size_t chunk_regions(const ts_results *res)
{
    size_t g = TS_CHUNK_REGIONS;
    size_t per_region = ts_results_chunk_replications(res) * res->n_years * sizeof(double);
    if (g * per_region < TS_CHUNK_MIN_BYTES)
        g = (TS_CHUNK_MIN_BYTES + per_region - 1) / per_region;
    return g < res->n_regions ? g : res->n_regions;
}

/* The chunk of a dataset of shape (first, replication, year, region). */
void ts_h5w_chunk_shape(const ts_results *res, int is_count, hsize_t chunk[N_DIMS])
{
    size_t rc = ts_results_chunk_replications(res) * (is_count ? 2 : 1);
    chunk[0] = 1;
    chunk[1] = rc < res->n_replications ? rc : res->n_replications;
    chunk[2] = res->n_years;
    chunk[3] = chunk_regions(res);
}

/* ---- creating everything ------------------------------------------------------- */

static int write_root_attrs(writer *w, hid_t file, const ts_results *res)
{
    int32_t version = TS_FORMAT_VERSION;
    int32_t reps = (int32_t)res->n_replications; /* ts_results_alloc keeps it within int32 */
    uint64_t seed = res->provenance.base_seed;
    if (ts_h5w_str_attr(w, file, "format", TS_FORMAT_NAME) < 0 ||
        ts_h5w_attr(w, file, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT32, &version) < 0 ||
        ts_h5w_str_attr(w, file, "teachsim_version", res->provenance.teachsim_version) < 0 ||
        ts_h5w_str_attr(w, file, "created_utc", res->provenance.created_utc) < 0 ||
        ts_h5w_str_attr(w, file, "command_line", res->provenance.command_line) < 0 ||
        ts_h5w_attr(w, file, "base_seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &seed) < 0 ||
        ts_h5w_attr(w, file, "replications", H5T_STD_I32LE, H5T_NATIVE_INT32, &reps) < 0 ||
        ts_h5w_str_attr(w, file, "provenance", res->provenance.build) < 0)
        return -1;
    return 0;
}

/* Root attributes, coordinates and the labels of the root. */
static int create_root(ts_results_file *f, const ts_results *res)
{
    writer *w = &f->w;
    int rc = -1;
    hid_t names_zh = -1, yaml = -1;
    size_t n_ints = res->n_replications > res->n_years ? res->n_replications : res->n_years;
    int32_t *ints = malloc(n_ints * sizeof *ints);
    if (!ints) {
        ts_h5w_nomem(w);
        goto cleanup;
    }
    if (write_root_attrs(w, f->file, res) < 0 ||
        ts_h5w_write_1d(w, f->file, "scenario", res->n_scenarios, res->labels.scenario_names, NULL, "scenario",
                        "Scenario name, in the order given on the command line.", 1, &f->scales[DIM_SCENARIO]) < 0)
        goto cleanup;
    for (size_t r = 0; r < res->n_replications; r++)
        ints[r] = (int32_t)r;
    if (ts_h5w_write_1d(
            w, f->file, "replication", res->n_replications, NULL, ints, "replication",
            "Index of the Monte Carlo replication; its random stream derives from base_seed and this index.", 1,
            &f->scales[DIM_REPLICATION]) < 0)
        goto cleanup;
    for (size_t y = 0; y < res->n_years; y++)
        ints[y] = (int32_t)(res->first_year + (int32_t)y);
    if (ts_h5w_write_1d(w, f->file, "year", res->n_years, NULL, ints, "school year",
                        "Calendar year in which the school year starts (2021 = school year 2021/22).", 1,
                        &f->scales[DIM_YEAR]) < 0 ||
        ts_h5w_write_1d(w, f->file, "region", res->n_regions, res->labels.region_codes, NULL, "region",
                        "County-level unit code; ALL is the whole area.", 1, &f->scales[DIM_REGION]) < 0 ||
        ts_h5w_write_1d(w, f->file, "region_name_zh", res->n_regions, res->labels.region_names_zh, NULL,
                        "region name (Chinese)", "Chinese name of each region, for labels in plots.", 0,
                        &names_zh) < 0 ||
        ts_h5w_attach(w, names_zh, "region_name_zh", &f->scales[DIM_REGION], 1) < 0 ||
        ts_h5w_write_1d(
            w, f->file, "scenario_yaml", res->n_scenarios, res->labels.scenario_yaml, NULL, "resolved scenario",
            "The fully resolved scenario (defaults filled in, extends applied), enough to re-run it.", 0, &yaml) < 0 ||
        ts_h5w_attach(w, yaml, "scenario_yaml", &f->scales[DIM_SCENARIO], 1) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(ints);
    if (yaml >= 0)
        H5Dclose(yaml);
    if (names_zh >= 0)
        H5Dclose(names_zh);
    return rc;
}

/* The subject codes and their Chinese names, for the group subjects/. */
static char *subject_codes[TS_SUBJECT_COUNT] = {"chinese", "maths", "english", "science",
                                                "pe",      "music", "art",     "other"};
static char *subject_names_zh[TS_SUBJECT_COUNT] = {"语文", "数学", "英语", "科学", "体育", "音乐", "美术", "其他"};

static int has_families(const ts_results *res)
{
    for (size_t i = 0; i < res->n_indicators; i++)
        if (res->indicators[i].family)
            return 1;
    return 0;
}

/* A group subjects/ in loc (the root, or comparison/) with its own subject
 * coordinate (a dimension scale) and the Chinese names beside it, into
 * *scale: netCDF readers find a dimension in the group or its parents, not
 * in a sibling, and a scale at the root would add a subject dimension to
 * every reading of the root (to_dataframe would cross it). The families'
 * datasets go into the group with the indicators. */
static int create_subjects_group(ts_results_file *f, hid_t loc, hid_t *scale, const char *description)
{
    writer *w = &f->w;
    hid_t group = -1, names = -1;
    int rc = -1;
    if ((group = ts_h5w_group(w, loc, "subjects")) < 0 || ts_h5w_str_attr(w, group, "description", description) < 0 ||
        ts_h5w_write_1d(w, group, "subject", TS_SUBJECT_COUNT, subject_codes, NULL, "subject",
                        "Subject of the post (the staffing standard's eight subject groups).", 1, scale) < 0 ||
        ts_h5w_write_1d(w, group, "subject_name_zh", TS_SUBJECT_COUNT, subject_names_zh, NULL, "subject name (Chinese)",
                        "Chinese name of each subject, for labels.", 0, &names) < 0 ||
        ts_h5w_attach(w, names, "subjects/subject_name_zh", scale, 1) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (names >= 0)
        H5Dclose(names);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

/* The dataset of row i in loc (the root, or comparison/): its own, or for
 * a subject family's row the family's, created at its first row (subject
 * 0) with the subject dimension last and shared by the others (HDF5 counts
 * the references, so each row closes its own). */
static hid_t row_dataset(ts_results_file *f, const ts_results *res, hid_t loc, const hid_t *handles, size_t i,
                         const char *name, const char *shown, int rank, const hsize_t *dims, const hsize_t *chunk,
                         const hid_t *scales, hid_t subject_scale, const char *long_name, const char *description)
{
    const ts_indicator_def *def = &res->indicators[i];
    hid_t type = def->kind == TS_VALUE_COUNT ? H5T_STD_I32LE : H5T_IEEE_F64LE;
    if (!def->family)
        return ts_h5w_create(f, loc, name, shown, rank, dims, chunk, type, scales, def->units, long_name, description);
    if (def->subject > 0) {
        /* the family's rows are consecutive, in subject order (indicator_list.c) */
        if (i < (size_t)def->subject || !res->indicators[i - (size_t)def->subject].family ||
            strcmp(res->indicators[i - (size_t)def->subject].family, def->family) != 0 ||
            handles[i - (size_t)def->subject] < 0) {
            ts_h5w_fail(&f->w, "creating dataset %s: the rows of its subject family are not together", shown);
            return -1;
        }
        hid_t shared = handles[i - (size_t)def->subject];
        return H5Iinc_ref(shared) < 0 ? ts_h5w_fail(&f->w, "sharing dataset %s", shown) : shared;
    }
    hsize_t d5[8], c5[8];
    hid_t s5[8];
    for (int d = 0; d < rank; d++) {
        d5[d] = dims[d];
        c5[d] = chunk ? chunk[d] : 1;
        s5[d] = scales[d];
    }
    d5[rank] = TS_SUBJECT_COUNT;
    c5[rank] = 1; /* one subject per chunk: a row is written and read as a whole slice */
    s5[rank] = subject_scale;
    return ts_h5w_create(f, loc, name, shown, rank + 1, d5, chunk ? c5 : NULL, type, s5, def->units, long_name,
                         description);
}

/* A row's dataset name: its own, or its family's ("subjects/vacancies"). */
static const char *row_name(const ts_indicator_def *def)
{
    return def->family ? def->family : def->name;
}

static int create_indicators(ts_results_file *f, const ts_results *res)
{
    hsize_t dims[N_DIMS] = {res->n_scenarios, res->n_replications, res->n_years, res->n_regions}, chunk[N_DIMS];
    if (has_families(res) &&
        create_subjects_group(f, f->file, &f->subject_scale,
                              "Indicators by subject of the post: each dataset is one indicator with a fifth "
                              "dimension, subject, after (scenario, replication, year, region).") < 0)
        return -1;
    for (size_t i = 0; i < res->n_indicators; i++) {
        const ts_indicator_def *def = &res->indicators[i];
        ts_h5w_chunk_shape(res, def->kind == TS_VALUE_COUNT, chunk);
        const char *name = row_name(def);
        if ((f->ind[i] = row_dataset(f, res, f->file, f->ind, i, name, name, N_DIMS, dims, chunk, f->scales,
                                     f->subject_scale, def->long_name, def->description)) < 0 ||
            (ts_h5w_owns(def) && ts_h5w_str_attr(&f->w, f->ind[i], "coordinates", TS_ROOT_LABELS) < 0))
            return -1;
        /* The Chinese name and units beside the English ones, for the
         * planners' report (docs/results-file.md, "Indicators"); a row the
         * Chinese table lacks (only a test's own rows) goes without. */
        if (!ts_h5w_owns(def))
            continue; /* a subject family's dataset has its attributes from its first row */
        const char *zh = ts_indicator_long_name_zh(name), *units_zh = ts_indicator_units_zh(name);
        if (zh && units_zh &&
            (ts_h5w_str_attr(&f->w, f->ind[i], "long_name_zh", zh) < 0 ||
             ts_h5w_str_attr(&f->w, f->ind[i], "units_zh", units_zh) < 0))
            return -1;
    }
    return 0;
}

/* The group parameters/: per uncertain parameter, its value in each
 * (scenario, replication), NaN where the scenario gives a plain number. The
 * dimensions are the root's scales (attaching works across groups). */
static int create_parameters(ts_results_file *f, const ts_results *res)
{
    hsize_t dims[2] = {res->n_scenarios, res->n_replications};
    hid_t sr[2] = {f->scales[DIM_SCENARIO], f->scales[DIM_REPLICATION]};
    int rc = -1;
    hid_t group = ts_h5w_group(&f->w, f->file, "parameters");
    if (group < 0 ||
        ts_h5w_str_attr(&f->w, group, "description",
                        "Scenario parameters given as distributions: the value each replication drew, by "
                        "scenario and replication (NaN where a scenario gives the key a plain number).") < 0)
        goto cleanup;
    for (size_t p = 0; p < res->parameters.n; p++) {
        const char *name = res->parameters.names[p] ? res->parameters.names[p] : "";
        char shown[300];
        snprintf(shown, sizeof shown, "parameters/%s", name);
        if ((f->par[p] = ts_h5w_create(f, group, name, shown, 2, dims, NULL, H5T_IEEE_F64LE, sr,
                                       res->parameters.units[p], name, res->parameters.descriptions[p])) < 0)
            goto cleanup;
    }
    rc = 0;
cleanup:
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

static const char *const stat_long[TS_STAT_COUNT] = {
    "Mean paired difference", "Standard error of the mean paired difference", "5 % point of the paired differences",
    "Median of the paired differences", "95 % point of the paired differences"};
static const char *const stat_text[TS_STAT_COUNT] = {
    "Mean over replications of the paired difference (scenario minus reference, same replication)",
    "Standard error of the mean paired difference: the sample standard deviation of the per-replication "
    "differences (n - 1) divided by the square root of the number of replications",
    "5 % point over replications of the paired difference (linear interpolation between order statistics)",
    "50 % point over replications of the paired difference (linear interpolation between order statistics)",
    "95 % point over replications of the paired difference (linear interpolation between order statistics)"};

/* The group comparison/: the contrast coordinate, and per indicator its
 * per-replication differences (chunked like the indicator; counts stay int32:
 * a difference of two counts in [0, INT32_MAX] fits) and their statistics. */
static int create_comparison(ts_results_file *f, const ts_results *res)
{
    writer *w = &f->w;
    int rc = -1;
    hid_t group = -1, contrast = -1, cs = -1;
    char **scen = calloc(res->contrasts.n, sizeof *scen);
    if (!scen) {
        ts_h5w_nomem(w);
        goto cleanup;
    }
    if ((group = ts_h5w_group(w, f->file, "comparison")) < 0)
        goto cleanup;
    const char *ref = res->labels.scenario_names[res->contrasts.reference];
    char about[1024];
    snprintf(about, sizeof about,
             "Paired differences: each scenario minus the reference scenario %s in the same replication (the "
             "replications of a run share their random numbers teacher by teacher), per replication and as mean, "
             "standard error and 5, 50 and 95 %% points over replications.",
             ref);
    if (ts_h5w_str_attr(w, group, "description", about) < 0 || ts_h5w_str_attr(w, group, "reference", ref) < 0)
        goto cleanup;
    if (ts_h5w_write_1d(w, group, "contrast", res->contrasts.n, res->contrasts.labels, NULL, "contrast",
                        "Scenario minus the reference scenario, paired by replication.", 1, &contrast) < 0)
        goto cleanup;
    for (size_t c = 0; c < res->contrasts.n; c++)
        scen[c] = res->labels.scenario_names[res->contrasts.scenario[c]];
    if (ts_h5w_write_1d(w, group, "contrast_scenario", res->contrasts.n, scen, NULL, "scenario of the contrast",
                        "The scenario compared with the reference in each contrast.", 0, &cs) < 0 ||
        ts_h5w_attach(w, cs, "contrast_scenario", &contrast, 1) < 0)
        goto cleanup;
    hid_t full[4] = {contrast, f->scales[DIM_REPLICATION], f->scales[DIM_YEAR], f->scales[DIM_REGION]};
    hid_t summary[3] = {contrast, f->scales[DIM_YEAR], f->scales[DIM_REGION]};
    hsize_t dims[4] = {res->contrasts.n, res->n_replications, res->n_years, res->n_regions}, chunk[4];
    hsize_t sdims[3] = {res->contrasts.n, res->n_years, res->n_regions};
    if (has_families(res) &&
        create_subjects_group(f, group, &f->cmp_subject_scale,
                              "Paired differences of the indicators by subject, with their statistics.") < 0)
        goto cleanup;
    for (size_t i = 0; i < res->n_indicators; i++) {
        const ts_indicator_def *def = &res->indicators[i];
        int is_count = def->kind == TS_VALUE_COUNT;
        char long_name[512], description[2048], shown[300];
        snprintf(shown, sizeof shown, "comparison/%s", row_name(def));
        snprintf(long_name, sizeof long_name, "Paired difference: %s", def->long_name);
        snprintf(description, sizeof description,
                 "Scenario minus the reference scenario (%s) in the same replication, which shares its random "
                 "numbers (common random numbers). %s",
                 ref, def->description);
        ts_h5w_chunk_shape(res, is_count, chunk);
        if ((f->diff[i] = row_dataset(f, res, group, f->diff, i, row_name(def), shown, 4, dims, chunk, full,
                                      f->cmp_subject_scale, long_name, description)) < 0 ||
            (ts_h5w_owns(def) && ts_h5w_str_attr(w, f->diff[i], "coordinates", TS_COMPARISON_LABELS) < 0))
            goto cleanup;
        for (int k = 0; k < TS_STAT_COUNT; k++) {
            char name[256];
            snprintf(name, sizeof name, "%s%s", row_name(def), ts_comparison_stat_suffix[k]);
            snprintf(shown, sizeof shown, "comparison/%s", name);
            snprintf(long_name, sizeof long_name, "%s: %s", stat_long[k], def->long_name);
            snprintf(description, sizeof description, "%s; reference %s. NaN replications are left out. %s",
                     stat_text[k], ref, def->description);
            /* a family's statistics: the rows' (contrast, year, region) blocks side by side along subject */
            hid_t *stat = &f->stat[i * TS_STAT_COUNT + (size_t)k];
            if (def->family && def->subject > 0) {
                *stat = f->stat[(i - (size_t)def->subject) * TS_STAT_COUNT + (size_t)k];
                if (H5Iinc_ref(*stat) < 0) {
                    ts_h5w_fail(w, "sharing dataset %s", shown);
                    goto cleanup;
                }
                continue;
            }
            hsize_t d[4] = {sdims[0], sdims[1], sdims[2], TS_SUBJECT_COUNT};
            hid_t sc[4] = {summary[0], summary[1], summary[2], f->cmp_subject_scale};
            if ((*stat = ts_h5w_create(f, group, name, shown, def->family ? 4 : 3, def->family ? d : sdims, NULL,
                                       H5T_IEEE_F64LE, def->family ? sc : summary, def->units, long_name,
                                       description)) < 0 ||
                ts_h5w_str_attr(w, *stat, "coordinates", TS_COMPARISON_LABELS) < 0)
                goto cleanup;
        }
    }
    rc = 0;
cleanup:
    free(scen);
    if (cs >= 0)
        H5Dclose(cs);
    if (contrast >= 0)
        H5Dclose(contrast);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

/* The group targets/: the target coordinate, each scenario's definition,
 * and (filled at the end) per-replication outcomes and the probability with
 * its Wilson interval. */
static int create_targets(ts_results_file *f, const ts_results *res)
{
    writer *w = &f->w;
    const size_t S = res->n_scenarios, T = res->targets.n;
    int rc = -1;
    hid_t group = -1, target = -1;
    const char **defs = calloc(S * T, sizeof *defs);
    if (!defs) {
        ts_h5w_nomem(w);
        goto cleanup;
    }
    /* (target, scenario) in memory, (scenario, target) in the file */
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < T; t++)
            defs[s * T + t] = res->targets.definitions[t * S + s] ? res->targets.definitions[t * S + s] : "";
    if ((group = ts_h5w_group(w, f->file, "targets")) < 0 ||
        ts_h5w_str_attr(w, group, "description",
                        "Scenario targets (scenario key targets:) evaluated in every replication, and the probability "
                        "of meeting each with its 95 % Wilson score interval. Targets of the same name in several "
                        "scenarios share one entry of the target dimension.") < 0 ||
        ts_h5w_write_1d(w, group, "target", T, res->targets.names, NULL, "target",
                        "Target name from the scenarios' targets: list, in order of first appearance.", 1, &target) < 0)
        goto cleanup;
    hid_t st[3] = {f->scales[DIM_SCENARIO], target, f->scales[DIM_REPLICATION]};
    hsize_t dims[3] = {S, T, res->n_replications};
    if ((f->tg[TG_DEFINITION] = ts_h5w_create(
             f, group, "definition", "targets/definition", 2, dims, NULL, w->str_t, st, NULL, "target definition",
             "The target in words as the scenario defines it; empty where the scenario "
             "has no target of that name.")) < 0 ||
        ts_h5w_fill(w, f->tg[TG_DEFINITION], w->str_t, defs, "targets/definition") < 0 ||
        (f->tg[TG_MET] =
             ts_h5w_create(f, group, "met", "targets/met", 3, dims, NULL, H5T_STD_I8LE, st, "1", "target met",
                           "1 if the replication meets the target, 0 if not, -1 if not evaluated (the "
                           "scenario has no target of that name, or its year is outside the horizon).")) < 0 ||
        (f->tg[TG_YEAR_MET] =
             ts_h5w_create(f, group, "year_met", "targets/year_met", 3, dims, NULL, H5T_STD_I32LE, st, "year",
                           "Year the target is first met",
                           "First school year y of the horizon for which the target, with its year set "
                           "to y, is met in the replication; -1 if in none.")) < 0 ||
        (f->tg[TG_PROBABILITY] =
             ts_h5w_create(f, group, "probability", "targets/probability", 2, dims, NULL, H5T_IEEE_F64LE, st, "1",
                           "Probability of meeting the target",
                           "Share of the evaluated replications that meet the target (NaN where none "
                           "is evaluated).")) < 0 ||
        (f->tg[TG_LOWER] =
             ts_h5w_create(f, group, "probability_lower", "targets/probability_lower", 2, dims, NULL, H5T_IEEE_F64LE,
                           st, "1", "Lower end of the 95 % Wilson interval of the probability",
                           "Wilson score interval, z = 1.959964: (p + z^2/2n - z sqrt(p(1-p)/n + z^2/4n^2)) "
                           "/ (1 + z^2/n).")) < 0 ||
        (f->tg[TG_UPPER] =
             ts_h5w_create(f, group, "probability_upper", "targets/probability_upper", 2, dims, NULL, H5T_IEEE_F64LE,
                           st, "1", "Upper end of the 95 % Wilson interval of the probability",
                           "Wilson score interval, z = 1.959964: (p + z^2/2n + z sqrt(p(1-p)/n + z^2/4n^2)) "
                           "/ (1 + z^2/n).")) < 0 ||
        (f->tg[TG_N_MET] =
             ts_h5w_create(f, group, "replications_met", "targets/replications_met", 2, dims, NULL, H5T_STD_I32LE, st,
                           "replications", "Replications meeting the target", "Replications in which met is 1.")) < 0 ||
        (f->tg[TG_N_EVALUATED] = ts_h5w_create(f, group, "replications_evaluated", "targets/replications_evaluated", 2,
                                               dims, NULL, H5T_STD_I32LE, st, "replications", "Replications evaluated",
                                               "Replications in which met is 0 or 1.")) < 0)
        goto cleanup;
    for (int k = TG_DEFINITION + 1; k < TG_COUNT; k++)
        if (ts_h5w_str_attr(w, f->tg[k], "coordinates", TS_TARGET_LABELS) < 0)
            goto cleanup;
    rc = 0;
cleanup:
    free(defs);
    if (target >= 0)
        H5Dclose(target);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

/* The labels of the school coordinate, written whole now. */
static int school_labels(ts_results_file *f, const ts_results *res, hid_t group, hid_t school, char **codes)
{
    writer *w = &f->w;
    const ts_results_schools *sc = &res->schools;
    const size_t n = sc->n;
    int rc = -1;
    hid_t label = -1;
    char **text = malloc(n * sizeof *text);
    int32_t *ints = malloc(n * sizeof *ints);
    if (!text || !ints) {
        ts_h5w_nomem(w);
        goto cleanup;
    }
    struct {
        const char *name, *long_name, *description;
        int which;
    } labels[] = {
        {"school_name", "school name", "The school's name (generated from its county, locality, level and number).", 0},
        {"school_region", "region", "Code of the school's region (the root's region coordinate).", 1},
        {"school_level", "level", "primary, junior or nine_year (九年一贯制).", 2},
        {"school_locality", "locality", "urban, town or rural (城区, 镇区, 乡村).", 3},
        {"school_pupils_start", "pupils", "Pupils in grades 1-9 in the start population.", 4},
        {"school_scored", "scored at the start",
         "1 if the school is scored by the assessment at the start, 0 if it is a teaching point (too few pupils).", 5},
    };
    for (size_t l = 0; l < sizeof labels / sizeof labels[0]; l++) {
        int which = labels[l].which;
        for (size_t k = 0; k < n; k++) {
            text[k] = which == 0   ? sc->names[k]
                      : which == 1 ? codes[sc->region[k]]
                      : which == 2 ? (char *)ts_level_codes[sc->level[k]]
                                   : (char *)ts_locality_codes[sc->locality[k]];
            ints[k] = which == 4 ? sc->pupils_start[k] : sc->scored[k];
        }
        if (ts_h5w_write_1d(w, group, labels[l].name, n, which < 4 ? text : NULL, which < 4 ? NULL : ints,
                            labels[l].long_name, labels[l].description, 0, &label) < 0 ||
            ts_h5w_attach(w, label, labels[l].name, &school, 1) < 0)
            goto cleanup;
        H5Dclose(label);
        label = -1;
    }
    rc = 0;
cleanup:
    if (label >= 0)
        H5Dclose(label);
    free(text);
    free(ints);
    return rc;
}

#define TS_SCHOOL_LABELS "school_name school_region school_level school_locality school_pupils_start school_scored"

/* The group schools/: the school coordinate and its labels now, and the
 * datasets the sums over replications fill when the file is finished. */
static int create_schools(ts_results_file *f, const ts_results *res)
{
    writer *w = &f->w;
    int rc = -1;
    hid_t group = -1, school = -1, qb = -1;
    static char *qb_codes[3] = {"qualified", "backbone", "pe_art"};
    if ((group = ts_h5w_group(w, f->file, "schools")) < 0 ||
        ts_h5w_str_attr(w, group, "description",
                        "Per school, scenario and year, over every replication: the probability of meeting the school "
                        "rule of the quality-balance assessment, the means of its three per-100 teacher indicators, "
                        "and how often it is below each threshold. The size does not grow with replications.") < 0 ||
        ts_h5w_write_1d(w, group, "school", res->schools.n, res->schools.ids, NULL, "school",
                        "School id: S and the school's row in the start population (and in its CSV export).", 1,
                        &school) < 0 ||
        school_labels(f, res, group, school, res->labels.region_codes) < 0 ||
        ts_h5w_write_1d(w, group, "qb_indicator", 3, qb_codes, NULL, "indicator of the school rule",
                        "The three teacher indicators of the school rule, per 100 pupils.", 1, &qb) < 0)
        goto cleanup;
    hid_t sys[3] = {f->scales[DIM_SCENARIO], f->scales[DIM_YEAR], school};
    hid_t sysq[4] = {f->scales[DIM_SCENARIO], f->scales[DIM_YEAR], school, qb};
    hsize_t dims[4] = {res->n_scenarios, res->n_years, res->schools.n, 3};
    struct {
        const char *name, *units, *long_name, *description;
        hid_t type;
        int rank;
    } sets[SCH_COUNT] = {
        {"rule_met_probability", "1", "Probability of meeting the school rule",
         "Share of the replications in which the school, scored, meets the school rule (6 of 7 resource indicators, "
         "the rest at 85 %; a nine-year school at both levels) at the start of the school year; NaN where it was "
         "never scored (a teaching point).",
         H5T_IEEE_F64LE, 3},
        {"scored_replications", "replications", "Replications in which the school was scored",
         "Replications in which the school had pupils of a scored level and was not a teaching point.", H5T_STD_I32LE,
         3},
        {"qualified_per100_mean", "per 100 pupils", "Mean teachers above the required qualification per 100 pupils",
         "Mean over the scored replications of the school's teachers above the required qualification per 100 "
         "pupils (over its scored levels).",
         H5T_IEEE_F64LE, 3},
        {"backbone_per100_mean", "per 100 pupils", "Mean backbone teachers per 100 pupils",
         "Mean over the scored replications of the school's backbone teachers per 100 pupils.", H5T_IEEE_F64LE, 3},
        {"pe_art_per100_mean", "per 100 pupils", "Mean PE, music and art teachers per 100 pupils",
         "Mean over the scored replications of the school's PE, music and art teachers per 100 pupils.", H5T_IEEE_F64LE,
         3},
        {"most_missed", "", "Indicator most often below its threshold",
         "qualified, backbone or pe_art: the indicator the school is most often below the threshold of, over the "
         "scored replications (ties: the first of the three); empty when it never is.",
         w->str_t, 3},
        {"missing_share", "1", "Share of replications below each threshold",
         "Share of the scored replications in which the school is below the indicator's threshold (at either "
         "scored level).",
         H5T_IEEE_F64LE, 4},
    };
    for (int k = 0; k < SCH_COUNT; k++) {
        char shown[128];
        snprintf(shown, sizeof shown, "schools/%s", sets[k].name);
        if ((f->sch[k] = ts_h5w_create(f, group, sets[k].name, shown, sets[k].rank, dims, NULL, sets[k].type,
                                       sets[k].rank == 4 ? sysq : sys, sets[k].units, sets[k].long_name,
                                       sets[k].description)) < 0 ||
            ts_h5w_str_attr(w, f->sch[k], "coordinates", TS_SCHOOL_LABELS) < 0)
            goto cleanup;
    }
    rc = 0;
cleanup:
    if (qb >= 0)
        H5Dclose(qb);
    if (school >= 0)
        H5Dclose(school);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

int ts_h5w_create_layout(ts_results_file *f, const ts_results *res)
{
    if (create_root(f, res) < 0 || create_indicators(f, res) < 0 ||
        (res->parameters.n > 0 && create_parameters(f, res) < 0) ||
        (res->contrasts.n > 0 && create_comparison(f, res) < 0) || (res->targets.n > 0 && create_targets(f, res) < 0) ||
        (res->schools.n > 0 && create_schools(f, res) < 0))
        return -1;
    /* Every attachment is made: the scales' lists of them, in one go. */
    return ts_h5w_write_scale_lists(&f->w);
}
