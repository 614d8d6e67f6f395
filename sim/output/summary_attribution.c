/*
 * summary_attribution.c: printing the attribution of a difference
 * (summary_attribution.h).
 */
#include "summary_attribution.h"

#include <math.h>
#include <stdlib.h>

#include "shapley.h"
#include "summary_sensitivity.h"
#include "table.h"
#include "teachsim/scenario_zh.h"

static double size_of(const ts_attribution *a, size_t o, size_t g)
{
    double v = a->shapley[o * a->n_groups + g];
    return isnan(v) ? -INFINITY : fabs(v);
}

/* Group order for outcome o, the largest |Shapley value| first. */
static void attribution_order(const ts_attribution *a, size_t o, size_t *order)
{
    /* Insertion sort, stable: ties keep the groups' key-table order. */
    for (size_t i = 0; i < a->n_groups; i++) {
        size_t j = i;
        while (j > 0 && size_of(a, o, order[j - 1]) < size_of(a, o, i)) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
}

/* A value that is zero but for the rounding of a sum of many terms of the
 * outcome's size (a Shapley value of 1.7e-18 beside values of 0.1) prints
 * as 0: at 6 significant digits of the scale it is nothing else. */
static double shown(double v, double scale)
{
    return fabs(v) <= 1e-12 * scale ? 0.0 : v;
}

/* The texts of the attribution, one set per language (as summary_why.c's). */
typedef struct {
    const char *title;    /* outcome, A, value, B, value, difference [lo, hi], level, replications */
    const char *left_out; /* replications left out */
    const char *rank, *group, *shapley, *interval, *alone, *keys;
    const char *interactions_share; /* value, share of the difference, share of the gross effect */
    const char *interactions;       /* value */
} attr_text;

static const attr_text attr_texts[TS_LANG_COUNT] = {
    [TS_LANG_EN] =
        {
            .title = "%s: %s %.6g, %s %.6g; difference %.6g [%.6g, %.6g] (%d %% interval, %.0f replications, common "
                     "random numbers)\n",
            .left_out = "  (%d replications left out: the outcome was not evaluated in some coalition)\n",
            .rank = "rank",
            .group = "group",
            .shapley = "Shapley",
            .interval = "interval",
            .alone = "alone",
            .keys = "keys",
            .interactions_share =
                "  interactions: %.6g (%.1f %% of the difference, %.1f %% of the gross effect sum "
                "|alone| + |interactions|): the difference less the groups' effects alone, shared out "
                "by the Shapley values\n",
            .interactions = "  interactions: %.6g: the difference less the groups' effects alone\n",
        },
    [TS_LANG_ZH] =
        {
            .title = "%s：%s %.6g，%s %.6g；差值 %.6g [%.6g, %.6g]（%d%% 区间，%.0f 次重复，共同随机数）\n",
            .left_out = "  （%d 次重复未计入：该结果在某些组合中未能计算）\n",
            .rank = "排名",
            .group = "分组",
            .shapley = "Shapley 值",
            .interval = "区间",
            .alone = "单独效应",
            .keys = "参数",
            .interactions_share =
                "  交互作用：%.6g（占差值的 %.1f%%，占总效应 Σ|单独效应| + |交互作用| 的 %.1f%%）：差值减去"
                "各组单独效应之和，已按 Shapley 值分摊\n",
            .interactions = "  交互作用：%.6g：差值减去各组单独效应之和\n",
        },
};

void ts_summary_attribution(FILE *out, const ts_attribution *a, ts_lang lang)
{
    const attr_text *tx = &attr_texts[lang];
    size_t order[TS_SHAPLEY_MAX_PLAYERS];
    const size_t G = a->n_groups, C = a->n_coalitions;
    int pct = (int)lround(100 * a->level);
    for (size_t o = 0; o < a->n_outcomes; o++) {
        /* The gross effect: what the groups do alone, whatever the sign, and
         * what they do together. Effects that cancel make the difference small
         * and the interactions' share of it large; their share of the gross
         * effect says how much the changes depend on each other. */
        double gross = fabs(a->interaction[o]), scale = fmax(fabs(a->value[o * C]), fabs(a->value[o * C + C - 1]));
        for (size_t g = 0; g < G; g++)
            gross += fabs(a->alone[o * G + g]);
        scale = fmax(scale, gross);
        char outcome[512];
        fprintf(out, tx->title, ts_outcome_text(a->outcomes[o], lang, outcome, sizeof outcome), a->scenario_a,
                a->value[o * C], a->scenario_b, a->value[o * C + C - 1], shown(a->difference[o], scale),
                shown(a->difference_lo[o], scale), shown(a->difference_hi[o], scale), pct, a->used[o]);
        if (a->used[o] < a->replications)
            fprintf(out, tx->left_out, (int)(a->replications - a->used[o]));
        fputs("  ", out);
        ts_text_pad(out, tx->rank, 4, 1);
        fputs(" ", out);
        ts_text_pad(out, tx->group, 24, 1);
        fputs(" ", out);
        ts_text_pad(out, tx->shapley, 13, 0);
        fputs("  ", out);
        ts_text_pad(out, tx->interval, 31, 1);
        fputs(" ", out);
        ts_text_pad(out, tx->alone, 13, 0);
        fprintf(out, "  %s\n", tx->keys);
        attribution_order(a, o, order);
        for (size_t r = 0; r < G; r++) {
            size_t g = order[r];
            /* in Chinese a section's group by the section's name, and the keys by theirs (scenario_zh.h) */
            const char *section = lang == TS_LANG_ZH ? ts_section_name_zh(a->groups[g]) : NULL;
            char keys[4096];
            fprintf(out, "  %-4zu ", r + 1);
            ts_text_pad(out, section ? section : a->groups[g], 24, 1);
            fprintf(out, " %13.6g  [%13.6g, %13.6g] %13.6g  %s\n", shown(a->shapley[o * G + g], scale),
                    shown(a->shapley_lo[o * G + g], scale), shown(a->shapley_hi[o * G + g], scale),
                    shown(a->alone[o * G + g], scale),
                    lang == TS_LANG_ZH ? ts_key_list_label_zh(a->group_keys[g], keys, sizeof keys) : a->group_keys[g]);
        }
        double interaction = shown(a->interaction[o], scale);
        double difference = shown(a->difference[o], scale);
        if (difference != 0 && gross > 0)
            fprintf(out, tx->interactions_share, interaction, 100.0 * interaction / difference,
                    100.0 * fabs(interaction) / gross);
        else
            fprintf(out, tx->interactions, interaction);
    }
}

ts_status ts_summary_attribution_file(FILE *out, const char *path, ts_lang lang, ts_error *err)
{
    ts_attribution a;
    ts_status st = ts_attribution_read_h5(&a, path, err);
    if (st != TS_OK)
        return st;
    ts_summary_attribution(out, &a, lang);
    ts_attribution_free(&a);
    return TS_OK;
}
