/*
 * scenario.c: loading a scenario: defaults, parse, extends, bind, check.
 *
 * Owns: the order of loading (the key table's defaults, the YAML tree, its
 * `extends:` chain, binding, the roster paths, the distributions sorted,
 * required keys, the checks across keys), the messages about a file that is
 * not a mapping of keys, the built-in scenario, copy and free.
 * Does not own what each step does: binding (scenario_bind.c), messages
 * (scenario_messages.c), the file's bytes (scenario_file.c), extends
 * (scenario_extends.c), distributions (scenario_uncertain.c), the checks
 * (scenario_check.c), the YAML writer (scenario_yaml.c), the key table
 * (scenario_keys.c) nor YAML syntax (yaml_tree.c).
 */
#include "teachsim/scenario.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario_internal.h"
#include "yaml_tree.h"

#define BUILTIN_FILENAME TS_BUILTIN_FILENAME

/* ---- loading ------------------------------------------------------------- */

ts_status ts_scenario_init_defaults(ts_scenario *scenario, ts_error *err)
{
    memset(scenario, 0, sizeof *scenario);
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        if (ts_scenario_keys[i].type == TS_KEY_SERIES) {
            ts_series *series = (ts_series *)(void *)((char *)scenario + ts_scenario_keys[i].offset);
            for (int y = 0; y < TS_SERIES_LEN; y++)
                series->value[y] = NAN;
        }
    }
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        if (!ts_scenario_keys[i].default_yaml)
            continue;
        ts_status st = ts_scenario_bind_default(&ts_scenario_keys[i], scenario, err);
        if (st != TS_OK) {
            ts_scenario_free(scenario);
            return st;
        }
    }
    return TS_OK;
}

ts_status ts_scenario_load_text(ts_scenario *scenario, const char *text, size_t len, const char *filename,
                                ts_error *err)
{
    ts_scenario s;
    ts_yaml_node *root = NULL;
    ts_scenario_files files = {0};
    char found[TS_SCENARIO_FOUND_LEN];
    ts_status st;

    if (!filename)
        filename = "scenario";
    memset(scenario, 0, sizeof *scenario);
    if ((st = ts_scenario_init_defaults(&s, err)) != TS_OK)
        return st;
    if ((st = ts_yaml_parse(text, len, filename, &root, err)) != TS_OK)
        goto cleanup;
    if (!root) {
        st = ts_error_set(err, TS_ERR_INPUT,
                          "%s: not a valid YAML scenario: no YAML document (empty or only comments); expected a "
                          "mapping of scenario keys",
                          filename);
        goto cleanup;
    }
    if (root->kind != TS_YAML_MAPPING) {
        ts_scenario_describe(root, found, sizeof found);
        st = ts_error_set(err, TS_ERR_INPUT,
                          "%s:%zu:%zu: not a valid YAML scenario: expected a mapping of scenario keys, found %s",
                          filename, root->line, root->column, found);
        goto cleanup;
    }
    /* `extends:` chains become one tree, each node keeping its own file. */
    if ((st = ts_scenario_extends_resolve(&root, filename, &files, err)) != TS_OK)
        goto cleanup;
    if ((st = ts_scenario_bind(&s, root, filename, err)) != TS_OK)
        goto cleanup;
    if ((st = ts_scenario_bind_roster_paths(&s, root, filename, err)) != TS_OK)
        goto cleanup;
    ts_uncertain_sort(&s);
    ts_schedule_sort(&s);
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const ts_key *key = &ts_scenario_keys[i];
        if (!key->default_yaml && !ts_yaml_find(root, key->path)) {
            st = ts_scenario_fail(err, filename, NULL, key->path, "required key missing");
            goto cleanup;
        }
    }
    ts_targets_canonical_regions(&s);
    if ((st = ts_scenario_check_tree(&s, filename, root, err)) != TS_OK)
        goto cleanup;
    *scenario = s;
    memset(&s, 0, sizeof s); /* the caller owns the regions now */

cleanup:
    ts_yaml_free(root);
    ts_scenario_files_free(&files);
    ts_scenario_free(&s);
    return st;
}

ts_status ts_scenario_load_file(ts_scenario *scenario, const char *path, ts_error *err)
{
    char *text = NULL;
    size_t len = 0;
    memset(scenario, 0, sizeof *scenario);
    ts_status st = ts_scenario_read_file(path, &text, &len, err);
    if (st == TS_OK)
        st = ts_scenario_load_text(scenario, text ? text : "", len, path, err);
    free(text);
    return st;
}

ts_status ts_scenario_load_builtin(ts_scenario *scenario, ts_error *err)
{
    return ts_scenario_load_text(scenario, ts_builtin_baseline_yaml, ts_builtin_baseline_len, BUILTIN_FILENAME, err);
}

/* ---- copy and free ------------------------------------------------------- */

ts_status ts_scenario_copy(ts_scenario *dst, const ts_scenario *src, ts_error *err)
{
    ts_region_spec *regions = NULL;
    ts_uncertain *uncertain = NULL;
    int32_t n = src->population.regions ? src->population.n_regions : 0;
    int32_t n_u = src->uncertain ? src->n_uncertain : 0;
    if (n > 0) {
        regions = malloc((size_t)n * sizeof *regions);
        if (!regions) {
            memset(dst, 0, sizeof *dst);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory copying a scenario of %" PRId32 " regions", n);
        }
        memcpy(regions, src->population.regions, (size_t)n * sizeof *regions);
    }
    if (n_u > 0) {
        uncertain = malloc((size_t)n_u * sizeof *uncertain);
        if (!uncertain) {
            free(regions);
            memset(dst, 0, sizeof *dst);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory copying a scenario");
        }
        memcpy(uncertain, src->uncertain, (size_t)n_u * sizeof *uncertain);
    }
    ts_schedule_point *schedule = NULL;
    if (src->schedule && src->n_schedule > 0) {
        schedule = malloc((size_t)src->n_schedule * sizeof *schedule);
        if (!schedule) {
            free(regions);
            free(uncertain);
            memset(dst, 0, sizeof *dst);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory copying a scenario");
        }
        memcpy(schedule, src->schedule, (size_t)src->n_schedule * sizeof *schedule);
    }
    *dst = *src;
    dst->schedule = schedule;
    dst->n_schedule = schedule ? src->n_schedule : 0;
    dst->population.regions = regions;
    dst->population.n_regions = n > 0 ? n : 0;
    dst->uncertain = uncertain;
    dst->n_uncertain = n_u > 0 ? n_u : 0;
    return TS_OK;
}

void ts_scenario_free(ts_scenario *scenario)
{
    if (!scenario)
        return;
    free(scenario->population.regions);
    scenario->population.regions = NULL;
    scenario->population.n_regions = 0;
    free(scenario->uncertain);
    scenario->uncertain = NULL;
    scenario->n_uncertain = 0;
    free(scenario->schedule);
    scenario->schedule = NULL;
    scenario->n_schedule = 0;
}

ts_status ts_scenario_load_named(ts_scenario *scenario, const char *name, ts_error *err)
{
    struct stat info;
    memset(scenario, 0, sizeof *scenario);
    if (strcmp(name, TS_BUILTIN_BASELINE_NAME) != 0)
        return ts_scenario_load_file(scenario, name, err);
    if (stat(name, &info) == 0)
        return ts_error_set(err, TS_ERR_INPUT,
                            "%s: both the built-in scenario and a file in this folder have this name; write ./%s "
                            "for the file, or rename it",
                            name, name);
    return ts_scenario_load_builtin(scenario, err);
}
