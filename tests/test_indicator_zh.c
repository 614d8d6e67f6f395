/*
 * test_indicator_zh.c: the Chinese half of the output field table
 * (sim/base/indicator_zh.c). Every indicator of the English table has its
 * Chinese long name and units, so a new indicator without Chinese fails here;
 * the Chinese units agree with the English ones; level rows name their level;
 * subject rows name their subject in the order of the subject codes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "indicator_list.h"
#include "indicator_zh.h"
#include "support.h"

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

Test(indicator_zh, every_indicator_has_a_chinese_name_and_units)
{
    for (size_t i = 0; i < ts_indicator_count; i++) {
        const char *name = ts_indicator_defs[i].name;
        const char *zh = ts_indicator_long_name_zh(name), *units = ts_indicator_units_zh(name);
        cr_expect(zh != NULL, "%s: no Chinese long name: add a row to sim/base/indicator_zh.c", name);
        cr_expect(units != NULL, "%s: no Chinese units: add a row to sim/base/indicator_zh.c", name);
        if (zh)
            cr_expect(ts_test_has_non_ascii(zh), "%s: Chinese long name \"%s\" has no Chinese in it", name, zh);
    }
}

/* The Chinese units say what the English ones say: a row cannot give 人
 * (people) for posts or 元 for a share. English units the mapping does not
 * know fail too, so a new unit gets its Chinese spelling once. */
Test(indicator_zh, chinese_units_agree_with_the_english_ones)
{
    for (size_t i = 0; i < ts_indicator_count; i++) {
        const ts_indicator_def *d = &ts_indicator_defs[i];
        const char *want = ts_units_zh(d->units), *got = ts_indicator_units_zh(d->name);
        cr_expect(want != NULL, "%s: English units \"%s\" have no Chinese spelling in ts_units_zh", d->name, d->units);
        if (want && got)
            cr_expect_str_eq(got, want, "%s: Chinese units \"%s\" for English \"%s\"", d->name, got, d->units);
    }
    cr_expect_str_eq(ts_units_zh("posts"), "个岗位");
    cr_expect_str_eq(ts_units_zh("yuan"), "元");
    cr_expect_null(ts_units_zh("furlongs"));
}

Test(indicator_zh, names_are_unique_and_unknown_names_have_none)
{
    for (size_t i = 0; i < ts_indicator_zh_count; i++)
        for (size_t j = i + 1; j < ts_indicator_zh_count; j++)
            cr_expect(strcmp(ts_indicator_zh_rows[i].name, ts_indicator_zh_rows[j].name) != 0, "row %s appears twice",
                      ts_indicator_zh_rows[i].name);
    cr_expect_null(ts_indicator_long_name_zh("no_such_indicator"));
    cr_expect_null(ts_indicator_units_zh("no_such_indicator"));
    cr_expect_null(ts_indicator_long_name_zh(NULL));
    cr_expect_str_eq(ts_indicator_long_name_zh("standby"), "待岗培训教师");
}

/* A row of a level says its level in Chinese, as the English one does. */
Test(indicator_zh, level_rows_name_their_level)
{
    for (size_t i = 0; i < ts_indicator_zh_count; i++) {
        const ts_indicator_zh *r = &ts_indicator_zh_rows[i];
        if (ends_with(r->name, "_primary"))
            cr_expect(strstr(r->long_name_zh, "小学") != NULL, "%s: \"%s\" lacks 小学", r->name, r->long_name_zh);
        if (ends_with(r->name, "_junior"))
            cr_expect(strstr(r->long_name_zh, "初中") != NULL, "%s: \"%s\" lacks 初中", r->name, r->long_name_zh);
    }
}

/* Each family subjects/<family> has one row per subject code, named
 * "family（subject）" with the subject's Chinese name from the code table, so
 * the macro's subject list cannot drift from teachsim/vocabulary.h. */
Test(indicator_zh, subject_rows_follow_the_subject_codes)
{
    size_t families = 0;
    for (size_t i = 0; i < ts_indicator_zh_count; i++) {
        const ts_indicator_zh *fam = &ts_indicator_zh_rows[i];
        if (strncmp(fam->name, "subjects/", 9) != 0 || strchr(fam->name + 9, '/'))
            continue;
        families++;
        for (int s = 0; s < TS_SUBJECT_COUNT; s++) {
            char name[128], want[256];
            snprintf(name, sizeof name, "%s/%s", fam->name, ts_subject_codes[s]);
            snprintf(want, sizeof want, "%s（%s）", fam->long_name_zh, ts_subject_names_zh[s]);
            const char *got = ts_indicator_long_name_zh(name);
            cr_expect(got != NULL, "%s: no Chinese row", name);
            if (got)
                cr_expect_str_eq(got, want, "%s", name);
            cr_expect_str_eq(ts_indicator_units_zh(name), fam->units_zh, "%s: units", name);
        }
    }
    cr_expect_eq(families, 10, "%zu subject families (requirement ... retirements, issue 13)", families);
    cr_expect_str_eq(ts_indicator_long_name_zh("subjects/specialist_need/pe"), "专任教师招聘需求（体育）");
}

Test(indicator_zh, category_names_are_chinese)
{
    const char *const *tables[] = {ts_subject_names_zh,     ts_level_names_zh, ts_locality_names_zh,
                                   ts_contract_names_zh,    ts_title_names_zh, ts_backbone_names_zh,
                                   ts_qb_indicator_names_zh};
    const int sizes[] = {TS_SUBJECT_COUNT, TS_LEVEL_COUNT,    TS_LOCALITY_COUNT,    TS_CONTRACT_COUNT,
                         TS_TITLE_COUNT,   TS_BACKBONE_COUNT, TS_QB_INDICATOR_COUNT};
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++)
        for (int k = 0; k < sizes[t]; k++)
            cr_expect(tables[t][k] && ts_test_has_non_ascii(tables[t][k]), "table %zu, entry %d is not Chinese", t, k);
    cr_expect_str_eq(ts_locality_names_zh[TS_RURAL], "乡村");
    cr_expect_str_eq(ts_level_names_zh[TS_LEVEL_JUNIOR], "初中");
    /* The codes of the results file's qb_indicator coordinate (schools/ group, issue 13). */
    const char *qb[] = {"qualified", "backbone", "pe_art"};
    for (int k = 0; k < TS_QB_INDICATOR_COUNT; k++)
        cr_expect_str_eq(ts_qb_indicator_codes[k], qb[k]);
}
