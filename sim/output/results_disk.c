/*
 * results_disk.c: the system side of writing a results file: reserving disk
 * space before HDF5 writes, releasing what was not used, the folder of a
 * path, and moving the complete temporary file into place without
 * clobbering (results_h5_internal.h).
 *
 * Owns the file-system calls only (fallocate, statvfs, getrlimit, link,
 * renameat2, ftruncate); results_h5.c decides what and when.
 */
#define _GNU_SOURCE /* fallocate, renameat2 and RENAME_NOREPLACE */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "results_h5_internal.h"

int ts_disk_reserve(int fd, uint64_t needed, uint64_t *reserved)
{
    if (needed <= *reserved)
        return 0;
    /* In whole MiB, so a run reserves a few dozen times, not per batch. */
    uint64_t want = (needed + ((uint64_t)1 << 20) - 1) & ~(((uint64_t)1 << 20) - 1);
    struct rlimit lim;
    if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
        /* fallocate with KEEP_SIZE does not check the limit: we do. */
        if (needed > (uint64_t)lim.rlim_cur)
            return EFBIG;
        if (want > (uint64_t)lim.rlim_cur)
            want = (uint64_t)lim.rlim_cur;
    }
    if (fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, (off_t)want) != 0) {
        int e = errno;
        if (e != EOPNOTSUPP && e != ENOSYS && e != EINVAL)
            return e; /* ENOSPC, EDQUOT, EFBIG, EIO */
        /* A file system that cannot reserve: compare its free space. */
        struct statvfs vfs;
        struct stat st;
        if (fstatvfs(fd, &vfs) == 0 && fstat(fd, &st) == 0 && (uint64_t)st.st_size < want &&
            want - (uint64_t)st.st_size > (uint64_t)vfs.f_bavail * (uint64_t)vfs.f_frsize)
            return ENOSPC;
    }
    *reserved = want;
    return 0;
}

void ts_disk_release(int fd, uint64_t reserved)
{
    /* Blocks reserved past the end stay allocated to the file until a
     * truncate; one to the same size releases them (ext4, xfs). */
    struct stat st;
    if (fstat(fd, &st) == 0 && reserved > (uint64_t)st.st_size)
        (void)ftruncate(fd, st.st_size);
}

/* The folder part of `path`, for messages and for fsync after the rename. */
void ts_disk_folder_of(const char *path, char *out, size_t cap)
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
ts_status ts_disk_move_into_place(const char *tmp, const char *path, int force, ts_error *err)
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
