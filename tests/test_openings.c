/*
 * test_openings.c: new schools opening (steps/openings.h), from the rule's
 * own consequences: a school yet to open changes nothing (every earlier year
 * is the same, bit for bit, as without it), opening only moves entrants
 * between the schools of a region (its pupils are those without the new
 * schools in every year), a new school's first intake is its capacity's
 * yearly share of its catchment's entrants (capacity over its grades, to
 * the rounding of one pupil), it never holds more pupils than its capacity,
 * and it is staffed once it has pupils.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "teachsim/run.h"

enum { OPENS = 2023, N_NEW = 4 };

/* Four new schools of the three levels in two districts: junior and primary
 * in yuetang, nine-year and junior in yuhu, the last opening a year later. */
static void add_new_schools(ts_scenario *sc)
{
    const ts_new_school schools[N_NEW] = {
        {"甲中学", "yuetang", "junior", "urban", OPENS, 1800},
        {"乙小学", "yuetang", "primary", "urban", OPENS, 810},
        {"丙学校", "yuhu", "nine_year", "urban", OPENS, 2100},
        {"丁中学", "yuhu", "junior", "urban", OPENS + 1, 900},
    };
    memset(&sc->network.new_schools, 0, sizeof sc->network.new_schools);
    sc->network.new_schools.n = N_NEW;
    memcpy(sc->network.new_schools.item, schools, sizeof schools);
    ts_error err = {0};
    cr_assert_eq(ts_scenario_check(sc, "openings", &err), TS_OK, "%s", err.message);
}

static int grades_of(int level)
{
    return ts_level_last_grade((ts_level)level) - ts_level_first_grade((ts_level)level) + 1;
}

static int32_t school_pupils(const ts_schools *s, int32_t school)
{
    int32_t n = 0;
    for (int g = 0; g < TS_GRADES; g++)
        n += s->pupils[school][g];
    return n;
}

Test(openings, earlier_years_are_the_same_and_every_pupil_is_counted)
{
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    ts_error err = {0};
    fixture_baseline(&sc[0]);
    sc[0].horizon.end_year = sc[0].horizon.start_year + 6;
    /* with the private share falling, whose pupils a new school does not take */
    const ts_key *cap = NULL;
    for (size_t k = 0; k < ts_scenario_key_count; k++)
        if (strcmp(ts_scenario_keys[k].path, "enrolment.private_share_cap") == 0)
            cap = &ts_scenario_keys[k];
    cr_assert_not_null(cap);
    const double ceiling[2] = {0.03, 0.05};
    cr_assert_eq(ts_scenario_set_from(&sc[0], cap, sc[0].horizon.start_year + 1, ceiling, &err), TS_OK, "%s",
                 err.message);
    cr_assert_eq(ts_scenario_copy(&sc[1], &sc[0], &err), TS_OK, "%s", err.message);
    snprintf(sc[1].name, sizeof sc[1].name, "openings");
    add_new_schools(&sc[1]);
    ts_results res = {0};
    ts_run_options opt = {.seed = 91, .replications = 3, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 2, &opt, &res, &err), TS_OK, "%s", err.message);
    const size_t before = (size_t)(OPENS - sc[0].horizon.start_year), cells = res.n_years * res.n_regions;
    for (size_t i = 0; i < res.n_indicators; i++)
        for (size_t r = 0; r < res.n_replications; r++)
            cr_expect(memcmp(ts_results_block(&res, i, 1, r), ts_results_block(&res, i, 0, r),
                             before * res.n_regions * sizeof(double)) == 0,
                      "indicator %s differs before the first school opens (replication %zu)", res.indicators[i].name,
                      r);
    const int pupils = ts_results_indicator_index(&res, "pupils");
    const int moved = ts_results_indicator_index(&res, "public_pupils_from_private");
    const int opened = ts_results_indicator_index(&res, "schools_opened");
    const int staff = ts_results_indicator_index(&res, "new_school_staff");
    const int in_new = ts_results_indicator_index(&res, "new_school_pupils");
    cr_assert(pupils >= 0 && moved >= 0 && opened >= 0 && staff >= 0 && in_new >= 0);
    const size_t all = res.n_regions - 1;
    for (size_t r = 0; r < res.n_replications; r++) {
        const double *p0 = ts_results_block(&res, (size_t)pupils, 0, r),
                     *p1 = ts_results_block(&res, (size_t)pupils, 1, r);
        const double *m0 = ts_results_block(&res, (size_t)moved, 0, r),
                     *m1 = ts_results_block(&res, (size_t)moved, 1, r);
        for (size_t c = 0; c < cells; c++) {
            cr_expect_eq(p1[c], p0[c], "replication %zu cell %zu: pupils", r, c);
            cr_expect_eq(m1[c], m0[c], "replication %zu cell %zu: pupils from private schools", r, c);
        }
        double opened_total = 0.0;
        for (size_t y = 0; y < res.n_years; y++)
            opened_total += ts_results_block(&res, (size_t)opened, 1, r)[y * res.n_regions + all];
        cr_expect_eq(opened_total, N_NEW, "replication %zu: every new school opens once", r);
        const size_t later = before + 2; /* two years after: posted to or hired into */
        cr_expect_gt(ts_results_block(&res, (size_t)in_new, 1, r)[later * res.n_regions + all], 0.0);
        cr_expect_gt(ts_results_block(&res, (size_t)staff, 1, r)[later * res.n_regions + all], 0.0,
                     "replication %zu: the new schools have teachers", r);
    }
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

/* Step by step: in its first year a new school has exactly its entry grade,
 * of capacity / grades pupils (its share f of the catchment's entrants is
 * set to give that; the split rounds each school's count by less than one
 * pupil), and in no year more pupils than its capacity; a school yet to
 * open has none. */
Test(openings, a_new_school_takes_its_share_and_never_more_than_its_capacity)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + 8;
    add_new_schools(&sc);
    fixture_world f;
    fixture_world_make(&f, &sc, 5151);
    ts_world *w = &f.world;
    ts_world_reset(w, 5151, 0);
    const int32_t first = f.model.start->schools.n - N_NEW;
    int capped = 0;
    for (int year = sc.horizon.start_year; year <= sc.horizon.end_year; year++) {
        fixture_year_begin(w, year);
        fixture_year_steps(w, 1, 1);
        for (int32_t i = 0; i < N_NEW; i++) {
            const ts_new_school *ns = &sc.network.new_schools.item[i];
            const int32_t s = first + i, pupils = school_pupils(&w->schools, s);
            if (year < ns->opens) {
                cr_expect_eq(pupils, 0, "%s has pupils in %d, before it opens", ns->name, year);
                cr_expect_eq(w->schools.closed[s], 1);
                continue;
            }
            cr_expect_eq(w->schools.closed[s], 0);
            cr_expect_leq(pupils, ns->capacity, "%s: %d pupils in %d, capacity %d", ns->name, pupils, year,
                          ns->capacity);
            capped += pupils == ns->capacity;
            if (year != ns->opens)
                continue;
            const int entry = ts_level_first_grade((ts_level)w->schools.level[s]) - 1;
            const double intake = (double)ns->capacity / grades_of(w->schools.level[s]);
            cr_expect_eq(pupils, w->schools.pupils[s][entry], "%s opens with its entry grade only", ns->name);
            cr_expect(fabs(pupils - intake) < 1.0 + 1e-9, "%s: %d entrants in its first year, expected %.1f", ns->name,
                      pupils, intake);
        }
        fixture_year_steps(w, 2, 9);
        fixture_year_end(w);
    }
    cr_expect_gt(capped, 0, "a new school filled to its capacity (the rule that holds it there was exercised)");
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}
