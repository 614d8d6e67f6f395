/*
 * test_population.c: the synthetic start population honours its aggregates
 * and is a pure function of (scenario, seed).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"
#include "retirement_age.h"
#include "steps/retirement.h"

Test(population, aggregates_are_honoured)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&p, &sc, 20201222, &err), TS_OK, "%s", err.message);
    cr_assert_eq(p.n_regions, 5);
    long all_teaching_points = 0;
    for (int r = 0; r < p.n_regions; r++) {
        const ts_region_spec *spec = &sc.population.regions[r];
        long schools[TS_LEVEL_COUNT] = {0}, primary = 0, junior = 0, teaching_points = 0;
        for (int32_t s = 0; s < p.schools.n; s++) {
            if (p.schools.region[s] != r)
                continue;
            schools[p.schools.level[s]]++;
            long n = 0;
            for (int g = 0; g < TS_GRADES; g++) {
                *(g < 6 ? &primary : &junior) += p.schools.pupils[s][g];
                n += p.schools.pupils[s][g];
            }
            teaching_points += p.schools.locality[s] == TS_RURAL && n < 50;
        }
        for (int l = 0; l < TS_LEVEL_COUNT; l++)
            cr_expect_eq(schools[l], spec->schools[l], "region %s level %d", spec->code, l);
        cr_expect_eq(primary, spec->pupils_primary, "region %s primary pupils", spec->code);
        cr_expect_eq(junior, spec->pupils_junior, "region %s junior pupils", spec->code);
        all_teaching_points += teaching_points;
    }
    cr_expect_gt(all_teaching_points, 0,
                 "small rural schools (teaching points) must exist for the class rule to matter");
    const int cutoff = TS_YEAR_CUTOFF_MONTH(sc.horizon.start_year - 1);
    long women = 0, rural = 0, rural_old = 0, urban = 0, urban_old = 0;
    for (int32_t i = 0; i < p.teachers.n; i++) {
        int age = (cutoff - p.teachers.birth_month[i]) / 12;
        cr_expect(age >= 20 && age < 60, "teacher %d aged %d", i, age);
        cr_expect_gt(p.teachers.retire_month[i], cutoff, "teacher %d is already past retirement", i);
        cr_expect_eq(
            p.teachers.retire_month[i],
            ts_retirement_teacher_month(&sc, p.teachers.sex[i], p.teachers.title[i], p.teachers.birth_month[i]));
        women += p.teachers.sex[i] == TS_SEX_FEMALE;
        int loc = p.schools.locality[p.teachers.school[i]];
        if (loc == TS_RURAL) {
            rural++;
            rural_old += age >= 50;
        } else if (loc == TS_URBAN) {
            urban++;
            urban_old += age >= 50;
        }
    }
    cr_expect_gt((double)rural_old / rural, (double)urban_old / urban,
                 "rural staff are older (the plan's annex row 7)");
    cr_expect_gt(women, p.teachers.n / 2);
    /* who holds which post is consistent with the roster */
    long held = 0;
    for (int32_t s = 0; s < p.schools.n; s++)
        held += ts_schools_staff(&p.schools, s);
    cr_expect_eq(held, p.teachers.n);
    ts_population_free(&p);
    ts_scenario_free(&sc);
}

Test(population, same_seed_same_city_other_seed_other_city)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_population a, b, c;
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&a, &sc, 5, &err), TS_OK);
    cr_assert_eq(ts_population_generate(&b, &sc, 5, &err), TS_OK);
    cr_assert_eq(ts_population_generate(&c, &sc, 6, &err), TS_OK);
    cr_assert_eq(a.teachers.n, b.teachers.n);
    cr_expect_eq(memcmp(a.teachers.birth_month, b.teachers.birth_month, (size_t)a.teachers.n * sizeof(int16_t)), 0);
    cr_expect_eq(memcmp(a.schools.pupils, b.schools.pupils, (size_t)a.schools.n * sizeof *a.schools.pupils), 0);
    int differs = a.teachers.n != c.teachers.n ||
                  memcmp(a.teachers.birth_month, c.teachers.birth_month, (size_t)a.teachers.n * sizeof(int16_t)) != 0;
    cr_expect(differs, "another seed must give another city");
    ts_population_free(&a);
    ts_population_free(&b);
    ts_population_free(&c);
    ts_scenario_free(&sc);
}

/* The stable compaction the run-wise one replaces, teacher by teacher and
 * field by field: what ts_teachers_compact must give. */
#define EVERY_TEACHER_FIELD(X)                                                                                         \
    X(uid)                                                                                                             \
    X(school)                                                                                                          \
    X(birth_month)                                                                                                     \
    X(retire_month)                                                                                                    \
    X(sex)                                                                                                             \
    X(subject)                                                                                                         \
    X(qualification)                                                                                                   \
    X(title)                                                                                                           \
    X(backbone)                                                                                                        \
    X(contract)                                                                                                        \
    X(post_subject)                                                                                                    \
    X(standby_years)                                                                                                   \
    X(home_school)                                                                                                     \
    X(return_year)                                                                                                     \
    X(years_at_school)                                                                                                 \
    X(years_of_service)                                                                                                \
    X(service_left)                                                                                                    \
    X(flags)

static void compact_one_by_one(ts_teachers *t)
{
    int32_t kept = 0;
    for (int32_t i = 0; i < t->n; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
#define MOVE(f) t->f[kept] = t->f[i];
        EVERY_TEACHER_FIELD(MOVE)
#undef MOVE
        kept++;
    }
    t->n = kept;
}

/* The start population with every teacher's fields made distinct (so a row
 * moved to the wrong place shows) and the leavers flagged by `gone`. */
static void flagged_copy(ts_teachers *t, const ts_teachers *start, int (*gone)(int32_t i, int32_t n))
{
    ts_error err = {0};
    cr_assert_eq(ts_teachers_alloc(t, start->n, &err), TS_OK);
    ts_teachers_copy(t, start);
    for (int32_t i = 0; i < t->n; i++) {
        t->home_school[i] = i % 7 == 3 ? i : -1;
        t->return_year[i] = (int16_t)(2021 + i % 11);
        t->years_at_school[i] = (uint8_t)(i % 251);
        t->flags[i] = (uint8_t)((i % 5 == 2 ? TS_TEACHER_STANDBY : 0) | (gone(i, t->n) ? TS_TEACHER_GONE : 0));
    }
}

static void expect_same_teachers(const ts_teachers *a, const ts_teachers *b)
{
    cr_assert_eq(a->n, b->n);
#define SAME(f) cr_expect_eq(memcmp(a->f, b->f, (size_t)a->n * sizeof *a->f), 0, "field " #f " differs");
    EVERY_TEACHER_FIELD(SAME)
#undef SAME
}

/* Leavers scattered (about one in thirteen), in runs longer and shorter than
 * the eight flags read at a time, first and last rows among them. */
static int gone_scattered(int32_t i, int32_t n)
{
    return i == 0 || i >= n - 3 || (i >= 100 && i < 137) || i == 200 || i == 201 || i == 209 ||
           ((uint32_t)i * 2654435761u >> 27) % 13 == 0;
}
static int gone_none(int32_t i, int32_t n)
{
    return (void)i, (void)n, 0;
}
static int gone_all(int32_t i, int32_t n)
{
    return (void)i, (void)n, 1;
}
static int gone_last(int32_t i, int32_t n)
{
    return i == n - 1;
}

Test(population, run_wise_compaction_keeps_what_one_by_one_keeps)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&p, &sc, 5, &err), TS_OK);
    cr_assert_gt(p.teachers.n, 1000);
    size_t bytes = 0; /* the list above names every field the container has */
#define SIZE(f) bytes += sizeof *p.teachers.f;
    EVERY_TEACHER_FIELD(SIZE)
#undef SIZE
    cr_assert_eq(bytes, ts_teachers_bytes_per_teacher());
    int (*const patterns[])(int32_t, int32_t) = {gone_scattered, gone_none, gone_all, gone_last};
    for (size_t k = 0; k < sizeof patterns / sizeof *patterns; k++) {
        ts_teachers eager, lazy;
        flagged_copy(&eager, &p.teachers, patterns[k]);
        flagged_copy(&lazy, &p.teachers, patterns[k]);
        compact_one_by_one(&eager);
        ts_teachers_compact(&lazy);
        expect_same_teachers(&eager, &lazy);
        ts_teachers_free(&eager);
        ts_teachers_free(&lazy);
    }
    ts_population_free(&p);
    ts_scenario_free(&sc);
}
