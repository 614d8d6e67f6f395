/**
 * @file design_points.h
 * Running a scenario at many design points: the inputs of a study, its
 * outcomes, and the runner that evaluates them with common random numbers.
 *
 * Owns: the inputs (key paths with a distribution each: read from a ranges
 * file, or by default the scenario's A-labelled single-number keys at +-50 %
 * of their value clipped to the key's range), the outcomes a design point is
 * measured by (a target's probability, or an indicator's mean over the
 * replications at a year and region), and ts_design_run, which sets the
 * inputs of each design point in a copy of the scenario (ts_solve_set), runs
 * it with the same seed and replications as every other point (so replication
 * r of every point shares its random numbers teacher by teacher) and reduces
 * the results to the outcomes. Sensitivity analysis (the verb sensitivity)
 * and any later search over keys (attribution, optimisation) share it.
 * Does not own the designs or estimators (base/sensitivity.h), running
 * (teachsim/run.h) nor setting a key (solve.h).
 */
#ifndef TEACHSIM_DESIGN_POINTS_H
#define TEACHSIM_DESIGN_POINTS_H

#include <stddef.h>
#include <stdint.h>

#include "sensitivity.h"
#include "yaml_tree.h"
#include "teachsim/results.h"
#include "teachsim/run.h"
#include "teachsim/scenario.h"

#define TS_DESIGN_PATH_LEN 256
#define TS_DESIGN_DEFAULT_SPREAD 0.5 /* default range: the value +- this share of it (A, docs/sensitivity.md) */

/** One input of a study: a key path and its distribution. */
typedef struct {
    char path[TS_DESIGN_PATH_LEN]; /* as ts_solve_set takes it, e.g. leaving.established.rural[1] */
    ts_sens_dist dist;
    double nominal; /* its value in the scenario */
    char text[160]; /* the distribution in words, e.g. "uniform [0.345, 1.035]" */
} ts_design_input;

typedef enum { TS_OUTCOME_TARGET, TS_OUTCOME_INDICATOR } ts_outcome_kind;

/** What a design point is measured by. */
typedef struct {
    char spec[TS_DESIGN_PATH_LEN]; /* as written: TARGET, or INDICATOR@YEAR[@REGION] */
    ts_outcome_kind kind;
    char name[128]; /* the target or indicator */
    int32_t year;   /* indicator: the school year */
    char region[128];
} ts_design_outcome;

/** Read "TARGET" or "INDICATOR@YEAR[@REGION]" (region ALL by default) and
 *  check it against the scenario: a target it has, an indicator of the
 *  table, a year of its horizon, a region of it (code or Chinese name). */
ts_status ts_design_outcome_parse(const ts_scenario *s, const char *spec, ts_design_outcome *o, ts_error *err);

/**
 * The inputs of a study of s: from the ranges file at `path` (a mapping of
 * key paths to [LO, HI], a distribution in the scenario's syntax, or
 * `default`), or, with path NULL, every A-labelled key of the key table that
 * holds one real number which the scenario gives as a plain number other
 * than 0. Every input is checked at both ends of its range, each alone
 * (ts_scenario_check); with the defaults, a key whose range would make an
 * invalid scenario is left out (*skipped counts them, may be NULL), in a
 * file it is an error naming file, line and key. *inputs is allocated.
 */
ts_status ts_design_inputs_load(const ts_scenario *s, const char *path, ts_design_input **inputs, size_t *n,
                                size_t *skipped, ts_error *err);

/** The range ts_design_inputs_load gives `default`: value * (1 -+ spread), clipped to [min, max], rounded for an
 *  integer key. */
void ts_design_default_range(double value, double min, double max, int integer, double spread, double *lo, double *hi);

/** The outcome o of a run of one scenario held in memory (ts_simulation_run). */
double ts_design_outcome_value(const ts_results *res, const ts_design_outcome *o);

/** The outcome o in each replication of a run held in memory into v[res->n_held]: 1 or 0 for a target
 *  (met or not; NaN where it was not evaluated), the indicator's value for an indicator (NaN when the
 *  run lacks it). Their mean is ts_design_outcome_value. */
void ts_design_outcome_values(const ts_results *res, const ts_design_outcome *o, double *v);

/**
 * Evaluate the n_points design points u[p * k + i] (in the unit cube: input
 * i takes ts_sens_quantile(&in[i].dist, u)) of the scenario `base`: each a
 * run with `run`'s seed and replications (common random numbers across the
 * points), measured by every outcome into y[o * n_points + p]. `on_point`
 * (may be NULL) after each point. Stops at the first failure or interrupt.
 */
ts_status ts_design_run(const ts_scenario *base, const ts_design_input *in, size_t k, const double *u, size_t n_points,
                        const ts_design_outcome *outcomes, size_t n_outcomes, const ts_run_options *run, double *y,
                        void (*on_point)(size_t done, size_t total, void *ctx), void *ctx, ts_error *err);

/** FILE:LINE:COLUMN: KEY: what was expected and found, an input error (exit 2), for the files of a
 *  study (ranges here, levers of the verb optimise). */
ts_status ts_design_fail_at(ts_error *err, const char *file, const ts_yaml_node *node, const char *key, const char *fmt,
                            ...) __attribute__((format(printf, 5, 6)));

/** A plain finite number of the YAML tree into *v: 1, or 0 when the node is anything else. */
int ts_design_number_of(const ts_yaml_node *n, double *v);

#endif
