/*
 * indicator_list.c: the definitions of the output fields, expanded from
 * TS_INDICATOR_LIST (indicator_list.h).
 */
#include "indicator_list.h"

#include <string.h>

#include "text.h"

const ts_indicator_def ts_indicator_defs[] = {
#define TS_DEF(name, kind, units, long_name, expr, description) {#name, kind, units, long_name, description},
    TS_INDICATOR_LIST(TS_DEF)
#undef TS_DEF
};
const size_t ts_indicator_count = sizeof ts_indicator_defs / sizeof ts_indicator_defs[0];

int ts_indicators_find(const char *name)
{
    for (size_t i = 0; i < ts_indicator_count; i++)
        if (strcmp(ts_indicator_defs[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *ts_indicators_nearest(const char *name)
{
    ts_text_nearest near;
    ts_text_nearest_init(&near, name);
    for (size_t i = 0; i < ts_indicator_count; i++)
        ts_text_nearest_offer(&near, ts_indicator_defs[i].name);
    return near.best;
}
