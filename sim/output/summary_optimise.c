/*
 * summary_optimise.c: printing the answer of a lever search
 * (summary_optimise.h).
 */
#include "summary_optimise.h"

#include <math.h>

#include "summary_sensitivity.h"
#include "teachsim/scenario_zh.h"

/* The texts, one set per language (as summary_why.c's); each keeps the
 * arguments of its English form in the same order. */
typedef struct {
    const char *title; /* minimise, levers, plural, grid, method, evaluated, replications */
    const char *plural, *every_mix, *coordinate;
    const char *found;                             /* probability */
    const char *from;                              /* year */
    const char *lever_sep;                         /* between a mix's levers */
    const char *outcome;                           /* minimise, value, replications */
    const char *target, *below;                    /* lead, name, p, lo, hi, met, evaluated, below */
    const char *out_of_reach, *in_confirmation;    /* probability, in_confirmation */
    const char *best;                              /* worst probability */
    const char *all_zero;                          /* when the best worst probability is 0 */
    const char *runner_up, *not_confirmed, *label; /* label: kind */
    const char *other_outcome;                     /* minimise, value */
    const char *runs;                              /* search, replications, confirmations, replications, total */
} opt_text;

static const opt_text opt_texts[TS_LANG_COUNT] = {
    [TS_LANG_EN] =
        {
            .title = "optimise: %s over %zu lever%s (%zu mixes in the grid; %s, %zu evaluated with %.0f replications "
                     "each)\n",
            .plural = "s",
            .every_mix = "every mix",
            .coordinate = "coordinate search",
            .found = "the cheapest mix meeting every target with probability >= %g:\n  ",
            .from = " from %d",
            .lever_sep = ", ",
            .outcome = "\n  %s = %.6g (%.0f replications)\n",
            .target = "%sP(%s) = %.3f, 95 %% Wilson interval [%.3f, %.3f] (%.0f of %.0f)%s\n",
            .below = "  (below)",
            .out_of_reach = "out of reach: no mix in the ranges meets every target with probability >= %g%s\n",
            .in_confirmation = " in its confirmation run",
            .best = "  the best reached: worst target probability %.3f at ",
            .all_zero = "  every mix has probability 0 for some target, so none is nearer than another: the mix shown "
                        "is the cheapest (the file's optimise/ holds every mix's probabilities)\n",
            .runner_up = "runner-up",
            .not_confirmed = "feasible in the search, not in its confirmation",
            .label = "%s: ",
            .other_outcome = "; %s = %.6g\n",
            .runs = "runs: %zu search mixes x %.0f + %zu confirmations x %.0f = %.0f replications\n",
        },
    [TS_LANG_ZH] =
        {
            .title = "优化：最小化 %s，%zu 个杠杆%s（网格共 %zu 种组合；%s，评估了 %zu 种，每种重复 %.0f 次）\n",
            .plural = "",
            .every_mix = "逐一评估全部组合",
            .coordinate = "坐标搜索",
            .found = "以不低于 %g 的概率达成全部目标的最省组合：\n  ",
            .from = "（自 %d 学年起）",
            .lever_sep = "，",
            .outcome = "\n  %s = %.6g（重复 %.0f 次）\n",
            .target = "%sP(%s) = %.3f，95%% Wilson 区间 [%.3f, %.3f]（%.0f / %.0f）%s\n",
            .below = "  （未达到）",
            .out_of_reach = "无法达到：范围内没有组合能以不低于 %g 的概率达成全部目标%s\n",
            .in_confirmation = "（以确认运行计）",
            .best = "  最接近的组合：最低目标概率 %.3f，",
            .all_zero = "  每种组合都有目标的达成概率为 0，无从比较远近：所列为最省的组合（各组合的概率见结果文件的 "
                        "optimise/）\n",
            .runner_up = "备选",
            .not_confirmed = "搜索中达标、确认运行中未达标",
            .label = "%s：",
            .other_outcome = "；%s = %.6g\n",
            .runs = "运行：搜索 %zu 种组合 × %.0f 次 + 确认 %zu 次 × %.0f 次 = 共 %.0f 次重复\n",
        },
};

/* Mix k of a set: its levers' values, and each target's probability. */
static void print_values(FILE *out, ts_lang lang, const ts_optimise_record *r, const ts_optimise_mixes *m, size_t k)
{
    const opt_text *tx = &opt_texts[lang];
    for (size_t i = 0; i < r->n_levers; i++) {
        char name[256];
        /* in Chinese a lever by its key's Chinese name (scenario_zh.h) */
        fprintf(out, "%s%s", i ? tx->lever_sep : "",
                lang == TS_LANG_ZH ? ts_key_label_zh(r->levers[i], name, sizeof name) : r->levers[i]);
        if (r->lever_from[i] > 0)
            fprintf(out, tx->from, (int)r->lever_from[i]);
        fprintf(out, r->lever_integer[i] == 1 ? " = %.0f" : " = %.6g", m->value[k * r->n_levers + i]);
    }
}

static void print_targets(FILE *out, const opt_text *tx, const ts_optimise_record *r, const ts_optimise_mixes *m,
                          size_t k)
{
    for (size_t t = 0; t < r->n_targets; t++) {
        size_t j = k * r->n_targets + t;
        fprintf(out, tx->target, "  ", r->targets[t], m->probability[j], m->lower[j], m->upper[j], m->met[j],
                m->evaluated[k], m->probability[j] >= r->probability ? "" : tx->below);
    }
}

int ts_summary_optimise(FILE *out, const ts_optimise_record *r, ts_lang lang)
{
    const opt_text *tx = &opt_texts[lang];
    char minimise[512]; /* in Chinese by the indicator's Chinese name, with what was typed */
    ts_outcome_text(r->minimise, lang, minimise, sizeof minimise);
    fprintf(out, tx->title, minimise, r->n_levers, r->n_levers == 1 ? "" : tx->plural, (size_t)r->n_grid,
            r->exhaustive == 1 ? tx->every_mix : tx->coordinate, r->search.n, r->replications);
    const int found = r->found == 1;
    /* the answer is a confirmation, or a search mix when none ran */
    const ts_optimise_mixes *answer_set = r->confirm.n ? &r->confirm : &r->search;
    if (found) {
        size_t k = (size_t)r->answer;
        fprintf(out, tx->found, r->probability);
        print_values(out, lang, r, answer_set, k);
        fprintf(out, tx->outcome, minimise, answer_set->outcome[k], answer_set->evaluated[k]);
        print_targets(out, tx, r, answer_set, k);
    } else {
        size_t k = (size_t)r->best;
        fprintf(out, tx->out_of_reach, r->probability, r->confirm.n ? tx->in_confirmation : "");
        fprintf(out, tx->best, r->search.worst[k]);
        print_values(out, lang, r, &r->search, k);
        fputc('\n', out);
        print_targets(out, tx, r, &r->search, k);
        if (r->search.worst[k] == 0.0)
            fputs(tx->all_zero, out);
    }
    for (size_t c = 0; c < r->confirm.n; c++) {
        if (found && c == (size_t)r->answer)
            continue;
        fprintf(out, tx->label, r->confirm.feasible[c] == 1 ? tx->runner_up : tx->not_confirmed);
        print_values(out, lang, r, &r->confirm, c);
        fprintf(out, tx->other_outcome, minimise, r->confirm.outcome[c]);
        print_targets(out, tx, r, &r->confirm, c);
    }
    fprintf(out, tx->runs, r->search.n, r->replications, r->confirm.n, r->confirm_replications, r->runs);
    return found ? 0 : 1;
}

ts_status ts_summary_optimise_file(FILE *out, const char *path, ts_lang lang, ts_error *err)
{
    ts_optimise_record r;
    ts_status st = ts_optimise_read_h5(&r, path, err);
    if (st != TS_OK)
        return st;
    ts_summary_optimise(out, &r, lang);
    ts_optimise_record_free(&r);
    return TS_OK;
}
