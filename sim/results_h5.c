/*
 * results_h5.c: the results file of ../shared/design/OUTPUT.md (format
 * `teachsim-results`, version 1): writing a ts_results as HDF5 with dimension
 * scales and variable-length UTF-8 strings (reading one back: results_h5_read.c).
 *
 * Owns: the file layout (coordinates, indicator datasets, attributes), the
 * "nothing is lost" protocol (the file is built in memory, its image written
 * to a temporary file in the same folder, fsync'd, then linked or renamed
 * into place) and turning HDF5's error stack into a message for the user. Does not own the ts_results memory
 * (results.c) nor the indicator table (indicators.c): the writer loops over res->indicators.
 *
 * HDF5 is called from one thread only. The only process-wide state touched is
 * HDF5's automatic error printing, switched off while we run (we build our own
 * messages from the error stack) and restored before returning.
 */
#define _GNU_SOURCE /* renameat2 and RENAME_NOREPLACE */

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

#include "teachsim/comparison.h"
#include "teachsim/results.h"
#include "teachsim/targets.h"

#include "results_h5_internal.h"

/* Target size of one indicator chunk before compression. A chunk holds whole
 * (year, region) planes of one scenario, as many replications as fit: reading
 * one scenario (the usual question) touches few chunks, and 1 MiB is HDF5's
 * default chunk cache, so a chunk never thrashes the cache of a reader. */
#define TS_CHUNK_BYTES ((size_t)1 << 20)
#define TS_DEFLATE_LEVEL 4

#define TS_CRT_ORDER (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED)

/* ---- HDF5 error stack -> one readable line -------------------------------- */

typedef struct {
    char api_desc[256];   /* what the API call we made was doing */
    char inner_desc[512]; /* where the fault was first detected */
    char inner_minor[128];
    int depth;
} h5_walk;

static herr_t h5_walk_cb(unsigned n, const H5E_error2_t *e, void *data)
{
    h5_walk *w = data;
    /* H5E_WALK_UPWARD visits the innermost record first and the API call last. */
    if (n == 0) {
        snprintf(w->inner_desc, sizeof w->inner_desc, "%s", e->desc ? e->desc : "");
        if (H5Eget_msg(e->min_num, NULL, w->inner_minor, sizeof w->inner_minor) < 0)
            w->inner_minor[0] = '\0';
    }
    snprintf(w->api_desc, sizeof w->api_desc, "%s", e->desc ? e->desc : "");
    w->depth = (int)n + 1;
    return 0;
}

/*
 * Describe the current HDF5 failure in `out`. Called right where an HDF5 call
 * failed: the stack is copied first, because any later HDF5 call (even a close
 * on the way to cleanup) clears it. Gives e.g. "unable to create file: unable
 * to open file: No such file or directory".
 */
void ts_h5_reason(char *out, size_t cap)
{
    h5_walk w = {0};
    hid_t stack = H5Eget_current_stack();
    if (stack >= 0) {
        H5Ewalk2(stack, H5E_WALK_UPWARD, h5_walk_cb, &w);
        H5Eclose_stack(stack);
    }
    if (w.depth == 0) {
        snprintf(out, cap, "HDF5 call failed (no error details)");
        return;
    }
    /* Low-level I/O faults carry errno's text inside a long description
     * ("..., errno = 28, error message = 'No space left on device', ..."): that
     * text is what the user can act on, so pull it out. */
    char sys[256] = "";
    const char *em = strstr(w.inner_desc, "error message = '");
    if (em) {
        em += strlen("error message = '");
        size_t len = strcspn(em, "'");
        snprintf(sys, sizeof sys, "%.*s", (int)(len < sizeof sys - 1 ? len : sizeof sys - 1), em);
    }
    if (w.depth == 1)
        snprintf(out, cap, "%s", w.api_desc);
    else if (sys[0])
        snprintf(out, cap, "%s: %s: %s", w.api_desc, w.inner_minor, sys);
    else
        snprintf(out, cap, "%s: %s (%s)", w.api_desc, w.inner_desc, w.inner_minor);
}

/* ---- small helpers ------------------------------------------------------------- */

/* The variable-length UTF-8 string type used for every string we write, so
 * h5py returns str and netCDF-4 sees NC_STRING. */
hid_t ts_h5_utf8_type(void)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    if (t < 0)
        return -1;
    if (H5Tset_size(t, H5T_VARIABLE) < 0 || H5Tset_cset(t, H5T_CSET_UTF8) < 0) {
        H5Tclose(t);
        return -1;
    }
    return t;
}

void ts_h5_quiet_begin(ts_h5_quiet *q)
{
    q->saved = H5Eget_auto2(H5E_DEFAULT, &q->func, &q->data) >= 0;
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

void ts_h5_quiet_end(ts_h5_quiet *q)
{
    if (q->saved)
        H5Eset_auto2(H5E_DEFAULT, q->func, q->data);
}

/* File access for reading: HDF5 1.10 locks files with flock(); on file
 * systems without locks (some NFS and Lustre mounts) that fails, which must
 * not stop `teachsim summary`. */
hid_t ts_h5_file_access(void)
{
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
#if H5_VERSION_GE(1, 10, 7)
    if (fapl >= 0 && H5Pset_file_locking(fapl, 1, 1) < 0) {
        H5Pclose(fapl);
        return -1;
    }
#endif
    return fapl;
}

/* ---- writer -------------------------------------------------------------------- */

typedef struct {
    const char *path;
    ts_error *err;
    ts_status status; /* TS_OK until the first failure, which sets the message */
    hid_t str_t;
} writer;

/* Record an HDF5 failure while doing `fmt`; always returns -1. */
__attribute__((format(printf, 2, 3))) static int w_h5_fail(writer *w, const char *fmt, ...)
{
    char reason[1024], doing[512];
    ts_h5_reason(reason, sizeof reason); /* first: the next HDF5 call would clear the stack */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(doing, sizeof doing, fmt, ap);
    va_end(ap);
    w->status = ts_error_set(w->err, TS_ERR_IO, "%s: cannot write results file: %s: %s", w->path, doing, reason);
    return -1;
}

static int write_str_attr(writer *w, hid_t obj, const char *name, const char *value)
{
    int rc = -1;
    hid_t space = -1, attr = -1;
    const char *v = value ? value : "";

    if ((space = H5Screate(H5S_SCALAR)) < 0 ||
        (attr = H5Acreate2(obj, name, w->str_t, space, H5P_DEFAULT, H5P_DEFAULT)) < 0 ||
        H5Awrite(attr, w->str_t, &v) < 0) {
        w_h5_fail(w, "writing attribute %s", name);
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (attr >= 0)
        H5Aclose(attr);
    if (space >= 0)
        H5Sclose(space);
    return rc;
}

static int write_num_attr(writer *w, hid_t obj, const char *name, hid_t file_type, hid_t mem_type, const void *value)
{
    int rc = -1;
    hid_t space = -1, attr = -1;

    if ((space = H5Screate(H5S_SCALAR)) < 0 ||
        (attr = H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT)) < 0 ||
        H5Awrite(attr, mem_type, value) < 0) {
        w_h5_fail(w, "writing attribute %s", name);
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (attr >= 0)
        H5Aclose(attr);
    if (space >= 0)
        H5Sclose(space);
    return rc;
}

/* Dataset creation properties shared by every dataset: attributes listed in
 * the order written, like the variables; no modification times in object
 * headers, so the same results give the same bytes (as netCDF-4 does). */
static hid_t dataset_plist(void)
{
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (dcpl >= 0 && (H5Pset_attr_creation_order(dcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(dcpl, 0) < 0)) {
        H5Pclose(dcpl);
        return -1;
    }
    return dcpl;
}

/*
 * A 1-D dataset of n strings or int32 (strings != NULL picks strings), with
 * long_name and description. With `scale` it becomes the dimension scale of
 * its own name; otherwise it is left open in *out for attaching scales.
 * NULL strings are written as "" (HDF5 would store a null that some readers
 * cannot decode).
 */
static int write_1d(writer *w, hid_t file, const char *name, size_t n, char *const *strings, const int32_t *ints,
                    const char *long_name, const char *description, int scale, hid_t *out)
{
    int rc = -1;
    hid_t space = -1, dcpl = -1, dset = -1;
    const char **tmp = NULL;
    hsize_t dim = n;

    *out = -1;
    if ((space = H5Screate_simple(1, &dim, NULL)) < 0 || (dcpl = dataset_plist()) < 0) {
        w_h5_fail(w, "creating dataset %s", name);
        goto cleanup;
    }
    if (strings) {
        if (!(tmp = malloc(n * sizeof *tmp))) {
            w->status = ts_error_set(w->err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", w->path);
            goto cleanup;
        }
        for (size_t i = 0; i < n; i++)
            tmp[i] = strings[i] ? strings[i] : "";
        if ((dset = H5Dcreate2(file, name, w->str_t, space, H5P_DEFAULT, dcpl, H5P_DEFAULT)) < 0 ||
            H5Dwrite(dset, w->str_t, H5S_ALL, H5S_ALL, H5P_DEFAULT, tmp) < 0) {
            w_h5_fail(w, "writing dataset %s", name);
            goto cleanup;
        }
    } else {
        if ((dset = H5Dcreate2(file, name, H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT)) < 0 ||
            H5Dwrite(dset, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, ints) < 0) {
            w_h5_fail(w, "writing dataset %s", name);
            goto cleanup;
        }
    }
    if (scale && H5DSset_scale(dset, name) < 0) {
        w_h5_fail(w, "making %s a dimension scale", name);
        goto cleanup;
    }
    if (write_str_attr(w, dset, "long_name", long_name) < 0 || write_str_attr(w, dset, "description", description) < 0)
        goto cleanup;
    *out = dset;
    dset = -1;
    rc = 0;
cleanup:
    free(tmp);
    if (dset >= 0)
        H5Dclose(dset);
    if (dcpl >= 0)
        H5Pclose(dcpl);
    if (space >= 0)
        H5Sclose(space);
    return rc;
}

static const char *const dim_names[N_DIMS] = {"scenario", "replication", "year", "region"};

static int attach_scales(writer *w, hid_t dset, const char *name, const hid_t *scales, const int *dims, int rank)
{
    for (int d = 0; d < rank; d++)
        if (H5DSattach_scale(dset, scales[dims[d]], (unsigned)d) < 0)
            return w_h5_fail(w, "attaching dimension %s to %s", dim_names[dims[d]], name);
    return 0;
}

/* Convert one [replication][year][region] block of a count indicator to
 * int32. A count that is not a whole number in int32 range is a bug in the
 * model, not something to round away silently. */
static int counts_to_int32(writer *w, const ts_results *res, size_t ind, size_t s, int32_t *out)
{
    const double *v = ts_results_block(res, ind, s, 0);
    size_t n = res->n_replications * res->n_years * res->n_regions;
    for (size_t k = 0; k < n; k++) {
        double x = v[k];
        if (!(x == trunc(x)) || x < (double)INT32_MIN || x > (double)INT32_MAX) {
            size_t g = k % res->n_regions, y = (k / res->n_regions) % res->n_years,
                   r = k / (res->n_regions * res->n_years);
            w->status = ts_error_set(
                w->err, TS_ERR_RUN,
                "%s: cannot write results file: count indicator %s holds %.17g, not a whole "
                "number in int32 range (scenario %s, replication %zu, year %lld, region %s)",
                w->path, res->indicators[ind].name, x, res->scenario_names[s] ? res->scenario_names[s] : "?", r,
                (long long)res->first_year + (long long)y, res->region_codes[g] ? res->region_codes[g] : "?");
            return -1;
        }
        out[k] = (int32_t)x;
    }
    return 0;
}

/* A chunked, compressed dataset of shape (first, replication, year, region)
 * written one `first` slab at a time (a scenario, or a contrast): the
 * dataset, its file space and the memory space of one slab. A chunk holds
 * whole (year, region) planes, as many replications as fit in TS_CHUNK_BYTES. */
static hid_t create_slabbed(writer *w, hid_t loc, const char *name, const char *shown, int is_count, size_t first,
                            const ts_results *res, hid_t *space, hid_t *mspace)
{
    size_t plane = res->n_years * res->n_regions * (is_count ? sizeof(int32_t) : sizeof(double));
    size_t reps_per_chunk = plane >= TS_CHUNK_BYTES ? 1 : TS_CHUNK_BYTES / plane;
    if (reps_per_chunk > res->n_replications)
        reps_per_chunk = res->n_replications;
    hsize_t dims[N_DIMS] = {first, res->n_replications, res->n_years, res->n_regions};
    hsize_t chunk[N_DIMS] = {1, reps_per_chunk, res->n_years, res->n_regions};
    hsize_t slab[N_DIMS] = {1, res->n_replications, res->n_years, res->n_regions};
    hid_t dcpl = -1, dset = -1;
    if ((*space = H5Screate_simple(N_DIMS, dims, NULL)) < 0 || (*mspace = H5Screate_simple(N_DIMS, slab, NULL)) < 0 ||
        (dcpl = dataset_plist()) < 0 || H5Pset_chunk(dcpl, N_DIMS, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
        H5Pset_deflate(dcpl, TS_DEFLATE_LEVEL) < 0 ||
        (dset = H5Dcreate2(loc, name, is_count ? H5T_STD_I32LE : H5T_IEEE_F64LE, *space, H5P_DEFAULT, dcpl,
                           H5P_DEFAULT)) < 0)
        w_h5_fail(w, "creating dataset %s", shown);
    if (dcpl >= 0)
        H5Pclose(dcpl);
    return dset;
}

/* Write slab `index` of a dataset made by create_slabbed. */
static int write_slab(writer *w, hid_t dset, hid_t space, hid_t mspace, size_t index, int is_count, const void *buf,
                      const char *shown)
{
    hsize_t start[N_DIMS] = {index, 0, 0, 0};
    hsize_t count[N_DIMS];
    if (H5Sget_simple_extent_dims(mspace, count, NULL) < 0 ||
        H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL) < 0 ||
        H5Dwrite(dset, is_count ? H5T_NATIVE_INT32 : H5T_NATIVE_DOUBLE, mspace, space, H5P_DEFAULT, buf) < 0)
        return w_h5_fail(w, "writing dataset %s", shown);
    return 0;
}

static int write_indicator(writer *w, hid_t file, const ts_results *res, size_t ind, const hid_t *scales, int32_t *ibuf,
                           volatile sig_atomic_t *interrupted)
{
    static const int all_dims[N_DIMS] = {DIM_SCENARIO, DIM_REPLICATION, DIM_YEAR, DIM_REGION};
    const ts_indicator_def *def = &res->indicators[ind];
    int is_count = def->kind == TS_VALUE_COUNT;
    int rc = -1;
    hid_t space = -1, mspace = -1;
    hid_t dset = create_slabbed(w, file, def->name, def->name, is_count, res->n_scenarios, res, &space, &mspace);
    if (dset < 0)
        goto cleanup;
    /* One scenario per write: a whole number of chunks, and a buffer of one
     * scenario's values rather than the whole indicator. */
    for (size_t s = 0; s < res->n_scenarios; s++) {
        if (interrupted && *interrupted)
            goto cleanup; /* the caller reports it */
        const void *buf = ts_results_block(res, ind, s, 0);
        if (is_count) {
            if (counts_to_int32(w, res, ind, s, ibuf) < 0)
                goto cleanup;
            buf = ibuf;
        }
        if (write_slab(w, dset, space, mspace, s, is_count, buf, def->name) < 0)
            goto cleanup;
    }
    if (attach_scales(w, dset, def->name, scales, all_dims, N_DIMS) < 0 ||
        write_str_attr(w, dset, "units", def->units) < 0 || write_str_attr(w, dset, "long_name", def->long_name) < 0 ||
        write_str_attr(w, dset, "description", def->description) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    /* Closing flushes (compresses) the last chunks: it can fail too. */
    if (dset >= 0 && H5Dclose(dset) < 0 && rc == 0)
        rc = w_h5_fail(w, "writing dataset %s", def->name);
    if (mspace >= 0)
        H5Sclose(mspace);
    if (space >= 0)
        H5Sclose(space);
    return rc;
}

/* The group parameters/: per uncertain parameter, its value in each
 * (scenario, replication), NaN where the scenario gives a plain number. The
 * dimensions are the root's scales (attaching works across groups). */
static int write_parameters(writer *w, hid_t file, const ts_results *res, const hid_t *scales)
{
    static const int dims_sr[2] = {DIM_SCENARIO, DIM_REPLICATION};
    hsize_t dims[2] = {res->n_scenarios, res->n_replications};
    size_t block = res->n_scenarios * res->n_replications;
    int rc = -1;
    hid_t gcpl = -1, group = -1, space = -1, dcpl = -1, dset = -1;

    if ((gcpl = H5Pcreate(H5P_GROUP_CREATE)) < 0 || H5Pset_link_creation_order(gcpl, TS_CRT_ORDER) < 0 ||
        H5Pset_attr_creation_order(gcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(gcpl, 0) < 0 ||
        (group = H5Gcreate2(file, "parameters", H5P_DEFAULT, gcpl, H5P_DEFAULT)) < 0 ||
        (space = H5Screate_simple(2, dims, NULL)) < 0 || (dcpl = dataset_plist()) < 0) {
        w_h5_fail(w, "creating group parameters");
        goto cleanup;
    }
    if (write_str_attr(w, group, "description",
                       "Scenario parameters given as distributions: the value each replication drew, by scenario "
                       "and replication (NaN where a scenario gives the key a plain number).") < 0)
        goto cleanup;
    for (size_t p = 0; p < res->n_parameters; p++) {
        const char *name = res->parameter_names[p] ? res->parameter_names[p] : "";
        if ((dset = H5Dcreate2(group, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT)) < 0 ||
            H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, res->parameter_values + p * block) < 0) {
            w_h5_fail(w, "writing dataset parameters/%s", name);
            goto cleanup;
        }
        if (attach_scales(w, dset, name, scales, dims_sr, 2) < 0 ||
            write_str_attr(w, dset, "units", res->parameter_units[p]) < 0 ||
            write_str_attr(w, dset, "long_name", name) < 0 ||
            write_str_attr(w, dset, "description", res->parameter_descriptions[p]) < 0)
            goto cleanup;
        H5Dclose(dset);
        dset = -1;
    }
    rc = 0;
cleanup:
    if (dset >= 0)
        H5Dclose(dset);
    if (dcpl >= 0)
        H5Pclose(dcpl);
    if (space >= 0)
        H5Sclose(space);
    if (group >= 0)
        H5Gclose(group);
    if (gcpl >= 0)
        H5Pclose(gcpl);
    return rc;
}

/* ---- comparison/ and targets/ (issue 5) ------------------------------------------ */

/* A group whose links and attributes keep the order written and carry no
 * timestamps, like the root. */
static hid_t create_group(writer *w, hid_t file, const char *name)
{
    hid_t gcpl = -1, group = -1;
    if ((gcpl = H5Pcreate(H5P_GROUP_CREATE)) < 0 || H5Pset_link_creation_order(gcpl, TS_CRT_ORDER) < 0 ||
        H5Pset_attr_creation_order(gcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(gcpl, 0) < 0 ||
        (group = H5Gcreate2(file, name, H5P_DEFAULT, gcpl, H5P_DEFAULT)) < 0)
        w_h5_fail(w, "creating group %s", name);
    if (gcpl >= 0)
        H5Pclose(gcpl);
    return group;
}

/* Attach scales[d] to dimension d of dset, for d < rank. */
static int attach_all(writer *w, hid_t dset, const char *name, const hid_t *scales, int rank)
{
    for (int d = 0; d < rank; d++)
        if (H5DSattach_scale(dset, scales[d], (unsigned)d) < 0)
            return w_h5_fail(w, "attaching dimension %d to %s", d, name);
    return 0;
}

/*
 * An N-d dataset `name` in loc written whole from `data` (in memory type
 * mem_type; for strings, an array of char *), with its dimensions attached to
 * scales[] and the three attributes. chunk != NULL makes it chunked and
 * compressed like the indicators.
 */
static int write_nd(writer *w, hid_t loc, const char *name, int rank, const hsize_t *dims, const hsize_t *chunk,
                    hid_t file_type, hid_t mem_type, const void *data, const hid_t *scales, const char *units,
                    const char *long_name, const char *description)
{
    int rc = -1;
    hid_t space = -1, dcpl = -1, dset = -1;
    if ((space = H5Screate_simple(rank, dims, NULL)) < 0 || (dcpl = dataset_plist()) < 0 ||
        (chunk && (H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
                   H5Pset_deflate(dcpl, TS_DEFLATE_LEVEL) < 0)) ||
        (dset = H5Dcreate2(loc, name, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT)) < 0 ||
        H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
        w_h5_fail(w, "writing dataset %s", name);
        goto cleanup;
    }
    if (attach_all(w, dset, name, scales, rank) < 0 || (units && write_str_attr(w, dset, "units", units) < 0) ||
        write_str_attr(w, dset, "long_name", long_name) < 0 || write_str_attr(w, dset, "description", description) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (dset >= 0 && H5Dclose(dset) < 0 && rc == 0)
        rc = w_h5_fail(w, "writing dataset %s", name);
    if (dcpl >= 0)
        H5Pclose(dcpl);
    if (space >= 0)
        H5Sclose(space);
    return rc;
}

static int w_nomem(writer *w)
{
    w->status = ts_error_set(w->err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", w->path);
    return -1;
}

/* One indicator's per-replication differences, (contrast, replication, year,
 * region), chunked like the indicator; counts stay int32 (a difference of two
 * counts in [0, INT32_MAX] fits). */
static int write_difference(writer *w, hid_t group, const ts_results *res, size_t ind, const hid_t *scales,
                            double *dbuf, int32_t *ibuf, volatile sig_atomic_t *interrupted)
{
    const ts_indicator_def *def = &res->indicators[ind];
    int is_count = def->kind == TS_VALUE_COUNT;
    size_t cells = res->n_replications * res->n_years * res->n_regions;
    char long_name[512], description[2048], shown[256];
    int rc = -1;
    hid_t space = -1, mspace = -1;

    snprintf(shown, sizeof shown, "comparison/%s", def->name);
    snprintf(long_name, sizeof long_name, "Paired difference: %s", def->long_name);
    snprintf(description, sizeof description,
             "Scenario minus the reference scenario (%s) in the same replication, which shares its random numbers "
             "(common random numbers). %s",
             res->scenario_names[res->reference], def->description);
    hid_t dset = create_slabbed(w, group, def->name, shown, is_count, res->n_contrasts, res, &space, &mspace);
    if (dset < 0)
        goto cleanup;
    for (size_t c = 0; c < res->n_contrasts; c++) {
        if (interrupted && *interrupted)
            goto cleanup;
        ts_comparison_difference(res, ind, c, dbuf);
        const void *buf = dbuf;
        if (is_count) {
            for (size_t k = 0; k < cells; k++) {
                if (!(dbuf[k] == trunc(dbuf[k])) || dbuf[k] < (double)INT32_MIN || dbuf[k] > (double)INT32_MAX) {
                    w->status = ts_error_set(w->err, TS_ERR_RUN,
                                             "%s: cannot write results file: paired difference of %s holds %.17g, "
                                             "not a whole number in int32 range (contrast %s)",
                                             w->path, def->name, dbuf[k], res->contrast_labels[c]);
                    goto cleanup;
                }
                ibuf[k] = (int32_t)dbuf[k];
            }
            buf = ibuf;
        }
        if (write_slab(w, dset, space, mspace, c, is_count, buf, shown) < 0)
            goto cleanup;
    }
    if (attach_all(w, dset, def->name, scales, 4) < 0 || write_str_attr(w, dset, "units", def->units) < 0 ||
        write_str_attr(w, dset, "long_name", long_name) < 0 || write_str_attr(w, dset, "description", description) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (dset >= 0 && H5Dclose(dset) < 0 && rc == 0)
        rc = w_h5_fail(w, "writing dataset %s", shown);
    if (mspace >= 0)
        H5Sclose(mspace);
    if (space >= 0)
        H5Sclose(space);
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
 * per-replication differences and their statistics. */
static int write_comparison(writer *w, hid_t file, const ts_results *res, const hid_t *root_scales,
                            volatile sig_atomic_t *interrupted)
{
    int rc = -1;
    hid_t group = -1, contrast = -1, cs = -1;
    char **scen = calloc(res->n_contrasts, sizeof *scen);
    double *dbuf = malloc(res->n_replications * res->n_years * res->n_regions * sizeof *dbuf);
    int32_t *ibuf = malloc(res->n_replications * res->n_years * res->n_regions * sizeof *ibuf);
    if (!scen || !dbuf || !ibuf) {
        w_nomem(w);
        goto cleanup;
    }
    if ((group = create_group(w, file, "comparison")) < 0)
        goto cleanup;
    const char *ref = res->scenario_names[res->reference];
    char about[1024];
    snprintf(about, sizeof about,
             "Paired differences: each scenario minus the reference scenario %s in the same replication (the "
             "replications of a run share their random numbers teacher by teacher), per replication and as mean, "
             "standard error and 5, 50 and 95 %% points over replications.",
             ref);
    if (write_str_attr(w, group, "description", about) < 0 || write_str_attr(w, group, "reference", ref) < 0)
        goto cleanup;
    if (write_1d(w, group, "contrast", res->n_contrasts, res->contrast_labels, NULL, "contrast",
                 "Scenario minus the reference scenario, paired by replication.", 1, &contrast) < 0)
        goto cleanup;
    for (size_t c = 0; c < res->n_contrasts; c++)
        scen[c] = res->scenario_names[res->contrast_scenario[c]];
    if (write_1d(w, group, "contrast_scenario", res->n_contrasts, scen, NULL, "scenario of the contrast",
                 "The scenario compared with the reference in each contrast.", 0, &cs) < 0 ||
        attach_all(w, cs, "contrast_scenario", &contrast, 1) < 0)
        goto cleanup;
    hid_t full[4] = {contrast, root_scales[DIM_REPLICATION], root_scales[DIM_YEAR], root_scales[DIM_REGION]};
    hid_t summary[3] = {contrast, root_scales[DIM_YEAR], root_scales[DIM_REGION]};
    hsize_t sdims[3] = {res->n_contrasts, res->n_years, res->n_regions};
    for (size_t i = 0; i < res->n_indicators; i++) {
        if (interrupted && *interrupted)
            break;
        if (write_difference(w, group, res, i, full, dbuf, ibuf, interrupted) < 0) {
            if (w->status != TS_OK)
                goto cleanup;
            break;
        }
        const ts_indicator_def *def = &res->indicators[i];
        for (int k = 0; k < TS_STAT_COUNT; k++) {
            char name[256], long_name[512], description[2048];
            snprintf(name, sizeof name, "%s%s", def->name, ts_comparison_stat_suffix[k]);
            snprintf(long_name, sizeof long_name, "%s: %s", stat_long[k], def->long_name);
            snprintf(description, sizeof description, "%s; reference %s. NaN replications are left out. %s",
                     stat_text[k], ref, def->description);
            if (write_nd(w, group, name, 3, sdims, NULL, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                         ts_results_contrast_block(res, (ts_comparison_stat)k, i, 0), summary, def->units, long_name,
                         description) < 0)
                goto cleanup;
        }
    }
    rc = 0;
cleanup:
    free(scen);
    free(dbuf);
    free(ibuf);
    if (cs >= 0)
        H5Dclose(cs);
    if (contrast >= 0)
        H5Dclose(contrast);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

/* The group targets/: the target coordinate, each scenario's definition,
 * per-replication outcomes and the probability with its Wilson interval. */
static int write_targets(writer *w, hid_t file, const ts_results *res, const hid_t *root_scales)
{
    const size_t S = res->n_scenarios, T = res->n_targets, R = res->n_replications;
    int rc = -1;
    hid_t group = -1, target = -1;
    char **defs = calloc(S * T, sizeof *defs);
    int8_t *met = malloc(S * T * R * sizeof *met);
    int32_t *year = malloc(S * T * R * sizeof *year), *counts = malloc(2 * S * T * sizeof *counts);
    double *prob = malloc(3 * S * T * sizeof *prob);
    if (!defs || !met || !year || !counts || !prob) {
        w_nomem(w);
        goto cleanup;
    }
    /* (target, scenario) in memory, (scenario, target) in the file */
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < T; t++) {
            size_t at = s * T + t;
            defs[at] = res->target_definitions[t * S + s] ? res->target_definitions[t * S + s] : "";
            memcpy(met + at * R, res->target_met + (t * S + s) * R, R * sizeof *met);
            memcpy(year + at * R, res->target_year_met + (t * S + s) * R, R * sizeof *year);
            int64_t k, n;
            prob[at] = ts_targets_probability(res, t, s, &k, &n, &prob[S * T + at], &prob[2 * S * T + at]);
            counts[at] = (int32_t)k;
            counts[S * T + at] = (int32_t)n;
        }
    if ((group = create_group(w, file, "targets")) < 0 ||
        write_str_attr(w, group, "description",
                       "Scenario targets (scenario key targets:) evaluated in every replication, and the probability "
                       "of meeting each with its 95 % Wilson score interval. Targets of the same name in several "
                       "scenarios share one entry of the target dimension.") < 0 ||
        write_1d(w, group, "target", T, res->target_names, NULL, "target",
                 "Target name from the scenarios' targets: list, in order of first appearance.", 1, &target) < 0)
        goto cleanup;
    hid_t st[3] = {root_scales[DIM_SCENARIO], target, root_scales[DIM_REPLICATION]};
    hsize_t dims[3] = {S, T, R};
    if (write_nd(w, group, "definition", 2, dims, NULL, w->str_t, w->str_t, defs, st, NULL, "target definition",
                 "The target in words as the scenario defines it; empty where the scenario has no target of that "
                 "name.") < 0 ||
        write_nd(w, group, "met", 3, dims, NULL, H5T_STD_I8LE, H5T_NATIVE_INT8, met, st, "1", "target met",
                 "1 if the replication meets the target, 0 if not, -1 if not evaluated (the scenario has no target "
                 "of that name, or its year is outside the horizon).") < 0 ||
        write_nd(w, group, "year_met", 3, dims, NULL, H5T_STD_I32LE, H5T_NATIVE_INT32, year, st, "year",
                 "Year the target is first met",
                 "First school year y of the horizon for which the target, with its year set to y, is met in the "
                 "replication; -1 if in none.") < 0 ||
        write_nd(w, group, "probability", 2, dims, NULL, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, prob, st, "1",
                 "Probability of meeting the target",
                 "Share of the evaluated replications that meet the target (NaN where none is evaluated).") < 0 ||
        write_nd(w, group, "probability_lower", 2, dims, NULL, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, prob + S * T, st, "1",
                 "Lower end of the 95 % Wilson interval of the probability",
                 "Wilson score interval, z = 1.959964: (p + z^2/2n - z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).") <
            0 ||
        write_nd(w, group, "probability_upper", 2, dims, NULL, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, prob + 2 * S * T, st,
                 "1", "Upper end of the 95 % Wilson interval of the probability",
                 "Wilson score interval, z = 1.959964: (p + z^2/2n + z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).") <
            0 ||
        write_nd(w, group, "replications_met", 2, dims, NULL, H5T_STD_I32LE, H5T_NATIVE_INT32, counts, st,
                 "replications", "Replications meeting the target", "Replications in which met is 1.") < 0 ||
        write_nd(w, group, "replications_evaluated", 2, dims, NULL, H5T_STD_I32LE, H5T_NATIVE_INT32, counts + S * T, st,
                 "replications", "Replications evaluated", "Replications in which met is 0 or 1.") < 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(defs);
    free(met);
    free(year);
    free(counts);
    free(prob);
    if (target >= 0)
        H5Dclose(target);
    if (group >= 0)
        H5Gclose(group);
    return rc;
}

static int write_root_attrs(writer *w, hid_t file, const ts_results *res)
{
    int32_t version = TS_FORMAT_VERSION;
    int32_t reps = (int32_t)res->n_replications; /* ts_results_alloc keeps it within int32 */
    uint64_t seed = res->base_seed;
    if (write_str_attr(w, file, "format", TS_FORMAT_NAME) < 0 ||
        write_num_attr(w, file, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT32, &version) < 0 ||
        write_str_attr(w, file, "teachsim_version", res->teachsim_version) < 0 ||
        write_str_attr(w, file, "created_utc", res->created_utc) < 0 ||
        write_str_attr(w, file, "command_line", res->command_line) < 0 ||
        write_num_attr(w, file, "base_seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &seed) < 0 ||
        write_num_attr(w, file, "replications", H5T_STD_I32LE, H5T_NATIVE_INT32, &reps) < 0 ||
        write_str_attr(w, file, "provenance", res->provenance) < 0)
        return -1;
    return 0;
}

/* Everything inside the (temporary) HDF5 file; the caller owns the file. */
static int write_contents(writer *w, hid_t file, const ts_results *res, volatile sig_atomic_t *interrupted)
{
    int rc = -1;
    hid_t scales[N_DIMS] = {-1, -1, -1, -1};
    hid_t names_zh = -1, yaml = -1;
    int32_t *ints = NULL, *ibuf = NULL;
    size_t n_ints = res->n_replications > res->n_years ? res->n_replications : res->n_years;
    static const int dim_scenario[1] = {DIM_SCENARIO}, dim_region[1] = {DIM_REGION};

    if (!(ints = malloc(n_ints * sizeof *ints)) ||
        !(ibuf = malloc(res->n_replications * res->n_years * res->n_regions * sizeof *ibuf))) {
        w->status = ts_error_set(w->err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", w->path);
        goto cleanup;
    }
    if (write_root_attrs(w, file, res) < 0)
        goto cleanup;

    if (write_1d(w, file, "scenario", res->n_scenarios, res->scenario_names, NULL, "scenario",
                 "Scenario name, in the order given on the command line.", 1, &scales[DIM_SCENARIO]) < 0)
        goto cleanup;
    for (size_t r = 0; r < res->n_replications; r++)
        ints[r] = (int32_t)r;
    if (write_1d(w, file, "replication", res->n_replications, NULL, ints, "replication",
                 "Index of the Monte Carlo replication; its random stream derives from base_seed and this index.", 1,
                 &scales[DIM_REPLICATION]) < 0)
        goto cleanup;
    for (size_t y = 0; y < res->n_years; y++)
        ints[y] = (int32_t)(res->first_year + (int32_t)y);
    if (write_1d(w, file, "year", res->n_years, NULL, ints, "school year",
                 "Calendar year in which the school year starts (2021 = school year 2021/22).", 1,
                 &scales[DIM_YEAR]) < 0)
        goto cleanup;
    if (write_1d(w, file, "region", res->n_regions, res->region_codes, NULL, "region",
                 "County-level unit code; ALL is the whole area.", 1, &scales[DIM_REGION]) < 0)
        goto cleanup;
    if (write_1d(w, file, "region_name_zh", res->n_regions, res->region_names_zh, NULL, "region name (Chinese)",
                 "Chinese name of each region, for labels in plots.", 0, &names_zh) < 0 ||
        attach_scales(w, names_zh, "region_name_zh", scales, dim_region, 1) < 0)
        goto cleanup;
    if (write_1d(w, file, "scenario_yaml", res->n_scenarios, res->scenario_yaml, NULL, "resolved scenario",
                 "The fully resolved scenario (defaults filled in, extends applied), enough to re-run it.", 0,
                 &yaml) < 0 ||
        attach_scales(w, yaml, "scenario_yaml", scales, dim_scenario, 1) < 0)
        goto cleanup;

    for (size_t i = 0; i < res->n_indicators; i++) {
        if (interrupted && *interrupted)
            break;
        if (write_indicator(w, file, res, i, scales, ibuf, interrupted) < 0) {
            if (w->status != TS_OK)
                goto cleanup;
            break; /* interrupted mid-dataset */
        }
    }
    if (res->n_parameters > 0 && !(interrupted && *interrupted) && write_parameters(w, file, res, scales) < 0)
        goto cleanup;
    if (res->n_contrasts > 0 && !(interrupted && *interrupted) &&
        write_comparison(w, file, res, scales, interrupted) < 0)
        goto cleanup;
    if (res->n_targets > 0 && !(interrupted && *interrupted) && write_targets(w, file, res, scales) < 0)
        goto cleanup;
    rc = 0; /* an interruption is seen by the caller, which checks the flag again */
cleanup:
    free(ints);
    free(ibuf);
    if (yaml >= 0)
        H5Dclose(yaml);
    if (names_zh >= 0)
        H5Dclose(names_zh);
    for (int d = 0; d < N_DIMS; d++)
        if (scales[d] >= 0)
            H5Dclose(scales[d]);
    return rc;
}

/* Growth step of the in-memory file: about an eighth of the uncompressed
 * values, so a large file is built in a few reallocations, within 1..64 MiB. */
static size_t core_increment(const ts_results *res)
{
    size_t cells = res->n_scenarios * res->n_replications * res->n_years * res->n_regions;
    size_t bytes = 0;
    for (size_t i = 0; i < res->n_indicators; i++)
        bytes += cells * (res->indicators[i].kind == TS_VALUE_COUNT ? sizeof(int32_t) : sizeof(double));
    size_t inc = bytes / 8;
    if (inc < ((size_t)1 << 20))
        inc = (size_t)1 << 20;
    if (inc > ((size_t)64 << 20))
        inc = (size_t)64 << 20;
    return inc;
}

/* write(2) until done: it may write less than asked (signals, pipes, quotas). */
static int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The folder part of `path`, for messages and for fsync after the rename. */
static void folder_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, cap, ".");
    else if (slash == path)
        snprintf(out, cap, "/");
    else
        snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/*
 * Move the complete temporary file to `path`. Without force it must not
 * replace a file that appeared while we were writing: link() fails with
 * EEXIST instead, atomically. Where hard links are not supported (FAT, some
 * network and FUSE file systems) renameat2(RENAME_NOREPLACE) does the same;
 * where neither is, a check followed by rename() is the best left.
 */
static ts_status move_into_place(const char *tmp, const char *path, int force, ts_error *err)
{
    if (force) {
        if (rename(tmp, path) == 0)
            return TS_OK;
        return ts_error_set(err, TS_ERR_IO, "%s: cannot move the written results file into place: %s", path,
                            strerror(errno));
    }
    if (link(tmp, path) == 0) {
        unlink(tmp); /* both names are in one folder we just wrote to: this does not fail in practice */
        return TS_OK;
    }
    int e = errno;
    if (e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == ENOSYS || e == EMLINK) {
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
            return TS_OK;
        e = errno;
        if (e == EINVAL || e == ENOSYS || e == ENOTSUP) {
            struct stat st;
            if (lstat(path, &st) != 0 && errno == ENOENT) {
                if (rename(tmp, path) == 0)
                    return TS_OK;
                e = errno;
            } else {
                e = EEXIST;
            }
        }
    }
    if (e == EEXIST)
        return ts_error_set(err, TS_ERR_EXISTS, "%s: results file exists; use --force to replace it", path);
    return ts_error_set(err, TS_ERR_IO, "%s: cannot move the written results file into place: %s", path, strerror(e));
}

ts_status ts_results_write_h5(const ts_results *res, const char *path, int force, volatile sig_atomic_t *interrupted,
                              ts_error *err)
{
    writer w = {path, err, TS_OK, -1};
    char *tmp = NULL;
    void *image = NULL;
    char folder[4096];
    int fd = -1, tmp_exists = 0;
    hid_t fcpl = -1, fapl = -1, file = -1;
    ts_h5_quiet quiet = {0};
    struct stat st;

    /* Refuse before creating anything, so the existing file is not touched. */
    if (!force && lstat(path, &st) == 0)
        return ts_error_set(err, TS_ERR_EXISTS, "%s: results file exists; use --force to replace it", path);
    if (!res || !res->values || !res->scenario_names || !res->scenario_yaml || !res->region_codes ||
        !res->region_names_zh || (res->n_indicators > 0 && !res->indicators) || res->n_scenarios == 0 ||
        (res->n_parameters > 0 &&
         (!res->parameter_names || !res->parameter_units || !res->parameter_descriptions || !res->parameter_values)) ||
        (res->n_contrasts > 0 && (!res->contrast_labels || !res->contrast_scenario || !res->contrast_stats ||
                                  res->reference >= res->n_scenarios)) ||
        (res->n_targets > 0 &&
         (!res->target_names || !res->target_definitions || !res->target_met || !res->target_year_met)) ||
        res->n_replications == 0 || res->n_years == 0 || res->n_regions == 0)
        return ts_error_set(err, TS_ERR_RUN, "%s: cannot write results file: results are empty or incomplete", path);

    folder_of(path, folder, sizeof folder);
    size_t len = strlen(path);
    if (!(tmp = malloc(len + sizeof ".tmp.XXXXXX"))) {
        w.status = ts_error_set(err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", path);
        goto cleanup;
    }
    memcpy(tmp, path, len);
    memcpy(tmp + len, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    if ((fd = mkstemp(tmp)) < 0) {
        w.status =
            ts_error_set(err, TS_ERR_IO, "%s: cannot create temporary file in %s: %s", path, folder, strerror(errno));
        goto cleanup;
    }
    tmp_exists = 1;
    /* mkstemp creates 0600; a results file is for sharing, so give it what
     * open(O_CREAT, 0666) would have: the umask decides. The umask is read by
     * setting and restoring it, which is safe as no other thread creates files
     * while results are written. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask); /* failure only leaves the file private: not worth failing a run */

    /* HDF5 builds the file in memory (core driver, no backing store) and we
     * write its image ourselves. HDF5 1.10 crashes at exit after an H5Fclose
     * that failed on a full disk; keeping its I/O in memory means a full disk
     * or a quota is a write(2) error here, reported and cleaned up like any
     * other. The cost is the compressed file held in memory twice for a
     * moment, small beside the uncompressed values already there. */
    ts_h5_quiet_begin(&quiet);
    if ((fcpl = H5Pcreate(H5P_FILE_CREATE)) < 0 || H5Pset_link_creation_order(fcpl, TS_CRT_ORDER) < 0 ||
        H5Pset_attr_creation_order(fcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(fcpl, 0) < 0 ||
        (fapl = H5Pcreate(H5P_FILE_ACCESS)) < 0 || H5Pset_fapl_core(fapl, core_increment(res), 0) < 0 ||
        (file = H5Fcreate(tmp, H5F_ACC_TRUNC, fcpl, fapl)) < 0 || (w.str_t = ts_h5_utf8_type()) < 0) {
        w_h5_fail(&w, "creating %s", tmp);
        goto cleanup;
    }
    if (write_contents(&w, file, res, interrupted) < 0)
        goto cleanup;
    if (interrupted && *interrupted) {
        w.status = ts_error_set(err, TS_ERR_INTERRUPTED, "%s: interrupted; the results file was not written", path);
        goto cleanup;
    }
    /* H5Fget_file_image copies what the driver holds: flush the metadata
     * cache into it first. */
    if (H5Fflush(file, H5F_SCOPE_GLOBAL) < 0) {
        w_h5_fail(&w, "finishing %s", tmp);
        goto cleanup;
    }
    ssize_t image_size = H5Fget_file_image(file, NULL, 0);
    if (image_size < 0) {
        w_h5_fail(&w, "finishing %s", tmp);
        goto cleanup;
    }
    if (!(image = malloc(image_size ? (size_t)image_size : 1))) {
        w.status = ts_error_set(err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", path);
        goto cleanup;
    }
    if (H5Fget_file_image(file, image, (size_t)image_size) != image_size) {
        w_h5_fail(&w, "finishing %s", tmp);
        goto cleanup;
    }
    herr_t closed = H5Fclose(file);
    file = -1;
    if (closed < 0) {
        w_h5_fail(&w, "closing %s", tmp);
        goto cleanup;
    }
    if (write_all(fd, image, (size_t)image_size) < 0) {
        w.status =
            ts_error_set(err, TS_ERR_IO, "%s: cannot write results file: writing %s: %s", path, tmp, strerror(errno));
        goto cleanup;
    }
    free(image);
    image = NULL;
    /* The data must be on disk before the name points at it, or a crash could
     * leave a complete-looking name on an empty file; close() reports late
     * write errors on network file systems. */
    int synced = fsync(fd) == 0;
    int e = errno;
    int closed_fd = close(fd) == 0;
    fd = -1;
    if (!synced || !closed_fd) {
        w.status = ts_error_set(err, TS_ERR_IO, "%s: cannot write results file: flushing %s: %s", path, tmp,
                                strerror(synced ? errno : e));
        goto cleanup;
    }
    if ((w.status = move_into_place(tmp, path, force, err)) != TS_OK)
        goto cleanup;
    tmp_exists = 0;
    /* Make the new name durable too; failure here loses nothing written. */
    int dfd = open(folder, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }

cleanup:
    if (w.str_t >= 0)
        H5Tclose(w.str_t);
    if (file >= 0)
        H5Fclose(file);
    if (fapl >= 0)
        H5Pclose(fapl);
    if (fcpl >= 0)
        H5Pclose(fcpl);
    if (fd >= 0)
        close(fd);
    if (tmp_exists)
        unlink(tmp);
    ts_h5_quiet_end(&quiet);
    free(image);
    free(tmp);
    return w.status;
}
