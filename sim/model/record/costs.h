/**
 * @file costs.h
 * What the workforce costs each year, by item and by who pays (docs/model.md, "Costs").
 *
 * Owns: the cost items (pay, the rural allowance, targeted students' study
 * by payer, recruitment, standby training, rotation allowances), which payer
 * (county, city, province) pays each, the counts a region's tally keeps for
 * them (teachers by contract and title, allowance-eligible teachers by
 * locality, targeted students in study by payer), and turning those counts
 * into yuan with a year's unit costs (the scenario's `costs:`). Does not own
 * the rest of the tally nor the indicator table (indicators.h), and nothing
 * here changes what the model does: no step reads a unit cost.
 */
#ifndef TEACHSIM_COSTS_H
#define TEACHSIM_COSTS_H

#include <stdint.h>

#include "world.h"

/** The cost items, each a row of the indicator table (cost_pay ..). */
typedef enum {
    TS_COST_PAY,                /* every teacher in post, by contract and title */
    TS_COST_RURAL_ALLOWANCE,    /* established and targeted teachers with a title, by locality */
    TS_COST_STUDY_PROVINCIAL,   /* provincial targeted students in study */
    TS_COST_STUDY_MUNICIPAL,    /* municipal targeted students in study */
    TS_COST_RECRUITMENT,        /* open-recruitment hires of the summer */
    TS_COST_STANDBY_TRAINING,   /* teachers on standby */
    TS_COST_ROTATION_ALLOWANCE, /* teachers on a rotation stint */
    TS_COST_PSYCHOLOGY,         /* psychology staff: full-time pay, part-time allowances, hires */
    TS_COST_ITEMS
} ts_cost_item;

/** Who pays an item. */
typedef enum { TS_PAYER_COUNTY, TS_PAYER_CITY, TS_PAYER_PROVINCE, TS_PAYER_COUNT } ts_cost_payer;

/** The counts of a region's tally that only the costs need. All int64_t, so
 *  that they sum over regions with the rest of the tally (indicators.h).
 *  Teachers are counted in one cell per contract, title, locality and
 *  standby (one increment in the teacher loop); pay and the allowance are
 *  sums over the cells. */
typedef struct {
    int64_t teachers[TS_CONTRACT_COUNT][TS_TITLE_COUNT][TS_LOCALITY_COUNT][2]; /* [..][1]: on standby */
    int64_t study_provincial, study_municipal;                                 /* targeted students in study by payer */
    int64_t psych_full, psych_part; /* psychology staff, full and part time (steps/psychology.h) */
} ts_cost_counts;

/** A region's (or ALL's) yearly cost in yuan: by item, by payer, and all. */
typedef struct {
    double item[TS_COST_ITEMS];
    double payer[TS_PAYER_COUNT];
    double total;
} ts_costs;

/** The other counts the items need, which the tally keeps anyway. */
typedef struct {
    int64_t open_hires;  /* hires less temporary hires less targeted arrivals */
    int64_t standby;     /* teachers on standby at the start of the year */
    int64_t rotating;    /* teachers on a rotation stint at the start of the year */
    int64_t psych_hires; /* full-time psychology staff hired in the year */
} ts_cost_flows;

/** Count one teacher in post into c (the tally's teacher loop): one
 *  increment. `standby` is 0 or 1. */
static inline void ts_costs_count_teacher(ts_cost_counts *c, int contract, int title, int locality, int standby)
{
    c->teachers[contract][title][locality][standby]++;
}

/** Add region r's targeted students in study at the start of school year
 *  w->year into c, each cohort split between provincial and municipal places
 *  by the provincial share of the year it enrolled (model.h,
 *  provincial_share), rounded to the nearest student per cohort. */
void ts_costs_count_students(const ts_world *w, int32_t r, ts_cost_counts *c);

/** The yuan of every item from the counts, with the unit costs of `sc` (the
 *  year's scenario, w->model->scenario). */
void ts_costs_compute(const ts_scenario *sc, const ts_cost_counts *counts, const ts_cost_flows *f, ts_costs *out);

#endif
