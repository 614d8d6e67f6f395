/* results_h5_internal.h: what the results-file writer (results_h5.c) and
 * reader (results_h5_read.c) share: HDF5 error text, quiet error printing,
 * the UTF-8 string type and file access. Internal to sim/. */
#ifndef TEACHSIM_RESULTS_H5_INTERNAL_H
#define TEACHSIM_RESULTS_H5_INTERNAL_H

#include <stddef.h>

#include <hdf5.h>

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

#endif
