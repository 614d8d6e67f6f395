/*
 * results_h5_read_objects.c: the HDF5 objects of a results file read back,
 * one call each, checked against what the format says they are.
 *
 * Owns: the reader's messages (`PATH: cannot read results file: DOING:
 * REASON`, `PATH: not a teachsim results file (WHY)`), strings of either
 * kind (variable-length, as we write them, or fixed-length, as other tools
 * may), 1-D coordinates, scalar attributes and numeric datasets of a given
 * shape.
 * Does not own which objects a results file has (results_h5_read.c, after
 * docs/results-file.md).
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "results_h5_read.h"
#include "text.h"

int ts_h5r_h5_fail(reader *r, const char *fmt, ...)
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

int ts_h5r_fail(reader *r, const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    r->status = ts_error_set(r->err, TS_ERR_INPUT, "%s: %s", r->path, what);
    return -1;
}

int ts_h5r_nomem(reader *r)
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
static int ts_h5r_strings(reader *r, hid_t obj, int is_attr, hid_t ftype, size_t n, char **out, const char *what)
{
    int rc = -1;
    hid_t mtype = -1, space = -1;
    void *buf = NULL;
    int vlen = 0;

    if (H5Tget_class(ftype) != H5T_STRING)
        return ts_h5r_fail(r, "not a teachsim results file (%s is not a string)", what);
    if ((vlen = H5Tis_variable_str(ftype)) < 0 || (mtype = H5Tcopy(H5T_C_S1)) < 0) {
        ts_h5r_h5_fail(r, "reading %s", what);
        goto cleanup;
    }
    size_t size = vlen ? sizeof(char *) : H5Tget_size(ftype);
    /* Same character set and padding as the file, so HDF5 converts nothing. */
    if (H5Tset_size(mtype, vlen ? H5T_VARIABLE : size) < 0 || H5Tset_cset(mtype, H5Tget_cset(ftype)) < 0 ||
        H5Tset_strpad(mtype, H5Tget_strpad(ftype)) < 0) {
        ts_h5r_h5_fail(r, "reading %s", what);
        goto cleanup;
    }
    if (!(buf = calloc(n ? n : 1, size))) {
        ts_h5r_nomem(r);
        goto cleanup;
    }
    if ((is_attr ? H5Aread(obj, mtype, buf) : H5Dread(obj, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf)) < 0) {
        ts_h5r_h5_fail(r, "reading %s", what);
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
            ts_h5r_nomem(r);
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
int ts_h5r_open_1d(reader *r, hid_t file, const char *name, int required, hid_t *dset, size_t *n)
{
    hid_t space = -1;
    hsize_t dim = 0;
    int rc = -1;

    *dset = -1;
    *n = 0;
    htri_t exists = H5Lexists(file, name, H5P_DEFAULT);
    if (exists < 0)
        return ts_h5r_h5_fail(r, "looking for %s", name);
    if (!exists)
        return required ? ts_h5r_fail(r, "not a teachsim results file (no %s coordinate)", name) : 0;
    if ((*dset = H5Dopen2(file, name, H5P_DEFAULT)) < 0 || (space = H5Dget_space(*dset)) < 0) {
        ts_h5r_h5_fail(r, "opening dataset %s", name);
        goto cleanup;
    }
    if (H5Sget_simple_extent_ndims(space) != 1 || H5Sget_simple_extent_dims(space, &dim, NULL) < 0) {
        ts_h5r_fail(r, "not a teachsim results file (%s is not one-dimensional)", name);
        goto cleanup;
    }
    if (!ts_h5_storage_fits(*dset)) {
        ts_h5r_fail(r, "not a teachsim results file (%s claims more storage than the file has)", name);
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
/* ---- the global heap, checked before HDF5 reads it ----------------------
 *
 * A variable-length string is stored as a reference (length, collection
 * address, object index) into a global heap collection, and neither the
 * references nor the collections carry a checksum in any HDF5 file format.
 * HDF5 1.10.8 trusts the sizes it finds there: one byte changed in the
 * collection of the region names made H5HG_read read past its buffer and
 * crash teachsim summary (and h5dump, and h5py). So, for a string dataset
 * stored contiguously (all of ours), the references and every collection
 * they name are read with pread and walked first, as HDF5 will walk them;
 * any size that does not fit is a damaged file and a message, not a read.
 * Attributes' strings live in object headers, where HDF5 gives no address:
 * they are read as they are (docs/decisions.md, "Damaged results files").
 */
#define HEAP_REF_BYTES 16  /* 4-byte length, 8-byte collection address, 4-byte index */
#define HEAP_OBJ_HEADER 16 /* 2-byte index, 2-byte reference count, 4 reserved, 8-byte size */
#define HEAP_MAX ((uint64_t)1 << 30)

static uint64_t le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

#define HEAP_INDICES 65536 /* object indices are 16-bit in the collection */

/* Walk the collection at addr as HDF5 loads it; 0 when every object fits,
 * with sizes[i] = 1 + the size of object i (0 when absent). */
static int walk_collection(int fd, uint64_t addr, uint64_t file_size, uint64_t *sizes)
{
    unsigned char head[16];
    memset(sizes, 0, HEAP_INDICES * sizeof *sizes);
    if (addr > file_size || file_size - addr < sizeof head || pread(fd, head, sizeof head, (off_t)addr) != sizeof head)
        return -1;
    uint64_t size = le(head + 8, 8);
    if (memcmp(head, "GCOL", 4) != 0 || head[4] != 1 || size < sizeof head || size > HEAP_MAX ||
        size > file_size - addr)
        return -1;
    unsigned char *c = malloc(size);
    if (!c)
        return -1;
    int rc = -1;
    if (pread(fd, c, size, (off_t)addr) != (ssize_t)size)
        goto done;
    uint64_t p = sizeof head;
    while (size - p >= HEAP_OBJ_HEADER) {
        uint64_t idx = le(c + p, 2), obj = le(c + p + 8, 8);
        /* HDF5 does not stop at the free space (index 0, its size counting
         * its header): it goes on after it to the collection's end, so this
         * walk does too; a free space of less than a header would make it
         * loop for ever on the same bytes. */
        if (idx == 0) {
            if (obj < HEAP_OBJ_HEADER || obj > size - p)
                goto done;
            p += obj;
            continue;
        }
        if (obj > size - p - HEAP_OBJ_HEADER)
            goto done;
        sizes[idx] = obj + 1;
        uint64_t need = HEAP_OBJ_HEADER + ((obj + 7) & ~(uint64_t)7);
        if (need > size - p)
            goto done;
        p += need;
    }
    rc = 0;
done:
    free(c);
    return rc;
}

static int check_heap_strings(reader *r, hid_t dset, size_t n, const char *name)
{
    haddr_t offset = H5Dget_offset(dset);
    if (offset == HADDR_UNDEF || n == 0)
        return 0; /* compact or not written: nothing of the heap to check */
    int fd = open(r->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    unsigned char *refs = NULL;
    uint64_t *sizes = malloc(HEAP_INDICES * sizeof *sizes);
    int rc = -1;
    if (fd < 0 || fstat(fd, &st) != 0) {
        ts_h5r_fail(r, "cannot read results file: %s", strerror(errno));
        goto done;
    }
    uint64_t file_size = (uint64_t)st.st_size, bytes = (uint64_t)n * HEAP_REF_BYTES;
    if (offset > file_size || file_size - offset < bytes) {
        ts_h5r_fail(r, "a damaged results file: the strings of %s lie past the end of the file", name);
        goto done;
    }
    if (!sizes || !(refs = malloc(bytes)) || pread(fd, refs, bytes, (off_t)offset) != (ssize_t)bytes) {
        ts_h5r_fail(r, "cannot read results file: reading %s", name);
        goto done;
    }
    uint64_t walked = UINT64_MAX; /* the strings of one dataset share a few collections, in order */
    for (size_t i = 0; i < n; i++) {
        const unsigned char *e = refs + i * HEAP_REF_BYTES;
        uint64_t len = le(e, 4), addr = le(e + 4, 8), idx = le(e + 12, 4);
        if (len == 0 && addr == 0)
            continue; /* an empty string has no heap object */
        int fits = addr == walked;
        if (!fits && walk_collection(fd, addr, file_size, sizes) == 0) {
            walked = addr;
            fits = 1;
        }
        /* HDF5 copies the whole object into a buffer of the reference's
         * length: the two must agree exactly. */
        if (!fits || idx >= HEAP_INDICES || sizes[idx] == 0 || len != sizes[idx] - 1) {
            ts_h5r_fail(r,
                        "a damaged results file: string %zu of %s points at a global heap collection (byte %llu) "
                        "whose sizes do not fit; the file cannot be read safely (write it again)",
                        i, name, (unsigned long long)addr);
            goto done;
        }
    }
    rc = 0;
done:
    free(sizes);
    free(refs);
    if (fd >= 0)
        close(fd);
    return rc;
}

int ts_h5r_check_heaps(reader *r)
{
    /* Every collection, before HDF5 loads any: the attributes' strings are
     * referenced from object headers, where HDF5 gives no address, so the
     * collections are found by their signature ("GCOL", version 1, three
     * reserved zero bytes) instead.
     * One pass over the file, which summary reads whole anyway. */
    /* The signature, the version and three reserved zero bytes: eight bytes
     * that chunk data matches by chance about once in 2^64 positions. */
    enum { BLOCK = 4 << 20, SIG = 8 };
    int fd = open(r->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    unsigned char *buf = malloc(BLOCK + SIG);
    uint64_t *sizes = malloc(HEAP_INDICES * sizeof *sizes);
    int rc = -1;
    if (fd < 0 || fstat(fd, &st) != 0 || !buf || !sizes) {
        if (fd < 0 || !buf || !sizes)
            ts_h5r_fail(r, "cannot read results file: %s", fd < 0 ? strerror(errno) : "out of memory");
        else
            ts_h5r_fail(r, "cannot read results file: %s", strerror(errno));
        goto done;
    }
    uint64_t file_size = (uint64_t)st.st_size;
    for (uint64_t at = 0; at < file_size; at += BLOCK) {
        size_t want = file_size - at < BLOCK + SIG ? (size_t)(file_size - at) : BLOCK + SIG;
        ssize_t got = pread(fd, buf, want, (off_t)at);
        if (got < 0 || (size_t)got != want) {
            ts_h5r_fail(r, "cannot read results file: %s", got < 0 ? strerror(errno) : "shorter than it was");
            goto done;
        }
        size_t last = want < BLOCK ? want : BLOCK; /* signatures starting in this block */
        for (size_t i = 0; i + SIG <= want && i < last; i++) {
            const unsigned char *hit = memchr(buf + i, 'G', last - i);
            if (!hit)
                break;
            i = (size_t)(hit - buf);
            if (i + SIG > want || memcmp(hit, "GCOL\1\0\0\0", SIG) != 0)
                continue;
            if (walk_collection(fd, at + i, file_size, sizes) < 0) {
                ts_h5r_fail(r,
                            "a damaged results file: the global heap collection at byte %llu (strings: names, "
                            "labels, attributes) has sizes that do not fit; the file cannot be read safely "
                            "(write it again)",
                            (unsigned long long)(at + i));
                goto done;
            }
        }
    }
    rc = 0;
done:
    free(buf);
    free(sizes);
    if (fd >= 0)
        close(fd);
    return rc;
}

int ts_h5r_string_dataset(reader *r, hid_t file, const char *name, int required, char ***labels, size_t *n)
{
    int rc = -1;
    hid_t dset = -1, ftype = -1;
    size_t len = 0;

    if (ts_h5r_open_1d(r, file, name, required, &dset, &len) < 0)
        return -1;
    if (dset < 0) {
        *n = 0;
        return 0;
    }
    if (*labels && len != *n) {
        ts_h5r_fail(r, "not a teachsim results file (%s has %zu entries, expected %zu)", name, len, *n);
        goto cleanup;
    }
    if (!*labels && !(*labels = calloc(len ? len : 1, sizeof(char *)))) {
        ts_h5r_nomem(r);
        goto cleanup;
    }
    *n = len;
    if ((ftype = H5Dget_type(dset)) < 0) {
        ts_h5r_h5_fail(r, "reading %s", name);
        goto cleanup;
    }
    htri_t vlen = H5Tget_class(ftype) == H5T_STRING ? H5Tis_variable_str(ftype) : 0;
    if (vlen > 0 && check_heap_strings(r, dset, len, name) < 0)
        goto cleanup;
    if (ts_h5r_strings(r, dset, 0, ftype, len, *labels, name) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    if (ftype >= 0)
        H5Tclose(ftype);
    if (dset >= 0)
        H5Dclose(dset);
    return rc;
}

/* Open attribute `name` of obj with its file type and space: 1 when open
 * (closed by close_attr), 0 when absent, -1 with the message set. */
static int open_attr(reader *r, hid_t obj, const char *name, hid_t *attr, hid_t *ftype, hid_t *space)
{
    *attr = *ftype = *space = -1;
    htri_t exists = H5Aexists(obj, name);
    if (exists < 0)
        return ts_h5r_h5_fail(r, "looking for attribute %s", name);
    if (!exists)
        return 0;
    if ((*attr = H5Aopen(obj, name, H5P_DEFAULT)) < 0 || (*ftype = H5Aget_type(*attr)) < 0 ||
        (*space = H5Aget_space(*attr)) < 0) {
        ts_h5r_h5_fail(r, "reading attribute %s", name); /* first: closing would clear HDF5's error stack */
        return -1;
    }
    return 1;
}

static void close_attr(hid_t attr, hid_t ftype, hid_t space)
{
    if (space >= 0)
        H5Sclose(space);
    if (ftype >= 0)
        H5Tclose(ftype);
    if (attr >= 0)
        H5Aclose(attr);
}

int ts_h5r_str_attr(reader *r, hid_t obj, const char *name, char **out)
{
    hid_t attr, ftype, space;
    *out = NULL;
    int rc = open_attr(r, obj, name, &attr, &ftype, &space);
    if (rc > 0) {
        rc = -1;
        if (H5Sget_simple_extent_npoints(space) != 1)
            ts_h5r_fail(r, "not a teachsim results file (attribute %s is not a single string)", name);
        else if (ts_h5r_strings(r, attr, 1, ftype, 1, out, name) == 0)
            rc = 0;
    }
    close_attr(attr, ftype, space);
    return rc;
}

int ts_h5r_int_attr(reader *r, hid_t obj, const char *name, hid_t mem_type, void *value, int *found)
{
    hid_t attr, ftype, space;
    *found = 0;
    int rc = open_attr(r, obj, name, &attr, &ftype, &space);
    if (rc > 0) {
        rc = -1;
        if (H5Tget_class(ftype) != H5T_INTEGER || H5Sget_simple_extent_npoints(space) != 1)
            ts_h5r_fail(r, "not a teachsim results file (attribute %s is not a single integer)", name);
        else if (H5Aread(attr, mem_type, value) < 0)
            ts_h5r_h5_fail(r, "reading attribute %s", name);
        else
            *found = 1, rc = 0;
    }
    close_attr(attr, ftype, space);
    return rc;
}

/* Open dataset `name` of loc with its space and file type: 0, or -1 with
 * the message set (what was opened is left for close_dataset). */
static int open_dataset(reader *r, hid_t loc, const char *name, hid_t *dset, hid_t *space, hid_t *ftype)
{
    if ((*dset = H5Dopen2(loc, name, H5P_DEFAULT)) < 0 || (*space = H5Dget_space(*dset)) < 0 ||
        (*ftype = H5Dget_type(*dset)) < 0)
        return ts_h5r_h5_fail(r, "opening dataset %s", name);
    if (!ts_h5_storage_fits(*dset))
        return ts_h5r_fail(r, "not a teachsim results file (%s claims more storage than the file has)", name);
    return 0;
}

static void close_dataset(hid_t dset, hid_t space, hid_t ftype)
{
    if (ftype >= 0)
        H5Tclose(ftype);
    if (space >= 0)
        H5Sclose(space);
    if (dset >= 0)
        H5Dclose(dset);
}

/* Strings of a dataset of any rank with exactly n elements (malloc'd copies). */
int ts_h5r_strings_nd(reader *r, hid_t loc, const char *name, size_t n, char **out)
{
    int rc = -1;
    hid_t dset = -1, space = -1, ftype = -1;
    if (open_dataset(r, loc, name, &dset, &space, &ftype) < 0)
        goto cleanup;
    if ((size_t)H5Sget_simple_extent_npoints(space) != n) {
        ts_h5r_fail(r, "not a teachsim results file (%s has %lld entries, expected %zu)", name,
                    (long long)H5Sget_simple_extent_npoints(space), n);
        goto cleanup;
    }
    rc = ts_h5r_strings(r, dset, 0, ftype, n, out, name);
cleanup:
    close_dataset(dset, space, ftype);
    return rc;
}

/* A numeric dataset of shape dims[0..rank-1] into buf (memory type mem_type);
 * *found 0 and nothing read when absent. */
int ts_h5r_numbers(reader *r, hid_t loc, const char *name, int rank, const hsize_t *dims, hid_t mem_type, void *buf,
                   int *found)
{
    return ts_h5r_numbers_slot(r, loc, name, rank, dims, -1, 0, mem_type, buf, found);
}

/* Whether `name` (a path, possibly through groups that are not there) is a
 * link of loc: HDF5 1.10 fails, instead of saying no, on a missing group. */
static htri_t path_exists(hid_t loc, const char *name)
{
    char part[512];
    for (const char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
        size_t n = (size_t)(slash - name);
        if (n >= sizeof part)
            return 0;
        memcpy(part, name, n);
        part[n] = '\0';
        htri_t e = H5Lexists(loc, part, H5P_DEFAULT);
        if (e <= 0)
            return e;
    }
    return H5Lexists(loc, name, H5P_DEFAULT);
}

int ts_h5r_numbers_slot(reader *r, hid_t loc, const char *name, int rank, const hsize_t *dims, int slot,
                        hsize_t n_slots, hid_t mem_type, void *buf, int *found)
{
    int rc = -1;
    hid_t dset = -1, space = -1, ftype = -1;
    hsize_t have[8];
    *found = 0;
    htri_t exists = path_exists(loc, name);
    if (exists < 0)
        return ts_h5r_h5_fail(r, "looking for %s", name);
    if (!exists)
        return 0;
    if (open_dataset(r, loc, name, &dset, &space, &ftype) < 0)
        goto cleanup;
    H5T_class_t cls = H5Tget_class(ftype);
    const int file_rank = rank + (slot >= 0);
    const size_t size = H5Tget_size(ftype); /* a damaged type may claim any size; the writer's are 4 or 8 bytes */
    if ((cls != H5T_INTEGER && cls != H5T_FLOAT) || size == 0 || size > 8 ||
        H5Sget_simple_extent_ndims(space) != file_rank || H5Sget_simple_extent_dims(space, have, NULL) < 0 ||
        memcmp(have, dims, (size_t)rank * sizeof *dims) != 0 ||
        (slot >= 0 && (have[rank] != n_slots || (hsize_t)slot >= n_slots))) {
        char shape[160] = "";
        for (int d = 0, at = 0; d < rank && at < (int)sizeof shape; d++)
            at += snprintf(shape + at, sizeof shape - (size_t)at, "%s%llu", d ? ", " : "", (unsigned long long)dims[d]);
        if (slot >= 0)
            snprintf(shape + strlen(shape), sizeof shape - strlen(shape), ", %llu", (unsigned long long)n_slots);
        ts_h5r_fail(r, "not a teachsim results file (%s is not numeric of shape (%s))", name, shape);
        goto cleanup;
    }
    hid_t mspace = H5S_ALL, fspace = H5S_ALL;
    if (slot >= 0) {
        hsize_t start[8] = {0}, count[8];
        for (int d = 0; d < rank; d++)
            count[d] = dims[d];
        start[rank] = (hsize_t)slot;
        count[rank] = 1;
        fspace = space;
        if ((mspace = H5Screate_simple(rank, dims, NULL)) < 0 ||
            H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start, NULL, count, NULL) < 0) {
            if (mspace >= 0)
                H5Sclose(mspace);
            ts_h5r_h5_fail(r, "reading %s", name);
            goto cleanup;
        }
    }
    herr_t read = H5Dread(dset, mem_type, mspace, fspace, H5P_DEFAULT, buf);
    if (mspace != H5S_ALL)
        H5Sclose(mspace);
    if (read < 0) {
        ts_h5r_h5_fail(r, "reading %s", name);
        goto cleanup;
    }
    *found = 1;
    rc = 0;
cleanup:
    close_dataset(dset, space, ftype);
    return rc;
}
