/**
 * @file vocabulary.h
 * The model's fixed categories (docs/model.md, "State") and their text codes.
 *
 * Owns: the enums for school level, locality, subject, qualification, title,
 * backbone level, contract and sex, and the lowercase codes used in scenario
 * files, CSV rosters and the results file. Does not own any behaviour.
 */
#ifndef TEACHSIM_VOCABULARY_H
#define TEACHSIM_VOCABULARY_H

#include <stdint.h>

/* Which grades a school teaches. Nine-year schools (九年一贯制) count towards
 * both primary and junior in the quality-balance assessment. */
typedef enum { TS_LEVEL_PRIMARY, TS_LEVEL_JUNIOR, TS_LEVEL_NINE_YEAR, TS_LEVEL_COUNT } ts_level;

/* 城区 / 镇区 / 乡村. Teaching points (教学点) are rural schools under 50 pupils. */
typedef enum { TS_URBAN, TS_TOWN, TS_RURAL, TS_LOCALITY_COUNT } ts_locality;

typedef enum {
    TS_SUBJECT_CHINESE,
    TS_SUBJECT_MATHS,
    TS_SUBJECT_ENGLISH,
    TS_SUBJECT_SCIENCE,
    TS_SUBJECT_PE,
    TS_SUBJECT_MUSIC,
    TS_SUBJECT_ART,
    TS_SUBJECT_OTHER,
    TS_SUBJECT_COUNT
} ts_subject;

/* Relative to the requirement of the school's level: a college diploma for
 * primary, a degree for junior (2017 quality-balance rules). */
typedef enum { TS_QUAL_BELOW, TS_QUAL_AT, TS_QUAL_ABOVE, TS_QUAL_COUNT } ts_qualification;

typedef enum { TS_TITLE_NONE, TS_TITLE_JUNIOR, TS_TITLE_MIDDLE, TS_TITLE_SENIOR, TS_TITLE_COUNT } ts_title;

typedef enum {
    TS_BACKBONE_NONE,
    TS_BACKBONE_COUNTY,
    TS_BACKBONE_CITY,
    TS_BACKBONE_PROVINCE,
    TS_BACKBONE_COUNT
} ts_backbone;

/* 在编 / 临聘·代课 / 公费定向 (in service, with years of obligation left). */
typedef enum { TS_CONTRACT_ESTABLISHED, TS_CONTRACT_TEMPORARY, TS_CONTRACT_TARGETED, TS_CONTRACT_COUNT } ts_contract;

typedef enum { TS_SEX_MALE, TS_SEX_FEMALE, TS_SEX_COUNT } ts_sex;

/* Age bands of the leaving hazard table. */
typedef enum { TS_AGE_UNDER30, TS_AGE_30_39, TS_AGE_40_49, TS_AGE_50PLUS, TS_AGEBAND_COUNT } ts_ageband;

#define TS_GRADES 9

extern const char *const ts_level_codes[TS_LEVEL_COUNT];
extern const char *const ts_locality_codes[TS_LOCALITY_COUNT];
extern const char *const ts_subject_codes[TS_SUBJECT_COUNT];
extern const char *const ts_qualification_codes[TS_QUAL_COUNT];
extern const char *const ts_title_codes[TS_TITLE_COUNT];
extern const char *const ts_backbone_codes[TS_BACKBONE_COUNT];

/** The index of `text` among the n codes, or -1 when it is none of them. */
int ts_code_index(const char *const *codes, int n, const char *text);
extern const char *const ts_contract_codes[TS_CONTRACT_COUNT];
extern const char *const ts_sex_codes[TS_SEX_COUNT];

/** Index of code in a code table of n entries, or -1. */
int ts_code_lookup(const char *const *codes, int n, const char *code);

/** First and last grade (1-based) a school of this level teaches. */
static inline int ts_level_first_grade(ts_level level)
{
    return level == TS_LEVEL_JUNIOR ? 7 : 1;
}
static inline int ts_level_last_grade(ts_level level)
{
    return level == TS_LEVEL_PRIMARY ? 6 : 9;
}

static inline ts_ageband ts_ageband_of(int age)
{
    return age < 30 ? TS_AGE_UNDER30 : age < 40 ? TS_AGE_30_39 : age < 50 ? TS_AGE_40_49 : TS_AGE_50PLUS;
}

/* Months are counted from January 1900 (0) so that an int16 holds any
 * teacher's birth and retirement month. */
#define TS_MONTH(year, month1) ((int)((year)-1900) * 12 + (month1)-1)
/* The school year of `year` starts in September; a teacher's age and
 * retirement are judged on 31 August just before it. */
#define TS_YEAR_CUTOFF_MONTH(year) TS_MONTH(year, 8)

typedef enum {
    TS_VALUE_COUNT, /* written as int32; the in-memory double holds an exact integer */
    TS_VALUE_REAL   /* written as float64 */
} ts_value_kind;

/* Per-school results summed over replications (results.h, "schools"):
 * for a school and year, the replications in which it was scored, met the
 * school rule, and was below each of the three per-100 thresholds
 * (qualified, backbone, PE/music/art), and the sums of its three per-100
 * values in fixed point (value * TS_SCHOOL_SUM_SCALE, rounded), so that
 * sums are exact integers whatever the order replications finish in. */
typedef enum {
    TS_SCHOOL_SUM_SCORED,
    TS_SCHOOL_SUM_MET,
    TS_SCHOOL_SUM_MISSING,                            /* + indicator 0..2 */
    TS_SCHOOL_SUM_PER100 = TS_SCHOOL_SUM_MISSING + 3, /* + indicator 0..2 */
    TS_SCHOOL_SUM_FIELDS = TS_SCHOOL_SUM_PER100 + 3
} ts_school_sum_field;
/* 2^24: per-100 values to 6e-8; a sum stays exact in int64 up to the 10^8 replications `-r` allows for
 * any value below 5,000 per 100 pupils. */
#define TS_SCHOOL_SUM_SCALE 16777216.0

/** One row of the output field table (docs/conventions.md, rule 6). */
typedef struct {
    const char *name;
    ts_value_kind kind;
    const char *units;
    const char *long_name;
    const char *description; /* how it is counted and at which point of the school year */
    /* A row of a subject family ("subjects/vacancies", written as one dataset
     * with a subject dimension) and its subject; NULL for a plain indicator. */
    const char *family;
    int subject;
} ts_indicator_def;

#endif
