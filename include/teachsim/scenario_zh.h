/**
 * @file scenario_zh.h
 * The scenario keys' names in Chinese.
 *
 * Owns: a short Chinese name for every key of the key tables (scenario.h:
 * ts_scenario_keys, ts_region_keys as `regions[].KEY`, ts_new_school_keys as
 * `network.new_schools[].KEY`), in the terms of the plan and of the
 * assessment (在编教师, 临聘教师, 县管校聘, 交流轮岗, 公费定向师范生), and
 * what each position of a list key means (城区/镇区/乡村, 小学/初中, an age
 * band, a subject, a title), so that a key path such as
 * `leaving.established.rural[0]` reads as 乡村在编教师年离职率（30岁以下）
 * where planners read it: the scenario reference, the sensitivity ranking
 * and its tornado chart. Rows are keyed by the path rather than kept in the
 * key table, so that the table stays as it is; the test scenario_zh fails
 * when a key lacks its row or a row's list does not match its key.
 * Does not own: the keys themselves (scenario.h), nor the indicators' Chinese
 * names (sim/base/indicator_zh.h).
 */
#ifndef TEACHSIM_SCENARIO_ZH_H
#define TEACHSIM_SCENARIO_ZH_H

#include <stddef.h>

/** What the positions of a list key stand for. */
typedef enum {
    TS_KEY_INDEX_NONE,          /* one value, or a list whose positions have no names */
    TS_KEY_INDEX_LOCALITY,      /* urban, town, rural */
    TS_KEY_INDEX_LEVEL,         /* primary, junior */
    TS_KEY_INDEX_AGEBAND,       /* under 30, 30-39, 40-49, 50 and over */
    TS_KEY_INDEX_AGE5,          /* 20-24 .. 55-59 */
    TS_KEY_INDEX_SUBJECT,       /* the subject codes of vocabulary.h */
    TS_KEY_INDEX_TITLE,         /* none, junior, middle, senior */
    TS_KEY_INDEX_TITLE_STEP,    /* none->junior, junior->middle, middle->senior */
    TS_KEY_INDEX_TITLE_POST,    /* junior, middle, senior */
    TS_KEY_INDEX_BACKBONE_STEP, /* none->county, county->city, city->province */
    TS_KEY_INDEX_PROGRAMME,     /* the three targeted programmes */
    TS_KEY_INDEX_SCHOOL_TYPE,   /* primary, junior, nine-year schools */
    TS_KEY_INDEX_KIND_COUNT
} ts_key_index;

/** One key's Chinese row: its path as the reference writes it, its name, and
 *  what its list positions mean. */
typedef struct {
    const char *path;
    const char *name_zh;
    ts_key_index index;
} ts_key_zh;

extern const ts_key_zh ts_key_zh_rows[];
extern const size_t ts_key_zh_count;

/** The row of the key `path` (as the reference writes it: `rotation.rate`,
 *  `regions[].weak_share`, `network.new_schools[].capacity`), or NULL. */
const ts_key_zh *ts_key_zh_find(const char *path);

/** How many positions a list of `kind` has (0 for TS_KEY_INDEX_NONE), and
 *  the Chinese name of position `i` (NULL when out of range). */
size_t ts_key_index_count(ts_key_index kind);
const char *ts_key_index_name_zh(ts_key_index kind, size_t i);

/**
 * A key path as a scenario, a ranges file or a results file's parameters
 * write it (`leaving.established.rural[0]`, `rotation.rate@2027`,
 * `population.regions[shaoshan].weak_share`) in Chinese: the key's name,
 * then in brackets the region, the position's name and the year where the
 * path has them (乡村在编教师年离职率（30岁以下）, 交流轮岗比例（2027年起）,
 * 薄弱学校比例（shaoshan）). A path the table does not know, or a position
 * beyond its list, is written as given. Writes at most `size` bytes with the
 * terminating NUL (cutting at a character boundary); returns `out`.
 */
char *ts_key_label_zh(const char *path, char *out, size_t size);

/** Several key paths separated by commas (`a, b`, as the attribution lists a
 *  group's keys), each labelled as ts_key_label_zh does and joined by 、;
 *  cut to `size` bytes at a character boundary. Returns `out`. */
char *ts_key_list_label_zh(const char *paths, char *out, size_t size);

/** The Chinese name of a scenario section (the first part of a key path:
 *  `rotation` → 交流轮岗, in the plan's wording), or NULL for a name that is
 *  not a section. */
const char *ts_section_name_zh(const char *section);

#endif
