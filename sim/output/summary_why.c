/*
 * summary_why.c: why counties fail, and the recruitment need by subject
 * (summary_why.h).
 */
#include "summary_why.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicator_zh.h"
#include "labels.h"
#include "replications.h"
#include "summary.h"

static const char *const level_names[2] = {"primary", "junior"};
static const char *const qb_names[3] = {"qualified", "backbone", "pe_art"};

/* The rows one level's table reads, by index into res->indicators. */
typedef struct {
    int pass, fails_cv[3], fails_rule, fails_rotation, missing[3], failing_missing[3];
} why_rows;

static int row(const ts_results *res, const char *name)
{
    return ts_results_indicator_index(res, name);
}

static int find_rows(const ts_results *res, int level, why_rows *w)
{
    char name[128];
    snprintf(name, sizeof name, "qb_pass_%s", level_names[level]);
    w->pass = row(res, name);
    snprintf(name, sizeof name, "qb_fails_school_rule_%s", level_names[level]);
    w->fails_rule = row(res, name);
    w->fails_rotation = row(res, "qb_fails_rotation");
    int ok = w->pass >= 0 && w->fails_rule >= 0 && w->fails_rotation >= 0;
    for (int j = 0; j < 3; j++) {
        snprintf(name, sizeof name, "qb_fails_cv_%s_%s", qb_names[j], level_names[level]);
        ok &= (w->fails_cv[j] = row(res, name)) >= 0;
        snprintf(name, sizeof name, "qb_schools_missing_%s_%s", qb_names[j], level_names[level]);
        ok &= (w->missing[j] = row(res, name)) >= 0;
        snprintf(name, sizeof name, "qb_failing_missing_%s_%s", qb_names[j], level_names[level]);
        ok &= (w->failing_missing[j] = row(res, name)) >= 0;
    }
    return ok;
}

/* Mean over the replications where it is defined (NaN when none is). */
static double mean_over(const ts_results *res, int ind, size_t s, size_t y, size_t g)
{
    return ts_replications_mean(res, (size_t)ind, s, y * res->n_regions + g);
}

/* A file written before the decomposition holds NaN for its rows. */
static int has_values(const ts_results *res, int ind)
{
    for (size_t s = 0; s < res->n_scenarios; s++)
        for (size_t k = 0; k < res->n_years * res->n_regions; k++)
            if (!isnan(ts_results_block(res, (size_t)ind, s, 0)[k]))
                return 1;
    return 0;
}

static const char *region_label(const ts_results *res, size_t g)
{
    const char *zh = res->labels.region_names_zh ? res->labels.region_names_zh[g] : NULL;
    return zh && *zh ? zh : res->labels.region_codes[g];
}

/* The texts of --why and --need, one set per language (docs/decisions.md).
 * The Chinese use the assessment's own terms: 优质均衡, 差异系数, 骨干教师,
 * 音体美教师, 学校标准 (every school 6 of 7 indicators), 交流轮岗. */
typedef struct {
    const char *intro, *title, *level[2], *year, *cols[9], *headings[9], *in_year, *at, *not_scored, *fails, *stop,
        *rule, *first_below, *next_below, *fall_short, *cv_first, *cv_next, *cv_ok, *rotation, *words[3], *cv_names[3];
} why_text;

static const why_text why_texts[TS_LANG_COUNT] = {
    {"\nWhy counties fail the teacher part of the quality-balance assessment (优质均衡). Columns: the level "
     "failing;\neach difference coefficient (差异系数) over its limit; the school rule (every school 6 of 7 "
     "indicators,\nthe rest at 85 %); the rotation condition (交流轮岗 10 %, 20 % backbone); then the mean "
     "share of schools\nbelow each threshold per 100 pupils (qualified, backbone 骨干教师, PE/music/art).\n",
     "%s, %s schools, scenario %s, %zu replications: share of replications failing",
     {"primary", "junior"},
     "year",
     {"level", "CV qua", "CV bac", "CV p/a", "rule", "rotat", "below qua", "below bac", "below p/a"},
     {"level fails (share of replications)", "CV qualified over limit (share)", "CV backbone over limit (share)",
      "CV PE/music/art over limit (share)", "school rule fails (share)", "rotation condition fails (share)",
      "schools below qualified (mean share)", "schools below backbone (mean share)",
      "schools below PE/music/art (mean share)"},
     "\nIn %d, scenario %s:\n",
     "  %s %s %d: ",
     "not scored.\n",
     "fails in %.0f %% of replications",
     ".\n",
     "; the school rule fails in %.0f %% because, on average, ",
     "%.0f %% of its schools are below the threshold for %s",
     ", %.0f %% for %s",
     "its schools fall short",
     "; difference coefficients over their limit: %s %.0f %%",
     ", %s %.0f %%",
     "; its difference coefficients are within their limits",
     "; the rotation condition fails in %.0f %%",
     {"qualified teachers", "backbone teachers", "PE, music and art teachers"},
     {"qualified", "backbone", "pe_art"}},
    {"\n各县市区未通过义务教育优质均衡发展督导评估教师指标的原因。各列：该学段未通过；各项校际差异系数超标；\n"
     "学校标准（每所学校至少 6 项指标达到要求，其余不低于要求的 85%）未达到；交流轮岗条件（交流轮岗教师\n"
     "不低于符合条件教师的 10%，其中骨干教师不低于 20%）未达到；以及每百名学生拥有高于规定学历教师数、\n"
     "县级以上骨干教师数、音体美专任教师数未达到要求的学校的平均占比。\n",
     "%s，%s，方案 %s，%zu 次重复模拟：未通过的重复模拟占比",
     {"小学", "初中"},
     "年份",
     {"未通过", "学历差异系数", "骨干差异系数", "音体美差异系数", "学校标准", "交流轮岗", "学历未达标", "骨干未达标",
      "音体美未达标"},
     {"未通过优质均衡教师指标（占比）", "高于规定学历教师数差异系数超标（占比）", "骨干教师数差异系数超标（占比）",
      "音体美专任教师数差异系数超标（占比）", "有学校未达到学校标准（占比）", "交流轮岗条件未达到（占比）",
      "高于规定学历教师数未达标的学校占比", "骨干教师数未达标的学校占比", "音体美专任教师数未达标的学校占比"},
     "\n%d 年，方案 %s：\n",
     "  %s%s %d 年：",
     "未评估。\n",
     "在 %.0f%% 的重复模拟中未通过",
     "。\n",
     "；学校标准在 %.0f%% 的重复模拟中未达到，原因是",
     "平均 %.0f%% 的学校%s未达标",
     "，%.0f%% 的学校%s未达标",
     "有学校未达标",
     "；差异系数超标：%s %.0f%%",
     "，%s %.0f%%",
     "；各项差异系数均在限值之内",
     "；交流轮岗条件在 %.0f%% 的重复模拟中未达到",
     {"高于规定学历教师数", "县级以上骨干教师数", "音体美专任教师数"},
     {"高于规定学历教师", "骨干教师", "音体美教师"}},
};

typedef struct {
    const char *intro, *title, *subject, *hires, *median, *q05, *q95, *hires_heading;
} need_text;

static const need_text need_texts[TS_LANG_COUNT] = {
    {"\nRecruitment need by subject: posts of the subject not held by an established or targeted teacher of\n"
     "that subject (vacant, held by a temporary, or held out of field), at the start of each school year.\n",
     "%s, scenario %s: recruitment need by subject (招聘需求) over %zu replications, median [5-95 %%]", "subject",
     " | hires %d-%d (median)", "%d median", "%d 5%%", "%d 95%%", "%d hires (median)"},
    {"\n分学科招聘需求：各学科岗位中未由本学科在编教师或公费定向师范生任教的岗位数（空岗、由临聘教师任教或\n"
     "由非本学科教师任教），按每学年开学时计。\n",
     "%s，方案 %s：分学科招聘需求，%zu 次重复模拟，中位数 [5–95%%]", "学科", " | 新招聘教师 %d–%d 年（中位数）",
     "%d 年中位数", "%d 年 5%%分位数", "%d 年 95%%分位数", "%d 年新招聘教师（中位数）"},
};

static ts_status why_table(const ts_view *v, const ts_results *res, const why_rows *w, size_t s, size_t g, int level,
                           ts_error *err)
{
    const why_text *tx = &why_texts[v->lang];
    char region[256];
    ts_summary_region_text(res, g, v->lang, 1, region, sizeof region);
    ts_table *t =
        ts_table_new("why-%s-%s-%s", res->labels.scenario_names[s], res->labels.region_codes[g], level_names[level]);
    if (!t)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    ts_table_sheet(t, "why-s%zu-%s-%s", s + 1, res->labels.region_codes[g], level_names[level]);
    ts_table_title(t, tx->title, region, tx->level[level], res->labels.scenario_names[s], res->n_replications);
    static const char *const seps[9] = {" ", " | ", " ", " ", " | ", " ", " | ", " ", " "};
    ts_table_add_col(t, TS_COL_BOTH, "", 6, 1, tx->year, NULL);
    for (int k = 0; k < 9; k++)
        ts_table_add_col(t, TS_COL_BOTH, seps[k], k < 6 ? 6 : 9, 0, tx->cols[k], tx->headings[k]);
    for (size_t y = 0; y < res->n_years; y++) {
        char year[16];
        snprintf(year, sizeof year, "%d", res->first_year + (int)y);
        ts_table_add_row(t);
        ts_table_number(t, 0, res->first_year + (int)y, year);
        ts_table_percent(t, 1, 1.0 - mean_over(res, w->pass, s, y, g));
        for (int j = 0; j < 3; j++)
            ts_table_percent(t, 2 + (size_t)j, mean_over(res, w->fails_cv[j], s, y, g));
        ts_table_percent(t, 5, mean_over(res, w->fails_rule, s, y, g));
        ts_table_percent(t, 6, mean_over(res, w->fails_rotation, s, y, g));
        for (int j = 0; j < 3; j++)
            ts_table_percent(t, 7 + (size_t)j, mean_over(res, w->missing[j], s, y, g));
    }
    return ts_table_emit(v, t, err);
}

/* One year of one level in a sentence a planner can quote. */
static void print_reading(const ts_view *v, const ts_results *res, const why_rows *w, size_t s, size_t g, int level,
                          size_t y)
{
    FILE *out = v->out;
    const why_text *tx = &why_texts[v->lang];
    const int year = res->first_year + (int)y;
    double fail = 1.0 - mean_over(res, w->pass, s, y, g);
    fprintf(out, tx->at, region_label(res, g), tx->level[level], year);
    if (isnan(fail)) {
        fputs(tx->not_scored, out);
        return;
    }
    fprintf(out, tx->fails, 100.0 * fail);
    if (!(fail > 0.0)) {
        fputs(tx->stop, out);
        return;
    }
    double rule = mean_over(res, w->fails_rule, s, y, g);
    if (rule > 0.0) {
        /* the indicators that hold schools back, most missed first */
        int order[3] = {0, 1, 2};
        double m[3];
        for (int j = 0; j < 3; j++)
            m[j] = mean_over(res, w->missing[j], s, y, g);
        for (int a = 0; a < 3; a++)
            for (int b = a + 1; b < 3; b++)
                if (m[order[b]] > m[order[a]]) {
                    int t = order[a];
                    order[a] = order[b];
                    order[b] = t;
                }
        fprintf(out, tx->rule, 100.0 * rule);
        int said = 0;
        for (int k = 0; k < 3; k++)
            if (m[order[k]] >= 0.005) /* what rounds to 0 % says nothing */
                fprintf(out, said++ ? tx->next_below : tx->first_below, 100.0 * m[order[k]], tx->words[order[k]]);
        if (!said)
            fputs(tx->fall_short, out);
    }
    int over = 0;
    for (int j = 0; j < 3; j++) {
        double cv = mean_over(res, w->fails_cv[j], s, y, g);
        if (cv > 0.0)
            fprintf(out, over++ ? tx->cv_next : tx->cv_first, tx->cv_names[j], 100.0 * cv);
    }
    if (!over)
        fputs(tx->cv_ok, out);
    double rot = mean_over(res, w->fails_rotation, s, y, g);
    if (rot > 0.0)
        fprintf(out, tx->rotation, 100.0 * rot);
    fputs(tx->stop, out);
}

/* The scenario named (NULL: every one) and the region (a code or Chinese
 * name; NULL or ALL: every county), as index ranges. */
static ts_status pick(const ts_results *res, const char *region, const char *scenario, int counties_for_all, size_t *s0,
                      size_t *s1, size_t *g0, size_t *g1, ts_error *err)
{
    int g = ts_labels_region(res, region, err);
    if (g < 0)
        return TS_ERR_USAGE;
    const size_t all = res->n_regions - 1;
    *g0 = (size_t)g;
    *g1 = (size_t)g + 1;
    if ((size_t)g == all && counties_for_all) {
        *g0 = 0;
        *g1 = all;
    }
    *s0 = 0;
    *s1 = res->n_scenarios;
    if (scenario) {
        size_t k = 0;
        while (k < res->n_scenarios && strcmp(res->labels.scenario_names[k], scenario) != 0)
            k++;
        if (k == res->n_scenarios)
            return ts_error_set(err, TS_ERR_USAGE, "unknown scenario '%s'", scenario);
        *s0 = k;
        *s1 = k + 1;
    }
    return TS_OK;
}

ts_status ts_summary_view_why(const ts_view *v, const ts_results *res, const char *region, const char *scenario,
                              int year, ts_error *err)
{
    why_rows w[2];
    if (!find_rows(res, 0, &w[0]) || !find_rows(res, 1, &w[1]) || !has_values(res, w[0].fails_rule))
        return ts_error_set(err, TS_ERR_INPUT,
                            "this results file has no failure decomposition (the qb_fails_* indicators): it was "
                            "written by an earlier teachsim; run its scenarios again");
    size_t s0, s1, g0, g1;
    if (pick(res, region, scenario, 1, &s0, &s1, &g0, &g1, err) != TS_OK)
        return err->status;
    size_t y = res->n_years - 1;
    if (year != 0) {
        if (year < res->first_year || year >= res->first_year + (int)res->n_years)
            return ts_error_set(err, TS_ERR_USAGE, "--year %d is outside the file's years %d-%d", year, res->first_year,
                                res->first_year + (int)res->n_years - 1);
        y = (size_t)(year - res->first_year);
    }
    const why_text *tx = &why_texts[v->lang];
    fputs(tx->intro, v->out);
    for (size_t s = s0; s < s1; s++) {
        for (size_t g = g0; g < g1; g++)
            for (int level = 0; level < 2; level++)
                if (why_table(v, res, &w[level], s, g, level, err) != TS_OK)
                    return err->status;
        fprintf(v->out, tx->in_year, res->first_year + (int)y, res->labels.scenario_names[s]);
        for (size_t g = g0; g < g1; g++)
            for (int level = 0; level < 2; level++)
                print_reading(v, res, &w[level], s, g, level, y);
    }
    return TS_OK;
}

/* 5, 50 and 95 % points over replications of one cell. */
static void band(const ts_results *res, int ind, size_t s, size_t y, size_t g, double *buf, double q[3])
{
    ts_replications_points(buf, ts_replications_values(res, (size_t)ind, s, y * res->n_regions + g, buf), q);
}

static ts_status need_table(const ts_view *v, const ts_results *res, const int *need, const int *hires, size_t s,
                            size_t g, size_t years, double *buf, ts_error *err)
{
    const need_text *tx = &need_texts[v->lang];
    char region[256], text[256];
    ts_summary_region_text(res, g, v->lang, 1, region, sizeof region);
    ts_table *t = ts_table_new("need-%s-%s", res->labels.scenario_names[s], res->labels.region_codes[g]);
    if (!t)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    ts_table_sheet(t, "need-s%zu-%s", s + 1, res->labels.region_codes[g]);
    ts_table_title(t, tx->title, region, res->labels.scenario_names[s], res->n_replications);
    /* A printed cell "median [5-95]" is three data columns; the hires have
     * one heading over their columns, so the header line is written here. */
    ts_table_add_col(t, TS_COL_BOTH, "", 8, 1, tx->subject, NULL);
    for (size_t y = 0; y < years; y++) {
        const int year = res->first_year + (int)y;
        char h[3][96];
        snprintf(h[0], sizeof h[0], tx->median, year);
        snprintf(h[1], sizeof h[1], tx->q05, year);
        snprintf(h[2], sizeof h[2], tx->q95, year);
        ts_table_add_col(t, TS_COL_BOTH, " ", 17, 0, NULL, h[0]);
        ts_table_add_col(t, TS_COL_DATA, "", 0, 0, NULL, h[1]);
        ts_table_add_col(t, TS_COL_DATA, "", 0, 0, NULL, h[2]);
    }
    for (size_t y = 0; y < years; y++) {
        snprintf(text, sizeof text, tx->hires_heading, res->first_year + (int)y);
        ts_table_add_col(t, TS_COL_BOTH, y ? " " : " | ", 5, 0, NULL, text);
    }
    char *line = NULL;
    size_t len = 0;
    FILE *h = open_memstream(&line, &len);
    if (h) {
        fputs("  ", h);
        ts_text_pad(h, tx->subject, 8, 1);
        for (size_t y = 0; y < years; y++)
            fprintf(h, " %17d", res->first_year + (int)y);
        fprintf(h, tx->hires, res->first_year, res->first_year + (int)years - 1);
        fclose(h);
    }
    if (line)
        ts_table_header(t, line);
    else
        t->failed = 1;
    free(line);
    for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
        ts_table_add_row(t);
        ts_table_text(t, 0, v->lang == TS_LANG_ZH ? ts_subject_names_zh[k] : ts_subject_codes[k]);
        for (size_t y = 0; y < years; y++) {
            double q[3];
            band(res, need[k], s, y, g, buf, q);
            if (isnan(q[1]))
                snprintf(text, sizeof text, "-");
            else
                snprintf(text, sizeof text, "%.0f [%.0f-%.0f]", q[1], q[0], q[2]);
            ts_table_number(t, 1 + 3 * y, q[1], text);
            ts_table_number(t, 2 + 3 * y, q[0], NULL);
            ts_table_number(t, 3 + 3 * y, q[2], NULL);
        }
        for (size_t y = 0; y < years; y++) {
            double q[3];
            band(res, hires[k], s, y, g, buf, q);
            ts_table_fixed(t, 1 + 3 * years + y, q[1], 0);
        }
    }
    return ts_table_emit(v, t, err);
}

ts_status ts_summary_view_need(const ts_view *v, const ts_results *res, const char *region, const char *scenario,
                               int years, ts_error *err)
{
    int need[TS_SUBJECT_COUNT], hires[TS_SUBJECT_COUNT], ok = 1;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
        char name[128];
        snprintf(name, sizeof name, "subjects/specialist_need/%s", ts_subject_codes[k]);
        ok &= (need[k] = ts_results_indicator_index(res, name)) >= 0;
        snprintf(name, sizeof name, "subjects/hires/%s", ts_subject_codes[k]);
        ok &= (hires[k] = ts_results_indicator_index(res, name)) >= 0;
    }
    if (!ok || !has_values(res, need[0]))
        return ts_error_set(err, TS_ERR_INPUT,
                            "this results file has no results by subject (group subjects/): it was written by an "
                            "earlier teachsim; run its scenarios again");
    size_t s0, s1, g0, g1;
    if (pick(res, region, scenario, 0, &s0, &s1, &g0, &g1, err) != TS_OK)
        return err->status;
    if (!region)
        g0 = 0; /* every county, then ALL */
    size_t n_years = years > 0 && (size_t)years < res->n_years ? (size_t)years : res->n_years;
    double *buf = malloc((res->n_replications + 1) * sizeof *buf);
    if (!buf)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    fputs(need_texts[v->lang].intro, v->out);
    ts_status st = TS_OK;
    for (size_t s = s0; st == TS_OK && s < s1; s++)
        for (size_t g = g0; st == TS_OK && g < g1; g++)
            st = need_table(v, res, need, hires, s, g, n_years, buf, err);
    free(buf);
    return st;
}
