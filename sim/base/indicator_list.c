/*
 * indicator_list.c: the definitions of the output fields, expanded from
 * TS_INDICATOR_LIST (indicator_list.h).
 */
#include "indicator_list.h"

#include <string.h>

#include "text.h"

/* A subject family's eight rows, "subjects/<family>/<subject>" in ts_subject order. */
#define TS_FAMILY_ROW(family, units, long_name, subject, k, description)                                               \
    {"subjects/" #family "/" #subject, TS_VALUE_COUNT, units, long_name, description, "subjects/" #family, k},
#define TS_FAMILY_DEFS(family, units, long_name, expr, description)                                                    \
    TS_FAMILY_ROW(family, units, long_name, chinese, TS_SUBJECT_CHINESE, description)                                  \
    TS_FAMILY_ROW(family, units, long_name, maths, TS_SUBJECT_MATHS, description)                                      \
    TS_FAMILY_ROW(family, units, long_name, english, TS_SUBJECT_ENGLISH, description)                                  \
    TS_FAMILY_ROW(family, units, long_name, science, TS_SUBJECT_SCIENCE, description)                                  \
    TS_FAMILY_ROW(family, units, long_name, pe, TS_SUBJECT_PE, description)                                            \
    TS_FAMILY_ROW(family, units, long_name, music, TS_SUBJECT_MUSIC, description)                                      \
    TS_FAMILY_ROW(family, units, long_name, art, TS_SUBJECT_ART, description)                                          \
    TS_FAMILY_ROW(family, units, long_name, other, TS_SUBJECT_OTHER, description)

const ts_indicator_def ts_indicator_defs[] = {
#define TS_DEF(name, kind, units, long_name, expr, description) {#name, kind, units, long_name, description, NULL, 0},
    TS_INDICATOR_LIST(TS_DEF)
#undef TS_DEF
        TS_SUBJECT_FAMILY_LIST(TS_FAMILY_DEFS)};
_Static_assert(sizeof ts_indicator_defs / sizeof ts_indicator_defs[0] == TS_INDICATOR_ROWS,
               "the indicator rows and TS_INDICATOR_ROWS agree");
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
