/*
 * targets.c: targets evaluated per replication against the results of a run
 * (targets.h).
 *
 * A target's condition is a comparison of an indicator's value in one year
 * and region with a number; NaN never meets it. For one region (a code or
 * ALL) the target is met by_year Y when the condition holds in some year up
 * to Y, in_year Y when it holds in Y. For each_county (at least `counties`
 * counties, every one by default) by_year counts the counties that met it in
 * some year of their own up to Y, in_year those that meet it in Y. A target
 * every_year_to Y is met when the condition holds in every year from the
 * first up to Y (for each_county: in each of those years at least `counties`
 * counties, every one by default, meet it). A target with `subject:`
 * compares the sum of its subjects' rows subjects/<indicator>/<subject>
 * instead of the indicator.
 */
#include "targets.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ts_targets_wilson(int64_t k, int64_t n, double z, double *lower, double *upper)
{
    if (n <= 0) {
        *lower = *upper = NAN;
        return;
    }
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double centre = p + z2 / (2 * nn), half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)), d = 1 + z2 / nn;
    *lower = (centre - half) / d;
    *upper = (centre + half) / d;
    if (*lower < 0 || k == 0)
        *lower = 0; /* exact at the ends: rounding could give -1e-17 */
    if (*upper > 1 || k == n)
        *upper = 1;
}

static int holds(const ts_target *t, double v)
{
    if (isnan(v))
        return 0;
    switch ((ts_target_op)t->op) {
    case TS_TARGET_GE:
        return v >= t->value;
    case TS_TARGET_GT:
        return v > t->value;
    case TS_TARGET_LE:
        return v <= t->value;
    case TS_TARGET_LT:
        return v < t->value;
    case TS_TARGET_EQ:
        return v == t->value;
    case TS_TARGET_OP_COUNT:
        break;
    }
    return 0;
}

static int region_index(const ts_results *res, const char *code)
{
    for (size_t g = 0; g < res->n_regions; g++)
        if (res->labels.region_codes[g] && strcmp(res->labels.region_codes[g], code) == 0)
            return (int)g;
    return -1;
}

/* What a target compares: the [year][region] blocks of its indicator, or of
 * its subjects' rows, which are summed. */
typedef struct {
    int n;
    const double *block[TS_SUBJECT_COUNT];
} target_rows;

/* A target on one school: the school's block of the results' watch (its
 * region column), and that region in *g. 0 when not followed. */
static int school_rows(const ts_target *t, const ts_results *res, size_t s, size_t r, target_rows *rows, int *g)
{
    size_t f = 0, w = 0;
    while (f < TS_TARGET_SCHOOL_INDICATORS && strcmp(ts_target_school_indicators[f], t->indicator) != 0)
        f++;
    while (w < res->watch.n && strcmp(res->watch.ids[w], t->school) != 0)
        w++;
    if (f == TS_TARGET_SCHOOL_INDICATORS || w == res->watch.n)
        return 0;
    rows->n = 1;
    rows->block[0] = ts_results_watch_block(res, f, w, s, r);
    *g = res->watch.region[w];
    return 1;
}

/* 0 when a row is not in the results. */
static int rows_of(const ts_target *t, const ts_results *res, size_t s, size_t r, target_rows *rows)
{
    rows->n = 0;
    if (!t->subjects) {
        int ind = ts_results_indicator_index(res, t->indicator);
        if (ind < 0)
            return 0;
        rows->block[rows->n++] = ts_results_block(res, (size_t)ind, s, r);
        return 1;
    }
    for (int j = 0; j < TS_SUBJECT_COUNT; j++)
        if (t->subjects & (1 << j)) {
            char name[2 * TS_NAME_MAX];
            snprintf(name, sizeof name, "subjects/%s/%s", t->indicator, ts_subject_codes[j]);
            int ind = ts_results_indicator_index(res, name);
            if (ind < 0)
                return 0;
            rows->block[rows->n++] = ts_results_block(res, (size_t)ind, s, r);
        }
    return rows->n > 0;
}

/* The compared value at [year][region] index k (a NaN row makes it NaN). */
static double row_value(const target_rows *rows, size_t k)
{
    double v = 0.0;
    for (int i = 0; i < rows->n; i++)
        v += rows->block[i][k];
    return v;
}

/* In how many counties the condition holds in year y. */
static size_t counties_holding(const ts_target *t, const target_rows *rows, size_t y, size_t G)
{
    size_t done = 0;
    for (size_t c = 0; c + 1 < G; c++)
        done += (size_t)holds(t, row_value(rows, y * G + c));
    return done;
}

/* every_year_to: met for year y when the condition holds in every year up to
 * it, so the first year it would be met as of is the first year, or none. */
static int outcome_every_year(const ts_target *t, const ts_results *res, const target_rows *rows, int g,
                              int32_t *year_met)
{
    const size_t Y = res->n_years, G = res->n_regions, counties = G - 1;
    const size_t need = t->counties > 0 ? (size_t)t->counties : counties;
    long target = (long)t->year - (long)res->first_year;
    long last = -1; /* the last year of the unbroken run of years from the first that meet it */
    for (size_t y = 0; y < Y; y++) {
        int ok = g >= 0 ? holds(t, row_value(rows, y * G + (size_t)g)) : counties_holding(t, rows, y, G) >= need;
        if (!ok)
            break;
        last = (long)y;
    }
    if (year_met && last >= 0)
        *year_met = res->first_year;
    if (target < 0 || target >= (long)Y)
        return -1;
    return last >= target;
}

int ts_targets_outcome(const ts_target *t, const ts_results *res, size_t s, size_t r, int32_t *year_met)
{
    if (year_met)
        *year_met = -1;
    target_rows rows;
    int each = strcmp(t->region, "each_county") == 0;
    int g = each ? -1 : region_index(res, t->region);
    if (t->school[0]) {
        each = 0;
        if (!school_rows(t, res, s, r, &rows, &g))
            return -1;
    } else if ((!each && g < 0) || !rows_of(t, res, s, r, &rows)) {
        return -1;
    }
    if (t->every_year)
        return outcome_every_year(t, res, &rows, g, year_met);
    const size_t Y = res->n_years, G = res->n_regions;
    const size_t counties = G - 1; /* ALL is last */
    size_t need = each ? (t->counties > 0 ? (size_t)t->counties : counties) : 1;
    long first = -1; /* index of the first year as of which the target is met */

    if (!each) {
        for (size_t y = 0; y < Y && first < 0; y++)
            if (holds(t, row_value(&rows, y * G + (size_t)g)))
                first = (long)y;
    } else if (t->by_year) {
        /* by_year: the need-th county to meet it, each in a year of its own.
         * `met` is on the stack: a failed allocation could only have been
         * reported as "not evaluated" (-1), a wrong outcome. Results have at
         * most TS_MAX_REGIONS counties (the loader's limit). */
        size_t done = 0;
        char met[TS_MAX_REGIONS] = {0};
        if (counties > TS_MAX_REGIONS)
            return -1;
        for (size_t y = 0; y < Y && first < 0; y++) {
            for (size_t c = 0; c < counties; c++)
                if (!met[c] && holds(t, row_value(&rows, y * G + c))) {
                    met[c] = 1;
                    done++;
                }
            if (done >= need)
                first = (long)y;
        }
    } else {
        for (size_t y = 0; y < Y && first < 0; y++) {
            size_t done = 0;
            for (size_t c = 0; c < counties; c++)
                done += (size_t)holds(t, row_value(&rows, y * G + c));
            if (done >= need)
                first = (long)y;
        }
    }
    if (year_met && first >= 0)
        *year_met = res->first_year + (int32_t)first;

    long target = (long)t->year - (long)res->first_year;
    if (target < 0 || target >= (long)Y)
        return -1;
    if (t->by_year)
        return first >= 0 && first <= target;
    /* in_year: the condition in that year itself */
    if (!each)
        return holds(t, row_value(&rows, (size_t)target * G + (size_t)g));
    size_t done = 0;
    for (size_t c = 0; c < counties; c++)
        done += (size_t)holds(t, row_value(&rows, (size_t)target * G + c));
    return done >= need;
}

void ts_targets_describe(const ts_target *t, char *buf, size_t size)
{
    char where[128], value[40];
    snprintf(value, sizeof value, "%.15g", t->value);
    if (strcmp(t->region, "each_county") == 0) {
        if (t->counties > 0)
            snprintf(where, sizeof where, "in at least %d counties", (int)t->counties);
        else
            snprintf(where, sizeof where, "in every county");
    } else if (t->school[0]) {
        snprintf(where, sizeof where, "at school %s", t->school);
    } else if (strcmp(t->region, "ALL") == 0) {
        snprintf(where, sizeof where, "in ALL");
    } else {
        snprintf(where, sizeof where, "in %s", t->region);
    }
    char subjects[96] = "";
    for (int j = 0; j < TS_SUBJECT_COUNT; j++)
        if (t->subjects & (1 << j))
            snprintf(subjects + strlen(subjects), sizeof subjects - strlen(subjects), "%s%s", subjects[0] ? "+" : "[",
                     ts_subject_codes[j]);
    if (subjects[0])
        snprintf(subjects + strlen(subjects), sizeof subjects - strlen(subjects), "]");
    snprintf(buf, size, "%s%s %s %s %s %s %d", t->indicator, subjects,
             t->op >= 0 && t->op < TS_TARGET_OP_COUNT ? ts_target_op_names[t->op] : "?", value, where,
             t->every_year ? "in every year to"
             : t->by_year  ? "by"
                           : "in",
             (int)t->year);
}

/* The target named `name` in scenario sc, or NULL. */
static const ts_target *find_target(const ts_scenario *sc, const char *name)
{
    for (int32_t k = 0; k < sc->targets.n; k++)
        if (strcmp(sc->targets.item[k].name, name) == 0)
            return &sc->targets.item[k];
    return NULL;
}

ts_status ts_targets_label(ts_results *res, const ts_scenario *sc, size_t n, ts_error *err)
{
    /* The union of names, in order of first appearance. */
    size_t total = 0;
    for (size_t s = 0; s < n; s++)
        total += (size_t)(sc[s].targets.n > 0 ? sc[s].targets.n : 0);
    if (total == 0)
        return ts_results_alloc_targets(res, 0, err);
    const char **names = malloc(total * sizeof *names);
    if (!names)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory evaluating targets");
    size_t n_names = 0;
    for (size_t s = 0; s < n; s++)
        for (int32_t k = 0; k < sc[s].targets.n; k++) {
            const char *name = sc[s].targets.item[k].name;
            size_t j = 0;
            while (j < n_names && strcmp(names[j], name) != 0)
                j++;
            if (j == n_names)
                names[n_names++] = name;
        }
    ts_status st = ts_results_alloc_targets(res, n_names, err);
    const size_t S = res->n_scenarios;
    for (size_t t = 0; st == TS_OK && t < n_names; t++) {
        if (!(res->targets.names[t] = ts_text_dup(names[t]))) {
            st = ts_error_set(err, TS_ERR_NOMEM, "out of memory evaluating targets");
            break;
        }
        for (size_t s = 0; s < S && s < n; s++) {
            const ts_target *target = find_target(&sc[s], names[t]);
            char text[256] = "";
            if (target)
                ts_targets_describe(target, text, sizeof text);
            if (!(res->targets.definitions[t * S + s] = ts_text_dup(text))) {
                st = ts_error_set(err, TS_ERR_NOMEM, "out of memory evaluating targets");
                break;
            }
        }
    }
    free(names);
    return st;
}

void ts_targets_evaluate_held(ts_results *res, const ts_scenario *sc, size_t n)
{
    const size_t S = res->n_scenarios, R = res->n_replications;
    for (size_t t = 0; t < res->targets.n; t++)
        for (size_t s = 0; s < S && s < n; s++) {
            const ts_target *target = find_target(&sc[s], res->targets.names[t]);
            for (size_t r = res->first_held; target && r < res->first_held + res->n_held; r++) {
                size_t at = (t * S + s) * R + r;
                res->targets.met[at] = (int8_t)ts_targets_outcome(target, res, s, r, &res->targets.year_met[at]);
            }
        }
}

double ts_targets_probability(const ts_results *res, size_t t, size_t s, int64_t *met, int64_t *evaluated,
                              double *lower, double *upper)
{
    const size_t S = res->n_scenarios, R = res->n_replications;
    int64_t k = 0, n = 0;
    for (size_t r = 0; r < R; r++) {
        int8_t m = res->targets.met[(t * S + s) * R + r];
        if (m >= 0) {
            n++;
            k += m;
        }
    }
    ts_targets_wilson(k, n, TS_WILSON_Z95, lower, upper);
    if (met)
        *met = k;
    if (evaluated)
        *evaluated = n;
    return n > 0 ? (double)k / (double)n : NAN;
}
