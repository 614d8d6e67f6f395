/*
 * results_h5_internal.h: what the results-file writer and reader share.
 *
 * Owns: HDF5 error text, quiet error printing, the UTF-8 string type and
 * file access (results_h5_common.c); the four dimensions of an indicator;
 * and the file-system side of writing (results_disk.c). Internal to sim/.
 * Does not own the writer's own declarations (results_h5_write.h) nor the
 * reader's (results_h5_read.h).
 */
#ifndef TEACHSIM_RESULTS_H5_INTERNAL_H
#define TEACHSIM_RESULTS_H5_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <hdf5.h>

#include "teachsim/status.h"

/* Freeing what HDF5 allocated for variable-length data read: H5Treclaim from
 * 1.12 on; Debian's 1.10.8 declares it in its header but does not export it. */
#if H5_VERSION_GE(1, 12, 0)
#define ts_h5_reclaim(type, space, buf) H5Treclaim((type), (space), H5P_DEFAULT, (buf))
#else
#define ts_h5_reclaim(type, space, buf) H5Dvlen_reclaim((type), (space), H5P_DEFAULT, (buf))
#endif

/* The four dimensions of every indicator, in order. */
enum { DIM_SCENARIO, DIM_REPLICATION, DIM_YEAR, DIM_REGION, N_DIMS };

/** The innermost HDF5 error of the current stack as one line, into out. */
void ts_h5_reason(char *out, size_t cap);

/** The variable-length UTF-8 string type used for every string. */
hid_t ts_h5_utf8_type(void);

/** Saves and silences HDF5's automatic error printing for one call of ours. */
typedef struct {
    H5E_auto2_t func;
    void *data;
    int saved;
} ts_h5_quiet;
void ts_h5_quiet_begin(ts_h5_quiet *q);
void ts_h5_quiet_end(ts_h5_quiet *q);

/** File access for reading, tolerant of file systems without locks. */
hid_t ts_h5_file_access(void);

/** Whether the storage that dataset `dset` claims fits in its file: 1, or 0
 *  when it claims more bytes than the file has (a damaged chunk index; HDF5
 *  would allocate the claimed size for a chunk before reading it) or they
 *  cannot be told. Call before reading a dataset of a file not written here. */
int ts_h5_storage_fits(hid_t dset);

/* ---- results_disk.c: the file-system side of writing ---- */

/** Reserve disk space so the file at fd can reach `needed` bytes (whole MiB,
 *  fallocate KEEP_SIZE; the free space where that is not supported; the
 *  RLIMIT_FSIZE checked by hand). *reserved says what is reserved already and
 *  is raised on success. Returns 0 or an errno (ENOSPC, EDQUOT, EFBIG...). */
int ts_disk_reserve(int fd, uint64_t needed, uint64_t *reserved);

/** Release what was reserved past the end of the file. */
void ts_disk_release(int fd, uint64_t reserved);

/** The folder part of `path` ("." for a bare name). */
void ts_disk_folder_of(const char *path, char *out, size_t cap);

/* Mark the temporary file open on fd as a live run's: an open-file-description
 * lock (fcntl F_OFD_SETLK) on its first byte, which the kernel drops when the
 * process ends however it ends, so that ts_results_path_check can tell a dead
 * run's leftover from a live one. Returns 0 or an errno. */
int ts_disk_hold(int fd);

/** Move the complete temporary file `tmp` to `path`: without force never
 *  over an existing file, atomically where the file system allows
 *  (TS_ERR_EXISTS); TS_ERR_IO with the reason otherwise. */
ts_status ts_disk_move_into_place(const char *tmp, const char *path, int force, ts_error *err);

#endif
