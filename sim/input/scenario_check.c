/*
 * scenario_check.c: the rules of a scenario that the key table cannot
 * express, checked once every key is bound.
 *
 * Owns: the checks across keys (a valid name, the horizon's years in order,
 * births for every entrant, region codes and shares, both roster files or
 * neither) and ts_scenario_check for a scenario built in code; with the
 * file's tree at hand a message gives the line of the offending value.
 * Does not own the checks of a single key (scenario_bind.c), those of the
 * targets (scenario_targets.c) nor the message format (scenario_messages.c).
 */
#include <inttypes.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario_internal.h"
#include "yaml_tree.h"

#define SHARE_SUM_TOLERANCE 1e-6

/* The node of path in the file, when there is a file and it has one. */
static const ts_yaml_node *node_at(const ts_yaml_node *root, const char *path)
{
    return root ? ts_yaml_find(root, path) : NULL;
}

static int all_in(const char *s, const char *allowed)
{
    return *s && strspn(s, allowed) == strlen(s);
}

static ts_status check_region(ts_error *err, const char *filename, const ts_scenario *s, int32_t r,
                              const ts_yaml_node *root)
{
    const ts_region_spec *region = &s->population.regions[r];
    char path[TS_SCENARIO_PATH_LEN], found[TS_SCENARIO_FOUND_LEN];

    snprintf(path, sizeof path, "population.regions[%" PRId32 "].code", r);
    if (!all_in(region->code, "abcdefghijklmnopqrstuvwxyz0123456789_") || strcmp(region->code, "ALL") == 0) {
        ts_error_quote(region->code, strlen(region->code), found, sizeof found);
        return ts_scenario_fail(err, filename, node_at(root, path), path,
                                "expected a code of lowercase ASCII letters, digits and '_' (not ALL), found %s",
                                found);
    }
    for (int32_t q = 0; q < r; q++) {
        if (strcmp(s->population.regions[q].code, region->code) == 0) {
            ts_error_quote(region->code, strlen(region->code), found, sizeof found);
            return ts_scenario_fail(
                err, filename, node_at(root, path), path,
                "expected a code no other region uses, found %s (also population.regions[%" PRId32 "].code)", found, q);
        }
    }
    const struct {
        const char *name;
        const double *share;
    } triples[] = {{"school_locality_share", region->school_locality_share},
                   {"pupil_locality_share", region->pupil_locality_share}};
    for (size_t t = 0; t < sizeof triples / sizeof triples[0]; t++) {
        double sum = 0;
        for (int l = 0; l < TS_LOCALITY_COUNT; l++)
            sum += triples[t].share[l];
        if (!(fabs(sum - 1.0) <= SHARE_SUM_TOLERANCE)) {
            snprintf(path, sizeof path, "population.regions[%" PRId32 "].%s", r, triples[t].name);
            return ts_scenario_fail(err, filename, node_at(root, path), path,
                                    "expected shares summing to 1, found a sum of %.15g", sum);
        }
    }
    return TS_OK;
}

/* Each region's counts are bounded by the key table, but thousands of regions
 * add up past what 32-bit counts hold (a school total of 2^32 + 100 once
 * wrapped to 100 schools and crashed the generator): the totals are summed in
 * 64 bits and bounded here, so that nothing that validates overflows later. */
static ts_status check_area_totals(const ts_scenario *s, const char *filename, const ts_yaml_node *root, ts_error *err)
{
    int64_t schools = 0, pupils = 0;
    for (int32_t r = 0; r < s->population.n_regions; r++) {
        const ts_region_spec *region = &s->population.regions[r];
        for (int l = 0; l < TS_LEVEL_COUNT; l++)
            schools += region->schools[l];
        pupils += (int64_t)region->pupils_primary + region->pupils_junior;
    }
    if (schools > TS_MAX_AREA_SCHOOLS)
        return ts_scenario_fail(err, filename, node_at(root, "population.regions"), "population.regions",
                                "expected at most %d schools in all regions together, found %" PRId64,
                                TS_MAX_AREA_SCHOOLS, schools);
    if (pupils > TS_MAX_AREA_PUPILS)
        return ts_scenario_fail(err, filename, node_at(root, "population.regions"), "population.regions",
                                "expected at most %d pupils (pupils_primary + pupils_junior) in all regions "
                                "together, found %" PRId64,
                                TS_MAX_AREA_PUPILS, pupils);
    return TS_OK;
}

/* The year key `year` of the schedule at path, when the file has it. */
static const ts_yaml_node *year_node(const ts_yaml_node *root, const char *path, int32_t year)
{
    const ts_yaml_node *map = node_at(root, path);
    char text[16];
    snprintf(text, sizeof text, "%" PRId32, year);
    for (size_t i = 0; map && map->kind == TS_YAML_MAPPING && i < map->n; i++)
        if (strcmp(map->keys[i]->text, text) == 0)
            return map->keys[i];
    return map;
}

/* The checks across keys hold in every year a schedule changes a value:
 * hire ages in order. */
static ts_status check_schedule_years(const ts_scenario *s, const char *filename, const ts_yaml_node *root,
                                      ts_error *err)
{
    for (int32_t k = 0; k < s->n_schedule; k++) {
        const ts_schedule_point *p = &s->schedule[k];
        if (strncmp(p->key->path, "recruitment.hire_age_", 21) != 0)
            continue;
        ts_scenario view = *s;
        ts_scenario_at_year(s, &view, p->year);
        if (view.recruitment.hire_age_max < view.recruitment.hire_age_min) {
            char path[TS_SCENARIO_PATH_LEN];
            snprintf(path, sizeof path, "%s.%" PRId32, p->key->path, p->year);
            return ts_scenario_fail(err, filename, year_node(root, p->key->path, p->year), path,
                                    "expected recruitment.hire_age_min not above recruitment.hire_age_max (%" PRId32
                                    ") in %" PRId32 ", found %" PRId32,
                                    view.recruitment.hire_age_max, p->year, view.recruitment.hire_age_min);
        }
    }
    return TS_OK;
}

/* A schedule's years lie within the horizon or before it; one of the past
 * (before_start) lies before the start. */
static ts_status check_schedules(const ts_scenario *s, const char *filename, const ts_yaml_node *root, ts_error *err)
{
    for (int32_t k = 0; k < s->n_schedule; k++) {
        const ts_schedule_point *p = &s->schedule[k];
        int past = ts_key_is_past(p->key);
        if (past ? p->year < s->horizon.start_year : p->year <= s->horizon.end_year)
            continue;
        char path[TS_SCENARIO_PATH_LEN];
        snprintf(path, sizeof path, "%s.%" PRId32, p->key->path, p->year);
        if (past)
            return ts_scenario_fail(err, filename, year_node(root, p->key->path, p->year), path,
                                    "expected a year before horizon.start_year (%" PRId32
                                    "): this schedule is the enrolment before the start, found %" PRId32,
                                    s->horizon.start_year, p->year);
        return ts_scenario_fail(err, filename, year_node(root, p->key->path, p->year), path,
                                "expected a year up to horizon.end_year (%" PRId32 "), found %" PRId32,
                                s->horizon.end_year, p->year);
    }
    return check_schedule_years(s, filename, root, err);
}

/* The region of code `code`, or -1. */
static int32_t region_of(const ts_scenario *s, const char *code)
{
    for (int32_t r = 0; r < s->population.n_regions; r++)
        if (strcmp(s->population.regions[r].code, code) == 0)
            return r;
    return -1;
}

/* A new school names a region of the scenario, a level and a locality of the
 * vocabulary, a year it can open in (after the start population's year, by
 * the end of the run) and a name no other new school has. */
static ts_status check_new_school(const ts_scenario *s, int32_t i, const char *filename, const ts_yaml_node *root,
                                  ts_error *err)
{
    const ts_new_school *n = &s->network.new_schools.item[i];
    char path[TS_SCENARIO_PATH_LEN], found[TS_SCENARIO_FOUND_LEN];
    const struct {
        const char *key, *value, *expected;
        int ok;
    } codes[] = {
        {"region", n->region, "the code of a region of population.regions", region_of(s, n->region) >= 0},
        {"level", n->level, "primary, junior or nine_year",
         ts_code_index(ts_level_codes, TS_LEVEL_COUNT, n->level) >= 0},
        {"locality", n->locality, "urban, town or rural",
         ts_code_index(ts_locality_codes, TS_LOCALITY_COUNT, n->locality) >= 0},
    };
    for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++) {
        if (codes[c].ok)
            continue;
        snprintf(path, sizeof path, "network.new_schools[%" PRId32 "].%s", i, codes[c].key);
        ts_error_quote(codes[c].value, strlen(codes[c].value), found, sizeof found);
        return ts_scenario_fail(err, filename, node_at(root, path), path, "expected %s, found %s", codes[c].expected,
                                found);
    }
    snprintf(path, sizeof path, "network.new_schools[%" PRId32 "].opens", i);
    if (n->opens <= s->horizon.start_year || n->opens > s->horizon.end_year)
        return ts_scenario_fail(err, filename, node_at(root, path), path,
                                "expected a year from horizon.start_year + 1 (%" PRId32
                                ") to horizon.end_year (%" PRId32 "), found %" PRId32,
                                s->horizon.start_year + 1, s->horizon.end_year, n->opens);
    snprintf(path, sizeof path, "network.new_schools[%" PRId32 "].name", i);
    if (!n->name[0])
        return ts_scenario_fail(err, filename, node_at(root, path), path, "expected a name, found an empty text");
    for (int32_t q = 0; q < i; q++)
        if (strcmp(s->network.new_schools.item[q].name, n->name) == 0) {
            ts_error_quote(n->name, strlen(n->name), found, sizeof found);
            return ts_scenario_fail(err, filename, node_at(root, path), path,
                                    "expected a name no other new school has, found %s (also "
                                    "network.new_schools[%" PRId32 "].name)",
                                    found, q);
        }
    return TS_OK;
}

/* The rules the key table cannot express. With the file's tree at hand the
 * message gives the line of the offending value. */
ts_status ts_scenario_check_tree(const ts_scenario *s, const char *filename, const ts_yaml_node *root, ts_error *err)
{
    char found[TS_SCENARIO_FOUND_LEN];
    ts_status st;

    if (!all_in(s->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")) {
        ts_error_quote(s->name, strlen(s->name), found, sizeof found);
        return ts_scenario_fail(err, filename, node_at(root, "name"), "name",
                                "expected a name of letters, digits, '.', '_' and '-', found %s", found);
    }
    if (s->horizon.end_year < s->horizon.start_year)
        return ts_scenario_fail(err, filename, node_at(root, "horizon.end_year"), "horizon.end_year",
                                "expected a year not before horizon.start_year (%" PRId32 "), found %" PRId32,
                                s->horizon.start_year, s->horizon.end_year);
    if (s->recruitment.hire_age_max < s->recruitment.hire_age_min)
        return ts_scenario_fail(err, filename, node_at(root, "recruitment.hire_age_max"), "recruitment.hire_age_max",
                                "expected an age not below recruitment.hire_age_min (%" PRId32 "), found %" PRId32,
                                s->recruitment.hire_age_min, s->recruitment.hire_age_max);
    /* Grade-1 entrants of year y were born in y - 6. */
    int first = s->horizon.start_year - 6, last = s->horizon.end_year - 6;
    for (int y = first; y <= last; y++)
        if (isnan(ts_series_get(&s->enrolment.births, y)))
            return ts_scenario_fail(
                err, filename, node_at(root, "enrolment.births"), "enrolment.births",
                "expected births for every year from %d to %d (start_year - 6 to end_year - 6), found "
                "none for %d",
                first, last, y);
    if (!s->population.regions || s->population.n_regions < 1 || s->population.n_regions > TS_MAX_REGIONS)
        return ts_scenario_fail(err, filename, node_at(root, "population.regions"), "population.regions",
                                "expected 1 to %d regions, found %" PRId32, TS_MAX_REGIONS,
                                s->population.regions ? s->population.n_regions : 0);
    for (int32_t r = 0; r < s->population.n_regions; r++)
        if ((st = check_region(err, filename, s, r, root)) != TS_OK)
            return st;
    if ((st = check_area_totals(s, filename, root, err)) != TS_OK)
        return st;
    if (!s->population.schools_csv[0] != !s->population.teachers_csv[0]) {
        int schools = s->population.schools_csv[0] != '\0';
        const char *set = schools ? "population.schools_csv" : "population.teachers_csv";
        return ts_scenario_fail(err, filename, node_at(root, set),
                                schools ? "population.teachers_csv" : "population.schools_csv",
                                "expected a path since %s is set (a real roster is both files), found none", set);
    }
    for (int32_t i = 0; i < s->network.new_schools.n; i++)
        if ((st = check_new_school(s, i, filename, root, err)) != TS_OK)
            return st;
    if ((st = check_schedules(s, filename, root, err)) != TS_OK)
        return st;
    return ts_targets_check(s, filename, root, err);
}

ts_status ts_scenario_check(const ts_scenario *scenario, const char *filename, ts_error *err)
{
    return ts_scenario_check_tree(scenario, filename ? filename : "scenario", NULL, err);
}
