/*
 * cohorts.c: how many targeted places each region gets, and the cohorts in
 * study when the run starts (cohorts.h).
 */
#include "cohorts.h"

#include <math.h>

#include "apportion.h"

void ts_cohorts_allocate(const ts_model *m, const ts_schools *schools, int32_t total, int32_t *by_region)
{
    const ts_scenario *sc = m->scenario;
    double weight[TS_MAX_REGIONS];
    for (int r = 0; r < m->n_regions; r++)
        weight[r] = sc->targeted_intake.allocate_by_rural_need ? 0.0 : m->birth_share[r];
    if (sc->targeted_intake.allocate_by_rural_need)
        for (int32_t s = 0; s < schools->n; s++)
            if (schools->locality[s] == TS_RURAL)
                weight[schools->region[s]] += schools->requirement[s];
    if (!ts_apportion(total, weight, m->n_regions, by_region))
        ts_apportion(total, m->birth_share, m->n_regions, by_region); /* no rural school anywhere */
}

int32_t ts_cohorts_yearly_intake(const ts_scenario *sc)
{
    return sc->targeted_intake.enabled ? sc->targeted_intake.provincial + sc->targeted_intake.municipal : 0;
}

/* Places enrolled in school year `year` before the start: the scenario's
 * before_start values of that year (the field, or its schedule of the past). */
static int32_t intake_before_start(const ts_scenario *sc, int year)
{
    ts_scenario view = *sc;
    ts_scenario_at_year(sc, &view, year);
    return view.targeted_intake.before_provincial + view.targeted_intake.before_municipal;
}

void ts_cohorts_at_start(const ts_model *m, int32_t *students)
{
    const ts_scenario *sc = m->scenario;
    if (!sc->targeted_intake.in_study_at_start || !sc->targeted_intake.enabled)
        return;
    int32_t by_region[TS_MAX_REGIONS], by_programme[TS_PROGRAMMES];
    /* The cohort with k years of study done enrolled in start_year - 1 - k. */
    for (int k = 0; k < TS_MAX_STUDY_YEARS; k++) {
        ts_cohorts_allocate(m, &m->start->schools, intake_before_start(sc, sc->horizon.start_year - 1 - k), by_region);
        for (int r = 0; r < m->n_regions; r++) {
            ts_apportion(by_region[r], sc->targeted_intake.programme_share, TS_PROGRAMMES, by_programme);
            for (int p = 0; p < TS_PROGRAMMES; p++)
                if (k < sc->targeted_intake.study_years[p])
                    students[ts_student_index(r, p, k)] =
                        (int32_t)lround(by_programme[p] * pow(1.0 - sc->targeted_intake.dropout_rate[p], k));
        }
    }
}

void ts_cohorts_provincial_shares(const ts_scenario *sc, double *share)
{
    const int first = sc->horizon.start_year - TS_MAX_STUDY_YEARS, last = sc->horizon.end_year;
    ts_scenario view = *sc;
    for (int year = first; year <= last; year++) {
        if (year < TS_YEAR_MIN || year > TS_YEAR_MAX)
            continue;
        /* Without schedules the view is the scenario itself: no copy per year. */
        if (sc->n_schedule > 0)
            ts_scenario_at_year(sc, &view, year);
        int past = year < sc->horizon.start_year;
        double provincial = past ? view.targeted_intake.before_provincial : view.targeted_intake.provincial;
        double municipal = past ? view.targeted_intake.before_municipal : view.targeted_intake.municipal;
        share[year - TS_YEAR_MIN] = provincial + municipal > 0 ? provincial / (provincial + municipal) : 1.0;
    }
}
