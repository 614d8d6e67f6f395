/*
 * hiring.c: a new teacher record, for every step that hires (hiring.h).
 */
#include "hiring.h"

#include "retirement_age.h"

int32_t ts_hiring_new_teacher(ts_world *w, int32_t school, int subject, int contract, ts_error *err)
{
    const ts_scenario *sc = w->model->scenario;
    ts_teachers *t = &w->teachers;
    if (ts_world_reserve(w, t->n + 1, err) != TS_OK)
        return -1;
    int32_t region = w->schools.region[school];
    uint64_t uid = ts_entity_hire(w->year, (uint32_t)region, (uint32_t)w->hire_slot[region]++);
    philox4x32_ctr_t c = ts_rng_words(&w->rng, uid, w->year, TS_EVENT_HIRE, 0);
    int span = sc->recruitment.hire_age_max - sc->recruitment.hire_age_min + 1;
    int age = sc->recruitment.hire_age_min + (int)(c.v[0] % (uint32_t)span);
    int birth = TS_YEAR_CUTOFF_MONTH(w->year) - 12 * age - (int)(c.v[1] % 12);
    int sex = ts_rng_unit(c.v[2]) < sc->recruitment.female_share ? TS_SEX_FEMALE : TS_SEX_MALE;
    int32_t i = t->n++;
    t->uid[i] = uid;
    t->school[i] = school;
    t->birth_month[i] = (int16_t)birth;
    t->retire_month[i] = (int16_t)ts_retirement_teacher_month(sc, sex, TS_TITLE_NONE, birth);
    t->sex[i] = (uint8_t)sex;
    t->subject[i] = (uint8_t)subject;
    t->qualification[i] = ts_rng_unit(c.v[3]) < sc->recruitment.qualification_above ? TS_QUAL_ABOVE : TS_QUAL_AT;
    t->title[i] = TS_TITLE_NONE;
    t->backbone[i] = TS_BACKBONE_NONE;
    t->contract[i] = (uint8_t)contract;
    t->post_subject[i] = (uint8_t)subject;
    t->years_at_school[i] = 0;
    t->years_of_service[i] = 0;
    t->service_left[i] = 0;
    t->standby_years[i] = 0;
    t->home_school[i] = -1;
    t->return_year[i] = 0;
    t->flags[i] = 0;
    ts_world_occupy(w, i);
    w->flows[region].hires++;
    w->flows[region].hires_subject[subject]++;
    if (contract == TS_CONTRACT_TEMPORARY)
        w->flows[region].hires_temporary++;
    return i;
}
