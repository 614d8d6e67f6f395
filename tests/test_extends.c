/*
 * test_extends.c: scenarios that extend others (sim/input/scenario_extends.c).
 * Merge semantics (mappings merge key by key; a key's value, whether number,
 * list, births map, region list or distribution, is replaced whole), chains,
 * the built-in parent, and every error: cycles, depth, a missing parent, a
 * bad `extends` value, `name` required in every file, and messages about a
 * parent's values naming the parent's file and line.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support.h"
#include "teachsim/scenario.h"

static char dir[256];

static void setup(void)
{
    const char *d = ts_test_tmpdir();
    cr_assert_not_null(d);
    snprintf(dir, sizeof dir, "%s", d);
}

TestSuite(extends, .init = setup);

/* Write dir/name with text. */
static void put_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static ts_status load(const char *name, ts_scenario *sc, ts_error *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return ts_scenario_load_file(sc, path, err);
}

static void load_ok(const char *name, ts_scenario *sc)
{
    ts_error err = {0};
    cr_assert_eq(load(name, sc, &err), TS_OK, "%s", err.message);
}

/* The message of a failing load, which must be exactly `want` (with %1$s for dir). */
static void expect_error(const char *name, const char *want_fmt)
{
    ts_scenario sc;
    ts_error err = {0};
    char want[2048];
    snprintf(want, sizeof want, want_fmt, dir, dir, dir, dir);
    cr_assert_eq(load(name, &sc, &err), TS_ERR_INPUT, "loading %s should fail with: %s", name, want);
    cr_expect_str_eq(err.message, want);
}

static void baseline(ts_scenario *sc)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(sc, &err), TS_OK, "%s", err.message);
}

/* ---- merge semantics -------------------------------------------------------- */

Test(extends, child_of_builtin_changes_only_its_keys)
{
    put_file("child.yaml", "name: child\n"
                           "extends: xiangtan-baseline\n"
                           "leaving:\n"
                           "  rural_transfer_share: 0.385\n");
    ts_scenario sc, base;
    load_ok("child.yaml", &sc);
    baseline(&base);
    cr_expect_str_eq(sc.name, "child");
    cr_expect_eq(sc.leaving.rural_transfer_share, 0.385);
    /* everything else is the baseline's, the sibling keys of leaving too */
    cr_expect_eq(memcmp(sc.leaving.hazard, base.leaving.hazard, sizeof sc.leaving.hazard), 0);
    cr_expect_eq(sc.population.n_regions, base.population.n_regions);
    cr_expect_eq(memcmp(sc.population.regions, base.population.regions,
                        (size_t)sc.population.n_regions * sizeof *sc.population.regions),
                 0);
    cr_expect_eq(memcmp(&sc.enrolment, &base.enrolment, sizeof sc.enrolment), 0);
    cr_expect_str_eq(sc.description, base.description, "description is inherited like any other key");
    ts_scenario_free(&sc);
    ts_scenario_free(&base);
}

Test(extends, mappings_merge_recursively)
{
    put_file("parent.yaml", "name: parent\n"
                            "extends: xiangtan-baseline\n"
                            "leaving:\n"
                            "  rural_transfer_share: 0.415\n"
                            "  established:\n"
                            "    urban: [0.021, 0.013, 0.009, 0.011]\n");
    put_file("child.yaml", "name: child\n"
                           "extends: parent.yaml\n"
                           "leaving:\n"
                           "  established:\n"
                           "    rural: [0.095, 0.065, 0.035, 0.0175]\n");
    ts_scenario sc;
    load_ok("child.yaml", &sc);
    cr_expect_eq(sc.leaving.rural_transfer_share, 0.415, "the parent's sibling key survives");
    cr_expect_eq(sc.leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_URBAN][1], 0.013, "the parent's cousin key survives");
    cr_expect_eq(sc.leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_RURAL][3], 0.0175, "the child's key applies");
    ts_scenario_free(&sc);
}

Test(extends, lists_and_scalars_replace)
{
    put_file("child.yaml", "name: one-county\n"
                           "extends: xiangtan-baseline\n"
                           "horizon:\n"
                           "  end_year: 2027\n"
                           "recruitment:\n"
                           "  fill_probability: [0.9, 0.8, 0.55]\n"
                           "population:\n"
                           "  regions:\n"
                           "    - code: shaoshan\n"
                           "      population_10k: 10.35\n"
                           "      schools: [26, 6, 3]\n"
                           "      school_locality_share: [0.10, 0.40, 0.50]\n"
                           "      pupils_primary: 5600\n"
                           "      pupils_junior: 2800\n"
                           "      pupil_locality_share: [0.25, 0.45, 0.30]\n");
    ts_scenario sc;
    load_ok("child.yaml", &sc);
    cr_expect_eq(sc.horizon.end_year, 2027);
    cr_expect_eq(sc.horizon.start_year, 2021);
    cr_expect_eq(sc.recruitment.fill_probability[2], 0.55);
    cr_expect_eq(sc.population.n_regions, 1, "the region list is replaced, not merged");
    cr_expect_str_eq(sc.population.regions[0].code, "shaoshan");
    cr_expect_str_eq(sc.population.regions[0].name_zh, "", "a replaced region takes defaults, not the parent's");
    cr_expect_eq(sc.population.regions[0].temporary_share, 0.05);
    ts_scenario_free(&sc);
}

Test(extends, a_births_map_is_replaced_whole)
{
    /* A key's value is replaced whole even when it is a mapping: here the
     * years the child leaves out are missing, and the check says so at the
     * child's line. */
    put_file("child.yaml", "name: short-births\n"
                           "extends: xiangtan-baseline\n"
                           "enrolment:\n"
                           "  births:\n"
                           "    2015: 34630\n");
    expect_error("child.yaml", "%s/child.yaml:5:5: enrolment.births: expected births for every year from 2015 to "
                               "2029 (start_year - 6 to end_year - 6), found none for 2016");
}

Test(extends, a_distribution_replaces_the_parents_distribution)
{
    put_file("parent.yaml", "name: parent\n"
                            "extends: xiangtan-baseline\n"
                            "leaving:\n"
                            "  rural_transfer_share: {uniform: [0.4, 0.6]}\n");
    put_file("child.yaml", "name: child\n"
                           "extends: parent.yaml\n"
                           "leaving:\n"
                           "  rural_transfer_share: {normal: {mean: 0.45, sd: 0.02}}\n");
    put_file("plain.yaml", "name: plain\n"
                           "extends: parent.yaml\n"
                           "leaving:\n"
                           "  rural_transfer_share: 0.35\n");
    ts_scenario sc;
    load_ok("child.yaml", &sc);
    cr_assert_eq(sc.n_uncertain, 1);
    cr_expect_eq(sc.uncertain[0].dist, TS_DIST_NORMAL);
    cr_expect_float_eq(sc.leaving.rural_transfer_share, 0.45, 1e-12);
    ts_scenario_free(&sc);
    load_ok("plain.yaml", &sc);
    cr_expect_eq(sc.n_uncertain, 0, "a number in the child ends the parent's distribution");
    cr_expect_eq(sc.leaving.rural_transfer_share, 0.35);
    ts_scenario_free(&sc);
}

Test(extends, chains_apply_in_order)
{
    put_file("c.yaml", "name: c\nextends: xiangtan-baseline\nhorizon: {end_year: 2031}\n"
                       "retirement: {early_rate: 0.11}\ncareers: {sanming_multiplier: 1.7}\n");
    put_file("b.yaml", "name: b\nextends: c.yaml\nretirement: {early_rate: 0.12}\n");
    put_file("a.yaml", "name: a\nextends: ./b.yaml\ncareers: {sanming_multiplier: 2.5}\n");
    ts_scenario sc;
    load_ok("a.yaml", &sc);
    cr_expect_str_eq(sc.name, "a");
    cr_expect_eq(sc.horizon.end_year, 2031, "from the grandparent");
    cr_expect_eq(sc.retirement.early_rate, 0.12, "the parent overrides the grandparent");
    cr_expect_eq(sc.careers.sanming_multiplier, 2.5, "the child overrides both");
    ts_scenario_free(&sc);
}

Test(extends, parents_are_found_relative_to_the_file_that_names_them)
{
    char sub[512];
    snprintf(sub, sizeof sub, "%s/lib", dir);
    cr_assert_eq(mkdir(sub, 0755), 0);
    put_file("lib/base.yaml", "name: base\nextends: ../root.yaml\nhorizon: {end_year: 2029}\n");
    put_file("root.yaml", "name: root\nextends: xiangtan-baseline\nretirement: {early_rate: 0.2}\n");
    put_file("top.yaml", "name: top\nextends: lib/base.yaml\n");
    ts_scenario sc;
    load_ok("top.yaml", &sc);
    cr_expect_eq(sc.horizon.end_year, 2029);
    cr_expect_eq(sc.retirement.early_rate, 0.2);
    ts_scenario_free(&sc);
}

Test(extends, resolved_yaml_reads_back_to_the_same_scenario)
{
    put_file("child.yaml", "name: child\nextends: xiangtan-baseline\n"
                           "leaving: {rural_transfer_share: {triangular: [0.3, 0.45, 0.7]}}\n");
    ts_scenario sc, again;
    ts_error err = {0};
    load_ok("child.yaml", &sc);
    char *yaml = ts_scenario_to_yaml(&sc);
    cr_assert_not_null(yaml);
    cr_expect_null(strstr(yaml, "extends"), "the resolved scenario stands alone");
    cr_assert_eq(ts_scenario_load_text(&again, yaml, strlen(yaml), "resolved", &err), TS_OK, "%s", err.message);
    char *yaml2 = ts_scenario_to_yaml(&again);
    cr_expect_str_eq(yaml2, yaml);
    free(yaml);
    free(yaml2);
    ts_scenario_free(&sc);
    ts_scenario_free(&again);
}

/* ---- errors ----------------------------------------------------------------- */

Test(extends, a_cycle_names_the_chain)
{
    put_file("a.yaml", "name: a\nextends: b.yaml\n");
    put_file("b.yaml", "name: b\nextends: a.yaml\n");
    expect_error("a.yaml", "%1$s/b.yaml:2:10: extends: cycle %1$s/a.yaml -> %1$s/b.yaml -> %1$s/a.yaml");
    put_file("self.yaml", "name: self\n\nextends:   self.yaml\n");
    expect_error("self.yaml", "%1$s/self.yaml:3:12: extends: cycle %1$s/self.yaml -> %1$s/self.yaml");
}

Test(extends, a_cycle_through_another_path_to_the_same_file_is_found)
{
    put_file("a.yaml", "name: a\nextends: b.yaml\n");
    put_file("b.yaml", "name: b\nextends: ./a.yaml\n");
    expect_error("a.yaml", "%1$s/b.yaml:2:10: extends: cycle %1$s/a.yaml -> %1$s/b.yaml -> %1$s/./a.yaml");
}

Test(extends, chains_longer_than_sixteen_are_refused)
{
    char name[32], text[128];
    for (int i = 0; i < 17; i++) {
        snprintf(name, sizeof name, "s%d.yaml", i);
        if (i < 16)
            snprintf(text, sizeof text, "name: s%d\nextends: s%d.yaml\n", i, i + 1);
        else
            snprintf(text, sizeof text, "name: s%d\nextends: xiangtan-baseline\n", i);
        put_file(name, text);
    }
    ts_scenario sc;
    ts_error err = {0};
    cr_assert_eq(load("s0.yaml", &sc, &err), TS_ERR_INPUT);
    char want[1024];
    snprintf(want, sizeof want, "%s/s15.yaml:2:10: extends: more than 16 scenarios in one chain (%s/s0.yaml -> ", dir,
             dir);
    cr_expect_eq(strncmp(err.message, want, strlen(want)), 0, "%s", err.message);
    cr_expect_not_null(strstr(err.message, "s15.yaml -> "), "%s", err.message);
    /* sixteen are fine (s2 .. s16 and the built-in baseline); seventeen are not */
    load_ok("s2.yaml", &sc);
    cr_expect_str_eq(sc.name, "s2");
    ts_scenario_free(&sc);
    cr_expect_eq(load("s1.yaml", &sc, &err), TS_ERR_INPUT);
    ts_scenario_free(&sc);
}

Test(extends, a_missing_parent_names_the_childs_line)
{
    put_file("child.yaml", "# a comment\nname: child\nextends: nowhere.yaml\n");
    expect_error("child.yaml",
                 "%1$s/child.yaml:3:10: extends: %1$s/nowhere.yaml: cannot open scenario file: No such file or "
                 "directory");
    put_file("hint.yaml", "name: hint\nextends: xiangtan-baseline.yaml\n");
    expect_error("hint.yaml", "%1$s/hint.yaml:2:10: extends: %1$s/xiangtan-baseline.yaml: cannot open scenario "
                              "file: No such file or directory (the built-in baseline is `extends: "
                              "xiangtan-baseline`)");
}

Test(extends, a_bad_extends_value_is_refused)
{
    put_file("list.yaml", "name: list\nextends: [a.yaml, b.yaml]\n");
    expect_error("list.yaml", "%s/list.yaml:2:10: extends: expected the file name of a scenario (relative to this "
                              "file) or the name of a built-in scenario (xiangtan-baseline), found a sequence of 2 "
                              "items");
    put_file("empty.yaml", "name: empty\nextends:\n");
    expect_error("empty.yaml", "%s/empty.yaml:2:9: extends: expected the file name of a scenario (relative to this "
                               "file) or the name of a built-in scenario (xiangtan-baseline), found nothing");
    put_file("device.yaml", "name: device\nextends: /dev/null\n");
    expect_error("device.yaml", "%s/device.yaml:2:10: extends: /dev/null: not a regular file");
    put_file("nested.yaml", "name: nested\nextends: xiangtan-baseline\nleaving:\n  extends: x.yaml\n");
    expect_error("nested.yaml", "%s/nested.yaml:4:3: leaving.extends: unknown key");
}

Test(extends, name_is_required_in_every_file_of_a_chain)
{
    put_file("noname.yaml", "extends: xiangtan-baseline\nhorizon: {end_year: 2030}\n");
    expect_error("noname.yaml", "%s/noname.yaml: name: required key missing (every scenario names itself, even one "
                                "that extends another, so that results are labelled)");
    put_file("parent.yaml", "horizon: {end_year: 2030}\nextends: xiangtan-baseline\n");
    put_file("child.yaml", "name: child\nextends: parent.yaml\n");
    expect_error("child.yaml", "%s/parent.yaml: name: required key missing (every scenario names itself, even one "
                               "that extends another, so that results are labelled)");
    /* without extends the message is the usual one */
    put_file("plain.yaml", "horizon: {end_year: 2030}\n");
    expect_error("plain.yaml", "%s/plain.yaml: name: required key missing");
}

Test(extends, errors_in_a_parent_name_the_parents_file_and_line)
{
    put_file("parent.yaml", "name: parent\n"
                            "extends: xiangtan-baseline\n"
                            "leaving:\n"
                            "  rural_transfer_share: 1.5\n");
    put_file("child.yaml", "name: child\nextends: parent.yaml\nhorizon: {end_year: 2030}\n");
    expect_error("child.yaml",
                 "%s/parent.yaml:4:25: leaving.rural_transfer_share: expected a share in [0, 1], found 1.5");
    /* the child overriding the bad value repairs it */
    put_file("fixed.yaml", "name: fixed\nextends: parent.yaml\nleaving: {rural_transfer_share: 0.5}\n");
    ts_scenario sc;
    load_ok("fixed.yaml", &sc);
    ts_scenario_free(&sc);
    /* unknown keys, YAML syntax and cross-key checks in the parent too */
    put_file("typo.yaml", "name: typo\nextends: xiangtan-baseline\nhorizon:\n  sart_year: 2022\n");
    put_file("c2.yaml", "name: c2\nextends: typo.yaml\n");
    expect_error("c2.yaml", "%s/typo.yaml:4:3: horizon.sart_year: unknown key (did you mean horizon.start_year?)");
    put_file("broken.yaml", "name: broken\nextends: xiangtan-baseline\nhorizon: [\n");
    put_file("c3.yaml", "name: c3\nextends: broken.yaml\n");
    ts_scenario bad;
    ts_error err = {0};
    cr_assert_eq(load("c3.yaml", &bad, &err), TS_ERR_INPUT);
    char want[512];
    snprintf(want, sizeof want, "%s/broken.yaml:", dir);
    cr_expect_eq(strncmp(err.message, want, strlen(want)), 0, "%s", err.message);
    cr_expect_not_null(strstr(err.message, "not a valid YAML scenario"), "%s", err.message);
    put_file("order.yaml", "name: order\nextends: xiangtan-baseline\nhorizon:\n  end_year: 2020\n");
    put_file("c4.yaml", "name: c4\nextends: order.yaml\n");
    expect_error("c4.yaml", "%s/order.yaml:4:13: horizon.end_year: expected a year not before horizon.start_year "
                            "(2021), found 2020");
    put_file("scalar.yaml", "just text\n");
    put_file("c5.yaml", "name: c5\nextends: scalar.yaml\n");
    /* A parent's text is not echoed: it may be any file (extends: /etc/passwd; issue 18, item 11). */
    expect_error("c5.yaml", "%s/scalar.yaml:1:1: not a valid YAML scenario: expected a mapping of scenario keys, "
                            "found a text of 9 bytes (not shown)");
}

/* A child's own region list replaces the parent's whole, and
 * ts_scenario_regions_replaced finds it (validate says so in a note); a child
 * that only changes other keys, or a file that extends nothing, does not. */
Test(extends, a_childs_region_list_is_reported_as_replacing_the_parents)
{
    ts_scenario base, sc;
    baseline(&base);
    char *yaml = ts_scenario_to_yaml(&base);
    cr_assert_not_null(yaml);
    const char *from = strstr(yaml, "    - code: \"shaoshan\""), *to = strstr(yaml, "    - code: \"yuhu\"");
    cr_assert(from && to && to > from, "the resolved baseline lists shaoshan before yuhu");
    char text[8192];
    snprintf(text, sizeof text, "name: few\nextends: xiangtan-baseline\npopulation:\n  regions:\n%.*s",
             (int)(to - from), from);
    free(yaml);
    put_file("few.yaml", text);
    put_file("same.yaml", "name: same\nextends: xiangtan-baseline\nrotation: {rate: 0.2}\n");
    load_ok("few.yaml", &sc);
    cr_expect_eq(sc.population.n_regions, 1, "the parent's five regions are gone, not merged");
    cr_expect_str_eq(sc.population.regions[0].code, "shaoshan");
    ts_scenario_free(&sc);
    ts_scenario_free(&base);

    char path[512];
    size_t line = 9, column = 9;
    ts_error err = {0};
    snprintf(path, sizeof path, "%s/few.yaml", dir);
    cr_assert_eq(ts_scenario_regions_replaced(path, &line, &column, &err), TS_OK, "%s", err.message);
    cr_expect_eq(line, 5);
    cr_expect_eq(column, 5);
    snprintf(path, sizeof path, "%s/same.yaml", dir);
    cr_assert_eq(ts_scenario_regions_replaced(path, &line, &column, &err), TS_OK, "%s", err.message);
    cr_expect_eq(line, 0, "no region list of its own");
    cr_assert_eq(ts_scenario_regions_replaced(TS_SOURCE_DIR "/scenarios/xiangtan-baseline.yaml", &line, &column, &err),
                 TS_OK, "%s", err.message);
    cr_expect_eq(line, 0, "the baseline extends nothing");
}

/* The library's scenarios extend the built-in baseline by name, so that a
 * copy of one loads from any folder. */
Test(extends, a_copy_of_a_library_scenario_loads_from_another_folder)
{
    size_t len = 0;
    ts_scenario sc;
    char *text = ts_test_slurp(TS_SOURCE_DIR "/scenarios/rotation-20.yaml", &len);
    cr_assert_not_null(text);
    cr_expect_not_null(strstr(text, "\nextends: xiangtan-baseline\n"), "extends the built-in baseline by name");
    put_file("rotation-20.yaml", text);
    free(text);
    load_ok("rotation-20.yaml", &sc);
    cr_expect_str_eq(sc.name, "rotation-20");
    ts_scenario_free(&sc);
}
