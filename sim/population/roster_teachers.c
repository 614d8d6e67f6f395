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

/* One row's fields as read, and whether each field a later check needs was
 * read; a field that was not keeps 0 (its problem is already reported). */
typedef struct {
    long year, month, at_school, service, left;
    int birth; /* TS_MONTH of birth, meaningful when born */
    int sex, subject, post, qual, title, backbone, contract;
    int born, ok_sex, ok_title, ok_contract, ok_at, ok_service, ok_left;
} teacher_fields;

/* Every row becomes a teacher, even one with problems, so that a teacher's
 * index is its row's; it starts blank. Returns -1 when out of memory. */
static int32_t append_teacher(teacher_load *L)
{
    ts_teachers *t = L->t;
    if (t->n == t->capacity) {
        ts_error ignored = {0};
        int64_t cap = t->capacity ? 2 * (int64_t)t->capacity : 1024;
        if (cap > TS_ROSTER_MAX_TEACHERS + 1)
            cap = TS_ROSTER_MAX_TEACHERS + 1;
        if (ts_teachers_reserve(t, (int32_t)cap, &ignored) != TS_OK) {
            L->nomem = 1;
            return -1;
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
    return i;
}

/* The school_id must be one of the schools CSV's; teacher i is placed there. */
static void read_school(ts_csv_parser *ps, const teacher_load *L, int32_t i)
{
    size_t n;
    const char *school = ts_roster_id_value(ps, T_SCHOOL, &n);
    if (!school)
        return;
    int64_t e = ts_ids_find(L->schools, school, n);
    if (e >= 0) {
        L->t->school[i] = L->schools->value[e];
    } else {
        char found[TS_CSV_FOUND_MAX * 4 + 16];
        ts_error_quote(school, n, found, sizeof found);
        ts_csv_problem(ps, "school_id", "unknown school %s", found);
    }
}

/* Read and check the codes and numbers of a row, in the order of its
 * columns; an empty or absent post_subject is the subject. */
static void read_fields(ts_csv_parser *ps, teacher_fields *f)
{
    char what[64];
    snprintf(what, sizeof what, "a year %d-%d", BIRTH_YEAR_MIN, BIRTH_YEAR_MAX);
    f->born = ts_csv_whole(ps, T_BIRTH_YEAR, BIRTH_YEAR_MIN, BIRTH_YEAR_MAX, what, &f->year);
    f->born &= ts_csv_whole(ps, T_BIRTH_MONTH, 1, 12, "a month 1-12", &f->month);
    f->birth = TS_MONTH(f->year, f->month);
    f->ok_sex = ts_csv_code(ps, T_SEX, ts_sex_codes, TS_SEX_COUNT, &f->sex);
    ts_csv_code(ps, T_SUBJECT, ts_subject_codes, TS_SUBJECT_COUNT, &f->subject);
    if (ps->column_of[T_POST] < 0 || ts_csv_is_empty(ps, T_POST))
        f->post = f->subject;
    else
        ts_csv_code(ps, T_POST, ts_subject_codes, TS_SUBJECT_COUNT, &f->post);
    ts_csv_code(ps, T_QUALIFICATION, ts_qualification_codes, TS_QUAL_COUNT, &f->qual);
    f->ok_title = ts_csv_code(ps, T_TITLE, ts_title_codes, TS_TITLE_COUNT, &f->title);
    ts_csv_code(ps, T_BACKBONE, ts_backbone_codes, TS_BACKBONE_COUNT, &f->backbone);
    f->ok_contract = ts_csv_code(ps, T_CONTRACT, ts_contract_codes, TS_CONTRACT_COUNT, &f->contract);
    snprintf(what, sizeof what, "a whole number of years 0-%d", MAX_YEARS);
    f->ok_at = ts_csv_whole(ps, T_AT_SCHOOL, 0, MAX_YEARS, what, &f->at_school);
    f->ok_service = ts_csv_whole(ps, T_SERVICE, 0, MAX_YEARS, what, &f->service);
    snprintf(what, sizeof what, "a whole number of years 0-%d", MAX_SERVICE_LEFT);
    f->ok_left = ts_csv_whole(ps, T_SERVICE_LEFT, 0, MAX_SERVICE_LEFT, what, &f->left);
}

/* The start population describes the school year before the horizon: a
 * teacher must be of working age and not yet retired on its 31 August, and
 * teacher i's retirement month follows from the birth date. Returns the age
 * then, or -1 when the birth date was not read or lies after that day. */
static int check_age(ts_csv_parser *ps, const ts_scenario *sc, const teacher_fields *f, ts_teachers *t, int32_t i)
{
    const int start = sc->horizon.start_year - 1; /* the population describes this school year */
    const int cutoff = TS_YEAR_CUTOFF_MONTH(start);
    const int birth = f->birth;
    if (!f->born)
        return -1;
    int age = birth <= cutoff ? (cutoff - birth) / 12 : -1;
    if (birth > cutoff)
        ts_csv_problem(ps, "birth_year", "a teacher born after 31 August %d (expected %d to the retirement age)", start,
                       MIN_AGE);
    else if (age < MIN_AGE)
        ts_csv_problem(ps, "birth_year", "a teacher aged %d on 31 August %d (expected %d to the retirement age)", age,
                       start, MIN_AGE);
    else if (f->ok_sex && f->ok_title) {
        int retire = ts_retirement_teacher_month(sc, f->sex, f->title, birth);
        if (retire <= cutoff)
            ts_csv_problem(ps, "birth_year",
                           "a retired teacher: born %04ld-%02ld, a %s teacher with title %s reached the retirement age "
                           "in %04d-%02d, before 31 August %d",
                           f->year, f->month, ts_sex_codes[f->sex], ts_title_codes[f->title], 1900 + retire / 12,
                           retire % 12 + 1, start);
        t->retire_month[i] = (int16_t)retire;
    }
    return age;
}

/* Years of service must fit the age and include the years at this school,
 * and only a targeted graduate owes years of service. */
static void check_service(ts_csv_parser *ps, const teacher_fields *f, int age)
{
    if (f->ok_service && age >= MIN_AGE && f->service > age - SERVICE_FROM_AGE)
        ts_csv_problem(ps, "years_of_service",
                       "expected at most %d years for a teacher aged %d (service from age %d), found %ld",
                       age - SERVICE_FROM_AGE, age, SERVICE_FROM_AGE, f->service);
    if (f->ok_at && f->ok_service && f->at_school > f->service)
        ts_csv_problem(ps, "years_at_school", "expected at most years_of_service (%ld), found %ld", f->service,
                       f->at_school);
    if (f->ok_left && f->ok_contract && f->left > 0 && f->contract != TS_CONTRACT_TARGETED)
        ts_csv_problem(ps, "service_years_left",
                       "expected 0 for a%s %s teacher (only targeted graduates owe service), found %ld",
                       f->contract == TS_CONTRACT_ESTABLISHED ? "n" : "", ts_contract_codes[f->contract], f->left);
}

/* The fields become teacher i (the rest of the teacher was set as it was added). */
static void store_fields(ts_teachers *t, int32_t i, const teacher_fields *f)
{
    t->birth_month[i] = (int16_t)(f->born ? f->birth : 0);
    t->sex[i] = (uint8_t)f->sex;
    t->subject[i] = (uint8_t)f->subject;
    t->post_subject[i] = (uint8_t)f->post;
    t->qualification[i] = (uint8_t)f->qual;
    t->title[i] = (uint8_t)f->title;
    t->backbone[i] = (uint8_t)f->backbone;
    t->contract[i] = (uint8_t)f->contract;
    t->years_at_school[i] = (uint8_t)f->at_school;
    t->years_of_service[i] = (uint8_t)f->service;
    t->service_left[i] = (uint8_t)f->left;
}

void ts_roster_teacher_row(ts_csv_parser *ps, void *user)
{
    teacher_load *L = user;
    if (L->nomem)
        return;
    const int32_t i = append_teacher(L);
    if (i < 0 || ps->n_fields != ps->n_columns)
        return;
    teacher_fields f = {0};
    ts_roster_unique_id(ps, T_ID, &L->ids, i, &L->nomem);
    read_school(ps, L, i);
    read_fields(ps, &f);
    int age = check_age(ps, L->sc, &f, L->t, i);
    check_service(ps, &f, age);
    store_fields(L->t, i, &f);
}
