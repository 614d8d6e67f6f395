/*
 * scenario_keys_zh.c: the scenario keys' names in Chinese (scenario_zh.h).
 *
 * The names follow the plan (潭政办发〔2020〕34号) and the 2017 assessment
 * (教督〔2017〕6号) where they name the thing, and are plain descriptions
 * otherwise; a rate is 年…率 when it is a yearly probability.
 */
#include "teachsim/scenario_zh.h"

#include "indicator_zh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE TS_KEY_INDEX_NONE
#define LOC TS_KEY_INDEX_LOCALITY
#define LEVEL TS_KEY_INDEX_LEVEL
#define AGE TS_KEY_INDEX_AGEBAND
#define AGE5 TS_KEY_INDEX_AGE5
#define SUBJECT TS_KEY_INDEX_SUBJECT
#define TITLE TS_KEY_INDEX_TITLE
#define TITLE_STEP TS_KEY_INDEX_TITLE_STEP
#define TITLE_POST TS_KEY_INDEX_TITLE_POST
#define BACKBONE_STEP TS_KEY_INDEX_BACKBONE_STEP
#define PROGRAMME TS_KEY_INDEX_PROGRAMME
#define SCHOOL_TYPE TS_KEY_INDEX_SCHOOL_TYPE

const ts_key_zh ts_key_zh_rows[] = {
    {"name", "情景名称", NONE},
    {"description", "情景说明", NONE},
    {"horizon.start_year", "模拟起始学年", NONE},
    {"horizon.end_year", "模拟结束学年", NONE},

    {"population.regions", "区县", NONE},
    {"population.age_pyramid.urban", "城区教师起始年龄结构", AGE5},
    {"population.age_pyramid.town", "镇区教师起始年龄结构", AGE5},
    {"population.age_pyramid.rural", "乡村教师起始年龄结构", AGE5},
    {"population.female_share", "起始女教师比例", LOC},
    {"population.qualification_above", "起始高于规定学历教师比例", LOC},
    {"population.qualification_below", "起始低于规定学历教师比例", LOC},
    {"population.backbone_share", "起始县级以上骨干教师比例", LOC},
    {"population.specialist_supply", "起始音体美岗位专任教师比例", LOC},
    {"population.staffing_level", "起始教师数与编制需求之比", LOC},
    {"population.school_size_sigma", "学校规模离散度（对数标准差）", NONE},
    {"population.schools_csv", "学校名册文件", NONE},
    {"population.teachers_csv", "教师名册文件", NONE},

    {"enrolment.births", "出生人口", NONE},
    {"enrolment.entry_rate", "公办学校一年级入学人数与六年前出生人口之比", NONE},
    {"enrolment.junior_continuation", "小学毕业生升入本区县初中比例", NONE},
    {"enrolment.urbanisation_rate", "乡村学生年进城比例", NONE},
    {"enrolment.private_share_cap", "民办学校在校生比例上限", LEVEL},

    {"staffing.pupils_per_staff", "编制标准（每个编制对应学生数）", LEVEL},
    {"staffing.teaching_share", "编制中专任教师岗位比例", LEVEL},
    {"staffing.class_size_max", "最大班额", LEVEL},
    {"staffing.teachers_per_class_min", "最低班师比", LEVEL},
    {"staffing.subject_share.primary", "小学各学科岗位比例", SUBJECT},
    {"staffing.subject_share.junior", "初中各学科岗位比例", SUBJECT},

    {"retirement.pre2025_rule", "沿用2025年改革前退休年龄", NONE},
    {"retirement.senior_women_at_60", "高级职称女教师60岁退休", NONE},
    {"retirement.early_rate", "弹性提前退休年概率", NONE},

    {"leaving.established.urban", "城区在编教师年离职率", AGE},
    {"leaving.established.town", "镇区在编教师年离职率", AGE},
    {"leaving.established.rural", "乡村在编教师年离职率", AGE},
    {"leaving.temporary.urban", "城区临聘教师年离职率", AGE},
    {"leaving.temporary.town", "镇区临聘教师年离职率", AGE},
    {"leaving.temporary.rural", "乡村临聘教师年离职率", AGE},
    {"leaving.targeted.urban", "城区公费定向毕业生年违约率", AGE},
    {"leaving.targeted.town", "镇区公费定向毕业生年违约率", AGE},
    {"leaving.targeted.rural", "乡村公费定向毕业生年违约率", AGE},
    {"leaving.rural_transfer_share", "乡村离职教师中申请调入城镇的比例", NONE},
    {"leaving.allowance_elasticity", "乡村教师津贴的留任弹性", NONE},
    {"leaving.allowance_reference", "离职率对应的津贴基准（每月）", LOC},

    {"recruitment.yearly_cap_share", "公开招聘年度上限（占编制需求比例）", NONE},
    {"recruitment.fill_probability", "公开招聘岗位招满概率", LOC},
    {"recruitment.specialist_supply", "音体美岗位招聘难度系数", NONE},
    {"recruitment.hire_age_min", "新聘教师最低年龄", NONE},
    {"recruitment.hire_age_max", "新聘教师最高年龄", NONE},
    {"recruitment.female_share", "新聘女教师比例", NONE},
    {"recruitment.qualification_above", "新聘高于规定学历教师比例", NONE},

    {"temporaries.allowed_until", "允许聘用临聘教师的最后学年", NONE},
    {"temporaries.fill_rate", "临聘教师填补空岗比例", NONE},

    {"careers.title_rate", "职称晋升年概率", TITLE_STEP},
    {"careers.backbone_rate", "骨干教师晋级年概率", BACKBONE_STEP},
    {"careers.sanming_multiplier", "“三名”工程对骨干晋级的倍数", NONE},
    {"careers.qualification_upgrade", "学历提升年概率", NONE},
    {"careers.title_cap", "职称岗位占编制需求比例", TITLE_POST},

    {"targeted_intake.enabled", "公费定向师范生培养", NONE},
    {"targeted_intake.provincial", "省级公费定向师范生年招生数", NONE},
    {"targeted_intake.municipal", "市级公费定向师范生年招生数", NONE},
    {"targeted_intake.programme_share", "公费定向各培养项目名额比例", PROGRAMME},
    {"targeted_intake.study_years", "公费定向各培养项目学制（年）", PROGRAMME},
    {"targeted_intake.service_years", "公费定向各培养项目服务年限", PROGRAMME},
    {"targeted_intake.dropout_rate", "公费定向师范生年流失率", PROGRAMME},
    {"targeted_intake.allocate_by_rural_need", "按乡村岗位需求分配定向名额", NONE},
    {"targeted_intake.in_study_at_start", "起始时已有在读定向生", NONE},
    {"targeted_intake.before_start.provincial", "起始前各年省级定向招生数", NONE},
    {"targeted_intake.before_start.municipal", "起始前各年市级定向招生数", NONE},
    {"targeted_intake.in_service_share_young_rural", "起始乡村30岁以下在编教师中在服务期定向生比例", NONE},
    {"targeted_intake.end_of_service_move", "定向生服务期满当年离开乡村岗位概率", NONE},

    {"posting.enabled", "县管校聘", NONE},
    {"posting.rural_weak_first", "县级调剂优先乡村和薄弱学校", NONE},
    {"posting.out_of_field", "允许跨学科调剂", NONE},
    {"posting.standby_exit_years", "待岗培训后退出的年限", NONE},
    {"posting.cross_level_lag_years", "跨学段转岗前待岗培训年限", NONE},
    {"posting.cross_level_probability", "培训期满后跨学段转岗年概率", NONE},

    {"rotation.enabled", "交流轮岗", NONE},
    {"rotation.rate", "交流轮岗比例", NONE},
    {"rotation.backbone_share", "交流教师中骨干教师比例", NONE},
    {"rotation.min_years_at_school", "须交流的同校任教年限", NONE},
    {"rotation.stint_years", "交流期限（年）", NONE},
    {"rotation.urban_to_rural", "由城区和优质学校向乡村和薄弱学校交流", NONE},
    {"rotation.stay_probability", "交流期满留任概率", NONE},

    {"alliances.enabled", "学区制与校联体", NONE},
    {"alliances.size", "每个校联体的学校数", NONE},
    {"alliances.pe_art_hours_shared", "音体美教师走教课时比例", NONE},
    {"alliances.backbone_hours_shared", "骨干教师走教课时比例", NONE},
    {"alliances.count_shared_hours", "评估按课时计入走教教师", NONE},

    {"psychology.enabled", "每校配备心理健康教育教师", NONE},
    {"psychology.full_time_from", "须配专职心理教师的学生规模", NONE},
    {"psychology.pupils_per_full_time", "每名专职心理教师对应学生数", NONE},
    {"psychology.start_share", "首年心理教师岗位在岗比例", NONE},
    {"psychology.fill_rate", "心理教师空岗年补充比例", NONE},
    {"psychology.leave_rate", "专职心理教师年离职率", NONE},
    {"psychology.pay", "专职心理教师年薪酬", NONE},
    {"psychology.part_time_allowance", "兼职心理教师年补贴", NONE},

    {"network.merge_below_pupils", "小规模学校撤并的学生数标准", NONE},
    {"network.new_schools", "新建学校", NONE},

    {"quality.qualified_per100", "每百名学生高于规定学历教师数标准", LEVEL},
    {"quality.backbone_per100", "每百名学生县级以上骨干教师数标准", LEVEL},
    {"quality.pe_art_per100", "每百名学生体育、艺术（美术、音乐）专任教师数标准", LEVEL},
    {"quality.max_cv", "校际差异系数上限", LEVEL},
    {"quality.school_floor", "单项指标最低达标比例", NONE},
    {"quality.other_indicators_met", "其他资源配置指标达标项数", NONE},
    {"quality.teaching_point_pupils", "不参评教学点的学生数标准", NONE},
    {"quality.require_rotation", "评估要求交流轮岗达标", NONE},

    {"costs.pay.established", "在编教师年薪酬", TITLE},
    {"costs.pay.targeted", "在服务期定向生年薪酬", TITLE},
    {"costs.pay.temporary", "临聘教师年薪酬", NONE},
    {"costs.rural_allowance", "乡村教师人才津贴（每月）", LOC},
    {"costs.targeted_study.provincial", "省级定向生每学年培养费用", NONE},
    {"costs.targeted_study.municipal", "市级定向生每学年培养费用", NONE},
    {"costs.recruitment", "每名公开招聘教师的招聘费用", NONE},
    {"costs.standby_training", "待岗培训每人年费用", NONE},
    {"costs.rotation_allowance", "交流轮岗每人年补贴", NONE},

    {"targets", "目标", NONE},

    {"regions[].code", "区县代码", NONE},
    {"regions[].name_zh", "区县中文名", NONE},
    {"regions[].population_10k", "常住人口（万人）", NONE},
    {"regions[].schools", "学校数", SCHOOL_TYPE},
    {"regions[].school_locality_share", "城区、镇区、乡村学校比例", LOC},
    {"regions[].pupils_primary", "起始小学在校生数", NONE},
    {"regions[].pupils_junior", "起始初中在校生数", NONE},
    {"regions[].pupil_locality_share", "城区、镇区、乡村学生比例", LOC},
    {"regions[].temporary_share", "起始临聘教师比例", NONE},
    {"regions[].weak_share", "薄弱学校比例", NONE},
    {"regions[].private_share", "起始民办学校在校生比例", LEVEL},

    {"network.new_schools[].name", "校名", NONE},
    {"network.new_schools[].region", "所在区县", NONE},
    {"network.new_schools[].level", "学段", NONE},
    {"network.new_schools[].locality", "城乡类别", NONE},
    {"network.new_schools[].opens", "开办学年", NONE},
    {"network.new_schools[].capacity", "学位数", NONE},
};
const size_t ts_key_zh_count = sizeof ts_key_zh_rows / sizeof ts_key_zh_rows[0];

static const char *const agebands_zh[] = {"30岁以下", "30–39岁", "40–49岁", "50岁及以上"};
static const char *const age5_zh[] = {"20–24岁", "25–29岁", "30–34岁", "35–39岁",
                                      "40–44岁", "45–49岁", "50–54岁", "55–59岁"};
static const char *const title_steps_zh[] = {"未定职级→初级", "初级→中级", "中级→高级"};
static const char *const title_posts_zh[] = {"初级", "中级", "高级"};
static const char *const backbone_steps_zh[] = {"非骨干→县级", "县级→市级", "市级→省级"};
static const char *const programmes_zh[] = {"初中起点2+4本科", "五年制大专", "高中起点四年制本科"};
static const char *const school_types_zh[] = {"小学", "初中", "九年一贯制学校"};

/* The names of one kind's positions, and how many. */
static const char *const *index_names(ts_key_index kind, size_t *n)
{
#define NAMES(a)                                                                                                       \
    do {                                                                                                               \
        *n = sizeof(a) / sizeof(a)[0];                                                                                 \
        return (a);                                                                                                    \
    } while (0)
    switch (kind) {
    case TS_KEY_INDEX_LOCALITY:
        NAMES(ts_locality_names_zh);
    case TS_KEY_INDEX_LEVEL:
        /* the first two level codes, primary and junior: list keys by level have two values */
        *n = 2;
        return ts_level_names_zh;
    case TS_KEY_INDEX_AGEBAND:
        NAMES(agebands_zh);
    case TS_KEY_INDEX_AGE5:
        NAMES(age5_zh);
    case TS_KEY_INDEX_SUBJECT:
        NAMES(ts_subject_names_zh);
    case TS_KEY_INDEX_TITLE:
        NAMES(ts_title_names_zh);
    case TS_KEY_INDEX_TITLE_STEP:
        NAMES(title_steps_zh);
    case TS_KEY_INDEX_TITLE_POST:
        NAMES(title_posts_zh);
    case TS_KEY_INDEX_BACKBONE_STEP:
        NAMES(backbone_steps_zh);
    case TS_KEY_INDEX_PROGRAMME:
        NAMES(programmes_zh);
    case TS_KEY_INDEX_SCHOOL_TYPE:
        NAMES(school_types_zh);
    default:
        *n = 0;
        return NULL;
    }
#undef NAMES
}

size_t ts_key_index_count(ts_key_index kind)
{
    size_t n;
    index_names(kind, &n);
    return n;
}

const char *ts_key_index_name_zh(ts_key_index kind, size_t i)
{
    size_t n;
    const char *const *names = index_names(kind, &n);
    return names && i < n ? names[i] : NULL;
}

const ts_key_zh *ts_key_zh_find(const char *path)
{
    for (size_t i = 0; i < ts_key_zh_count; i++)
        if (strcmp(ts_key_zh_rows[i].path, path) == 0)
            return &ts_key_zh_rows[i];
    return NULL;
}

/* Copy at most size - 1 bytes of s into out, cut back to the start of a
 * UTF-8 character, and end it. */
static char *copy_whole_characters(char *out, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

char *ts_key_label_zh(const char *path, char *out, size_t size)
{
    if (size == 0)
        return out;
    char key[256], region[128] = "", year[16] = "";
    if (strlen(path) >= sizeof key)
        return copy_whole_characters(out, size, path);
    strcpy(key, path);
    /* a schedule year: PATH@YYYY */
    char *at = strrchr(key, '@');
    if (at) {
        snprintf(year, sizeof year, "%s", at + 1);
        *at = '\0';
    }
    /* a region key: population.regions[R].KEY, named in the table as regions[].KEY */
    static const char region_prefix[] = "population.regions[";
    if (strncmp(key, region_prefix, sizeof region_prefix - 1) == 0) {
        char *name = key + sizeof region_prefix - 1, *close = strchr(name, ']');
        if (!close || close[1] != '.' || (size_t)(close - name) >= sizeof region)
            return copy_whole_characters(out, size, path);
        memcpy(region, name, (size_t)(close - name));
        region[close - name] = '\0';
        char rest[256];
        snprintf(rest, sizeof rest, "regions[]%s", close + 1);
        strcpy(key, rest);
    }
    /* a list position: KEY[i] */
    long position = -1;
    size_t len = strlen(key);
    if (len > 0 && key[len - 1] == ']') {
        char *open = strrchr(key, '[');
        char *end = NULL;
        if (open && open[1] != ']') {
            position = strtol(open + 1, &end, 10);
            if (end != key + len - 1 || position < 0)
                return copy_whole_characters(out, size, path);
            *open = '\0';
        }
    }
    const ts_key_zh *row = ts_key_zh_find(key);
    if (!row)
        return copy_whole_characters(out, size, path);
    const char *position_name = NULL;
    char position_text[40] = "";
    if (position >= 0) {
        position_name = ts_key_index_name_zh(row->index, (size_t)position);
        if (!position_name) {
            if (row->index != TS_KEY_INDEX_NONE)
                return copy_whole_characters(out, size, path); /* beyond the list: say what was given */
            snprintf(position_text, sizeof position_text, "第%ld项", position + 1);
            position_name = position_text;
        }
    }
    char label[512];
    size_t n = (size_t)snprintf(label, sizeof label, "%s", row->name_zh);
    const char *parts[3] = {region[0] ? region : NULL, position_name, NULL};
    char year_text[32];
    if (year[0]) {
        snprintf(year_text, sizeof year_text, "%s年起", year);
        parts[2] = year_text;
    }
    int opened = 0;
    for (int p = 0; p < 3 && n < sizeof label; p++) {
        if (!parts[p])
            continue;
        n += (size_t)snprintf(label + n, sizeof label - n, "%s%s", opened ? "，" : "（", parts[p]);
        opened = 1;
    }
    if (opened && n < sizeof label)
        snprintf(label + n, sizeof label - n, "）");
    return copy_whole_characters(out, size, label);
}

char *ts_key_list_label_zh(const char *paths, char *out, size_t size)
{
    if (size == 0)
        return out;
    char text[4096];
    size_t len = 0;
    text[0] = '\0';
    for (const char *p = paths;;) {
        while (*p == ' ')
            p++;
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        while (n > 0 && p[n - 1] == ' ')
            n--;
        char path[256], label[512];
        snprintf(path, sizeof path, "%.*s", (int)n, p);
        ts_key_label_zh(path, label, sizeof label);
        int wrote = snprintf(text + len, sizeof text - len, "%s%s", len ? "、" : "", label);
        if (wrote < 0 || (size_t)wrote >= sizeof text - len) {
            text[len] = '\0'; /* longer than any printout: keep the whole names before it */
            break;
        }
        len += (size_t)wrote;
        if (!comma)
            break;
        p = comma + 1;
    }
    return copy_whole_characters(out, size, text);
}

/* The sections, in the plan's wording where it has one (the attribution's
 * default groups). */
static const struct {
    const char *section, *name_zh;
} sections_zh[] = {
    {"horizon", "模拟期"},
    {"population", "起始教师队伍"},
    {"enrolment", "学生入学"},
    {"staffing", "编制标准"},
    {"retirement", "退休"},
    {"leaving", "教师流失"},
    {"recruitment", "教师招聘"},
    {"temporaries", "临聘教师"},
    {"careers", "职称与骨干教师"},
    {"targeted_intake", "公费定向师范生"},
    {"posting", "县管校聘"},
    {"rotation", "交流轮岗"},
    {"alliances", "学区制与校联体"},
    {"psychology", "心理健康教育教师"},
    {"network", "学校布局"},
    {"quality", "优质均衡评估规则"},
    {"costs", "成本"},
    {"regions", "县市区"},
    {"uncertain", "不确定参数"},
};

const char *ts_section_name_zh(const char *section)
{
    for (size_t i = 0; i < sizeof sections_zh / sizeof sections_zh[0]; i++)
        if (strcmp(sections_zh[i].section, section) == 0)
            return sections_zh[i].name_zh;
    return NULL;
}
