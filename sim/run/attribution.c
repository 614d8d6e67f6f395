/*
 * attribution.c: the groups of keys two scenarios differ in, their
 * coalitions, and the runs that measure them (attribution.h).
 */
#include "attribution.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int ts_attr_rule_parse(const char *text, ts_attr_rule *rule)
{
    const char *eq = strchr(text, '=');
    size_t name_len = eq ? (size_t)(eq - text) : 0;
    if (!eq || name_len == 0 || name_len >= sizeof rule->name || !eq[1] || strlen(eq + 1) >= sizeof rule->prefixes)
        return 0;
    memcpy(rule->name, text, name_len);
    rule->name[name_len] = '\0';
    snprintf(rule->prefixes, sizeof rule->prefixes, "%s", eq + 1);
    /* No empty prefix: ",," or a trailing comma would match every key. */
    return strstr(rule->prefixes, ",,") == NULL && rule->prefixes[0] != ',' &&
           rule->prefixes[strlen(rule->prefixes) - 1] != ',';
}

/* Whether `path` is `prefix` or lies under it (the next character '.' or '['). */
static int under(const char *path, const char *prefix, size_t len)
{
    return strncmp(path, prefix, len) == 0 && (path[len] == '\0' || path[len] == '.' || path[len] == '[');
}

/* The first rule one of whose prefixes holds `path`, or -1. */
static int rule_of(const char *path, const ts_attr_rule *rules, size_t n_rules)
{
    for (size_t r = 0; r < n_rules; r++)
        for (const char *p = rules[r].prefixes; *p;) {
            size_t len = strcspn(p, ",");
            if (under(path, p, len))
                return (int)r;
            p += len + (p[len] == ',');
        }
    return -1;
}

/* Not levers: what names a scenario, and what it is measured by. */
static int is_lever(const ts_key *key)
{
    return strcmp(key->path, "name") != 0 && strcmp(key->path, "description") != 0 && key->type != TS_KEY_TARGETS;
}

static ts_attr_group *group_named(ts_attr_group *groups, size_t *n, const char *name, ts_error *err)
{
    for (size_t g = 0; g < *n; g++)
        if (strcmp(groups[g].name, name) == 0)
            return &groups[g];
    if (*n == TS_SHAPLEY_MAX_PLAYERS) {
        ts_error_set(err, TS_ERR_USAGE,
                     "attribute: the scenarios differ in more than %d groups of keys (2^%d coalitions, a run "
                     "each); gather keys into fewer groups with --group NAME=PREFIX,...",
                     TS_SHAPLEY_MAX_PLAYERS, TS_SHAPLEY_MAX_PLAYERS);
        return NULL;
    }
    ts_attr_group *g = &groups[(*n)++];
    memset(g, 0, sizeof *g);
    snprintf(g->name, sizeof g->name, "%s", name);
    return g;
}

ts_status ts_attribution_groups(const ts_scenario *a, const ts_scenario *b, ts_attr_by by, const ts_attr_rule *rules,
                                size_t n_rules, ts_attr_group *groups, size_t *n, ts_error *err)
{
    *n = 0;
    if (a->horizon.start_year != b->horizon.start_year || a->horizon.end_year != b->horizon.end_year)
        return ts_error_set(err, TS_ERR_INPUT,
                            "attribute: %s runs %d-%d and %s %d-%d; expected the same horizon (the coalitions "
                            "share one grid of years)",
                            a->name, a->horizon.start_year, a->horizon.end_year, b->name, b->horizon.start_year,
                            b->horizon.end_year);
    int rule_used[TS_ATTR_MAX_RULES] = {0};
    for (size_t k = 0; k < ts_scenario_key_count; k++) {
        const ts_key *key = &ts_scenario_keys[k];
        if (!is_lever(key) || !ts_scenario_key_differs(a, b, key))
            continue;
        char name[TS_ATTR_NAME_LEN];
        int r = rule_of(key->path, rules, n_rules);
        if (r >= 0) {
            rule_used[r] = 1;
            snprintf(name, sizeof name, "%s", rules[r].name);
        } else if (by == TS_ATTR_BY_KEY) {
            snprintf(name, sizeof name, "%s", key->path);
        } else {
            size_t len = strcspn(key->path, ".[");
            snprintf(name, sizeof name, "%.*s", (int)len, key->path);
        }
        ts_attr_group *g = group_named(groups, n, name, err);
        if (!g)
            return err->status;
        g->keys[g->n_keys++] = key;
    }
    for (size_t r = 0; r < n_rules; r++)
        if (!rule_used[r])
            return ts_error_set(err, TS_ERR_USAGE,
                                "attribute: --group %s=%s: expected key paths in which the scenarios differ, found "
                                "none that matches",
                                rules[r].name, rules[r].prefixes);
    if (*n == 0)
        return ts_error_set(err, TS_ERR_INPUT,
                            "attribute: %s and %s have the same value for every key (name, description and targets "
                            "aside): there is no difference to attribute",
                            a->name, b->name);
    return TS_OK;
}

/* Coalition `mask`: a copy of a with the keys of the groups in mask taken from b (out is the caller's to free). */
static ts_status coalition(const ts_scenario *a, const ts_scenario *b, const ts_attr_group *groups, size_t n_groups,
                           size_t mask, ts_scenario *out, ts_error *err)
{
    ts_status st = ts_scenario_copy(out, a, err);
    for (size_t g = 0; g < n_groups && st == TS_OK; g++)
        if (mask & ((size_t)1 << g))
            for (size_t k = 0; k < groups[g].n_keys && st == TS_OK; k++)
                st = ts_scenario_take_key(out, b, groups[g].keys[k], err);
    if (st != TS_OK)
        ts_scenario_free(out);
    return st;
}

/* The names of the groups in mask, "posting + rotation", for messages. */
static void describe_mask(const ts_attr_group *groups, size_t n_groups, size_t mask, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t g = 0; g < n_groups; g++)
        if (mask & ((size_t)1 << g)) {
            int w = snprintf(buf + used, size - used, "%s%s", used ? " + " : "", groups[g].name);
            if (w < 0 || (size_t)w >= size - used)
                return;
            used += (size_t)w;
        }
}

/* A target outcome must mean the same in both scenarios: every coalition carries a's. */
static ts_status check_targets(const ts_scenario *a, const ts_scenario *b, const ts_design_outcome *o, ts_error *err)
{
    if (o->kind != TS_OUTCOME_TARGET)
        return TS_OK;
    const ts_target *ta = NULL;
    for (int32_t t = 0; t < a->targets.n; t++)
        if (strcmp(a->targets.item[t].name, o->name) == 0)
            ta = &a->targets.item[t];
    for (int32_t t = 0; ta && t < b->targets.n; t++)
        if (strcmp(b->targets.item[t].name, o->name) == 0 && memcmp(&b->targets.item[t], ta, sizeof *ta) != 0)
            return ts_error_set(err, TS_ERR_INPUT,
                                "attribute: --outcome %s: the target has another definition in %s than in %s; "
                                "expected the same (every coalition is measured by the first scenario's targets)",
                                o->name, b->name, a->name);
    return TS_OK;
}

static ts_status fill_labels(ts_attribution *out, const ts_scenario *a, const ts_scenario *b,
                             const ts_attr_group *groups, const ts_design_outcome *outcomes, ts_error *err)
{
    out->scenario_a = ts_text_dup(a->name);
    out->scenario_b = ts_text_dup(b->name);
    int ok = out->scenario_a && out->scenario_b;
    for (size_t g = 0; ok && g < out->n_groups; g++) {
        size_t len = 1;
        for (size_t k = 0; k < groups[g].n_keys; k++)
            len += strlen(groups[g].keys[k]->path) + 2;
        ok = (out->groups[g] = ts_text_dup(groups[g].name)) && (out->group_keys[g] = calloc(len, 1));
        for (size_t k = 0; ok && k < groups[g].n_keys; k++) {
            if (k)
                strcat(out->group_keys[g], ", ");
            strcat(out->group_keys[g], groups[g].keys[k]->path);
        }
    }
    for (size_t o = 0; ok && o < out->n_outcomes; o++)
        ok = (out->outcomes[o] = ts_text_dup(outcomes[o].spec)) != NULL;
    return ok ? TS_OK : ts_error_set(err, TS_ERR_NOMEM, "out of memory");
}

ts_status ts_attribution_run(const ts_scenario *a, const ts_scenario *b, const ts_attr_group *groups, size_t n_groups,
                             const ts_design_outcome *outcomes, size_t n_outcomes, const ts_run_options *run,
                             ts_attribution *out, void (*on_point)(size_t done, size_t total, void *ctx), void *ctx,
                             ts_error *err)
{
    memset(out, 0, sizeof *out);
    const size_t C = (size_t)1 << n_groups, R = (size_t)run->replications;
    ts_status st = TS_OK;
    for (size_t o = 0; o < n_outcomes && st == TS_OK; o++)
        st = check_targets(a, b, &outcomes[o], err);
    /* Every coalition is checked before anything runs, so a bad mix fails in a second, not after an hour. */
    for (size_t mask = 0; mask < C && st == TS_OK; mask++) {
        ts_scenario cand;
        if ((st = coalition(a, b, groups, n_groups, mask, &cand, err)) != TS_OK)
            break;
        ts_error why = {0};
        if (ts_scenario_check(&cand, "coalition", &why) != TS_OK) {
            char names[512];
            describe_mask(groups, n_groups, mask, names, sizeof names);
            st = ts_error_set(err, TS_ERR_INPUT,
                              "attribute: the scenario with the keys of %s from %s and the rest from %s is not valid "
                              "(%s); keys that the checks tie together must be in one group (--group NAME=PREFIX,...)",
                              names, b->name, a->name, why.message);
        }
        ts_scenario_free(&cand);
    }
    if (st != TS_OK)
        return st;
    out->n_groups = n_groups;
    out->n_outcomes = n_outcomes;
    out->n_coalitions = C;
    out->replications = run->replications;
    out->seed = run->seed;
    out->level = 0.95;
    if ((st = ts_attribution_alloc(out, err)) != TS_OK)
        return st;
    double *y = malloc(n_outcomes * C * R * sizeof *y);
    if (!y || (st = fill_labels(out, a, b, groups, outcomes, err)) != TS_OK) {
        free(y);
        ts_attribution_free(out);
        return st != TS_OK ? st : ts_error_set(err, TS_ERR_NOMEM, "out of memory for %zu coalitions", C);
    }
    for (size_t mask = 0; mask < C && st == TS_OK; mask++) {
        ts_scenario cand;
        ts_results res = {0};
        if ((st = coalition(a, b, groups, n_groups, mask, &cand, err)) != TS_OK)
            break;
        ts_run_options opt = *run; /* the same seed and replications: common random numbers */
        opt.reference = 0;
        opt.provenance = NULL;
        st = ts_simulation_run(&cand, 1, &opt, &res, err);
        for (size_t o = 0; o < n_outcomes && st == TS_OK; o++)
            ts_design_outcome_values(&res, &outcomes[o], &y[(o * C + mask) * R]);
        ts_results_free(&res);
        ts_scenario_free(&cand);
        if (st == TS_OK && on_point)
            on_point(mask + 1, C, ctx);
    }
    if (st == TS_OK)
        ts_attribution_compute(out, y);
    else
        ts_attribution_free(out);
    free(y);
    return st;
}
