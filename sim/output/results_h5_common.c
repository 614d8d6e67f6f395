/*
 * results_h5_common.c: what the results-file writer (results_h5.c) and reader
 * (results_h5_read.c) share (results_h5_internal.h): HDF5's error stack turned
 * into one readable line, HDF5's automatic error printing silenced for one
 * call of ours, the UTF-8 string type and file access for reading.
 */
#include <stdio.h>
#include <string.h>

#include <hdf5.h>

#include "results_h5_internal.h"

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

int ts_h5_storage_fits(hid_t dset)
{
    /* A chunked dataset's storage is the sum of its chunks' sizes in the
     * chunk index, and every chunk lies in the file, so a valid dataset never
     * claims more than the file's size. A compact or contiguous one reports
     * its own size, bounded the same way. */
    hsize_t claimed = H5Dget_storage_size(dset), file_size = 0;
    hid_t file = H5Iget_file_id(dset);
    int ok = file >= 0 && H5Fget_filesize(file, &file_size) >= 0 && claimed <= file_size;
    if (file >= 0)
        H5Fclose(file);
    return ok;
}
