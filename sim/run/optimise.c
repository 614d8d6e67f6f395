/*
 * optimise.c: the cheapest lever mix meeting targets (optimise.h).
 */
#include "optimise.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solve.h"
#include "targets.h"

#define TS_OPTIMISE_CONFIRM_TRIES 10 /* confirmations that may fail before the search gives up */

static double lever_value(const ts_optimise_lever *l, size_t i)
{
    double v = l->lo + (double)i * l->step;
    return v > l->hi ? l->hi : v;
}

static ts_status set_mix(ts_scenario *s, const ts_optimise_options *opt, const size_t *idx, ts_error *err)
{
    ts_status st = TS_OK;
    for (size_t i = 0; i < opt->n_levers && st == TS_OK; i++)
        st = ts_solve_set_from(s, opt->levers[i].path, lever_value(&opt->levers[i], idx[i]), opt->levers[i].from, err);
    return st;
}

ts_status ts_optimise_check(const ts_scenario *s, ts_optimise_lever *levers, size_t n, const ts_optimise_options *opt,
                            ts_error *err)
{
    if (n == 0 || n > TS_OPTIMISE_MAX_LEVERS)
        return ts_error_set(err, TS_ERR_USAGE, "optimise: expected 1 to %d levers, found %zu", TS_OPTIMISE_MAX_LEVERS,
                            n);
    if (!(opt->probability > 0 && opt->probability <= 1))
        return ts_error_set(err, TS_ERR_USAGE, "--probability: expected a number above 0, at most 1, found %g",
                            opt->probability);
    if (opt->n_targets == 0 || opt->n_targets > TS_OPTIMISE_MAX_TARGETS)
        return ts_error_set(err, TS_ERR_USAGE, "optimise: expected 1 to %d targets (--target NAME)",
                            TS_OPTIMISE_MAX_TARGETS);
    for (size_t t = 0; t < opt->n_targets; t++) {
        ts_design_outcome o;
        ts_status st = ts_design_outcome_parse(s, opt->targets[t], &o, err);
        if (st == TS_OK && o.kind != TS_OUTCOME_TARGET)
            st = ts_error_set(err, TS_ERR_USAGE, "--target %s: expected a target of scenario %s", opt->targets[t],
                              s->name);
        if (st != TS_OK)
            return st;
    }
    for (size_t i = 0; i < n; i++) {
        ts_optimise_lever *l = &levers[i];
        if (!(l->step > 0) || !(l->lo <= l->hi) || !isfinite(l->lo) || !isfinite(l->hi))
            return ts_error_set(err, TS_ERR_USAGE, "lever %s: expected lo <= hi and a step above 0", l->path);
        double steps = floor((l->hi - l->lo) / l->step * (1 + 1e-12) + 1e-9);
        if (steps > 10000)
            return ts_error_set(err, TS_ERR_USAGE, "lever %s: %.0f values; at most 10001", l->path, steps + 1);
        l->n_values = (size_t)steps + 1;
        if (lever_value(l, l->n_values - 1) < l->hi) /* the top of the range is always a candidate */
            l->n_values++;
        if (ts_solve_key_is_integer(s, l->path) == 1 && (l->lo != floor(l->lo) || l->step != floor(l->step)))
            return ts_error_set(err, TS_ERR_USAGE, "lever %s: an integer key; give whole numbers", l->path);
        for (int end = 0; end < 2; end++) {
            ts_scenario probe;
            ts_status st = ts_scenario_copy(&probe, s, err);
            if (st != TS_OK)
                return st;
            st = ts_solve_set_from(&probe, l->path, end ? l->hi : l->lo, l->from, err);
            if (st == TS_OK)
                st = ts_scenario_check(&probe, "lever", err);
            ts_scenario_free(&probe);
            if (st != TS_OK)
                return st;
        }
    }
    return TS_OK;
}

ts_status ts_optimise_evaluate(const ts_scenario *base, const ts_optimise_options *opt, const size_t *idx,
                               const ts_run_options *run, ts_optimise_mix *mix, ts_error *err)
{
    memset(mix, 0, sizeof *mix);
    for (size_t i = 0; i < opt->n_levers; i++) {
        mix->index[i] = idx[i];
        mix->value[i] = lever_value(&opt->levers[i], idx[i]);
    }
    ts_scenario cand;
    ts_results res = {0};
    ts_status st = ts_scenario_copy(&cand, base, err);
    if (st != TS_OK)
        return st;
    if ((st = set_mix(&cand, opt, idx, err)) == TS_OK && (st = ts_scenario_check(&cand, "lever mix", err)) == TS_OK) {
        ts_run_options r = *run; /* the same seed and replications for every mix: common random numbers */
        r.reference = 0;
        r.provenance = NULL;
        st = ts_simulation_run(&cand, 1, &r, &res, err);
    }
    ts_scenario_free(&cand);
    if (st != TS_OK) {
        ts_results_free(&res);
        return st;
    }
    mix->cost = ts_design_outcome_value(&res, &opt->minimise);
    mix->feasible = 1;
    mix->worst = 1;
    for (size_t t = 0; t < opt->n_targets && st == TS_OK; t++) {
        size_t j = 0;
        while (j < res.targets.n && strcmp(res.targets.names[j], opt->targets[t]) != 0)
            j++;
        if (j == res.targets.n) {
            st = ts_error_set(err, TS_ERR_RUN, "target %s was not evaluated", opt->targets[t]);
            break;
        }
        int64_t evaluated;
        mix->probability[t] =
            ts_targets_probability(&res, j, 0, &mix->met[t], &evaluated, &mix->lower[t], &mix->upper[t]);
        mix->evaluated = evaluated;
        if (!(mix->probability[t] >= opt->probability))
            mix->feasible = 0;
        if (!(mix->probability[t] >= mix->worst))
            mix->worst = mix->probability[t];
    }
    ts_results_free(&res);
    return st;
}

/* a before b: feasible first, then cheaper; among infeasible, higher worst probability, then cheaper. */
static int better(const ts_optimise_mix *a, const ts_optimise_mix *b)
{
    if (a->feasible != b->feasible)
        return a->feasible;
    if (!a->feasible && a->worst != b->worst)
        return a->worst > b->worst;
    if (a->cost != b->cost)
        return a->cost < b->cost;
    for (size_t i = 0; i < TS_OPTIMISE_MAX_LEVERS; i++) /* ties: the smaller levers, so the order is total */
        if (a->index[i] != b->index[i])
            return a->index[i] < b->index[i];
    return 0;
}

typedef struct {
    const ts_scenario *base;
    const ts_optimise_options *opt;
    ts_optimise_result *out;
    size_t cap;
} search;

/* The mix at idx, evaluated once: a cached mix is not run again. */
static ts_status visit(search *sr, const size_t *idx, size_t *at, ts_error *err)
{
    ts_optimise_result *out = sr->out;
    for (size_t m = 0; m < out->n_mixes; m++)
        if (memcmp(out->mixes[m].index, idx, sr->opt->n_levers * sizeof *idx) == 0) {
            *at = m;
            return TS_OK;
        }
    if (out->n_mixes == sr->cap) {
        size_t cap = sr->cap ? 2 * sr->cap : 64;
        ts_optimise_mix *more = realloc(out->mixes, cap * sizeof *more);
        if (!more)
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        out->mixes = more;
        sr->cap = cap;
    }
    ts_status st = ts_optimise_evaluate(sr->base, sr->opt, idx, &sr->opt->run, &out->mixes[out->n_mixes], err);
    if (st != TS_OK)
        return st;
    out->runs += sr->opt->run.replications;
    *at = out->n_mixes++;
    if (sr->opt->on_mix)
        sr->opt->on_mix(&out->mixes[*at], 0, sr->opt->ctx);
    return TS_OK;
}

static ts_status full_grid(search *sr, ts_error *err)
{
    const ts_optimise_options *opt = sr->opt;
    size_t idx[TS_OPTIMISE_MAX_LEVERS] = {0}, at;
    for (;;) {
        ts_status st = visit(sr, idx, &at, err);
        if (st != TS_OK)
            return st;
        size_t i = 0; /* the next mix, the last lever fastest */
        for (i = opt->n_levers; i-- > 0;) {
            if (++idx[i] < opt->levers[i].n_values)
                break;
            idx[i] = 0;
        }
        if (i == (size_t)-1)
            return TS_OK;
    }
}

/* More levers: from the middle of the grid, sweep one lever at a time over
 * all its values with the others held, move to the best mix of the sweep,
 * and stop when a round over every lever moves nothing (a local optimum on
 * the grid). */
static ts_status coordinate_search(search *sr, ts_error *err)
{
    const ts_optimise_options *opt = sr->opt;
    size_t cur[TS_OPTIMISE_MAX_LEVERS], at, best;
    for (size_t i = 0; i < opt->n_levers; i++)
        cur[i] = opt->levers[i].n_values / 2;
    ts_status st = visit(sr, cur, &best, err);
    for (int moved = 1, rounds = 0; st == TS_OK && moved && rounds < 20; rounds++) {
        moved = 0;
        for (size_t i = 0; i < opt->n_levers && st == TS_OK; i++) {
            size_t idx[TS_OPTIMISE_MAX_LEVERS];
            memcpy(idx, cur, sizeof idx);
            for (size_t v = 0; v < opt->levers[i].n_values && st == TS_OK; v++) {
                idx[i] = v;
                if ((st = visit(sr, idx, &at, err)) == TS_OK && better(&sr->out->mixes[at], &sr->out->mixes[best]))
                    best = at;
            }
            if (st == TS_OK && memcmp(sr->out->mixes[best].index, cur, opt->n_levers * sizeof *cur) != 0) {
                memcpy(cur, sr->out->mixes[best].index, opt->n_levers * sizeof *cur);
                moved = 1;
            }
        }
    }
    return st;
}

/* The search mixes in rank order (insertion sort: a few hundred at most). */
static size_t *ranked(const ts_optimise_result *out)
{
    size_t *order = malloc((out->n_mixes ? out->n_mixes : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t m = 0; m < out->n_mixes; m++) {
        size_t at = m;
        while (at > 0 && better(&out->mixes[m], &out->mixes[order[at - 1]])) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = m;
    }
    return order;
}

ts_status ts_optimise(const ts_scenario *base, const ts_optimise_options *opt, ts_optimise_result *out, ts_error *err)
{
    memset(out, 0, sizeof *out);
    search sr = {base, opt, out, 0};
    double grid = 1;
    for (size_t i = 0; i < opt->n_levers; i++)
        grid *= (double)opt->levers[i].n_values;
    out->n_grid = grid > (double)SIZE_MAX ? SIZE_MAX : (size_t)grid;
    out->exhaustive = opt->n_levers <= 2 || grid <= TS_OPTIMISE_FULL_GRID;
    if (out->exhaustive && grid > 100 * TS_OPTIMISE_FULL_GRID)
        return ts_error_set(err, TS_ERR_USAGE, "optimise: %.0f mixes in the grid of two levers; at most %d", grid,
                            100 * TS_OPTIMISE_FULL_GRID);
    ts_status st = out->exhaustive ? full_grid(&sr, err) : coordinate_search(&sr, err);
    size_t *order = st == TS_OK ? ranked(out) : NULL;
    if (st == TS_OK && !order)
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    if (st != TS_OK)
        goto done;
    out->best = order[0];
    if (opt->confirm_replications <= 0) {
        out->found = out->mixes[order[0]].feasible;
        out->answer = order[0];
        goto done;
    }
    /* Confirm the feasible mixes cheapest first with more replications: the
     * first that holds is the answer; the search's cheapest ones that do not
     * hold are reported and the next is tried (up to TS_OPTIMISE_CONFIRM_TRIES
     * runs in all); after the answer, confirm_max - 1 runners-up. */
    size_t max = opt->confirm_max ? opt->confirm_max : 3;
    out->confirmed = calloc(max + TS_OPTIMISE_CONFIRM_TRIES, sizeof *out->confirmed);
    out->confirmed_of = calloc(max + TS_OPTIMISE_CONFIRM_TRIES, sizeof *out->confirmed_of);
    if (!out->confirmed || !out->confirmed_of) {
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        goto done;
    }
    ts_run_options run = opt->run;
    run.replications = opt->confirm_replications;
    size_t held = 0;
    for (size_t r = 0; r < out->n_mixes && out->mixes[order[r]].feasible && held < max &&
                       out->n_confirmed < max + TS_OPTIMISE_CONFIRM_TRIES;
         r++) {
        ts_optimise_mix *c = &out->confirmed[out->n_confirmed];
        if ((st = ts_optimise_evaluate(base, opt, out->mixes[order[r]].index, &run, c, err)) != TS_OK)
            goto done;
        out->runs += run.replications;
        out->confirmed_of[out->n_confirmed] = order[r];
        if (opt->on_mix)
            opt->on_mix(c, 1, opt->ctx);
        if (c->feasible && !out->found) {
            out->found = 1;
            out->answer = out->n_confirmed;
        }
        held += c->feasible;
        out->n_confirmed++;
    }
done:
    free(order);
    return st;
}

void ts_optimise_result_free(ts_optimise_result *r)
{
    if (!r)
        return;
    free(r->mixes);
    free(r->confirmed);
    free(r->confirmed_of);
    memset(r, 0, sizeof *r);
}
