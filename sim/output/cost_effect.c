/*
 * cost_effect.c: yuan per unit of outcome from the paired differences
 * (cost_effect.h).
 *
 * The mean of a sum over years is the sum of the years' means, so the
 * ratios are computed from the comparison statistics alone: Δcost summed
 * over the years over the rural-vacancy-years avoided (minus Δrural_vacancies
 * summed over the years), and Δcost_total_cumulative of the last year over
 * the schools brought up to the rule in the last year (Δqb_schools_meeting_rule).
 * A ratio is only a cost per unit gained: where the outcome does not improve
 * it is not defined, whatever the cost (docs/comparison.md).
 */
#include "cost_effect.h"

#include <math.h>
#include <string.h>

#include "labels.h"
#include "summary.h"

/* Sum over the years (all of them: last 0) or the value of the last year
 * (last 1) of the mean difference of `name` in one contrast and region; NaN
 * when the indicator is not in res. */
static double mean_difference(const ts_results *res, const char *name, size_t contrast, size_t region, int last,
                              int *present)
{
    int i = ts_results_indicator_index(res, name);
    *present = i >= 0;
    if (i < 0 || res->n_years == 0)
        return NAN;
    const double *mean = ts_results_contrast_block(res, TS_STAT_MEAN, (size_t)i, contrast);
    if (last)
        return mean[(res->n_years - 1) * res->n_regions + region];
    double sum = 0.0;
    for (size_t y = 0; y < res->n_years; y++)
        sum += mean[y * res->n_regions + region];
    return sum;
}

void ts_cost_effect_compute(const ts_results *res, size_t contrast, size_t region, ts_cost_effect *out)
{
    int cost, cumulative, vacancies, schools;
    out->cost = mean_difference(res, "cost_total", contrast, region, 0, &cost);
    out->cost_cumulative = mean_difference(res, "cost_total_cumulative", contrast, region, 1, &cumulative);
    /* 0.0 - x, not -x: no difference is 0 avoided, not -0 */
    out->vacancy_years_avoided = 0.0 - mean_difference(res, "rural_vacancies", contrast, region, 0, &vacancies);
    out->schools_gained = mean_difference(res, "qb_schools_meeting_rule", contrast, region, 1, &schools);
    out->has_costs = cost && cumulative && vacancies;
    out->has_schools = schools;
    /* "x > 0" is false for NaN, so a NaN outcome is not defined either. */
    out->yuan_per_vacancy_year =
        out->has_costs && out->vacancy_years_avoided > 0 ? out->cost / out->vacancy_years_avoided : NAN;
    out->yuan_per_school =
        out->has_costs && schools && out->schools_gained > 0 ? out->cost_cumulative / out->schools_gained : NAN;
}

/* The texts of the cost per outcome, one set per language (docs/decisions.md). */
typedef struct {
    const char *title, *no_costs, *cost, *per_ratio, *not_defined, *outcome_nan, *no_improvement, *ratio, *no_trade_off,
        *vacancy_unit, *school_unit, *no_schools, *cumulative, *h[7];
} cost_text;

static const cost_text cost_texts[TS_LANG_COUNT] = {
    {"\nCost per unit of outcome, %s, %d-%d (mean paired differences over %zu replications)\n",
     "    the results have no costs (cost_total, cost_total_cumulative, rural_vacancies)\n",
     "    cost, summed over the years: %+.0f yuan; rural vacancy-years avoided: %.1f\n",
     "per %s: ",
     "not defined (%s)\n",
     "the outcome is NaN",
     "the outcome does not improve",
     "that is %.0f yuan per %s%s\n",
     " (it costs less and the outcome improves: no trade-off)",
     "rural vacancy-year avoided",
     "school brought up to the rule",
     "    schools brought up to the rule: the results have no qb_schools_meeting_rule\n",
     "    cumulative cost by %d: %+.0f yuan; schools brought up to the rule in %d: %.2f\n",
     {"contrast", "cost summed over the years (yuan)", "rural vacancy-years avoided",
      "yuan per rural vacancy-year avoided", "cumulative cost in the last year (yuan)",
      "schools brought up to the rule in the last year", "yuan per school brought up to the rule"}},
    {"\n单位成效成本，%s，%d–%d 年（%zu 次配对重复模拟差值的均值）\n",
     "    结果中没有成本（cost_total、cost_total_cumulative、rural_vacancies）\n",
     "    各年成本合计：%+.0f 元；减少的乡村学校空岗·年：%.1f\n",
     "每%s：",
     "无定义（%s）\n",
     "成效为 NaN",
     "成效没有改善",
     "即每%2$s %1$.0f 元%3$s\n",
     "（成本更低且成效改善：无需取舍）",
     "减少一个乡村学校空岗·年",
     "多一所学校达到学校标准",
     "    达到学校标准的学校：结果中没有 qb_schools_meeting_rule\n",
     "    至 %d 年累计成本：%+.0f 元；%d 年新增达到学校标准的学校：%.2f 所\n",
     {"对比", "各年成本合计（元）", "减少的乡村学校空岗·年", "每减少一个乡村学校空岗·年的成本（元）",
      "末年累计成本（元）", "末年新增达到学校标准的学校数", "每多一所学校达到学校标准的成本（元）"}},
};

/* A ratio, or why it is not defined. */
static void print_ratio(FILE *out, const cost_text *tx, double ratio, double gained, const char *unit)
{
    if (isnan(ratio)) {
        fprintf(out, tx->per_ratio, unit);
        fprintf(out, tx->not_defined, isnan(gained) ? tx->outcome_nan : tx->no_improvement);
    } else {
        fprintf(out, tx->ratio, ratio, unit, ratio < 0 ? tx->no_trade_off : "");
    }
}

ts_status ts_cost_effect_print(FILE *out, const ts_results *res, const char *region, ts_error *err)
{
    const ts_view v = {.out = out, .lang = TS_LANG_EN};
    return ts_cost_effect_view(&v, res, region, err);
}

ts_status ts_cost_effect_view(const ts_view *v, const ts_results *res, const char *region, ts_error *err)
{
    if (res->contrasts.n == 0 || !res->contrasts.stats)
        return TS_OK;
    /* By code or Chinese name, as the tables before it (labels.h). */
    ts_error quiet = {0};
    int found = ts_labels_region(res, region, &quiet);
    if (found < 0)
        return ts_error_set(err, TS_ERR_USAGE, "cost per outcome: no region %s in the results", region);
    const size_t g = (size_t)found;
    if (res->n_years == 0)
        return TS_OK;
    FILE *out = v->out;
    const cost_text *tx = &cost_texts[v->lang];
    const int first = res->first_year, last = res->first_year + (int)res->n_years - 1;
    char where[256];
    if (v->lang == TS_LANG_ZH)
        ts_summary_region_text(res, g, v->lang, 1, where, sizeof where);
    else
        snprintf(where, sizeof where, "%s", res->labels.region_codes[g]);
    fprintf(out, tx->title, where, first, last, res->n_replications);
    /* The lines are sentences; the same numbers are a data-only table for
     * --csv and --xlsx, built from the same ts_cost_effect. */
    ts_table *t = v->keep ? ts_table_new("cost-per-outcome-%s", res->labels.region_codes[g]) : NULL;
    if (v->keep && !t)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    if (t) { /* the heading above, without its blank line, for the sheet's A1 comment */
        char title[512];
        snprintf(title, sizeof title, tx->title, where, first, last, res->n_replications);
        title[strcspn(title + 1, "\n") + 1] = '\0';
        ts_table_title(t, "%s", title + 1);
    }
    for (int k = 0; t && k < 7; k++)
        ts_table_add_col(t, TS_COL_DATA, "", 0, 0, tx->h[k], NULL);
    for (size_t c = 0; c < res->contrasts.n; c++) {
        ts_cost_effect e;
        ts_cost_effect_compute(res, c, g, &e);
        fprintf(out, "  %s\n", res->contrasts.labels[c] ? res->contrasts.labels[c] : "?");
        if (t) {
            ts_table_add_row(t);
            ts_table_text(t, 0, res->contrasts.labels[c] ? res->contrasts.labels[c] : "?");
            ts_table_number(t, 1, e.has_costs ? e.cost : NAN, NULL);
            ts_table_number(t, 2, e.has_costs ? e.vacancy_years_avoided : NAN, NULL);
            ts_table_number(t, 3, e.yuan_per_vacancy_year, NULL);
            ts_table_number(t, 4, e.has_costs && e.has_schools ? e.cost_cumulative : NAN, NULL);
            ts_table_number(t, 5, e.has_costs && e.has_schools ? e.schools_gained : NAN, NULL);
            ts_table_number(t, 6, e.yuan_per_school, NULL);
        }
        if (!e.has_costs) {
            fputs(tx->no_costs, out);
            continue;
        }
        fprintf(out, tx->cost, e.cost, e.vacancy_years_avoided);
        fprintf(out, "      ");
        print_ratio(out, tx, e.yuan_per_vacancy_year, e.vacancy_years_avoided, tx->vacancy_unit);
        if (!e.has_schools) {
            fputs(tx->no_schools, out);
            continue;
        }
        fprintf(out, tx->cumulative, last, e.cost_cumulative, last, e.schools_gained);
        fprintf(out, "      ");
        print_ratio(out, tx, e.yuan_per_school, e.schools_gained, tx->school_unit);
    }
    if (!t)
        return TS_OK;
    /* Printed above as sentences, so only kept: a view with an empty FILE would print it twice. */
    if (t->failed) {
        ts_table_free(t);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    }
    return ts_table_keep(v->keep, t, err);
}
