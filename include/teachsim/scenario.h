/**
 * @file scenario.h
 * A scenario: every parameter of one simulated policy world, typed.
 *
 * Owns: the ts_scenario struct, the key table that maps each YAML key path
 * to a field with its type, default, range, unit and source (the one place
 * where defaults live; the loader, the docs and `validate --resolved` all read
 * it), and loading a scenario file into the struct with precise errors.
 * Does not own: what the parameters mean to the model (each mechanism's
 * module), nor the start population built from them (population.h).
 */
#ifndef TEACHSIM_SCENARIO_H
#define TEACHSIM_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"
#include "teachsim/vocabulary.h"

#define TS_NAME_MAX 64
#define TS_YEAR_MIN 1990
#define TS_YEAR_MAX 2100
#define TS_SERIES_LEN (TS_YEAR_MAX - TS_YEAR_MIN + 1)
#define TS_MAX_REGIONS 4096

/** A year-indexed series of reals (births). Missing years are NaN. */
typedef struct {
    double value[TS_SERIES_LEN];
} ts_series;

/** Aggregates from which the generator builds one county-level unit. */
typedef struct {
    char code[TS_NAME_MAX];    /* ASCII code used in files, e.g. xiangtan_county */
    char name_zh[TS_NAME_MAX]; /* UTF-8 display name, e.g. 湘潭县 */
    double population_10k;     /* resident population, 10k; sets the share of births */
    int32_t schools[TS_LEVEL_COUNT];         /* number of schools by level */
    double school_locality_share[TS_LOCALITY_COUNT]; /* share of schools urban/town/rural */
    int32_t pupils_primary;                  /* pupils in grades 1-6 at the start */
    int32_t pupils_junior;                   /* pupils in grades 7-9 at the start */
    double pupil_locality_share[TS_LOCALITY_COUNT];  /* share of pupils urban/town/rural */
    double temporary_share;                  /* share of start teachers on temporary contracts */
    double weak_share;                       /* share of schools flagged weak */
} ts_region_spec;

typedef struct {
    char name[TS_NAME_MAX];
    char description[512];

    struct {
        int32_t start_year; /* first simulated school year (autumn) */
        int32_t end_year;   /* last simulated school year */
    } horizon;

    struct {
        ts_region_spec *regions; /* owned; n_regions entries */
        int32_t n_regions;
        /* city-wide shapes of the start population */
        double age_pyramid[TS_LOCALITY_COUNT][8]; /* weights of 5-year bands 20-24 .. 55-59 */
        double female_share[TS_LOCALITY_COUNT];
        double qualification_above[TS_LOCALITY_COUNT];
        double qualification_below[TS_LOCALITY_COUNT];
        double backbone_share[TS_LOCALITY_COUNT]; /* county level or higher */
        double specialist_supply[TS_LOCALITY_COUNT]; /* music/PE/art posts held by specialists */
        double staffing_level[TS_LOCALITY_COUNT];    /* teachers / requirement at the start */
        double school_size_sigma;                    /* lognormal spread of school sizes */
    } population;

    struct {
        ts_series births;            /* births in the whole area by calendar year */
        double entry_rate;           /* grade-1 entrants per birth six years earlier */
        double junior_continuation;  /* share of grade-6 leavers entering grade 7 */
        double urbanisation_rate;    /* yearly share of rural pupils moving to town/urban schools */
    } enrolment;

    struct {
        double pupils_per_staff[2];   /* primary, junior (编制 ratio) */
        double teaching_share[2];     /* teachers per staff post */
        int32_t class_size_max[2];    /* pupils per class */
        double teachers_per_class_min[2]; /* class rule floor, binding in small schools */
        double subject_share[2][TS_SUBJECT_COUNT]; /* curriculum hour shares */
    } staffing;

    struct {
        int32_t pre2025_rule;         /* 1: statutory ages 60/55/50 without the 2025 reform */
        int32_t senior_women_at_60;   /* 1: women with a senior title retire at 60 */
        double early_rate;            /* yearly hazard of flexible early retirement when eligible */
    } retirement;

    struct {
        /* hazard[contract][locality][age band]; the targeted row is the breach
         * hazard during service */
        double hazard[TS_CONTRACT_COUNT][TS_LOCALITY_COUNT][TS_AGEBAND_COUNT];
        double rural_transfer_share;  /* share of rural leavers who transfer to town/urban */
    } leaving;

    struct {
        double yearly_cap_share;      /* open-recruitment cap as a share of the region's requirement */
        double fill_probability[TS_LOCALITY_COUNT];
        double specialist_supply;     /* fill-probability factor for music/PE/art posts */
        int32_t hire_age_min, hire_age_max;
        double female_share;
        double qualification_above;   /* share of new hires above the requirement */
    } recruitment;

    struct {
        int32_t allowed_until;        /* last school year in which temporaries are hired */
        double fill_rate;             /* share of remaining vacancies filled by temporaries */
    } temporaries;

    struct {
        double title_rate[TS_TITLE_COUNT - 1];     /* none->junior, junior->middle, middle->senior */
        double backbone_rate[TS_BACKBONE_COUNT - 1]; /* none->county, county->city, city->province */
        double sanming_multiplier;    /* 三名 programme: factor on backbone promotion */
        double qualification_upgrade; /* yearly rate of moving up one qualification step */
    } careers;
} ts_scenario;

/* ---- key table ---------------------------------------------------------- */

typedef enum {
    TS_KEY_INT,     /* int32 */
    TS_KEY_REAL,    /* double */
    TS_KEY_BOOL,    /* int32 0/1 */
    TS_KEY_STRING,  /* char[size] */
    TS_KEY_REALS,   /* double[count], a YAML sequence of exactly count numbers */
    TS_KEY_INTS,    /* int32[count] */
    TS_KEY_SERIES,  /* ts_series, a YAML mapping year: value */
    TS_KEY_REGIONS  /* the region list; its fields are in ts_region_keys */
} ts_key_type;

/** One scenario key: where it lives, what it accepts, and its documentation. */
typedef struct {
    const char *path;     /* dotted key path, e.g. "leaving.rural_transfer_share" */
    ts_key_type type;
    size_t offset;        /* into ts_scenario (or ts_region_spec for region keys) */
    size_t count;         /* elements for REALS/INTS, bytes for STRING */
    double min, max;      /* allowed range of each number (inclusive) */
    const char *default_yaml; /* default as YAML text; NULL means required */
    const char *unit;
    const char *source;   /* H/M/A and the reference, per SOURCES.md */
    const char *doc;      /* one sentence */
} ts_key;

extern const ts_key ts_scenario_keys[];
extern const size_t ts_scenario_key_count;
extern const ts_key ts_region_keys[];
extern const size_t ts_region_key_count;

/** The baseline scenario text compiled into the binary, and its name. */
extern const char ts_builtin_baseline_yaml[];
extern const size_t ts_builtin_baseline_len;
#define TS_BUILTIN_BASELINE_NAME "xiangtan-baseline"

/** Fill every field with its default from the key table (regions left empty). */
ts_status ts_scenario_init_defaults(ts_scenario *scenario, ts_error *err);

/**
 * Load a scenario from YAML text. `filename` is used in messages only.
 * On failure the message names file, line, column and key path, what was
 * expected and what was found; the scenario is left freed.
 */
ts_status ts_scenario_load_text(ts_scenario *scenario, const char *text, size_t len,
                                const char *filename, ts_error *err);

/** Load a scenario file; a missing or unreadable file is a TS_ERR_INPUT. */
ts_status ts_scenario_load_file(ts_scenario *scenario, const char *path, ts_error *err);

/** Load the built-in baseline. */
ts_status ts_scenario_load_builtin(ts_scenario *scenario, ts_error *err);

/**
 * Checks across keys that the key table cannot express (end year before start,
 * births covering the years the horizon needs, shares summing to 1).
 * The loader calls it; exposed for scenarios built in code (tests, bench).
 */
ts_status ts_scenario_check(const ts_scenario *scenario, const char *filename, ts_error *err);

/** The fully resolved scenario (every key, defaults included) as YAML text.
 *  Returns a malloc'd string or NULL when out of memory. */
char *ts_scenario_to_yaml(const ts_scenario *scenario);

/** Deep copy. */
ts_status ts_scenario_copy(ts_scenario *dst, const ts_scenario *src, ts_error *err);

void ts_scenario_free(ts_scenario *scenario);

/** Births of calendar year y (NaN when not given). */
static inline double ts_series_get(const ts_series *s, int year)
{
    return (year < TS_YEAR_MIN || year > TS_YEAR_MAX) ? __builtin_nan("") : s->value[year - TS_YEAR_MIN];
}

#endif
