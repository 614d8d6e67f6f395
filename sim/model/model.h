/**
 * @file model.h
 * A scenario compiled for speed: the tables the yearly steps index.
 *
 * Owns: ts_model (hazard thresholds, promotion thresholds, birth shares and the grade-1 entrants they give,
 * the schools of each region, the targeted cohorts in study at the start,
 * and the teacher slots a world reserves), building it from a scenario and
 * its start population, and recomputing its parameter tables for a
 * replication's draws of uncertain parameters. Does not own the state a
 * replication evolves (world.h) nor any mechanism (steps/).
 */
#ifndef TEACHSIM_MODEL_H
#define TEACHSIM_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "population.h"
#include "alliances.h"
#include "rng.h"
#include "teachsim/scenario.h"

typedef struct {
    const ts_scenario *scenario;
    const ts_population *start;
    int32_t n_regions;
    double *birth_share; /* n_regions: share of the area's births */
    /* thresholds (rng.h) so that the per-teacher loop compares integers */
    uint32_t leave[TS_CONTRACT_COUNT][TS_LOCALITY_COUNT][TS_AGEBAND_COUNT];
    uint32_t transfer[TS_CONTRACT_COUNT][TS_LOCALITY_COUNT][TS_AGEBAND_COUNT]; /* leave x transfer share */
    uint32_t early_retirement;
    uint32_t title_up[TS_TITLE_COUNT];                                /* by current title; 0 for senior */
    uint32_t title_or_qualification_up[TS_TITLE_COUNT];               /* title_up + qualification upgrade */
    uint32_t backbone_up[TS_BACKBONE_COUNT];                          /* by current level; 0 for province */
    int32_t subject_split[2][TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT]; /* [part][requirement]: posts by subject */
    int32_t capacity;                                                 /* teacher slots each world reserves */
    /* schools of region r: region_schools[region_first[r] .. region_first[r+1]) */
    int32_t *region_first;
    int32_t *region_schools;
    int32_t max_region_schools;
    ts_alliances alliances;  /* formed once from the start schools (alliances.h), used when enabled */
    int32_t *start_students; /* targeted students in study at the start, as ts_world.students */
    /* by school year of enrolment (index year - TS_YEAR_MIN): the provincial
     * share of that year's targeted places, for the costs' split by payer
     * (record/costs.h); set for the years from start_year - TS_MAX_STUDY_YEARS
     * to end_year */
    double provincial_share[TS_SERIES_LEN];
} ts_model;

/** Index of a cohort in the students array. */
static inline size_t ts_student_index(int32_t region, int programme, int year_of_study)
{
    return ((size_t)region * TS_PROGRAMMES + (size_t)programme) * TS_MAX_STUDY_YEARS + (size_t)year_of_study;
}

/** Compile a scenario and its start population into a model. */
ts_status ts_model_build(ts_model *m, const ts_scenario *scenario, const ts_population *start, ts_error *err);
void ts_model_free(ts_model *m);

/** Grade-1 entrants of region r in the school year `year`: the births six
 *  years before, the region's share of them, times the entry rate (read by
 *  enrolment, and by the openings that size a new school's share). */
int32_t ts_model_entrants(const ts_model *m, int region, int year);

/**
 * Point the model at `values` and recompute, in place and without allocating,
 * every table derived from the scenario's numbers (hazard thresholds). For a
 * replication's draws of uncertain parameters (ts_scenario_draw): `values`
 * must share the model scenario's regions and horizon. ts_model_build calls it.
 */
void ts_model_set_parameters(ts_model *m, const ts_scenario *values);

#endif
