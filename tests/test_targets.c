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
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    op: \"<\"\n    valu: 1\n",
                 "t.yaml:8:5: targets[0].valu: unknown key (a target has name, indicator, region, by_year, in_year, "
                 "op, value, counties) (did you mean value?)");
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    op: \"<\"\n",
                 "t.yaml:4:5: targets[0].value: required key missing");
    expect_error("  - name: a\n    indicator: qb_pass\n    op: \"<\"\n    value: 1\n",
                 "t.yaml:4:5: targets[0].by_year: required key missing (give by_year: the condition holds in some "
                 "year up to it, or in_year: it holds in that year)");
    expect_error("  - name: a\n    indicator: qb_pass\n    by_year: 2025\n    in_year: 2025\n    op: \"<\"\n"
                 "    value: 1\n",
                 "t.yaml:7:5: targets[0].in_year: expected either by_year or in_year, found both");
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
