/*
 * roster_teachers.c: the teachers CSV of a roster (docs/rosters.md).
 *
 * Owns: its columns (post_subject optional), and each row read and checked:
 * a unique teacher_id, a known school_id, a birth date that makes a teacher
 * of working age not yet retired, the codes, and years of service that fit
 * the age and the contract; the row becomes a teacher of ts_teachers.
 * Does not own reading the CSV (csv_reader.c), the ids (roster_ids.c) nor
 * the retirement rule (retirement_age.h).
 */
#include <stdio.h>
#include <string.h>

#include "retirement_age.h"
#include "rng.h"
#include "roster_internal.h"

#define MAX_YEARS 80 /* years_at_school, years_of_service */
#define MAX_SERVICE_LEFT 60
#define MIN_AGE 18
#define SERVICE_FROM_AGE 16 /* the youngest age service can have started (中师 graduates) */
#define BIRTH_YEAR_MIN 1900
#define BIRTH_YEAR_MAX 2100

const char *const ts_roster_teacher_columns[T_COLUMNS] = {
    "teacher_id",       "school_id",         "birth_year", "birth_month", "sex",      "subject",
    "post_subject",     "qualification",     "title",      "backbone",    "contract", "years_at_school",
    "years_of_service", "service_years_left"};

void ts_roster_teacher_row(ts_csv_parser *ps, void *user)
{
    teacher_load *L = user;
    ts_teachers *t = L->t;
    if (L->nomem)
        return;
    if (t->n == t->capacity) {
        ts_error ignored = {0};
        int64_t cap = t->capacity ? 2 * (int64_t)t->capacity : 1024;
        if (cap > TS_ROSTER_MAX_TEACHERS + 1)
            cap = TS_ROSTER_MAX_TEACHERS + 1;
        if (ts_teachers_reserve(t, (int32_t)cap, &ignored) != TS_OK) {
            L->nomem = 1;
            return;
        }
    }
    const int32_t i = t->n++;
    t->uid[i] = ts_entity_start_teacher((uint32_t)i);
    t->school[i] = 0;
    t->birth_month[i] = t->retire_month[i] = 0;
    t->sex[i] = t->subject[i] = t->post_subject[i] = t->qualification[i] = 0;
    t->title[i] = t->backbone[i] = t->contract[i] = 0;
    t->years_at_school[i] = t->years_of_service[i] = t->service_left[i] = 0;
    t->standby_years[i] = 0;
    t->home_school[i] = -1;
    t->return_year[i] = 0;
    t->flags[i] = 0;
    if (ps->n_fields != ps->n_columns)
        return;

    const ts_scenario *sc = L->sc;
    ts_roster_unique_id(ps, T_ID, &L->ids, i, &L->nomem);
    size_t n;
    const char *school = ts_roster_id_value(ps, T_SCHOOL, &n);
    if (school) {
        int64_t e = ts_ids_find(L->schools, school, n);
        if (e >= 0) {
            t->school[i] = L->schools->value[e];
        } else {
            char found[TS_CSV_FOUND_MAX * 4 + 16];
            ts_error_quote(school, n, found, sizeof found);
            ts_csv_problem(ps, "school_id", "unknown school %s", found);
        }
    }
    long year = 0, month = 0, at_school = 0, service = 0, left = 0;
    int sex = 0, subject = 0, post = 0, qual = 0, title = 0, backbone = 0, contract = 0;
    char what[64];
    snprintf(what, sizeof what, "a year %d-%d", BIRTH_YEAR_MIN, BIRTH_YEAR_MAX);
    int born = ts_csv_whole(ps, T_BIRTH_YEAR, BIRTH_YEAR_MIN, BIRTH_YEAR_MAX, what, &year);
    born &= ts_csv_whole(ps, T_BIRTH_MONTH, 1, 12, "a month 1-12", &month);
    int ok_sex = ts_csv_code(ps, T_SEX, ts_sex_codes, TS_SEX_COUNT, &sex);
    ts_csv_code(ps, T_SUBJECT, ts_subject_codes, TS_SUBJECT_COUNT, &subject);
    if (ps->column_of[T_POST] < 0 || ts_csv_is_empty(ps, T_POST))
        post = subject;
    else
        ts_csv_code(ps, T_POST, ts_subject_codes, TS_SUBJECT_COUNT, &post);
    ts_csv_code(ps, T_QUALIFICATION, ts_qualification_codes, TS_QUAL_COUNT, &qual);
    int ok_title = ts_csv_code(ps, T_TITLE, ts_title_codes, TS_TITLE_COUNT, &title);
    ts_csv_code(ps, T_BACKBONE, ts_backbone_codes, TS_BACKBONE_COUNT, &backbone);
    int ok_contract = ts_csv_code(ps, T_CONTRACT, ts_contract_codes, TS_CONTRACT_COUNT, &contract);
    snprintf(what, sizeof what, "a whole number of years 0-%d", MAX_YEARS);
    int ok_at = ts_csv_whole(ps, T_AT_SCHOOL, 0, MAX_YEARS, what, &at_school);
    int ok_service = ts_csv_whole(ps, T_SERVICE, 0, MAX_YEARS, what, &service);
    snprintf(what, sizeof what, "a whole number of years 0-%d", MAX_SERVICE_LEFT);
    int ok_left = ts_csv_whole(ps, T_SERVICE_LEFT, 0, MAX_SERVICE_LEFT, what, &left);

    const int start = sc->horizon.start_year - 1; /* the population describes this school year */
    const int cutoff = TS_YEAR_CUTOFF_MONTH(start);
    const int birth = TS_MONTH(year, month);
    int age = -1;
    if (born) {
        age = birth <= cutoff ? (cutoff - birth) / 12 : -1;
        if (birth > cutoff)
            ts_csv_problem(ps, "birth_year", "a teacher born after 31 August %d (expected %d to the retirement age)",
                           start, MIN_AGE);
        else if (age < MIN_AGE)
            ts_csv_problem(ps, "birth_year", "a teacher aged %d on 31 August %d (expected %d to the retirement age)",
                           age, start, MIN_AGE);
        else if (ok_sex && ok_title) {
            int retire = ts_retirement_teacher_month(sc, sex, title, birth);
            if (retire <= cutoff)
                ts_csv_problem(
                    ps, "birth_year",
                    "a retired teacher: born %04ld-%02ld, a %s teacher with title %s reached the retirement age "
                    "in %04d-%02d, before 31 August %d",
                    year, month, ts_sex_codes[sex], ts_title_codes[title], 1900 + retire / 12, retire % 12 + 1, start);
            t->retire_month[i] = (int16_t)retire;
        }
    }
    if (ok_service && age >= MIN_AGE && service > age - SERVICE_FROM_AGE)
        ts_csv_problem(ps, "years_of_service",
                       "expected at most %d years for a teacher aged %d (service from age %d), found %ld",
                       age - SERVICE_FROM_AGE, age, SERVICE_FROM_AGE, service);
    if (ok_at && ok_service && at_school > service)
        ts_csv_problem(ps, "years_at_school", "expected at most years_of_service (%ld), found %ld", service, at_school);
    if (ok_left && ok_contract && left > 0 && contract != TS_CONTRACT_TARGETED)
        ts_csv_problem(ps, "service_years_left",
                       "expected 0 for a%s %s teacher (only targeted graduates owe service), found %ld",
                       contract == TS_CONTRACT_ESTABLISHED ? "n" : "", ts_contract_codes[contract], left);

    t->birth_month[i] = (int16_t)(born ? birth : 0);
    t->sex[i] = (uint8_t)sex;
    t->subject[i] = (uint8_t)subject;
    t->post_subject[i] = (uint8_t)post;
    t->qualification[i] = (uint8_t)qual;
    t->title[i] = (uint8_t)title;
    t->backbone[i] = (uint8_t)backbone;
    t->contract[i] = (uint8_t)contract;
    t->years_at_school[i] = (uint8_t)at_school;
    t->years_of_service[i] = (uint8_t)service;
    t->service_left[i] = (uint8_t)left;
}
