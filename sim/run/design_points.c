/*
 * design_points.c: inputs, outcomes and the common-random-numbers runner of
 * a study over many design points (design_points.h).
 */
#include "design_points.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicator_list.h"
#include "solve.h"
#include "targets.h"
#include "text.h"
#include "yaml_tree.h"

#define RANGES_MAX_BYTES ((size_t)1 << 20)

/* ---- outcomes ------------------------------------------------------------------ */

static int find_region(const ts_scenario *s, const char *name, char *code, size_t size)
{
    if (strcmp(name, "ALL") == 0) {
        snprintf(code, size, "ALL");
        return 1;
    }
    for (int32_t g = 0; g < s->population.n_regions; g++)
        if (ts_text_is_name(name, s->population.regions[g].code, s->population.regions[g].name_zh)) {
            snprintf(code, size, "%s", s->population.regions[g].code);
            return 1;
        }
    return 0;
}

ts_status ts_design_outcome_parse(const ts_scenario *s, const char *spec, ts_design_outcome *o, ts_error *err)
{
    memset(o, 0, sizeof *o);
    if (strlen(spec) >= sizeof o->spec)
        return ts_error_set(err, TS_ERR_USAGE, "--outcome: longer than %zu bytes", sizeof o->spec - 1);
    snprintf(o->spec, sizeof o->spec, "%s", spec);
    const char *at = strchr(spec, '@');
    if (!at) {
        for (int32_t i = 0; i < s->targets.n; i++)
            if (strcmp(s->targets.item[i].name, spec) == 0) {
                const ts_target *t = &s->targets.item[i];
                if (t->year < s->horizon.start_year || t->year > s->horizon.end_year)
                    return ts_error_set(err, TS_ERR_USAGE,
                                        "--outcome %s: the target's year %d is outside the horizon %d-%d", spec,
                                        (int)t->year, (int)s->horizon.start_year, (int)s->horizon.end_year);
                o->kind = TS_OUTCOME_TARGET;
                snprintf(o->name, sizeof o->name, "%s", spec);
                return TS_OK;
            }
        return ts_error_set(err, TS_ERR_USAGE,
                            "--outcome %s: expected a target of scenario %s or INDICATOR@YEAR[@REGION] "
                            "(e.g. cost_total_cumulative@2035@ALL), found neither",
                            spec, s->name);
    }
    o->kind = TS_OUTCOME_INDICATOR;
    size_t len = (size_t)(at - spec);
    if (len == 0 || len >= sizeof o->name)
        return ts_error_set(err, TS_ERR_USAGE, "--outcome %s: expected INDICATOR@YEAR[@REGION]", spec);
    memcpy(o->name, spec, len);
    o->name[len] = '\0';
    size_t i = 0;
    while (i < ts_indicator_count && strcmp(ts_indicator_defs[i].name, o->name) != 0)
        i++;
    if (i == ts_indicator_count)
        return ts_error_set(err, TS_ERR_USAGE, "--outcome %s: %s is not an indicator (docs/indicators.md)", spec,
                            o->name);
    char *end;
    errno = 0;
    long year = strtol(at + 1, &end, 10);
    if (errno || end == at + 1 || (*end && *end != '@') || year < s->horizon.start_year || year > s->horizon.end_year)
        return ts_error_set(err, TS_ERR_USAGE, "--outcome %s: expected a year of the horizon %d-%d after @", spec,
                            (int)s->horizon.start_year, (int)s->horizon.end_year);
    o->year = (int32_t)year;
    const char *region = *end == '@' ? end + 1 : "ALL";
    if (!find_region(s, region, o->region, sizeof o->region))
        return ts_error_set(err, TS_ERR_USAGE,
                            "--outcome %s: the scenario has no region %s (a code, a Chinese name "
                            "or ALL)",
                            spec, region);
    return TS_OK;
}

double ts_design_outcome_value(const ts_results *res, const ts_design_outcome *o)
{
    if (o->kind == TS_OUTCOME_TARGET) {
        for (size_t t = 0; t < res->targets.n; t++)
            if (strcmp(res->targets.names[t], o->name) == 0) {
                int64_t met, evaluated;
                double lo, hi;
                return ts_targets_probability(res, t, 0, &met, &evaluated, &lo, &hi);
            }
        return NAN;
    }
    int ind = ts_results_indicator_index(res, o->name);
    size_t g = 0;
    while (g < res->n_regions && strcmp(res->labels.region_codes[g], o->region) != 0)
        g++;
    if (ind < 0 || g == res->n_regions || o->year < res->first_year ||
        (size_t)(o->year - res->first_year) >= res->n_years || res->n_held == 0)
        return NAN;
    size_t y = (size_t)(o->year - res->first_year);
    double sum = 0; /* serially in replication order (docs/conventions.md, rule 8) */
    for (size_t r = res->first_held; r < res->first_held + res->n_held; r++)
        sum += ts_results_block(res, (size_t)ind, 0, r)[y * res->n_regions + g];
    return sum / (double)res->n_held;
}

void ts_design_outcome_values(const ts_results *res, const ts_design_outcome *o, double *v)
{
    for (size_t r = 0; r < res->n_held; r++)
        v[r] = NAN;
    if (o->kind == TS_OUTCOME_TARGET) {
        for (size_t t = 0; t < res->targets.n; t++)
            if (strcmp(res->targets.names[t], o->name) == 0)
                for (size_t r = 0; r < res->n_held && res->first_held + r < res->n_replications; r++) {
                    int8_t m = res->targets.met[t * res->n_scenarios * res->n_replications + res->first_held + r];
                    v[r] = m < 0 ? NAN : (double)m;
                }
        return;
    }
    int ind = ts_results_indicator_index(res, o->name);
    size_t g = 0;
    while (g < res->n_regions && strcmp(res->labels.region_codes[g], o->region) != 0)
        g++;
    if (ind < 0 || g == res->n_regions || o->year < res->first_year ||
        (size_t)(o->year - res->first_year) >= res->n_years)
        return;
    size_t y = (size_t)(o->year - res->first_year);
    for (size_t r = 0; r < res->n_held; r++)
        v[r] = ts_results_block(res, (size_t)ind, 0, res->first_held + r)[y * res->n_regions + g];
}

/* ---- inputs --------------------------------------------------------------------- */

void ts_design_default_range(double value, double min, double max, int integer, double spread, double *lo, double *hi)
{
    double a = value * (1 - spread), b = value * (1 + spread);
    if (a > b) { /* a negative value */
        double t = a;
        a = b;
        b = t;
    }
    if (integer) {
        a = ceil(a);
        b = floor(b);
    }
    *lo = a < min ? min : a;
    *hi = b > max ? max : b;
}

static void describe(ts_design_input *in)
{
    const double *p = in->dist.p;
    switch (in->dist.kind) {
    case TS_SENS_UNIFORM:
        snprintf(in->text, sizeof in->text, "uniform [%.6g, %.6g]", p[0], p[1]);
        break;
    case TS_SENS_TRIANGULAR:
        snprintf(in->text, sizeof in->text, "triangular [%.6g, %.6g, %.6g]", p[0], p[1], p[2]);
        break;
    case TS_SENS_NORMAL:
        snprintf(in->text, sizeof in->text, "normal mean %.6g sd %.6g", p[0], p[1]);
        break;
    case TS_SENS_BETA:
        snprintf(in->text, sizeof in->text, "beta alpha %.6g beta %.6g", p[0], p[1]);
        break;
    case TS_SENS_LOGNORMAL:
        snprintf(in->text, sizeof in->text, "lognormal meanlog %.6g sdlog %.6g", p[0], p[1]);
        break;
    }
}

/* Set one input to `value` in a copy of s and check the scenario. */
static ts_status try_value(const ts_scenario *s, const char *path, double value, ts_error *err)
{
    ts_scenario probe;
    ts_status st = ts_scenario_copy(&probe, s, err);
    if (st != TS_OK)
        return st;
    if ((st = ts_solve_set(&probe, path, value, err)) == TS_OK)
        st = ts_scenario_check(&probe, "--vary-file", err);
    ts_scenario_free(&probe);
    return st;
}

static ts_status check_ends(const ts_scenario *s, ts_design_input *in, ts_error *err)
{
    ts_status st = try_value(s, in->path, ts_sens_quantile(&in->dist, 0), err);
    if (st == TS_OK)
        st = try_value(s, in->path, ts_sens_quantile(&in->dist, 1), err);
    return st;
}

/* An input at `path` with the default range around its value in s. */
static ts_status default_input(const ts_scenario *s, const char *path, ts_design_input *in, ts_error *err)
{
    double min, max;
    memset(in, 0, sizeof *in);
    snprintf(in->path, sizeof in->path, "%s", path);
    ts_status st = ts_solve_get(s, path, &in->nominal, &min, &max, err);
    if (st != TS_OK)
        return st;
    in->dist.integer = ts_solve_key_is_integer(s, path) == 1;
    in->dist.kind = TS_SENS_UNIFORM;
    in->dist.lo = min;
    in->dist.hi = max;
    ts_design_default_range(in->nominal, min, max, in->dist.integer, TS_DESIGN_DEFAULT_SPREAD, &in->dist.p[0],
                            &in->dist.p[1]);
    describe(in);
    return TS_OK;
}

static ts_status defaults(const ts_scenario *s, ts_design_input **inputs, size_t *n, size_t *skipped, ts_error *err)
{
    ts_design_input *list = calloc(ts_scenario_key_count, sizeof *list);
    if (!list)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    size_t m = 0, left_out = 0;
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const ts_key *k = &ts_scenario_keys[i];
        if (k->type != TS_KEY_REAL || !k->source || k->source[0] != 'A' || ts_uncertain_find(s, k, 0))
            continue;
        ts_error quiet = {0};
        if (default_input(s, k->path, &list[m], &quiet) != TS_OK || list[m].nominal == 0 ||
            !(list[m].dist.p[1] > list[m].dist.p[0]))
            continue;
        if (check_ends(s, &list[m], &quiet) != TS_OK) {
            left_out++;
            continue;
        }
        m++;
    }
    (void)err;
    *inputs = list;
    *n = m;
    if (skipped)
        *skipped = left_out;
    return TS_OK;
}

ts_status ts_design_fail_at(ts_error *err, const char *file, const ts_yaml_node *node, const char *key, const char *fmt,
                            ...)
{
    char what[TS_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return ts_error_set(err, TS_ERR_INPUT, "%s:%zu:%zu: %s: %.*s", file, node->line, node->column, key,
                        (int)(TS_ERROR_MAX / 2), what);
}

int ts_design_number_of(const ts_yaml_node *n, double *v)
{
    if (!n || n->kind != TS_YAML_SCALAR || !n->plain)
        return 0;
    char *end;
    errno = 0;
    *v = strtod(n->text, &end);
    return !errno && end != n->text && *end == '\0' && isfinite(*v);
}

/* The numbers of a sequence of `count`, or of a mapping with these names. */
static int params_of(const ts_yaml_node *n, int count, const char *const *names, double *v)
{
    if (names) {
        if (!n || n->kind != TS_YAML_MAPPING || n->n != (size_t)count)
            return 0;
        for (int i = 0; i < count; i++)
            if (!ts_design_number_of(ts_yaml_map_get(n, names[i]), &v[i]))
                return 0;
        return 1;
    }
    if (!n || n->kind != TS_YAML_SEQUENCE || n->n != (size_t)count)
        return 0;
    for (int i = 0; i < count; i++)
        if (!ts_design_number_of(n->items[i], &v[i]))
            return 0;
    return 1;
}

/* One entry of the ranges file: [LO, HI], `default` or a distribution in the
 * scenario's syntax (input/scenario_uncertain.c). */
static ts_status file_input(const ts_scenario *s, const char *file, const ts_yaml_node *key, const ts_yaml_node *val,
                            ts_design_input *in, ts_error *err)
{
    static const char *const normal[] = {"mean", "sd"}, *const beta[] = {"alpha", "beta"},
                             *const lognormal[] = {"meanlog", "sdlog"};
    const char *path = key->text;
    if (strlen(path) >= sizeof in->path)
        return ts_design_fail_at(err, file, key, "key path", "expected a key path, found one of %zu bytes",
                                 strlen(path));
    ts_error why = {0};
    if (default_input(s, path, in, &why) != TS_OK)
        return ts_design_fail_at(err, file, key, path, "%s", why.message);
    static const char expected[] =
        "expected [LO, HI], default, or a distribution ({uniform: [a, b]}, {triangular: [min, mode, "
        "max]}, {normal: {mean: m, sd: s}}, {beta: {alpha: a, beta: b}}, {lognormal: {meanlog: m, "
        "sdlog: s}}), found %s";
    ts_sens_dist *d = &in->dist;
    if (val->kind == TS_YAML_SCALAR) {
        if (strcmp(val->text, "default") != 0)
            return ts_design_fail_at(err, file, val, path, expected, val->text);
    } else if (val->kind == TS_YAML_SEQUENCE) {
        if (!params_of(val, 2, NULL, d->p) || !(d->p[0] < d->p[1]))
            return ts_design_fail_at(err, file, val, path, "expected [LO, HI] with LO < HI, found %s",
                                     "something else");
        d->kind = TS_SENS_UNIFORM;
    } else {
        const ts_yaml_node *f = val->n == 1 ? val->items[0] : NULL;
        const char *form = val->n == 1 ? val->keys[0]->text : "";
        int ok = 0;
        if (strcmp(form, "uniform") == 0) {
            d->kind = TS_SENS_UNIFORM;
            ok = params_of(f, 2, NULL, d->p) && d->p[0] < d->p[1];
        } else if (strcmp(form, "triangular") == 0) {
            d->kind = TS_SENS_TRIANGULAR;
            ok = params_of(f, 3, NULL, d->p) && d->p[0] <= d->p[1] && d->p[1] <= d->p[2] && d->p[0] < d->p[2];
        } else if (strcmp(form, "normal") == 0) {
            d->kind = TS_SENS_NORMAL;
            ok = params_of(f, 2, normal, d->p) && d->p[1] > 0;
        } else if (strcmp(form, "beta") == 0) {
            d->kind = TS_SENS_BETA;
            ok = params_of(f, 2, beta, d->p) && d->p[0] > 0 && d->p[1] > 0;
        } else if (strcmp(form, "lognormal") == 0) {
            d->kind = TS_SENS_LOGNORMAL;
            ok = params_of(f, 2, lognormal, d->p) && d->p[1] > 0;
        } else {
            return ts_design_fail_at(err, file, val, path, expected, form[0] ? form : "a mapping");
        }
        if (!ok)
            return ts_design_fail_at(err, file, val, path,
                                     "the parameters of %s are not numbers as the scenario syntax has "
                                     "them (docs/scenario-reference.md), or out of order",
                                     form);
    }
    describe(in);
    double a = ts_sens_quantile(d, 0), b = ts_sens_quantile(d, 1);
    if ((d->kind == TS_SENS_UNIFORM && (d->p[0] < d->lo || d->p[1] > d->hi)) ||
        (d->kind == TS_SENS_TRIANGULAR && (d->p[0] < d->lo || d->p[2] > d->hi))) {
        return ts_design_fail_at(err, file, val, path, "expected a range within the key's [%.15g, %.15g], found %s",
                                 d->lo, d->hi, in->text);
    }
    if (!(b > a))
        return ts_design_fail_at(err, file, val, path, "expected a range of more than one value, found %s", in->text);
    if (check_ends(s, in, &why) != TS_OK)
        return ts_design_fail_at(err, file, val, path, "at an end of its range the scenario is not valid: %s",
                                 why.message);
    return TS_OK;
}

static ts_status from_file(const ts_scenario *s, const char *path, ts_design_input **inputs, size_t *n, ts_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ts_error_set(err, TS_ERR_INPUT, "%s: cannot open the ranges file: %s", path, strerror(errno));
    char *text = malloc(RANGES_MAX_BYTES + 1);
    size_t len = text ? fread(text, 1, RANGES_MAX_BYTES + 1, f) : 0;
    fclose(f);
    if (!text)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    if (len > RANGES_MAX_BYTES) {
        free(text);
        return ts_error_set(err, TS_ERR_INPUT, "%s: expected a ranges file of at most 1 MiB, found a larger one", path);
    }
    ts_yaml_node *root = NULL;
    ts_status st = ts_yaml_parse(text, len, path, &root, err);
    free(text);
    if (st != TS_OK)
        return st;
    if (!root || root->kind != TS_YAML_MAPPING || root->n == 0) {
        ts_yaml_free(root);
        return ts_error_set(err, TS_ERR_INPUT,
                            "%s:1:1: expected a mapping of key paths to ranges (KEY: [LO, HI]), found %s", path,
                            root ? "something else" : "nothing");
    }
    ts_design_input *list = calloc(root->n, sizeof *list);
    if (!list) {
        ts_yaml_free(root);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    }
    const size_t count = root->n; /* read before the tree is freed */
    for (size_t i = 0; i < count && st == TS_OK; i++)
        st = file_input(s, path, root->keys[i], root->items[i], &list[i], err);
    ts_yaml_free(root);
    if (st != TS_OK) {
        free(list);
        return st;
    }
    *inputs = list;
    *n = count;
    return TS_OK;
}

ts_status ts_design_inputs_load(const ts_scenario *s, const char *path, ts_design_input **inputs, size_t *n,
                                size_t *skipped, ts_error *err)
{
    *inputs = NULL;
    *n = 0;
    if (skipped)
        *skipped = 0;
    return path ? from_file(s, path, inputs, n, err) : defaults(s, inputs, n, skipped, err);
}

/* ---- the runner ------------------------------------------------------------------ */

ts_status ts_design_run(const ts_scenario *base, const ts_design_input *in, size_t k, const double *u, size_t n_points,
                        const ts_design_outcome *outcomes, size_t n_outcomes, const ts_run_options *run, double *y,
                        void (*on_point)(size_t done, size_t total, void *ctx), void *ctx, ts_error *err)
{
    ts_status st = TS_OK;
    for (size_t p = 0; p < n_points && st == TS_OK; p++) {
        ts_scenario cand;
        ts_results res = {0};
        if ((st = ts_scenario_copy(&cand, base, err)) != TS_OK)
            break;
        for (size_t i = 0; i < k && st == TS_OK; i++)
            st = ts_solve_set(&cand, in[i].path, ts_sens_quantile(&in[i].dist, u[p * k + i]), err);
        if (st == TS_OK)
            st = ts_scenario_check(&cand, "design point", err);
        if (st == TS_OK) {
            ts_run_options opt = *run; /* the same seed and replications: common random numbers */
            opt.reference = 0;
            opt.provenance = NULL;
            st = ts_simulation_run(&cand, 1, &opt, &res, err);
        }
        if (st == TS_OK)
            for (size_t o = 0; o < n_outcomes; o++)
                y[o * n_points + p] = ts_design_outcome_value(&res, &outcomes[o]);
        ts_results_free(&res);
        ts_scenario_free(&cand);
        if (st == TS_OK && on_point)
            on_point(p + 1, n_points, ctx);
    }
    return st;
}
