/*
 * optimise_h5.h: the record of a lever search (teachsim optimise) and its
 * group optimise/ of a results file.
 *
 * Owns: what an analyst needs to see of a search after it ran: the levers
 * (key path, grid, first school year, whether the key is whole), the
 * targets, the required probability and the outcome minimised, every mix
 * the search evaluated and every confirmation run (the levers' values, the
 * outcome, each target's probability with its Wilson interval and counts,
 * the worst probability, feasible or not), which confirmation is the answer
 * (or which search mix came closest when none is), and writing and reading
 * that record as the group optimise/. Does not own the search (run/
 * optimise.h), printing it (summary_optimise.h) nor the results file's runs
 * (results_h5_write.h).
 */
#ifndef TEACHSIM_OPTIMISE_H5_H
#define TEACHSIM_OPTIMISE_H5_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"

/** Evaluated mixes: row k of each table is mix k. */
typedef struct {
    size_t n;
    double *value;       /* [n][levers]: the levers' values */
    double *outcome;     /* [n]: the outcome minimised, mean over the replications */
    double *probability; /* [n][targets]: share of replications meeting the target */
    double *lower;       /* [n][targets]: its 95 % Wilson interval */
    double *upper;       /* [n][targets] */
    double *met;         /* [n][targets]: replications meeting it */
    double *evaluated;   /* [n]: replications run */
    double *worst;       /* [n]: the smallest of the targets' probabilities */
    double *feasible;    /* [n]: 1 when every target's probability is at least the required one */
} ts_optimise_mixes;

typedef struct {
    size_t n_levers, n_targets;
    char **levers;                                           /* key paths (owned) */
    double *lever_lo, *lever_hi, *lever_step, *lever_from;   /* [n_levers]; from 0: every year */
    double *lever_integer;                                   /* [n_levers]: 1 when the key is a whole number */
    char **targets;                                          /* names (owned) */
    char *minimise;                                          /* INDICATOR@YEAR@REGION (owned) */
    double probability;                                      /* required of every target */
    double seed, replications, confirm_replications, n_grid; /* as run */
    double exhaustive;                                       /* 1: every mix of the grid; 0: coordinate search */
    double found;                                            /* 1: a mix meets every target (confirmed) */
    double answer; /* the answer's row of confirm (of search when nothing was confirmed); -1 when not found */
    double best;   /* when not found: the search row with the highest worst probability; else -1 */
    double runs;   /* replications run in all */
    ts_optimise_mixes search, confirm;
    double *confirm_of; /* [confirm.n]: the search row each confirmation is of */
} ts_optimise_record;

/** Allocate the record's tables for the counts set in it (n_levers,
 *  n_targets, search.n, confirm.n), every number NaN and every string NULL. */
ts_status ts_optimise_record_alloc(ts_optimise_record *r, ts_error *err);
void ts_optimise_record_free(ts_optimise_record *r);

/** Add the group optimise/ to the finished results file at path (an error
 *  when it has one; a group that cannot be written whole is removed). */
ts_status ts_optimise_write_h5(const ts_optimise_record *r, const char *path, ts_error *err);

/** Read the group optimise/ of the results file at path into r (free with
 *  ts_optimise_record_free). A file without it is an error that says which
 *  command writes it. */
ts_status ts_optimise_read_h5(ts_optimise_record *r, const char *path, ts_error *err);

#endif
