/*
 * indicator_zh.c: the Chinese long names and units of the output fields and
 * the Chinese names of the category codes (indicator_zh.h). The terms are
 * those of the national quality-balance assessment (2017: 优质均衡,
 * 每百名学生拥有…教师数, 差异系数) and of the province's teacher plan
 * (县管校聘, 交流轮岗, 公费定向师范生): a planner finds a figure under the
 * name their documents give it.
 */
#include "indicator_zh.h"

#include <string.h>

/* Units, one spelling each, so that every row says the same thing the same
 * way (ts_units_zh holds the rows to the English units). */
#define ZH_TEACHERS "人"
#define ZH_PUPILS "人"
#define ZH_POSTS "个岗位"
#define ZH_SHARE "比例"
#define ZH_COUNTIES "个县市区"
#define ZH_YUAN "元"
#define ZH_PER100 "每百名学生"

/* A level's rows differ only in the level, written after the name. */
#define ZH_PRIMARY "（小学）"
#define ZH_JUNIOR "（初中）"

/* Why a county fails, per level L (the lead's issue 13 rows): the same six
 * texts for primary and junior. */
#define ZH_QB_LEVEL(L, LZH)                                                                                            \
    {"qb_qualified_per100_" #L, "每百名学生拥有高于规定学历教师数" LZH, ZH_PER100},                                    \
        {"qb_backbone_per100_" #L, "每百名学生拥有县级以上骨干教师数" LZH, ZH_PER100},                                 \
        {"qb_pe_art_per100_" #L, "每百名学生拥有体育、艺术（美术、音乐）专任教师数" LZH, ZH_PER100},                   \
        {"qb_cv_qualified_" #L, "高于规定学历教师数校际差异系数" LZH, ZH_SHARE},                                       \
        {"qb_cv_backbone_" #L, "骨干教师数校际差异系数" LZH, ZH_SHARE},                                                \
        {"qb_cv_pe_art_" #L, "音体美专任教师数校际差异系数" LZH, ZH_SHARE},                                            \
        {"qb_schools_ok_share_" #L, "达到学校标准的学校占比" LZH, ZH_SHARE},                                           \
        {"qb_pass_" #L, "通过优质均衡教师指标的县市区" LZH, ZH_COUNTIES},                                              \
        {"qb_fails_cv_qualified_" #L, "高于规定学历教师差异系数超标" LZH, ZH_COUNTIES},                                \
        {"qb_fails_cv_backbone_" #L, "骨干教师差异系数超标" LZH, ZH_COUNTIES},                                         \
        {"qb_fails_cv_pe_art_" #L, "音体美教师差异系数超标" LZH, ZH_COUNTIES},                                         \
        {"qb_fails_school_rule_" #L, "有学校未达到学校标准" LZH, ZH_COUNTIES},                                         \
        {"qb_schools_missing_qualified_" #L, "高于规定学历教师数未达标的学校占比" LZH, ZH_SHARE},                      \
        {"qb_schools_missing_backbone_" #L, "骨干教师数未达标的学校占比" LZH, ZH_SHARE},                               \
        {"qb_schools_missing_pe_art_" #L, "音体美专任教师数未达标的学校占比" LZH, ZH_SHARE},                           \
        {"qb_failing_missing_qualified_" #L, "未达标学校中高于规定学历教师数未达标的占比" LZH, ZH_SHARE},              \
        {"qb_failing_missing_backbone_" #L, "未达标学校中骨干教师数未达标的占比" LZH, ZH_SHARE},                       \
    {                                                                                                                  \
        "qb_failing_missing_pe_art_" #L, "未达标学校中音体美专任教师数未达标的占比" LZH, ZH_SHARE                      \
    }

/* Rural teachers by five-year age band. */
#define ZH_AGE(LO, HI)                                                                                                 \
    {                                                                                                                  \
        "rural_teachers_age_" #LO "_" #HI, "乡村学校" #LO "–" #HI "岁教师", ZH_TEACHERS                                \
    }

/* Subject families (results file group subjects/): X(family, Chinese name,
 * units); in memory each family is one row per subject,
 * subjects/<family>/<subject>, named "family name（subject）". */
#define ZH_FAMILIES(X)                                                                                                 \
    X(requirement, "编制标准核定岗位", ZH_POSTS)                                                                       \
    X(posts_held, "在岗任教岗位", ZH_POSTS)                                                                            \
    X(vacancies, "空岗（缺编）", ZH_POSTS)                                                                             \
    X(rural_vacancies, "乡村学校空岗", ZH_POSTS)                                                                       \
    X(surplus, "超编教师", ZH_TEACHERS)                                                                                \
    X(out_of_field_posts, "非本学科教师任教岗位", ZH_POSTS)                                                            \
    X(specialist_need, "专任教师招聘需求", ZH_POSTS)                                                                   \
    X(hires, "新招聘教师", ZH_TEACHERS)                                                                                \
    X(leavers, "离岗教师", ZH_TEACHERS)                                                                                \
    X(retirements, "退休教师", ZH_TEACHERS)

#define ZH_SUBJECTS(Y, fam, famzh, units)                                                                              \
    Y(fam, chinese, famzh, "语文", units)                                                                              \
    Y(fam, maths, famzh, "数学", units)                                                                                \
    Y(fam, english, famzh, "英语", units)                                                                              \
    Y(fam, science, famzh, "科学", units)                                                                              \
    Y(fam, pe, famzh, "体育", units)                                                                                   \
    Y(fam, music, famzh, "音乐", units)                                                                                \
    Y(fam, art, famzh, "美术", units)                                                                                  \
    Y(fam, other, famzh, "其他", units)

#define ZH_FAMILY_ROW(fam, famzh, units) {"subjects/" #fam, famzh, units},
#define ZH_SUBJECT_ROW(fam, subj, famzh, subjzh, units) {"subjects/" #fam "/" #subj, famzh "（" subjzh "）", units},
#define ZH_FAMILY_SUBJECT_ROWS(fam, famzh, units) ZH_SUBJECTS(ZH_SUBJECT_ROW, fam, famzh, units)

const ts_indicator_zh ts_indicator_zh_rows[] = {
    {"teachers", "在岗教师", ZH_TEACHERS},
    {"teachers_established", "在编教师", ZH_TEACHERS},
    {"teachers_temporary", "临聘教师", ZH_TEACHERS},
    {"pupils", "在校学生", ZH_PUPILS},
    {"public_pupils_from_private", "由民办转入公办学校的学生", ZH_PUPILS},
    {"requirement", "编制标准核定岗位", ZH_POSTS},
    {"vacancies", "空岗（缺编）", ZH_POSTS},
    {"rural_vacancies", "乡村学校空岗", ZH_POSTS},
    {"vacancies_established", "无在编教师的岗位", ZH_POSTS},
    {"vacancies_temporary", "由临聘教师顶岗的无在编教师岗位", ZH_POSTS},
    {"surplus", "超编教师", ZH_TEACHERS},
    {"surplus_primary", "超编教师" ZH_PRIMARY, ZH_TEACHERS},
    {"surplus_junior", "超编教师" ZH_JUNIOR, ZH_TEACHERS},
    {"retirements", "退休教师", ZH_TEACHERS},
    {"leavers", "离岗教师（不含退休和调动）", ZH_TEACHERS},
    {"transfers_to_urban", "乡村教师调入城区或镇区学校", ZH_TEACHERS},
    {"hires", "新招聘教师", ZH_TEACHERS},
    {"hires_temporary", "新聘临聘教师", ZH_TEACHERS},
    {"mean_age", "教师平均年龄", "岁"},
    {"share_age_50plus", "50岁及以上教师占比", ZH_SHARE},
    {"rural_teachers", "乡村学校教师", ZH_TEACHERS},
    {"rural_share_age_50plus", "乡村学校50岁及以上教师占比", ZH_SHARE},
    ZH_AGE(20, 24),
    ZH_AGE(25, 29),
    ZH_AGE(30, 34),
    ZH_AGE(35, 39),
    ZH_AGE(40, 44),
    ZH_AGE(45, 49),
    ZH_AGE(50, 54),
    ZH_AGE(55, 59),
    ZH_AGE(60, 64),
    {"pupil_teacher_ratio", "生师比", "名学生/名教师"},
    {"teachers_targeted", "在岗公费定向师范生", ZH_TEACHERS},
    {"standby", "待岗培训教师", ZH_TEACHERS},
    {"out_of_field_posts", "非本学科教师任教岗位", ZH_POSTS},
    {"pe_art_posts", "音体美教师岗位", ZH_POSTS},
    {"pe_art_specialists", "由音体美专任教师任教的音体美岗位", ZH_POSTS},
    {"targeted_enrolled", "公费定向师范生招生", ZH_PUPILS},
    {"targeted_in_study", "在读公费定向师范生", ZH_PUPILS},
    {"targeted_arrivals", "到岗公费定向师范毕业生", ZH_TEACHERS},
    {"targeted_breaches", "公费定向师范生违约", ZH_TEACHERS},
    {"targeted_service_completed", "公费定向师范生服务期满", ZH_TEACHERS},
    {"rotations", "开始交流轮岗的教师", ZH_TEACHERS},
    {"rotations_backbone", "开始交流轮岗的骨干教师", ZH_TEACHERS},
    {"rotation_eligible", "符合交流轮岗条件的教师", ZH_TEACHERS},
    {"redeployments", "县管校聘调剂教师", ZH_TEACHERS},
    {"standby_exits", "待岗培训后退出", ZH_TEACHERS},
    {"psych_posts", "心理健康教育教师岗位", ZH_POSTS},
    {"psych_staff", "心理健康教育教师（专兼职）", ZH_TEACHERS},
    {"psych_vacancies", "心理健康教育教师空岗", ZH_POSTS},
    {"psych_schools_covered_share", "配备心理健康教育教师的学校比例", ZH_SHARE},
    {"level_changes", "转岗到另一学段的教师", ZH_TEACHERS},
    {"schools_merged", "撤并的学校", "所学校"},
    {"pupils_merged", "因撤并转入的学生", ZH_PUPILS},
    {"schools_opened", "新开办的学校", "所学校"},
    {"new_school_pupils", "新建学校的学生", ZH_PUPILS},
    {"new_school_staff", "新建学校的教师", ZH_TEACHERS},
    {"rotating_away", "交流轮岗在外的教师", ZH_TEACHERS},
    ZH_QB_LEVEL(primary, ZH_PRIMARY),
    ZH_QB_LEVEL(junior, ZH_JUNIOR),
    {"qb_rotation_ok", "交流轮岗条件达标的县市区", ZH_COUNTIES},
    {"qb_fails_rotation", "交流轮岗条件未达标", ZH_COUNTIES},
    {"qb_pass", "通过优质均衡评估教师部分的县市区", ZH_COUNTIES},
    {"qb_schools_meeting_rule", "达到学校标准的学校（小学和初中学段）", "所学校"},
    {"qb_shared_backbone", "校联体内共享（走教）的骨干教师（折合人数）", ZH_TEACHERS},
    {"qb_shared_pe_art", "校联体内共享（走教）的音体美教师（折合人数）", ZH_TEACHERS},
    /* Costs (the lead's issue 13 rows): by item, by payer, and cumulated. */
    {"cost_pay", "教师工资福利支出", ZH_YUAN},
    {"cost_rural_allowance", "乡村教师生活补助", ZH_YUAN},
    {"cost_targeted_study_provincial", "公费定向师范生培养费（省级）", ZH_YUAN},
    {"cost_targeted_study_municipal", "公费定向师范生培养费（市级）", ZH_YUAN},
    {"cost_recruitment", "教师招聘费用", ZH_YUAN},
    {"cost_standby_training", "待岗培训费用", ZH_YUAN},
    {"cost_rotation_allowance", "交流轮岗补助", ZH_YUAN},
    {"cost_psychology", "心理健康教育教师经费", ZH_YUAN},
    {"cost_total", "总成本", ZH_YUAN},
    {"cost_county", "县级财政承担", ZH_YUAN},
    {"cost_city", "市级财政承担", ZH_YUAN},
    {"cost_province", "省级财政承担", ZH_YUAN},
    {"cost_total_cumulative", "累计总成本（自首年起）", ZH_YUAN},
    /* The families last: their rows end in commas of their own. */
    ZH_FAMILIES(ZH_FAMILY_ROW) ZH_FAMILIES(ZH_FAMILY_SUBJECT_ROWS)};
const size_t ts_indicator_zh_count = sizeof ts_indicator_zh_rows / sizeof ts_indicator_zh_rows[0];

static const ts_indicator_zh *find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < ts_indicator_zh_count; i++)
        if (strcmp(ts_indicator_zh_rows[i].name, name) == 0)
            return &ts_indicator_zh_rows[i];
    return NULL;
}

const char *ts_indicator_long_name_zh(const char *name)
{
    const ts_indicator_zh *row = find(name);
    return row ? row->long_name_zh : NULL;
}

const char *ts_indicator_units_zh(const char *name)
{
    const ts_indicator_zh *row = find(name);
    return row ? row->units_zh : NULL;
}

const char *ts_units_zh(const char *units)
{
    static const char *const map[][2] = {
        {"teachers", ZH_TEACHERS},
        {"pupils", ZH_PUPILS},
        {"students", ZH_PUPILS},
        {"posts", ZH_POSTS},
        {"1", ZH_SHARE},
        {"counties", ZH_COUNTIES},
        {"yuan", ZH_YUAN},
        {"years", "岁"},
        {"per 100 pupils", ZH_PER100},
        {"schools", "所学校"},
        {"school-levels", "所学校"},
        {"pupils per teacher", "名学生/名教师"},
    };
    for (size_t i = 0; units && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], units) == 0)
            return map[i][1];
    return NULL;
}

const char *const ts_subject_names_zh[TS_SUBJECT_COUNT] = {"语文", "数学", "英语", "科学",
                                                           "体育", "音乐", "美术", "其他"};
const char *const ts_level_names_zh[TS_LEVEL_COUNT] = {"小学", "初中", "九年一贯制"};
const char *const ts_locality_names_zh[TS_LOCALITY_COUNT] = {"城区", "镇区", "乡村"};
const char *const ts_contract_names_zh[TS_CONTRACT_COUNT] = {"在编", "临聘", "公费定向"};
const char *const ts_title_names_zh[TS_TITLE_COUNT] = {"未定职级", "初级", "中级", "高级"};
const char *const ts_backbone_names_zh[TS_BACKBONE_COUNT] = {"非骨干", "县级骨干教师", "市级骨干教师", "省级骨干教师"};
const char *const ts_qb_indicator_codes[TS_QB_INDICATOR_COUNT] = {"qualified", "backbone", "pe_art"};
const char *const ts_qb_indicator_names_zh[TS_QB_INDICATOR_COUNT] = {
    "每百名学生拥有高于规定学历教师数", "每百名学生拥有县级以上骨干教师数",
    "每百名学生拥有体育、艺术（美术、音乐）专任教师数"};
