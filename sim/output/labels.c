/* labels.c: a region or an indicator of a results file by name (labels.h). */
#include "labels.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

int ts_labels_region(const ts_results *res, const char *name, ts_error *err)
{
    char known[4096] = "";
    const char *want = name ? name : "ALL";
    char *const *zh = res->labels.region_names_zh;
    for (size_t g = 0; g < res->n_regions; g++)
        if (res->labels.region_codes[g] && ts_text_is_name(want, res->labels.region_codes[g], zh ? zh[g] : NULL))
            return (int)g;
    for (size_t g = 0; g < res->n_regions; g++)
        if (res->labels.region_codes[g])
            ts_text_list_name(known, sizeof known, res->labels.region_codes[g], zh ? zh[g] : NULL);
    ts_error_set(err, TS_ERR_USAGE,
                 "unknown region '%s'; the file has: %s (a region is named by its code or its "
                 "Chinese name)",
                 want, known);
    return -1;
}

int ts_labels_metric(const ts_results *res, const char *name, ts_error *err)
{
    int index = ts_results_indicator_index(res, name);
    if (index >= 0 && res->indicator_absent && res->indicator_absent[index]) {
        const ts_indicator_def *def = &res->indicators[index];
        ts_error_set(err, TS_ERR_INPUT,
                     "the file has no dataset %s: it was written without it or it was removed, so there are no "
                     "values of metric '%s' to show",
                     def->family ? def->family : def->name, name);
        return -1;
    }
    if (index >= 0)
        return index;
    char known[4096] = "";
    ts_text_nearest near;
    ts_text_nearest_init(&near, name);
    size_t at = 0;
    for (size_t i = 0; i < res->n_indicators && at + 1 < sizeof known; i++) {
        at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", i ? ", " : "", res->indicators[i].name);
        ts_text_nearest_offer(&near, res->indicators[i].name);
    }
    ts_error_set(err, TS_ERR_USAGE, "unknown metric '%s'; known metrics: %s%s%s%s", name, known,
                 near.best ? " (did you mean " : "", near.best ? near.best : "", near.best ? "?)" : "");
    return -1;
}
