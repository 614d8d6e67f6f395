/*
 * test_enrolment.c: every pupil accounted for through grade progression.
 * Year to year, per region: grade g+1 now holds exactly last year's grade g
 * (pupils move between schools but never leave their region), grade 1 holds
 * the entrants the births give, and grade 9 leaves.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "steps/enrolment.h"
#include "teachsim/results.h"
#include "teachsim/run.h"

static void grade_totals(const ts_world *w, long totals[][TS_GRADES], int n_regions)
{
    memset(totals, 0, sizeof(long) * TS_GRADES * (size_t)n_regions);
    for (int32_t s = 0; s < w->schools.n; s++)
        for (int g = 0; g < TS_GRADES; g++)
            totals[w->schools.region[s]][g] += w->schools.pupils[s][g];
}

Test(enrolment, pupils_accounted_for_through_grade_progression)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.enrolment.urbanisation_rate = 0.0731; /* plenty of movement between schools */
    fixture_world f;
    fixture_world_make(&f, &sc, 8080);
    ts_world *w = &f.world;
    ts_world_reset(w, 8080, 1);
    int n = f.model.n_regions;
    long before[TS_MAX_REGIONS][TS_GRADES], after[TS_MAX_REGIONS][TS_GRADES];
    long rural_before = 0, rural_after = 0;
    for (int year = 2021; year <= 2035; year++) {
        grade_totals(w, before, n);
        rural_before = 0;
        for (int32_t s = 0; s < w->schools.n; s++)
            if (w->schools.locality[s] == TS_RURAL)
                for (int g = 1; g < TS_GRADES; g++)
                    rural_before += w->schools.pupils[s][g - 1];
        w->year = year;
        cr_assert_eq(ts_enrolment_step(w, NULL), TS_OK);
        grade_totals(w, after, n);
        rural_after = 0;
        for (int32_t s = 0; s < w->schools.n; s++)
            if (w->schools.locality[s] == TS_RURAL)
                for (int g = 1; g < TS_GRADES; g++)
                    rural_after += w->schools.pupils[s][g];
        for (int r = 0; r < n; r++) {
            cr_expect_eq(after[r][0], ts_model_entrants(&f.model, r, year), "region %d year %d grade 1", r, year);
            for (int g = 1; g < TS_GRADES; g++)
                cr_expect_eq(after[r][g], before[r][g - 1],
                             "region %d year %d: grade %d has %ld, last year's grade %d had %ld", r, year, g + 1,
                             after[r][g], g, before[r][g - 1]);
        }
        cr_expect_lt(rural_after, rural_before, "year %d: rural pupils must move to towns", year);
    }
    /* entrants follow births six years earlier times the region's share */
    double births = ts_series_get(&sc.enrolment.births, 2029 - 6);
    long all = 0;
    for (int r = 0; r < n; r++)
        all += ts_model_entrants(&f.model, r, 2029);
    cr_expect_leq(fabs((double)all - births * sc.enrolment.entry_rate), n * 0.5 + 1e-9);
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}

Test(enrolment, continuation_below_one_loses_exactly_the_non_continuers)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.enrolment.junior_continuation = 0.9;
    sc.enrolment.urbanisation_rate = 0.0;
    fixture_world f;
    fixture_world_make(&f, &sc, 99);
    ts_world *w = &f.world;
    ts_world_reset(w, 99, 0);
    long before[TS_MAX_REGIONS][TS_GRADES], after[TS_MAX_REGIONS][TS_GRADES];
    grade_totals(w, before, f.model.n_regions);
    w->year = 2021;
    cr_assert_eq(ts_enrolment_step(w, NULL), TS_OK);
    grade_totals(w, after, f.model.n_regions);
    for (int r = 0; r < f.model.n_regions; r++) {
        double expected = 0.9 * (double)before[r][5];
        /* rounding happens once for the pooled primary leavers and once per nine-year school */
        cr_expect_leq(fabs((double)after[r][6] - expected),
                      0.5 * (1 + sc.population.regions[r].schools[TS_LEVEL_NINE_YEAR]),
                      "region %d: %ld in grade 7, expected about %.1f", r, after[r][6], expected);
    }
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}

/* Public and private pupils (docs/model.md, step 1). A world whose private
 * shares fall advances the same base pupils as one whose shares stay (the
 * move is added after the year's progression), so the base world gives B,
 * each region's public pupils of a level without the move, and the move
 * must be exactly round(B (s0 - s) / (1 - s0)): the pupils the private
 * schools lose, T (s0 - s) with T = B / (1 - s0) all pupils. */
static long level_pupils(const ts_world *w, int r, int level)
{
    long n = 0;
    const int first = level == 0 ? 0 : 6, last = level == 0 ? 6 : TS_GRADES;
    for (int32_t s = 0; s < w->schools.n; s++)
        if (w->schools.region[s] == r)
            for (int g = first; g < last; g++)
                n += w->schools.pupils[s][g];
    return n;
}

Test(enrolment, pupils_leaving_private_schools_join_public_schools_exactly)
{
    ts_scenario base_sc = {0}, sc = {0};
    fixture_baseline(&base_sc);
    fixture_baseline(&sc);
    base_sc.enrolment.urbanisation_rate = sc.enrolment.urbanisation_rate = 0.0419;
    const double start_share[2] = {0.0837, 0.2261};
    for (int r = 0; r < sc.population.n_regions; r++)
        for (int l = 0; l < 2; l++)
            base_sc.population.regions[r].private_share[l] = sc.population.regions[r].private_share[l] =
                start_share[l] * (1.0 + 0.1 * r);
    /* the ceiling by year: falling, held, back above every start share */
    const double cap[][2] = {{1.0, 1.0}, {0.0713, 0.1529}, {0.05, 0.05}, {0.05, 0.05}, {0.0, 0.0}, {1.0, 1.0}};
    const int n_years = (int)(sizeof cap / sizeof cap[0]);
    fixture_world fb, fl;
    fixture_world_make(&fb, &base_sc, 3141);
    fixture_world_make(&fl, &sc, 3141);
    ts_world *wb = &fb.world, *wl = &fl.world;
    ts_world_reset(wb, 3141, 2);
    ts_world_reset(wl, 3141, 2);
    const int n = fl.model.n_regions;
    for (int k = 0; k < n_years; k++) {
        const int year = sc.horizon.start_year + k;
        sc.enrolment.private_share_cap[0] = cap[k][0];
        sc.enrolment.private_share_cap[1] = cap[k][1];
        ts_year_begin(wb, year);
        ts_year_begin(wl, year);
        cr_assert_eq(ts_enrolment_step(wb, NULL), TS_OK);
        cr_assert_eq(ts_enrolment_step(wl, NULL), TS_OK);
        for (int32_t s = 0; s < wl->schools.n; s++)
            for (int g = 0; g < TS_GRADES; g++)
                cr_assert_geq(wl->schools.pupils[s][g], wb->schools.pupils[s][g], "year %d school %d grade %d", year,
                              (int)s, g + 1);
        for (int r = 0; r < n; r++) {
            long moved_region = 0;
            for (int l = 0; l < 2; l++) {
                const double s0 = sc.population.regions[r].private_share[l];
                const double s = cap[k][l] < s0 ? cap[k][l] : s0;
                const long base = level_pupils(wb, r, l), public = level_pupils(wl, r, l);
                const long expected = (long)llround((double)base * (s0 - s) / (1.0 - s0));
                cr_expect_eq(public - base, expected, "year %d region %d level %d: %ld moved, expected %ld", year, r, l,
                             public - base, expected);
                /* conservation: public + private = all pupils, within the rounding of the move */
                const double total = (double)base / (1.0 - s0);
                cr_expect_leq(fabs((double)public + total * s - total), 0.5 + 1e-9, "year %d region %d level %d", year,
                              r, l);
                moved_region += public - base;
            }
            cr_expect_eq(wl->flows[r].public_pupils_from_private, moved_region, "year %d region %d", year, r);
            if (cap[k][0] >= 1.0 && cap[k][1] >= 1.0)
                cr_expect_eq(moved_region, 0, "year %d: with no ceiling the public pupils are the base", year);
            else
                cr_expect_gt(moved_region, 0, "year %d region %d: the ceiling must move pupils", year, r);
        }
    }
    fixture_world_free(&fb);
    fixture_world_free(&fl);
    ts_scenario_free(&base_sc);
    ts_scenario_free(&sc);
}

/* The whole run, with the ceiling as a schedule: in every year and region
 * (ALL too) the pupils exceed those of the same run without the ceiling by
 * exactly public_pupils_from_private (common random numbers: the teachers
 * never change the pupils), and not before the ceiling's first year. */
Test(enrolment, scheduled_ceiling_adds_the_moved_pupils_to_the_run)
{
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    ts_error err = {0};
    fixture_baseline(&sc[0]);
    sc[0].horizon.end_year = sc[0].horizon.start_year + 5;
    cr_assert_eq(ts_scenario_copy(&sc[1], &sc[0], &err), TS_OK, "%s", err.message);
    snprintf(sc[1].name, sizeof sc[1].name, "private-ceiling");
    const ts_key *key = NULL;
    for (size_t k = 0; k < ts_scenario_key_count; k++)
        if (strcmp(ts_scenario_keys[k].path, "enrolment.private_share_cap") == 0)
            key = &ts_scenario_keys[k];
    cr_assert_not_null(key);
    const int from = sc[0].horizon.start_year + 2;
    const double cap[2] = {0.0419, 0.0613};
    cr_assert_eq(ts_scenario_set_from(&sc[1], key, from, cap, &err), TS_OK, "%s", err.message);
    ts_results res = {0};
    ts_run_options opt = {.seed = 2718, .replications = 2, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 2, &opt, &res, &err), TS_OK, "%s", err.message);
    const int pupils = ts_results_indicator_index(&res, "pupils");
    const int moved = ts_results_indicator_index(&res, "public_pupils_from_private");
    cr_assert(pupils >= 0 && moved >= 0);
    for (size_t r = 0; r < res.n_replications; r++) {
        const double *p0 = ts_results_block(&res, (size_t)pupils, 0, r),
                     *p1 = ts_results_block(&res, (size_t)pupils, 1, r);
        const double *m0 = ts_results_block(&res, (size_t)moved, 0, r),
                     *m1 = ts_results_block(&res, (size_t)moved, 1, r);
        for (size_t y = 0; y < res.n_years; y++)
            for (size_t g = 0; g < res.n_regions; g++) {
                const size_t i = y * res.n_regions + g;
                cr_expect_eq(m0[i], 0.0);
                cr_expect_eq(p1[i] - p0[i], m1[i], "rep %zu year %zu region %zu", r, y, g);
                if (res.first_year + (int)y < from)
                    cr_expect_eq(m1[i], 0.0, "year %zu: before the ceiling", y);
                else
                    cr_expect_gt(m1[i], 0.0, "year %zu region %zu: the ceiling moves pupils", y, g);
            }
    }
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}
