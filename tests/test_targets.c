/*
 * test_targets.c: scenario targets (targets.h, scenario_targets.c). The
 * Wilson interval against values worked out from its formula; whether a
 * replication meets a target, on hand-made results where every answer is
 * known; the loader's messages; the resolved YAML; targets of the same name
 * lining up across scenarios; the group targets/ in the file.
 */
#include <criterion/criterion.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "record/indicators.h"
#include "teachsim/run.h"
#include "targets.h"

/* ---- Wilson score interval ---------------------------------------------------- */

/*
 * lower, upper = (p + z²/2n ∓ z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), with
 * z = 1.959963984540054, z² = 3.841458820694124:
 *   0 of 10:  p = 0, the root is z²/2n, so lower = 0 and upper = z²/(n + z²)
 *             = 3.841458820694124 / 13.841458820694124 = 0.27753279986288917
 *   10 of 10: by symmetry lower = n/(n + z²) = 10 / 13.841458820694124
 *             = 0.72246720013711083, upper = 1
 *   5 of 10:  centre 0.5 + 0.19207294103470620 = 0.69207294103470620, half
 *             1.959963984540054 x sqrt(0.025 + 0.0096036470517353) = 0.36459981945765030,
 *             over 1.3841458820694124: 0.23659309051256400, 0.76340690948743600
 *   90 of 100: centre 0.9 + 0.019207294103470620, half 1.959963984540054 x
 *             sqrt(0.0009 + 0.000096036470517353) = 0.061856744..., over 1.03841458820694124:
 *             0.82563433849508660, 0.94477086293932490
 */
Test(targets, wilson_interval_known_values)
{
    static const struct {
        long k, n;
        double lower, upper;
    } cases[] = {{0, 10, 0.0, 0.27753279986288917},
                 {10, 10, 0.72246720013711083, 1.0},
                 {5, 10, 0.23659309051256400, 0.76340690948743600},
                 {90, 100, 0.82563433849508660, 0.94477086293932490}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo, hi;
        ts_targets_wilson(cases[i].k, cases[i].n, TS_WILSON_Z95, &lo, &hi);
        cr_expect(fabs(lo - cases[i].lower) < 1e-14, "%ld of %ld: lower %.17g, expected %.17g", cases[i].k, cases[i].n,
                  lo, cases[i].lower);
        cr_expect(fabs(hi - cases[i].upper) < 1e-14, "%ld of %ld: upper %.17g, expected %.17g", cases[i].k, cases[i].n,
                  hi, cases[i].upper);
    }
    double lo, hi;
    ts_targets_wilson(0, 10, TS_WILSON_Z95, &lo, &hi);
    cr_expect_eq(lo, 0.0, "exactly 0 at 0 of n");
    ts_targets_wilson(10, 10, TS_WILSON_Z95, &lo, &hi);
    cr_expect_eq(hi, 1.0, "exactly 1 at n of n");
    ts_targets_wilson(0, 0, TS_WILSON_Z95, &lo, &hi);
    cr_expect(isnan(lo) && isnan(hi), "nothing evaluated: no interval");
}

/* ---- outcomes on hand-made results ---------------------------------------------- */

static const ts_indicator_def defs[] = {
    {"x", TS_VALUE_COUNT, "things", "X", "A count."},
    {"y", TS_VALUE_REAL, "1", "Y", "A share, NaN in county a."},
};

/*
 * One scenario, one replication, 2021-2025, counties a and b and ALL:
 *          2021 2022 2023 2024 2025
 *   x a       0    1    0    0    1
 *   x b       0    0    0    1    0
 *   x ALL     0    1    0    1    1
 *   y a     NaN  NaN  NaN  NaN  NaN
 *   y b     0.1  0.2  0.3  0.4  0.5
 */
static void hand_made(ts_results *res)
{
    ts_error err = {0};
    cr_assert_eq(ts_results_alloc(res, 1, 1, 5, 3, defs, 2, 2021, &err), TS_OK, "%s", err.message);
    res->labels.scenario_names[0] = strdup("s");
    res->labels.scenario_yaml[0] = strdup("");
    const char *codes[3] = {"a", "b", "ALL"};
    for (int g = 0; g < 3; g++) {
        res->labels.region_codes[g] = strdup(codes[g]);
        res->labels.region_names_zh[g] = strdup("");
    }
    static const double x[5][3] = {{0, 0, 0}, {1, 0, 1}, {0, 0, 0}, {0, 1, 1}, {1, 0, 1}};
    for (int y = 0; y < 5; y++)
        for (int g = 0; g < 3; g++) {
            ts_results_block(res, 0, 0, 0)[y * 3 + g] = x[y][g];
            ts_results_block(res, 1, 0, 0)[y * 3 + g] = g == 0 ? NAN : 0.1 * (y + 1);
        }
}

static ts_target make(const char *indicator, const char *region, int by, int year, ts_target_op op, double value,
                      int counties)
{
    ts_target t;
    memset(&t, 0, sizeof t);
    strcpy(t.name, "t");
    strcpy(t.indicator, indicator);
    strcpy(t.region, region);
    t.by_year = by;
    t.year = year;
    t.op = op;
    t.value = value;
    t.counties = counties;
    return t;
}

static void expect_outcome(const ts_results *res, ts_target t, int met, int year_met)
{
    int32_t first;
    char words[256];
    ts_targets_describe(&t, words, sizeof words);
    int got = ts_targets_outcome(&t, res, 0, 0, &first);
    cr_expect_eq(got, met, "%s: outcome %d, expected %d", words, got, met);
    cr_expect_eq(first, year_met, "%s: year met %d, expected %d", words, (int)first, year_met);
}

Test(targets, outcomes_by_year_in_year_each_county)
{
    ts_results res = {0};
    hand_made(&res);
    /* each county in a year of its own: a in 2022, b in 2024 */
    expect_outcome(&res, make("x", "each_county", 1, 2024, TS_TARGET_GE, 1, 0), 1, 2024);
    expect_outcome(&res, make("x", "each_county", 1, 2023, TS_TARGET_GE, 1, 0), 0, 2024);
    /* in_year counts the counties of that year: only b in 2024; never both in one year */
    expect_outcome(&res, make("x", "each_county", 0, 2024, TS_TARGET_GE, 1, 0), 0, -1);
    expect_outcome(&res, make("x", "each_county", 0, 2024, TS_TARGET_GE, 1, 1), 1, 2022);
    expect_outcome(&res, make("x", "each_county", 0, 2023, TS_TARGET_GE, 1, 1), 0, 2022);
    /* more counties than there are: never met */
    expect_outcome(&res, make("x", "each_county", 1, 2025, TS_TARGET_GE, 1, 3), 0, -1);
    /* one region */
    expect_outcome(&res, make("x", "ALL", 0, 2023, TS_TARGET_GE, 1, 0), 0, 2022);
    expect_outcome(&res, make("x", "ALL", 1, 2023, TS_TARGET_GE, 1, 0), 1, 2022);
    expect_outcome(&res, make("x", "ALL", 1, 2021, TS_TARGET_GE, 1, 0), 0, 2022);
    expect_outcome(&res, make("x", "b", 0, 2024, TS_TARGET_EQ, 1, 0), 1, 2024);
    expect_outcome(&res, make("x", "a", 1, 2021, TS_TARGET_LT, 1, 0), 1, 2021);
    expect_outcome(&res, make("x", "a", 0, 2022, TS_TARGET_LE, 0, 0), 0, 2021);
    expect_outcome(&res, make("x", "ALL", 0, 2025, TS_TARGET_GT, 0.5, 0), 1, 2022);
    /* NaN never meets a condition, whatever the comparison */
    expect_outcome(&res, make("y", "a", 1, 2025, TS_TARGET_LE, 100, 0), 0, -1);
    expect_outcome(&res, make("y", "a", 1, 2025, TS_TARGET_GE, -100, 0), 0, -1);
    expect_outcome(&res, make("y", "b", 1, 2025, TS_TARGET_GT, 0.35, 0), 1, 2024);
    expect_outcome(&res, make("y", "each_county", 1, 2025, TS_TARGET_GT, 0.35, 0), 0, -1);
    /* not evaluated: year outside the results, unknown indicator or region; the first year is still given */
    expect_outcome(&res, make("x", "a", 0, 2026, TS_TARGET_GE, 1, 0), -1, 2022);
    expect_outcome(&res, make("x", "a", 1, 2020, TS_TARGET_GE, 1, 0), -1, 2022);
    expect_outcome(&res, make("teachers", "a", 1, 2025, TS_TARGET_GE, 1, 0), -1, -1);
    expect_outcome(&res, make("x", "c", 1, 2025, TS_TARGET_GE, 1, 0), -1, -1);
    ts_results_free(&res);
}

Test(targets, described_in_words)
{
    char words[256];
    ts_target t = make("qb_pass", "each_county", 1, 2025, TS_TARGET_GE, 1, 0);
    ts_targets_describe(&t, words, sizeof words);
    cr_expect_str_eq(words, "qb_pass >= 1 in every county by 2025");
    t = make("qb_pass", "each_county", 1, 2022, TS_TARGET_GE, 1, 3);
    ts_targets_describe(&t, words, sizeof words);
    cr_expect_str_eq(words, "qb_pass >= 1 in at least 3 counties by 2022");
    t = make("rural_share_age_50plus", "shaoshan", 0, 2030, TS_TARGET_LT, 0.385, 0);
    ts_targets_describe(&t, words, sizeof words);
    cr_expect_str_eq(words, "rural_share_age_50plus < 0.385 in shaoshan in 2030");
}

/* ---- every year, and subjects --------------------------------------------------- */

static const ts_indicator_def cost_defs[] = {
    {"cost_total", TS_VALUE_REAL, "yuan", "Total cost", "A cost."},
    {"subjects/rural_vacancies/music", TS_VALUE_COUNT, "posts", "Music", "Rural music vacancies."},
    {"subjects/rural_vacancies/pe", TS_VALUE_COUNT, "posts", "PE", "Rural PE vacancies."},
    {"subjects/rural_vacancies/art", TS_VALUE_COUNT, "posts", "Art", "Rural art vacancies."},
    {"subjects/rural_vacancies/maths", TS_VALUE_COUNT, "posts", "Maths", "Rural maths vacancies."},
};

/*
 * One scenario, one replication, 2021-2025, counties a and b and ALL:
 *                      2021 2022 2023 2024 2025
 *   cost_total a         90   95   99  105   90
 *   cost_total b         80   99  101   90   90
 *   cost_total ALL      170  194  200  195  180
 *   music a / b        1/1  1/0  0/0  0/0  0/0
 *   pe a / b           0/1  1/1  1/0  0/0  0/0
 *   art a / b          0/0  0/0  0/1  0/0  0/1
 *   maths a / b        5/3 every year (not among the target's subjects)
 * so music+pe+art is a 1 2 1 0 0, b 2 1 1 0 1, ALL 3 3 2 0 1.
 */
static void hand_made_costs(ts_results *res)
{
    ts_error err = {0};
    cr_assert_eq(ts_results_alloc(res, 1, 1, 5, 3, cost_defs, 5, 2021, &err), TS_OK, "%s", err.message);
    res->labels.scenario_names[0] = strdup("s");
    res->labels.scenario_yaml[0] = strdup("");
    const char *codes[3] = {"a", "b", "ALL"};
    for (int g = 0; g < 3; g++) {
        res->labels.region_codes[g] = strdup(codes[g]);
        res->labels.region_names_zh[g] = strdup("");
    }
    static const double cost[5][2] = {{90, 80}, {95, 99}, {99, 101}, {105, 90}, {90, 90}};
    static const double music[5][2] = {{1, 1}, {1, 0}, {0, 0}, {0, 0}, {0, 0}};
    static const double pe[5][2] = {{0, 1}, {1, 1}, {1, 0}, {0, 0}, {0, 0}};
    static const double art[5][2] = {{0, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 1}};
    static const double maths[2] = {5, 3};
    for (int y = 0; y < 5; y++) {
        for (int g = 0; g < 2; g++) {
            ts_results_block(res, 0, 0, 0)[y * 3 + g] = cost[y][g];
            ts_results_block(res, 1, 0, 0)[y * 3 + g] = music[y][g];
            ts_results_block(res, 2, 0, 0)[y * 3 + g] = pe[y][g];
            ts_results_block(res, 3, 0, 0)[y * 3 + g] = art[y][g];
            ts_results_block(res, 4, 0, 0)[y * 3 + g] = maths[g];
        }
        for (int i = 0; i < 5; i++)
            ts_results_block(res, (size_t)i, 0, 0)[y * 3 + 2] =
                ts_results_block(res, (size_t)i, 0, 0)[y * 3] + ts_results_block(res, (size_t)i, 0, 0)[y * 3 + 1];
    }
}

static ts_target every_year(const char *region, int year, ts_target_op op, double value, int counties)
{
    ts_target t = make("cost_total", region, 0, year, op, value, counties);
    t.every_year = 1;
    return t;
}

static ts_target music_pe_art(const char *region, int by, int year, double value)
{
    ts_target t = make("rural_vacancies", region, by, year, TS_TARGET_LE, value, 0);
    t.subjects = 1 << TS_SUBJECT_MUSIC | 1 << TS_SUBJECT_PE | 1 << TS_SUBJECT_ART;
    return t;
}

Test(targets, every_year_to_and_subjects_on_hand_made_results)
{
    ts_results res = {0};
    hand_made_costs(&res);
    /* a stays within 100 through 2023 and not in 2024: a later good year does not mend it */
    expect_outcome(&res, every_year("a", 2023, TS_TARGET_LE, 100, 0), 1, 2021);
    expect_outcome(&res, every_year("a", 2024, TS_TARGET_LE, 100, 0), 0, 2021);
    expect_outcome(&res, every_year("a", 2025, TS_TARGET_LE, 100, 0), 0, 2021);
    expect_outcome(&res, every_year("b", 2022, TS_TARGET_LE, 100, 0), 1, 2021);
    expect_outcome(&res, every_year("b", 2023, TS_TARGET_LE, 100, 0), 0, 2021);
    /* ALL within a budget of 200 each year; under 170 fails from the first year */
    expect_outcome(&res, every_year("ALL", 2025, TS_TARGET_LE, 200, 0), 1, 2021);
    expect_outcome(&res, every_year("ALL", 2025, TS_TARGET_LT, 200, 0), 0, 2021);
    expect_outcome(&res, every_year("ALL", 2021, TS_TARGET_LT, 170, 0), 0, -1);
    /* each_county: both counties in each year through 2022; one county in every year */
    expect_outcome(&res, every_year("each_county", 2022, TS_TARGET_LE, 100, 0), 1, 2021);
    expect_outcome(&res, every_year("each_county", 2023, TS_TARGET_LE, 100, 0), 0, 2021);
    expect_outcome(&res, every_year("each_county", 2025, TS_TARGET_LE, 100, 1), 1, 2021);
    expect_outcome(&res, every_year("a", 2026, TS_TARGET_LE, 1000, 0), -1, 2021);

    /* "no music/PE/art vacancy in any rural school by 2024": the three rows
     * summed, maths left out (with it the sum is never 0) */
    expect_outcome(&res, music_pe_art("each_county", 1, 2024, 0), 1, 2024);
    expect_outcome(&res, music_pe_art("each_county", 1, 2023, 0), 0, 2024);
    expect_outcome(&res, music_pe_art("each_county", 0, 2025, 0), 0, 2024);
    expect_outcome(&res, music_pe_art("ALL", 0, 2024, 0), 1, 2024);
    expect_outcome(&res, music_pe_art("ALL", 0, 2022, 2), 0, 2023);
    expect_outcome(&res, music_pe_art("b", 1, 2022, 1), 1, 2022);
    ts_target t = music_pe_art("a", 0, 2021, 2);
    t.subjects |= 1 << TS_SUBJECT_MATHS;
    expect_outcome(&res, t, 0, -1);
    /* a subject and every year: music in a at most 1 in every year */
    t = make("rural_vacancies", "a", 0, 2025, TS_TARGET_LE, 1, 0);
    t.subjects = 1 << TS_SUBJECT_MUSIC;
    t.every_year = 1;
    expect_outcome(&res, t, 1, 2021);
    /* a subject whose row the results lack: not evaluated */
    t.subjects = 1 << TS_SUBJECT_CHINESE;
    expect_outcome(&res, t, -1, -1);

    char words[256];
    t = music_pe_art("each_county", 1, 2027, 0);
    ts_targets_describe(&t, words, sizeof words);
    cr_expect_str_eq(words, "rural_vacancies[pe+music+art] <= 0 in every county by 2027");
    t = every_year("ALL", 2035, TS_TARGET_LE, 2.5e9, 0);
    ts_targets_describe(&t, words, sizeof words);
    cr_expect_str_eq(words, "cost_total <= 2500000000 in ALL in every year to 2035");
    ts_results_free(&res);
}

Test(targets, every_year_to_and_subject_read_and_write_back)
{
    const char *text = "name: t\nextends: xiangtan-baseline\ntargets:\n"
                       "  - {name: budget, indicator: cost_total, every_year_to: 2035, op: \"<=\", value: 2.5e9}\n"
                       "  - {name: arts, indicator: rural_vacancies, subject: [music, pe, art], region: each_county,"
                       " by_year: 2027, op: \"<=\", value: 0}\n"
                       "  - {name: need, indicator: specialist_need, subject: science, in_year: 2030, op: \"<\","
                       " value: 3}\n";
    ts_scenario sc, back;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_text(&sc, text, strlen(text), "t.yaml", &err), TS_OK, "%s", err.message);
    cr_assert_eq(sc.targets.n, 3);
    cr_expect_eq(sc.targets.item[0].every_year, 1);
    cr_expect_eq(sc.targets.item[0].by_year, 0);
    cr_expect_eq(sc.targets.item[0].year, 2035);
    cr_expect_eq(sc.targets.item[0].subjects, 0);
    cr_expect_eq(sc.targets.item[1].subjects, 1 << TS_SUBJECT_MUSIC | 1 << TS_SUBJECT_PE | 1 << TS_SUBJECT_ART);
    cr_expect_eq(sc.targets.item[1].by_year, 1);
    cr_expect_eq(sc.targets.item[2].subjects, 1 << TS_SUBJECT_SCIENCE);
    char *yaml = ts_scenario_to_yaml(&sc);
    cr_assert_not_null(yaml);
    cr_expect_not_null(strstr(yaml, "    subject: [pe, music, art]\n    by_year: 2027\n"), "%s", yaml);
    cr_expect_not_null(strstr(yaml, "    every_year_to: 2035\n"), "%s", yaml);
    cr_assert_eq(ts_scenario_load_text(&back, yaml, strlen(yaml), "resolved.yaml", &err), TS_OK, "%s", err.message);
    cr_expect_eq(memcmp(&back.targets, &sc.targets, sizeof sc.targets), 0, "the list differs after a round trip");
    free(yaml);
    ts_scenario_free(&back);
    ts_scenario_free(&sc);
}

/* ---- the loader ------------------------------------------------------------------ */

static ts_status load(const char *text, ts_scenario *sc, ts_error *err)
{
    return ts_scenario_load_text(sc, text, strlen(text), "t.yaml", err);
}

#define HEAD "name: t\nextends: xiangtan-baseline\ntargets:\n"

static void expect_error(const char *targets, const char *message)
{
    char text[2048];
    snprintf(text, sizeof text, HEAD "%s", targets);
    ts_scenario sc;
    ts_error err = {0};
    cr_expect_eq(load(text, &sc, &err), TS_ERR_INPUT, "accepted:\n%s", text);
    cr_expect_str_eq(err.message, message);
}

Test(targets, loader_messages_name_file_line_column_and_key_path)
{
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    op: \"=>\"\n    value: 1\n",
                 "t.yaml:7:9: targets[0].op: expected one of \">=\", \">\", \"<=\", \"<\", \"==\" (quoted), "
                 "found \"=>\"");
    expect_error(
        "  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    op: \"<\"\n    valu: 1\n",
        "t.yaml:8:5: targets[0].valu: unknown key (a target has name, indicator, subject, school, region, by_year, "
        "in_year, every_year_to, op, value, counties) (did you mean value?)");
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    op: \"<\"\n",
                 "t.yaml:4:5: targets[0].value: required key missing");
    expect_error("  - name: a\n    indicator: qb_pass\n    op: \"<\"\n    value: 1\n",
                 "t.yaml:4:5: targets[0].by_year: required key missing (give by_year: the condition holds in some "
                 "year up to it, in_year: it holds in that year, or every_year_to: it holds in every year from the "
                 "start up to it)");
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    in_year: 2025\n    op: \"<\"\n"
                 "    value: 1\n",
                 "t.yaml:7:5: targets[0].in_year: expected one of by_year, in_year and every_year_to, found both "
                 "by_year and in_year");
    expect_error("  - name: a\n    indicator: cost_total\n    every_year_to: 2030\n    by_year: 2025\n    op: \"<\"\n"
                 "    value: 1\n",
                 "t.yaml:7:5: targets[0].by_year: expected one of by_year, in_year and every_year_to, found both "
                 "every_year_to and by_year");
    expect_error("  - name: a\n    indicator: teachers\n    subject: music\n    by_year: 2025\n    op: \"<\"\n"
                 "    value: 1\n",
                 "t.yaml:5:16: targets[0].indicator: expected, with subject:, an indicator with rows by subject "
                 "(requirement, posts_held, vacancies, rural_vacancies, surplus, out_of_field_posts, "
                 "specialist_need, hires, leavers, retirements), found \"teachers\", which has none");
    expect_error("  - name: a\n    indicator: vacancies\n    subject: [music, drama]\n    by_year: 2025\n    op: "
                 "\"<\"\n    value: 1\n",
                 "t.yaml:6:22: targets[0].subject: expected a subject code (chinese, maths, english, science, pe, "
                 "music, art, other) or a list of them, found \"drama\"");
    expect_error("  - name: a\n    indicator: vacancies\n    subject: [pe, pe]\n    by_year: 2025\n    op: "
                 "\"<\"\n    value: 1\n",
                 "t.yaml:6:19: targets[0].subject: expected each subject once, found \"pe\"");
    expect_error("  - name: a\n    indicator: vacancies\n    subject: []\n    by_year: 2025\n    op: "
                 "\"<\"\n    value: 1\n",
                 "t.yaml:6:14: targets[0].subject: expected a subject code (chinese, maths, english, science, pe, "
                 "music, art, other) or a list of them, found an empty sequence");
    expect_error("  - name: a\n    indicator: qb_passes\n    by_year: 2025\n    op: \"<\"\n    value: 1\n",
                 "t.yaml:5:16: targets[0].indicator: expected an indicator of docs/indicators.md (`teachsim reference "
                 "indicators`), found \"qb_passes\" (did you mean qb_pass?)");
    expect_error("  - name: a\n    indicator: qb_pass\n    region: xiangtan\n    by_year: 2025\n    op: \"<\"\n    "
                 "value: 1\n",
                 "t.yaml:6:13: targets[0].region: expected ALL, each_county or a region code of population.regions, "
                 "found \"xiangtan\"; a region is named by its code or its Chinese name: ALL (全部), each_county "
                 "(各县), xiangtan_county (湘潭县), xiangxiang (湘乡市), shaoshan (韶山市), yuhu (雨湖区), yuetang "
                 "(岳塘区)");
    expect_error("  - name: a\n    indicator: qb_pass\n    region: 湘潭\n    by_year: 2025\n    op: \"<\"\n    "
                 "value: 1\n",
                 "t.yaml:6:13: targets[0].region: expected ALL, each_county or a region code of population.regions, "
                 "found \"湘潭\"; a region is named by its code or its Chinese name: ALL (全部), each_county (各县), "
                 "xiangtan_county (湘潭县), xiangxiang (湘乡市), shaoshan (韶山市), yuhu (雨湖区), yuetang (岳塘区)");
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025.5\n    op: \"<\"\n    value: 1\n",
                 "t.yaml:6:14: targets[0].by_year: expected an integer year in [2000, 2099], found 2025.5");
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    op: \"<\"\n    value: many\n",
                 "t.yaml:8:12: targets[0].value: expected a number, found \"many\"");
    expect_error("  - name: a\n    indicator: qb_pass\n    counties: 2\n    by_year: 2025\n    op: \"<\"\n"
                 "    value: 1\n",
                 "t.yaml:6:15: targets[0].counties: expected counties only with region: each_county, found region "
                 "ALL");
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    op: \"<\"\n    value: 1\n"
                 "  - name: a\n    indicator: teachers\n    in_year: 2030\n    op: \">\"\n    value: 1\n",
                 "t.yaml:9:11: targets[1].name: expected a name no other target uses, found \"a\" (also "
                 "targets[0].name)");
    expect_error("  - name: \"a b\"\n    indicator: qb_pass\n    by_year: 2025\n    op: \"<\"\n    value: 1\n",
                 "t.yaml:4:11: targets[0].name: expected a name of letters, digits, '.', '_' and '-', found \"a b\"");
    expect_error("  name: a\n", "t.yaml:4:3: targets: expected a sequence of at most 32 targets, found a mapping");
    expect_error("  - qb_pass\n", "t.yaml:4:5: targets[0]: expected a mapping of target keys (name, indicator, region, "
                                  "by_year or in_year, op, value), found \"qb_pass\"");
}

/* A region is named by its code or its Chinese name, and the scenario keeps
 * the code: 湘潭县 is xiangtan_county, 全部 is ALL and 各县 is each_county. */
Test(targets, regions_by_chinese_name_are_stored_as_codes)
{
    static const char *const given[][2] = {{"湘潭县", "xiangtan_county"},
                                           {"xiangtan_county", "xiangtan_county"},
                                           {"韶山市", "shaoshan"},
                                           {"全部", "ALL"},
                                           {"ALL", "ALL"},
                                           {"各县", "each_county"}};
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 HEAD "  - name: a\n    indicator: qb_pass\n    region: %s\n    by_year: 2025\n    op: \">=\"\n"
                      "    value: 1\n",
                 given[i][0]);
        ts_scenario sc;
        ts_error err = {0};
        cr_assert_eq(load(text, &sc, &err), TS_OK, "region %s: %s", given[i][0], err.message);
        cr_expect_str_eq(sc.targets.item[0].region, given[i][1], "region %s", given[i][0]);
        ts_scenario_free(&sc);
    }
}

Test(targets, resolved_yaml_reads_back_the_same_list_and_children_replace_it)
{
    ts_scenario base, back, child;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&base, &err), TS_OK, "%s", err.message);
    cr_assert_geq(base.targets.n, 4, "the baseline carries the plan's targets");
    char *yaml = ts_scenario_to_yaml(&base);
    cr_assert_not_null(yaml);
    cr_assert_not_null(strstr(yaml, "targets:\n  - name: \"all_counties_pass_by_2025\"\n"), "%s", yaml);
    cr_assert_eq(ts_scenario_load_text(&back, yaml, strlen(yaml), "resolved.yaml", &err), TS_OK, "%s", err.message);
    cr_expect_eq(memcmp(&back.targets, &base.targets, sizeof base.targets), 0, "the list differs after a round trip");
    const char *clear = "name: none\nextends: xiangtan-baseline\ntargets: []\n";
    cr_assert_eq(ts_scenario_load_text(&child, clear, strlen(clear), "c.yaml", &err), TS_OK, "%s", err.message);
    cr_expect_eq(child.targets.n, 0, "targets: [] clears the parent's list");
    ts_scenario_free(&child);
    const char *one = HEAD "  - {name: mine, indicator: vacancies, in_year: 2030, op: \"<=\", value: 2.385}\n";
    cr_assert_eq(ts_scenario_load_text(&child, one, strlen(one), "c.yaml", &err), TS_OK, "%s", err.message);
    cr_expect_eq(child.targets.n, 1, "a child's list replaces the parent's whole");
    cr_expect_str_eq(child.targets.item[0].name, "mine");
    cr_expect_str_eq(child.targets.item[0].region, "ALL", "the default region");
    cr_expect_eq(child.targets.item[0].value, 2.385);
    cr_expect_eq(child.targets.item[0].op, TS_TARGET_LE);
    free(yaml);
    ts_scenario_free(&child);
    ts_scenario_free(&back);
    ts_scenario_free(&base);
}

/* ---- a run: names line up across scenarios; the file ---------------------------- */

static void add(ts_scenario *sc, const char *name, const char *indicator, const char *region, int by, int year,
                ts_target_op op, double value)
{
    ts_target t = make(indicator, region, by, year, op, value, 0);
    strcpy(t.name, name);
    sc->targets.item[sc->targets.n++] = t;
}

Test(targets, same_names_line_up_across_scenarios_and_the_file_holds_them)
{
    ts_scenario sc[2];
    ts_error err = {0};
    for (int s = 0; s < 2; s++) {
        cr_assert_eq(ts_scenario_load_builtin(&sc[s], &err), TS_OK, "%s", err.message);
        sc[s].horizon.end_year = 2024;
        memset(&sc[s].targets, 0, sizeof sc[s].targets);
    }
    strcpy(sc[1].name, "other");
    add(&sc[0], "t1", "teachers", "ALL", 0, 2023, TS_TARGET_GT, 0);
    add(&sc[0], "t2", "vacancies", "each_county", 1, 2024, TS_TARGET_LE, 5);
    add(&sc[1], "t2", "vacancies", "each_county", 1, 2024, TS_TARGET_LE, 5);
    add(&sc[1], "t3", "rural_share_age_50plus", "shaoshan", 0, 2030, TS_TARGET_LT, 0.4); /* after the horizon */
    ts_results res = {0};
    ts_run_options opt = {.seed = 77, .replications = 7, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 2, &opt, &res, &err), TS_OK, "%s", err.message);
    cr_assert_eq(res.targets.n, 3);
    cr_expect_str_eq(res.targets.names[0], "t1");
    cr_expect_str_eq(res.targets.names[1], "t2");
    cr_expect_str_eq(res.targets.names[2], "t3");
    const size_t S = 2, R = 7;
    cr_expect_str_eq(res.targets.definitions[0 * S + 1], "", "scenario other has no t1");
    cr_expect_str_eq(res.targets.definitions[1 * S + 0], "vacancies <= 5 in every county by 2024");
    for (size_t r = 0; r < R; r++) {
        cr_expect_eq(res.targets.met[(0 * S + 0) * R + r], 1, "every replication has teachers");
        cr_expect_eq(res.targets.met[(0 * S + 1) * R + r], -1, "t1 is not other's");
        cr_expect_eq(res.targets.met[(2 * S + 0) * R + r], -1, "t3 is not the baseline's");
        cr_expect_eq(res.targets.met[(2 * S + 1) * R + r], -1, "2030 is outside the horizon");
        cr_expect_eq(res.targets.met[(1 * S + 0) * R + r],
                     ts_targets_outcome(&sc[0].targets.item[1], &res, 0, r, NULL));
    }
    int64_t k, n;
    double lo, hi, p = ts_targets_probability(&res, 0, 0, &k, &n, &lo, &hi);
    cr_expect_eq(p, 1.0);
    cr_expect_eq(k, 7);
    cr_expect_eq(n, 7);
    p = ts_targets_probability(&res, 0, 1, &k, &n, &lo, &hi);
    cr_expect(isnan(p) && n == 0 && isnan(lo));

    char path[512];
    snprintf(path, sizeof path, "%s/targets.h5", ts_test_tmpdir());
    cr_assert_eq(ts_results_write_h5(&res, path, 1, NULL, &err), TS_OK, "%s", err.message);
    /* (scenario, target) in the file */
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t dset = H5Dopen2(file, "targets/probability", H5P_DEFAULT);
    double prob[6];
    cr_assert_geq(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, prob), 0);
    H5Dclose(dset);
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < 3; t++) {
            double want = ts_targets_probability(&res, t, s, NULL, NULL, &lo, &hi);
            cr_expect(prob[s * 3 + t] == want || (isnan(want) && isnan(prob[s * 3 + t])), "probability (%zu, %zu)", s,
                      t);
        }
    signed char met[2 * 3 * 7];
    dset = H5Dopen2(file, "targets/met", H5P_DEFAULT);
    cr_assert_geq(H5Dread(dset, H5T_NATIVE_SCHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, met), 0);
    H5Dclose(dset);
    H5Fclose(file);
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < 3; t++)
            for (size_t r = 0; r < R; r++)
                cr_expect_eq(met[(s * 3 + t) * R + r], res.targets.met[(t * S + s) * R + r]);

    ts_results back = {0};
    cr_assert_eq(ts_results_read_h5(&back, path, ts_indicator_defs, ts_indicator_count, &err), TS_OK, "%s",
                 err.message);
    cr_assert_eq(back.targets.n, 3);
    cr_expect_str_eq(back.targets.names[2], "t3");
    cr_expect_str_eq(back.targets.definitions[1 * S + 1], "vacancies <= 5 in every county by 2024");
    cr_expect_eq(memcmp(back.targets.met, res.targets.met, 3 * S * R), 0);
    cr_expect_eq(memcmp(back.targets.year_met, res.targets.year_met, 3 * S * R * sizeof(int32_t)), 0);
    ts_results_free(&back);
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}
