/*
 * comparison_h5.c: the statistics of comparison/ written into the results
 * file, computed from the paired differences read back from it when a run
 * streamed its replications (docs/comparison.md).
 *
 * Owns: reading the differences back a block of regions at a time within a
 * memory budget, and filling each indicator's statistics datasets, from
 * ts_results when they were computed in memory.
 * Does not own the statistics themselves (ts_comparison_stats in
 * comparison.c), the datasets (results_h5_layout.c) nor the order of
 * finishing a file (results_h5.c).
 */
#include <stdlib.h>

#include <hdf5.h>

#include "comparison.h"
#include "results_h5_write.h"

/* Memory for the paired differences read back to compute their statistics. */
#define TS_STATS_BYTES ((size_t)64 << 20)

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
    ts_h5w_chunk_shape(res, res->indicators[i].kind == TS_VALUE_COUNT, chunk);
    size_t per_region = R * Y * sizeof(double), gs = per_region >= TS_STATS_BYTES ? 1 : TS_STATS_BYTES / per_region;
    if (gs >= chunk[3])
        gs = gs / chunk[3] * chunk[3];
    if (gs > G)
        gs = G;
    int rc = -1, slot = ts_h5w_slot(&res->indicators[i]);
    double *slab = malloc(R * Y * gs * sizeof *slab), *column = malloc(R * sizeof *column);
    hid_t space = -1, mspace = -1;
    if (!slab || !column) {
        ts_h5w_nomem(w);
        goto cleanup;
    }
    if ((space = H5Dget_space(f->diff[i])) < 0) {
        ts_h5w_fail(w, "reading back comparison/%s", res->indicators[i].name);
        goto cleanup;
    }
    for (size_t c = 0; c < C; c++)
        for (size_t g0 = 0; g0 < G; g0 += gs) {
            size_t ng = G - g0 < gs ? G - g0 : gs;
            hsize_t start[N_DIMS] = {c, 0, 0, g0}, count[N_DIMS] = {1, R, Y, ng};
            if ((mspace = ts_h5w_block_space(N_DIMS, count, slot)) < 0 ||
                (slot < 0 ? H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL)
                          : ts_h5w_select(space, N_DIMS, start, count, slot)) < 0 ||
                H5Dread(f->diff[i], H5T_NATIVE_DOUBLE, mspace, space, H5P_DEFAULT, slab) < 0) {
                ts_h5w_fail(w, "reading back comparison/%s", res->indicators[i].name);
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
int ts_h5w_fill_comparison_stats(ts_results_file *f, const ts_results *res, volatile sig_atomic_t *interrupted)
{
    writer *w = &f->w;
    const size_t block = res->contrasts.n * res->n_years * res->n_regions;
    double *stats = res->contrasts.stats ? NULL : malloc(TS_STAT_COUNT * block * sizeof *stats);
    if (!res->contrasts.stats && !stats)
        return ts_h5w_nomem(w);
    int rc = -1;
    for (size_t i = 0; i < res->n_indicators; i++) {
        if (interrupted && *interrupted)
            break;
        if (stats && stats_from_file(f, res, i, stats) < 0)
            goto cleanup;
        for (int k = 0; k < TS_STAT_COUNT; k++) {
            const double *v =
                stats ? stats + (size_t)k * block : ts_results_contrast_block(res, (ts_comparison_stat)k, i, 0);
            const hsize_t dims[3] = {res->contrasts.n, res->n_years, res->n_regions};
            if (ts_h5w_fill_slot(w, f->stat[i * TS_STAT_COUNT + (size_t)k], 3, dims, ts_h5w_slot(&res->indicators[i]),
                                 H5T_NATIVE_DOUBLE, v, "comparison statistics") < 0)
                goto cleanup;
        }
    }
    rc = 0;
cleanup:
    free(stats);
    return rc;
}
