/*
 * spread.h: a run spread over the processes of an MPI job (docs/cluster.md).
 *
 * Owns: the one place that knows about MPI. Starting and ending it
 * (MPI_Init_thread with MPI_THREAD_FUNNELED: only the main thread, the
 * OpenMP master, calls MPI), this process's rank and the number of ranks,
 * the contiguous share of a batch's replications each rank computes,
 * gathering the ranks' shares of a value block to rank 0 (or to every rank),
 * adding integer sums over the ranks, handing rank 0's bytes to every rank,
 * and the agreement on a status that makes every rank stop together. The
 * serial build (TEACHSIM_MPI off) and a process that did not start MPI (a
 * test program) are one rank: every function is then the identity.
 * Does not own what is gathered nor when (run.c), writing files (rank 0
 * alone writes, with the serial writer of the output layer), nor printing.
 */
#ifndef TEACHSIM_SPREAD_H
#define TEACHSIM_SPREAD_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"

/** Start MPI when the build has it (a no-op otherwise). Call once, first. */
void ts_spread_begin(int *argc, char ***argv);

/** End MPI if ts_spread_begin started it; returns `code`, the exit code. */
int ts_spread_end(int code);

/** This process's rank (0 when not spread) and the number of ranks (1). */
int ts_spread_rank(void);
int ts_spread_ranks(void);

/** This rank's share [*lo, *hi) of n items: rank k has k*n/K .. (k+1)*n/K,
 *  so rank 0 never has more than n/K. */
void ts_spread_share(size_t n, size_t *lo, size_t *hi);

/**
 * Gather the ranks' shares of a block of doubles made of n_blocks blocks
 * `stride` doubles apart, each holding items of `unit` doubles: rank k's
 * items are first + (its ts_spread_share of n), in every block. Rank 0
 * receives each rank's items in place; with to_all every rank then gets
 * items first .. first + n - 1 of every block from rank 0. A collective
 * call: every rank calls it with the same arguments.
 */
ts_status ts_spread_gather(double *base, size_t n_blocks, size_t stride, size_t unit, size_t first, size_t n,
                           int to_all, ts_error *err);

/** Add v[0..n-1] over the ranks, into every rank's v (collective). */
ts_status ts_spread_sum(int64_t *v, size_t n, ts_error *err);

/** Copy rank 0's `bytes` bytes at buf to every rank (collective). */
ts_status ts_spread_from_first(void *buf, size_t bytes, ts_error *err);

/** The flag a signal sets (ts_run_options.interrupted; NULL: none): a wait
 *  for the other ranks gives up when it is set, and MPI is not used again,
 *  since another rank may be dead and mpirun about to end this one. */
void ts_spread_watch(volatile sig_atomic_t *interrupted);

/**
 * Agree on how every rank goes on (collective): the worst of the ranks'
 * statuses (a failure before an interruption before TS_OK) is returned on
 * every rank, with the error of the rank that had it in *err, its message
 * naming that rank. The MPI build's fault test sets TEACHSIM_FAULT_RANK=k:
 * rank k then fails at its first agreement (tests/cli_mpi.sh).
 */
ts_status ts_spread_agree(ts_status mine, ts_error *err);

#endif
