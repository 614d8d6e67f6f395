/**
 * @file solve.h
 * Goal seeking: the smallest value of a scenario key that meets a target
 * with a given probability.
 *
 * Owns: setting one number of a scenario by its key path, the grid of
 * candidate values, the monotone search over it (bisection on the grid
 * index, assuming the probability does not fall as the value rises) and the
 * check of that assumption on the values evaluated, and the sweep that
 * evaluates every candidate to show the response curve itself. Every candidate runs with
 * the same seed and replications, so replication r of every candidate shares
 * its random numbers teacher by teacher (common random numbers): the
 * probabilities of two candidates differ by what the value changes, not by
 * sampling noise. Does not own running (teachsim/run.h) nor targets (targets.h).
 */
#ifndef TEACHSIM_SOLVE_H
#define TEACHSIM_SOLVE_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/results.h"
#include "teachsim/scenario.h"
#include "teachsim/run.h"

/** One evaluated candidate. */
typedef struct {
    double value;
    int64_t met, evaluated;           /* replications meeting the target, and evaluated */
    double probability, lower, upper; /* met / evaluated and its 95 % Wilson interval */
} ts_solve_point;

typedef struct {
    const char *key;     /* a number or integer key (targeted_intake.provincial), an element of a list
                          * key (leaving.established.rural[1]) or of a region
                          * (population.regions[shaoshan].temporary_share; an index works too) */
    double lo, hi, step; /* candidates lo, lo + step, ... up to hi (hi itself when on the grid) */
    const char *target;  /* a target of the scenario */
    double probability;  /* required probability of meeting it, in (0, 1] */
    int32_t from;        /* 0: the key takes the candidate in every year; else from this school year on */
    ts_run_options run;  /* seed, replications, threads, interrupt flag: the same for every candidate */
    int targets_only;    /* stream each candidate (ts_simulation_stream, no file): memory independent of the
                          * replications, and `results` keeps labels and target outcomes but no values */
    void (*on_point)(const ts_solve_point *point, void *ctx); /* after each evaluation; may be NULL */
    void *ctx;
} ts_solve_options;

typedef struct {
    int found;              /* some candidate meets the target with the probability */
    ts_solve_point answer;  /* the smallest such candidate, when found */
    int has_below;          /* the answer is not the first candidate */
    ts_solve_point below;   /* the candidate one step below the answer */
    ts_solve_point top;     /* the last candidate, when evaluated (always when not found) */
    int monotone;           /* the evaluated probabilities never fall as the value rises */
    ts_solve_point *points; /* every evaluation, in order of value (owned) */
    size_t n_points;
    ts_results results; /* the run at the answer (at the last candidate when not found) */
} ts_solve_result;

/**
 * Set the number at `key` (see ts_solve_options.key) in s to value: the key
 * must be a number or integer key (an integer key takes whole numbers), the
 * value within its allowed range, and the number not given as a
 * distribution. Usage errors name the key and what was expected.
 */
ts_status ts_solve_set(ts_scenario *s, const char *key, double value, ts_error *err);

/** The number at `key` in s (its value at the start for a scheduled key), and
 *  the key's allowed range; the errors of ts_solve_set for a bad path. */
ts_status ts_solve_get(const ts_scenario *s, const char *key, double *value, double *min, double *max, ts_error *err);

/**
 * As ts_solve_set from school year `from` on (0: the whole run): the key
 * becomes a schedule that keeps its values before `from` and takes `value`
 * from `from` on (ts_scenario_set_from). The key must be one that may change
 * mid-run, and `from` a year of the horizon after its start.
 */
ts_status ts_solve_set_from(ts_scenario *s, const char *key, double value, int32_t from, ts_error *err);

/** Whether `key` names an integer key (candidates must then be whole numbers); -1 when unknown. */
int ts_solve_key_is_integer(const ts_scenario *s, const char *key);

/**
 * Search the grid for the smallest candidate whose probability of meeting
 * opt->target is at least opt->probability. Evaluates the first candidate
 * (the answer if it meets it), then the last (not found if it does not),
 * then bisects. *out is filled (free with ts_solve_result_free) also when the
 * target is not reachable in the range; errors: a key, range or target the
 * scenario does not have, a target not evaluated in the horizon, a failed run.
 */
ts_status ts_solve(const ts_scenario *base, const ts_solve_options *opt, ts_solve_result *out, ts_error *err);

/**
 * Evaluate every candidate of the grid, in order of value, with no search:
 * the response curve. out->points holds them all; found, answer and below
 * are the smallest candidate meeting opt->probability and the one before it,
 * top the last candidate, monotone whether the probabilities never fall, and
 * results the run at the answer (at the last candidate when none meets it).
 * At most 1000 candidates; the errors are ts_solve's.
 */
ts_status ts_solve_sweep(const ts_scenario *base, const ts_solve_options *opt, ts_solve_result *out, ts_error *err);

void ts_solve_result_free(ts_solve_result *r);

/** 1 if points[0..n-1] (in order of value) never fall in probability; else 0
 *  and *drop (may be NULL) is the index i with points[i+1] below points[i]. */
int ts_solve_monotone(const ts_solve_point *points, size_t n, size_t *drop);

#endif
