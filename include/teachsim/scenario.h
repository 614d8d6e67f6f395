/**
 * @file scenario.h
 * A scenario: every parameter of one simulated policy world, typed.
 *
 * Owns: the ts_scenario struct, the key table that maps each YAML key path
 * to a field with its type, default, range, unit and source (the one place
 * where defaults live; the loader, the docs and `validate --resolved` all read
 * it), loading a scenario file into the struct with precise errors, and
 * keys given as schedules by year (which keys may change mid-run, and a
 * year's values written into a view of the scenario).
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
/* Totals over all regions, checked at validation so that the generated start
 * population and everything sized from it (teacher arrays with room to grow
 * by half, 32-bit ids) cannot overflow: at most 10 teachers per pupil-class
 * times a staffing level of 3 keeps 20 million pupils under 10^9 teachers.
 * A whole province has about 7 million pupils in grades 1-9. */
#define TS_MAX_AREA_SCHOOLS 1000000
#define TS_MAX_AREA_PUPILS 20000000
#define TS_PATH_MAX 1024 /* bytes of a file path key, its NUL included */
#define TS_PROGRAMMES 3  /* targeted-intake programme types */
#define TS_MAX_STUDY_YEARS 8

/** A year-indexed series of reals (births). Missing years are NaN. */
typedef struct {
    double value[TS_SERIES_LEN];
} ts_series;

/** Aggregates from which the generator builds one county-level unit. */
typedef struct {
    char code[TS_NAME_MAX];                          /* ASCII code used in files, e.g. xiangtan_county */
    char name_zh[TS_NAME_MAX];                       /* UTF-8 display name, e.g. 湘潭县 */
    double population_10k;                           /* resident population, 10k; sets the share of births */
    int32_t schools[TS_LEVEL_COUNT];                 /* number of schools by level */
    double school_locality_share[TS_LOCALITY_COUNT]; /* share of schools urban/town/rural */
    int32_t pupils_primary;                          /* pupils in grades 1-6 at the start */
    int32_t pupils_junior;                           /* pupils in grades 7-9 at the start */
    double pupil_locality_share[TS_LOCALITY_COUNT];  /* share of pupils urban/town/rural */
    double temporary_share;                          /* share of start teachers on temporary contracts */
    double weak_share;                               /* share of schools flagged weak */
    double private_share[2]; /* share of all pupils in private schools at the start, primary and junior */
} ts_region_spec;

#define TS_MAX_NEW_SCHOOLS 64

/**
 * One entry of `network.new_schools:`: a school the scenario opens
 * (steps/openings.h). Fixed-size and without pointers, so a scenario copies
 * by value; level and locality are kept as written and checked against the
 * vocabulary when the scenario is read.
 */
typedef struct {
    char name[TS_NAME_MAX];   /* UTF-8 display name, e.g. 木鱼湖中学 */
    char region[TS_NAME_MAX]; /* code of the region it opens in */
    char level[16];           /* primary, junior or nine_year */
    char locality[16];        /* urban, town or rural */
    int32_t opens;            /* the school year it opens in */
    int32_t capacity;         /* pupils it has places for */
} ts_new_school;

typedef struct {
    int32_t n;
    int32_t unused; /* zero: the list compares bit for bit */
    ts_new_school item[TS_MAX_NEW_SCHOOLS];
} ts_new_school_list;

/** A parameter given as a distribution instead of a number (defined below). */
typedef struct ts_uncertain ts_uncertain;

/** One year of a key given as a schedule by year (defined below). */
typedef struct ts_schedule_point ts_schedule_point;

#define TS_MAX_TARGETS 32

/** Comparison of a target (`op:` in the file). */
typedef enum { TS_TARGET_GE, TS_TARGET_GT, TS_TARGET_LE, TS_TARGET_LT, TS_TARGET_EQ, TS_TARGET_OP_COUNT } ts_target_op;

/**
 * One entry of `targets:`: a condition on an indicator that each replication
 * meets or not (targets.h evaluates it, docs/scenario-reference.md gives the
 * schema). Fixed-size and without pointers, so a scenario copies by value.
 */
typedef struct {
    char name[TS_NAME_MAX];      /* label along the results' target dimension */
    char indicator[TS_NAME_MAX]; /* an indicator of docs/indicators.md */
    char region[TS_NAME_MAX];    /* a region code, ALL, or each_county */
    int32_t year;                /* the year of by_year, in_year or every_year_to */
    int32_t by_year;             /* 1: in some year up to and including `year`; 0: in `year` (or every_year) */
    int32_t op;                  /* ts_target_op */
    int32_t counties;            /* each_county: at least this many counties; 0 means every county */
    int32_t every_year;          /* 1: in every year from the start up to and including `year` (by_year 0) */
    int32_t subjects;            /* bit j: subject j (ts_subject); the condition is on the sum of those
                                  * subjects' rows subjects/<indicator>/<subject>; 0: the indicator itself */
    char school[TS_NAME_MAX];    /* a school's id (results' schools/): the indicator is one of the school's
                                  * own (ts_target_school_indicators); "" for every other target */
    double value;
} ts_target;

/** The indicators a target on one school may name (`school:`), each of the
 *  school that year in the replication: whether it meets the school rule
 *  (1/0), and its three values per 100 pupils; NaN when not scored. */
#define TS_TARGET_SCHOOL_INDICATORS 4
extern const char *const ts_target_school_indicators[TS_TARGET_SCHOOL_INDICATORS];

typedef struct {
    int32_t n;
    int32_t unused; /* zero: the list compares bit for bit */
    ts_target item[TS_MAX_TARGETS];
} ts_target_list;

/** The text of each ts_target_op as written in a scenario (">=" ...). */
extern const char *const ts_target_op_names[TS_TARGET_OP_COUNT];

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
        double backbone_share[TS_LOCALITY_COUNT];    /* county level or higher */
        double specialist_supply[TS_LOCALITY_COUNT]; /* music/PE/art posts held by specialists */
        double staffing_level[TS_LOCALITY_COUNT];    /* teachers / requirement at the start */
        double school_size_sigma;                    /* lognormal spread of school sizes */
        /* a real roster instead of the generator (roster.h): both set or both
         * empty; the loader resolves them against the scenario file's folder */
        char schools_csv[TS_PATH_MAX];
        char teachers_csv[TS_PATH_MAX];
    } population;

    struct {
        ts_series births;           /* births in the whole area by calendar year */
        double entry_rate;          /* grade-1 entrants per birth six years earlier */
        double junior_continuation; /* share of grade-6 leavers entering grade 7 */
        double urbanisation_rate;   /* yearly share of rural pupils moving to town/urban schools */
        /* ceiling on each region's private share, primary and junior: the
         * share is min(the region's start share, the ceiling) (docs/model.md, step 1) */
        double private_share_cap[2];
    } enrolment;

    struct {
        double pupils_per_staff[2];                /* primary, junior (编制 ratio) */
        double teaching_share[2];                  /* teachers per staff post */
        int32_t class_size_max[2];                 /* pupils per class */
        double teachers_per_class_min[2];          /* class rule floor, binding in small schools */
        double subject_share[2][TS_SUBJECT_COUNT]; /* curriculum hour shares */
    } staffing;

    struct {
        int32_t pre2025_rule;       /* 1: statutory ages 60/55/50 without the 2025 reform */
        int32_t senior_women_at_60; /* 1: women with a senior title retire at 60 */
        double early_rate;          /* yearly hazard of flexible early retirement when eligible */
    } retirement;

    struct {
        /* hazard[contract][locality][age band]; the targeted row is the breach
         * hazard during service */
        double hazard[TS_CONTRACT_COUNT][TS_LOCALITY_COUNT][TS_AGEBAND_COUNT];
        double rural_transfer_share; /* share of rural leavers who transfer to town/urban */
        /* retention effect of the rural allowance (docs/model.md, step 4):
         * relative change of the leaving and transfer hazards per 1,000
         * yuan/month of costs.rural_allowance above allowance_reference */
        double allowance_elasticity;
        double allowance_reference[TS_LOCALITY_COUNT]; /* yuan/month by the school's locality */
    } leaving;

    struct {
        double yearly_cap_share; /* open-recruitment cap as a share of the region's requirement */
        double fill_probability[TS_LOCALITY_COUNT];
        double specialist_supply; /* fill-probability factor for music/PE/art posts */
        int32_t hire_age_min, hire_age_max;
        double female_share;
        double qualification_above; /* share of new hires above the requirement */
    } recruitment;

    struct {
        int32_t allowed_until; /* last school year in which temporaries are hired */
        double fill_rate;      /* share of remaining vacancies filled by temporaries */
    } temporaries;

    struct {
        double title_rate[TS_TITLE_COUNT - 1];       /* none->junior, junior->middle, middle->senior */
        double backbone_rate[TS_BACKBONE_COUNT - 1]; /* none->county, county->city, city->province */
        double sanming_multiplier;                   /* 三名 programme: factor on backbone promotion */
        double qualification_upgrade;                /* yearly rate of moving up one qualification step */
        double title_cap[TS_TITLE_COUNT -
                         1]; /* posting on: junior/middle/senior title posts per county, share of requirement */
    } careers;

    /* 公费定向师范生: programme 0 junior-school entry "2+4" degree, 1 five-year
     * college diploma, 2 senior-school entry 4-year degree */
    struct {
        int32_t enabled;
        int32_t provincial; /* students enrolled per year, whole area */
        int32_t municipal;
        double programme_share[TS_PROGRAMMES];
        int32_t study_years[TS_PROGRAMMES];
        int32_t service_years[TS_PROGRAMMES];
        double dropout_rate[TS_PROGRAMMES]; /* yearly, in study */
        int32_t allocate_by_rural_need;     /* 1: places by rural posts; 0: by population share */
        int32_t in_study_at_start;          /* 1: cohorts already in study when the run starts */
        int32_t before_provincial;          /* students enrolled per year before the start (a past schedule) */
        int32_t before_municipal;
        double in_service_share_young_rural; /* start: share of rural established teachers under 30 in service */
        double end_of_service_move;          /* probability of leaving the rural post when service ends */
    } targeted_intake;

    struct {
        int32_t enabled;                /* 0: schools keep their own teachers (before the reform) */
        int32_t rural_weak_first;       /* county assignment priority; 0: largest gap first */
        int32_t out_of_field;           /* county may assign a teacher to another subject's post */
        int32_t standby_exit_years;     /* years on standby (待岗培训) before exit */
        int32_t cross_level_lag_years;  /* years on standby (retraining) before a post of the other level */
        double cross_level_probability; /* yearly chance that a retrained teacher may take one */
    } posting;

    struct {
        int32_t enabled;
        double rate;           /* share of eligible teachers rotating each year */
        double backbone_share; /* share of rotating teachers who are backbone teachers */
        int32_t min_years_at_school;
        int32_t stint_years;
        int32_t urban_to_rural;  /* 1: from urban/strong to rural/weak schools; 0: any school to any other */
        double stay_probability; /* staying at the destination when the stint ends */
    } rotation;

    /* School alliances (学区制, 校联体) and the teachers they share (走教):
     * record/alliances.h. */
    struct {
        int32_t enabled;              /* 0: every teacher counts at their own school only */
        int32_t size;                 /* schools per alliance, formed once from the start schools */
        double pe_art_hours_shared;   /* share of a PE, music or art teacher's hours taught across the alliance */
        double backbone_hours_shared; /* share of a backbone teacher's hours taught across the alliance */
        int32_t count_shared_hours;   /* the assessment counts shared hours where they are taught; 0: at home */
    } alliances;

    /* Psychological counselling staff, every school (steps/psychology.h). */
    struct {
        int32_t enabled;              /* 0: no requirement (the staff are not counted) */
        int32_t full_time_from;       /* pupils from which a school needs full-time staff */
        int32_t pupils_per_full_time; /* one full-time post per this many pupils */
        double start_share;           /* share of the posts held the first year counted */
        double fill_rate;             /* share of a year's open posts filled */
        double leave_rate;            /* yearly share of full-time staff leaving */
        double pay;                   /* yuan/year of a full-time member of staff */
        double part_time_allowance;   /* yuan/year for a teacher doing it part time */
    } psychology;

    /* The school network: mergers of small schools (steps/mergers.h) and
     * new schools (steps/openings.h). */
    struct {
        int32_t merge_below_pupils; /* a school with fewer pupils merges into its alliance's lead; 0: never */
        ts_new_school_list new_schools;
    } network;

    struct {
        double qualified_per100[2]; /* primary, junior thresholds */
        double backbone_per100[2];
        double pe_art_per100[2];
        double max_cv[2];              /* difference coefficient limit */
        double school_floor;           /* a missed indicator must reach this share of its threshold */
        int32_t other_indicators_met;  /* of the 4 non-teacher resource indicators, met by every school */
        int32_t teaching_point_pupils; /* schools under this many pupils are excluded */
        int32_t require_rotation;      /* the rotation condition counts toward passing */
    } quality;

    /* Unit costs in yuan (record/costs.h turns the year's counts into the
     * yearly cost items; the model's other steps never read them). */
    struct {
        double pay_established[TS_TITLE_COUNT];    /* yuan/year by title none, junior, middle, senior */
        double pay_targeted[TS_TITLE_COUNT];       /* yuan/year, targeted graduates in service, by title */
        double pay_temporary;                      /* yuan/year, temporaries under purchased services */
        double rural_allowance[TS_LOCALITY_COUNT]; /* yuan/month by the school's locality */
        double study_provincial;                   /* yuan per provincial targeted student per year of study */
        double study_municipal;                    /* yuan per municipal targeted student per year of study */
        double recruitment;                        /* yuan per open-recruitment hire */
        double standby_training;                   /* yuan per teacher-year on standby */
        double rotation_allowance;                 /* yuan per teacher-year on a rotation stint */
    } costs;

    ts_target_list targets; /* evaluated after the run (targets.h) */

    /* Numbers given as distributions (owned; sorted in key-table order). The
     * fields above hold each one's mean; ts_scenario_draw gives a
     * replication's values. */
    ts_uncertain *uncertain;
    int32_t n_uncertain;

    /* Keys given as schedules by year (owned; sorted by key-table order, then
     * year). The fields above hold each key's first value, the one the start
     * reads; ts_scenario_at_year gives a year's values. */
    ts_schedule_point *schedule;
    int32_t n_schedule;
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
    TS_KEY_REGIONS, /* the region list; its fields are in ts_region_keys */
    TS_KEY_TARGETS, /* ts_target_list, a YAML sequence of target mappings */
    TS_KEY_SCHOOLS  /* ts_new_school_list, a YAML sequence of mappings of the keys in ts_new_school_keys */
} ts_key_type;

/** One scenario key: where it lives, what it accepts, and its documentation. */
typedef struct {
    const char *path; /* dotted key path, e.g. "leaving.rural_transfer_share" */
    ts_key_type type;
    size_t offset;            /* into ts_scenario (or ts_region_spec for region keys) */
    size_t count;             /* elements for REALS/INTS, bytes for STRING */
    double min, max;          /* allowed range of each number (inclusive) */
    const char *default_yaml; /* default as YAML text; NULL means required */
    const char *unit;
    const char *source; /* H/M/A and the reference, per docs/sources.md */
    const char *doc;    /* one sentence */
} ts_key;

/* ---- uncertain parameters ------------------------------------------------ */

typedef enum {
    TS_DIST_UNIFORM,    /* {uniform: [a, b]} */
    TS_DIST_NORMAL,     /* {normal: {mean: m, sd: s}}, truncated to the key's range by redrawing */
    TS_DIST_TRIANGULAR, /* {triangular: [min, mode, max]} */
    TS_DIST_BETA,       /* {beta: {alpha: a, beta: b}}, on [0, 1] */
    TS_DIST_LOGNORMAL   /* {lognormal: {meanlog: m, sdlog: s}}, truncated to the key's range by redrawing */
} ts_dist;

/** One number of a scenario that is drawn once per replication. */
struct ts_uncertain {
    const ts_key *key; /* its row of ts_scenario_keys (a number or list-of-numbers key) */
    int32_t element;   /* index within a list key; 0 for a single number */
    int32_t year;      /* 0: the scenario's field; else its schedule point of this year (path KEY@YEAR) */
    ts_dist dist;
    double param[3]; /* in the order written: a, b | mean, sd | min, mode, max | alpha, beta | meanlog, sdlog */
    double mean;     /* the distribution's mean (after truncation): the value the field holds */
};

/** The distribution of element `element` of `key` in scenario s, or NULL when it is a plain number. */
const ts_uncertain *ts_uncertain_find(const ts_scenario *s, const ts_key *key, int32_t element);

/** As ts_uncertain_find for the schedule point of `year` (0: the field). */
const ts_uncertain *ts_uncertain_find_at(const ts_scenario *s, const ts_key *key, int32_t element, int32_t year);

/** The value of u in s (a replication's draw, ts_scenario_draw): its field or its schedule point. */
double ts_uncertain_value(const ts_scenario *s, const ts_uncertain *u);

/** Key path of an uncertain number, e.g. "leaving.established.rural[1]", or
 *  "targeted_intake.provincial@2027" for a schedule point's. */
void ts_uncertain_path(const ts_uncertain *u, char *buf, size_t size);

/** The distribution as YAML flow text, e.g. "{uniform: [0.05, 0.09]}" (reads back exactly). */
void ts_uncertain_text(const ts_uncertain *u, char *buf, size_t size);

/** The random-stream entity of an uncertain number: a hash of its key path, so
 *  its draw depends only on (seed, replication, key path), the same in every
 *  scenario of a run and whatever else is uncertain. */
uint64_t ts_uncertain_entity(const ts_uncertain *u);

/**
 * A replication's values of the uncertain numbers of `base`: `*out` becomes a
 * shallow copy of `base` (it shares base's regions and uncertain list: never
 * pass it to ts_scenario_free; it is valid while base is) with each uncertain
 * number replaced by its draw from the stream of (seed, replication).
 * Allocates nothing. `drawn` (may be NULL) receives the n_uncertain values in
 * list order. `out` may not be `base`. When a schedule point of base is
 * uncertain, out->schedule must on entry point at room for base->n_schedule
 * points (the caller's, allocated once): base's points are copied there with
 * their draws, and out uses them; otherwise out shares base's schedule.
 */
ts_status ts_scenario_draw(const ts_scenario *base, ts_scenario *out, uint32_t seed, uint32_t replication,
                           double *drawn);

/* ---- schedules by year -------------------------------------------------- */

#define TS_SCHEDULE_BYTES 64 /* the largest field a schedule point holds (8 doubles) */

/** The value of one key from one year on, until the next point of the same key. */
struct ts_schedule_point {
    const ts_key *key;                      /* its row of ts_scenario_keys */
    int32_t year;                           /* the first school year this value holds */
    int32_t unused;                         /* zero: a list of points compares bit for bit */
    unsigned char bytes[TS_SCHEDULE_BYTES]; /* the field's bytes, as the scenario holds them */
};

/**
 * Why `key` cannot change in the middle of a run (a sentence fragment such
 * as "it describes the start population"), or NULL when it may be written as
 * a schedule by year.
 */
const char *ts_key_fixed_reason(const ts_key *key);

/** Whether `key` is a schedule over the years before the start (the past's
 *  enrolment, targeted_intake.before_start.*) rather than over the run. */
int ts_key_is_past(const ts_key *key);

/** The schedule points of `key` in s: *n of them from the returned one on (NULL when none). */
const ts_schedule_point *ts_schedule_find(const ts_scenario *s, const ts_key *key, int32_t *n);

/**
 * Write into `view`, whose fields must otherwise equal `s`'s (a copy of s or
 * of a replication's draw of s), the value every scheduled key has in school
 * year `year`: its last point not after `year`, or its first point before the
 * first year given. Allocates nothing; a scenario without schedules is left
 * as it is.
 */
void ts_scenario_at_year(const ts_scenario *s, ts_scenario *view, int year);

/**
 * Give `key` the value whose field bytes are at `value` from school year
 * `from` on, keeping its values before `from` (its schedule's points before
 * it, or the field, which stays the first value). `from` at or before the
 * start sets the value for the whole run. The key must take a schedule
 * (ts_key_fixed_reason NULL); the value is not checked.
 */
ts_status ts_scenario_set_from(ts_scenario *s, const ts_key *key, int32_t from, const void *value, ts_error *err);

/* ---- comparing and mixing scenarios key by key --------------------------- */

/**
 * Whether `key` (a row of ts_scenario_keys) has another value in b than in
 * a: its field, its schedule by year or its numbers' distributions. The
 * region list (population.regions) is one key: every region's fields and the
 * distributions of region keys.
 */
int ts_scenario_key_differs(const ts_scenario *a, const ts_scenario *b, const ts_key *key);

/**
 * Give `out` (a scenario of its own, from ts_scenario_copy or a load) the
 * value `key` has in `from`: its field, its schedule by year and its
 * distributions, replacing out's. The result is not checked
 * (ts_scenario_check): keys that a check ties together may need to move
 * together.
 */
ts_status ts_scenario_take_key(ts_scenario *out, const ts_scenario *from, const ts_key *key, ts_error *err);

extern const ts_key ts_scenario_keys[];
extern const size_t ts_scenario_key_count;
extern const ts_key ts_region_keys[];
extern const size_t ts_region_key_count;
/** The keys of one entry of network.new_schools (offsets into ts_new_school). */
extern const ts_key ts_new_school_keys[];
extern const size_t ts_new_school_key_count;

/** The key of the table nearest to `path` by edit distance, for "did you mean
 *  …?": a scenario key, or for population.regions[R].KEY the same path with
 *  the nearest region key. 1 with it in out, or 0 when none is near. */
int ts_scenario_suggest_key(const char *path, char *out, size_t size);

/** The baseline scenario text compiled into the binary, and its name. */
extern const char ts_builtin_baseline_yaml[];
extern const size_t ts_builtin_baseline_len;
#define TS_BUILTIN_BASELINE_NAME "xiangtan-baseline"

/** Fill every field with its default from the key table (regions left empty). */
ts_status ts_scenario_init_defaults(ts_scenario *scenario, ts_error *err);

/**
 * Load a scenario from YAML text. `filename` is used in messages and to find
 * an `extends:` parent (relative to its folder; `extends: xiangtan-baseline`
 * is the built-in baseline). Numbers may be given as distributions (see
 * ts_uncertain).
 * On failure the message names file, line, column and key path, what was
 * expected and what was found; the scenario is left freed.
 */
ts_status ts_scenario_load_text(ts_scenario *scenario, const char *text, size_t len, const char *filename,
                                ts_error *err);

/** Load a scenario file; a missing or unreadable file is a TS_ERR_INPUT. */
ts_status ts_scenario_load_file(ts_scenario *scenario, const char *path, ts_error *err);

/** Load the built-in baseline. */
ts_status ts_scenario_load_builtin(ts_scenario *scenario, ts_error *err);

/**
 * Load a scenario named on the command line: the name of a built-in scenario
 * (TS_BUILTIN_BASELINE_NAME) is that scenario, anything else a file. When a
 * file in the current folder has exactly the built-in name too, the name is
 * ambiguous and refused (TS_ERR_INPUT); `./xiangtan-baseline` names the file.
 */
ts_status ts_scenario_load_named(ts_scenario *scenario, const char *name, ts_error *err);

/**
 * Whether the scenario file `path` extends another and gives its own
 * population.regions, which replaces the parent's list whole (never merged
 * with it): *line and *column (1-based) are where the list starts, and 0 when
 * it does not. TS_ERR_NOMEM when memory ran out; any other problem of the
 * file is left to the loader and reads as 0.
 */
ts_status ts_scenario_regions_replaced(const char *path, size_t *line, size_t *column, ts_error *err);

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
