/**
 * @file indicator_zh.h
 * The Chinese half of the output field table: for every indicator (and every
 * subject family `subjects/<family>` with its rows
 * `subjects/<family>/<subject>`) its long name and units in Chinese, and the
 * category codes (subject, level, locality, contract, title, backbone level,
 * quality-balance indicator) in Chinese.
 *
 * Owns: the Chinese texts, in the terms of the 2017 quality-balance
 * assessment (优质均衡, 差异系数, 骨干教师) and of the province's plan
 * (县管校聘, 交流轮岗, 公费定向师范生, 超编, 缺编/空岗, 临聘教师, 教学点,
 * 待岗培训, 音体美教师), so that the results file, `teachsim summary` and the
 * analysis toolkit name a figure the way a planner's documents do. Rows are
 * keyed by the indicator's name rather than kept in TS_INDICATOR_LIST, so
 * that the English table stays one line per row; the CTest
 * indicator_zh fails when an indicator lacks its Chinese row. Does not own
 * the English texts (indicator_list.h) nor how either is written or printed.
 */
#ifndef TEACHSIM_INDICATOR_ZH_H
#define TEACHSIM_INDICATOR_ZH_H

#include <stddef.h>

#include "teachsim/vocabulary.h"

/** One Chinese row: the indicator's name (as in ts_indicator_defs, or
 *  `subjects/<family>`), its Chinese long name and Chinese units. */
typedef struct {
    const char *name;
    const char *long_name_zh;
    const char *units_zh;
} ts_indicator_zh;

extern const ts_indicator_zh ts_indicator_zh_rows[];
extern const size_t ts_indicator_zh_count;

/** The Chinese long name of the indicator `name`, or NULL when it has none.
 *  Also answers `subjects/<family>` and `subjects/<family>/<subject>`
 *  ("空岗（语文）"). */
const char *ts_indicator_long_name_zh(const char *name);

/** The Chinese units of the indicator `name` (人, 个岗位, 元, 比例, …), or
 *  NULL when it has none. */
const char *ts_indicator_units_zh(const char *name);

/** The Chinese units that go with an English units string of the indicator
 *  table ("teachers" → 人), NULL for units the table does not know: the test
 *  holds every row's Chinese units to it, so a row cannot say 人 for posts. */
const char *ts_units_zh(const char *units);

/* Category codes in Chinese, in the order of the code tables of
 * teachsim/vocabulary.h. */
extern const char *const ts_subject_names_zh[TS_SUBJECT_COUNT];
extern const char *const ts_level_names_zh[TS_LEVEL_COUNT];
extern const char *const ts_locality_names_zh[TS_LOCALITY_COUNT];
extern const char *const ts_contract_names_zh[TS_CONTRACT_COUNT];
extern const char *const ts_title_names_zh[TS_TITLE_COUNT];
extern const char *const ts_backbone_names_zh[TS_BACKBONE_COUNT];

/* The three teacher indicators of the quality-balance assessment (codes
 * qualified, backbone, pe_art: the results file's qb_indicator coordinate),
 * named as the assessment names them. */
#define TS_QB_INDICATOR_COUNT 3
extern const char *const ts_qb_indicator_codes[TS_QB_INDICATOR_COUNT];
extern const char *const ts_qb_indicator_names_zh[TS_QB_INDICATOR_COUNT];

#endif
