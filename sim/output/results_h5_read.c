/*
 * results_h5_read.c: reading a results file back into a ts_results, as
 * `teachsim summary` does: the format check, coordinates, attributes, the
 * indicators the program knows, and the comparison/ and targets/ groups.
 * The layout itself is the writer's (results_h5.c).
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>
#include <hdf5_hl.h>

#include "comparison.h"
#include "teachsim/results.h"
#include "targets.h"

#include "results_h5_internal.h"
#include "text.h"

/* ---- reader -------------------------------------------------------------------- */

typedef struct {
    const char *path;
    ts_error *err;
    ts_status status;
} reader;

__attribute__((format(printf, 2, 3))) static int r_h5_fail(reader *r, const char *fmt, ...)
{
    char reason[1024], doing[512];
    ts_h5_reason(reason, sizeof reason);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(doing, sizeof doing, fmt, ap);
    va_end(ap);
    r->status = ts_error_set(r->err, TS_ERR_INPUT, "%s: cannot read results file: %s: %s", r->path, doing, reason);
    return -1;
}

__attribute__((format(printf, 2, 3))) static int r_fail(reader *r, const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    r->status = ts_error_set(r->err, TS_ERR_INPUT, "%s: %s", r->path, what);
    return -1;
}

static int r_nomem(reader *r)
{
    r->status = ts_error_set(r->err, TS_ERR_NOMEM, "%s: cannot read results file: out of memory", r->path);
    return -1;
}

/* Copy a fixed-length HDF5 string (not necessarily NUL-terminated). */
static char *fixed_strdup(const char *s, size_t size, H5T_str_t pad)
{
    size_t n = strnlen(s, size);
    if (pad == H5T_STR_SPACEPAD)
        while (n > 0 && s[n - 1] == ' ')
            n--;
    return strndup(s, n);
}

/*
 * Read `n` strings, variable-length or fixed-length (we write the former;
 * other tools may write the latter), from a dataset or attribute `obj` of
 * file type `ftype` and `n` elements, as malloc'd copies in out[0..n-1].
 */
static int read_strings_from(reader *r, hid_t obj, int is_attr, hid_t ftype, size_t n, char **out, const char *what)
{
    int rc = -1;
    hid_t mtype = -1, space = -1;
    void *buf = NULL;
    int vlen = 0;

    if (H5Tget_class(ftype) != H5T_STRING)
        return r_fail(r, "not a teachsim results file (%s is not a string)", what);
    if ((vlen = H5Tis_variable_str(ftype)) < 0 || (mtype = H5Tcopy(H5T_C_S1)) < 0) {
        r_h5_fail(r, "reading %s", what);
        goto cleanup;
    }
    size_t size = vlen ? sizeof(char *) : H5Tget_size(ftype);
    /* Same character set and padding as the file, so HDF5 converts nothing. */
    if (H5Tset_size(mtype, vlen ? H5T_VARIABLE : size) < 0 || H5Tset_cset(mtype, H5Tget_cset(ftype)) < 0 ||
        H5Tset_strpad(mtype, H5Tget_strpad(ftype)) < 0) {
        r_h5_fail(r, "reading %s", what);
        goto cleanup;
    }
    if (!(buf = calloc(n ? n : 1, size))) {
        r_nomem(r);
        goto cleanup;
    }
    if ((is_attr ? H5Aread(obj, mtype, buf) : H5Dread(obj, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf)) < 0) {
        r_h5_fail(r, "reading %s", what);
        goto cleanup;
    }
    if (vlen) {
        char **v = buf;
        for (size_t i = 0; i < n; i++)
            out[i] = ts_text_dup(v[i] ? v[i] : "");
        /* Give HDF5's own allocations back to it; a scalar space for an
         * attribute of one string, the dataset's space otherwise. */
        space = is_attr ? H5Aget_space(obj) : H5Dget_space(obj);
        if (space >= 0)
            ts_h5_reclaim(mtype, space, buf);
    } else {
        H5T_str_t pad = H5Tget_strpad(ftype);
        for (size_t i = 0; i < n; i++)
            out[i] = fixed_strdup((const char *)buf + i * size, size, pad);
    }
    for (size_t i = 0; i < n; i++)
        if (!out[i]) {
            r_nomem(r);
            goto cleanup;
        }
    rc = 0;
cleanup:
    free(buf);
    if (space >= 0)
        H5Sclose(space);
    if (mtype >= 0)
        H5Tclose(mtype);
    return rc;
}

/* Open root dataset `name`, 1-D: returns its length in *n, or *n = 0 and
 * dset -1 when absent and not required. */
static int open_1d(reader *r, hid_t file, const char *name, int required, hid_t *dset, size_t *n)
{
    hid_t space = -1;
    hsize_t dim = 0;
    int rc = -1;

    *dset = -1;
    *n = 0;
    htri_t exists = H5Lexists(file, name, H5P_DEFAULT);
    if (exists < 0)
        return r_h5_fail(r, "looking for %s", name);
    if (!exists)
        return required ? r_fail(r, "not a teachsim results file (no %s coordinate)", name) : 0;
    if ((*dset = H5Dopen2(file, name, H5P_DEFAULT)) < 0 || (space = H5Dget_space(*dset)) < 0) {
        r_h5_fail(r, "opening dataset %s", name);
        goto cleanup;
    }
    if (H5Sget_simple_extent_ndims(space) != 1 || H5Sget_simple_extent_dims(space, &dim, NULL) < 0) {
        r_fail(r, "not a teachsim results file (%s is not one-dimensional)", name);
        goto cleanup;
    }
    *n = (size_t)dim;
    rc = 0;
cleanup:
    if (space >= 0)
        H5Sclose(space);
    if (rc < 0 && *dset >= 0) {
        H5Dclose(*dset);
        *dset = -1;
    }
    return rc;
}

/* A 1-D string dataset into a NULL-filled label array of `expect` entries
 * (expect 0: any length, array allocated here and length in *n). */
static int read_string_dataset(reader *r, hid_t file, const char *name, int required, char ***labels, size_t *n)
{
    int rc = -1;
    hid_t dset = -1, ftype = -1;
    size_t len = 0;

    if (open_1d(r, file, name, required, &dset, &len) < 0)
        return -1;
    if (dset < 0) {
        *n = 0;
        return 0;
    }
    if (*labels && len != *n) {
        r_fail(r, "not a teachsim results file (%s has %zu entries, expected %zu)", name, len, *n);
        goto cleanup;
    }
    if (!*labels && !(*labels = calloc(len ? len : 1, sizeof(char *)))) {
        r_nomem(r);
        goto cleanup;
    }
    *n = len;
    if ((ftype = H5Dget_type(dset)) < 0) {
        r_h5_fail(r, "reading %s", name);
        goto cleanup;
    }
    if (read_strings_from(r, dset, 0, ftype, len, *labels, name) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (ftype >= 0)
        H5Tclose(ftype);
    if (dset >= 0)
        H5Dclose(dset);
    return rc;
}

/* Scalar string attribute of the root into *out (malloc'd); *out stays NULL
 * when absent. */
static int read_str_attr(reader *r, hid_t obj, const char *name, char **out)
{
    int rc = -1;
    hid_t attr = -1, ftype = -1, space = -1;

    *out = NULL;
    htri_t exists = H5Aexists(obj, name);
    if (exists < 0)
        return r_h5_fail(r, "looking for attribute %s", name);
    if (!exists)
        return 0;
    if ((attr = H5Aopen(obj, name, H5P_DEFAULT)) < 0 || (ftype = H5Aget_type(attr)) < 0 ||
        (space = H5Aget_space(attr)) < 0) {
        r_h5_fail(r, "reading attribute %s", name);
        goto cleanup;
    }
    if (H5Sget_simple_extent_npoints(space) != 1) {
        r_fail(r, "not a teachsim results file (attribute %s is not a single string)", name);
        goto cleanup;
    }
    if (read_strings_from(r, attr, 1, ftype, 1, out, name) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (space >= 0)
        H5Sclose(space);
    if (ftype >= 0)
        H5Tclose(ftype);
    if (attr >= 0)
        H5Aclose(attr);
    return rc;
}

/* Scalar integer attribute, converted by HDF5 to `mem_type`; *found says
 * whether it was there. */
static int read_int_attr(reader *r, hid_t obj, const char *name, hid_t mem_type, void *value, int *found)
{
    int rc = -1;
    hid_t attr = -1, ftype = -1, space = -1;

    *found = 0;
    htri_t exists = H5Aexists(obj, name);
    if (exists < 0)
        return r_h5_fail(r, "looking for attribute %s", name);
    if (!exists)
        return 0;
    if ((attr = H5Aopen(obj, name, H5P_DEFAULT)) < 0 || (ftype = H5Aget_type(attr)) < 0 ||
        (space = H5Aget_space(attr)) < 0) {
        r_h5_fail(r, "reading attribute %s", name);
        goto cleanup;
    }
    if (H5Tget_class(ftype) != H5T_INTEGER || H5Sget_simple_extent_npoints(space) != 1) {
        r_fail(r, "not a teachsim results file (attribute %s is not a single integer)", name);
        goto cleanup;
    }
    if (H5Aread(attr, mem_type, value) < 0) {
        r_h5_fail(r, "reading attribute %s", name);
        goto cleanup;
    }
    *found = 1;
    rc = 0;
cleanup:
    if (space >= 0)
        H5Sclose(space);
    if (ftype >= 0)
        H5Tclose(ftype);
    if (attr >= 0)
        H5Aclose(attr);
    return rc;
}

static int check_format(reader *r, hid_t file)
{
    char *format = NULL;
    int64_t version = 0;
    int found = 0, rc = -1;

    if (read_str_attr(r, file, "format", &format) < 0)
        goto cleanup;
    if (!format) {
        r_fail(r, "not a teachsim results file (no format attribute)");
        goto cleanup;
    }
    if (strcmp(format, TS_FORMAT_NAME) != 0) {
        r_fail(r, "not a teachsim results file (format '%s', expected '%s')", format, TS_FORMAT_NAME);
        goto cleanup;
    }
    if (read_int_attr(r, file, "format_version", H5T_NATIVE_INT64, &version, &found) < 0)
        goto cleanup;
    if (!found) {
        r_fail(r, "not a teachsim results file (no format_version attribute)");
        goto cleanup;
    }
    if (version != TS_FORMAT_VERSION) {
        r_fail(r, "unsupported format_version %lld (this teachsim reads %d)", (long long)version, TS_FORMAT_VERSION);
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

    if (open_1d(r, file, "year", 1, &dset, n) < 0)
        return -1;
    if ((ftype = H5Dget_type(dset)) < 0) {
        r_h5_fail(r, "reading year");
        goto cleanup;
    }
    if (H5Tget_class(ftype) != H5T_INTEGER || *n == 0) {
        r_fail(r, "not a teachsim results file (year is not a list of integers)");
        goto cleanup;
    }
    if (!(years = malloc(*n * sizeof *years))) {
        r_nomem(r);
        goto cleanup;
    }
    if (H5Dread(dset, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, years) < 0) {
        r_h5_fail(r, "reading year");
        goto cleanup;
    }
    for (size_t y = 1; y < *n; y++)
        if ((int64_t)years[y] != (int64_t)years[0] + (int64_t)y) {
            r_fail(r, "not a teachsim results file (years are not consecutive: %d after %d)", (int)years[y],
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

/* ---- comparison/ and targets/ (issue 5) ------------------------------------------ */

/* Strings of a dataset of any rank with exactly n elements (malloc'd copies). */
static int read_strings_nd(reader *r, hid_t loc, const char *name, size_t n, char **out)
{
    int rc = -1;
    hid_t dset = -1, space = -1, ftype = -1;
    if ((dset = H5Dopen2(loc, name, H5P_DEFAULT)) < 0 || (space = H5Dget_space(dset)) < 0 ||
        (ftype = H5Dget_type(dset)) < 0) {
        r_h5_fail(r, "opening dataset %s", name);
        goto cleanup;
    }
    if ((size_t)H5Sget_simple_extent_npoints(space) != n) {
        r_fail(r, "not a teachsim results file (%s has %lld entries, expected %zu)", name,
               (long long)H5Sget_simple_extent_npoints(space), n);
        goto cleanup;
    }
    rc = read_strings_from(r, dset, 0, ftype, n, out, name);
cleanup:
    if (ftype >= 0)
        H5Tclose(ftype);
    if (space >= 0)
        H5Sclose(space);
    if (dset >= 0)
        H5Dclose(dset);
    return rc;
}

/* A numeric dataset of shape dims[0..rank-1] into buf (memory type mem_type);
 * *found 0 and nothing read when absent. */
static int read_numbers(reader *r, hid_t loc, const char *name, int rank, const hsize_t *dims, hid_t mem_type,
                        void *buf, int *found)
{
    int rc = -1;
    hid_t dset = -1, space = -1, ftype = -1;
    hsize_t have[8];
    *found = 0;
    htri_t exists = H5Lexists(loc, name, H5P_DEFAULT);
    if (exists < 0)
        return r_h5_fail(r, "looking for %s", name);
    if (!exists)
        return 0;
    if ((dset = H5Dopen2(loc, name, H5P_DEFAULT)) < 0 || (space = H5Dget_space(dset)) < 0 ||
        (ftype = H5Dget_type(dset)) < 0) {
        r_h5_fail(r, "opening dataset %s", name);
        goto cleanup;
    }
    H5T_class_t cls = H5Tget_class(ftype);
    if ((cls != H5T_INTEGER && cls != H5T_FLOAT) || H5Sget_simple_extent_ndims(space) != rank ||
        H5Sget_simple_extent_dims(space, have, NULL) < 0 || memcmp(have, dims, (size_t)rank * sizeof *dims) != 0) {
        char shape[160] = "";
        for (int d = 0, at = 0; d < rank && at < (int)sizeof shape; d++)
            at += snprintf(shape + at, sizeof shape - (size_t)at, "%s%llu", d ? ", " : "", (unsigned long long)dims[d]);
        r_fail(r, "not a teachsim results file (%s is not numeric of shape (%s))", name, shape);
        goto cleanup;
    }
    if (H5Dread(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) {
        r_h5_fail(r, "reading %s", name);
        goto cleanup;
    }
    *found = 1;
    rc = 0;
cleanup:
    if (ftype >= 0)
        H5Tclose(ftype);
    if (space >= 0)
        H5Sclose(space);
    if (dset >= 0)
        H5Dclose(dset);
    return rc;
}

/* One known indicator: read as double when present (int32 or float64 on
 * disk), NaN when the file does not have it. */
static int read_indicator(reader *r, hid_t file, ts_results *res, size_t k)
{
    double *block = ts_results_block(res, k, 0, 0);
    const hsize_t dims[N_DIMS] = {res->n_scenarios, res->n_replications, res->n_years, res->n_regions};
    int found = 0;
    if (read_numbers(r, file, res->indicators[k].name, N_DIMS, dims, H5T_NATIVE_DOUBLE, block, &found) < 0)
        return -1;
    if (!found)
        for (size_t i = 0; i < dims[0] * dims[1] * dims[2] * dims[3]; i++)
            block[i] = NAN;
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
        return r_h5_fail(r, "looking for comparison");
    if (!exists)
        return 0;
    if ((group = H5Gopen2(file, "comparison", H5P_DEFAULT)) < 0) {
        r_h5_fail(r, "opening group comparison");
        goto cleanup;
    }
    if (read_string_dataset(r, group, "contrast", 1, &labels, &n) < 0)
        goto cleanup;
    ts_error e = {0};
    if (ts_results_alloc_contrasts(res, n, 1, &e) != TS_OK) {
        r_nomem(r);
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
        r_nomem(r);
        goto cleanup;
    }
    if (read_str_attr(r, group, "reference", &ref) < 0 || read_strings_nd(r, group, "contrast_scenario", n, scen) < 0)
        goto cleanup;
    int ref_index = find_name(res->labels.scenario_names, res->n_scenarios, ref);
    if (ref_index < 0) {
        r_fail(r, "not a teachsim results file (comparison/ names reference '%s', not a scenario)", ref ? ref : "");
        goto cleanup;
    }
    res->contrasts.reference = (size_t)ref_index;
    for (size_t c = 0; c < n; c++) {
        int s = find_name(res->labels.scenario_names, res->n_scenarios, scen[c]);
        if (s < 0) {
            r_fail(r, "not a teachsim results file (comparison/contrast_scenario names '%s', not a scenario)", scen[c]);
            goto cleanup;
        }
        res->contrasts.scenario[c] = (size_t)s;
    }
    hsize_t dims[3] = {n, res->n_years, res->n_regions};
    for (size_t i = 0; i < res->n_indicators; i++)
        for (int k = 0; k < TS_STAT_COUNT; k++) {
            char name[256];
            snprintf(name, sizeof name, "%s%s", res->indicators[i].name, ts_comparison_stat_suffix[k]);
            if (read_numbers(r, group, name, 3, dims, H5T_NATIVE_DOUBLE,
                             ts_results_contrast_block(res, (ts_comparison_stat)k, i, 0), &found) < 0)
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
        return r_h5_fail(r, "looking for targets");
    if (!exists)
        return 0;
    if ((group = H5Gopen2(file, "targets", H5P_DEFAULT)) < 0) {
        r_h5_fail(r, "opening group targets");
        goto cleanup;
    }
    if (read_string_dataset(r, group, "target", 1, &names, &T) < 0)
        goto cleanup;
    ts_error e = {0};
    if (ts_results_alloc_targets(res, T, &e) != TS_OK) {
        r_nomem(r);
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
        r_nomem(r);
        goto cleanup;
    }
    hsize_t dims[3] = {S, T, R};
    if (read_strings_nd(r, group, "definition", S * T, defs) < 0 ||
        read_numbers(r, group, "met", 3, dims, H5T_NATIVE_INT8, met, &found) < 0)
        goto cleanup;
    if (!found) {
        r_fail(r, "not a teachsim results file (targets/ has no met)");
        goto cleanup;
    }
    if (read_numbers(r, group, "year_met", 3, dims, H5T_NATIVE_INT32, year, &found) < 0)
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

ts_status ts_results_read_h5(ts_results *res, const char *path, const ts_indicator_def *known, size_t n_known,
                             ts_error *err)
{
    reader r = {path, err, TS_OK};
    ts_h5_quiet quiet = {0};
    hid_t fapl = -1, file = -1, rep = -1;
    char **scenarios = NULL, **regions = NULL;
    size_t n_scen = 0, n_reg = 0, n_rep = 0, n_years = 0;
    int32_t first_year = 0;
    int found = 0, fd;

    memset(res, 0, sizeof *res);
    /* Ask the system first: its reason ("No such file or directory",
     * "Permission denied") is clearer than HDF5's. */
    if ((fd = open(path, O_RDONLY)) < 0)
        return ts_error_set(err, TS_ERR_INPUT, "%s: cannot open results file: %s", path, strerror(errno));
    close(fd);

    ts_h5_quiet_begin(&quiet);
    htri_t is_h5 = H5Fis_hdf5(path);
    if (is_h5 <= 0) {
        r_fail(&r, "not a teachsim results file (not an HDF5 file)");
        goto cleanup;
    }
    if ((fapl = ts_h5_file_access()) < 0 || (file = H5Fopen(path, H5F_ACC_RDONLY, fapl)) < 0) {
        r_h5_fail(&r, "opening");
        goto cleanup;
    }
    if (check_format(&r, file) < 0 || read_string_dataset(&r, file, "scenario", 1, &scenarios, &n_scen) < 0 ||
        open_1d(&r, file, "replication", 1, &rep, &n_rep) < 0 || read_years(&r, file, &n_years, &first_year) < 0 ||
        read_string_dataset(&r, file, "region", 1, &regions, &n_reg) < 0)
        goto cleanup;

    ts_error alloc_err = {0};
    if (ts_results_alloc(res, n_scen, n_rep, n_years, n_reg, known, n_known, first_year, &alloc_err) != TS_OK) {
        r.status = ts_error_set(err, alloc_err.status, "%s: cannot read results file: %s", path, alloc_err.message);
        goto cleanup;
    }
    /* The label arrays just allocated are replaced by the ones read. */
    free(res->labels.scenario_names);
    res->labels.scenario_names = scenarios;
    scenarios = NULL;
    free(res->labels.region_codes);
    res->labels.region_codes = regions;
    regions = NULL;

    /* region_name_zh and scenario_yaml are part of the contract, but a file
     * without them still has every number: read them when there, else "". */
    size_t n = n_reg;
    if (read_string_dataset(&r, file, "region_name_zh", 0, &res->labels.region_names_zh, &n) < 0)
        goto cleanup;
    for (size_t g = 0; g < n_reg; g++)
        if (!res->labels.region_names_zh[g] && !(res->labels.region_names_zh[g] = ts_text_dup(""))) {
            r_nomem(&r);
            goto cleanup;
        }
    n = n_scen;
    if (read_string_dataset(&r, file, "scenario_yaml", 0, &res->labels.scenario_yaml, &n) < 0)
        goto cleanup;
    for (size_t s = 0; s < n_scen; s++)
        if (!res->labels.scenario_yaml[s] && !(res->labels.scenario_yaml[s] = ts_text_dup(""))) {
            r_nomem(&r);
            goto cleanup;
        }

    if (read_str_attr(&r, file, "teachsim_version", &res->provenance.teachsim_version) < 0 ||
        read_str_attr(&r, file, "created_utc", &res->provenance.created_utc) < 0 ||
        read_str_attr(&r, file, "command_line", &res->provenance.command_line) < 0 ||
        read_str_attr(&r, file, "provenance", &res->provenance.build) < 0 ||
        read_int_attr(&r, file, "base_seed", H5T_NATIVE_UINT64, &res->provenance.base_seed, &found) < 0)
        goto cleanup;

    for (size_t k = 0; k < n_known; k++)
        if (read_indicator(&r, file, res, k) < 0)
            goto cleanup;
    if (read_comparison(&r, file, res) < 0 || read_targets(&r, file, res) < 0)
        goto cleanup;

cleanup:
    if (scenarios) {
        for (size_t s = 0; s < n_scen; s++)
            free(scenarios[s]);
        free(scenarios);
    }
    if (regions) {
        for (size_t g = 0; g < n_reg; g++)
            free(regions[g]);
        free(regions);
    }
    if (rep >= 0)
        H5Dclose(rep);
    if (file >= 0)
        H5Fclose(file);
    if (fapl >= 0)
        H5Pclose(fapl);
    ts_h5_quiet_end(&quiet);
    if (r.status != TS_OK)
        ts_results_free(res);
    return r.status;
}
