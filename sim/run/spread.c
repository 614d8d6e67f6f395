/*
 * spread.c: a run spread over MPI ranks (spread.h). The only file that
 * includes mpi.h: TEACHSIM_MPI is defined for it alone (CMakeLists.txt), so
 * every other file is the same in both builds.
 */
#include "spread.h"

#include <stdlib.h>
#include <string.h>

#ifdef TEACHSIM_MPI
#include <limits.h>
#include <mpi.h>
#include <time.h>
#endif

void ts_spread_share(size_t n, size_t *lo, size_t *hi)
{
    size_t k = (size_t)ts_spread_rank(), K = (size_t)ts_spread_ranks();
    *lo = k * n / K;
    *hi = (k + 1) * n / K;
}

#ifndef TEACHSIM_MPI

void ts_spread_begin(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

int ts_spread_end(int code)
{
    return code;
}

int ts_spread_rank(void)
{
    return 0;
}

int ts_spread_ranks(void)
{
    return 1;
}

ts_status ts_spread_gather(double *base, size_t n_blocks, size_t stride, size_t unit, size_t first, size_t n,
                           int to_all, ts_error *err)
{
    (void)base, (void)n_blocks, (void)stride, (void)unit, (void)first, (void)n, (void)to_all, (void)err;
    return TS_OK;
}

ts_status ts_spread_sum(int64_t *v, size_t n, ts_error *err)
{
    (void)v, (void)n, (void)err;
    return TS_OK;
}

ts_status ts_spread_from_first(void *buf, size_t bytes, ts_error *err)
{
    (void)buf, (void)bytes, (void)err;
    return TS_OK;
}

void ts_spread_watch(volatile sig_atomic_t *interrupted)
{
    (void)interrupted;
}

ts_status ts_spread_agree(ts_status mine, ts_error *err)
{
    (void)err;
    return mine;
}

#else

static int started;                    /* ts_spread_begin called MPI_Init_thread */
static int fault_rank;                 /* TEACHSIM_FAULT_RANK, or -1 */
static volatile sig_atomic_t *watched; /* ts_spread_watch: a signal that stops the run */
static int given_up;                   /* a wait for the other ranks was abandoned: MPI is not used again */

/* A process that did not start MPI (a test program linking the library)
 * runs alone, as the serial build does. */
static int spread(void)
{
    int on = 0;
    MPI_Initialized(&on);
    return on;
}

void ts_spread_begin(int *argc, char ***argv)
{
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return;
    started = 1;
    /* A failed call returns its error, so that the run stops as a failure, not as an abort. */
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    const char *f = getenv("TEACHSIM_FAULT_RANK");
    fault_rank = f && *f ? atoi(f) : -1;
}

int ts_spread_end(int code)
{
    /* After a wait given up, another rank is gone or going, and MPI_Finalize
     * would wait for it: the process ends without it (mpirun ends the job). */
    if (started && !given_up)
        MPI_Finalize();
    return code;
}

void ts_spread_watch(volatile sig_atomic_t *interrupted)
{
    watched = interrupted;
}

int ts_spread_rank(void)
{
    int rank = 0;
    if (spread())
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int ts_spread_ranks(void)
{
    int size = 1;
    if (spread())
        MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

static ts_status mpi_failed(int rc, const char *what, ts_error *err)
{
    if (given_up)
        return TS_ERR_INTERRUPTED; /* complete() said so in *err */
    char text[MPI_MAX_ERROR_STRING] = "";
    int len = 0;
    MPI_Error_string(rc, text, &len);
    return ts_error_set(err, TS_ERR_RUN, "rank %d of %d: %s: %s", ts_spread_rank(), ts_spread_ranks(), what, text);
}

/* Wait for the requests, unless a signal comes first. A rank killed (or
 * stopped by mpirun after another rank died) never answers, and mpirun
 * sends the ranks left SIGTERM and, a second later, SIGKILL: a blocking
 * call would hold rank 0 until the SIGKILL, and its temporary file would
 * stay. So every wait polls, and on the signal gives up at once and for
 * good: the run then fails as interrupted, and rank 0 removes its file. */
static int complete(MPI_Request *req, int n, ts_error *err)
{
    const struct timespec pause = {0, 200000}; /* 0.2 ms: short beside a replication, long beside a message */
    for (;;) {
        int done = 0, rc = MPI_Testall(n, req, &done, MPI_STATUSES_IGNORE);
        if (rc != MPI_SUCCESS || done)
            return rc;
        if (watched && *watched) {
            given_up = 1;
            ts_error_set(err, TS_ERR_INTERRUPTED, "interrupted");
            return MPI_ERR_OTHER;
        }
        nanosleep(&pause, NULL);
    }
}

static int fits_int(size_t v)
{
    return v <= (size_t)INT_MAX;
}

/* Items lo .. hi - 1 of every block, as one MPI datatype (freed by the caller). */
static int items_type(size_t n_blocks, size_t stride, size_t unit, size_t lo, size_t hi, MPI_Datatype *type)
{
    int rc = MPI_Type_vector((int)n_blocks, (int)((hi - lo) * unit), (int)stride, MPI_DOUBLE, type);
    return rc == MPI_SUCCESS ? MPI_Type_commit(type) : rc;
}

/* The error of a call that failed or was given up. */
static ts_status check(int rc, const char *what, ts_error *err)
{
    return rc == MPI_SUCCESS ? TS_OK : mpi_failed(rc, what, err);
}

static ts_status gone(ts_error *err)
{
    return ts_error_set(err, TS_ERR_INTERRUPTED, "interrupted");
}

ts_status ts_spread_gather(double *base, size_t n_blocks, size_t stride, size_t unit, size_t first, size_t n,
                           int to_all, ts_error *err)
{
    const int K = ts_spread_ranks(), me = ts_spread_rank();
    if (K == 1 || n_blocks == 0 || n == 0)
        return TS_OK;
    if (given_up)
        return gone(err);
    if (!fits_int(n_blocks) || !fits_int(stride) || !fits_int(n * unit))
        return ts_error_set(err, TS_ERR_RUN, "a batch too large to gather (%zu blocks of %zu values)", n_blocks,
                            stride);
    MPI_Request *req = malloc((size_t)K * sizeof *req);
    if (!req)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    int rc = MPI_SUCCESS, n_req = 0;
    for (int k = 1; rc == MPI_SUCCESS && k < K; k++) {
        if (me != 0 && me != k)
            continue;
        size_t lo = (size_t)k * n / (size_t)K, hi = (size_t)(k + 1) * n / (size_t)K;
        if (lo == hi)
            continue; /* both sides know it: nothing is sent */
        MPI_Datatype type;
        if ((rc = items_type(n_blocks, stride, unit, lo, hi, &type)) != MPI_SUCCESS)
            break;
        double *at = base + (first + lo) * unit;
        rc = me == 0 ? MPI_Irecv(at, 1, type, k, 0, MPI_COMM_WORLD, &req[n_req])
                     : MPI_Isend(at, 1, type, 0, 0, MPI_COMM_WORLD, &req[n_req]);
        n_req += rc == MPI_SUCCESS;
        MPI_Type_free(&type); /* a pending request keeps what it needs */
    }
    if (rc == MPI_SUCCESS)
        rc = complete(req, n_req, err);
    if (rc == MPI_SUCCESS && to_all) {
        MPI_Datatype type;
        if ((rc = items_type(n_blocks, stride, unit, 0, n, &type)) == MPI_SUCCESS) {
            rc = MPI_Ibcast(base + first * unit, 1, type, 0, MPI_COMM_WORLD, &req[0]);
            MPI_Type_free(&type);
            if (rc == MPI_SUCCESS)
                rc = complete(req, 1, err);
        }
    }
    free(req);
    return check(rc, "gathering a batch", err);
}

ts_status ts_spread_sum(int64_t *v, size_t n, ts_error *err)
{
    if (ts_spread_ranks() == 1 || n == 0)
        return TS_OK;
    if (given_up)
        return gone(err);
    if (!fits_int(n))
        return ts_error_set(err, TS_ERR_RUN, "too many sums to add over the ranks (%zu)", n);
    MPI_Request req;
    int rc = MPI_Iallreduce(MPI_IN_PLACE, v, (int)n, MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD, &req);
    if (rc == MPI_SUCCESS)
        rc = complete(&req, 1, err);
    return check(rc, "adding the schools' sums", err);
}

ts_status ts_spread_from_first(void *buf, size_t bytes, ts_error *err)
{
    if (ts_spread_ranks() == 1 || bytes == 0)
        return TS_OK;
    if (given_up)
        return gone(err);
    if (!fits_int(bytes))
        return ts_error_set(err, TS_ERR_RUN, "too much to hand to every rank (%zu bytes)", bytes);
    MPI_Request req;
    int rc = MPI_Ibcast(buf, (int)bytes, MPI_BYTE, 0, MPI_COMM_WORLD, &req);
    if (rc == MPI_SUCCESS)
        rc = complete(&req, 1, err);
    return check(rc, "handing rank 0's results on", err);
}

/* How bad a status is: a failure stops the run with its error, an
 * interruption stops it with exit code 130. */
static int severity(ts_status st)
{
    return st == TS_OK ? 0 : st == TS_ERR_INTERRUPTED ? 1 : 2;
}

ts_status ts_spread_agree(ts_status mine, ts_error *err)
{
    const int K = ts_spread_ranks(), me = ts_spread_rank();
    if (K == 1)
        return mine;
    if (given_up)
        return mine != TS_OK ? mine : gone(err);
    if (me == fault_rank && mine == TS_OK) {
        fault_rank = -1; /* once */
        mine = ts_error_set(err, TS_ERR_RUN, "a fault injected by TEACHSIM_FAULT_RANK=%d", me);
    }
    struct {
        int severity, rank;
    } in = {severity(mine), me}, worst;
    MPI_Request req;
    int rc = MPI_Iallreduce(&in, &worst, 1, MPI_2INT, MPI_MAXLOC, MPI_COMM_WORLD, &req);
    if (rc == MPI_SUCCESS)
        rc = complete(&req, 1, err);
    if (rc != MPI_SUCCESS)
        return mpi_failed(rc, "agreeing on the run's status", err);
    if (worst.severity == 0)
        return TS_OK;
    /* Every rank reports the same error: the worst rank's (the lowest of them on a tie). */
    ts_error theirs;
    if (me == worst.rank)
        theirs = *err;
    rc = MPI_Ibcast(&theirs, sizeof theirs, MPI_BYTE, worst.rank, MPI_COMM_WORLD, &req);
    if (rc == MPI_SUCCESS)
        rc = complete(&req, 1, err);
    if (rc != MPI_SUCCESS)
        return mpi_failed(rc, "agreeing on the run's status", err);
    if (theirs.status == TS_ERR_INTERRUPTED)
        *err = theirs;
    else
        ts_error_set(err, theirs.status, "rank %d of %d: %s", worst.rank, K, theirs.message);
    return err->status;
}

#endif
