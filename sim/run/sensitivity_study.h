/**
 * @file sensitivity_study.h
 * A global sensitivity study of a scenario: the design, its runs and the
 * indices.
 *
 * Owns: putting together a Morris or Sobol study (the design of
 * base/sensitivity.h for the inputs, every design point run by
 * ts_design_run with common random numbers, the indices by
 * ts_sensitivity_compute) into a ts_sensitivity. Does not own the estimators,
 * the runner, the results group nor printing.
 */
#ifndef TEACHSIM_SENSITIVITY_STUDY_H
#define TEACHSIM_SENSITIVITY_STUDY_H

#include "design_points.h"
#include "sensitivity_h5.h"

#define TS_SENS_DEFAULT_LEVELS 4       /* Morris grid levels (Saltelli et al. 2008, section 3.3) */
#define TS_SENS_DEFAULT_BOOTSTRAP 1000 /* resamples of each interval */
#define TS_SENS_DEFAULT_CONFIDENCE 0.95

typedef struct {
    ts_sens_method method;
    size_t n;         /* Morris: trajectories; Sobol: base samples */
    int levels;       /* Morris; 0: TS_SENS_DEFAULT_LEVELS */
    size_t bootstrap; /* 0: TS_SENS_DEFAULT_BOOTSTRAP */
    ts_run_options run;
    void (*on_point)(size_t done, size_t total, void *ctx); /* may be NULL */
    void *ctx;
} ts_sensitivity_options;

/** Points the study will run (each opt->run.replications replications). */
size_t ts_sensitivity_points(const ts_sensitivity_options *opt, size_t k);

/**
 * Run the study of `base` over the k inputs for the outcomes into *out
 * (allocated; ts_sensitivity_free). The design's and the bootstrap's streams
 * are seeded by opt->run.seed, so the same command gives the same numbers.
 */
ts_status ts_sensitivity_run(const ts_scenario *base, const ts_design_input *inputs, size_t k,
                             const ts_design_outcome *outcomes, size_t n_outcomes, const ts_sensitivity_options *opt,
                             ts_sensitivity *out, ts_error *err);

#endif
