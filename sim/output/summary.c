/* summary.c: by-year tables of mean and 5-95 % bands (summary.h). */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicator_zh.h"
#include "labels.h"
#include "replications.h"
#include "results_h5_columns.h"
#include "targets.h"

#define Z95 1.959964 /* the normal distribution's 97.5 % point, as the Wilson intervals use */

const char *const ts_summary_default_metrics[] = {
    "teachers", "vacancies",     "rural_vacancies",        "vacancies_temporary",
    "surplus",  "rotating_away", "rural_share_age_50plus", "pupil_teacher_ratio"};
const size_t ts_summary_default_metric_count = sizeof ts_summary_default_metrics / sizeof ts_summary_default_metrics[0];

static int find_label(char *const *labels, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (labels[i] && strcmp(labels[i], name) == 0)
            return (int)i;
    return -1;
}

static void list_labels(char *buf, size_t cap, char *const *labels, size_t n)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && at + 1 < cap; i++)
        at += (size_t)snprintf(buf + at, cap - at, "%s%s", i ? ", " : "", labels[i]);
}

/* An indicator's units as a reader says them: a dimensionless value ("1" in
 * the file) is a share. */
static const char *units_text(const ts_indicator_def *d)
{
    return d->units && strcmp(d->units, "1") != 0 ? d->units : "share";
}

static const char *indicator_name(const ts_indicator_def *d, ts_lang lang)
{
    const char *zh = lang == TS_LANG_ZH ? ts_indicator_long_name_zh(d->name) : NULL;
    return zh ? zh : d->long_name;
}

static const char *indicator_units(const ts_indicator_def *d, ts_lang lang)
{
    const char *zh = lang == TS_LANG_ZH ? ts_indicator_units_zh(d->name) : NULL;
    return zh ? zh : units_text(d);
}

const char *ts_summary_region_text(const ts_results *res, size_t g, ts_lang lang, int both, char *buf, size_t cap)
{
    const char *code = res->labels.region_codes[g];
    const char *zh = res->labels.region_names_zh ? res->labels.region_names_zh[g] : NULL;
    if (!zh || !*zh)
        snprintf(buf, cap, "%s", code);
    else if (lang == TS_LANG_ZH)
        snprintf(buf, cap, "%s（%s）", zh, code);
    else if (both)
        snprintf(buf, cap, "%s (%s)", zh, code);
    else
        snprintf(buf, cap, "%s", code);
    return buf;
}

/* The texts of the bands, the targets and the paired differences, one set
 * per language (docs/decisions.md: the summary in Chinese). The titles take
 * their arguments in the English order; the Chinese ones reorder them with
 * POSIX positional arguments. */
typedef struct {
    const char *title, *year, *mean, *q05, *median, *q95, *h_q05, *h_q95;
} bands_text;

static const bands_text bands_texts[TS_LANG_COUNT] = {
    {"%s, %s (%s), scenario %s, %zu replications", "year", "mean", "5%", "median", "95%", "5%", "95%"},
    {"%1$s（%3$s），%2$s，方案 %4$s，%5$zu 次重复模拟", "年份", "均值", "5%", "中位数", "95%", "5%分位数", "95%分位数"},
};

typedef struct {
    const char *title, *target, *scenario, *probability, *interval, *low, *high, *met, *met_n, *reps, *definition,
        *not_target, *not_evaluated;
} targets_text;

static const targets_text targets_texts[TS_LANG_COUNT] = {
    {"Targets: probability of meeting each over the replications, with its 95 % Wilson interval", "target", "scenario",
     "probability", "95% interval", "95% low", "95% high", "met", "replications met", "replications", "definition",
     "(not a target of this scenario)", " (year outside the horizon: not evaluated)"},
    {"目标：各目标在重复模拟中的达成概率及其 95% Wilson 区间", "目标", "方案", "达成概率", "95%区间", "95%区间下限",
     "95%区间上限", "达成次数", "达成的重复模拟数", "重复模拟数", "目标定义", "（不是本方案的目标）",
     "（年份在模拟期之外：未评估）"},
};

typedef struct {
    const char *title, *note, *year, *difference, *se, *ci_low, *ci_high, *ci_ex0, *spread_low, *spread_high,
        *spread_ex0, *yes, *no;
} compare_text;

static const compare_text compare_texts[TS_LANG_COUNT] = {
    {"%s, %s (%s): %s, %zu paired replications",
     "  mean difference: its standard error (SE) and 95 % confidence interval, mean +/- 1.96 SE (normal "
     "approximation);\n  spread: the 5 % and 95 % points of the per-replication differences (90 % of single "
     "futures), not a confidence interval",
     "year", "difference", "SE", "95% CI low", "95% CI high", "CI ex 0", "spread 5%", "spread 95%", "spread ex 0",
     "yes", "no"},
    {"%1$s（%3$s），%2$s：%4$s，%5$zu 次配对重复模拟",
     "  均值差：其标准误（SE）与 95% 置信区间，均值 ± 1.96 SE（正态近似）；\n"
     "  离散：各次重复模拟差值的 5% 与 95% 分位数（90% 的单次未来），不是置信区间",
     "年份", "均值差", "标准误", "95%置信下限", "95%置信上限", "区间不含0", "离散5%", "离散95%", "离散不含0", "是",
     "否"},
};

/* Where a bands table takes its numbers: the replications held in memory,
 * or a results file read column by column (results_h5_columns.h). */
typedef struct {
    const char *path; /* NULL: res holds the replications */
    double *buf;      /* room for n_replications (in memory) */
    ts_band *bands;   /* room for n_years */
} bands_source;

static ts_status bands_of(const bands_source *src, const ts_results *res, size_t ind, size_t s, size_t g, ts_error *err)
{
    if (src->path)
        return ts_results_file_bands(src->path, res, ind, s, g, TS_COLUMN_BUDGET_BYTES, src->bands, err);
    for (size_t y = 0; y < res->n_years; y++)
        ts_replications_band(res, ind, s, y * res->n_regions + g, src->buf, &src->bands[y]);
    return TS_OK;
}

static ts_status bands_table(const ts_view *v, const ts_results *res, size_t ind, size_t s, size_t g,
                             const bands_source *src, ts_error *err)
{
    const ts_indicator_def *d = &res->indicators[ind];
    const bands_text *tx = &bands_texts[v->lang];
    const int whole = d->kind == TS_VALUE_COUNT;
    ts_status st = bands_of(src, res, ind, s, g, err);
    if (st != TS_OK)
        return st;
    char region[256];
    ts_summary_region_text(res, g, v->lang, 0, region, sizeof region);
    ts_table *t = ts_table_new("bands-%s-%s-%s", res->labels.scenario_names[s], res->labels.region_codes[g], d->name);
    if (!t)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    ts_table_sheet(t, "bands-s%zu-%s-%s", s + 1, res->labels.region_codes[g], d->name);
    ts_table_title(t, tx->title, indicator_name(d, v->lang), region, indicator_units(d, v->lang),
                   res->labels.scenario_names[s], res->n_replications);
    ts_table_add_col(t, TS_COL_BOTH, "", 6, 1, tx->year, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->mean, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->q05, tx->h_q05);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->median, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->q95, tx->h_q95);
    for (size_t y = 0; y < res->n_years; y++) {
        const ts_band *b = &src->bands[y];
        char year[16];
        snprintf(year, sizeof year, "%d", res->first_year + (int)y);
        ts_table_add_row(t);
        ts_table_number(t, 0, res->first_year + (int)y, year);
        if (b->n == 0) {
            for (size_t k = 1; k <= 4; k++)
                ts_table_number(t, k, NAN, "-");
            continue;
        }
        const double q[4] = {b->mean, b->q[0], b->q[1], b->q[2]};
        for (int k = 0; k < 4; k++)
            ts_table_fixed(t, (size_t)k + 1, q[k], whole ? (k > 0 ? 0 : 1) : 4);
    }
    return ts_table_emit(v, t, err);
}

static ts_status view_bands(const ts_view *v, const ts_results *res, const char *path, const char *const *metrics,
                            size_t n_metrics, const char *region, const char *scenario, ts_error *err)
{
    char known[4096];
    int g = ts_labels_region(res, region, err);
    if (g < 0)
        return TS_ERR_USAGE;
    int only = -1;
    if (scenario && (only = find_label(res->labels.scenario_names, res->n_scenarios, scenario)) < 0) {
        list_labels(known, sizeof known, res->labels.scenario_names, res->n_scenarios);
        return ts_error_set(err, TS_ERR_USAGE, "unknown scenario '%s'; the file has: %s", scenario, known);
    }
    int *index = calloc(n_metrics + 1, sizeof *index);
    bands_source src = {.path = path,
                        .buf = path ? NULL : malloc((res->n_replications + 1) * sizeof *src.buf),
                        .bands = malloc((res->n_years + 1) * sizeof *src.bands)};
    ts_status st = (index && src.bands && (path || src.buf)) ? TS_OK : ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    for (size_t m = 0; st == TS_OK && m < n_metrics; m++) {
        if ((index[m] = ts_labels_metric(res, metrics[m], err)) < 0)
            st = TS_ERR_USAGE;
    }
    for (size_t s = 0; st == TS_OK && s < res->n_scenarios; s++) {
        if (only >= 0 && (size_t)only != s)
            continue;
        for (size_t m = 0; st == TS_OK && m < n_metrics; m++)
            st = bands_table(v, res, (size_t)index[m], s, (size_t)g, &src, err);
    }
    free(index);
    free(src.buf);
    free(src.bands);
    return st;
}

ts_status ts_summary_view_bands(const ts_view *v, const ts_results *res, const char *const *metrics, size_t n_metrics,
                                const char *region, const char *scenario, ts_error *err)
{
    return view_bands(v, res, NULL, metrics, n_metrics, region, scenario, err);
}

ts_status ts_summary_print_file(FILE *out, const ts_results *shape, const char *path, const char *const *metrics,
                                size_t n_metrics, const char *region, ts_error *err)
{
    const ts_view v = {.out = out, .lang = TS_LANG_EN};
    return view_bands(&v, shape, path, metrics, n_metrics, region, NULL, err);
}

/* ---- targets and paired differences ------------------------------------------ */

void ts_summary_print_targets(FILE *out, const ts_results *res)
{
    const ts_view v = {.out = out, .lang = TS_LANG_EN};
    ts_error quiet = {0};
    ts_summary_view_targets(&v, res, &quiet);
}

ts_status ts_summary_view_targets(const ts_view *v, const ts_results *res, ts_error *err)
{
    if (res->targets.n == 0)
        return TS_OK;
    const targets_text *tx = &targets_texts[v->lang];
    ts_table *t = ts_table_new("targets");
    if (!t)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    ts_table_title(t, "%s", tx->title);
    /* The printed interval and count are one column each; the data has their numbers. */
    size_t c_target = ts_table_add_col(t, TS_COL_BOTH, "", 6, 1, tx->target, NULL);
    t->cols[c_target].grow = 1;
    size_t c_scen = ts_table_add_col(t, TS_COL_BOTH, "  ", 8, 1, tx->scenario, NULL);
    t->cols[c_scen].grow = 1;
    size_t c_prob = ts_table_add_col(t, TS_COL_BOTH, "  ", 11, 0, tx->probability, NULL);
    size_t c_lo = ts_table_add_col(t, TS_COL_DATA, "", 0, 0, tx->low, NULL);
    size_t c_hi = ts_table_add_col(t, TS_COL_DATA, "", 0, 0, tx->high, NULL);
    size_t c_interval = ts_table_add_col(t, TS_COL_PRINT, "  ", 16, 1, tx->interval, NULL);
    size_t c_k = ts_table_add_col(t, TS_COL_DATA, "", 0, 0, tx->met_n, NULL);
    size_t c_n = ts_table_add_col(t, TS_COL_DATA, "", 0, 0, tx->reps, NULL);
    size_t c_met = ts_table_add_col(t, TS_COL_PRINT, "  ", 11, 0, tx->met, NULL);
    size_t c_def = ts_table_add_col(t, TS_COL_BOTH, "  ", 0, 1, tx->definition, NULL);
    for (size_t k = 0; k < res->targets.n; k++)
        for (size_t s = 0; s < res->n_scenarios; s++) {
            const char *def = res->targets.definitions[k * res->n_scenarios + s];
            int64_t met = 0, n = 0;
            double lo, hi, p = ts_targets_probability(res, k, s, &met, &n, &lo, &hi);
            char prob[24] = "-", interval[48] = "-", count[48] = "-", definition[1024];
            if (n > 0) {
                snprintf(prob, sizeof prob, "%.3f", p);
                snprintf(interval, sizeof interval, "[%.3f, %.3f]", lo, hi);
                snprintf(count, sizeof count, "%lld/%lld", (long long)met, (long long)n);
            } else {
                p = lo = hi = NAN;
            }
            int defined = def && def[0];
            snprintf(definition, sizeof definition, "%s%s", defined ? def : tx->not_target,
                     defined && n == 0 ? tx->not_evaluated : "");
            ts_table_add_row(t);
            ts_table_text(t, c_target, res->targets.names[k]);
            ts_table_text(t, c_scen, res->labels.scenario_names[s]);
            ts_table_number(t, c_prob, p, prob);
            ts_table_number(t, c_lo, lo, NULL);
            ts_table_number(t, c_hi, hi, NULL);
            ts_table_text(t, c_interval, interval);
            ts_table_number(t, c_k, n > 0 ? (double)met : NAN, NULL);
            ts_table_number(t, c_n, n > 0 ? (double)n : NAN, NULL);
            ts_table_text(t, c_met, count);
            ts_table_text(t, c_def, definition);
        }
    return ts_table_emit(v, t, err);
}

static const char *excludes_zero(const compare_text *tx, double lo, double hi)
{
    return isnan(lo) || isnan(hi) ? "-" : (lo > 0 || hi < 0) ? tx->yes : tx->no;
}

/* The mean's interval and the spread of the differences answer different
 * questions (is the change real; what may one future show), so the header
 * names both and says how the first is computed. Each year's row: the two
 * means, the mean difference with its standard error and 95 % interval,
 * then the spread of the differences. */
static ts_status compare_table(const ts_view *v, const ts_results *res, size_t ind, size_t c, size_t g, ts_error *err)
{
    const ts_indicator_def *d = &res->indicators[ind];
    const compare_text *tx = &compare_texts[v->lang];
    const size_t ref = res->contrasts.reference, s = res->contrasts.scenario[c];
    const int decimals = d->kind == TS_VALUE_COUNT ? 1 : 4;
    char region[256];
    ts_summary_region_text(res, g, v->lang, 0, region, sizeof region);
    ts_table *t = ts_table_new("compare-%s-vs-%s-%s-%s", res->labels.scenario_names[s], res->labels.scenario_names[ref],
                               res->labels.region_codes[g], d->name);
    if (!t)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    ts_table_sheet(t, "compare-s%zu-s%zu-%s-%s", s + 1, ref + 1, res->labels.region_codes[g], d->name);
    ts_table_title(t, tx->title, indicator_name(d, v->lang), region, indicator_units(d, v->lang),
                   res->contrasts.labels[c], res->n_replications);
    size_t len = strlen(t->title ? t->title : "") + strlen(tx->note) + 2;
    char *title = t->title ? malloc(len) : NULL;
    if (title)
        snprintf(title, len, "%s\n%s", t->title, tx->note);
    free(t->title);
    t->title = title;
    t->failed |= !title;
    ts_table_add_col(t, TS_COL_BOTH, "", 6, 1, tx->year, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 10, 0, res->labels.scenario_names[ref], NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 10, 0, res->labels.scenario_names[s], NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->difference, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->se, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->ci_low, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->ci_high, NULL);
    ts_table_add_col(t, TS_COL_BOTH, "  ", 7, 1, tx->ci_ex0, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->spread_low, NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, tx->spread_high, NULL);
    ts_table_add_col(t, TS_COL_BOTH, "  ", 0, 1, tx->spread_ex0, NULL);
    for (size_t y = 0; y < res->n_years; y++) {
        const size_t cell = y * res->n_regions + g;
        double mean = ts_results_contrast_block(res, TS_STAT_MEAN, ind, c)[cell];
        double se = ts_results_contrast_block(res, TS_STAT_SE, ind, c)[cell];
        double lo = ts_results_contrast_block(res, TS_STAT_Q05, ind, c)[cell];
        double hi = ts_results_contrast_block(res, TS_STAT_Q95, ind, c)[cell];
        double ci_lo = mean - Z95 * se, ci_hi = mean + Z95 * se;
        char year[16];
        snprintf(year, sizeof year, "%d", res->first_year + (int)y);
        ts_table_add_row(t);
        ts_table_number(t, 0, res->first_year + (int)y, year);
        ts_table_fixed(t, 1, ts_replications_mean(res, ind, ref, cell), decimals);
        ts_table_fixed(t, 2, ts_replications_mean(res, ind, s, cell), decimals);
        ts_table_fixed(t, 3, mean, decimals);
        ts_table_fixed(t, 4, se, decimals + 1);
        ts_table_fixed(t, 5, ci_lo, decimals);
        ts_table_fixed(t, 6, ci_hi, decimals);
        ts_table_text(t, 7, excludes_zero(tx, ci_lo, ci_hi));
        ts_table_fixed(t, 8, lo, decimals);
        ts_table_fixed(t, 9, hi, decimals);
        ts_table_text(t, 10, excludes_zero(tx, lo, hi));
    }
    return ts_table_emit(v, t, err);
}

ts_status ts_summary_view_compare(const ts_view *v, const ts_results *res, const char *const *metrics, size_t n_metrics,
                                  const char *region, ts_error *err)
{
    if (res->contrasts.n == 0 || !res->contrasts.stats)
        return ts_error_set(err, TS_ERR_USAGE,
                            "this file has no paired differences (group comparison/): it holds %zu scenario%s; run "
                            "two or more scenarios together to compare them",
                            res->n_scenarios, res->n_scenarios == 1 ? "" : "s");
    int g = ts_labels_region(res, region, err);
    if (g < 0)
        return TS_ERR_USAGE;
    for (size_t m = 0; m < n_metrics; m++)
        if (ts_labels_metric(res, metrics[m], err) < 0)
            return TS_ERR_USAGE;
    ts_status st = TS_OK;
    for (size_t m = 0; st == TS_OK && m < n_metrics; m++)
        for (size_t c = 0; st == TS_OK && c < res->contrasts.n; c++)
            st = compare_table(v, res, (size_t)ts_results_indicator_index(res, metrics[m]), c, (size_t)g, err);
    return st;
}
