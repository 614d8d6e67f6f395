/*
 * test_indicators.c: the output field table itself. Every "part of" pair of
 * TS_INDICATOR_PARTS holds on real runs (the built-in baseline and library
 * scenarios), in every region, year and replication; every name the pairs use
 * is an indicator; and the table's texts read as finished sentences.
 */
#include <criterion/criterion.h>
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "fixtures.h"
#include "indicator_list.h"
#include "teachsim/run.h"

typedef struct {
    const char *part, *whole;
} part_pair;

static const part_pair pairs[] = {
#define TS_PAIR(part, whole) {#part, #whole},
    TS_INDICATOR_PARTS(TS_PAIR)
#undef TS_PAIR
};
static const size_t n_pairs = sizeof pairs / sizeof pairs[0];

Test(indicators, every_part_and_whole_is_an_indicator)
{
    for (size_t k = 0; k < n_pairs; k++) {
        cr_expect_geq(ts_indicators_find(pairs[k].part), 0, "part %s is not an indicator", pairs[k].part);
        cr_expect_geq(ts_indicators_find(pairs[k].whole), 0, "whole %s is not an indicator", pairs[k].whole);
        cr_expect_str_neq(pairs[k].part, pairs[k].whole);
    }
}

/* Every pair in every cell of a results set; returns the cells checked. */
static size_t check_parts(const ts_results *res, const char *label)
{
    size_t checked = 0;
    for (size_t k = 0; k < n_pairs; k++) {
        int p = ts_results_indicator_index(res, pairs[k].part), w = ts_results_indicator_index(res, pairs[k].whole);
        cr_assert(p >= 0 && w >= 0, "%s or %s missing from the results", pairs[k].part, pairs[k].whole);
        for (size_t s = 0; s < res->n_scenarios; s++)
            for (size_t r = 0; r < res->n_replications; r++) {
                const double *a = ts_results_block(res, (size_t)p, s, r), *b = ts_results_block(res, (size_t)w, s, r);
                for (size_t y = 0; y < res->n_years; y++)
                    for (size_t g = 0; g < res->n_regions; g++) {
                        size_t c = y * res->n_regions + g;
                        cr_expect(a[c] <= b[c], "%s: %s %.0f > %s %.0f (%s, year %d, replication %zu)", label,
                                  pairs[k].part, a[c], pairs[k].whole, b[c], res->labels.region_codes[g],
                                  res->first_year + (int)y, r);
                        checked++;
                    }
            }
    }
    return checked;
}

static void run_and_check(const ts_scenario *sc, const char *label)
{
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 11, .replications = 3, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 1, &opt, &res, &err), TS_OK, "%s: %s", label, err.message);
    cr_expect_gt(check_parts(&res, label), 0);
    ts_results_free(&res);
}

Test(indicators, parts_are_at_most_their_wholes_in_the_baseline)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    run_and_check(&sc, "built-in baseline");
    ts_scenario_free(&sc);
}

/* Fewer births (teachers beyond the requirement) and more rotation. */
Test(indicators, parts_are_at_most_their_wholes_in_library_scenarios)
{
    const char *files[] = {"births-minus-20.yaml", "rotation-20.yaml", "temporaries-phased-out-2021.yaml"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/scenarios/%s", TS_SOURCE_DIR, files[k]);
        ts_scenario sc = {0};
        ts_error err = {0};
        cr_assert_eq(ts_scenario_load_file(&sc, path, &err), TS_OK, "%s", err.message);
        run_and_check(&sc, files[k]);
        ts_scenario_free(&sc);
    }
}

/* The surplus and vacancies balance: teachers - standby - requirement is
 * surplus - vacancies, in every cell, and the level parts add up. */
Test(indicators, surplus_and_vacancies_balance)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 5, .replications = 2, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    const char *names[] = {"teachers",  "standby",         "requirement",   "surplus",
                           "vacancies", "surplus_primary", "surplus_junior"};
    const double *v[7];
    for (size_t r = 0; r < res.n_replications; r++) {
        for (int k = 0; k < 7; k++) {
            int i = ts_results_indicator_index(&res, names[k]);
            cr_assert_geq(i, 0, "%s", names[k]);
            v[k] = ts_results_block(&res, (size_t)i, 0, r);
        }
        for (size_t c = 0; c < res.n_years * res.n_regions; c++) {
            cr_expect_eq(v[0][c] - v[1][c] - v[2][c], v[3][c] - v[4][c], "cell %zu", c);
            cr_expect_eq(v[5][c] + v[6][c], v[3][c], "cell %zu", c);
        }
    }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static int contains_nocase(const char *s, const char *word)
{
    size_t m = strlen(word);
    for (; *s; s++) {
        size_t k = 0;
        while (k < m && s[k] && tolower((unsigned char)s[k]) == tolower((unsigned char)word[k]))
            k++;
        if (k == m)
            return 1;
    }
    return 0;
}

Test(indicators, descriptions_are_finished_sentences)
{
    for (size_t i = 0; i < ts_indicator_count; i++) {
        const ts_indicator_def *d = &ts_indicator_defs[i];
        cr_expect(!ends_with(d->description, ",") && !ends_with(d->description, ", "),
                  "%s: description ends in a comma: \"%s\"", d->name, d->description);
        cr_expect(ends_with(d->description, "."), "%s: description does not end in a full stop: \"%s\"", d->name,
                  d->description);
        cr_expect(strstr(d->description, ", ;") == NULL && strstr(d->description, ", (") == NULL &&
                      strstr(d->description, ",,") == NULL,
                  "%s: a phrase left open: \"%s\"", d->name, d->description);
    }
}

Test(indicators, level_variants_name_their_level)
{
    for (size_t i = 0; i < ts_indicator_count; i++) {
        const ts_indicator_def *d = &ts_indicator_defs[i];
        if (ends_with(d->name, "_primary"))
            cr_expect(contains_nocase(d->long_name, "primary") || strstr(d->long_name, "小学"),
                      "%s: long name \"%s\" does not say primary", d->name, d->long_name);
        if (ends_with(d->name, "_junior"))
            cr_expect(contains_nocase(d->long_name, "junior") || strstr(d->long_name, "初中"),
                      "%s: long name \"%s\" does not say junior", d->name, d->long_name);
    }
}

/* Units: never empty; a dimensionless value is "1" (CF, docs/results-file.md),
 * which the summary prints as "share". */
Test(indicators, every_indicator_has_units)
{
    for (size_t i = 0; i < ts_indicator_count; i++) {
        const ts_indicator_def *d = &ts_indicator_defs[i];
        cr_expect(d->units && d->units[0] && !isspace((unsigned char)d->units[0]), "%s: no units", d->name);
        cr_expect(d->long_name && d->long_name[0], "%s: no long name", d->name);
    }
}
