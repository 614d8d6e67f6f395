/*
 * results_h5.c: the results file of docs/results-file.md (format
 * `teachsim-results`, version 1) written as a stream: created whole in a
 * temporary file in the same folder, filled batch by batch of replications
 * (ts_results_file_*), then completed, synced and moved into place
 * (reading one back: results_h5_read.c).
 *
 * Owns: the open file's life (create, write_held, finish, abort), the
 * conversion of counts to int32, the targets' outcomes, and the "nothing is
 * lost" order: space reserved before HDF5 writes, fsync, then linked or
 * renamed into place (results_disk.c does the system calls).
 * Does not own the layout (results_h5_layout.c), the HDF5 calls of one
 * object (results_h5_objects.c), the comparison statistics (comparison_h5.c),
 * the messages' HDF5 reasons (results_h5_common.c) nor the ts_results memory
 * (results.c).
 *
 * At a little over 500 lines it stays one file on purpose: the life of an
 * open file and its "nothing is lost" order read best in one place, each
 * stage a short function, and splitting them would spread one invariant
 * over several files.
 *
 * HDF5 is called from one thread only. The only process-wide state touched is
 * HDF5's automatic error printing, switched off while we run (we build our own
 * messages from the error stack) and restored before returning.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <hdf5.h>

#include "comparison.h"
#include "school_results.h"
#include "targets.h"

#include "results_h5_write.h"

/* Disk space kept free for the file's metadata still to come (what HDF5
 * writes at close beyond what it has allocated already: dirty object headers,
 * attributes, free-space records), per dataset, with a floor; and per chunk
 * for its index entry. A fixed 8 MiB made a run that writes 2.8 MB refuse
 * a disk with 6 MB free (issue 18, item 12); a run of the baseline writes
 * some 300 datasets, about 2.6 MB with this bound. */
#define TS_METADATA_FLOOR ((uint64_t)256 << 10)
#define TS_METADATA_PER_DATASET ((uint64_t)8 << 10)
#define TS_CHUNK_INDEX_BYTES 64

static uint64_t metadata_bytes(const ts_results_file *f)
{
    uint64_t per_indicator = 1 + (f->n_contrasts ? 1 + TS_STAT_COUNT : 0);
    uint64_t datasets = (uint64_t)f->n_ind * per_indicator + f->n_par + f->n_targets + 64;
    return TS_METADATA_FLOOR + datasets * TS_METADATA_PER_DATASET;
}

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
    uint64_t needed = now + more + metadata_bytes(f);
    int e = ts_disk_reserve(f->fd, needed, &f->reserved);
    if (e) {
        /* Say how much: the file would need `needed` bytes in all. */
        struct statvfs vfs;
        char free_text[64] = "";
        if (e == ENOSPC && fstatvfs(f->fd, &vfs) == 0)
            snprintf(free_text, sizeof free_text, ", %.1f MB free", (double)vfs.f_bavail * (double)vfs.f_frsize / 1e6);
        f->w.status = ts_error_set(f->w.err, TS_ERR_IO,
                                   "%s: cannot write results file: writing %s: %s (the file needs %.1f MB, %.1f MB "
                                   "of it written%s)",
                                   f->path, f->tmp, strerror(e), (double)needed / 1e6, (double)now / 1e6, free_text);
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
    ts_h5w_chunk_shape(res, is_count, chunk);
    uint64_t rows = (r0 + n + chunk[1] - 1) / chunk[1] - r0 / chunk[1];
    uint64_t per_row = ((res->n_years + chunk[2] - 1) / chunk[2]) * ((res->n_regions + chunk[3] - 1) / chunk[3]);
    uint64_t bytes = chunk[1] * chunk[2] * chunk[3] * (is_count ? sizeof(int32_t) : sizeof(double));
    return first * rows * per_row * (bytes + TS_CHUNK_INDEX_BYTES);
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
 * of a dataset of shape (first, replication, year, region), or of a subject
 * family's (first, replication, year, region, subject) at `slot` (>= 0). */
static int write_rows(writer *w, const ts_results *res, hid_t dset, int slot, size_t index, size_t r0, size_t n,
                      int is_count, const void *buf, const char *shown)
{
    hsize_t start[N_DIMS] = {index, r0, 0, 0}, count[N_DIMS] = {1, n, res->n_years, res->n_regions};
    hid_t space = -1, mspace = -1;
    int rc = -1;
    if ((space = H5Dget_space(dset)) < 0 || (mspace = ts_h5w_block_space(N_DIMS, count, slot)) < 0 ||
        (slot < 0 ? H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL)
                  : ts_h5w_select(space, N_DIMS, start, count, slot)) < 0 ||
        H5Dwrite(dset, is_count ? H5T_NATIVE_INT32 : H5T_NATIVE_DOUBLE, mspace, space, H5P_DEFAULT, buf) < 0)
        ts_h5w_fail(w, "writing dataset %s", shown);
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
        res->contrasts.n != f->n_contrasts || res->parameters.n != f->n_par || res->targets.n != f->n_targets ||
        res->schools.n != f->n_schools) {
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
        ts_h5w_nomem(w);
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
            write_rows(w, res, f->ind[i], ts_h5w_slot(def), s, r0, n, is_count, is_count ? (const void *)ibuf : buf,
                       def->name);
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
            write_rows(w, res, f->diff[i], ts_h5w_slot(def), c, r0, n, is_count, is_count ? (const void *)ibuf : dbuf,
                       shown);
        }
    }
    free(ibuf);
    free(dbuf);
    if (w->status == TS_OK && interrupted && *interrupted)
        return ts_error_set(err, TS_ERR_INTERRUPTED, "%s: interrupted; the results file was not written", f->path);
    return w->status;
}

/* ---- the end: statistics, small datasets, close, rename ----------------------------- */

static int fill_targets(ts_results_file *f, const ts_results *res)
{
    writer *w = &f->w;
    const size_t S = res->n_scenarios, T = res->targets.n, R = res->n_replications;
    int rc = -1;
    int8_t *met = malloc(S * T * R * sizeof *met);
    int32_t *year = malloc(S * T * R * sizeof *year), *counts = malloc(2 * S * T * sizeof *counts);
    double *prob = malloc(3 * S * T * sizeof *prob);
    if (!met || !year || !counts || !prob) {
        ts_h5w_nomem(w);
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
    if (ts_h5w_fill(w, f->tg[TG_MET], H5T_NATIVE_INT8, met, "targets/met") < 0 ||
        ts_h5w_fill(w, f->tg[TG_YEAR_MET], H5T_NATIVE_INT32, year, "targets/year_met") < 0 ||
        ts_h5w_fill(w, f->tg[TG_PROBABILITY], H5T_NATIVE_DOUBLE, prob, "targets/probability") < 0 ||
        ts_h5w_fill(w, f->tg[TG_LOWER], H5T_NATIVE_DOUBLE, prob + S * T, "targets/probability_lower") < 0 ||
        ts_h5w_fill(w, f->tg[TG_UPPER], H5T_NATIVE_DOUBLE, prob + 2 * S * T, "targets/probability_upper") < 0 ||
        ts_h5w_fill(w, f->tg[TG_N_MET], H5T_NATIVE_INT32, counts, "targets/replications_met") < 0 ||
        ts_h5w_fill(w, f->tg[TG_N_EVALUATED], H5T_NATIVE_INT32, counts + S * T, "targets/replications_evaluated") < 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(met);
    free(year);
    free(counts);
    free(prob);
    return rc;
}

/* The group schools/: what the sums over every replication give, per
 * scenario, year and school (school_results.h). */
static int fill_schools(ts_results_file *f, const ts_results *res)
{
    writer *w = &f->w;
    static const char *const qb_names[3] = {"qualified", "backbone", "pe_art"};
    const size_t cells = res->n_scenarios * res->n_years * res->schools.n;
    int rc = -1;
    double *v = malloc(cells * 5 * sizeof *v), *missing = malloc(cells * 3 * sizeof *missing);
    int32_t *scored = malloc(cells * sizeof *scored);
    const char **most = malloc(cells * sizeof *most);
    if (!v || !missing || !scored || !most) {
        ts_h5w_nomem(w);
        goto cleanup;
    }
    for (size_t c = 0; c < cells; c++) {
        ts_school_outcome o;
        ts_school_results_outcome(res->schools.sums + c * TS_SCHOOL_SUM_FIELDS, &o);
        v[c] = o.met_probability;
        for (int j = 0; j < 3; j++) {
            v[(size_t)(1 + j) * cells + c] = o.per100_mean[j];
            missing[c * 3 + (size_t)j] = o.missing_share[j];
        }
        scored[c] = o.scored > INT32_MAX ? INT32_MAX : (int32_t)o.scored;
        most[c] = o.most_missed < 0 ? "" : qb_names[o.most_missed];
    }
    if (ts_h5w_fill(w, f->sch[SCH_MET], H5T_NATIVE_DOUBLE, v, "schools/rule_met_probability") < 0 ||
        ts_h5w_fill(w, f->sch[SCH_SCORED], H5T_NATIVE_INT32, scored, "schools/scored_replications") < 0 ||
        ts_h5w_fill(w, f->sch[SCH_PER100], H5T_NATIVE_DOUBLE, v + cells, "schools/qualified_per100_mean") < 0 ||
        ts_h5w_fill(w, f->sch[SCH_PER100 + 1], H5T_NATIVE_DOUBLE, v + 2 * cells, "schools/backbone_per100_mean") < 0 ||
        ts_h5w_fill(w, f->sch[SCH_PER100 + 2], H5T_NATIVE_DOUBLE, v + 3 * cells, "schools/pe_art_per100_mean") < 0 ||
        ts_h5w_fill(w, f->sch[SCH_MOST_MISSED], w->str_t, most, "schools/most_missed") < 0 ||
        ts_h5w_fill(w, f->sch[SCH_MISSING], H5T_NATIVE_DOUBLE, missing, "schools/missing_share") < 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(v);
    free(missing);
    free(scored);
    free(most);
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
                    ts_h5w_fail(&f->w, "closing a dataset of %s", f->tmp);
                lists[l][k] = -1;
            }
    for (int k = 0; k < TG_COUNT; k++)
        if (f->tg[k] >= 0) {
            if (H5Dclose(f->tg[k]) < 0 && f->w.status == TS_OK)
                ts_h5w_fail(&f->w, "closing a dataset of %s", f->tmp);
            f->tg[k] = -1;
        }
    for (int k = 0; k < SCH_COUNT; k++)
        if (f->sch[k] >= 0) {
            if (H5Dclose(f->sch[k]) < 0 && f->w.status == TS_OK)
                ts_h5w_fail(&f->w, "closing a dataset of %s", f->tmp);
            f->sch[k] = -1;
        }
    for (int d = 0; d < N_DIMS; d++)
        if (f->scales[d] >= 0) {
            H5Dclose(f->scales[d]);
            f->scales[d] = -1;
        }
    if (f->subject_scale >= 0) {
        H5Dclose(f->subject_scale);
        f->subject_scale = -1;
    }
    if (f->cmp_subject_scale >= 0) {
        H5Dclose(f->cmp_subject_scale);
        f->cmp_subject_scale = -1;
    }
}

void ts_results_file_abort(ts_results_file *f)
{
    if (!f)
        return;
    ts_h5w_release_scale_lists(&f->w);
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
    more += (uint64_t)res->schools.n * res->n_scenarios * res->n_years * 80;
    if (reserve(f, more) < 0)
        goto fail;
    if (res->contrasts.n > 0 && ts_h5w_fill_comparison_stats(f, res, interrupted) < 0)
        goto fail;
    for (size_t p = 0; p < res->parameters.n && !(interrupted && *interrupted); p++)
        if (ts_h5w_fill(w, f->par[p], H5T_NATIVE_DOUBLE,
                        res->parameters.values + p * res->n_scenarios * res->n_replications, "parameters") < 0)
            goto fail;
    if (res->targets.n > 0 && !(interrupted && *interrupted) && fill_targets(f, res) < 0)
        goto fail;
    if (res->schools.n > 0 && !(interrupted && *interrupted) && fill_schools(f, res) < 0)
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
    /* An object left open would keep HDF5 from writing the file out at
     * H5Fclose (it stays open, unflushed, until that object closes), and the
     * name would then point at an unreadable file: refuse instead. */
    ssize_t open_objects = H5Fget_obj_count(f->file, H5F_OBJ_ALL | H5F_OBJ_LOCAL);
    if (open_objects != 1) {
        w->status = ts_error_set(err, TS_ERR_RUN,
                                 "%s: cannot write results file: %zd HDF5 objects still open at the end (a bug)",
                                 f->path, open_objects - 1);
        goto fail;
    }
    herr_t closed = H5Fclose(f->file);
    f->file = -1;
    if (closed < 0) {
        ts_h5w_fail(w, "closing %s", f->tmp);
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

/* A file is only started for results that hold everything it will contain,
 * so that no half-written file follows from a caller's mistake. */
static int results_complete(const ts_results *res)
{
    return res && res->labels.scenario_names && res->labels.scenario_yaml && res->labels.region_codes &&
           res->labels.region_names_zh && !(res->n_indicators > 0 && !res->indicators) && res->n_scenarios != 0 &&
           !(res->parameters.n > 0 && (!res->parameters.names || !res->parameters.units ||
                                       !res->parameters.descriptions || !res->parameters.values)) &&
           !(res->contrasts.n > 0 &&
             (!res->contrasts.labels || !res->contrasts.scenario || res->contrasts.reference >= res->n_scenarios)) &&
           !(res->targets.n > 0 &&
             (!res->targets.names || !res->targets.definitions || !res->targets.met || !res->targets.year_met)) &&
           res->n_replications != 0 && res->n_years != 0 && res->n_regions != 0;
}

/* A file with no handle open yet (every one -1, so that abort closes only
 * what was opened), the shape it is written in, and HDF5's printing quiet. */
static ts_results_file *file_new(const ts_results *res, int force, ts_error *err)
{
    ts_results_file *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->w = (writer){NULL, err, TS_OK, -1, NULL, 0, 0};
    f->fd = -1;
    f->fcpl = f->dapl = f->file = -1;
    for (int d = 0; d < N_DIMS; d++)
        f->scales[d] = -1;
    f->subject_scale = f->cmp_subject_scale = -1;
    for (int k = 0; k < TG_COUNT; k++)
        f->tg[k] = -1;
    for (int k = 0; k < SCH_COUNT; k++)
        f->sch[k] = -1;
    f->n_schools = res->schools.n;
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
    return f;
}

/* The names (the file, its folder, the temporary file's template) and the
 * arrays of dataset handles, all -1, allocated before anything is created. */
static int allocate_names(ts_results_file *f, const ts_results *res, const char *path, ts_error *err)
{
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
        return -1;
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
    return 0;
}

/* The file is written to NAME.tmp.XXXXXX in the same folder, so that nothing
 * half-written is ever left under the final name (docs/results-file.md). */
static int create_temporary(ts_results_file *f, const char *path, ts_error *err)
{
    if ((f->fd = mkstemp(f->tmp)) < 0) {
        f->w.status = ts_error_set(err, TS_ERR_IO, "%s: cannot create temporary file in %s: %s", path, f->folder,
                                   strerror(errno));
        return -1;
    }
    f->tmp_exists = 1;
    /* Held until the rename: a later run's ts_results_path_check then knows
     * this file is a live run's. A file system without such locks (some
     * network ones) leaves only the age rule. */
    (void)ts_disk_hold(f->fd);
    /* mkstemp creates 0600; a results file is for sharing, so give it what
     * open(O_CREAT, 0666) would have: the umask decides. The umask is read by
     * setting and restoring it, which is safe as no other thread creates files
     * while results are written. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(f->fd, 0666 & ~mask); /* failure only leaves the file private: not worth failing a run */
    return 0;
}

/* The HDF5 file on the temporary name: creation order tracked, so that tools
 * list the variables in the order they were written, and object times off,
 * so that two files of the same run differ only in their provenance
 * (docs/results-file.md, writing rules). */
static int create_hdf5(ts_results_file *f)
{
    /* The 1.8 file format at least: its superblock, object headers (and so
     * every attribute) and link indices carry checksums, so that a damaged
     * file is refused by HDF5 with an error instead of read as it is; the
     * global heap of the strings has none in any format and is checked by
     * the reader (results_h5_read_objects.c). Readable by HDF5 1.8 and
     * later, netCDF-4 and h5py (docs/decisions.md, "Damaged results files"). */
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    int ok = fapl >= 0 && H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_LATEST) >= 0;
    if (!ok || (f->fcpl = H5Pcreate(H5P_FILE_CREATE)) < 0 || H5Pset_link_creation_order(f->fcpl, TS_CRT_ORDER) < 0 ||
        H5Pset_attr_creation_order(f->fcpl, TS_CRT_ORDER) < 0 || H5Pset_obj_track_times(f->fcpl, 0) < 0 ||
        (f->dapl = ts_h5w_dataset_access()) < 0 || (f->file = H5Fcreate(f->tmp, H5F_ACC_TRUNC, f->fcpl, fapl)) < 0 ||
        (f->w.str_t = ts_h5_utf8_type()) < 0) {
        if (fapl >= 0)
            H5Pclose(fapl);
        ts_h5w_fail(&f->w, "creating %s", f->tmp);
        return -1;
    }
    H5Pclose(fapl);
    return 0;
}

ts_status ts_results_file_create(ts_results_file **out, const ts_results *res, const char *path, int force,
                                 ts_error *err)
{
    struct stat st;
    *out = NULL;
    /* Refuse before creating anything, so the existing file is not touched. */
    if (!force && lstat(path, &st) == 0)
        return ts_error_set(err, TS_ERR_EXISTS, "%s: results file exists; use --force to replace it", path);
    if (!results_complete(res))
        return ts_error_set(err, TS_ERR_RUN, "%s: cannot write results file: results are empty or incomplete", path);
    ts_results_file *f = file_new(res, force, err);
    if (!f)
        return ts_error_set(err, TS_ERR_NOMEM, "%s: cannot write results file: out of memory", path);
    ts_status status = TS_OK;
    /* The layout and the small datasets first; reserve() makes sure they fit.
     * Every object in the order of format version 1, before any value: the
     * replications then only ts_h5w_fill hyperslabs of datasets that exist. */
    if (allocate_names(f, res, path, err) < 0 || create_temporary(f, path, err) < 0 || reserve(f, 0) < 0 ||
        create_hdf5(f) < 0 || ts_h5w_create_layout(f, res) < 0)
        goto cleanup;
    *out = f;
    f = NULL;
cleanup:
    if (f) {
        status = f->w.status;
        ts_results_file_abort(f);
    }
    return status;
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
