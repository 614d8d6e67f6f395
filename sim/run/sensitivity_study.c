/*
 * sensitivity_study.c: a Morris or Sobol study of a scenario
 * (sensitivity_study.h).
 */
#include "sensitivity_study.h"

#include <string.h>

#include "text.h"

size_t ts_sensitivity_points(const ts_sensitivity_options *opt, size_t k)
{
    return opt->method == TS_SENS_MORRIS ? opt->n * (k + 1) : ts_saltelli_points(k, opt->n);
}

ts_status ts_sensitivity_run(const ts_scenario *base, const ts_design_input *inputs, size_t k,
                             const ts_design_outcome *outcomes, size_t n_outcomes, const ts_sensitivity_options *opt,
                             ts_sensitivity *out, ts_error *err)
{
    memset(out, 0, sizeof *out);
    if (k == 0 || n_outcomes == 0)
        return ts_error_set(err, TS_ERR_USAGE, "sensitivity: expected at least one input and one outcome");
    out->method = opt->method;
    out->k = k;
    out->n_outcomes = n_outcomes;
    out->n_base = opt->n;
    out->n_points = ts_sensitivity_points(opt, k);
    out->levels = opt->method == TS_SENS_MORRIS ? (opt->levels ? opt->levels : TS_SENS_DEFAULT_LEVELS) : 0;
    out->bootstrap = opt->bootstrap ? opt->bootstrap : TS_SENS_DEFAULT_BOOTSTRAP;
    out->level = TS_SENS_DEFAULT_CONFIDENCE;
    out->seed = opt->run.seed;
    out->replications = opt->run.replications;
    ts_status st = ts_sensitivity_alloc(out, err);
    if (st != TS_OK)
        return st;
    for (size_t i = 0; i < k; i++) {
        out->nominal[i] = inputs[i].nominal;
        if (!(out->inputs[i] = ts_text_dup(inputs[i].path)) || !(out->distributions[i] = ts_text_dup(inputs[i].text))) {
            st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
            goto fail;
        }
    }
    for (size_t o = 0; o < n_outcomes; o++)
        if (!(out->outcomes[o] = ts_text_dup(outcomes[o].spec))) {
            st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
            goto fail;
        }
    st = opt->method == TS_SENS_MORRIS ? ts_morris_design(k, opt->n, out->levels, opt->run.seed, out->design, err)
                                       : ts_saltelli_design(k, opt->n, 0, opt->run.seed, out->design, err);
    if (st != TS_OK)
        goto fail;
    for (size_t p = 0; p < out->n_points; p++)
        for (size_t i = 0; i < k; i++)
            out->values[p * k + i] = ts_sens_quantile(&inputs[i].dist, out->design[p * k + i]);
    st = ts_design_run(base, inputs, k, out->design, out->n_points, outcomes, n_outcomes, &opt->run, out->y,
                       opt->on_point, opt->ctx, err);
    if (st != TS_OK)
        goto fail;
    ts_sensitivity_compute(out);
    return TS_OK;
fail:
    ts_sensitivity_free(out);
    return st;
}
