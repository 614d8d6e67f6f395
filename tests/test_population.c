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
