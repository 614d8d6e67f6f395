/*
 * results_h5_read.c: reading a results file back into a ts_results, as
 * `teachsim summary` does (docs/results-file.md).
 *
 * Owns: what is read and in which order: the format check, the coordinates
 * and labels, the provenance attributes, the indicators the program knows
 * (NaN for those the file lacks), and the groups comparison/ (the
 * statistics) and targets/ (the outcomes and definitions).
 * Does not own the HDF5 calls of one object (results_h5_read_objects.c) nor
 * the layout, which is the writer's (results_h5_layout.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "comparison.h"
#include "targets.h"

#include "results_h5_read.h"
#include "text.h"

static int check_format(reader *r, hid_t file)
{
    char *format = NULL;
    int64_t version = 0;
    int found = 0, rc = -1;

    if (ts_h5r_str_attr(r, file, "format", &format) < 0)
        goto cleanup;
    if (!format) {
        ts_h5r_fail(r, "not a teachsim results file (no format attribute)");
        goto cleanup;
    }
    if (strcmp(format, TS_FORMAT_NAME) != 0) {
        ts_h5r_fail(r, "not a teachsim results file (format '%s', expected '%s')", format, TS_FORMAT_NAME);
        goto cleanup;
    }
    if (ts_h5r_int_attr(r, file, "format_version", H5T_NATIVE_INT64, &version, &found) < 0)
        goto cleanup;
    if (!found) {
        ts_h5r_fail(r, "not a teachsim results file (no format_version attribute)");
        goto cleanup;
    }
    if (version != TS_FORMAT_VERSION) {
        ts_h5r_fail(r, "unsupported format_version %lld (this teachsim reads %d)", (long long)version,
                    TS_FORMAT_VERSION);
        goto cleanup;
    }
    rc = 0;
cleanup:
    free(format);
    return rc;
}

/* Years: consecutive int32 (ts_results keeps only the first). */
static int read_years(reader *r, hid_t file, size_t *n, int32_t *first_year)
{
    int rc = -1;
    hid_t dset = -1, ftype = -1;
    int32_t *years = NULL;

    if (ts_h5r_open_1d(r, file, "year", 1, &dset, n) < 0)
        return -1;
    if ((ftype = H5Dget_type(dset)) < 0) {
        ts_h5r_h5_fail(r, "reading year");
        goto cleanup;
    }
    if (H5Tget_class(ftype) != H5T_INTEGER || *n == 0) {
        ts_h5r_fail(r, "not a teachsim results file (year is not a list of integers)");
        goto cleanup;
    }
    if (!(years = malloc(*n * sizeof *years))) {
        ts_h5r_nomem(r);
        goto cleanup;
    }
    if (H5Dread(dset, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, years) < 0) {
        ts_h5r_h5_fail(r, "reading year");
        goto cleanup;
    }
    for (size_t y = 1; y < *n; y++)
        if ((int64_t)years[y] != (int64_t)years[0] + (int64_t)y) {
            ts_h5r_fail(r, "not a teachsim results file (years are not consecutive: %d after %d)", (int)years[y],
                        (int)years[y - 1]);
            goto cleanup;
        }
    *first_year = years[0];
    rc = 0;
cleanup:
    free(years);
    if (ftype >= 0)
        H5Tclose(ftype);
    if (dset >= 0)
        H5Dclose(dset);
    return rc;
}

/* ---- comparison/ and targets/ ---------------------------------------------------- */

/* One known indicator: read as double when present (int32 or float64 on
 * disk), NaN when the file does not have it. */
static int read_indicator(reader *r, hid_t file, ts_results *res, size_t k)
{
    double *block = ts_results_block(res, k, 0, 0);
    const hsize_t dims[N_DIMS] = {res->n_scenarios, res->n_replications, res->n_years, res->n_regions};
    int found = 0;
    const ts_indicator_def *def = &res->indicators[k];
    if (ts_h5r_numbers_slot(r, file, def->family ? def->family : def->name, N_DIMS, dims,
                            def->family ? def->subject : -1, TS_SUBJECT_COUNT, H5T_NATIVE_DOUBLE, block, &found) < 0)
        return -1;
    if (!found) {
        /* Tolerated (a file of an older teachsim lacks newer indicators),
         * but recorded, so that asking for it says so rather than printing
         * rows of NaN (ts_labels_metric). */
        if (!res->indicator_absent && !(res->indicator_absent = calloc(res->n_indicators, 1)))
            return ts_h5r_nomem(r);
        res->indicator_absent[k] = 1;
        for (size_t i = 0; i < dims[0] * dims[1] * dims[2] * dims[3]; i++)
            block[i] = NAN;
    }
    return 0;
}

static int find_name(char *const *labels, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (labels[i] && name && strcmp(labels[i], name) == 0)
            return (int)i;
    return -1;
}

/* The statistics of comparison/ (not the per-replication differences: the
 * root's values give them back). */
static int read_comparison(reader *r, hid_t file, ts_results *res)
{
    int rc = -1, found = 0;
    hid_t group = -1;
    char **scen = NULL, *ref = NULL, **labels = NULL;
    size_t n = 0;
    htri_t exists = H5Lexists(file, "comparison", H5P_DEFAULT);
    if (exists < 0)
        return ts_h5r_h5_fail(r, "looking for comparison");
    if (!exists)
        return 0;
    if ((group = H5Gopen2(file, "comparison", H5P_DEFAULT)) < 0) {
        ts_h5r_h5_fail(r, "opening group comparison");
        goto cleanup;
    }
    if (ts_h5r_string_dataset(r, group, "contrast", 1, &labels, &n) < 0)
        goto cleanup;
    ts_error e = {0};
    if (ts_results_alloc_contrasts(res, n, 1, &e) != TS_OK) {
        ts_h5r_nomem(r);
        goto cleanup;
    }
    free(res->contrasts.labels); /* NULL labels, replaced by the ones read */
    res->contrasts.labels = labels;
    labels = NULL;
    if (n == 0) {
        rc = 0;
        goto cleanup;
    }
    if (!(scen = calloc(n, sizeof *scen))) {
        ts_h5r_nomem(r);
        goto cleanup;
    }
    if (ts_h5r_str_attr(r, group, "reference", &ref) < 0 ||
        ts_h5r_strings_nd(r, group, "contrast_scenario", n, scen) < 0)
        goto cleanup;
    int ref_index = find_name(res->labels.scenario_names, res->n_scenarios, ref);
    if (ref_index < 0) {
        ts_h5r_fail(r, "not a teachsim results file (comparison/ names reference '%s', not a scenario)",
                    ref ? ref : "");
        goto cleanup;
    }
    res->contrasts.reference = (size_t)ref_index;
    for (size_t c = 0; c < n; c++) {
        int s = find_name(res->labels.scenario_names, res->n_scenarios, scen[c]);
        if (s < 0) {
            ts_h5r_fail(r, "not a teachsim results file (comparison/contrast_scenario names '%s', not a scenario)",
                        scen[c]);
            goto cleanup;
        }
        res->contrasts.scenario[c] = (size_t)s;
    }
    hsize_t dims[3] = {n, res->n_years, res->n_regions};
    for (size_t i = 0; i < res->n_indicators; i++)
        for (int k = 0; k < TS_STAT_COUNT; k++) {
            char name[256];
            const ts_indicator_def *def = &res->indicators[i];
            snprintf(name, sizeof name, "%s%s", def->family ? def->family : def->name, ts_comparison_stat_suffix[k]);
            if (ts_h5r_numbers_slot(r, group, name, 3, dims, def->family ? def->subject : -1, TS_SUBJECT_COUNT,
                                    H5T_NATIVE_DOUBLE, ts_results_contrast_block(res, (ts_comparison_stat)k, i, 0),
                                    &found) < 0)
                goto cleanup; /* absent: stays NaN */
        }
    rc = 0;
cleanup:
    if (scen)
        for (size_t c = 0; c < n; c++)
            free(scen[c]);
    free(scen);
    if (labels)
        for (size_t c = 0; c < n; c++)
            free(labels[c]);
    free(labels);
    free(ref);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

/* The per-replication outcomes and definitions of targets/ (the probability
 * follows from them). */
static int read_targets(reader *r, hid_t file, ts_results *res)
{
    int rc = -1, found = 0;
    hid_t group = -1;
    char **names = NULL, **defs = NULL;
    int8_t *met = NULL;
    int32_t *year = NULL;
    size_t T = 0;
    const size_t S = res->n_scenarios, R = res->n_replications;
    htri_t exists = H5Lexists(file, "targets", H5P_DEFAULT);
    if (exists < 0)
        return ts_h5r_h5_fail(r, "looking for targets");
    if (!exists)
        return 0;
    if ((group = H5Gopen2(file, "targets", H5P_DEFAULT)) < 0) {
        ts_h5r_h5_fail(r, "opening group targets");
        goto cleanup;
    }
    if (ts_h5r_string_dataset(r, group, "target", 1, &names, &T) < 0)
        goto cleanup;
    ts_error e = {0};
    if (ts_results_alloc_targets(res, T, &e) != TS_OK) {
        ts_h5r_nomem(r);
        goto cleanup;
    }
    if (T == 0) {
        rc = 0;
        goto cleanup;
    }
    for (size_t t = 0; t < T; t++) {
        res->targets.names[t] = names[t];
        names[t] = NULL;
    }
    if (!(defs = calloc(S * T, sizeof *defs)) || !(met = malloc(S * T * R)) ||
        !(year = malloc(S * T * R * sizeof *year))) {
        ts_h5r_nomem(r);
        goto cleanup;
    }
    hsize_t dims[3] = {S, T, R};
    if (ts_h5r_strings_nd(r, group, "definition", S * T, defs) < 0 ||
        ts_h5r_numbers(r, group, "met", 3, dims, H5T_NATIVE_INT8, met, &found) < 0)
        goto cleanup;
    if (!found) {
        ts_h5r_fail(r, "not a teachsim results file (targets/ has no met)");
        goto cleanup;
    }
    if (ts_h5r_numbers(r, group, "year_met", 3, dims, H5T_NATIVE_INT32, year, &found) < 0)
        goto cleanup;
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < T; t++) {
            res->targets.definitions[t * S + s] = defs[s * T + t];
            defs[s * T + t] = NULL;
            memcpy(res->targets.met + (t * S + s) * R, met + (s * T + t) * R, R);
            if (found)
                memcpy(res->targets.year_met + (t * S + s) * R, year + (s * T + t) * R, R * sizeof *year);
        }
    rc = 0;
cleanup:
    if (names)
        for (size_t t = 0; t < T; t++)
            free(names[t]);
    free(names);
    if (defs)
        for (size_t k = 0; k < S * T; k++)
            free(defs[k]);
    free(defs);
    free(met);
    free(year);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

/* ---- the whole file ---------------------------------------------------------- */

/* The coordinates as the file gives them, held until a ts_results sized by
 * them takes over the labels. */
typedef struct {
    char **scenarios, **regions;
    size_t n_scen, n_reg, n_rep, n_years;
    int32_t first_year;
} coordinates;

/* HDF5 is asked only about a file the system could open, and it must say
 * that the file is its own before it is opened read-only. */
static int open_file(reader *r, const char *path, hid_t *fapl, hid_t *file)
{
    htri_t is_h5 = H5Fis_hdf5(path);
    if (is_h5 <= 0) {
        ts_h5r_fail(r, "not a teachsim results file (not an HDF5 file)");
        return -1;
    }
    if ((*fapl = ts_h5_file_access()) < 0 || (*file = H5Fopen(path, H5F_ACC_RDONLY, *fapl)) < 0) {
        ts_h5r_h5_fail(r, "opening");
        return -1;
    }
    return 0;
}

/* The format check, then the coordinates that size everything else. */
static int read_coordinates(reader *r, hid_t file, coordinates *c)
{
    hid_t rep = -1;
    int rc = -1;
    if (check_format(r, file) < 0 || ts_h5r_string_dataset(r, file, "scenario", 1, &c->scenarios, &c->n_scen) < 0 ||
        ts_h5r_open_1d(r, file, "replication", 1, &rep, &c->n_rep) < 0 ||
        read_years(r, file, &c->n_years, &c->first_year) < 0 ||
        ts_h5r_string_dataset(r, file, "region", 1, &c->regions, &c->n_reg) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (rep >= 0)
        H5Dclose(rep);
    return rc;
}

/* Allocate the results in the file's shape; the label arrays just allocated
 * are replaced by the ones read. */
static int size_results(reader *r, ts_results *res, coordinates *c, const ts_indicator_def *known, size_t n_known)
{
    ts_error alloc_err = {0};
    if (ts_results_alloc(res, c->n_scen, c->n_rep, c->n_years, c->n_reg, known, n_known, c->first_year, &alloc_err) !=
        TS_OK) {
        r->status =
            ts_error_set(r->err, alloc_err.status, "%s: cannot read results file: %s", r->path, alloc_err.message);
        return -1;
    }
    free(res->labels.scenario_names);
    res->labels.scenario_names = c->scenarios;
    c->scenarios = NULL;
    free(res->labels.region_codes);
    res->labels.region_codes = c->regions;
    c->regions = NULL;
    return 0;
}

/* region_name_zh and scenario_yaml are part of the contract, but a file
 * without them still has every number: read n texts when there, else "". */
static int read_optional_texts(reader *r, hid_t file, const char *name, char ***texts, size_t n)
{
    size_t got = n;
    if (ts_h5r_string_dataset(r, file, name, 0, texts, &got) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(*texts)[i] && !((*texts)[i] = ts_text_dup(""))) {
            ts_h5r_nomem(r);
            return -1;
        }
    return 0;
}

/* The attributes that say which program wrote the file, when and how. */
static int read_provenance(reader *r, hid_t file, ts_results *res)
{
    int found = 0;
    if (ts_h5r_str_attr(r, file, "teachsim_version", &res->provenance.teachsim_version) < 0 ||
        ts_h5r_str_attr(r, file, "created_utc", &res->provenance.created_utc) < 0 ||
        ts_h5r_str_attr(r, file, "command_line", &res->provenance.command_line) < 0 ||
        ts_h5r_str_attr(r, file, "provenance", &res->provenance.build) < 0 ||
        ts_h5r_int_attr(r, file, "base_seed", H5T_NATIVE_UINT64, &res->provenance.base_seed, &found) < 0)
        return -1;
    return 0;
}

/* The numbers: every indicator the program knows, then comparison/ and targets/. */
static int read_values(reader *r, hid_t file, ts_results *res, size_t n_known)
{
    for (size_t k = 0; k < n_known; k++)
        if (read_indicator(r, file, res, k) < 0)
            return -1;
    if (read_comparison(r, file, res) < 0 || read_targets(r, file, res) < 0)
        return -1;
    return 0;
}

ts_status ts_results_read_h5(ts_results *res, const char *path, const ts_indicator_def *known, size_t n_known,
                             ts_error *err)
{
    reader r = {path, err, TS_OK};
    ts_h5_quiet quiet = {0};
    hid_t fapl = -1, file = -1;
    coordinates c = {0};
    int fd;

    memset(res, 0, sizeof *res);
    /* Ask the system first: its reason ("No such file or directory",
     * "Permission denied") is clearer than HDF5's. */
    if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
        return ts_error_set(err, TS_ERR_INPUT, "%s: cannot open results file: %s", path, strerror(errno));
    /* Without O_NONBLOCK the open of a FIFO would wait for ever for a writer,
     * and HDF5 opens whatever it is given: a results file is a regular file. */
    struct stat info;
    int stat_ok = fstat(fd, &info) == 0;
    close(fd);
    if (stat_ok && !S_ISREG(info.st_mode))
        return ts_error_set(err, TS_ERR_INPUT, "%s: not a results file but %s", path,
                            S_ISDIR(info.st_mode)    ? "a folder"
                            : S_ISFIFO(info.st_mode) ? "a FIFO (a results file is a regular file)"
                                                     : "a device or socket (a results file is a regular file)");

    ts_h5_quiet_begin(&quiet);
    if (ts_h5r_check_heaps(&r) < 0 || open_file(&r, path, &fapl, &file) < 0 || read_coordinates(&r, file, &c) < 0 ||
        size_results(&r, res, &c, known, n_known) < 0)
        goto cleanup;
    if (read_optional_texts(&r, file, "region_name_zh", &res->labels.region_names_zh, c.n_reg) < 0 ||
        read_optional_texts(&r, file, "scenario_yaml", &res->labels.scenario_yaml, c.n_scen) < 0 ||
        read_provenance(&r, file, res) < 0 || read_values(&r, file, res, n_known) < 0)
        goto cleanup;

cleanup:
    ts_text_free_all(c.scenarios, c.n_scen);
    ts_text_free_all(c.regions, c.n_reg);
    if (file >= 0)
        H5Fclose(file);
    if (fapl >= 0)
        H5Pclose(fapl);
    ts_h5_quiet_end(&quiet);
    if (r.status != TS_OK)
        ts_results_free(res);
    return r.status;
}
