/*
 * test_scenario.c: the scenario loader (sim/input/scenario.c) and its YAML tree
 * (sim/base/yaml_tree.c): the built-in baseline, the key table's defaults, the exact
 * round trip of the resolved YAML, copy and free, the checks across keys, and
 * the message of every kind of broken scenario (file, line:column, key path,
 * what was found). Not the CLI (tests/cli_*.sh).
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"
#include "teachsim/scenario.h"
#include "text.h"
#include "yaml_tree.h"

/* ---- helpers -------------------------------------------------------------- */

static char *baseline_text(void)
{
    char *text = malloc(ts_builtin_baseline_len + 1);
    cr_assert_not_null(text);
    memcpy(text, ts_builtin_baseline_yaml, ts_builtin_baseline_len);
    text[ts_builtin_baseline_len] = '\0';
    return text;
}

/* text with the first occurrence of from replaced by to (malloc'd). */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *hit = strstr(text, from);
    cr_assert_not_null(hit, "the baseline no longer contains \"%s\"", from);
    size_t head = (size_t)(hit - text), lf = strlen(from), lt = strlen(to), lr = strlen(hit + lf);
    char *out = malloc(head + lt + lr + 1);
    cr_assert_not_null(out);
    memcpy(out, text, head);
    memcpy(out + head, to, lt);
    memcpy(out + head + lt, hit + lf, lr + 1);
    return out;
}

/* 1-based line and column (in characters) of the first occurrence of needle,
 * moved on by skip bytes. */
static void position_of(const char *text, const char *needle, size_t skip, size_t *line, size_t *column)
{
    const char *hit = strstr(text, needle);
    cr_assert_not_null(hit, "no \"%s\" in the test text", needle);
    hit += skip;
    *line = 1;
    *column = 1;
    for (const char *p = text; p < hit; p++) {
        if (*p == '\n') {
            ++*line;
            *column = 1;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

static void write_text(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    cr_assert_eq(fwrite(text, 1, len, f), len);
    fclose(f);
}

static size_t field_size(const ts_key *key)
{
    switch (key->type) {
    case TS_KEY_INT:
    case TS_KEY_BOOL:
        return sizeof(int32_t);
    case TS_KEY_REAL:
        return sizeof(double);
    case TS_KEY_STRING:
        return key->count;
    case TS_KEY_REALS:
        return key->count * sizeof(double);
    case TS_KEY_INTS:
        return key->count * sizeof(int32_t);
    case TS_KEY_SERIES:
        return sizeof(ts_series);
    case TS_KEY_REGIONS:
        return 0;
    case TS_KEY_TARGETS:
        return sizeof(ts_target_list); /* fixed size, zero-filled: compares bit for bit */
    case TS_KEY_SCHOOLS:
        return sizeof(ts_new_school_list); /* likewise */
    }
    return 0;
}

/* Whether a field is the same: texts up to their NUL, everything else bit for bit. */
static int same_field(const ts_key *key, const void *a, const void *b)
{
    const char *fa = (const char *)a + key->offset, *fb = (const char *)b + key->offset;
    if (key->type == TS_KEY_STRING)
        return strncmp(fa, fb, key->count) == 0;
    return memcmp(fa, fb, field_size(key)) == 0;
}

/* Path of the first key whose field differs, or NULL. */
static const char *first_difference(const ts_scenario *a, const ts_scenario *b)
{
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const ts_key *key = &ts_scenario_keys[i];
        if (key->type == TS_KEY_REGIONS) {
            if (a->population.n_regions != b->population.n_regions)
                return key->path;
            for (int32_t r = 0; r < a->population.n_regions; r++)
                for (size_t j = 0; j < ts_region_key_count; j++)
                    if (!same_field(&ts_region_keys[j], &a->population.regions[r], &b->population.regions[r]))
                        return ts_region_keys[j].path;
        } else if (!same_field(key, a, b)) {
            return key->path;
        }
    }
    return NULL;
}

static void assert_round_trip(const ts_scenario *s)
{
    ts_error err = {0};
    char *yaml = ts_scenario_to_yaml(s);
    cr_assert_not_null(yaml);
    ts_scenario back;
    ts_status st = ts_scenario_load_text(&back, yaml, strlen(yaml), "resolved.yaml", &err);
    cr_assert_eq(st, TS_OK, "reload of the resolved YAML failed: %s\n%s", err.message, yaml);
    const char *diff = first_difference(s, &back);
    cr_assert_null(diff, "%s differs after the round trip", diff);
    char *again = ts_scenario_to_yaml(&back);
    cr_assert_not_null(again);
    cr_assert_str_eq(again, yaml, "writing the reloaded scenario gives different text");
    free(again);
    free(yaml);
    ts_scenario_free(&back);
}

/* ---- the built-in baseline ------------------------------------------------ */

Test(scenario, builtin_baseline_loads_with_defaults_filled)
{
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&s, &err), TS_OK, "%s", err.message);

    cr_assert_str_eq(s.name, TS_BUILTIN_BASELINE_NAME);
    static const char *const codes[] = {"xiangtan_county", "xiangxiang", "shaoshan", "yuhu", "yuetang"};
    cr_assert_eq(s.population.n_regions, 5);
    for (int r = 0; r < 5; r++)
        cr_assert_str_eq(s.population.regions[r].code, codes[r]);
    cr_assert_str_eq(s.population.regions[0].name_zh, "湘潭县");
    cr_assert_eq(s.population.regions[2].schools[TS_LEVEL_NINE_YEAR], 3);
    cr_assert_eq(s.population.regions[4].pupil_locality_share[TS_RURAL], 0.01);
    cr_assert_eq(s.population.regions[1].temporary_share, 0.06);

    /* written in the file */
    cr_assert_eq(s.horizon.start_year, 2021);
    cr_assert_eq(s.horizon.end_year, 2035);
    cr_assert_eq(s.enrolment.entry_rate, 0.70); /* overrides the table's 0.69 */
    cr_assert_eq(ts_series_get(&s.enrolment.births, 2018), 32000.0);
    cr_assert_eq(ts_series_get(&s.enrolment.births, 2029), 13280.0);
    cr_assert(isnan(ts_series_get(&s.enrolment.births, 2014)));
    cr_assert(isnan(ts_series_get(&s.enrolment.births, 2030)));
    /* defaults from the key table */
    cr_assert_eq(s.leaving.rural_transfer_share, 0.5);
    cr_assert_eq(s.leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_RURAL][TS_AGE_30_39], 0.060);
    cr_assert_eq(s.staffing.class_size_max[1], 50);
    cr_assert_eq(s.staffing.subject_share[0][TS_SUBJECT_OTHER], 0.19);
    cr_assert_eq(s.retirement.pre2025_rule, 0);
    cr_assert_eq(s.retirement.senior_women_at_60, 1);
    cr_assert_eq(s.recruitment.hire_age_max, 30);
    cr_assert_eq(s.temporaries.allowed_until, 2100);
    cr_assert_str_eq(s.description,
                     "Xiangtan 2021-2035 under current rules, synthetic start population from 2017-21 aggregates");
    ts_scenario_free(&s);
}

Test(scenario, baseline_file_equals_builtin)
{
    ts_scenario a, b;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&a, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_scenario_load_file(&b, TS_SOURCE_DIR "/scenarios/xiangtan-baseline.yaml", &err), TS_OK, "%s",
                 err.message);
    const char *diff = first_difference(&a, &b);
    cr_assert_null(diff, "%s differs", diff);
    ts_scenario_free(&a);
    ts_scenario_free(&b);
}

/* ---- the key table's defaults ----------------------------------------------- */

/* The numbers in a default's text, read without the loader. */
static size_t numbers_in(const char *text, double *out, size_t max)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < max) {
        if (strncmp(p, "true", 4) == 0) {
            out[n++] = 1;
            p += 4;
        } else if (strncmp(p, "false", 5) == 0) {
            out[n++] = 0;
            p += 5;
        } else if (strchr("[], ", *p)) {
            p++;
        } else {
            char *end;
            out[n++] = strtod(p, &end);
            cr_assert_neq(end, p, "unexpected text in default \"%s\"", text);
            p = end;
        }
    }
    return n;
}

static void assert_default_bound(const ts_key *key, const void *base)
{
    const char *field = (const char *)base + key->offset;
    double want[64];
    if (key->type == TS_KEY_STRING) {
        size_t len = strlen(key->default_yaml);
        cr_assert(len >= 2 && key->default_yaml[0] == '"', "%s: string default is not quoted", key->path);
        cr_assert(strlen(field) == len - 2 && strncmp(field, key->default_yaml + 1, len - 2) == 0,
                  "%s: bound \"%s\", default %s", key->path, field, key->default_yaml);
        return;
    }
    if (key->type == TS_KEY_TARGETS) { /* "[]": no target */
        cr_assert_str_eq(key->default_yaml, "[]", "%s: default", key->path);
        cr_assert_eq(((const ts_target_list *)(const void *)field)->n, 0, "%s: bound a target", key->path);
        return;
    }
    if (key->type == TS_KEY_SCHOOLS) { /* "[]": no new school */
        cr_assert_str_eq(key->default_yaml, "[]", "%s: default", key->path);
        cr_assert_eq(((const ts_new_school_list *)(const void *)field)->n, 0, "%s: bound a school", key->path);
        return;
    }
    size_t n = numbers_in(key->default_yaml, want, 64);
    size_t expect = (key->type == TS_KEY_REALS || key->type == TS_KEY_INTS) ? key->count : 1;
    cr_assert_eq(n, expect, "%s: default \"%s\" has %zu numbers, the key takes %zu", key->path, key->default_yaml, n,
                 expect);
    for (size_t i = 0; i < n; i++) {
        double got;
        if (key->type == TS_KEY_REAL || key->type == TS_KEY_REALS) {
            memcpy(&got, field + i * sizeof(double), sizeof got);
        } else {
            int32_t v;
            memcpy(&v, field + i * sizeof v, sizeof v);
            got = v;
        }
        cr_assert_eq(got, want[i], "%s[%zu]: bound %.17g, default %.17g", key->path, i, got, want[i]);
    }
}

Test(scenario, every_key_has_a_default_that_binds_or_is_required)
{
    static const char *const required[] = {"name", "population.regions", "enrolment.births"};
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_init_defaults(&s, &err), TS_OK, "%s", err.message);
    size_t n_required = 0;
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const ts_key *key = &ts_scenario_keys[i];
        if (!key->default_yaml) {
            int known = 0;
            for (size_t j = 0; j < 3; j++)
                known |= strcmp(key->path, required[j]) == 0;
            cr_assert(known, "%s has no default and is not one of the required keys", key->path);
            n_required++;
            continue;
        }
        assert_default_bound(key, &s);
    }
    cr_assert_eq(n_required, 3);
    cr_assert_eq(s.population.regions, NULL);
    cr_assert(isnan(ts_series_get(&s.enrolment.births, 2020)));

    /* Region defaults: a region that gives only the required keys. */
    ts_scenario b;
    char *text = replace(ts_builtin_baseline_yaml, "      temporary_share: 0.06\n      weak_share: 0.25\n", "");
    char *text2 = replace(text, "      name_zh: 湘潭县\n", "");
    cr_assert_eq(ts_scenario_load_text(&b, text2, strlen(text2), "r.yaml", &err), TS_OK, "%s", err.message);
    for (size_t j = 0; j < ts_region_key_count; j++)
        if (ts_region_keys[j].default_yaml)
            assert_default_bound(&ts_region_keys[j], &b.population.regions[0]);
    cr_assert_eq(b.population.regions[1].temporary_share, 0.06, "the second region keeps its own value");
    free(text);
    free(text2);
    ts_scenario_free(&b);
    ts_scenario_free(&s);
}

/* ---- round trip --------------------------------------------------------------- */

Test(scenario, resolved_yaml_round_trip_is_exact_for_the_baseline)
{
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&s, &err), TS_OK, "%s", err.message);
    assert_round_trip(&s);
    char *yaml = ts_scenario_to_yaml(&s);
    /* every key written, nested, regions as a sequence */
    cr_assert_not_null(strstr(yaml, "\nleaving:\n  established:\n    urban: [0.02, 0.012, 0.008, 0.01]\n"));
    cr_assert_not_null(strstr(yaml, "\n  regions:\n    - code: \"xiangtan_county\"\n      name_zh: \"湘潭县\"\n"));
    cr_assert_not_null(strstr(yaml, "\n  births:\n    2015: 34630\n"));
    cr_assert_null(strstr(yaml, "2014:"));
    free(yaml);
    ts_scenario_free(&s);
}

Test(scenario, resolved_yaml_round_trip_is_exact_for_awkward_values)
{
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&s, &err), TS_OK, "%s", err.message);
    snprintf(s.description, sizeof s.description,
             "quote \" backslash \\ newline\n tab\t del\x7f nel\xc2\x85 ls\xe2\x80\xa8 bom\xef\xbb\xbf"
             " 湘潭 ü 🙂 #: - [x]");
    snprintf(s.name, sizeof s.name, "a.b-c_D9");
    snprintf(s.population.regions[4].name_zh, sizeof s.population.regions[4].name_zh, "'single' & *star");
    s.enrolment.entry_rate = 0.1 + 0.2;
    s.population.school_size_sigma = 4.9406564584124654e-324; /* smallest denormal */
    s.enrolment.urbanisation_rate = -0.0;
    s.population.age_pyramid[TS_RURAL][7] = 1e300;
    s.population.regions[0].population_10k = 1e6;
    s.careers.sanming_multiplier = 2.385;
    s.enrolment.births.value[2040 - TS_YEAR_MIN] = 123.45678901234567;
    s.leaving.hazard[TS_CONTRACT_TARGETED][TS_TOWN][3] = 1.0 / 3.0;
    s.retirement.pre2025_rule = 1;
    cr_assert_eq(ts_scenario_check(&s, "edited", &err), TS_OK, "%s", err.message);
    assert_round_trip(&s);

    char *yaml = ts_scenario_to_yaml(&s);
    ts_scenario back;
    cr_assert_eq(ts_scenario_load_text(&back, yaml, strlen(yaml), "resolved.yaml", &err), TS_OK, "%s", err.message);
    cr_assert(signbit(back.enrolment.urbanisation_rate), "-0 kept its sign");
    cr_assert_str_eq(back.description, s.description);
    free(yaml);
    ts_scenario_free(&back);
    ts_scenario_free(&s);
}

/* ---- copy and free ------------------------------------------------------------ */

Test(scenario, copy_is_deep_and_free_is_idempotent)
{
    ts_scenario s, c;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&s, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_scenario_copy(&c, &s, &err), TS_OK, "%s", err.message);
    cr_assert_neq(c.population.regions, s.population.regions);
    cr_assert_null(first_difference(&s, &c));
    snprintf(s.population.regions[1].code, TS_NAME_MAX, "changed");
    s.population.regions[1].pupils_junior = 7;
    cr_assert_str_eq(c.population.regions[1].code, "xiangxiang");
    cr_assert_eq(c.population.regions[1].pupils_junior, 19100);
    ts_scenario_free(&s);
    ts_scenario_free(&s);
    cr_assert_null(s.population.regions);
    cr_assert_eq(s.population.n_regions, 0);
    ts_scenario_free(&c);

    ts_scenario zero = {0};
    ts_scenario_free(&zero);
    ts_scenario_free(NULL);
    cr_assert_eq(ts_scenario_copy(&c, &zero, &err), TS_OK);
    cr_assert_null(c.population.regions);
}

/* ---- checks on scenarios built in code (no file, so no line) ------------------ */

static void assert_check_fails(const ts_scenario *s, const char *expected)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_check(s, "code.yaml", &err), TS_ERR_INPUT, "check passed, expected: %s", expected);
    cr_assert_eq(err.status, TS_ERR_INPUT);
    cr_assert_str_eq(err.message, expected);
}

Test(scenario, check_rules_across_keys)
{
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&s, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_scenario_check(&s, "code.yaml", &err), TS_OK, "%s", err.message);

    s.horizon.end_year = 2019;
    assert_check_fails(&s, "code.yaml: horizon.end_year: expected a year not before horizon.start_year (2021), "
                           "found 2019");
    s.horizon.end_year = 2036;
    assert_check_fails(&s, "code.yaml: enrolment.births: expected births for every year from 2015 to 2030 "
                           "(start_year - 6 to end_year - 6), found none for 2030");
    s.horizon.end_year = 2035;

    s.recruitment.hire_age_min = 31;
    assert_check_fails(&s, "code.yaml: recruitment.hire_age_max: expected an age not below "
                           "recruitment.hire_age_min (31), found 30");
    s.recruitment.hire_age_min = 22;

    s.population.regions[2].pupil_locality_share[0] = 0.2385;
    assert_check_fails(&s, "code.yaml: population.regions[2].pupil_locality_share: expected shares summing to 1, "
                           "found a sum of 0.9885");
    s.population.regions[2].pupil_locality_share[0] = 0.25;

    snprintf(s.population.regions[4].code, TS_NAME_MAX, "ALL");
    assert_check_fails(&s, "code.yaml: population.regions[4].code: expected a code of lowercase ASCII letters, "
                           "digits and '_' (not ALL), found \"ALL\"");
    snprintf(s.population.regions[4].code, TS_NAME_MAX, "湘潭");
    assert_check_fails(&s, "code.yaml: population.regions[4].code: expected a code of lowercase ASCII letters, "
                           "digits and '_' (not ALL), found \"湘潭\"");
    snprintf(s.population.regions[4].code, TS_NAME_MAX, "xiangxiang");
    assert_check_fails(&s, "code.yaml: population.regions[4].code: expected a code no other region uses, found "
                           "\"xiangxiang\" (also population.regions[1].code)");
    snprintf(s.population.regions[4].code, TS_NAME_MAX, "yuetang");

    s.name[0] = '\0';
    assert_check_fails(&s, "code.yaml: name: expected a name of letters, digits, '.', '_' and '-', found \"\"");
    snprintf(s.name, sizeof s.name, "ok");

    ts_region_spec *regions = s.population.regions;
    s.population.regions = NULL;
    assert_check_fails(&s, "code.yaml: population.regions: expected 1 to 4096 regions, found 0");
    s.population.regions = regions;
    cr_assert_eq(ts_scenario_check(&s, "code.yaml", &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_scenario_check(&s, NULL, NULL), TS_OK);
    ts_scenario_free(&s);
}

/* ---- broken scenarios: status and message ----------------------------------- */

typedef struct {
    const char *file;         /* written in a fresh temp dir; "nosuch.yaml" is never written */
    const char *from, *to;    /* edit of the baseline; from NULL: to is the whole text */
    const char *at, *at_skip; /* the message gives the position of at (+ strlen(at_skip)); NULL: none */
    const char *expect;       /* must follow "FILE:LINE:COLUMN: " (or "FILE: ") in the message */
} broken_case;

static const broken_case broken_cases[] = {
    /* unknown keys */
    {"unknown.yaml", "  start_year: 2021", "  sart_year: 2021", "sart_year", "",
     "horizon.sart_year: unknown key (did you mean horizon.start_year?)"},
    {"section.yaml", "horizon:", "horizons:", "horizons:", "", "horizons: unknown key (did you mean horizon?)"},
    {"region_key.yaml", "pupils_junior: 20800", "pupil_junior: 20800", "pupil_junior", "",
     "population.regions[0].pupil_junior: unknown key (did you mean pupils_junior?)"},
    {"far.yaml", "enrolment:\n", "weather: sunny\nenrolment:\n", "weather", "", "weather: unknown key"},
    {"dotted.yaml", "enrolment:\n", "horizon.start_year: 2021\nenrolment:\n", "horizon.start_year", "",
     "horizon.start_year: unknown key (write dotted keys as nested mappings)"},
    /* wrong types */
    {"type.yaml", "  end_year: 2035", "  end_year: twenty", "twenty", "",
     "horizon.end_year: expected an integer year in [2000, 2099], found \"twenty\""},
    {"fraction.yaml", "pupils_primary: 41900", "pupils_primary: 41900.5", "41900.5", "",
     "population.regions[0].pupils_primary: expected a count in [0, 100000000], found 41900.5"},
    {"quoted.yaml", "entry_rate: 0.70", "entry_rate: \"0.70\"", "\"0.70\"", "",
     "enrolment.entry_rate: expected a number in [0, 2], found \"0.70\""},
    {"nan.yaml", "entry_rate: 0.70", "entry_rate: .nan", ".nan", "",
     "enrolment.entry_rate: expected a number in [0, 2], found .nan"},
    {"inf.yaml", "entry_rate: 0.70", "entry_rate: 1e999", "1e999", "",
     "enrolment.entry_rate: expected a number in [0, 2], found 1e999"},
    {"list.yaml", "entry_rate: 0.70", "entry_rate: [0.70]", "[0.70]", "",
     "enrolment.entry_rate: expected a number in [0, 2], found a sequence of 1 item"},
    {"bool.yaml", "enrolment:\n", "retirement:\n  pre2025_rule: sometimes\nenrolment:\n", "sometimes", "",
     "retirement.pre2025_rule: expected true or false, found \"sometimes\""},
    {"bool_int.yaml", "enrolment:\n", "retirement:\n  senior_women_at_60: 1\nenrolment:\n", "1\nenrolment", "",
     "retirement.senior_women_at_60: expected true or false, found 1"},
    {"overflow.yaml", "pupils_primary: 41900", "pupils_primary: 99999999999999999999", "99999", "",
     "population.regions[0].pupils_primary: expected a count in [0, 100000000], found 99999999999999999999"},
    {"section_scalar.yaml", "horizon:\n", "horizon: 2021\nold:\n", "2021\nold", "",
     "horizon: expected a mapping of horizon.* keys, found 2021"},
    {"long.yaml", "name_zh: 韶山市", "name_zh: 韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶韶", "韶韶",
     "", "population.regions[2].name_zh: expected a text of at most 63 bytes, found 90 bytes"},
    /* out of range */
    {"rate.yaml", "enrolment:\n", "leaving:\n  established:\n    rural: [0.09, 1.5, 0.03, 0.015]\nenrolment:\n",
     "1.5, 0.03", "", "leaving.established.rural[1]: expected a share in [0, 1], found 1.5"},
    {"rate_block.yaml", "enrolment:\n",
     "leaving:\n  temporary:\n    town:\n      - 0.3\n      - 0.2\n      - 1.5\n"
     "      - 0.2\nenrolment:\n",
     "1.5\n", "", "leaving.temporary.town[2]: expected a share in [0, 1], found 1.5"},
    {"rate_scalar.yaml", "urbanisation_rate: 0.03", "urbanisation_rate: 1.5", "1.5", "",
     "enrolment.urbanisation_rate: expected a share in [0, 1], found 1.5"},
    {"negative.yaml", "pupils_junior: 16400", "pupils_junior: -5", "-5", "",
     "population.regions[3].pupils_junior: expected a count in [0, 100000000], found -5"},
    {"births_negative.yaml", "2018: 32000", "2018: -32000", "-32000", "",
     "enrolment.births.2018: expected a count >= 0, found -32000"},
    {"births_year.yaml", "2015: 34630", "1980: 34630", "1980", "",
     "enrolment.births: expected a year in [1990, 2100] as key, found 1980"},
    {"too_early.yaml", "start_year: 2021 ", "start_year: 1999 ", "1999", "",
     "horizon.start_year: expected an integer year in [2000, 2090], found 1999"},
    /* shapes */
    {"short.yaml", "schools: [26, 6, 3]", "schools: [26, 6]", "[26, 6]", "",
     "population.regions[2].schools: expected a sequence of 3 counts in [0, 1000000], found a sequence of 2 items"},
    {"no_regions.yaml", "  regions:\n", "  regions: []\n  old_regions:\n", "[]", "",
     "population.regions: expected a sequence of 1 to 4096 regions, found an empty sequence"},
    {"region_scalar.yaml", "    - code: yuhu", "    - yuhu\n    - code: yuhu", "yuhu\n", "",
     "population.regions[3]: expected a mapping of region keys, found \"yuhu\""},
    /* missing keys */
    {"no_name.yaml", "name: xiangtan-baseline\n", "", NULL, NULL, "name: required key missing"},
    {"no_births.yaml", NULL,
     "name: x\npopulation:\n  regions:\n    - {code: a, population_10k: 1, schools: [1, 1, 1], "
     "school_locality_share: [0.2, 0.3, 0.5], pupils_primary: 10, pupils_junior: 5, pupil_locality_share: [0.2, "
     "0.3, 0.5]}\n",
     NULL, NULL, "enrolment.births: required key missing"},
    {"births_renamed.yaml", "  births:\n", "  birth:\n", "birth:", "",
     "enrolment.birth: unknown key (did you mean enrolment.births?)"},
    {"no_pop.yaml", "      population_10k: 10.35\n", "", "code: shaoshan", "",
     "population.regions[2].population_10k: required key missing"},
    /* across keys */
    {"end.yaml", "  end_year: 2035", "  end_year: 2019", "end_year: 2019",
     "end_year: ", "horizon.end_year: expected a year not before horizon.start_year (2021), found 2019"},
    {"births_gap.yaml", "    2016: 35120\n", "", "2015: 34630", "",
     "enrolment.births: expected births for every year from 2015 to 2029 (start_year - 6 to end_year - 6), found "
     "none for 2016"},
    {"dup_code.yaml", "code: yuhu", "code: shaoshan", "shaoshan\n      name_zh: 雨湖区", "",
     "population.regions[3].code: expected a code no other region uses, found \"shaoshan\" (also "
     "population.regions[2].code)"},
    {"bad_code.yaml", "code: yuhu", "code: Yu-Hu", "Yu-Hu", "",
     "population.regions[3].code: expected a code of lowercase ASCII letters, digits and '_' (not ALL), found "
     "\"Yu-Hu\""},
    {"sum.yaml", "school_locality_share: [0.05, 0.30, 0.65]", "school_locality_share: [0.05, 0.30, 0.60]",
     "[0.05, 0.30, 0.60]", "",
     "population.regions[0].school_locality_share: expected shares summing to 1, found a sum "
     "of 0.95"},
    {"ages.yaml", "enrolment:\n", "recruitment:\n  hire_age_min: 35\n  hire_age_max: 30\nenrolment:\n",
     "hire_age_max: 30",
     "hire_age_max: ", "recruitment.hire_age_max: expected an age not below recruitment.hire_age_min (35), found 30"},
    {"name.yaml", "name: xiangtan-baseline", "name: xiangtan baseline", "xiangtan baseline", "",
     "name: expected a name of letters, digits, '.', '_' and '-', found \"xiangtan baseline\""},
    /* new schools (network.new_schools): each field checked where it is written */
    {"new_region.yaml", "enrolment:\n",
     "network:\n  new_schools:\n    - {name: 甲中学, region: nowhere, level: junior, opens: 2023, capacity: "
     "900}\nenrolment:\n",
     "nowhere", "",
     "network.new_schools[0].region: expected the code of a region of population.regions, found \"nowhere\""},
    {"new_level.yaml", "enrolment:\n",
     "network:\n  new_schools:\n    - {name: 甲中学, region: yuhu, level: senior, opens: 2023, capacity: "
     "900}\nenrolment:\n",
     "level: senior",
     "level: ", "network.new_schools[0].level: expected primary, junior or nine_year, found \"senior\""},
    {"new_opens.yaml", "enrolment:\n",
     "network:\n  new_schools:\n    - {name: 甲中学, region: yuhu, level: junior, opens: 2021, capacity: "
     "900}\nenrolment:\n",
     "opens: 2021", "opens: ",
     "network.new_schools[0].opens: expected a year from horizon.start_year + 1 (2022) to horizon.end_year (2035), "
     "found 2021"},
    {"new_capacity.yaml", "enrolment:\n",
     "network:\n  new_schools:\n    - {name: 甲中学, region: yuhu, level: junior, opens: 2023, capacity: "
     "0}\nenrolment:\n",
     "capacity: 0}", "capacity: ", "network.new_schools[0].capacity: expected a count in [1, 100000], found 0"},
    {"new_schedule.yaml", "enrolment:\n",
     "network:\n  new_schools:\n    - {name: 甲中学, region: yuhu, level: junior, opens: 2023, capacity: {2023: 900, "
     "2025: 1200}}\nenrolment:\n",
     "capacity: {2023", "capacity: ",
     "network.new_schools[0].capacity: expected a single value (a new school's keys cannot change mid-run"},
    {"new_twice.yaml", "enrolment:\n",
     "network:\n  new_schools:\n    - {name: 甲中学, region: yuhu, level: junior, opens: 2023, capacity: 900}\n    - "
     "{name: 甲中学, region: yuetang, level: primary, opens: 2024, capacity: 600}\nenrolment:\n",
     "甲中学, region: yuetang", "",
     "network.new_schools[1].name: expected a name no other new school has, found \"甲中学\" (also "
     "network.new_schools[0].name)"},
    /* not a YAML scenario */
    {"nosuch.yaml", NULL, NULL, NULL, NULL, "cannot open scenario file: No such file or directory"},
    {"tab.yaml", NULL, "name: x\nhorizon:\n\tstart_year: 2021\n", "\tstart", "",
     "not a valid YAML scenario: found character that cannot start any token"},
    {"binary.yaml", NULL, "\x89PNG\r\n\x1a\n", "\x89", "", "not a valid YAML scenario: invalid leading UTF-8 octet"},
    {"prose.yaml", NULL, "Just some prose, not a scenario.\n", "Just", "",
     "not a valid YAML scenario: expected a mapping of scenario keys, found \"Just some prose, not a scenario.\""},
    {"empty.yaml", NULL, "# nothing here\n", NULL, NULL,
     "not a valid YAML scenario: no YAML document (empty or only comments); expected a mapping of scenario keys"},
    {"two_docs.yaml", "enrolment:\n", "---\nname: second\nenrolment:\n", "---\nname: second", "",
     "not a valid YAML scenario: more than one YAML document (a second '---')"},
    {"anchor.yaml", "entry_rate: 0.70", "entry_rate: &rate 0.70", "&rate", "",
     "not a valid YAML scenario: anchors (&rate) are not supported; write the value out"},
    {"alias.yaml", "urbanisation_rate: 0.03", "urbanisation_rate: *rate", "*rate", "",
     "not a valid YAML scenario: aliases (*rate) are not supported; write the value out"},
    {"tag.yaml", "entry_rate: 0.70", "entry_rate: !!float 0.70", "!!float", "",
     "not a valid YAML scenario: tags (!!float) are not supported; quote the value instead"},
    {"dup_key.yaml", "  end_year: 2035", "  end_year: 2035\n  end_year: 2036", "end_year: 2036", "",
     "horizon.end_year: duplicate key (first given at "},
    /* layout mistakes, with a hint in plain words after libyaml's text */
    {"indent_deeper.yaml", "  end_year: 2035", "   end_year: 2035", "end_year: 2035", "",
     "not a valid YAML scenario: did not find expected key (while parsing a block mapping at "},
    {"indent_shallower.yaml", NULL, "name: x\nhorizon:\n  start_year: 2021\n end_year: 2030\n", " end_year", " ",
     "not a valid YAML scenario: did not find expected key (while parsing a block mapping at 1:1); check the "
     "indentation of line 4: a key must line up with the keys above it, and a value after a colon needs a space"},
    {"no_space.yaml", NULL, "name: x\nhorizon:\n  start_year:2021\n  end_year: 2030\n", "end_year: 2030", "end_year",
     "not a valid YAML scenario: mapping values are not allowed in this context; check the indentation of line 4 "
     "and the line above it: a key must line up with the keys above it, a value after a colon needs a space "
     "(`key: value`), and a mapping on one line is written in braces (`rotation: {rate: 0.2}`)"},
    {"list_indent.yaml", NULL, "name: x\ntargets:\n  - name: a\n   - name: b\n", "- name: b", "",
     "not a valid YAML scenario: did not find expected '-' indicator (while parsing a block collection at 3:3); "
     "check the indentation of line 4: the items of a list line up, each starting with \"- \""},
    {"tab_after_utf8.yaml", "enrolment:\n", "enrolment:\n\tentry_rate: 0.7\n", "\tentry_rate", "",
     "not a valid YAML scenario: found character that cannot start any token (while scanning for the next token at "},
    {"tab_hint.yaml", NULL, "name: x\nhorizon:\n\tstart_year: 2021\n", "\tstart", "",
     "not a valid YAML scenario: found character that cannot start any token (while scanning for the next token at "
     "3:1); check line 3 for a tab: YAML indents with spaces only"},
    {"complex_key.yaml", "enrolment:\n", "? [a, b]\n: 1\nenrolment:\n", "[a, b]", "",
     "not a valid YAML scenario: a mapping key must be a plain word, found a sequence"},
};

#define N_BROKEN (sizeof broken_cases / sizeof broken_cases[0])

ParameterizedTestParameters(scenario, broken_scenario_is_refused_with_a_precise_message)
{
    static size_t index[N_BROKEN];
    for (size_t i = 0; i < N_BROKEN; i++)
        index[i] = i;
    return cr_make_param_array(size_t, index, N_BROKEN);
}

ParameterizedTest(size_t *i, scenario, broken_scenario_is_refused_with_a_precise_message)
{
    const broken_case *c = &broken_cases[*i];
    const char *dir = ts_test_tmpdir();
    cr_assert_not_null(dir);
    char path[512], *text = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, c->file);
    if (c->from) {
        char *base = baseline_text();
        text = replace(base, c->from, c->to);
        free(base);
    } else if (c->to) {
        text = strdup(c->to);
    }
    if (text)
        write_text(path, text, strlen(text));

    char prefix[1024];
    if (c->at) {
        size_t line, column;
        position_of(text, c->at, strlen(c->at_skip), &line, &column);
        snprintf(prefix, sizeof prefix, "%s:%zu:%zu: %s", path, line, column, c->expect);
    } else {
        snprintf(prefix, sizeof prefix, "%s: %s", path, c->expect);
    }

    ts_scenario s;
    memset(&s, 0xA5, sizeof s); /* the loader must not depend on what was there */
    ts_error err = {0};
    ts_status st = ts_scenario_load_file(&s, path, &err);
    cr_assert_eq(st, TS_ERR_INPUT, "%s: status %d, message: %s", c->file, (int)st, err.message);
    cr_assert_eq(err.status, TS_ERR_INPUT);
    cr_assert(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s:\n  got:      %s\n  expected: %s...", c->file,
              err.message, prefix);
    cr_assert_null(strchr(err.message, '\n'), "the message is one line: %s", err.message);
    cr_assert_null(s.population.regions, "a failed load leaves the scenario freed");
    cr_assert_eq(s.population.n_regions, 0);
    ts_scenario_free(&s);

    /* The same text from memory gives the same message. */
    if (text) {
        ts_error err2 = {0};
        cr_assert_eq(ts_scenario_load_text(&s, text, strlen(text), path, &err2), TS_ERR_INPUT);
        cr_assert_str_eq(err2.message, err.message);
    }
    free(text);
}

/* ---- limits ----------------------------------------------------------------- */

Test(scenario, documents_over_16_mib_are_refused)
{
    size_t len = TS_YAML_MAX_BYTES + 1;
    char *text = malloc(len + 1);
    cr_assert_not_null(text);
    memset(text, '#', len);
    text[len] = '\0';
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_text(&s, text, len, "big.yaml", &err), TS_ERR_INPUT);
    cr_assert_str_eq(err.message, "big.yaml: not a valid YAML scenario: larger than 16 MiB (16777217 bytes)");

    char path[512];
    snprintf(path, sizeof path, "%s/big.yaml", ts_test_tmpdir());
    write_text(path, text, len);
    memset(&err, 0, sizeof err);
    cr_assert_eq(ts_scenario_load_file(&s, path, &err), TS_ERR_INPUT);
    char expected[1024];
    snprintf(expected, sizeof expected, "%s: not a valid YAML scenario: larger than 16 MiB", path);
    cr_assert_str_eq(err.message, expected);
    free(text);
}

static char *nested(int depth)
{
    char *text = malloc((size_t)depth * 2 + 16);
    cr_assert_not_null(text);
    size_t at = 0;
    at += (size_t)sprintf(text, "name: ");
    for (int i = 0; i < depth - 1; i++)
        text[at++] = '[';
    for (int i = 0; i < depth - 1; i++)
        text[at++] = ']';
    text[at] = '\0';
    return text;
}

Test(scenario, nesting_is_limited_to_64_levels)
{
    ts_yaml_node *root = NULL;
    ts_error err = {0};
    char *ok = nested(TS_YAML_MAX_DEPTH), *deep = nested(TS_YAML_MAX_DEPTH + 1);
    cr_assert_eq(ts_yaml_parse(ok, strlen(ok), "ok.yaml", &root, &err), TS_OK, "%s", err.message);
    ts_yaml_free(root);
    cr_assert_eq(ts_yaml_parse(deep, strlen(deep), "deep.yaml", &root, &err), TS_ERR_INPUT);
    cr_assert_null(root);
    cr_assert_str_eq(err.message, "deep.yaml:1:70: not a valid YAML scenario: nesting deeper than 64 levels");
    ts_scenario s;
    cr_assert_eq(ts_scenario_load_text(&s, deep, strlen(deep), "deep.yaml", &err), TS_ERR_INPUT);
    free(ok);
    free(deep);
}

Test(scenario, region_count_limits)
{
    size_t cap = 300 * (TS_MAX_REGIONS + 1) + 1024;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    size_t at = (size_t)snprintf(text, cap, "name: many\nenrolment:\n  births: {");
    for (int y = 2015; y <= 2029; y++)
        at += (size_t)snprintf(text + at, cap - at, "%s%d: 1000", y > 2015 ? ", " : "", y);
    at += (size_t)snprintf(text + at, cap - at, "}\npopulation:\n  regions:\n");
    size_t before_last = 0;
    for (int r = 0; r <= TS_MAX_REGIONS; r++) {
        if (r == TS_MAX_REGIONS)
            before_last = at;
        at += (size_t)snprintf(text + at, cap - at,
                               "    - {code: r%d, population_10k: 2.385, schools: [1, 2, 3], school_locality_share: "
                               "[0.2, 0.3, 0.5], pupils_primary: 600, pupils_junior: 300, pupil_locality_share: "
                               "[0.5, 0.25, 0.25]}\n",
                               r);
    }
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_text(&s, text, at, "many.yaml", &err), TS_ERR_INPUT);
    cr_assert_str_eq(err.message, "many.yaml:6:5: population.regions: expected a sequence of 1 to 4096 regions, found "
                                  "a sequence of 4097 items");
    cr_assert_eq(ts_scenario_load_text(&s, text, before_last, "many.yaml", &err), TS_OK, "%s", err.message);
    cr_assert_eq(s.population.n_regions, TS_MAX_REGIONS);
    cr_assert_str_eq(s.population.regions[4095].code, "r4095");
    cr_assert_eq(s.population.regions[4095].weak_share, 0.2);
    cr_assert_eq(s.population.regions[17].population_10k, 2.385);
    ts_scenario_free(&s);
    free(text);
}

Test(scenario, a_null_error_record_is_allowed)
{
    ts_scenario s;
    cr_assert_eq(ts_scenario_load_text(&s, "name: [", 7, "x.yaml", NULL), TS_ERR_INPUT);
    cr_assert_eq(ts_scenario_load_file(&s, "/nonexistent/x.yaml", NULL), TS_ERR_INPUT);
    cr_assert_eq(ts_scenario_load_builtin(&s, NULL), TS_OK);
    ts_scenario_free(&s);
}

/* ---- the YAML tree ------------------------------------------------------------ */

Test(scenario, yaml_tree_keeps_positions_and_finds_paths)
{
    static const char text[] = "a:\n  b: [1, 'x', \"\\0z\"]\n  c: ~\n  d:\n    - e: 2.5\n      f: \"\"\nempty:\n";
    ts_yaml_node *root = NULL;
    ts_error err = {0};
    cr_assert_eq(ts_yaml_parse(text, strlen(text), "t.yaml", &root, &err), TS_OK, "%s", err.message);
    cr_assert_eq(root->kind, TS_YAML_MAPPING);
    cr_assert_eq(root->n, 2);

    const ts_yaml_node *x = ts_yaml_find(root, "a.b[1]");
    cr_assert_not_null(x);
    cr_assert_str_eq(x->text, "x");
    cr_assert_eq(x->plain, 0);
    cr_assert_eq(x->line, 2);
    cr_assert_eq(x->column, 10);
    const ts_yaml_node *nul = ts_yaml_find(root, "a.b[2]");
    cr_assert_eq(nul->len, 2, "a NUL byte written as \\0 is kept");
    cr_assert_eq(nul->text[1], 'z');

    const ts_yaml_node *e = ts_yaml_find(root, "a.d[0].e");
    cr_assert_not_null(e);
    cr_assert_str_eq(e->text, "2.5");
    cr_assert_eq(e->plain, 1);
    cr_assert_eq(e->line, 5);
    cr_assert_eq(e->column, 10);
    cr_assert(ts_yaml_is_null(ts_yaml_find(root, "a.c")));
    cr_assert(ts_yaml_is_null(ts_yaml_find(root, "empty")));
    cr_assert(!ts_yaml_is_null(ts_yaml_find(root, "a.d[0].f")), "a quoted empty text is not null");
    cr_assert_null(ts_yaml_find(root, "a.b[3]"));
    cr_assert_null(ts_yaml_find(root, "a.z"));
    cr_assert_null(ts_yaml_find(root, "a.c.deeper"));
    cr_assert_null(ts_yaml_find(root, "a[0]"));
    cr_assert_null(ts_yaml_map_get(ts_yaml_find(root, "a.b"), "x"));
    ts_yaml_free(root);

    cr_assert_eq(ts_yaml_parse("", 0, "e.yaml", &root, &err), TS_OK);
    cr_assert_null(root);
    cr_assert_eq(ts_yaml_parse(NULL, 0, "e.yaml", &root, &err), TS_OK);
    cr_assert_null(root);
}

Test(scenario, yaml_tree_reports_duplicate_keys_with_their_path)
{
    static const char text[] = "a:\n  - b: 1\n  - b: 1\n    c:\n      d: 1\n      d: 2\n";
    ts_yaml_node *root = NULL;
    ts_error err = {0};
    cr_assert_eq(ts_yaml_parse(text, strlen(text), "d.yaml", &root, &err), TS_ERR_INPUT);
    cr_assert_null(root);
    cr_assert_str_eq(err.message, "d.yaml:6:7: a[1].c.d: duplicate key (first given at 5:7)");
}

/* ---- names people use ------------------------------------------------------------ */

/* The nearest word within a few edits, never the word itself; the distance
 * counts bytes, so one Chinese character is up to three edits. */
Test(scenario, nearest_word_for_did_you_mean)
{
    static const char *const words[] = {"rural_vacancies", "vacancies", "teachers", "qb_pass"};
    ts_text_nearest near;
    ts_text_nearest_init(&near, "rural_vacancy");
    for (size_t i = 0; i < 4; i++)
        ts_text_nearest_offer(&near, words[i]);
    cr_expect_str_eq(near.best, "rural_vacancies");
    ts_text_nearest_init(&near, "teachers");
    for (size_t i = 0; i < 4; i++)
        ts_text_nearest_offer(&near, words[i]);
    cr_expect_null(near.best, "the word itself is no suggestion");
    ts_text_nearest_init(&near, "something_else");
    for (size_t i = 0; i < 4; i++)
        ts_text_nearest_offer(&near, words[i]);
    cr_expect_null(near.best, "nothing near");
    cr_expect_eq(ts_text_distance("kitten", 6, "sitting", 7), 3);
    cr_expect_eq(ts_text_distance("", 0, "abc", 3), 3);
    char near_key[256];
    cr_assert(ts_scenario_suggest_key("targeted_intake.provinical", near_key, sizeof near_key));
    cr_expect_str_eq(near_key, "targeted_intake.provincial");
    cr_assert(ts_scenario_suggest_key("population.regions[湘潭县].weak_shar", near_key, sizeof near_key));
    cr_expect_str_eq(near_key, "population.regions[湘潭县].weak_share");
    cr_expect(!ts_scenario_suggest_key("nothing.like.a.key.at.all", near_key, sizeof near_key));
}

/* A region by its code or its Chinese name; the list for a message names both. */
Test(scenario, a_region_by_code_or_chinese_name)
{
    cr_expect(ts_text_is_name("湘潭县", "xiangtan_county", "湘潭县"));
    cr_expect(ts_text_is_name("xiangtan_county", "xiangtan_county", "湘潭县"));
    cr_expect(!ts_text_is_name("湘潭", "xiangtan_county", "湘潭县"));
    cr_expect(!ts_text_is_name("", "xiangtan_county", ""), "an empty Chinese name matches nothing");
    char list[64] = "";
    ts_text_list_name(list, sizeof list, "ALL", "全部");
    ts_text_list_name(list, sizeof list, "shaoshan", "韶山市");
    ts_text_list_name(list, sizeof list, "x", NULL);
    cr_expect_str_eq(list, "ALL (全部), shaoshan (韶山市), x");
    char tiny[8] = "";
    ts_text_list_name(tiny, sizeof tiny, "xiangtan_county", "湘潭县");
    cr_expect_eq(strlen(tiny), 7, "cut, never overrun");
}

/* The built-in baseline by name, as the command line gives it; a file of the
 * same name in the current folder makes the name ambiguous, and ./NAME is the
 * file. */
Test(scenario, the_builtin_baseline_by_name)
{
    ts_scenario s;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_named(&s, TS_BUILTIN_BASELINE_NAME, &err), TS_OK, "%s", err.message);
    cr_expect_str_eq(s.name, TS_BUILTIN_BASELINE_NAME);
    ts_scenario_free(&s);
    cr_expect_eq(ts_scenario_load_named(&s, "no-such-scenario.yaml", &err), TS_ERR_INPUT);
    char here[1024];
    cr_assert_not_null(getcwd(here, sizeof here));
    const char *dir = ts_test_tmpdir();
    cr_assert_not_null(dir);
    cr_assert_eq(chdir(dir), 0);
    char *text = baseline_text();
    write_text(TS_BUILTIN_BASELINE_NAME, text, strlen(text));
    free(text);
    cr_expect_eq(ts_scenario_load_named(&s, TS_BUILTIN_BASELINE_NAME, &err), TS_ERR_INPUT);
    cr_expect_str_eq(err.message, "xiangtan-baseline: both the built-in scenario and a file in this folder have this "
                                  "name; write ./xiangtan-baseline for the file, or rename it");
    cr_expect_eq(ts_scenario_load_named(&s, "./" TS_BUILTIN_BASELINE_NAME, &err), TS_OK, "%s", err.message);
    ts_scenario_free(&s);
    remove(TS_BUILTIN_BASELINE_NAME);
    cr_assert_eq(chdir(here), 0);
}
