/*
 * test_scenario_zh.c: the scenario keys' Chinese names (scenario_zh.h).
 * Every key of the three key tables has its row and every row names a key,
 * so a new key without Chinese fails here; a list key's row names as many
 * positions as the key has values; labels of full paths (positions, regions,
 * schedule years) read as the table and its position names say, and a path
 * the table cannot name comes back as given.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "support.h"
#include "teachsim/scenario.h"
#include "teachsim/scenario_zh.h"

/* A key of one table, its row and its list positions. */
static void check_key(const ts_key *k, const char *prefix)
{
    char path[256];
    snprintf(path, sizeof path, "%s%s", prefix, k->path);
    const ts_key_zh *row = ts_key_zh_find(path);
    cr_expect(row != NULL, "%s: no Chinese name: add a row to sim/input/scenario_keys_zh.c", path);
    if (!row)
        return;
    cr_expect(ts_test_has_non_ascii(row->name_zh), "%s: the name \"%s\" has no Chinese in it", path, row->name_zh);
    const int list = k->type == TS_KEY_REALS || k->type == TS_KEY_INTS;
    if (row->index != TS_KEY_INDEX_NONE) {
        cr_expect(list, "%s: positions named for a key that is not a list", path);
        cr_expect_eq(ts_key_index_count(row->index), k->count, "%s: the row names %zu positions, the key has %zu", path,
                     ts_key_index_count(row->index), k->count);
    }
}

Test(scenario_zh, every_key_has_a_chinese_name_whose_positions_match)
{
    for (size_t i = 0; i < ts_scenario_key_count; i++)
        check_key(&ts_scenario_keys[i], "");
    for (size_t i = 0; i < ts_region_key_count; i++)
        check_key(&ts_region_keys[i], "regions[].");
    for (size_t i = 0; i < ts_new_school_key_count; i++)
        check_key(&ts_new_school_keys[i], "network.new_schools[].");
}

/* A row's path is a key of its table: no row outlives its key. */
Test(scenario_zh, every_row_names_a_key)
{
    const size_t expected = ts_scenario_key_count + ts_region_key_count + ts_new_school_key_count;
    cr_expect_eq(ts_key_zh_count, expected, "%zu rows for %zu keys", ts_key_zh_count, expected);
    for (size_t r = 0; r < ts_key_zh_count; r++) {
        const char *path = ts_key_zh_rows[r].path;
        int found = 0;
        for (size_t i = 0; i < ts_scenario_key_count && !found; i++)
            found = strcmp(ts_scenario_keys[i].path, path) == 0;
        if (strncmp(path, "regions[].", 10) == 0)
            for (size_t i = 0; i < ts_region_key_count && !found; i++)
                found = strcmp(ts_region_keys[i].path, path + 10) == 0;
        if (strncmp(path, "network.new_schools[].", 22) == 0)
            for (size_t i = 0; i < ts_new_school_key_count && !found; i++)
                found = strcmp(ts_new_school_keys[i].path, path + 22) == 0;
        cr_expect(found, "row %s names no key", path);
        for (size_t s = 0; s < r; s++)
            cr_expect(strcmp(ts_key_zh_rows[s].path, path) != 0, "row %s twice", path);
    }
}

static void expect_label(const char *path, const char *want)
{
    char out[256];
    cr_expect_str_eq(ts_key_label_zh(path, out, sizeof out), want, "%s", path);
}

Test(scenario_zh, labels_name_the_position_region_and_year)
{
    expect_label("rotation.rate", "交流轮岗比例");
    expect_label("leaving.established.rural[0]", "乡村在编教师年离职率（30岁以下）");
    expect_label("leaving.established.rural[3]", "乡村在编教师年离职率（50岁及以上）");
    expect_label("population.backbone_share[2]", "起始县级以上骨干教师比例（乡村）");
    expect_label("staffing.subject_share.primary[4]", "小学各学科岗位比例（体育）");
    expect_label("quality.max_cv[1]", "校际差异系数上限（初中）");
    expect_label("careers.backbone_rate[0]", "骨干教师晋级年概率（非骨干→县级）");
    expect_label("rotation.rate@2027", "交流轮岗比例（2027年起）");
    expect_label("population.regions[shaoshan].weak_share", "薄弱学校比例（shaoshan）");
    expect_label("population.regions[shaoshan].private_share[1]@2023",
                 "起始民办学校在校生比例（shaoshan，初中，2023年起）");
}

Test(scenario_zh, a_path_it_cannot_name_comes_back_as_given)
{
    expect_label("rotation.speed", "rotation.speed");
    expect_label("leaving.established.rural[4]", "leaving.established.rural[4]"); /* past the four age bands */
    expect_label("leaving.established.rural[x]", "leaving.established.rural[x]");
    expect_label("population.regions[shaoshan", "population.regions[shaoshan");
    expect_label("", "");
}

/* A label cut to fit stops before a character, not inside one. */
Test(scenario_zh, a_short_buffer_cuts_between_characters)
{
    char out[8];
    ts_key_label_zh("rotation.rate", out, sizeof out); /* 交流轮岗比例: 3 bytes a character */
    cr_expect_str_eq(out, "交流");
    char one[1] = {'x'};
    ts_key_label_zh("rotation.rate", one, sizeof one);
    cr_expect_eq(one[0], '\0');
}

/* Every section of the key table (the part of a path before its first dot)
 * has a Chinese name, so an attribution's default groups read in Chinese. */
Test(scenario_zh, every_section_has_a_chinese_name)
{
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const char *path = ts_scenario_keys[i].path, *dot = strchr(path, '.');
        if (!dot)
            continue; /* name, description, targets: keys, not sections */
        char section[64];
        snprintf(section, sizeof section, "%.*s", (int)(dot - path), path);
        cr_expect(ts_section_name_zh(section) != NULL, "section %s has no Chinese name", section);
    }
    cr_expect_str_eq(ts_section_name_zh("posting"), "县管校聘");
    cr_expect_null(ts_section_name_zh("allowance"), "a group the planner named is not a section");
}

Test(scenario_zh, a_list_of_keys_is_named_key_by_key)
{
    char out[256];
    cr_expect_str_eq(ts_key_list_label_zh("rotation.rate, leaving.established.rural[0]", out, sizeof out),
                     "交流轮岗比例、乡村在编教师年离职率（30岁以下）");
    cr_expect_str_eq(ts_key_list_label_zh("rotation.rate,no.such.key", out, sizeof out), "交流轮岗比例、no.such.key");
    cr_expect_str_eq(ts_key_list_label_zh("", out, sizeof out), "");
    char short_out[10];
    cr_expect_str_eq(ts_key_list_label_zh("rotation.rate, rotation.rate", short_out, sizeof short_out), "交流轮");
}
