/*
 * summary_sensitivity.c: printing a sensitivity study's ranking
 * (summary_sensitivity.h).
 */
#include "summary_sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicator_zh.h"
#include "table.h"
#include "teachsim/scenario_zh.h"

/* The importance that orders the inputs: NaN last. */
static double importance(const ts_sensitivity *s, size_t o, size_t i)
{
    double v = *ts_sensitivity_stat(s, s->method == TS_SENS_MORRIS ? TS_SSTAT_MU_STAR : TS_SSTAT_TOTAL, o, i);
    return isnan(v) ? -INFINITY : v;
}

void ts_summary_sensitivity_order(const ts_sensitivity *s, size_t o, size_t *order)
{
    /* Insertion sort, stable: ties keep the order of the inputs. */
    for (size_t i = 0; i < s->k; i++) {
        size_t j = i;
        while (j > 0 && importance(s, o, order[j - 1]) < importance(s, o, i)) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
}

/* The texts of the ranking, one set per language (as summary_why.c's). */
typedef struct {
    const char *morris_title, *sobol_title; /* outcome, base, k, points, replications, sd or variance */
    const char *rank, *input, *interval_95, *interval, *total, *first;
    const char *more;                         /* inputs left out */
    const char *morris_legend, *sobol_legend; /* after each outcome */
    const char *file_title;                   /* path, seed, replications, resamples */
    const char *target;                       /* a target's probability: its name */
} sens_text;

static const sens_text sens_texts[TS_LANG_COUNT] = {
    [TS_LANG_EN] =
        {
            .morris_title =
                "%s: Morris screening, %zu trajectories x %zu inputs (%zu points, %d replications each); sd of "
                "the outcome over the design %.4g\n",
            .sobol_title =
                "%s: Sobol indices, %zu base samples x %zu inputs (%zu points, %d replications each); variance "
                "of the outcome %.4g\n",
            .rank = "rank",
            .input = "input (range)",
            .interval_95 = "95 % interval",
            .interval = "interval",
            .total = "total",
            .first = "first",
            .more = "  (%zu more inputs)\n",
            .morris_legend = "  mu*: mean absolute elementary effect, in outcome units per whole range of the input; "
                             "sigma large against mu*: interactions or a non-linear effect\n",
            .sobol_legend = "  total: the share of the outcome's variance the input is involved in; first: its share "
                            "alone; total - first: its interactions\n",
            .file_title = "%s: sensitivity study, seed %u, %d replications per point, %zu bootstrap resamples\n",
            .target = "%s",
        },
    [TS_LANG_ZH] =
        {
            .morris_title = "%s：Morris 筛选，%zu 条轨迹 × %zu 个输入（%zu 个设计点，每点重复 %d 次）；结果在设计上的"
                            "标准差 %.4g\n",
            .sobol_title = "%s：Sobol 指数，%zu 个基础样本 × %zu 个输入（%zu 个设计点，每点重复 %d 次）；结果的方差 "
                           "%.4g\n",
            .rank = "排名",
            .input = "输入（范围）",
            .interval_95 = "95% 区间",
            .interval = "区间",
            .total = "总效应",
            .first = "一阶",
            .more = "  （另有 %zu 个输入未列出）\n",
            .morris_legend =
                "  mu*：基本效应绝对值的均值，单位为每个输入全范围对应的结果单位；sigma 相对 mu* 较大：有交互"
                "作用或非线性效应\n",
            .sobol_legend = "  总效应：该输入所参与的结果方差份额；一阶：其单独的份额；总效应 − 一阶：其交互作用\n",
            .file_title = "%s：敏感性分析，种子 %u，每点重复 %d 次，自助重抽样 %zu 次\n",
            .target = "目标“%s”的达成概率",
        },
};

const char *ts_outcome_text(const char *outcome, ts_lang lang, char *buf, size_t cap)
{
    const char *at = strchr(outcome, '@');
    if (lang != TS_LANG_ZH) {
        snprintf(buf, cap, "%s", outcome);
        return buf;
    }
    if (!at) { /* a target of the scenario, by name */
        snprintf(buf, cap, sens_texts[lang].target, outcome);
        return buf;
    }
    char name[128];
    size_t len = (size_t)(at - outcome) < sizeof name - 1 ? (size_t)(at - outcome) : sizeof name - 1;
    memcpy(name, outcome, len);
    name[len] = '\0';
    const char *zh = ts_indicator_long_name_zh(name);
    if (zh)
        snprintf(buf, cap, "%s（%s）", zh, outcome);
    else
        snprintf(buf, cap, "%s", outcome);
    return buf;
}

/* Print a heading padded to `width` terminal columns, after `sep`. */
static void heading(FILE *out, const char *sep, const char *text, int width, int left)
{
    fputs(sep, out);
    ts_text_pad(out, text, width, left);
}

/* Input i's label in the ranking: its key in the language, with its
 * distribution. */
static const char *input_label(const ts_sensitivity *s, size_t i, ts_lang lang, char *label, size_t size)
{
    char name[256];
    /* in Chinese the input by its key's Chinese name (scenario_zh.h) */
    snprintf(label, size, "%s (%s)",
             lang == TS_LANG_ZH ? ts_key_label_zh(s->inputs[i], name, sizeof name) : s->inputs[i], s->distributions[i]);
    return label;
}

void ts_summary_sensitivity(FILE *out, const ts_sensitivity *s, size_t top, ts_lang lang)
{
    const sens_text *tx = &sens_texts[lang];
    size_t *order = malloc(s->k * sizeof *order);
    if (!order)
        return;
    size_t shown = top && top < s->k ? top : s->k;
    int pct = (int)lround(100 * s->level);
    const char *interval = pct == 95 ? tx->interval_95 : tx->interval;
    /* The input column is 56 terminal columns, or as wide as the widest
     * label, so that a long one does not push its row's figures out of line. */
    int width = 56;
    for (size_t i = 0; i < s->k; i++) {
        char label[512];
        int w = ts_text_display_width(input_label(s, i, lang, label, sizeof label));
        width = w > width ? w : width;
    }
    for (size_t o = 0; o < s->n_outcomes; o++) {
        char outcome[512];
        ts_outcome_text(s->outcomes[o], lang, outcome, sizeof outcome);
        ts_summary_sensitivity_order(s, o, order);
        if (s->method == TS_SENS_MORRIS) {
            fprintf(out, tx->morris_title, outcome, s->n_base, s->k, s->n_points, (int)s->replications,
                    sqrt(s->variance[o]));
            heading(out, "  ", tx->rank, 4, 1);
            heading(out, " ", tx->input, width, 1);
            heading(out, " ", "mu*", 12, 0);
            heading(out, "  ", interval, 27, 1);
            heading(out, " ", "mu", 12, 0);
            heading(out, " ", "sigma", 12, 0);
        } else {
            fprintf(out, tx->sobol_title, outcome, s->n_base, s->k, s->n_points, (int)s->replications, s->variance[o]);
            heading(out, "  ", tx->rank, 4, 1);
            heading(out, " ", tx->input, width, 1);
            heading(out, " ", tx->total, 8, 0);
            heading(out, "  ", interval, 17, 1);
            heading(out, " ", tx->first, 8, 0);
            heading(out, "  ", interval, 17, 1);
        }
        fputc('\n', out);
        for (size_t r = 0; r < shown; r++) {
            size_t i = order[r];
            char label[512];
            fprintf(out, "  %-4zu ", r + 1);
            ts_text_pad(out, input_label(s, i, lang, label, sizeof label), width, 1);
            if (s->method == TS_SENS_MORRIS)
                fprintf(out, " %12.4g  [%11.4g, %11.4g] %12.4g %12.4g\n",
                        *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR_LO, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR_HI, o, i), *ts_sensitivity_stat(s, TS_SSTAT_MU, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_SIGMA, o, i));
            else
                fprintf(out, " %8.3f  [%6.3f, %6.3f]  %8.3f  [%6.3f, %6.3f]\n",
                        *ts_sensitivity_stat(s, TS_SSTAT_TOTAL, o, i), *ts_sensitivity_stat(s, TS_SSTAT_TOTAL_LO, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_TOTAL_HI, o, i), *ts_sensitivity_stat(s, TS_SSTAT_FIRST, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_FIRST_LO, o, i),
                        *ts_sensitivity_stat(s, TS_SSTAT_FIRST_HI, o, i));
        }
        if (shown < s->k)
            fprintf(out, tx->more, s->k - shown);
        fputs(s->method == TS_SENS_MORRIS ? tx->morris_legend : tx->sobol_legend, out);
    }
    free(order);
}

ts_status ts_summary_sensitivity_file(FILE *out, const char *path, size_t top, ts_lang lang, ts_error *err)
{
    ts_sensitivity s;
    ts_status st = ts_sensitivity_read_h5(&s, path, err);
    if (st != TS_OK)
        return st;
    fprintf(out, sens_texts[lang].file_title, path, (unsigned)s.seed, (int)s.replications, s.bootstrap);
    ts_summary_sensitivity(out, &s, top, lang);
    ts_sensitivity_free(&s);
    return TS_OK;
}
