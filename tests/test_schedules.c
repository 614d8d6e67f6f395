/*
 * test_schedules.c: keys given as schedules by year, and causality.
 *
 * The property: for every key that may change mid-run and every element of
 * it, a scenario that differs from the baseline only from year FROM on gives
 * bit-identical indicators for every year before FROM (common random
 * numbers: both in one run), alone and with region shards. Then a few keys
 * whose change must show in year FROM, the doubled-intake-from-2027 library
 * scenario, the errors of a schedule written wrong, and the resolved YAML
 * read back.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "support.h"
#include "teachsim/results.h"
#include "teachsim/run.h"

#define START 2021
#define END 2026
#define FROM 2024
#define CHUNK 12 /* variants per run, next to the baseline */
#define TEXT_MAX 4096

typedef struct {
    const ts_key *key;
    size_t element;
} variant;

static void append(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t at = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + at, size - at, fmt, ap);
    va_end(ap);
}

/* Element k of the key's field in s as a number. */
static double element_of(const ts_scenario *s, const ts_key *key, size_t k)
{
    const char *field = (const char *)s + key->offset;
    if (key->type == TS_KEY_REAL || key->type == TS_KEY_REALS) {
        double v;
        memcpy(&v, field + k * sizeof v, sizeof v);
        return v;
    }
    int32_t i;
    memcpy(&i, field + k * sizeof i, sizeof i);
    return i;
}

/* Another value in the key's range: the other switch, the next integer, or
 * half-way to the top (or a half more, unbounded). */
static double other_value(const ts_key *key, double v)
{
    if (key->type == TS_KEY_BOOL)
        return 1 - v;
    if (key->type == TS_KEY_INT || key->type == TS_KEY_INTS)
        return v + 1 <= key->max ? v + 1 : v - 1;
    if (key->max >= 1e300)
        return v * 1.5 + 0.1;
    return v < key->max ? v + (key->max - v) / 2 : (key->min + key->max) / 2;
}

static void put_number(char *buf, size_t size, const ts_key *key, double v)
{
    if (key->type == TS_KEY_BOOL)
        append(buf, size, "%s", v != 0 ? "true" : "false");
    else if (key->type == TS_KEY_REAL || key->type == TS_KEY_REALS)
        append(buf, size, "%.17g", v);
    else
        append(buf, size, "%d", (int)v);
}

/* The key's value in s with element `element` set to v (v NaN: unchanged). */
static void put_field(char *buf, size_t size, const ts_scenario *s, const ts_key *key, size_t element, double v)
{
    int list = key->type == TS_KEY_REALS || key->type == TS_KEY_INTS;
    if (list)
        append(buf, size, "[");
    for (size_t k = 0; k < (list ? key->count : 1); k++) {
        if (k)
            append(buf, size, ", ");
        put_number(buf, size, key, k == element && !isnan(v) ? v : element_of(s, key, k));
    }
    if (list)
        append(buf, size, "]");
}

/* `a: {b: {c: VALUE}}` for the key path a.b.c, VALUE a schedule from START. */
static void variant_text(char *buf, size_t size, const ts_scenario *base, const variant *v, int n, double to)
{
    snprintf(buf, size, "name: v%d\nextends: xiangtan-baseline\nhorizon: {start_year: %d, end_year: %d}\n", n, START,
             END);
    int depth = 0;
    for (const char *p = v->key->path; *p; depth++) {
        size_t len = strcspn(p, ".");
        append(buf, size, "%.*s: %s", (int)len, p, p[len] ? "{" : "");
        p += len + (p[len] == '.');
    }
    append(buf, size, "{%d: ", START);
    put_field(buf, size, base, v->key, v->element, NAN);
    append(buf, size, ", %d: ", FROM);
    put_field(buf, size, base, v->key, v->element, to);
    append(buf, size, "}");
    for (int d = 1; d < depth; d++)
        append(buf, size, "}");
    append(buf, size, "\n");
}

static void load(ts_scenario *s, const char *text)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_text(s, text, strlen(text), "variant.yaml", &err), TS_OK, "%s\n%s", err.message,
                 text);
}

static const char base_text[] = "name: base\nextends: xiangtan-baseline\nhorizon: {start_year: 2021, end_year: 2026}\n";

/* Every schedulable key and element of the table. */
static size_t all_variants(variant *out)
{
    size_t n = 0;
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const ts_key *key = &ts_scenario_keys[i];
        int number = key->type == TS_KEY_REAL || key->type == TS_KEY_REALS || key->type == TS_KEY_INT ||
                     key->type == TS_KEY_INTS || key->type == TS_KEY_BOOL;
        if (!number || ts_key_fixed_reason(key) || ts_key_is_past(key))
            continue;
        size_t count = key->type == TS_KEY_REALS || key->type == TS_KEY_INTS ? key->count : 1;
        for (size_t e = 0; e < count; e++)
            out[n++] = (variant){key, e};
    }
    return n;
}

/* Whether scenario s's indicators equal scenario 0's in every year before FROM. */
static int same_before(const ts_results *res, size_t s, char *which, size_t size)
{
    const size_t before = (size_t)(FROM - START) * res->n_regions;
    for (size_t i = 0; i < res->n_indicators; i++)
        for (size_t r = 0; r < res->n_replications; r++)
            if (memcmp(ts_results_block(res, i, 0, r), ts_results_block(res, i, s, r), before * sizeof(double))) {
                snprintf(which, size, "%s, replication %zu", res->indicators[i].name, r);
                return 0;
            }
    return 1;
}

static void run_chunk(const variant *v, size_t n, int threads, int shards)
{
    ts_scenario sc[CHUNK + 1];
    char text[TEXT_MAX];
    load(&sc[0], base_text);
    for (size_t k = 0; k < n; k++) {
        variant_text(text, sizeof text, &sc[0], &v[k], (int)k,
                     other_value(v[k].key, element_of(&sc[0], v[k].key, v[k].element)));
        load(&sc[k + 1], text);
    }
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 11, .replications = 2, .threads = threads, .shards = shards};
    cr_assert_eq(ts_simulation_run(sc, n + 1, &opt, &res, &err), TS_OK, "%s", err.message);
    for (size_t k = 0; k < n; k++) {
        char which[256];
        cr_expect(same_before(&res, k + 1, which, sizeof which),
                  "%s[%zu] scheduled to change from %d changed an earlier year (%s threads %d shards %d)",
                  v[k].key->path, v[k].element, FROM, which, threads, shards);
    }
    ts_results_free(&res);
    for (size_t k = 0; k <= n; k++)
        ts_scenario_free(&sc[k]);
}

static void causality(int threads, int shards)
{
    variant *v = calloc(1024, sizeof *v);
    size_t n = all_variants(v);
    cr_assert_gt(n, 100, "only %zu schedulable numbers", n);
    for (size_t k = 0; k < n; k += CHUNK)
        run_chunk(v + k, n - k < CHUNK ? n - k : CHUNK, threads, shards);
    free(v);
}

Test(schedules, every_key_keeps_the_past_one_thread, .timeout = 600)
{
    causality(1, 1);
}

Test(schedules, every_key_keeps_the_past_two_shards, .timeout = 600)
{
    causality(2, 2);
}

/* The ALL value of indicator `name` in scenario s, replication r, year y. */
static double all_value(const ts_results *res, const char *name, size_t s, size_t r, int y)
{
    int i = ts_results_indicator_index(res, name);
    cr_assert_geq(i, 0, "no indicator %s", name);
    return ts_results_block(res, (size_t)i, s, r)[(size_t)(y - res->first_year) * res->n_regions + res->n_regions - 1];
}

/* Keys whose change must show in year FROM itself, in the named indicator. */
Test(schedules, a_change_shows_from_its_year)
{
    static const struct {
        const char *key, *indicator;
        double to;
    } certain[] = {{"targeted_intake.provincial", "targeted_enrolled", 800},
                   {"rotation.rate", "rotations", 0.3},
                   {"recruitment.yearly_cap_share", "hires", 0.2}};
    const size_t n = sizeof certain / sizeof certain[0];
    ts_scenario sc[4];
    char text[TEXT_MAX];
    load(&sc[0], base_text);
    for (size_t k = 0; k < n; k++) {
        const ts_key *key = NULL;
        for (size_t i = 0; i < ts_scenario_key_count; i++)
            if (strcmp(ts_scenario_keys[i].path, certain[k].key) == 0)
                key = &ts_scenario_keys[i];
        cr_assert(key, "no key %s", certain[k].key);
        variant v = {key, 0};
        variant_text(text, sizeof text, &sc[0], &v, (int)k, certain[k].to);
        load(&sc[k + 1], text);
    }
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 11, .replications = 2, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, n + 1, &opt, &res, &err), TS_OK, "%s", err.message);
    for (size_t k = 0; k < n; k++)
        for (size_t r = 0; r < 2; r++) {
            char which[256];
            cr_expect(same_before(&res, k + 1, which, sizeof which), "%s: %s", certain[k].key, which);
            double was = all_value(&res, certain[k].indicator, 0, r, FROM);
            double now = all_value(&res, certain[k].indicator, k + 1, r, FROM);
            cr_expect_gt(now, was, "%s from %d: %s %g, baseline %g", certain[k].key, FROM, certain[k].indicator, now,
                         was);
        }
    ts_results_free(&res);
    for (size_t k = 0; k <= n; k++)
        ts_scenario_free(&sc[k]);
}

static void load_file(ts_scenario *s, const char *name)
{
    char path[1024];
    ts_error err = {0};
    snprintf(path, sizeof path, "%s/scenarios/%s", TS_SOURCE_DIR, name);
    cr_assert_eq(ts_scenario_load_file(s, path, &err), TS_OK, "%s", err.message);
}

Test(schedules, doubled_intake_from_2027_keeps_2021_to_2026)
{
    ts_scenario sc[2];
    load_file(&sc[0], "xiangtan-baseline.yaml");
    load_file(&sc[1], "doubled-intake-from-2027.yaml");
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 5, .replications = 2, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 2, &opt, &res, &err), TS_OK, "%s", err.message);
    const size_t before = (size_t)(2027 - res.first_year) * res.n_regions;
    for (size_t i = 0; i < res.n_indicators; i++)
        for (size_t r = 0; r < 2; r++)
            cr_expect_eq(
                memcmp(ts_results_block(&res, i, 0, r), ts_results_block(&res, i, 1, r), before * sizeof(double)), 0,
                "%s differs before 2027", res.indicators[i].name);
    for (size_t r = 0; r < 2; r++) {
        double base = 0, doubled = 0;
        for (int y = 2027; y <= 2035; y++) {
            base += all_value(&res, "targeted_arrivals", 0, r, y);
            doubled += all_value(&res, "targeted_arrivals", 1, r, y);
        }
        cr_expect_gt(doubled, base, "targeted arrivals 2027-2035: %g, baseline %g", doubled, base);
        cr_expect_eq(all_value(&res, "targeted_enrolled", 1, r, 2027), 1000);
        cr_expect_eq(all_value(&res, "targeted_enrolled", 1, r, 2026), 600);
    }
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

/* The start's cohorts come from before_start, not from the run's intake. */
Test(schedules, the_past_is_its_own_input)
{
    ts_scenario base, doubled, past;
    load(&base, base_text);
    load(&doubled, "name: d\nextends: xiangtan-baseline\nhorizon: {start_year: 2021, end_year: 2026}\n"
                   "targeted_intake: {provincial: 800}\n");
    load(&past, "name: p\nextends: xiangtan-baseline\nhorizon: {start_year: 2021, end_year: 2026}\n"
                "targeted_intake: {before_start: {provincial: {2014: 400, 2018: 800}}}\n");
    ts_error err = {0};
    ts_population pop[3];
    ts_model m[3];
    const ts_scenario *s[3] = {&base, &doubled, &past};
    long total[3] = {0}, last[3] = {0};
    for (int k = 0; k < 3; k++) {
        cr_assert_eq(ts_population_generate(&pop[k], s[k], 1, &err), TS_OK, "%s", err.message);
        cr_assert_eq(ts_model_build(&m[k], s[k], &pop[k], &err), TS_OK, "%s", err.message);
        for (int r = 0; r < m[k].n_regions; r++)
            for (int p = 0; p < TS_PROGRAMMES; p++) {
                for (int y = 0; y < TS_MAX_STUDY_YEARS; y++)
                    total[k] += m[k].start_students[ts_student_index(r, p, y)];
                last[k] += m[k].start_students[ts_student_index(r, p, 0)];
            }
    }
    cr_expect_eq(total[1], total[0], "a run's intake of 800 changed the cohorts in study at the start");
    cr_expect_gt(last[2], last[0], "enrolment of 2020 under before_start {2018: 800}: %ld, plan %ld", last[2], last[0]);
    for (int k = 0; k < 3; k++) {
        ts_model_free(&m[k]);
        ts_population_free(&pop[k]);
    }
    ts_scenario_free(&base);
    ts_scenario_free(&doubled);
    ts_scenario_free(&past);
}

static void expect_error(const char *body, const char *message)
{
    char text[TEXT_MAX];
    snprintf(text, sizeof text, "name: e\nextends: xiangtan-baseline\n%s", body);
    ts_scenario s;
    ts_error err = {0};
    cr_expect_eq(ts_scenario_load_text(&s, text, strlen(text), "bad.yaml", &err), TS_ERR_INPUT, "%s", body);
    cr_expect(strstr(err.message, message) != NULL, "got: %s\nwanted: %s", err.message, message);
}

Test(schedules, errors_name_file_line_column_and_key)
{
    expect_error("targeted_intake:\n  provincial: {2021: 400, 2020: 800}\n",
                 "bad.yaml:4:27: targeted_intake.provincial: expected a year after 2021 (a schedule's years "
                 "increase), found 2020");
    expect_error("targeted_intake:\n  provincial: {2021: 400, 2021: 800}\n", "bad.yaml:4:");
    expect_error("targeted_intake:\n  provincial: {2021: 400, 2040: 800}\n",
                 "bad.yaml:4:27: targeted_intake.provincial.2040: expected a year up to horizon.end_year (2035), "
                 "found 2040");
    expect_error("targeted_intake:\n  provincial: {2021: 400, 1800: 800}\n",
                 "bad.yaml:4:27: targeted_intake.provincial: expected a year in [1990, 2100] as key of a schedule, "
                 "found 1800");
    expect_error("rotation:\n  rate: {2021: 0.1, 2027: 1.5}\n",
                 "bad.yaml:4:27: rotation.rate.2027: expected a share in [0, 1], found 1.5");
    expect_error("leaving:\n  established:\n    rural: {2021: [0.1, 0.1, 0.1, 0.1], 2027: [0.1, 0.1]}\n",
                 "bad.yaml:5:47: leaving.established.rural.2027: expected a sequence of 4 shares in [0, 1]");
    expect_error("horizon:\n  end_year: {2021: 2030}\n",
                 "bad.yaml:4:13: horizon.end_year: expected a single value (this key cannot change mid-run: the "
                 "horizon sets the years a schedule is written in), found a schedule");
    expect_error("population:\n  female_share: {2021: [0.5, 0.5, 0.5]}\n",
                 "bad.yaml:4:17: population.female_share: expected a single value (this key cannot change mid-run: "
                 "it describes the start population");
    expect_error("recruitment:\n  hire_age_min: {2021: 22, 2028: 35}\n",
                 "bad.yaml:4:28: recruitment.hire_age_min.2028: expected recruitment.hire_age_min not above "
                 "recruitment.hire_age_max (30) in 2028, found 35");
    expect_error("targeted_intake:\n  before_start: {municipal: {2019: 100, 2022: 200}}\n",
                 "bad.yaml:4:41: targeted_intake.before_start.municipal.2022: expected a year before "
                 "horizon.start_year (2021)");
}

Test(schedules, resolved_yaml_reads_back_the_same)
{
    ts_scenario s, again;
    load(&s, "name: r\nextends: xiangtan-baseline\ntargeted_intake: {provincial: {2021: 400, 2027: 800}, "
             "before_start: {municipal: {2015: 100, 2018: 200}}}\nrotation: {rate: {2021: 0.1, 2026: 0.15}}\n"
             "staffing: {class_size_max: {2021: [45, 50], 2030: [40, 45]}}\n");
    cr_assert_eq(s.n_schedule, 8);
    char *text = ts_scenario_to_yaml(&s);
    cr_assert(text);
    load(&again, text);
    char *text2 = ts_scenario_to_yaml(&again);
    cr_expect_str_eq(text2, text);
    cr_assert_eq(again.n_schedule, s.n_schedule);
    cr_expect_eq(memcmp(again.schedule, s.schedule, (size_t)s.n_schedule * sizeof *s.schedule), 0);
    cr_expect_eq(s.targeted_intake.provincial, 400, "the field holds the first value");
    ts_scenario view = s;
    ts_scenario_at_year(&s, &view, 2030);
    cr_expect_eq(view.targeted_intake.provincial, 800);
    cr_expect_eq(view.staffing.class_size_max[0], 40);
    cr_expect_eq(view.rotation.rate, 0.15);
    ts_scenario_at_year(&s, &view, 2022);
    cr_expect_eq(view.targeted_intake.provincial, 400);
    cr_expect_eq(view.rotation.rate, 0.1);
    free(text);
    free(text2);
    ts_scenario_free(&s);
    ts_scenario_free(&again);
}

/* A schedule's value may be a distribution: drawn once per replication at
 * the path KEY@YEAR, into that year's point only. */
Test(schedules, a_distribution_in_a_schedule_is_drawn_for_its_year)
{
    ts_scenario sc[4];
    load(&sc[0], base_text);
    load(&sc[1], "name: fixed\nextends: xiangtan-baseline\nhorizon: {start_year: 2021, end_year: 2026}\n"
                 "rotation: {rate: {2021: 0.1, 2024: 0.3}}\n");
    load(&sc[2], "name: point\nextends: xiangtan-baseline\nhorizon: {start_year: 2021, end_year: 2026}\n"
                 "rotation: {rate: {2021: 0.1, 2024: {uniform: [0.3, 0.3]}}}\n");
    load(&sc[3], "name: spread\nextends: xiangtan-baseline\nhorizon: {start_year: 2021, end_year: 2026}\n"
                 "rotation: {rate: {2021: 0.1, 2024: {uniform: [0.2, 0.4]}}}\n");
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 11, .replications = 3, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 4, &opt, &res, &err), TS_OK, "%s", err.message);
    char which[256];
    for (size_t s = 1; s < 4; s++)
        cr_expect(same_before(&res, s, which, sizeof which), "scenario %zu changed a year before 2024: %s", s, which);
    for (size_t i = 0; i < res.n_indicators; i++)
        for (size_t r = 0; r < 3; r++)
            cr_expect_eq(memcmp(ts_results_block(&res, i, 1, r), ts_results_block(&res, i, 2, r),
                                res.n_years * res.n_regions * sizeof(double)),
                         0, "uniform [0.3, 0.3] from 2024 differs from 0.3 (%s)", res.indicators[i].name);
    cr_assert_eq(res.parameters.n, 1);
    cr_expect_str_eq(res.parameters.names[0], "rotation.rate@2024");
    for (size_t r = 0; r < 3; r++) {
        double v = res.parameters.values[(0 * res.n_scenarios + 3) * res.n_replications + r];
        cr_expect(v >= 0.2 && v <= 0.4, "drawn %g", v);
        cr_expect(isnan(res.parameters.values[(0 * res.n_scenarios + 1) * res.n_replications + r]));
    }
    ts_results_free(&res);
    for (size_t k = 0; k < 4; k++)
        ts_scenario_free(&sc[k]);
}
