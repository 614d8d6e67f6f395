/*
 * results_h5_objects.c: the HDF5 objects of the results file, one call each.
 *
 * Owns: the writer's messages (`PATH: cannot write results file: DOING:
 * REASON`), scalar attributes, the creation properties every dataset and
 * group shares (attributes in the order written, no timestamps, so the same
 * results give the same bytes), creating a dataset (once, for the
 * coordinates and for the datasets filled later), attaching dimension scales
 * and writing a whole dataset.
 * Does not own which objects the file has (results_h5_layout.c) nor when
 * they are written (results_h5.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <hdf5.h>
#include <hdf5_hl.h>

#include "results_h5_write.h"

#define TS_DEFLATE_LEVEL 4

int ts_h5w_fail(writer *w, const char *fmt, ...)
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

int ts_h5w_nomem(writer *w)
{
    w->status = ts_error_set(w->err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", w->path);
    return -1;
}

int ts_h5w_attr(writer *w, hid_t obj, const char *name, hid_t file_type, hid_t mem_type, const void *value)
{
    int rc = -1;
    hid_t space = -1, attr = -1;

    if ((space = H5Screate(H5S_SCALAR)) < 0 ||
        (attr = H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT)) < 0 ||
        H5Awrite(attr, mem_type, value) < 0) {
        ts_h5w_fail(w, "writing attribute %s", name);
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

int ts_h5w_str_attr(writer *w, hid_t obj, const char *name, const char *value)
{
    const char *v = value ? value : "";
    return ts_h5w_attr(w, obj, name, w->str_t, w->str_t, &v);
}

hid_t ts_h5w_dataset_access(void)
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

/* A dataset created, not written: the creation properties of every dataset
 * (attributes listed in the order written, like the variables; no
 * modification times in object headers, so the same results give the same
 * bytes, as netCDF-4 does) and, with chunk, chunked and compressed with the
 * access dapl. The dataset, or -1 with the message set: "creating dataset
 * SHOWN", or "VERB dataset SHOWN" when HDF5 refuses the dataset itself (a
 * coordinate, created and written in one go, says "writing"). */
static hid_t create_dataset(writer *w, hid_t loc, const char *name, const char *shown, int rank, const hsize_t *dims,
                            const hsize_t *chunk, hid_t file_type, hid_t dapl, const char *verb)
{
    hid_t space = -1, dcpl = -1, dset = -1;
    if ((space = H5Screate_simple(rank, dims, NULL)) < 0 || (dcpl = H5Pcreate(H5P_DATASET_CREATE)) < 0 ||
        H5Pset_attr_creation_order(dcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(dcpl, 0) < 0 ||
        (chunk && (H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
                   H5Pset_deflate(dcpl, TS_DEFLATE_LEVEL) < 0)))
        ts_h5w_fail(w, "creating dataset %s", shown);
    else if ((dset = H5Dcreate2(loc, name, file_type, space, H5P_DEFAULT, dcpl, chunk ? dapl : H5P_DEFAULT)) < 0)
        ts_h5w_fail(w, "%s dataset %s", verb, shown);
    if (dcpl >= 0)
        H5Pclose(dcpl);
    if (space >= 0)
        H5Sclose(space);
    return dset;
}

/* The attributes that describe a dataset, units only when given. */
static int describe(writer *w, hid_t dset, const char *units, const char *long_name, const char *description)
{
    if ((units && ts_h5w_str_attr(w, dset, "units", units) < 0) ||
        ts_h5w_str_attr(w, dset, "long_name", long_name) < 0 ||
        ts_h5w_str_attr(w, dset, "description", description) < 0)
        return -1;
    return 0;
}

/* The transfer of n strings: HDF5 converts variable-length strings through
 * a buffer of 1 MiB by default, allocated and cleared at every write, which
 * cost more than writing the few hundred strings of a coordinate (30 M
 * instructions for a file's 30 string datasets). A buffer the size of the
 * converted strings (16 bytes each in the file, up to the default) holds
 * them in one pass as before. H5P_DEFAULT where the list cannot be made. */
static hid_t string_transfer(hsize_t n)
{
    const hsize_t most = (hsize_t)1 << 20, each = 16;
    hsize_t size = n == 0 ? each : n > most / each ? most : n * each;
    hid_t dxpl = H5Pcreate(H5P_DATASET_XFER);
    if (dxpl >= 0 && H5Pset_buffer(dxpl, (size_t)size, NULL, NULL) < 0) {
        H5Pclose(dxpl);
        dxpl = -1;
    }
    return dxpl >= 0 ? dxpl : H5P_DEFAULT;
}

/* H5Dwrite of the whole dataset, strings through string_transfer. */
static herr_t write_whole(hid_t dset, hid_t mem_type, const void *data)
{
    if (H5Tis_variable_str(mem_type) <= 0)
        return H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    hid_t space = H5Dget_space(dset);
    hssize_t n = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
    if (space >= 0)
        H5Sclose(space);
    if (n < 0)
        return -1;
    hid_t dxpl = string_transfer((hsize_t)n);
    herr_t rc = H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, dxpl, data);
    if (dxpl != H5P_DEFAULT)
        H5Pclose(dxpl);
    return rc;
}

int ts_h5w_write_1d(writer *w, hid_t loc, const char *name, size_t n, char *const *strings, const int32_t *ints,
                    const char *long_name, const char *description, int scale, hid_t *out)
{
    int rc = -1;
    hid_t dset = -1;
    const char **tmp = NULL;
    hsize_t dim = n;

    *out = -1;
    if (strings && !(tmp = malloc(n * sizeof *tmp))) {
        ts_h5w_nomem(w);
        goto cleanup;
    }
    for (size_t i = 0; tmp && i < n; i++)
        tmp[i] = strings[i] ? strings[i] : "";
    if ((dset = create_dataset(w, loc, name, name, 1, &dim, NULL, strings ? w->str_t : H5T_STD_I32LE, H5P_DEFAULT,
                               "writing")) < 0)
        goto cleanup;
    if (strings ? write_whole(dset, w->str_t, tmp) < 0 : write_whole(dset, H5T_NATIVE_INT32, ints) < 0) {
        ts_h5w_fail(w, "writing dataset %s", name);
        goto cleanup;
    }
    if (scale && H5DSset_scale(dset, name) < 0) {
        ts_h5w_fail(w, "making %s a dimension scale", name);
        goto cleanup;
    }
    if (describe(w, dset, NULL, long_name, description) < 0)
        goto cleanup;
    *out = dset;
    dset = -1;
    rc = 0;
cleanup:
    free(tmp);
    if (dset >= 0)
        H5Dclose(dset);
    return rc;
}

/* The list of `scale`, found or added (holding a reference of its own, so
 * that the handle stays valid and unique until the list is written). */
static ts_h5w_scale_list *scale_list(writer *w, hid_t scale)
{
    for (size_t k = 0; k < w->n_lists; k++)
        if (w->lists[k].scale == scale)
            return &w->lists[k];
    if (w->n_lists == w->cap_lists) {
        size_t cap = w->cap_lists ? 2 * w->cap_lists : 16;
        ts_h5w_scale_list *more = realloc(w->lists, cap * sizeof *more);
        if (!more)
            return NULL;
        w->lists = more;
        w->cap_lists = cap;
    }
    if (H5Iinc_ref(scale) < 0)
        return NULL; /* scale is valid (H5Rcreate took it): only memory can fail here */
    w->lists[w->n_lists] = (ts_h5w_scale_list){scale, NULL, 0, 0};
    return &w->lists[w->n_lists++];
}

static int add_backref(ts_h5w_scale_list *list, hobj_ref_t dataset, int dimension)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? 2 * list->cap : 64;
        ts_h5w_backref *more = realloc(list->refs, cap * sizeof *more);
        if (!more)
            return -1;
        list->refs = more;
        list->cap = cap;
    }
    list->refs[list->n++] = (ts_h5w_backref){dataset, dimension};
    return 0;
}

/* The attribute `attr` of obj written whole from `data`: n elements, one
 * dimension, the same type in the file and in memory (as H5DS writes it). */
static int write_list_attr(hid_t obj, const char *attr, hid_t type, hsize_t n, const void *data)
{
    hid_t space = H5Screate_simple(1, &n, NULL), a = -1;
    int ok = space >= 0 && (a = H5Acreate2(obj, attr, type, space, H5P_DEFAULT, H5P_DEFAULT)) >= 0 &&
             H5Awrite(a, type, data) >= 0;
    if (a >= 0)
        H5Aclose(a);
    if (space >= 0)
        H5Sclose(space);
    return ok ? 0 : -1;
}

int ts_h5w_attach(writer *w, hid_t dset, const char *name, const hid_t *scales, int rank)
{
    /* What H5DSattach_scale leaves once every dimension is attached: on
     * dset, DIMENSION_LIST, one variable-length list of object references
     * per dimension (here one scale each); on each scale, an entry (dset,
     * dimension) appended to its REFERENCE_LIST. */
    hobj_ref_t refs[8], self;
    hvl_t dims[8];
    if (rank > 8 || H5Rcreate(&self, dset, ".", H5R_OBJECT, (hid_t)-1) < 0)
        return ts_h5w_fail(w, "attaching dimensions to %s", name);
    for (int d = 0; d < rank; d++) {
        if (H5Rcreate(&refs[d], scales[d], ".", H5R_OBJECT, (hid_t)-1) < 0)
            return ts_h5w_fail(w, "attaching dimension %d to %s", d, name);
        ts_h5w_scale_list *list = scale_list(w, scales[d]);
        if (!list || add_backref(list, self, d) < 0)
            return ts_h5w_nomem(w);
        dims[d] = (hvl_t){1, &refs[d]};
    }
    hid_t type = H5Tvlen_create(H5T_STD_REF_OBJ);
    int rc = type >= 0 && write_list_attr(dset, "DIMENSION_LIST", type, (hsize_t)rank, dims) == 0
                 ? 0
                 : ts_h5w_fail(w, "attaching dimensions to %s", name);
    if (type >= 0)
        H5Tclose(type);
    return rc;
}

int ts_h5w_write_scale_lists(writer *w)
{
    int rc = 0;
    hid_t type = H5Tcreate(H5T_COMPOUND, sizeof(ts_h5w_backref));
    if (type < 0 || H5Tinsert(type, "dataset", HOFFSET(ts_h5w_backref, dataset), H5T_STD_REF_OBJ) < 0 ||
        H5Tinsert(type, "dimension", HOFFSET(ts_h5w_backref, dimension), H5T_NATIVE_INT) < 0)
        rc = ts_h5w_fail(w, "attaching dimension scales");
    for (size_t k = 0; rc == 0 && k < w->n_lists; k++) {
        ts_h5w_scale_list *list = &w->lists[k];
        if (write_list_attr(list->scale, "REFERENCE_LIST", type, list->n, list->refs) < 0) {
            char scale[256] = "?";
            (void)H5Iget_name(list->scale, scale, sizeof scale);
            rc = ts_h5w_fail(w, "attaching dimension scale %s", scale);
        }
    }
    if (type >= 0)
        H5Tclose(type);
    ts_h5w_release_scale_lists(w);
    return rc;
}

void ts_h5w_release_scale_lists(writer *w)
{
    for (size_t k = 0; k < w->n_lists; k++) {
        H5Idec_ref(w->lists[k].scale);
        free(w->lists[k].refs);
    }
    free(w->lists);
    w->lists = NULL;
    w->n_lists = w->cap_lists = 0;
}

hid_t ts_h5w_create(ts_results_file *f, hid_t loc, const char *name, const char *shown, int rank, const hsize_t *dims,
                    const hsize_t *chunk, hid_t file_type, const hid_t *scales, const char *units,
                    const char *long_name, const char *description)
{
    writer *w = &f->w;
    hid_t dset = create_dataset(w, loc, name, shown, rank, dims, chunk, file_type, f->dapl, "creating");
    if (dset >= 0 &&
        (ts_h5w_attach(w, dset, shown, scales, rank) < 0 || describe(w, dset, units, long_name, description) < 0)) {
        H5Dclose(dset);
        return -1;
    }
    return dset;
}

int ts_h5w_fill(writer *w, hid_t dset, hid_t mem_type, const void *data, const char *shown)
{
    if (write_whole(dset, mem_type, data) < 0)
        return ts_h5w_fail(w, "writing dataset %s", shown);
    return 0;
}

int ts_h5w_select(hid_t space, int rank, const hsize_t *start, const hsize_t *count, int slot)
{
    hsize_t s[8], c[8];
    for (int d = 0; d < rank; d++) {
        s[d] = start[d];
        c[d] = count[d];
    }
    s[rank] = slot >= 0 ? (hsize_t)slot : 0;
    c[rank] = 1;
    return H5Sselect_hyperslab(space, H5S_SELECT_SET, s, NULL, c, NULL) < 0 ? -1 : 0;
}

hid_t ts_h5w_block_space(int rank, const hsize_t *count, int slot)
{
    hsize_t c[8];
    for (int d = 0; d < rank; d++)
        c[d] = count[d];
    c[rank] = 1;
    return H5Screate_simple(slot >= 0 ? rank + 1 : rank, c, NULL);
}

int ts_h5w_fill_slot(writer *w, hid_t dset, int rank, const hsize_t *dims, int slot, hid_t mem_type, const void *data,
                     const char *shown)
{
    if (slot < 0)
        return ts_h5w_fill(w, dset, mem_type, data, shown);
    hsize_t start[8] = {0};
    hid_t space = -1, mspace = -1;
    int rc = -1;
    if ((space = H5Dget_space(dset)) < 0 || (mspace = ts_h5w_block_space(rank, dims, slot)) < 0 ||
        ts_h5w_select(space, rank, start, dims, slot) < 0 ||
        H5Dwrite(dset, mem_type, mspace, space, H5P_DEFAULT, data) < 0)
        ts_h5w_fail(w, "writing dataset %s", shown);
    else
        rc = 0;
    if (mspace >= 0)
        H5Sclose(mspace);
    if (space >= 0)
        H5Sclose(space);
    return rc;
}

hid_t ts_h5w_group(writer *w, hid_t loc, const char *name)
{
    hid_t gcpl = -1, group = -1;
    if ((gcpl = H5Pcreate(H5P_GROUP_CREATE)) < 0 || H5Pset_link_creation_order(gcpl, TS_CRT_ORDER) < 0 ||
        H5Pset_attr_creation_order(gcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(gcpl, 0) < 0 ||
        (group = H5Gcreate2(loc, name, H5P_DEFAULT, gcpl, H5P_DEFAULT)) < 0)
        ts_h5w_fail(w, "creating group %s", name);
    if (gcpl >= 0)
        H5Pclose(gcpl);
    return group;
}
