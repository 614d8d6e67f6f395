/*
 * costs.c: the yearly cost items from a region's counts (costs.h).
 *
 * Each item is a count of the year times a unit cost of the year: a stock
 * at the start of the school year (teachers, students, standby, stints)
 * counts for the whole school year, a flow of the summer (hires) once. The
 * sums run in a fixed order over integer counts, so a region's costs do not
 * depend on the order of teachers or on threads (docs/conventions.md, rule 8).
 */
#include "record/costs.h"

#include <math.h>

/* The payer of each item (docs/model.md, "Costs"). */
static const ts_cost_payer ts_cost_payer_of[TS_COST_ITEMS] = {
    [TS_COST_PAY] = TS_PAYER_COUNTY,
    [TS_COST_RURAL_ALLOWANCE] = TS_PAYER_COUNTY,
    [TS_COST_STUDY_PROVINCIAL] = TS_PAYER_PROVINCE,
    [TS_COST_STUDY_MUNICIPAL] = TS_PAYER_CITY,
    [TS_COST_RECRUITMENT] = TS_PAYER_COUNTY,
    [TS_COST_STANDBY_TRAINING] = TS_PAYER_COUNTY,
    [TS_COST_ROTATION_ALLOWANCE] = TS_PAYER_COUNTY,
    [TS_COST_PSYCHOLOGY] = TS_PAYER_COUNTY,
};

void ts_costs_count_students(const ts_world *w, int32_t r, ts_cost_counts *c)
{
    const ts_model *m = w->model;
    for (int p = 0; p < TS_PROGRAMMES; p++)
        for (int k = 0; k < TS_MAX_STUDY_YEARS; k++) {
            int32_t n = w->students[ts_student_index(r, p, k)];
            if (n == 0)
                continue;
            /* The cohort with k years of study done enrolled in w->year - k
             * (intake.c shifts the cohorts before the year's tally). */
            int enrolled = w->year - k;
            double share = enrolled >= TS_YEAR_MIN ? m->provincial_share[enrolled - TS_YEAR_MIN] : 1.0;
            int64_t provincial = (int64_t)lround((double)n * share);
            c->study_provincial += provincial;
            c->study_municipal += n - provincial;
        }
}

void ts_costs_compute(const ts_scenario *sc, const ts_cost_counts *counts, const ts_cost_flows *f, ts_costs *out)
{
    double pay = 0.0, allowance = 0.0;
    for (int c = 0; c < TS_CONTRACT_COUNT; c++)
        for (int t = 0; t < TS_TITLE_COUNT; t++) {
            const double rate = c == TS_CONTRACT_ESTABLISHED ? sc->costs.pay_established[t]
                                : c == TS_CONTRACT_TARGETED  ? sc->costs.pay_targeted[t]
                                                             : sc->costs.pay_temporary;
            for (int l = 0; l < TS_LOCALITY_COUNT; l++) {
                const int64_t *n = counts->teachers[c][t][l];
                pay += (double)(n[0] + n[1]) * rate;
                /* The allowance: established and targeted teachers with a
                 * title, holding a post (not on standby). */
                if (c != TS_CONTRACT_TEMPORARY && t != TS_TITLE_NONE)
                    allowance += (double)n[0] * sc->costs.rural_allowance[l];
            }
        }
    out->item[TS_COST_PAY] = pay;
    out->item[TS_COST_RURAL_ALLOWANCE] = 12.0 * allowance; /* the allowance is monthly */
    out->item[TS_COST_STUDY_PROVINCIAL] = (double)counts->study_provincial * sc->costs.study_provincial;
    out->item[TS_COST_STUDY_MUNICIPAL] = (double)counts->study_municipal * sc->costs.study_municipal;
    out->item[TS_COST_RECRUITMENT] = (double)f->open_hires * sc->costs.recruitment;
    out->item[TS_COST_STANDBY_TRAINING] = (double)f->standby * sc->costs.standby_training;
    out->item[TS_COST_ROTATION_ALLOWANCE] = (double)f->rotating * sc->costs.rotation_allowance;
    /* 0 without the requirement, and adding 0 leaves the total's bits as they were */
    out->item[TS_COST_PSYCHOLOGY] = (double)counts->psych_full * sc->psychology.pay +
                                    (double)counts->psych_part * sc->psychology.part_time_allowance +
                                    (double)f->psych_hires * sc->costs.recruitment;
    out->total = 0.0;
    for (int p = 0; p < TS_PAYER_COUNT; p++)
        out->payer[p] = 0.0;
    for (int i = 0; i < TS_COST_ITEMS; i++) {
        out->payer[ts_cost_payer_of[i]] += out->item[i];
        out->total += out->item[i];
    }
}
