/*
 * solve.c: goal seeking over one scenario key (solve.h).
 */
#include "solve.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "targets.h"

#define REGIONS_PREFIX "population.regions["
#define GRID_MAX 100000000.0 /* candidates in one search: far more than a bisection needs */
#define SWEEP_MAX 1000.0     /* candidates of a sweep, each a run of its own */

/* Where the number named by a key path lives. */
typedef struct {
    const ts_key *key;
    int32_t region;  /* -1: a scenario key; else the region of a region key */
    int32_t element; /* within a list key; 0 otherwise */
} key_ref;

static int is_list(const ts_key *k)
{
    return k->type == TS_KEY_REALS || k->type == TS_KEY_INTS;
}
static int is_integer(const ts_key *k)
{
    return k->type == TS_KEY_INT || k->type == TS_KEY_INTS;
}

/* "name" or "name[i]" against a table. */
static ts_status find_in(const ts_key *keys, size_t n, const char *text, const char *full, key_ref *ref, ts_error *err)
{
    char name[256];
    const char *bracket = strchr(text, '[');
    size_t len = bracket ? (size_t)(bracket - text) : strlen(text);
    if (len == 0 || len >= sizeof name)
        return ts_error_set(err, TS_ERR_USAGE, "--vary %s: not a scenario key", full);
    memcpy(name, text, len);
    name[len] = '\0';
    ref->key = NULL;
    for (size_t i = 0; i < n && !ref->key; i++)
        if (strcmp(keys[i].path, name) == 0)
            ref->key = &keys[i];
    if (!ref->key) {
        char near[512];
        if (ts_scenario_suggest_key(full, near, sizeof near))
            return ts_error_set(err, TS_ERR_USAGE,
                                "--vary %s: not a scenario key (docs/scenario-reference.md) (did you mean %s?)", full,
                                near);
        return ts_error_set(err, TS_ERR_USAGE, "--vary %s: not a scenario key (docs/scenario-reference.md)", full);
    }
    const ts_key *k = ref->key;
    if (k->type != TS_KEY_INT && k->type != TS_KEY_REAL && !is_list(k))
        return ts_error_set(err, TS_ERR_USAGE,
                            "--vary %s: expected a number or integer key, found a key of another "
                            "type (switches, texts, births and lists of regions or targets cannot "
                            "be varied)",
                            full);
    ref->element = 0;
    if (bracket) {
        char *end;
        errno = 0;
        long e = strtol(bracket + 1, &end, 10);
        if (!is_list(k))
            return ts_error_set(err, TS_ERR_USAGE, "--vary %s: %s is a single number; write it without [index]", full,
                                name);
        if (errno || end == bracket + 1 || strcmp(end, "]") != 0 || e < 0 || (size_t)e >= k->count)
            return ts_error_set(err, TS_ERR_USAGE, "--vary %s: expected an index from 0 to %zu in brackets", full,
                                k->count - 1);
        ref->element = (int32_t)e;
    } else if (is_list(k)) {
        return ts_error_set(err, TS_ERR_USAGE, "--vary %s: a list of %zu numbers; name one of them, e.g. %s[0]", full,
                            k->count, name);
    }
    return TS_OK;
}

static ts_status resolve(const ts_scenario *s, const char *path, key_ref *ref, ts_error *err)
{
    ref->region = -1;
    if (strncmp(path, REGIONS_PREFIX, strlen(REGIONS_PREFIX)) != 0)
        return find_in(ts_scenario_keys, ts_scenario_key_count, path, path, ref, err);
    const char *inside = path + strlen(REGIONS_PREFIX), *close = strchr(inside, ']');
    if (!close || close[1] != '.')
        return ts_error_set(err, TS_ERR_USAGE,
                            "--vary %s: expected population.regions[INDEX or CODE].KEY, e.g. "
                            "population.regions[shaoshan].temporary_share",
                            path);
    size_t len = (size_t)(close - inside);
    for (int32_t g = 0; g < s->population.n_regions && ref->region < 0; g++) {
        char index[16];
        snprintf(index, sizeof index, "%d", (int)g);
        if ((strlen(index) == len && strncmp(index, inside, len) == 0) ||
            (strlen(s->population.regions[g].code) == len && strncmp(s->population.regions[g].code, inside, len) == 0))
            ref->region = g;
    }
    if (ref->region < 0)
        return ts_error_set(err, TS_ERR_USAGE, "--vary %s: the scenario has no region %.*s", path, (int)len, inside);
    return find_in(ts_region_keys, ts_region_key_count, close + 2, path, ref, err);
}

static void *field_of(ts_scenario *s, const key_ref *ref)
{
    char *base = ref->region >= 0 ? (char *)&s->population.regions[ref->region] : (char *)s;
    size_t width = is_integer(ref->key) ? sizeof(int32_t) : sizeof(double);
    return base + ref->key->offset + (size_t)ref->element * width;
}

int ts_solve_key_is_integer(const ts_scenario *s, const char *key)
{
    key_ref ref;
    ts_error err = {0};
    if (resolve(s, key, &ref, &err) != TS_OK)
        return -1;
    return is_integer(ref.key);
}

ts_status ts_solve_get(const ts_scenario *s, const char *key, double *value, double *min, double *max, ts_error *err)
{
    key_ref ref;
    ts_status st = resolve(s, key, &ref, err);
    if (st != TS_OK)
        return st;
    const void *field = field_of((ts_scenario *)s, &ref); /* only read */
    if (is_integer(ref.key)) {
        int32_t v;
        memcpy(&v, field, sizeof v);
        *value = v;
    } else {
        memcpy(value, field, sizeof *value);
    }
    *min = ref.key->min;
    *max = ref.key->max;
    return TS_OK;
}

ts_status ts_solve_set(ts_scenario *s, const char *key, double value, ts_error *err)
{
    key_ref ref;
    ts_status st = resolve(s, key, &ref, err);
    if (st != TS_OK)
        return st;
    const ts_key *k = ref.key;
    if (!(value >= k->min && value <= k->max) || (is_integer(k) && value != floor(value)))
        return ts_error_set(err, TS_ERR_USAGE, "--vary %s: expected %s in [%.15g, %.15g], found %.15g", key,
                            is_integer(k) ? "a whole number" : "a number", k->min, k->max, value);
    if (ref.region < 0 && ts_uncertain_find(s, k, ref.element))
        return ts_error_set(err, TS_ERR_USAGE,
                            "--vary %s: the scenario gives it as a distribution; give it a number to vary it", key);
    void *field = field_of(s, &ref);
    if (is_integer(k)) {
        int32_t v = (int32_t)value;
        memcpy(field, &v, sizeof v);
    } else {
        memcpy(field, &value, sizeof value);
    }
    int32_t points = 0;
    if (ref.region < 0 && ts_schedule_find(s, k, &points)) /* the value holds in every year: no schedule left */
        return ts_scenario_set_from(s, k, s->horizon.start_year, (const char *)s + k->offset, err);
    return TS_OK;
}

ts_status ts_solve_set_from(ts_scenario *s, const char *key, double value, int32_t from, ts_error *err)
{
    if (from == 0)
        return ts_solve_set(s, key, value, err);
    key_ref ref;
    ts_status st = resolve(s, key, &ref, err);
    if (st != TS_OK)
        return st;
    const char *why = ref.region >= 0 ? "a region's keys describe the start population" : ts_key_fixed_reason(ref.key);
    if (why)
        return ts_error_set(err, TS_ERR_USAGE, "--vary %s --from %d: this key cannot change mid-run: %s", key,
                            (int)from, why);
    if (from <= s->horizon.start_year || from > s->horizon.end_year)
        return ts_error_set(err, TS_ERR_USAGE, "--from: expected a year in [%d, %d] (after the start), found %d",
                            (int)s->horizon.start_year + 1, (int)s->horizon.end_year, (int)from);
    ts_scenario view = *s; /* the key's values in year `from`, one of them replaced */
    ts_scenario_at_year(s, &view, from);
    view.schedule = NULL; /* s's: setting the view's field must leave it alone */
    view.n_schedule = 0;
    if ((st = ts_solve_set(&view, key, value, err)) != TS_OK)
        return st;
    return ts_scenario_set_from(s, ref.key, from, (const char *)&view + ref.key->offset, err);
}

int ts_solve_monotone(const ts_solve_point *points, size_t n, size_t *drop)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (points[i + 1].probability < points[i].probability) {
            if (drop)
                *drop = i;
            return 0;
        }
    return 1;
}

void ts_solve_result_free(ts_solve_result *r)
{
    if (!r)
        return;
    free(r->points);
    ts_results_free(&r->results);
    memset(r, 0, sizeof *r);
}

typedef struct {
    const ts_scenario *base;
    const ts_solve_options *opt;
    ts_solve_result *out;
    size_t cap;
} search;

/* Run the candidate `value`; its point is recorded (in order of value) and
 * returned in *pt, its results in *res (freed by the caller). */
static ts_status evaluate(search *sr, double value, ts_solve_point *pt, ts_results *res, ts_error *err)
{
    ts_scenario cand;
    memset(res, 0, sizeof *res);
    ts_status st = ts_scenario_copy(&cand, sr->base, err);
    if (st != TS_OK)
        return st;
    if ((st = ts_solve_set_from(&cand, sr->opt->key, value, sr->opt->from, err)) == TS_OK &&
        (st = ts_scenario_check(&cand, "--vary", err)) == TS_OK) {
        ts_run_options run = sr->opt->run;
        run.reference = 0;
        ts_stream_options targets_only = {0}; /* no file, no values kept */
        st = sr->opt->targets_only ? ts_simulation_stream(&cand, 1, &run, &targets_only, res, err)
                                   : ts_simulation_run(&cand, 1, &run, res, err);
    }
    ts_scenario_free(&cand);
    if (st != TS_OK)
        return st;
    size_t t = 0;
    while (t < res->targets.n && strcmp(res->targets.names[t], sr->opt->target) != 0)
        t++;
    if (t == res->targets.n) {
        ts_results_free(res);
        return ts_error_set(err, TS_ERR_RUN, "target %s was not evaluated", sr->opt->target);
    }
    memset(pt, 0, sizeof *pt);
    pt->value = value;
    pt->probability = ts_targets_probability(res, t, 0, &pt->met, &pt->evaluated, &pt->lower, &pt->upper);
    if (sr->out->n_points == sr->cap) {
        size_t cap = sr->cap ? 2 * sr->cap : 16;
        ts_solve_point *more = realloc(sr->out->points, cap * sizeof *more);
        if (!more) {
            ts_results_free(res);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        }
        sr->out->points = more;
        sr->cap = cap;
    }
    size_t at = sr->out->n_points;
    while (at > 0 && sr->out->points[at - 1].value > value) {
        sr->out->points[at] = sr->out->points[at - 1];
        at--;
    }
    sr->out->points[at] = *pt;
    sr->out->n_points++;
    if (sr->opt->on_point)
        sr->opt->on_point(pt, sr->opt->ctx);
    return TS_OK;
}

static ts_status check_target(const ts_scenario *base, const char *name, ts_error *err)
{
    char known[2048] = "";
    size_t at = 0;
    for (int32_t i = 0; i < base->targets.n; i++) {
        const ts_target *t = &base->targets.item[i];
        if (strcmp(t->name, name) == 0) {
            if (t->year < base->horizon.start_year || t->year > base->horizon.end_year)
                return ts_error_set(err, TS_ERR_USAGE,
                                    "--target %s: its year %d is outside the scenario's horizon %d-%d, so it is not "
                                    "evaluated",
                                    name, (int)t->year, (int)base->horizon.start_year, (int)base->horizon.end_year);
            return TS_OK;
        }
        if (at + 1 < sizeof known)
            at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", i ? ", " : "", t->name);
    }
    if (base->targets.n == 0)
        return ts_error_set(err, TS_ERR_USAGE, "--target %s: scenario %s has no targets (scenario key targets:)", name,
                            base->name);
    return ts_error_set(err, TS_ERR_USAGE, "--target %s: scenario %s has no such target; it has: %s", name, base->name,
                        known);
}

/* The options must give a grid of candidates LO, LO + STEP, ... up to HI,
 * not too many to search, and a probability to reach; *steps is the index of
 * the last candidate. */
static ts_status check_grid(const ts_solve_options *opt, double *steps, ts_error *err)
{
    if (!(opt->step > 0) || !(opt->lo <= opt->hi) || !isfinite(opt->lo) || !isfinite(opt->hi))
        return ts_error_set(err, TS_ERR_USAGE, "--range %.15g:%.15g --step %.15g: expected LO <= HI and a step above 0",
                            opt->lo, opt->hi, opt->step);
    if (!(opt->probability > 0 && opt->probability <= 1))
        return ts_error_set(err, TS_ERR_USAGE, "--probability %.15g: expected a probability above 0, at most 1",
                            opt->probability);
    *steps = floor((opt->hi - opt->lo) / opt->step * (1 + 1e-12) + 1e-9);
    if (*steps > GRID_MAX)
        return ts_error_set(err, TS_ERR_USAGE, "--range with --step gives %.0f candidates; at most %.0f", *steps + 1,
                            GRID_MAX);
    return TS_OK;
}

/* Both ends must be values the key takes, before anything runs, so that a
 * search never stops halfway on a value it cannot set. */
static ts_status check_ends(const ts_scenario *base, const ts_solve_options *opt, double steps, ts_error *err)
{
    ts_status st = TS_OK;
    ts_scenario probe;
    for (int end = 0; st == TS_OK && end < 2; end++) {
        if ((st = ts_scenario_copy(&probe, base, err)) != TS_OK)
            break;
        st = ts_solve_set(&probe, opt->key, end ? opt->lo + steps * opt->step : opt->lo, err);
        if (st == TS_OK && ts_solve_key_is_integer(base, opt->key) == 1 && opt->step != floor(opt->step))
            st = ts_error_set(err, TS_ERR_USAGE, "--step %.15g: %s is an integer key; give a whole step", opt->step,
                              opt->key);
        ts_scenario_free(&probe);
    }
    return st;
}

/* The value of the candidate of grid index k. */
static double candidate(const ts_solve_options *opt, size_t k)
{
    return opt->lo + (double)k * opt->step;
}

/* p(lo) < P <= p(hi): bisect on the grid index, keeping only the results at
 * hi, so that the answer's results are handed to out without a rerun. */
static ts_status bisect(search *sr, size_t lo, size_t hi, ts_solve_point p_lo, ts_solve_point p_hi, ts_results *r_hi,
                        ts_error *err)
{
    const ts_solve_options *opt = sr->opt;
    ts_solve_result *out = sr->out;
    ts_solve_point p_mid;
    ts_results r_mid = {0};
    ts_status st = TS_OK;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((st = evaluate(sr, candidate(opt, mid), &p_mid, &r_mid, err)) != TS_OK)
            goto cleanup;
        if (p_mid.probability >= opt->probability) {
            hi = mid;
            p_hi = p_mid;
            ts_results_free(r_hi);
            *r_hi = r_mid;
            memset(&r_mid, 0, sizeof r_mid);
        } else {
            lo = mid;
            p_lo = p_mid;
            ts_results_free(&r_mid);
        }
    }
    out->found = 1;
    out->answer = p_hi;
    out->has_below = 1;
    out->below = p_lo;
    out->results = *r_hi;
    memset(r_hi, 0, sizeof *r_hi);
    out->monotone = ts_solve_monotone(out->points, out->n_points, NULL);
cleanup:
    ts_results_free(&r_mid);
    return st;
}

/* Run the ends of the grid [0, hi] first: when the lower end meets the
 * target or the upper end does not, no bisection is needed. */
static ts_status search_grid(search *sr, size_t hi, ts_error *err)
{
    const ts_solve_options *opt = sr->opt;
    ts_solve_result *out = sr->out;
    ts_solve_point p_lo, p_hi;
    ts_results r_lo = {0}, r_hi = {0};
    ts_status st = evaluate(sr, candidate(opt, 0), &p_lo, &r_lo, err);
    if (st != TS_OK)
        return st;
    if (p_lo.probability >= opt->probability) {
        out->found = 1;
        out->answer = p_lo;
        out->results = r_lo;
        out->monotone = 1;
        return TS_OK;
    }
    ts_results_free(&r_lo);
    if (hi == 0) {
        out->top = p_lo;
        out->results = r_lo; /* freed: the one candidate's results are not kept */
        out->monotone = 1;
        return TS_OK;
    }
    if ((st = evaluate(sr, candidate(opt, hi), &p_hi, &r_hi, err)) != TS_OK)
        goto cleanup;
    out->top = p_hi;
    if (p_hi.probability < opt->probability) {
        out->results = r_hi;
        memset(&r_hi, 0, sizeof r_hi);
        out->monotone = ts_solve_monotone(out->points, out->n_points, NULL);
        return TS_OK;
    }
    st = bisect(sr, 0, hi, p_lo, p_hi, &r_hi, err);
cleanup:
    ts_results_free(&r_hi);
    return st;
}

/* Every candidate of the grid [0, hi] in turn, keeping the results of the
 * first that meets the target (else of the last). */
static ts_status sweep_grid(search *sr, size_t hi, ts_error *err)
{
    ts_solve_result *out = sr->out;
    ts_solve_point pt;
    ts_results res = {0};
    for (size_t k = 0; k <= hi; k++) {
        ts_status st = evaluate(sr, candidate(sr->opt, k), &pt, &res, err);
        if (st != TS_OK)
            return st;
        if (!out->found && pt.probability >= sr->opt->probability) {
            out->found = 1;
            out->answer = pt;
            out->has_below = k > 0;
            if (k > 0)
                out->below = out->points[k - 1];
            out->results = res;
        } else if (!out->found && k == hi) {
            out->results = res;
        } else {
            ts_results_free(&res);
        }
        memset(&res, 0, sizeof res);
    }
    out->top = pt;
    out->monotone = ts_solve_monotone(out->points, out->n_points, NULL);
    return TS_OK;
}

/* What both the search and the sweep check before any run: the grid, the
 * target and the key at both ends; the steps of the grid into *steps. */
static ts_status check_search(const ts_scenario *base, const ts_solve_options *opt, ts_solve_result *out, double *steps,
                              ts_error *err)
{
    memset(out, 0, sizeof *out);
    *steps = 0;
    ts_status st;
    if ((st = check_grid(opt, steps, err)) != TS_OK || (st = check_target(base, opt->target, err)) != TS_OK)
        return st;
    return check_ends(base, opt, *steps, err);
}

ts_status ts_solve_sweep(const ts_scenario *base, const ts_solve_options *opt, ts_solve_result *out, ts_error *err)
{
    double steps;
    ts_status st = check_search(base, opt, out, &steps, err);
    if (st != TS_OK)
        return st;
    if (steps + 1 > SWEEP_MAX)
        return ts_error_set(err, TS_ERR_USAGE,
                            "--sweep over --range with --step gives %.0f values, each a run; at most %.0f", steps + 1,
                            SWEEP_MAX);
    search sr = {base, opt, out, 0};
    if ((st = sweep_grid(&sr, (size_t)steps, err)) != TS_OK)
        ts_solve_result_free(out);
    return st;
}

ts_status ts_solve(const ts_scenario *base, const ts_solve_options *opt, ts_solve_result *out, ts_error *err)
{
    double steps;
    ts_status st = check_search(base, opt, out, &steps, err);
    if (st != TS_OK)
        return st;
    search sr = {base, opt, out, 0};
    if ((st = search_grid(&sr, (size_t)steps, err)) != TS_OK)
        ts_solve_result_free(out);
    return st;
}
