/**
 * @file optimise.h
 * The cheapest mix of levers that meets a scenario's targets with a given
 * probability.
 *
 * Owns: a lever (a key path with a grid of allowed values, optionally from a
 * school year on), the search over the grid of lever mixes (every mix when
 * there are at most two levers or few mixes; else a coordinate search that
 * sweeps one lever at a time with the others held), the ranking of mixes
 * (feasible ones by cost; infeasible ones by their worst target
 * probability), and the confirmation of the best feasible mixes with more
 * replications. Every mix of the search runs with the same seed and
 * replications, so replication r of every mix shares its random numbers
 * teacher by teacher (common random numbers); so does every confirmation.
 * Does not own setting a key (solve.h), outcomes (design_points.h), running
 * (teachsim/run.h) nor reading the levers file (the verb optimise).
 */
#ifndef TEACHSIM_OPTIMISE_H
#define TEACHSIM_OPTIMISE_H

#include <stddef.h>
#include <stdint.h>

#include "design_points.h"
#include "teachsim/run.h"
#include "teachsim/scenario.h"

#define TS_OPTIMISE_MAX_LEVERS 8
#define TS_OPTIMISE_MAX_TARGETS 16
#define TS_OPTIMISE_FULL_GRID 400 /* mixes evaluated one by one at most; more levers or values: coordinate search */

/** One lever: values lo, lo + step, ... up to hi, from school year `from` on (0: every year). */
typedef struct {
    char path[TS_DESIGN_PATH_LEN];
    double lo, hi, step;
    int32_t from;
    size_t n_values; /* filled by ts_optimise_check */
} ts_optimise_lever;

/** One evaluated mix. */
typedef struct {
    size_t index[TS_OPTIMISE_MAX_LEVERS]; /* grid index of each lever */
    double value[TS_OPTIMISE_MAX_LEVERS];
    double cost; /* the outcome minimised */
    int64_t met[TS_OPTIMISE_MAX_TARGETS], evaluated;
    double probability[TS_OPTIMISE_MAX_TARGETS], lower[TS_OPTIMISE_MAX_TARGETS], upper[TS_OPTIMISE_MAX_TARGETS];
    double worst; /* the smallest of the targets' probabilities */
    int feasible; /* every target met with at least the required probability */
} ts_optimise_mix;

typedef struct {
    const ts_optimise_lever *levers;
    size_t n_levers;
    const char *targets[TS_OPTIMISE_MAX_TARGETS];
    size_t n_targets;
    double probability;           /* required for every target, in (0, 1] */
    ts_design_outcome minimise;   /* e.g. cost_total_cumulative@END@ALL */
    ts_run_options run;           /* the search: seed, replications, threads, interrupt flag */
    int32_t confirm_replications; /* the confirmation runs (same seed); 0: no confirmation */
    size_t confirm_max;           /* feasible mixes confirmed at most, cheapest first */
    void (*on_mix)(const ts_optimise_mix *mix, int confirming, void *ctx); /* after each run; may be NULL */
    void *ctx;
} ts_optimise_options;

typedef struct {
    int exhaustive;         /* every mix of the grid was evaluated */
    size_t n_grid;          /* mixes in the grid */
    ts_optimise_mix *mixes; /* every mix of the search, in order of evaluation (owned) */
    size_t n_mixes;
    ts_optimise_mix *confirmed; /* the confirmation runs, cheapest search mix first (owned) */
    size_t *confirmed_of;       /* the search mix each confirmation is of */
    size_t n_confirmed;
    int found;     /* a mix is feasible in the search and (when confirmed) in its confirmation */
    size_t answer; /* index into confirmed (or into mixes without confirmation) */
    size_t best;   /* when not found: the search mix with the highest worst probability */
    int64_t runs;  /* replications run in all */
} ts_optimise_result;

/** Check the levers (keys, ranges, steps, years: both ends of each set in a
 *  copy of s and checked), the targets and the probability; fills n_values. */
ts_status ts_optimise_check(const ts_scenario *s, ts_optimise_lever *levers, size_t n, const ts_optimise_options *opt,
                            ts_error *err);

/** Run the search and the confirmations. *out is filled (free with
 *  ts_optimise_result_free) also when no mix meets the targets. */
ts_status ts_optimise(const ts_scenario *base, const ts_optimise_options *opt, ts_optimise_result *out, ts_error *err);

void ts_optimise_result_free(ts_optimise_result *r);

/** Evaluate one mix (grid indices idx) with the run options `run`. */
ts_status ts_optimise_evaluate(const ts_scenario *base, const ts_optimise_options *opt, const size_t *idx,
                               const ts_run_options *run, ts_optimise_mix *mix, ts_error *err);

#endif
