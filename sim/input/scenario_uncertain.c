/*
 * scenario_uncertain.c: numbers of a scenario given as distributions, drawn
 * once per replication.
 *
 * Owns: reading a distribution written in place of a number ({uniform: [a, b]},
 * {normal: {mean: m, sd: s}}, {triangular: [min, mode, max]},
 * {beta: {alpha: a, beta: b}}, {lognormal: {meanlog: m, sdlog: s}}), checking
 * its parameters and that it stays within the key's range, its mean (the value
 * the scenario's field holds), writing it back as YAML, and a replication's
 * draws from the counter-based stream (entity = a hash of the key path, event
 * TS_EVENT_PARAMETER). Normal and lognormal are truncated to the key's range
 * by redrawing, and refused when that would discard more than half of them.
 * Does not own binding (scenario_bind.c) nor what the numbers mean to the model.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "scenario_internal.h"
#include "rng.h"

#define UNBOUNDED_FROM 1e300 /* a key's max at or above this is no upper bound */
#define MIN_KEPT 0.5         /* share of a normal or lognormal that must lie within the key's range */
#define MAX_REDRAWS 1000     /* never reached when at least half is kept: 2^-1000 */

typedef struct {
    const char *name;
    ts_dist dist;
    int sequence;         /* parameters as a list (else a mapping) */
    int n;                /* number of parameters */
    const char *param[3]; /* names (mapping) or what the list holds (sequence) */
} dist_form;

static const dist_form forms[] = {
    {"uniform", TS_DIST_UNIFORM, 1, 2, {"a", "b"}},
    {"normal", TS_DIST_NORMAL, 0, 2, {"mean", "sd"}},
    {"triangular", TS_DIST_TRIANGULAR, 1, 3, {"min", "mode", "max"}},
    {"beta", TS_DIST_BETA, 0, 2, {"alpha", "beta"}},
    {"lognormal", TS_DIST_LOGNORMAL, 0, 2, {"meanlog", "sdlog"}},
};
#define N_FORMS (sizeof forms / sizeof forms[0])

/* The shortest of %.15g..%.17g that reads back to the same double. */
static void fmt_real(double v, char *buf, size_t size)
{
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

static void range_text(const ts_key *key, char *buf, size_t size)
{
    if (key->max >= UNBOUNDED_FROM)
        snprintf(buf, size, "[%.15g, inf)", key->min);
    else
        snprintf(buf, size, "[%.15g, %.15g]", key->min, key->max);
}

/* ---- text ---------------------------------------------------------------- */

void ts_uncertain_path(const ts_uncertain *u, char *buf, size_t size)
{
    char year[16] = "";
    if (u->year)
        snprintf(year, sizeof year, "@%d", (int)u->year);
    if (u->key->type == TS_KEY_REALS)
        snprintf(buf, size, "%s[%d]%s", u->key->path, (int)u->element, year);
    else
        snprintf(buf, size, "%s%s", u->key->path, year);
}

void ts_uncertain_text(const ts_uncertain *u, char *buf, size_t size)
{
    const dist_form *f = &forms[0];
    for (size_t i = 0; i < N_FORMS; i++)
        if (forms[i].dist == u->dist)
            f = &forms[i];
    char p[3][40];
    for (int i = 0; i < f->n; i++)
        fmt_real(u->param[i], p[i], sizeof p[i]);
    if (f->sequence && f->n == 2)
        snprintf(buf, size, "{%s: [%s, %s]}", f->name, p[0], p[1]);
    else if (f->sequence)
        snprintf(buf, size, "{%s: [%s, %s, %s]}", f->name, p[0], p[1], p[2]);
    else
        snprintf(buf, size, "{%s: {%s: %s, %s: %s}}", f->name, f->param[0], p[0], f->param[1], p[1]);
}

uint64_t ts_uncertain_entity(const ts_uncertain *u)
{
    /* FNV-1a of the key path: stable when keys are added to the table, the
     * same in every scenario (common random numbers); tests check that no two
     * numbers of the key table share a hash. */
    char path[TS_SCENARIO_PATH_LEN];
    ts_uncertain_path(u, path, sizeof path);
    uint32_t h = 2166136261u;
    for (const unsigned char *c = (const unsigned char *)path; *c; c++)
        h = (h ^ *c) * 16777619u;
    return ts_entity_parameter(h);
}

/* ---- means ----------------------------------------------------------------- */

/* Share of N(m, sd) within [lo, hi] and the mean of what is kept. */
static double normal_kept(double m, double sd, double lo, double hi, double *mean)
{
    if (sd == 0) {
        *mean = m;
        return (m >= lo && m <= hi) ? 1.0 : 0.0;
    }
    double a = (lo - m) / sd, b = hi >= UNBOUNDED_FROM ? INFINITY : (hi - m) / sd;
    double pa = gsl_cdf_ugaussian_P(a), pb = isinf(b) ? 1.0 : gsl_cdf_ugaussian_P(b);
    double da = gsl_ran_ugaussian_pdf(a), db = isinf(b) ? 0.0 : gsl_ran_ugaussian_pdf(b);
    double z = pb - pa;
    *mean = z > 0 ? m + sd * (da - db) / z : m;
    return z;
}

/* The same for a lognormal (meanlog m, sdlog s). */
static double lognormal_kept(double m, double s, double lo, double hi, double *mean)
{
    if (s == 0) {
        *mean = exp(m);
        return (*mean >= lo && *mean <= hi) ? 1.0 : 0.0;
    }
    double a = lo > 0 ? (log(lo) - m) / s : -INFINITY;
    double b = hi >= UNBOUNDED_FROM ? INFINITY : (log(hi) - m) / s;
    double pa = isinf(a) ? 0.0 : gsl_cdf_ugaussian_P(a), pb = isinf(b) ? 1.0 : gsl_cdf_ugaussian_P(b);
    double qa = isinf(a) ? 0.0 : gsl_cdf_ugaussian_P(a - s), qb = isinf(b) ? 1.0 : gsl_cdf_ugaussian_P(b - s);
    double z = pb - pa;
    *mean = z > 0 ? exp(m + s * s / 2) * (qb - qa) / z : exp(m);
    return z;
}

/* ---- binding ----------------------------------------------------------------- */

static ts_status bad_number(const ts_yaml_node *node, const char *path, const char *what, const char *filename,
                            ts_error *err)
{
    char found[TS_SCENARIO_FOUND_LEN];
    ts_scenario_describe(node, found, sizeof found);
    return ts_scenario_fail(err, filename, node, path, "expected %s, found %s", what, found);
}

/* The parameters of form f from node (a list or a mapping) into v[]. */
static ts_status read_params(const dist_form *f, const ts_yaml_node *node, const char *path, double *v,
                             const ts_yaml_node **at, const char *filename, ts_error *err)
{
    char found[TS_SCENARIO_FOUND_LEN], item[TS_SCENARIO_PATH_LEN + 32];
    if (f->sequence) {
        if (node->kind != TS_YAML_SEQUENCE || node->n != (size_t)f->n) {
            ts_scenario_describe(node, found, sizeof found);
            return ts_scenario_fail(err, filename, node, path,
                                    "expected [%s, %s%s%s], a sequence of %d numbers, found %s", f->param[0],
                                    f->param[1], f->n == 3 ? ", " : "", f->n == 3 ? f->param[2] : "", f->n, found);
        }
        for (int i = 0; i < f->n; i++) {
            if (snprintf(item, sizeof item, "%s[%d]", path, i) < 0)
                item[0] = '\0'; /* the result is read so that gcc accepts a cut path */
            at[i] = node->items[i];
            if (!ts_scenario_node_real(node->items[i], &v[i]))
                return bad_number(node->items[i], item, "a number", filename, err);
        }
        return TS_OK;
    }
    if (node->kind != TS_YAML_MAPPING) {
        ts_scenario_describe(node, found, sizeof found);
        return ts_scenario_fail(err, filename, node, path, "expected a mapping of %s and %s, found %s", f->param[0],
                                f->param[1], found);
    }
    for (int i = 0; i < f->n; i++)
        at[i] = NULL;
    for (size_t j = 0; j < node->n; j++) {
        const ts_yaml_node *k = node->keys[j];
        int i = 0;
        while (i < f->n && !(strlen(f->param[i]) == k->len && memcmp(k->text, f->param[i], k->len) == 0))
            i++;
        if (snprintf(item, sizeof item, "%s.%.*s", path, (int)(k->len < 64 ? k->len : 64), k->text) < 0)
            item[0] = '\0'; /* the result is read so that gcc accepts a cut path */
        if (i == f->n)
            return ts_scenario_fail(err, filename, k, item, "unknown key (expected %s and %s)", f->param[0],
                                    f->param[1]);
        at[i] = node->items[j];
        if (!ts_scenario_node_real(node->items[j], &v[i]))
            return bad_number(node->items[j], item, "a number", filename, err);
    }
    for (int i = 0; i < f->n; i++) {
        if (!at[i]) {
            if (snprintf(item, sizeof item, "%s.%s", path, f->param[i]) < 0)
                item[0] = '\0'; /* the result is read so that gcc accepts a cut path */
            return ts_scenario_fail(err, filename, node, item, "required key missing");
        }
    }
    return TS_OK;
}

/* The form named by the single entry of `node` (uniform, normal, ...), or
 * NULL with the error set: a mapping of one entry, whose key names a form. */
static const dist_form *find_form(const ts_yaml_node *node, const char *path, const char *filename, ts_error *err)
{
    char found[TS_SCENARIO_FOUND_LEN];
    if (node->n != 1) {
        ts_scenario_describe(node, found, sizeof found);
        ts_scenario_fail(err, filename, node, path,
                         "expected a number or a distribution (a mapping of one entry: uniform, normal, "
                         "triangular, beta or lognormal), found %s of %zu entries",
                         node->n ? "a mapping" : "an empty mapping", node->n);
        return NULL;
    }
    const ts_yaml_node *name = node->keys[0];
    for (size_t i = 0; i < N_FORMS; i++)
        if (strlen(forms[i].name) == name->len && memcmp(name->text, forms[i].name, name->len) == 0)
            return &forms[i];
    ts_scenario_describe(name, found, sizeof found);
    ts_scenario_fail(err, filename, name, path,
                     "expected a distribution (uniform, normal, triangular, beta or lognormal), found %s", found);
    return NULL;
}

/* Uniform and triangular: ordered points inside the key's range; the mean
 * of the points' form. */
static ts_status check_bounded(const dist_form *f, ts_uncertain *u, const ts_yaml_node *params, const char *dpath,
                               const char *range, const ts_key *key, const char *filename, ts_error *err)
{
    const double *p = u->param;
    int n = f->n;
    int ordered = p[0] <= p[1] && (n == 2 || p[1] <= p[2]);
    if (!ordered && n == 2)
        return ts_scenario_fail(err, filename, params, dpath, "expected a <= b, found [%.15g, %.15g]", p[0], p[1]);
    if (!ordered)
        return ts_scenario_fail(err, filename, params, dpath,
                                "expected min <= mode <= max, found [%.15g, %.15g, %.15g]", p[0], p[1], p[2]);
    if (p[0] < key->min || p[n - 1] > key->max)
        return ts_scenario_fail(err, filename, params, dpath,
                                "expected a distribution within the key's range %s, found one on [%.15g, %.15g]", range,
                                p[0], p[n - 1]);
    u->mean = n == 2 ? (p[0] + p[1]) / 2 : (p[0] + p[1] + p[2]) / 3;
    return TS_OK;
}

/* Beta: positive shapes, and a key whose range holds all of [0, 1]. */
static ts_status check_beta(const dist_form *f, ts_uncertain *u, const ts_yaml_node *params,
                            const ts_yaml_node *const at[3], char *dpath, size_t dpath_size, const char *range,
                            const ts_key *key, const char *filename, ts_error *err)
{
    const double *p = u->param;
    for (int i = 0; i < 2; i++)
        if (!(p[i] > 0)) {
            snprintf(dpath + strlen(dpath), dpath_size - strlen(dpath), ".%s", f->param[i]);
            return ts_scenario_fail(err, filename, at[i], dpath, "expected a number > 0, found %.15g", p[i]);
        }
    if (key->min > 0 || key->max < 1)
        return ts_scenario_fail(err, filename, params, dpath,
                                "expected a distribution within the key's range %s, found one on [0, 1]", range);
    u->mean = p[0] / (p[0] + p[1]);
    return TS_OK;
}

/* Normal and lognormal: a spread >= 0, a median inside the key's range, and
 * at least half the distribution kept once truncated to it (the mean is the
 * truncated distribution's). */
static ts_status check_unbounded(const dist_form *f, ts_uncertain *u, const ts_yaml_node *params,
                                 const ts_yaml_node *const at[3], char *dpath, size_t dpath_size, const char *range,
                                 const ts_key *key, const char *filename, ts_error *err)
{
    const double *p = u->param, lo = key->min, hi = key->max;
    int normal = f->dist == TS_DIST_NORMAL;
    if (!(p[1] >= 0)) {
        snprintf(dpath + strlen(dpath), dpath_size - strlen(dpath), ".%s", f->param[1]);
        return ts_scenario_fail(err, filename, at[1], dpath, "expected a standard deviation >= 0, found %.15g", p[1]);
    }
    double centre = normal ? p[0] : exp(p[0]); /* the median */
    if (centre < lo || centre > hi) {
        snprintf(dpath + strlen(dpath), dpath_size - strlen(dpath), ".%s", f->param[0]);
        return ts_scenario_fail(err, filename, at[0], dpath, "expected a %s within the key's range %s, found %.15g",
                                normal ? "mean" : "median exp(meanlog)", range, centre);
    }
    double kept = normal ? normal_kept(p[0], p[1], lo, hi, &u->mean) : lognormal_kept(p[0], p[1], lo, hi, &u->mean);
    if (!(kept >= MIN_KEPT))
        return ts_scenario_fail(err, filename, params, dpath,
                                "expected at least half of the distribution within the key's range %s (draws "
                                "outside it are redrawn), found %.3g %%",
                                range, 100 * kept);
    return TS_OK;
}

/* Put u in the scenario's list, replacing an earlier one for the same key,
 * element and year (a child scenario's value replaces its parent's). */
static ts_status store_uncertain(ts_scenario *s, const ts_uncertain *u, const char *path, const char *filename,
                                 ts_error *err)
{
    int32_t k = 0;
    while (k < s->n_uncertain &&
           !(s->uncertain[k].key == u->key && s->uncertain[k].element == u->element && s->uncertain[k].year == u->year))
        k++;
    if (k == s->n_uncertain) {
        ts_uncertain *bigger = realloc(s->uncertain, ((size_t)s->n_uncertain + 1) * sizeof *bigger);
        if (!bigger)
            return ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory reading %s", filename, path);
        s->uncertain = bigger;
        s->n_uncertain++;
    }
    s->uncertain[k] = *u;
    return TS_OK;
}

ts_status ts_uncertain_bind(ts_scenario *s, const ts_key *key, const ts_yaml_node *node, const char *path, double *dst,
                            int32_t year, const char *filename, ts_error *err)
{
    char range[96], dpath[TS_SCENARIO_PATH_LEN + 32];

    /* The start population is generated once, from the file's numbers, and is
     * the same city in every replication: its keys cannot vary. */
    if (strncmp(path, "population.", 11) == 0)
        return ts_scenario_fail(err, filename, node, path,
                                "expected a number, found a distribution (population keys take numbers only: the "
                                "start population is one city for all replications)");
    const dist_form *f = find_form(node, path, filename, err);
    if (!f)
        return err->status;
    const ts_yaml_node *params = node->items[0];
    snprintf(dpath, sizeof dpath, "%s.%s", path, f->name);

    ts_uncertain u = {.key = key, .dist = f->dist};
    const ts_yaml_node *at[3] = {NULL, NULL, NULL};
    ts_status st = read_params(f, params, dpath, u.param, at, filename, err);
    if (st != TS_OK)
        return st;
    range_text(key, range, sizeof range);
    if (f->dist == TS_DIST_UNIFORM || f->dist == TS_DIST_TRIANGULAR)
        st = check_bounded(f, &u, params, dpath, range, key, filename, err);
    else if (f->dist == TS_DIST_BETA)
        st = check_beta(f, &u, params, at, dpath, sizeof dpath, range, key, filename, err);
    else
        st = check_unbounded(f, &u, params, at, dpath, sizeof dpath, range, key, filename, err);
    if (st != TS_OK)
        return st;
    if (u.mean < key->min)
        u.mean = key->min;
    if (u.mean > key->max)
        u.mean = key->max;

    /* Which number of the key this is: its place in the list. */
    size_t offset = (size_t)((char *)dst - (char *)s);
    u.element = (int32_t)((offset - key->offset) / sizeof(double));
    u.year = year;
    st = store_uncertain(s, &u, path, filename, err);
    if (st == TS_OK)
        *dst = u.mean;
    return st;
}

static int by_key_then_element(const void *pa, const void *pb)
{
    const ts_uncertain *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->year != b->year)
        return (a->year > b->year) - (a->year < b->year);
    return (a->element > b->element) - (a->element < b->element);
}

void ts_uncertain_sort(ts_scenario *s)
{
    if (s->n_uncertain > 1)
        qsort(s->uncertain, (size_t)s->n_uncertain, sizeof *s->uncertain, by_key_then_element);
}

const ts_uncertain *ts_uncertain_find_at(const ts_scenario *s, const ts_key *key, int32_t element, int32_t year)
{
    for (int32_t k = 0; k < s->n_uncertain; k++)
        if (s->uncertain[k].key == key && s->uncertain[k].element == element && s->uncertain[k].year == year)
            return &s->uncertain[k];
    return NULL;
}

const ts_uncertain *ts_uncertain_find(const ts_scenario *s, const ts_key *key, int32_t element)
{
    return ts_uncertain_find_at(s, key, element, 0);
}

/* Where u's number lives in s: its field, or the bytes of its schedule point. */
static double *uncertain_slot(const ts_scenario *s, const ts_uncertain *u)
{
    char *at = (char *)s + u->key->offset;
    for (int32_t k = 0; u->year && k < s->n_schedule; k++)
        if (s->schedule[k].key == u->key && s->schedule[k].year == u->year)
            at = (char *)s->schedule[k].bytes;
    return (double *)(void *)(at + (size_t)u->element * sizeof(double));
}

double ts_uncertain_value(const ts_scenario *s, const ts_uncertain *u)
{
    double v;
    memcpy(&v, uncertain_slot(s, u), sizeof v);
    return v;
}

/* ---- drawing ------------------------------------------------------------------ */

static double draw_one(const ts_uncertain *u, gsl_rng *g)
{
    const double *p = u->param, lo = u->key->min, hi = u->key->max;
    switch (u->dist) {
    case TS_DIST_UNIFORM:
        return p[0] + (p[1] - p[0]) * gsl_rng_uniform(g);
    case TS_DIST_TRIANGULAR: {
        double width = p[2] - p[0], x = gsl_rng_uniform(g);
        if (!(width > 0))
            return p[0];
        /* inverse of the distribution function on each side of the mode */
        if (x < (p[1] - p[0]) / width)
            return p[0] + sqrt(x * width * (p[1] - p[0]));
        return p[2] - sqrt((1 - x) * width * (p[2] - p[1]));
    }
    case TS_DIST_BETA:
        return gsl_ran_beta(g, p[0], p[1]);
    case TS_DIST_NORMAL:
    case TS_DIST_LOGNORMAL:
        if (p[1] == 0)
            return u->dist == TS_DIST_NORMAL ? p[0] : exp(p[0]);
        for (int tries = 0; tries < MAX_REDRAWS; tries++) {
            double x = u->dist == TS_DIST_NORMAL ? p[0] + gsl_ran_gaussian(g, p[1]) : gsl_ran_lognormal(g, p[0], p[1]);
            if (x >= lo && x <= hi)
                return x;
        }
        return u->mean;
    }
    return u->mean;
}

ts_status ts_scenario_draw(const ts_scenario *base, ts_scenario *out, uint32_t seed, uint32_t replication,
                           double *drawn)
{
    ts_schedule_point *room = out->schedule;
    *out = *base;
    if (base->n_uncertain <= 0)
        return TS_OK;
    int scheduled = 0;
    for (int32_t k = 0; k < base->n_uncertain; k++)
        scheduled |= base->uncertain[k].year != 0;
    if (scheduled) {
        if (!room || room == base->schedule)
            return TS_ERR_USAGE; /* the caller gave no room for the drawn schedule */
        memcpy(room, base->schedule, (size_t)base->n_schedule * sizeof *room);
        out->schedule = room;
    }
    ts_rng_gsl_local local;
    gsl_rng *g = ts_rng_gsl_local_init(&local);
    ts_rng rng = ts_rng_for(seed, replication);
    for (int32_t k = 0; k < base->n_uncertain; k++) {
        const ts_uncertain *u = &base->uncertain[k];
        ts_rng_gsl_at(g, &rng, ts_uncertain_entity(u), 0, TS_EVENT_PARAMETER);
        double v = draw_one(u, g);
        memcpy(uncertain_slot(out, u), &v, sizeof v);
        if (drawn)
            drawn[k] = v;
    }
    return TS_OK;
}
