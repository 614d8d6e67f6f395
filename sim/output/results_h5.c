/*
 * results_h5.c: the results file of ../shared/design/OUTPUT.md (format
 * `teachsim-results`, version 1): writing a ts_results as HDF5 with dimension
 * scales and variable-length UTF-8 strings (reading one back: results_h5_read.c).
 *
 * Owns: the file layout (coordinates, indicator datasets, attributes, chunk
 * shapes), creating it whole in a temporary file in the same folder, filling
 * it batch by batch of replications (ts_results_file_*), the comparison
 * statistics from the differences read back, the "nothing is lost" order
 * (space reserved before HDF5 writes, fsync, then linked or renamed into
 * place: results_disk.c does the system calls) and the messages for the user
 * (from HDF5's error stack: results_h5_common.c). Does not own the ts_results
 * memory (results.c) nor the indicator table (indicators.c): the writer loops
 * over res->indicators.
 *
 * HDF5 is called from one thread only. The only process-wide state touched is
 * HDF5's automatic error printing, switched off while we run (we build our own
 * messages from the error stack) and restored before returning.
 */
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
#define TS_DEFLATE_LEVEL 4

/* Memory for one batch of replications held while a run streams to a file
 * (simulation.h): the value block of all indicators and scenarios. Changes
 * how many replications are computed between two writes, never a value. */
#define TS_BATCH_BYTES ((size_t)64 << 20)
/* Memory for the paired differences read back to compute their statistics. */
#define TS_STATS_BYTES ((size_t)64 << 20)
/* Disk space kept free for the file's metadata (object headers, attributes,
 * chunk indexes, written at close), and per chunk for its index entry. */
#define TS_METADATA_BYTES ((uint64_t)8 << 20)
#define TS_CHUNK_INDEX_BYTES 64

#define TS_CRT_ORDER (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED)

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

/* ---- chunk shape and batches ------------------------------------------------- */

/* Replications that a batch of the memory budget holds (at least 1). */
static size_t budget_replications(const ts_results *res)
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
    size_t half = budget_replications(res) / 2;
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

size_t ts_results_batch_replications(const ts_results *res)
{
    size_t unit = 2 * ts_results_chunk_replications(res); /* a chunk row of the int32 datasets */
    size_t budget = budget_replications(res);
    size_t b = budget < unit ? unit : budget / unit * unit;
    return b < res->n_replications ? b : res->n_replications;
}

/* The chunk of a dataset of shape (first, replication, year, region). */
static void chunk_shape(const ts_results *res, int is_count, hsize_t chunk[N_DIMS])
{
    size_t rc = ts_results_chunk_replications(res) * (is_count ? 2 : 1);
    chunk[0] = 1;
    chunk[1] = rc < res->n_replications ? rc : res->n_replications;
    chunk[2] = res->n_years;
    chunk[3] = chunk_regions(res);
}

/* Attach scales[d] to dimension d of dset, for d < rank. */
static int attach_all(writer *w, hid_t dset, const char *name, const hid_t *scales, int rank)
{
    for (int d = 0; d < rank; d++)
        if (H5DSattach_scale(dset, scales[d], (unsigned)d) < 0)
            return w_h5_fail(w, "attaching dimension %d to %s", d, name);
    return 0;
}

/* ---- the open file ------------------------------------------------------------ */

enum { TG_DEFINITION, TG_MET, TG_YEAR_MET, TG_PROBABILITY, TG_LOWER, TG_UPPER, TG_N_MET, TG_N_EVALUATED, TG_COUNT };

struct ts_results_file {
    writer w;
    char *path; /* copies: the caller's strings may go */
    char *tmp;
    char folder[4096];
    int fd; /* our own descriptor of the temporary file: reserving space, syncing */
    int tmp_exists, force;
    hid_t fcpl, dapl, file;
    hid_t scales[N_DIMS];
    hid_t *ind;  /* per indicator */
    hid_t *diff; /* per indicator: comparison/<name> */
    hid_t *stat; /* per indicator and statistic: comparison/<name>_mean ... */
    hid_t *par;  /* per uncertain parameter */
    hid_t tg[TG_COUNT];
    size_t n_ind, n_par, n_contrasts, n_targets, n_scenarios, n_replications, n_years, n_regions;
    uint64_t reserved; /* bytes reserved on disk, from the start of the file */
    ts_h5_quiet quiet;
};

/* ---- space on disk ------------------------------------------------------------ */

/* Make sure the file can grow by `more` bytes of data and its metadata
 * (results_disk.c): a full disk, quota or file-size limit is found here,
 * before HDF5 writes. Counted from what the file takes now (chunks go to the
 * file compressed as each batch is written), so a run needs free space for
 * its compressed file plus one batch uncompressed, not for all its values. */
static int reserve(ts_results_file *f, uint64_t more)
{
    uint64_t now = 0;
    struct stat st;
    hsize_t h5size = 0;
    if (fstat(f->fd, &st) == 0)
        now = (uint64_t)st.st_size;
    if (f->file >= 0 && H5Fget_filesize(f->file, &h5size) >= 0 && (uint64_t)h5size > now)
        now = (uint64_t)h5size; /* space allocated, not yet written */
    int e = ts_disk_reserve(f->fd, now + more + TS_METADATA_BYTES, &f->reserved);
    if (e) {
        f->w.status = ts_error_set(f->w.err, TS_ERR_IO, "%s: cannot write results file: writing %s: %s", f->path,
                                   f->tmp, strerror(e));
        return -1;
    }
    return 0;
}

/* What a dataset of shape (first, replication, year, region) may take on
 * disk for the replications [r0, r0 + n): every chunk row it touches, whole
 * (an edge chunk is stored whole; deflate that does not shrink a chunk
 * stores it as it is), plus its index. */
static uint64_t slab_bound(const ts_results *res, int is_count, size_t first, size_t r0, size_t n)
{
    hsize_t chunk[N_DIMS];
    chunk_shape(res, is_count, chunk);
    uint64_t rows = (r0 + n + chunk[1] - 1) / chunk[1] - r0 / chunk[1];
    uint64_t per_row = ((res->n_years + chunk[2] - 1) / chunk[2]) * ((res->n_regions + chunk[3] - 1) / chunk[3]);
    uint64_t bytes = chunk[1] * chunk[2] * chunk[3] * (is_count ? sizeof(int32_t) : sizeof(double));
    return first * rows * per_row * (bytes + TS_CHUNK_INDEX_BYTES);
}

/* ---- creating everything ------------------------------------------------------- */

static hid_t dataset_access(void)
{
    /* No chunk cache: batches write whole chunk rows, which then go straight
     * to the file instead of sitting, uncompressed, in a cache of every open
     * dataset. */
    hid_t dapl = H5Pcreate(H5P_DATASET_ACCESS);
    if (dapl >= 0 && H5Pset_chunk_cache(dapl, 0, 0, 1.0) < 0) {
        H5Pclose(dapl);
        return -1;
    }
    return dapl;
}

/*
 * A dataset `name` in loc of the given shape and file type, created (not
 * written) with its dimensions attached and the three attributes, in that
 * order. chunk != NULL makes it chunked and compressed like the indicators.
 */
static hid_t create_nd(ts_results_file *f, hid_t loc, const char *name, const char *shown, int rank,
                       const hsize_t *dims, const hsize_t *chunk, hid_t file_type, const hid_t *scales,
                       const char *units, const char *long_name, const char *description)
{
    writer *w = &f->w;
    hid_t space = -1, dcpl = -1, dset = -1;
    if ((space = H5Screate_simple(rank, dims, NULL)) < 0 || (dcpl = dataset_plist()) < 0 ||
        (chunk && (H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
                   H5Pset_deflate(dcpl, TS_DEFLATE_LEVEL) < 0)) ||
        (dset = H5Dcreate2(loc, name, file_type, space, H5P_DEFAULT, dcpl, chunk ? f->dapl : H5P_DEFAULT)) < 0) {
        w_h5_fail(w, "creating dataset %s", shown);
        goto fail;
    }
    for (int d = 0; d < rank; d++)
        if (H5DSattach_scale(dset, scales[d], (unsigned)d) < 0) {
            w_h5_fail(w, "attaching dimension %d to %s", d, shown);
            goto fail;
        }
    if ((units && write_str_attr(w, dset, "units", units) < 0) || write_str_attr(w, dset, "long_name", long_name) < 0 ||
        write_str_attr(w, dset, "description", description) < 0)
        goto fail;
    H5Pclose(dcpl);
    H5Sclose(space);
    return dset;
fail:
    if (dset >= 0)
        H5Dclose(dset);
    if (dcpl >= 0)
        H5Pclose(dcpl);
    if (space >= 0)
        H5Sclose(space);
    return -1;
}

/* Write a whole dataset made by create_nd. */
static int fill(writer *w, hid_t dset, hid_t mem_type, const void *data, const char *shown)
{
    if (H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
        return w_h5_fail(w, "writing dataset %s", shown);
    return 0;
}

static int w_nomem(writer *w)
{
    w->status = ts_error_set(w->err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", w->path);
    return -1;
}

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

static int write_root_attrs(writer *w, hid_t file, const ts_results *res)
{
    int32_t version = TS_FORMAT_VERSION;
    int32_t reps = (int32_t)res->n_replications; /* ts_results_alloc keeps it within int32 */
    uint64_t seed = res->provenance.base_seed;
    if (write_str_attr(w, file, "format", TS_FORMAT_NAME) < 0 ||
        write_num_attr(w, file, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT32, &version) < 0 ||
        write_str_attr(w, file, "teachsim_version", res->provenance.teachsim_version) < 0 ||
        write_str_attr(w, file, "created_utc", res->provenance.created_utc) < 0 ||
        write_str_attr(w, file, "command_line", res->provenance.command_line) < 0 ||
        write_num_attr(w, file, "base_seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &seed) < 0 ||
        write_num_attr(w, file, "replications", H5T_STD_I32LE, H5T_NATIVE_INT32, &reps) < 0 ||
        write_str_attr(w, file, "provenance", res->provenance.build) < 0)
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
    static const int dim_scenario[1] = {DIM_SCENARIO}, dim_region[1] = {DIM_REGION};
    if (!ints) {
        w_nomem(w);
        goto cleanup;
    }
    if (write_root_attrs(w, f->file, res) < 0 ||
        write_1d(w, f->file, "scenario", res->n_scenarios, res->labels.scenario_names, NULL, "scenario",
                 "Scenario name, in the order given on the command line.", 1, &f->scales[DIM_SCENARIO]) < 0)
        goto cleanup;
    for (size_t r = 0; r < res->n_replications; r++)
        ints[r] = (int32_t)r;
    if (write_1d(w, f->file, "replication", res->n_replications, NULL, ints, "replication",
                 "Index of the Monte Carlo replication; its random stream derives from base_seed and this index.", 1,
                 &f->scales[DIM_REPLICATION]) < 0)
        goto cleanup;
    for (size_t y = 0; y < res->n_years; y++)
        ints[y] = (int32_t)(res->first_year + (int32_t)y);
    if (write_1d(w, f->file, "year", res->n_years, NULL, ints, "school year",
                 "Calendar year in which the school year starts (2021 = school year 2021/22).", 1,
                 &f->scales[DIM_YEAR]) < 0 ||
        write_1d(w, f->file, "region", res->n_regions, res->labels.region_codes, NULL, "region",
                 "County-level unit code; ALL is the whole area.", 1, &f->scales[DIM_REGION]) < 0 ||
        write_1d(w, f->file, "region_name_zh", res->n_regions, res->labels.region_names_zh, NULL,
                 "region name (Chinese)", "Chinese name of each region, for labels in plots.", 0, &names_zh) < 0 ||
        attach_scales(w, names_zh, "region_name_zh", f->scales, dim_region, 1) < 0 ||
        write_1d(w, f->file, "scenario_yaml", res->n_scenarios, res->labels.scenario_yaml, NULL, "resolved scenario",
                 "The fully resolved scenario (defaults filled in, extends applied), enough to re-run it.", 0,
                 &yaml) < 0 ||
        attach_scales(w, yaml, "scenario_yaml", f->scales, dim_scenario, 1) < 0)
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

static int create_indicators(ts_results_file *f, const ts_results *res)
{
    hsize_t dims[N_DIMS] = {res->n_scenarios, res->n_replications, res->n_years, res->n_regions}, chunk[N_DIMS];
    for (size_t i = 0; i < res->n_indicators; i++) {
        const ts_indicator_def *def = &res->indicators[i];
        int is_count = def->kind == TS_VALUE_COUNT;
        chunk_shape(res, is_count, chunk);
        if ((f->ind[i] = create_nd(f, f->file, def->name, def->name, N_DIMS, dims, chunk,
                                   is_count ? H5T_STD_I32LE : H5T_IEEE_F64LE, f->scales, def->units, def->long_name,
                                   def->description)) < 0)
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
    hid_t group = create_group(&f->w, f->file, "parameters");
    if (group < 0 ||
        write_str_attr(&f->w, group, "description",
                       "Scenario parameters given as distributions: the value each replication drew, by "
                       "scenario and replication (NaN where a scenario gives the key a plain number).") < 0)
        goto cleanup;
    for (size_t p = 0; p < res->parameters.n; p++) {
        const char *name = res->parameters.names[p] ? res->parameters.names[p] : "";
        char shown[300];
        snprintf(shown, sizeof shown, "parameters/%s", name);
        if ((f->par[p] = create_nd(f, group, name, shown, 2, dims, NULL, H5T_IEEE_F64LE, sr, res->parameters.units[p],
                                   name, res->parameters.descriptions[p])) < 0)
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
        w_nomem(w);
        goto cleanup;
    }
    if ((group = create_group(w, f->file, "comparison")) < 0)
        goto cleanup;
    const char *ref = res->labels.scenario_names[res->contrasts.reference];
    char about[1024];
    snprintf(about, sizeof about,
             "Paired differences: each scenario minus the reference scenario %s in the same replication (the "
             "replications of a run share their random numbers teacher by teacher), per replication and as mean, "
             "standard error and 5, 50 and 95 %% points over replications.",
             ref);
    if (write_str_attr(w, group, "description", about) < 0 || write_str_attr(w, group, "reference", ref) < 0)
        goto cleanup;
    if (write_1d(w, group, "contrast", res->contrasts.n, res->contrasts.labels, NULL, "contrast",
                 "Scenario minus the reference scenario, paired by replication.", 1, &contrast) < 0)
        goto cleanup;
    for (size_t c = 0; c < res->contrasts.n; c++)
        scen[c] = res->labels.scenario_names[res->contrasts.scenario[c]];
    if (write_1d(w, group, "contrast_scenario", res->contrasts.n, scen, NULL, "scenario of the contrast",
                 "The scenario compared with the reference in each contrast.", 0, &cs) < 0 ||
        attach_all(w, cs, "contrast_scenario", &contrast, 1) < 0)
        goto cleanup;
    hid_t full[4] = {contrast, f->scales[DIM_REPLICATION], f->scales[DIM_YEAR], f->scales[DIM_REGION]};
    hid_t summary[3] = {contrast, f->scales[DIM_YEAR], f->scales[DIM_REGION]};
    hsize_t dims[4] = {res->contrasts.n, res->n_replications, res->n_years, res->n_regions}, chunk[4];
    hsize_t sdims[3] = {res->contrasts.n, res->n_years, res->n_regions};
    for (size_t i = 0; i < res->n_indicators; i++) {
        const ts_indicator_def *def = &res->indicators[i];
        int is_count = def->kind == TS_VALUE_COUNT;
        char long_name[512], description[2048], shown[300];
        snprintf(shown, sizeof shown, "comparison/%s", def->name);
        snprintf(long_name, sizeof long_name, "Paired difference: %s", def->long_name);
        snprintf(description, sizeof description,
                 "Scenario minus the reference scenario (%s) in the same replication, which shares its random "
                 "numbers (common random numbers). %s",
                 ref, def->description);
        chunk_shape(res, is_count, chunk);
        if ((f->diff[i] =
                 create_nd(f, group, def->name, shown, 4, dims, chunk, is_count ? H5T_STD_I32LE : H5T_IEEE_F64LE, full,
                           def->units, long_name, description)) < 0)
            goto cleanup;
        for (int k = 0; k < TS_STAT_COUNT; k++) {
            char name[256];
            snprintf(name, sizeof name, "%s%s", def->name, ts_comparison_stat_suffix[k]);
            snprintf(shown, sizeof shown, "comparison/%s", name);
            snprintf(long_name, sizeof long_name, "%s: %s", stat_long[k], def->long_name);
            snprintf(description, sizeof description, "%s; reference %s. NaN replications are left out. %s",
                     stat_text[k], ref, def->description);
            if ((f->stat[i * TS_STAT_COUNT + (size_t)k] =
                     create_nd(f, group, name, shown, 3, sdims, NULL, H5T_IEEE_F64LE, summary, def->units, long_name,
                               description)) < 0)
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
        w_nomem(w);
        goto cleanup;
    }
    /* (target, scenario) in memory, (scenario, target) in the file */
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < T; t++)
            defs[s * T + t] = res->targets.definitions[t * S + s] ? res->targets.definitions[t * S + s] : "";
    if ((group = create_group(w, f->file, "targets")) < 0 ||
        write_str_attr(w, group, "description",
                       "Scenario targets (scenario key targets:) evaluated in every replication, and the probability "
                       "of meeting each with its 95 % Wilson score interval. Targets of the same name in several "
                       "scenarios share one entry of the target dimension.") < 0 ||
        write_1d(w, group, "target", T, res->targets.names, NULL, "target",
                 "Target name from the scenarios' targets: list, in order of first appearance.", 1, &target) < 0)
        goto cleanup;
    hid_t st[3] = {f->scales[DIM_SCENARIO], target, f->scales[DIM_REPLICATION]};
    hsize_t dims[3] = {S, T, res->n_replications};
    if ((f->tg[TG_DEFINITION] = create_nd(f, group, "definition", "targets/definition", 2, dims, NULL, w->str_t, st,
                                          NULL, "target definition",
                                          "The target in words as the scenario defines it; empty where the scenario "
                                          "has no target of that name.")) < 0 ||
        fill(w, f->tg[TG_DEFINITION], w->str_t, defs, "targets/definition") < 0 ||
        (f->tg[TG_MET] = create_nd(f, group, "met", "targets/met", 3, dims, NULL, H5T_STD_I8LE, st, "1", "target met",
                                   "1 if the replication meets the target, 0 if not, -1 if not evaluated (the "
                                   "scenario has no target of that name, or its year is outside the horizon).")) < 0 ||
        (f->tg[TG_YEAR_MET] = create_nd(f, group, "year_met", "targets/year_met", 3, dims, NULL, H5T_STD_I32LE, st,
                                        "year", "Year the target is first met",
                                        "First school year y of the horizon for which the target, with its year set "
                                        "to y, is met in the replication; -1 if in none.")) < 0 ||
        (f->tg[TG_PROBABILITY] = create_nd(f, group, "probability", "targets/probability", 2, dims, NULL,
                                           H5T_IEEE_F64LE, st, "1", "Probability of meeting the target",
                                           "Share of the evaluated replications that meet the target (NaN where none "
                                           "is evaluated).")) < 0 ||
        (f->tg[TG_LOWER] =
             create_nd(f, group, "probability_lower", "targets/probability_lower", 2, dims, NULL, H5T_IEEE_F64LE, st,
                       "1", "Lower end of the 95 % Wilson interval of the probability",
                       "Wilson score interval, z = 1.959964: (p + z^2/2n - z sqrt(p(1-p)/n + z^2/4n^2)) "
                       "/ (1 + z^2/n).")) < 0 ||
        (f->tg[TG_UPPER] =
             create_nd(f, group, "probability_upper", "targets/probability_upper", 2, dims, NULL, H5T_IEEE_F64LE, st,
                       "1", "Upper end of the 95 % Wilson interval of the probability",
                       "Wilson score interval, z = 1.959964: (p + z^2/2n + z sqrt(p(1-p)/n + z^2/4n^2)) "
                       "/ (1 + z^2/n).")) < 0 ||
        (f->tg[TG_N_MET] =
             create_nd(f, group, "replications_met", "targets/replications_met", 2, dims, NULL, H5T_STD_I32LE, st,
                       "replications", "Replications meeting the target", "Replications in which met is 1.")) < 0 ||
        (f->tg[TG_N_EVALUATED] = create_nd(f, group, "replications_evaluated", "targets/replications_evaluated", 2,
                                           dims, NULL, H5T_STD_I32LE, st, "replications", "Replications evaluated",
                                           "Replications in which met is 0 or 1.")) < 0)
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

/* ---- batches of replications ---------------------------------------------------- */

/* Convert n values of a count indicator to int32. A count that is not a
 * whole number in int32 range is a bug in the model, not something to round
 * away silently; `what` says where for the message (k is the value's index in
 * a [replication][year][region] block starting at replication r0). */
static int counts_to_int32(writer *w, const ts_results *res, const double *v, size_t n, size_t r0, const char *what,
                           const char *scenario, int32_t *out)
{
    for (size_t k = 0; k < n; k++) {
        double x = v[k];
        if (!(x == trunc(x)) || x < (double)INT32_MIN || x > (double)INT32_MAX) {
            size_t g = k % res->n_regions, y = (k / res->n_regions) % res->n_years,
                   r = r0 + k / (res->n_regions * res->n_years);
            w->status = ts_error_set(w->err, TS_ERR_RUN,
                                     "%s: cannot write results file: %s holds %.17g, not a whole number in int32 range "
                                     "(%s, replication %zu, year %lld, region %s)",
                                     w->path, what, x, scenario, r, (long long)res->first_year + (long long)y,
                                     res->labels.region_codes[g] ? res->labels.region_codes[g] : "?");
            return -1;
        }
        out[k] = (int32_t)x;
    }
    return 0;
}

/* Write replications [r0, r0 + n) of slab `index` (a scenario or a contrast)
 * of a dataset of shape (first, replication, year, region). */
static int write_rows(writer *w, const ts_results *res, hid_t dset, size_t index, size_t r0, size_t n, int is_count,
                      const void *buf, const char *shown)
{
    hsize_t start[N_DIMS] = {index, r0, 0, 0}, count[N_DIMS] = {1, n, res->n_years, res->n_regions};
    hid_t space = -1, mspace = -1;
    int rc = -1;
    if ((space = H5Dget_space(dset)) < 0 || (mspace = H5Screate_simple(N_DIMS, count, NULL)) < 0 ||
        H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL) < 0 ||
        H5Dwrite(dset, is_count ? H5T_NATIVE_INT32 : H5T_NATIVE_DOUBLE, mspace, space, H5P_DEFAULT, buf) < 0)
        w_h5_fail(w, "writing dataset %s", shown);
    else
        rc = 0;
    if (mspace >= 0)
        H5Sclose(mspace);
    if (space >= 0)
        H5Sclose(space);
    return rc;
}

static int check_same_shape(ts_results_file *f, const ts_results *res)
{
    if (res->n_indicators != f->n_ind || res->n_scenarios != f->n_scenarios ||
        res->n_replications != f->n_replications || res->n_years != f->n_years || res->n_regions != f->n_regions ||
        res->contrasts.n != f->n_contrasts || res->parameters.n != f->n_par || res->targets.n != f->n_targets) {
        f->w.status = ts_error_set(f->w.err, TS_ERR_RUN,
                                   "%s: cannot write results file: the results changed shape while written", f->path);
        return -1;
    }
    return 0;
}

ts_status ts_results_file_write_held(ts_results_file *f, const ts_results *res, volatile sig_atomic_t *interrupted,
                                     ts_error *err)
{
    writer *w = &f->w;
    w->err = err;
    if (w->status != TS_OK)
        return ts_error_set(err, w->status, "%s: cannot write results file: an earlier write failed", f->path);
    if (check_same_shape(f, res) < 0)
        return w->status;
    const size_t r0 = res->first_held, n = res->n_held, cells = n * res->n_years * res->n_regions;
    if (!res->values || n == 0 || r0 + n > res->n_replications) {
        w->status = ts_error_set(err, TS_ERR_RUN, "%s: cannot write results file: no replications held", f->path);
        return w->status;
    }
    int32_t *ibuf = malloc(cells * sizeof *ibuf);
    double *dbuf = res->contrasts.n ? malloc(cells * sizeof *dbuf) : NULL;
    uint64_t bound = 0;
    for (size_t i = 0; i < res->n_indicators; i++) {
        int is_count = res->indicators[i].kind == TS_VALUE_COUNT;
        bound += slab_bound(res, is_count, res->n_scenarios + res->contrasts.n, r0, n);
    }
    if (!ibuf || (res->contrasts.n && !dbuf))
        w_nomem(w);
    else
        reserve(f, bound);
    for (size_t i = 0; w->status == TS_OK && i < res->n_indicators; i++) {
        const ts_indicator_def *def = &res->indicators[i];
        int is_count = def->kind == TS_VALUE_COUNT;
        char what[300];
        for (size_t s = 0; w->status == TS_OK && s < res->n_scenarios; s++) {
            if (interrupted && *interrupted)
                break;
            const void *buf = ts_results_block(res, i, s, r0);
            char scen[300];
            snprintf(what, sizeof what, "count indicator %s", def->name);
            snprintf(scen, sizeof scen, "scenario %s",
                     res->labels.scenario_names[s] ? res->labels.scenario_names[s] : "?");
            if (is_count && counts_to_int32(w, res, buf, cells, r0, what, scen, ibuf) < 0)
                break;
            write_rows(w, res, f->ind[i], s, r0, n, is_count, is_count ? (const void *)ibuf : buf, def->name);
        }
        for (size_t c = 0; w->status == TS_OK && c < res->contrasts.n; c++) {
            if (interrupted && *interrupted)
                break;
            char shown[300], scen[300];
            snprintf(shown, sizeof shown, "comparison/%s", def->name);
            snprintf(what, sizeof what, "paired difference of %s", def->name);
            snprintf(scen, sizeof scen, "contrast %s", res->contrasts.labels[c]);
            ts_comparison_difference(res, i, c, dbuf);
            if (is_count && counts_to_int32(w, res, dbuf, cells, r0, what, scen, ibuf) < 0)
                break;
            write_rows(w, res, f->diff[i], c, r0, n, is_count, is_count ? (const void *)ibuf : dbuf, shown);
        }
    }
    free(ibuf);
    free(dbuf);
    if (w->status == TS_OK && interrupted && *interrupted)
        return ts_error_set(err, TS_ERR_INTERRUPTED, "%s: interrupted; the results file was not written", f->path);
    return w->status;
}

/* ---- the end: statistics, small datasets, close, rename ----------------------------- */

/*
 * The statistics of one indicator's paired differences for every contrast,
 * into stats[k][c][y][g], read back from the file: a block of regions of
 * every replication and year at a time, at most TS_STATS_BYTES (or one
 * region's R x Y values, if more), whole chunk columns where that fits. The
 * values read are those written, so the statistics are those of the
 * differences in memory, in replication order (ts_comparison_stats).
 */
static int stats_from_file(ts_results_file *f, const ts_results *res, size_t i, double *stats)
{
    writer *w = &f->w;
    const size_t R = res->n_replications, Y = res->n_years, G = res->n_regions, C = res->contrasts.n;
    hsize_t chunk[N_DIMS];
    chunk_shape(res, res->indicators[i].kind == TS_VALUE_COUNT, chunk);
    size_t per_region = R * Y * sizeof(double), gs = per_region >= TS_STATS_BYTES ? 1 : TS_STATS_BYTES / per_region;
    if (gs >= chunk[3])
        gs = gs / chunk[3] * chunk[3];
    if (gs > G)
        gs = G;
    int rc = -1;
    double *slab = malloc(R * Y * gs * sizeof *slab), *column = malloc(R * sizeof *column);
    hid_t space = -1, mspace = -1;
    if (!slab || !column) {
        w_nomem(w);
        goto cleanup;
    }
    if ((space = H5Dget_space(f->diff[i])) < 0) {
        w_h5_fail(w, "reading back comparison/%s", res->indicators[i].name);
        goto cleanup;
    }
    for (size_t c = 0; c < C; c++)
        for (size_t g0 = 0; g0 < G; g0 += gs) {
            size_t ng = G - g0 < gs ? G - g0 : gs;
            hsize_t start[N_DIMS] = {c, 0, 0, g0}, count[N_DIMS] = {1, R, Y, ng};
            if ((mspace = H5Screate_simple(N_DIMS, count, NULL)) < 0 ||
                H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL) < 0 ||
                H5Dread(f->diff[i], H5T_NATIVE_DOUBLE, mspace, space, H5P_DEFAULT, slab) < 0) {
                w_h5_fail(w, "reading back comparison/%s", res->indicators[i].name);
                goto cleanup;
            }
            H5Sclose(mspace);
            mspace = -1;
            for (size_t y = 0; y < Y; y++)
                for (size_t g = 0; g < ng; g++) {
                    for (size_t r = 0; r < R; r++)
                        column[r] = slab[(r * Y + y) * ng + g];
                    double out[TS_STAT_COUNT];
                    ts_comparison_stats(column, R, out);
                    for (int k = 0; k < TS_STAT_COUNT; k++)
                        stats[(((size_t)k * C + c) * Y + y) * G + g0 + g] = out[k];
                }
        }
    rc = 0;
cleanup:
    if (mspace >= 0)
        H5Sclose(mspace);
    if (space >= 0)
        H5Sclose(space);
    free(slab);
    free(column);
    return rc;
}

/* Each indicator's statistics: from res when computed in memory
 * (ts_comparison_compute), else from the differences in the file. */
static int fill_comparison_stats(ts_results_file *f, const ts_results *res, volatile sig_atomic_t *interrupted)
{
    writer *w = &f->w;
    const size_t block = res->contrasts.n * res->n_years * res->n_regions;
    double *stats = res->contrasts.stats ? NULL : malloc(TS_STAT_COUNT * block * sizeof *stats);
    if (!res->contrasts.stats && !stats)
        return w_nomem(w);
    int rc = -1;
    for (size_t i = 0; i < res->n_indicators; i++) {
        if (interrupted && *interrupted)
            break;
        if (stats && stats_from_file(f, res, i, stats) < 0)
            goto cleanup;
        for (int k = 0; k < TS_STAT_COUNT; k++) {
            const double *v =
                stats ? stats + (size_t)k * block : ts_results_contrast_block(res, (ts_comparison_stat)k, i, 0);
            if (fill(w, f->stat[i * TS_STAT_COUNT + (size_t)k], H5T_NATIVE_DOUBLE, v, "comparison statistics") < 0)
                goto cleanup;
        }
    }
    rc = 0;
cleanup:
    free(stats);
    return rc;
}

static int fill_targets(ts_results_file *f, const ts_results *res)
{
    writer *w = &f->w;
    const size_t S = res->n_scenarios, T = res->targets.n, R = res->n_replications;
    int rc = -1;
    int8_t *met = malloc(S * T * R * sizeof *met);
    int32_t *year = malloc(S * T * R * sizeof *year), *counts = malloc(2 * S * T * sizeof *counts);
    double *prob = malloc(3 * S * T * sizeof *prob);
    if (!met || !year || !counts || !prob) {
        w_nomem(w);
        goto cleanup;
    }
    /* (target, scenario) in memory, (scenario, target) in the file */
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < T; t++) {
            size_t at = s * T + t;
            memcpy(met + at * R, res->targets.met + (t * S + s) * R, R * sizeof *met);
            memcpy(year + at * R, res->targets.year_met + (t * S + s) * R, R * sizeof *year);
            int64_t k, n;
            prob[at] = ts_targets_probability(res, t, s, &k, &n, &prob[S * T + at], &prob[2 * S * T + at]);
            counts[at] = (int32_t)k;
            counts[S * T + at] = (int32_t)n;
        }
    if (fill(w, f->tg[TG_MET], H5T_NATIVE_INT8, met, "targets/met") < 0 ||
        fill(w, f->tg[TG_YEAR_MET], H5T_NATIVE_INT32, year, "targets/year_met") < 0 ||
        fill(w, f->tg[TG_PROBABILITY], H5T_NATIVE_DOUBLE, prob, "targets/probability") < 0 ||
        fill(w, f->tg[TG_LOWER], H5T_NATIVE_DOUBLE, prob + S * T, "targets/probability_lower") < 0 ||
        fill(w, f->tg[TG_UPPER], H5T_NATIVE_DOUBLE, prob + 2 * S * T, "targets/probability_upper") < 0 ||
        fill(w, f->tg[TG_N_MET], H5T_NATIVE_INT32, counts, "targets/replications_met") < 0 ||
        fill(w, f->tg[TG_N_EVALUATED], H5T_NATIVE_INT32, counts + S * T, "targets/replications_evaluated") < 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(met);
    free(year);
    free(counts);
    free(prob);
    return rc;
}

/* Close every dataset; a close can fail (it flushes), which counts as a
 * write failure when nothing failed before. */
static void close_datasets(ts_results_file *f)
{
    hid_t *lists[] = {f->ind, f->diff, f->stat, f->par};
    size_t sizes[] = {f->n_ind, f->n_contrasts ? f->n_ind : 0, f->n_contrasts ? f->n_ind * TS_STAT_COUNT : 0, f->n_par};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (size_t k = 0; lists[l] && k < sizes[l]; k++)
            if (lists[l][k] >= 0) {
                if (H5Dclose(lists[l][k]) < 0 && f->w.status == TS_OK)
                    w_h5_fail(&f->w, "closing a dataset of %s", f->tmp);
                lists[l][k] = -1;
            }
    for (int k = 0; k < TG_COUNT; k++)
        if (f->tg[k] >= 0) {
            if (H5Dclose(f->tg[k]) < 0 && f->w.status == TS_OK)
                w_h5_fail(&f->w, "closing a dataset of %s", f->tmp);
            f->tg[k] = -1;
        }
    for (int d = 0; d < N_DIMS; d++)
        if (f->scales[d] >= 0) {
            H5Dclose(f->scales[d]);
            f->scales[d] = -1;
        }
}

void ts_results_file_abort(ts_results_file *f)
{
    if (!f)
        return;
    close_datasets(f);
    if (f->w.str_t >= 0)
        H5Tclose(f->w.str_t);
    if (f->file >= 0)
        H5Fclose(f->file);
    if (f->dapl >= 0)
        H5Pclose(f->dapl);
    if (f->fcpl >= 0)
        H5Pclose(f->fcpl);
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp_exists)
        unlink(f->tmp);
    ts_h5_quiet_end(&f->quiet);
    free(f->ind);
    free(f->diff);
    free(f->stat);
    free(f->par);
    free(f->tmp);
    free(f->path);
    free(f);
}

ts_status ts_results_file_finish(ts_results_file *f, const ts_results *res, volatile sig_atomic_t *interrupted,
                                 ts_error *err)
{
    writer *w = &f->w;
    w->err = err;
    ts_status st = TS_OK;
    if (w->status != TS_OK) {
        st = ts_error_set(err, w->status, "%s: cannot write results file: an earlier write failed", f->path);
        goto cleanup;
    }
    if (check_same_shape(f, res) < 0)
        goto fail;
    /* What is still to come: the statistics, the parameters and the targets
     * (uncompressed), and the metadata written when the file closes. */
    uint64_t more = (uint64_t)res->n_indicators * TS_STAT_COUNT * res->contrasts.n * res->n_years * res->n_regions * 8;
    more += (uint64_t)res->parameters.n * res->n_scenarios * res->n_replications * 8;
    more += (uint64_t)res->targets.n * res->n_scenarios * (res->n_replications * 5 + 40);
    if (reserve(f, more) < 0)
        goto fail;
    if (res->contrasts.n > 0 && fill_comparison_stats(f, res, interrupted) < 0)
        goto fail;
    for (size_t p = 0; p < res->parameters.n && !(interrupted && *interrupted); p++)
        if (fill(w, f->par[p], H5T_NATIVE_DOUBLE, res->parameters.values + p * res->n_scenarios * res->n_replications,
                 "parameters") < 0)
            goto fail;
    if (res->targets.n > 0 && !(interrupted && *interrupted) && fill_targets(f, res) < 0)
        goto fail;
    if (interrupted && *interrupted) {
        st = ts_error_set(err, TS_ERR_INTERRUPTED, "%s: interrupted; the results file was not written", f->path);
        goto cleanup;
    }
    close_datasets(f);
    if (w->status != TS_OK)
        goto fail;
    H5Tclose(w->str_t);
    w->str_t = -1;
    herr_t closed = H5Fclose(f->file);
    f->file = -1;
    if (closed < 0) {
        w_h5_fail(w, "closing %s", f->tmp);
        goto fail;
    }
    /* Give back the space reserved beyond the end (ftruncate to the same
     * size frees blocks allocated past it), then the data must be on disk
     * before the name points at it, or a crash could leave a complete-looking
     * name on an empty file; close() reports late write errors on network
     * file systems. */
    ts_disk_release(f->fd, f->reserved);
    int synced = fsync(f->fd) == 0;
    int e = errno;
    int closed_fd = close(f->fd) == 0;
    f->fd = -1;
    if (!synced || !closed_fd) {
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot write results file: flushing %s: %s", f->path, f->tmp,
                          strerror(synced ? errno : e));
        goto cleanup;
    }
    if ((st = ts_disk_move_into_place(f->tmp, f->path, f->force, err)) != TS_OK)
        goto cleanup;
    f->tmp_exists = 0;
    /* Make the new name durable too; failure here loses nothing written. */
    int dfd = open(f->folder, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    goto cleanup;
fail:
    st = w->status != TS_OK ? w->status : ts_error_set(err, TS_ERR_IO, "%s: cannot write results file", f->path);
cleanup:
    ts_results_file_abort(f);
    return st;
}

ts_status ts_results_file_create(ts_results_file **out, const ts_results *res, const char *path, int force,
                                 ts_error *err)
{
    struct stat st;
    *out = NULL;
    /* Refuse before creating anything, so the existing file is not touched. */
    if (!force && lstat(path, &st) == 0)
        return ts_error_set(err, TS_ERR_EXISTS, "%s: results file exists; use --force to replace it", path);
    if (!res || !res->labels.scenario_names || !res->labels.scenario_yaml || !res->labels.region_codes ||
        !res->labels.region_names_zh || (res->n_indicators > 0 && !res->indicators) || res->n_scenarios == 0 ||
        (res->parameters.n > 0 && (!res->parameters.names || !res->parameters.units || !res->parameters.descriptions ||
                                   !res->parameters.values)) ||
        (res->contrasts.n > 0 &&
         (!res->contrasts.labels || !res->contrasts.scenario || res->contrasts.reference >= res->n_scenarios)) ||
        (res->targets.n > 0 &&
         (!res->targets.names || !res->targets.definitions || !res->targets.met || !res->targets.year_met)) ||
        res->n_replications == 0 || res->n_years == 0 || res->n_regions == 0)
        return ts_error_set(err, TS_ERR_RUN, "%s: cannot write results file: results are empty or incomplete", path);

    ts_results_file *f = calloc(1, sizeof *f);
    if (!f)
        return ts_error_set(err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", path);
    f->w = (writer){NULL, err, TS_OK, -1};
    f->fd = -1;
    f->fcpl = f->dapl = f->file = -1;
    for (int d = 0; d < N_DIMS; d++)
        f->scales[d] = -1;
    for (int k = 0; k < TG_COUNT; k++)
        f->tg[k] = -1;
    f->force = force;
    f->n_ind = res->n_indicators;
    f->n_par = res->parameters.n;
    f->n_contrasts = res->contrasts.n;
    f->n_targets = res->targets.n;
    f->n_scenarios = res->n_scenarios;
    f->n_replications = res->n_replications;
    f->n_years = res->n_years;
    f->n_regions = res->n_regions;
    ts_h5_quiet_begin(&f->quiet);

    size_t len = strlen(path);
    f->path = malloc(len + 1);
    f->tmp = malloc(len + sizeof ".tmp.XXXXXX");
    size_t n_ind = res->n_indicators ? res->n_indicators : 1;
    f->ind = malloc(n_ind * sizeof *f->ind);
    f->diff = res->contrasts.n ? malloc(n_ind * sizeof *f->diff) : NULL;
    f->stat = res->contrasts.n ? malloc(n_ind * TS_STAT_COUNT * sizeof *f->stat) : NULL;
    f->par = res->parameters.n ? malloc(res->parameters.n * sizeof *f->par) : NULL;
    if (!f->path || !f->tmp || !f->ind || (res->contrasts.n && (!f->diff || !f->stat)) ||
        (res->parameters.n && !f->par)) {
        f->w.status = ts_error_set(err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", path);
        goto fail;
    }
    for (size_t i = 0; i < n_ind; i++)
        f->ind[i] = -1;
    for (size_t i = 0; f->diff && i < n_ind; i++)
        f->diff[i] = -1;
    for (size_t i = 0; f->stat && i < n_ind * TS_STAT_COUNT; i++)
        f->stat[i] = -1;
    for (size_t p = 0; f->par && p < res->parameters.n; p++)
        f->par[p] = -1;
    memcpy(f->path, path, len + 1);
    f->w.path = f->path;
    ts_disk_folder_of(path, f->folder, sizeof f->folder);
    memcpy(f->tmp, path, len);
    memcpy(f->tmp + len, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    if ((f->fd = mkstemp(f->tmp)) < 0) {
        f->w.status = ts_error_set(err, TS_ERR_IO, "%s: cannot create temporary file in %s: %s", path, f->folder,
                                   strerror(errno));
        goto fail;
    }
    f->tmp_exists = 1;
    /* mkstemp creates 0600; a results file is for sharing, so give it what
     * open(O_CREAT, 0666) would have: the umask decides. The umask is read by
     * setting and restoring it, which is safe as no other thread creates files
     * while results are written. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(f->fd, 0666 & ~mask); /* failure only leaves the file private: not worth failing a run */

    /* The layout and the small datasets first; reserve() makes sure they fit. */
    if (reserve(f, 0) < 0)
        goto fail;
    if ((f->fcpl = H5Pcreate(H5P_FILE_CREATE)) < 0 || H5Pset_link_creation_order(f->fcpl, TS_CRT_ORDER) < 0 ||
        H5Pset_attr_creation_order(f->fcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(f->fcpl, 0) < 0 ||
        (f->dapl = dataset_access()) < 0 || (f->file = H5Fcreate(f->tmp, H5F_ACC_TRUNC, f->fcpl, H5P_DEFAULT)) < 0 ||
        (f->w.str_t = ts_h5_utf8_type()) < 0) {
        w_h5_fail(&f->w, "creating %s", f->tmp);
        goto fail;
    }
    /* Every object in the order of format version 1, before any value: the
     * replications then only fill hyperslabs of datasets that exist. */
    if (create_root(f, res) < 0 || create_indicators(f, res) < 0 ||
        (res->parameters.n > 0 && create_parameters(f, res) < 0) ||
        (res->contrasts.n > 0 && create_comparison(f, res) < 0) || (res->targets.n > 0 && create_targets(f, res) < 0))
        goto fail;
    *out = f;
    return TS_OK;
fail:;
    ts_status s = f->w.status;
    ts_results_file_abort(f);
    return s;
}

ts_status ts_results_write_h5(const ts_results *res, const char *path, int force, volatile sig_atomic_t *interrupted,
                              ts_error *err)
{
    /* Results in memory are one batch: the same code writes them. */
    if (res && (!res->values || res->first_held != 0 || res->n_held != res->n_replications))
        return ts_error_set(err, TS_ERR_RUN, "%s: cannot write results file: results are empty or incomplete", path);
    ts_results_file *f;
    ts_status st = ts_results_file_create(&f, res, path, force, err);
    if (st != TS_OK)
        return st;
    if ((st = ts_results_file_write_held(f, res, interrupted, err)) != TS_OK) {
        ts_results_file_abort(f);
        return st;
    }
    return ts_results_file_finish(f, res, interrupted, err);
}
