/*
 * scenario_targets.c: the `targets:` key of a scenario, read into a
 * ts_target_list.
 *
 * Owns: the schema of a target (name, indicator, subject, region, by_year,
 * in_year or every_year_to, op, value, counties), the indicator families a
 * subject target may name, binding it with the loader's messages
 * (FILE:LINE:COLUMN: targets[i].KEY: expected WHAT, found WHAT), and the
 * checks that need the whole scenario (a region code that exists, counties
 * only with each_county). Does not own evaluating a target against
 * results (targets.c) nor the rest of the loader (scenario.c, scenario_bind.c).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"
#include "indicator_list.h"
#include "text.h"

#define TARGET_YEAR_MIN 2000 /* as horizon.start_year */
#define TARGET_YEAR_MAX 2099 /* as horizon.end_year */
#define NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"

const char *const ts_target_op_names[TS_TARGET_OP_COUNT] = {">=", ">", "<=", "<", "=="};

/* The families of rows by subject (subjects/<family>/<subject>, 8 rows each):
 * the indicator table's own list (indicator_list.h). */
static const char *const ts_target_subject_families[] = {
#define TS_FAMILY_NAME(family, units, long_name, expr, description) #family,
    TS_SUBJECT_FAMILY_LIST(TS_FAMILY_NAME)
#undef TS_FAMILY_NAME
};
static const size_t ts_target_subject_family_count =
    sizeof ts_target_subject_families / sizeof ts_target_subject_families[0];

static const char known_keys[] =
    "name, indicator, subject, school, region, by_year, in_year, every_year_to, op, value, counties";

const char *const ts_target_school_indicators[TS_TARGET_SCHOOL_INDICATORS] = {
    "school_meets_rule", "school_qualified_per100", "school_backbone_per100", "school_pe_art_per100"};

static int is_school_indicator(const char *name)
{
    for (int k = 0; k < TS_TARGET_SCHOOL_INDICATORS; k++)
        if (strcmp(name, ts_target_school_indicators[k]) == 0)
            return 1;
    return 0;
}

static ts_status fail_found(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                            const char *expected)
{
    char found[TS_SCENARIO_FOUND_LEN];
    ts_scenario_describe(node, found, sizeof found);
    return ts_scenario_fail(err, filename, node, path, "expected %s, found %s", expected, found);
}

/* An unknown key of a target, with the nearest target key when one is near. */
static ts_status fail_unknown_key(ts_error *err, const char *filename, const ts_yaml_node *k, const char *path,
                                  const char *key)
{
    static const char *const keys[] = {"name",    "indicator",     "subject", "region", "by_year",
                                       "in_year", "every_year_to", "op",      "value",  "counties"};
    ts_text_nearest near;
    ts_text_nearest_init(&near, key);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        ts_text_nearest_offer(&near, keys[i]);
    return ts_scenario_fail(err, filename, k, path, "unknown key (a target has %s)%s%s%s", known_keys,
                            near.best ? " (did you mean " : "", near.best ? near.best : "", near.best ? "?)" : "");
}

/* An unknown indicator, with the nearest known one when there is one near. */
static ts_status fail_indicator(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                                const char *name)
{
    char found[TS_SCENARIO_FOUND_LEN];
    const char *near = ts_indicators_nearest(name);
    ts_scenario_describe(node, found, sizeof found);
    return ts_scenario_fail(err, filename, node, path,
                            "expected an indicator of docs/indicators.md (`teachsim reference indicators`), found "
                            "%s%s%s%s",
                            found, near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
}

static int is_subject_family(const char *name)
{
    for (size_t k = 0; k < ts_target_subject_family_count; k++)
        if (strcmp(name, ts_target_subject_families[k]) == 0)
            return 1;
    return 0;
}

/* A subject target on an indicator without rows by subject. */
static ts_status fail_family(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                             const char *name)
{
    char families[512] = "";
    for (size_t k = 0; k < ts_target_subject_family_count; k++)
        snprintf(families + strlen(families), sizeof families - strlen(families), "%s%s", k ? ", " : "",
                 ts_target_subject_families[k]);
    return ts_scenario_fail(err, filename, node, path,
                            "expected, with subject:, an indicator with rows by subject (%s), found \"%s\", which "
                            "has none",
                            families, name);
}

/* `subject:` a subject code or a sequence of them, into a bit mask. */
static ts_status bind_subjects(const ts_yaml_node *node, const char *path, int32_t *mask, const char *filename,
                               ts_error *err)
{
    char codes[160] = "";
    for (int j = 0; j < TS_SUBJECT_COUNT; j++)
        snprintf(codes + strlen(codes), sizeof codes - strlen(codes), "%s%s", j ? ", " : "", ts_subject_codes[j]);
    char expected[256];
    snprintf(expected, sizeof expected, "a subject code (%s) or a list of them", codes);
    const ts_yaml_node *one = node;
    size_t n = 1;
    if (node->kind == TS_YAML_SEQUENCE) {
        n = node->n;
        if (n == 0)
            return fail_found(err, filename, node, path, expected);
    }
    *mask = 0;
    for (size_t k = 0; k < n; k++) {
        if (node->kind == TS_YAML_SEQUENCE)
            one = node->items[k];
        int j = one->kind == TS_YAML_SCALAR && strlen(one->text) == one->len
                    ? ts_code_lookup(ts_subject_codes, TS_SUBJECT_COUNT, one->text)
                    : -1;
        if (j < 0)
            return fail_found(err, filename, one, path, expected);
        if (*mask & (1 << j))
            return fail_found(err, filename, one, path, "each subject once");
        *mask |= 1 << j;
    }
    return TS_OK;
}

/* A text scalar (not null, no NUL bytes) of at most size-1 bytes into dst. */
static ts_status bind_text(const ts_yaml_node *node, const char *path, char *dst, size_t size, const char *what,
                           const char *filename, ts_error *err)
{
    if (node->kind != TS_YAML_SCALAR || ts_yaml_is_null(node) || node->len == 0 || strlen(node->text) != node->len)
        return fail_found(err, filename, node, path, what);
    if (node->len > size - 1)
        return ts_scenario_fail(err, filename, node, path, "expected %s of at most %zu bytes, found %zu bytes", what,
                                size - 1, node->len);
    memset(dst, 0, size);
    memcpy(dst, node->text, node->len);
    return TS_OK;
}

static ts_status bind_int(const ts_yaml_node *node, const char *path, long min, long max, const char *what,
                          int32_t *dst, const char *filename, ts_error *err)
{
    double v;
    if (!ts_scenario_node_real(node, &v) || v != floor(v) || v < (double)min || v > (double)max ||
        strpbrk(node->text, ".eE")) {
        char expected[128];
        snprintf(expected, sizeof expected, "%s in [%ld, %ld]", what, min, max);
        return fail_found(err, filename, node, path, expected);
    }
    *dst = (int32_t)v;
    return TS_OK;
}

static ts_status bind_target(ts_target *t, const ts_yaml_node *node, const char *path, const char *filename,
                             ts_error *err)
{
    char key_path[TS_SCENARIO_PATH_LEN + 96];
    const ts_yaml_node *year_node = NULL, *year_key = NULL, *indicator_node = NULL;
    int have[4] = {0, 0, 0, 0}; /* name, indicator, op, value */
    ts_status st = TS_OK;

    if (node->kind != TS_YAML_MAPPING)
        return fail_found(err, filename, node, path,
                          "a mapping of target keys (name, indicator, region, by_year or "
                          "in_year, op, value)");
    memset(t, 0, sizeof *t);
    strcpy(t->region, "ALL");
    for (size_t i = 0; i < node->n && st == TS_OK; i++) {
        const ts_yaml_node *k = node->keys[i], *v = node->items[i];
        const char *key = k->text;
        snprintf(key_path, sizeof key_path, "%s.%.*s", path, (int)(k->len < 64 ? k->len : 64), k->text);
        if (strlen(key) != k->len) {
            st = ts_scenario_fail(err, filename, k, key_path, "unknown key (a target has %s)", known_keys);
        } else if (strcmp(key, "name") == 0) {
            st = bind_text(v, key_path, t->name, sizeof t->name, "a target name", filename, err);
            if (st == TS_OK && strspn(t->name, NAME_CHARS) != strlen(t->name))
                st = fail_found(err, filename, v, key_path, "a name of letters, digits, '.', '_' and '-'");
            have[0] = 1;
        } else if (strcmp(key, "indicator") == 0) {
            /* Checked after the loop: with subject: it names a family. */
            st = bind_text(v, key_path, t->indicator, sizeof t->indicator, "an indicator name", filename, err);
            indicator_node = v;
            have[1] = 1;
        } else if (strcmp(key, "subject") == 0) {
            st = bind_subjects(v, key_path, &t->subjects, filename, err);
        } else if (strcmp(key, "school") == 0) {
            /* whether the school exists is known once the start population is (the run checks it) */
            st = bind_text(v, key_path, t->school, sizeof t->school, "a school id (as in the results' schools/)",
                           filename, err);
            if (st == TS_OK && !t->school[0])
                st = fail_found(err, filename, v, key_path, "a school id (as in the results' schools/)");
        } else if (strcmp(key, "region") == 0) {
            st =
                bind_text(v, key_path, t->region, sizeof t->region, "ALL, each_county or a region code", filename, err);
        } else if (strcmp(key, "by_year") == 0 || strcmp(key, "in_year") == 0 || strcmp(key, "every_year_to") == 0) {
            if (year_node)
                st = ts_scenario_fail(err, filename, k, key_path,
                                      "expected one of by_year, in_year and every_year_to, found both %s and %s",
                                      year_key->text, key);
            else
                st =
                    bind_int(v, key_path, TARGET_YEAR_MIN, TARGET_YEAR_MAX, "an integer year", &t->year, filename, err);
            t->by_year = key[0] == 'b';
            t->every_year = key[0] == 'e';
            year_node = v;
            year_key = k;
        } else if (strcmp(key, "op") == 0) {
            int found = -1;
            for (int o = 0; o < TS_TARGET_OP_COUNT; o++)
                if (v->kind == TS_YAML_SCALAR && strcmp(v->text, ts_target_op_names[o]) == 0 &&
                    strlen(v->text) == v->len)
                    found = o;
            if (found < 0)
                st = fail_found(err, filename, v, key_path, "one of \">=\", \">\", \"<=\", \"<\", \"==\" (quoted)");
            t->op = found;
            have[2] = 1;
        } else if (strcmp(key, "value") == 0) {
            if (!ts_scenario_node_real(v, &t->value))
                st = fail_found(err, filename, v, key_path, "a number");
            have[3] = 1;
        } else if (strcmp(key, "counties") == 0) {
            st = bind_int(v, key_path, 1, TS_MAX_REGIONS, "a number of counties", &t->counties, filename, err);
        } else {
            st = fail_unknown_key(err, filename, k, key_path, key);
        }
    }
    if (st != TS_OK)
        return st;
    static const char *const required[4] = {"name", "indicator", "op", "value"};
    for (int r = 0; r < 4; r++)
        if (!have[r]) {
            snprintf(key_path, sizeof key_path, "%s.%s", path, required[r]);
            return ts_scenario_fail(err, filename, node, key_path, "required key missing");
        }
    if (!year_node) {
        snprintf(key_path, sizeof key_path, "%s.by_year", path);
        return ts_scenario_fail(err, filename, node, key_path,
                                "required key missing (give by_year: the condition holds in some year up to it, "
                                "in_year: it holds in that year, or every_year_to: it holds in every year from the "
                                "start up to it)");
    }
    snprintf(key_path, sizeof key_path, "%s.indicator", path);
    if (t->school[0]) {
        if (t->subjects)
            return ts_scenario_fail(err, filename, node, key_path,
                                    "expected subject: or school:, not both (a school's indicators have no subject)");
        if (!is_school_indicator(t->indicator))
            return ts_scenario_fail(err, filename, indicator_node, key_path,
                                    "expected with school: one of school_meets_rule, school_qualified_per100, "
                                    "school_backbone_per100, school_pe_art_per100, found \"%s\"",
                                    t->indicator);
        if (strcmp(t->region, "ALL") != 0) {
            snprintf(key_path, sizeof key_path, "%s.region", path);
            return ts_scenario_fail(err, filename, ts_yaml_map_get(node, "region"), key_path,
                                    "expected no region with school: (the school is in its own region), found %s",
                                    t->region);
        }
        return TS_OK;
    }
    if (is_school_indicator(t->indicator))
        return ts_scenario_fail(err, filename, indicator_node, key_path,
                                "expected school: with %s (the school it is about)", t->indicator);
    if (t->subjects && !is_subject_family(t->indicator))
        return fail_family(err, filename, indicator_node, key_path, t->indicator);
    if (!t->subjects && ts_indicators_find(t->indicator) < 0)
        return fail_indicator(err, filename, indicator_node, key_path, t->indicator);
    return TS_OK;
}

ts_status ts_targets_bind(ts_target_list *list, const ts_key *key, const ts_yaml_node *node, const char *path,
                          const char *filename, ts_error *err)
{
    if (node->kind != TS_YAML_SEQUENCE || node->n > key->count) {
        char expected[96];
        snprintf(expected, sizeof expected, "a sequence of at most %zu targets", key->count);
        return fail_found(err, filename, node, path, expected);
    }
    memset(list, 0, sizeof *list);
    for (size_t i = 0; i < node->n; i++) {
        char item_path[TS_SCENARIO_PATH_LEN];
        snprintf(item_path, sizeof item_path, "%s[%zu]", path, i);
        ts_status st = bind_target(&list->item[i], node->items[i], item_path, filename, err);
        if (st != TS_OK)
            return st;
        for (size_t j = 0; j < i; j++)
            if (strcmp(list->item[j].name, list->item[i].name) == 0) {
                snprintf(item_path, sizeof item_path, "%s[%zu].name", path, i);
                char found[TS_SCENARIO_FOUND_LEN];
                const ts_yaml_node *name = ts_yaml_map_get(node->items[i], "name");
                ts_scenario_describe(name, found, sizeof found);
                return ts_scenario_fail(err, filename, name, item_path,
                                        "expected a name no other target uses, found %s (also %s[%zu].name)", found,
                                        path, j);
            }
        list->n = (int32_t)(i + 1);
    }
    return TS_OK;
}

/* An unknown target region: the message lists every name a region may be
 * given by, code and Chinese name. */
static ts_status fail_region(const ts_scenario *s, int32_t i, const char *filename, const ts_yaml_node *root,
                             ts_error *err)
{
    char path[TS_SCENARIO_PATH_LEN], found[TS_SCENARIO_FOUND_LEN], names[2048] = "";
    snprintf(path, sizeof path, "targets[%d].region", (int)i);
    const ts_yaml_node *node = root ? ts_yaml_find(root, path) : NULL;
    snprintf(found, sizeof found, "\"%.60s\"", s->targets.item[i].region);
    ts_text_list_name(names, sizeof names, "ALL", TS_REGION_ALL_ZH);
    ts_text_list_name(names, sizeof names, "each_county", TS_REGION_EACH_ZH);
    for (int32_t g = 0; s->population.regions && g < s->population.n_regions; g++)
        ts_text_list_name(names, sizeof names, s->population.regions[g].code, s->population.regions[g].name_zh);
    return ts_scenario_fail(err, filename, node, path,
                            "expected ALL, each_county or a region code of population.regions, found %s; a region "
                            "is named by its code or its Chinese name: %s",
                            found, names);
}

void ts_targets_canonical_regions(ts_scenario *s)
{
    for (int32_t i = 0; i < s->targets.n; i++) {
        char *region = s->targets.item[i].region;
        if (strcmp(region, TS_REGION_ALL_ZH) == 0)
            strcpy(region, "ALL");
        else if (strcmp(region, TS_REGION_EACH_ZH) == 0)
            strcpy(region, "each_county");
        for (int32_t g = 0; s->population.regions && g < s->population.n_regions; g++) {
            if (ts_text_is_name(region, s->population.regions[g].code, s->population.regions[g].name_zh)) {
                snprintf(region, TS_NAME_MAX, "%s", s->population.regions[g].code);
                break;
            }
        }
    }
}

ts_status ts_targets_check(const ts_scenario *s, const char *filename, const ts_yaml_node *root, ts_error *err)
{
    char path[TS_SCENARIO_PATH_LEN];
    for (int32_t i = 0; i < s->targets.n; i++) {
        const ts_target *t = &s->targets.item[i];
        int each = strcmp(t->region, "each_county") == 0;
        int known = each || strcmp(t->region, "ALL") == 0;
        for (int32_t g = 0; !known && s->population.regions && g < s->population.n_regions; g++)
            known = strcmp(t->region, s->population.regions[g].code) == 0;
        if (!known)
            return fail_region(s, i, filename, root, err);
        /* More counties than the scenario has is allowed (never met): a child
         * that replaces the regions inherits its parent's targets. */
        if (t->counties != 0 && !each) {
            snprintf(path, sizeof path, "targets[%d].counties", (int)i);
            return ts_scenario_fail(err, filename, root ? ts_yaml_find(root, path) : NULL, path,
                                    "expected counties only with region: each_county, found region %s", t->region);
        }
        int known_indicator = t->school[0]  ? is_school_indicator(t->indicator)
                              : t->subjects ? is_subject_family(t->indicator)
                                            : ts_indicators_find(t->indicator) >= 0;
        if (t->op < 0 || t->op >= TS_TARGET_OP_COUNT || !isfinite(t->value) || !t->name[0] || !known_indicator ||
            (t->subjects & ~((1 << TS_SUBJECT_COUNT) - 1)) || (t->every_year && t->by_year)) {
            snprintf(path, sizeof path, "targets[%d]", (int)i);
            return ts_scenario_fail(err, filename, root ? ts_yaml_find(root, path) : NULL, path,
                                    "expected a name, a known indicator, an op and a finite value");
        }
    }
    return TS_OK;
}
