/*
 * results_disk.c: the system side of writing a results file: reserving disk
 * space before HDF5 writes, releasing what was not used, the folder of a
 * path, and moving the complete temporary file into place without
 * clobbering (results_h5_internal.h).
 *
 * Owns the file-system calls only (fallocate, statvfs, getrlimit, link,
 * renameat2, ftruncate, the live-run lock), the check of an output path
 * before a run and the removal of dead runs' temporary files; results_h5.c
 * decides what and when.
 */
#define _GNU_SOURCE /* fallocate, renameat2 and RENAME_NOREPLACE */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

#define TMP_SUFFIX ".tmp."
#define TMP_RANDOM 6           /* the XXXXXX of mkstemp */
#define STALE_AFTER_SECONDS 60 /* a temporary file this long unchanged and unlocked is a dead run's */

static int lock_first_byte(int fd, int wait)
{
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    return fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &lk) == 0 ? 0 : errno;
}

int ts_disk_hold(int fd)
{
    return lock_first_byte(fd, 0);
}

/* Whether name is BASE.tmp.XXXXXX with the characters mkstemp uses. */
static int is_temporary_of(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0 || strncmp(name + n, TMP_SUFFIX, sizeof TMP_SUFFIX - 1) != 0)
        return 0;
    const char *x = name + n + sizeof TMP_SUFFIX - 1;
    return strlen(x) == TMP_RANDOM &&
           strspn(x, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") == TMP_RANDOM;
}

/*
 * Remove the temporary files of `base` in the folder open as dfd that a dead
 * run left. A live writer holds its lock from just after mkstemp to the
 * rename (results_h5.c); a file is taken as dead only when its lock can be
 * had, it is ours, a regular file, and unchanged for STALE_AFTER_SECONDS,
 * which also covers the instant between mkstemp and the lock. The lock is
 * held while the name is removed.
 */
static void clean_stale(int dfd, const char *folder, const char *base, FILE *note)
{
    int scan = dup(dfd);
    DIR *d = scan >= 0 ? fdopendir(scan) : NULL;
    if (!d) {
        if (scan >= 0)
            close(scan);
        return;
    }
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_temporary_of(e->d_name, base))
            continue;
        int fd = openat(dfd, e->d_name, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
            now - st.st_mtime >= STALE_AFTER_SECONDS && lock_first_byte(fd, 0) == 0) {
            struct stat again;
            /* The name must still be this file when it is removed. */
            if (fstatat(dfd, e->d_name, &again, AT_SYMLINK_NOFOLLOW) == 0 && again.st_ino == st.st_ino &&
                again.st_dev == st.st_dev && unlinkat(dfd, e->d_name, 0) == 0 && note)
                fprintf(note,
                        "teachsim: note: removed %s/%s, the temporary file of a run that ended without "
                        "finishing (%.1f MB, unchanged for %lld s)\n",
                        folder, e->d_name, (double)st.st_size / 1e6, (long long)(now - st.st_mtime));
        }
        close(fd);
    }
    closedir(d);
}

ts_status ts_results_path_check(const char *path, int force, FILE *note, ts_error *err)
{
    if (!path || !path[0])
        return ts_error_set(err, TS_ERR_USAGE, "-o: expected the name of a results file, found an empty name");
    size_t len = strlen(path);
    if (path[len - 1] == '/')
        return ts_error_set(err, TS_ERR_USAGE, "%s: expected the name of a results file, found a folder name", path);
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) /* exit 1 as before, when the rename found it after the run */
            return ts_error_set(err, TS_ERR_IO,
                                "%s: expected the name of a results file, found a folder (--force replaces a file, "
                                "never a folder)",
                                path);
        if (!force)
            return ts_error_set(err, TS_ERR_EXISTS, "%s: results file exists; use --force to replace it", path);
        if (!S_ISREG(st.st_mode))
            return ts_error_set(err, TS_ERR_USAGE,
                                "%s: expected a regular file to replace, found a device, FIFO or socket", path);
    }
    char folder[PATH_MAX];
    ts_disk_folder_of(path, folder, sizeof folder);
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return ts_error_set(err, TS_ERR_IO, "%s: cannot write results file: folder %s: %s", path, folder,
                            strerror(errno));
    long name_max = fpathconf(dfd, _PC_NAME_MAX);
    if (name_max <= 0)
        name_max = NAME_MAX;
    size_t tmp_len = strlen(base) + sizeof TMP_SUFFIX - 1 + TMP_RANDOM;
    if (tmp_len > (size_t)name_max) {
        close(dfd);
        return ts_error_set(err, TS_ERR_USAGE,
                            "%s: expected a file name of at most %ld bytes (its temporary name adds %d to the "
                            "folder's limit of %ld), found %zu",
                            path, name_max - (long)(sizeof TMP_SUFFIX - 1 + TMP_RANDOM),
                            (int)(sizeof TMP_SUFFIX - 1 + TMP_RANDOM), name_max, strlen(base));
    }
    clean_stale(dfd, folder, base, note);
    close(dfd);
    /* The probe: what the writer will do first, so that a folder that is
     * read-only, full of inodes or on a read-only mount is found now. */
    char *probe = malloc(len + sizeof TMP_SUFFIX + TMP_RANDOM);
    if (!probe)
        return ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory", path);
    snprintf(probe, len + sizeof TMP_SUFFIX + TMP_RANDOM, "%s" TMP_SUFFIX "XXXXXX", path);
    int fd = mkstemp(probe);
    ts_status status = TS_OK;
    if (fd < 0) {
        status = ts_error_set(err, TS_ERR_IO, "%s: cannot create a file in %s: %s", path, folder, strerror(errno));
    } else {
        close(fd);
        unlink(probe);
    }
    free(probe);
    return status;
}
