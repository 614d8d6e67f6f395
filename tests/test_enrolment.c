/*
 * test_enrolment.c: every pupil accounted for through grade progression.
 * Year to year, per region: grade g+1 now holds exactly last year's grade g
 * (pupils move between schools but never leave their region), grade 1 holds
 * the entrants the births give, and grade 9 leaves.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "fixtures.h"
#include "steps/enrolment.h"

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
            cr_expect_eq(after[r][0], ts_enrolment_entrants(&f.model, r, year), "region %d year %d grade 1", r, year);
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
        all += ts_enrolment_entrants(&f.model, r, 2029);
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
