/*
 * results_h5_columns.c: an indicator's bands from a results file, column by
 * column (results_h5_columns.h).
 */
#include "results_h5_columns.h"

#include <string.h>

#include <hdf5.h>

#include "results_h5_internal.h"
#include "results_h5_read.h"

/* One open column: the dataset and the scenario, region and subject slot
 * that every block reads. */
typedef struct {
    reader *r;
    hid_t dset, space;
    const char *name;
    int rank; /* 4, or 5 for a subject family */
    hsize_t scenario, region, slot, n_years;
} column;

static ts_status read_block(void *ctx, size_t r0, size_t n, double *buf, ts_error *err)
{
    column *c = ctx;
    (void)err; /* c->r carries it */
    const hsize_t start[5] = {c->scenario, r0, 0, c->region, c->slot};
    const hsize_t count[5] = {1, n, c->n_years, 1, 1};
    const hsize_t mem = (hsize_t)n * c->n_years;
    hid_t mspace = H5Screate_simple(1, &mem, NULL);
    herr_t ok = mspace >= 0 ? H5Sselect_hyperslab(c->space, H5S_SELECT_SET, start, NULL, count, NULL) : -1;
    if (ok >= 0)
        ok = H5Dread(c->dset, H5T_NATIVE_DOUBLE, mspace, c->space, H5P_DEFAULT, buf);
    if (mspace >= 0)
        H5Sclose(mspace);
    if (ok < 0) {
        ts_h5r_h5_fail(c->r, "reading %s", c->name);
        return c->r->status;
    }
    return TS_OK;
}

ts_status ts_results_file_bands(const char *path, const ts_results *shape, size_t ind, size_t s, size_t g,
                                size_t budget_bytes, ts_band *bands, ts_error *err)
{
    reader r = {path, err, TS_OK};
    ts_h5_quiet quiet;
    ts_h5_quiet_begin(&quiet);
    const ts_indicator_def *def = &shape->indicators[ind];
    column c = {.r = &r,
                .dset = -1,
                .space = -1,
                .name = def->family ? def->family : def->name,
                .rank = def->family ? N_DIMS + 1 : N_DIMS,
                .scenario = s,
                .region = g,
                .slot = def->family ? (hsize_t)def->subject : 0,
                .n_years = shape->n_years};
    const hsize_t want[5] = {shape->n_scenarios, shape->n_replications, shape->n_years, shape->n_regions,
                             TS_SUBJECT_COUNT};
    hsize_t have[5] = {0};
    hid_t fapl = ts_h5_file_access(), file = -1;
    if (fapl < 0 || (file = H5Fopen(path, H5F_ACC_RDONLY, fapl)) < 0)
        ts_h5r_h5_fail(&r, "opening");
    else if ((c.dset = H5Dopen2(file, c.name, H5P_DEFAULT)) < 0 || (c.space = H5Dget_space(c.dset)) < 0)
        ts_h5r_h5_fail(&r, "opening dataset %s", c.name);
    else if (H5Sget_simple_extent_ndims(c.space) != c.rank || H5Sget_simple_extent_dims(c.space, have, NULL) < 0 ||
             memcmp(have, want, (size_t)c.rank * sizeof *have) != 0)
        ts_h5r_fail(&r, "not the results just written (%s has another shape)", c.name);
    else
        r.status =
            ts_replications_bands_read(read_block, &c, shape->n_replications, shape->n_years, budget_bytes, bands, err);
    if (c.space >= 0)
        H5Sclose(c.space);
    if (c.dset >= 0)
        H5Dclose(c.dset);
    if (file >= 0)
        H5Fclose(file);
    if (fapl >= 0)
        H5Pclose(fapl);
    ts_h5_quiet_end(&quiet);
    return r.status;
}
