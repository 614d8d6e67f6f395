/*
 * test_alliances.c: school alliances and shared teachers (alliances.h).
 *
 * The rule's own consequences: alliances formed as documented (the largest
 * school left leads, the smallest left join it, within a county and level);
 * an alliance's counts add up to its teachers whatever is shared (hours
 * move, teachers do not); sharing every hour gives every member the
 * alliance's own teachers per pupil; the teacher-equivalents counted from
 * other schools are h (T - c) p / P summed; and in a full run, alliances
 * change the assessment's counts and nothing else.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "alliances.h"
#include "record/quality.h"
#include "support.h"
#include "teachsim/run.h"

/* Two counties: county 0 has seven primary schools and two junior ones,
 * county 1 one primary school (alone: no alliance). */
enum { N_SCHOOLS = 10, N_REGIONS = 2 };
static const int32_t region_of[N_SCHOOLS] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
static const uint8_t level_of[N_SCHOOLS] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 0};
static const int32_t pupils_of[N_SCHOOLS] = {500, 30, 80, 200, 40, 60, 300, 400, 100, 250};

typedef struct {
    ts_schools schools;
    int32_t region_first[N_REGIONS + 1];
    int32_t region_schools[N_SCHOOLS];
} toy;

static void toy_make(toy *t)
{
    ts_error err = {0};
    cr_assert_eq(ts_schools_alloc(&t->schools, N_SCHOOLS, &err), TS_OK, "%s", err.message);
    for (int32_t s = 0; s < N_SCHOOLS; s++) {
        t->schools.region[s] = region_of[s];
        t->schools.level[s] = level_of[s];
        t->schools.pupil_total[s] = pupils_of[s];
        t->region_schools[s] = s; /* already in region order */
    }
    t->region_first[0] = 0;
    t->region_first[1] = 9;
    t->region_first[2] = 10;
}

Test(alliances, formed_largest_with_smallest_within_county_and_level)
{
    toy t;
    toy_make(&t);
    ts_alliances a;
    ts_error err = {0};
    cr_assert_eq(ts_alliances_form(&a, &t.schools, t.region_first, t.region_schools, N_REGIONS, 3, &err), TS_OK);
    /* County 0 primary by size: 500 (0), 300 (6), 200 (3), 80 (2), 60 (5),
     * 40 (4), 30 (1): {500, 30, 40}, {300, 60, 80}; 200 is left alone. Junior:
     * {400, 100}. County 1: one school, none. */
    const int32_t expected[][3] = {{0, 1, 4}, {6, 5, 2}, {7, 8, -1}};
    cr_assert_eq(a.n, 3);
    for (int32_t k = 0; k < a.n; k++) {
        int32_t n = a.first[k + 1] - a.first[k];
        cr_expect_eq(n, expected[k][2] < 0 ? 2 : 3, "alliance %d has %d schools", k, n);
        for (int32_t m = 0; m < n; m++)
            cr_expect_eq(a.member[a.first[k] + m], expected[k][m], "alliance %d member %d", k, m);
    }
    cr_expect_eq(a.region_first[0], 0);
    cr_expect_eq(a.region_first[1], 3);
    cr_expect_eq(a.region_first[2], 3, "county 1 has no alliance");
    ts_alliances_free(&a);
    ts_schools_free(&t.schools);
}

/* Random counts of the three kinds per school, and the sums by alliance. */
static void random_counts(double *counted, unsigned seed)
{
    srand(seed);
    for (int i = 0; i < N_SCHOOLS * TS_QB_COUNT; i++)
        counted[i] = rand() % 13;
}

Test(alliances, counts_add_up_to_the_teachers_and_the_shared_hours_follow_the_formula)
{
    toy t;
    toy_make(&t);
    ts_alliances a;
    ts_error err = {0};
    cr_assert_eq(ts_alliances_form(&a, &t.schools, t.region_first, t.region_schools, N_REGIONS, 3, &err), TS_OK);
    const double hours[TS_QB_COUNT] = {0.0, 0.1, 0.3};
    for (unsigned seed = 1; seed <= 20; seed++) {
        double before[N_SCHOOLS * TS_QB_COUNT], after[N_SCHOOLS * TS_QB_COUNT], shared[N_REGIONS * TS_QB_COUNT];
        random_counts(before, seed);
        memcpy(after, before, sizeof before);
        ts_alliances_share(&a, hours, TS_QB_COUNT, t.schools.pupil_total, 0, N_REGIONS, after, shared);
        double expected_shared[TS_QB_COUNT] = {0};
        int in_alliance[N_SCHOOLS] = {0};
        for (int32_t k = 0; k < a.n; k++) {
            const int32_t *school = a.member + a.first[k];
            const int32_t n = a.first[k + 1] - a.first[k];
            double pupils = 0.0;
            for (int32_t m = 0; m < n; m++) {
                pupils += t.schools.pupil_total[school[m]];
                in_alliance[school[m]] = 1;
            }
            for (int j = 0; j < TS_QB_COUNT; j++) {
                double sum_before = 0.0, sum_after = 0.0;
                for (int32_t m = 0; m < n; m++) {
                    sum_before += before[school[m] * TS_QB_COUNT + j];
                    sum_after += after[school[m] * TS_QB_COUNT + j];
                }
                /* hours move, teachers do not: one teacher is counted once in all */
                cr_expect_leq(fabs(sum_after - sum_before), 1e-12 * (1.0 + sum_before), "seed %u alliance %d kind %d",
                              seed, k, j);
                for (int32_t m = 0; m < n; m++) {
                    const double c = before[school[m] * TS_QB_COUNT + j], p = t.schools.pupil_total[school[m]];
                    const double want = (1.0 - hours[j]) * c + hours[j] * sum_before * p / pupils;
                    cr_expect_leq(fabs(after[school[m] * TS_QB_COUNT + j] - want), 1e-12 * (1.0 + want));
                    expected_shared[j] += hours[j] * (sum_before - c) * p / pupils;
                }
            }
        }
        for (int32_t s = 0; s < N_SCHOOLS; s++)
            if (!in_alliance[s])
                cr_expect_eq(memcmp(&after[s * TS_QB_COUNT], &before[s * TS_QB_COUNT], TS_QB_COUNT * sizeof(double)), 0,
                             "school %d is in no alliance: its counts are its own", s);
        for (int j = 0; j < TS_QB_COUNT; j++) {
            cr_expect_leq(fabs(shared[j] - expected_shared[j]), 1e-12 * (1.0 + expected_shared[j]));
            cr_expect_eq(shared[TS_QB_COUNT + j], 0.0, "county 1 shares nothing");
        }
        cr_expect_eq(after[0 * TS_QB_COUNT + TS_QB_QUALIFIED], before[0 * TS_QB_COUNT + TS_QB_QUALIFIED],
                     "h = 0 leaves a kind as counted, bit for bit");
    }
    ts_alliances_free(&a);
    ts_schools_free(&t.schools);
}

Test(alliances, sharing_every_hour_gives_every_member_the_alliances_own_ratio)
{
    toy t;
    toy_make(&t);
    ts_alliances a;
    ts_error err = {0};
    cr_assert_eq(ts_alliances_form(&a, &t.schools, t.region_first, t.region_schools, N_REGIONS, 4, &err), TS_OK);
    const double hours[TS_QB_COUNT] = {1.0, 1.0, 1.0};
    double counted[N_SCHOOLS * TS_QB_COUNT], shared[N_REGIONS * TS_QB_COUNT];
    random_counts(counted, 99);
    double total[TS_QB_COUNT] = {0}, pupils = 0.0;
    const int32_t *school = a.member + a.first[0];
    const int32_t n = a.first[1] - a.first[0];
    for (int32_t m = 0; m < n; m++) {
        pupils += t.schools.pupil_total[school[m]];
        for (int j = 0; j < TS_QB_COUNT; j++)
            total[j] += counted[school[m] * TS_QB_COUNT + j];
    }
    ts_alliances_share(&a, hours, TS_QB_COUNT, t.schools.pupil_total, 0, N_REGIONS, counted, shared);
    for (int32_t m = 0; m < n; m++)
        for (int j = 0; j < TS_QB_COUNT; j++) {
            double ratio = counted[school[m] * TS_QB_COUNT + j] / t.schools.pupil_total[school[m]];
            cr_expect_leq(fabs(ratio - total[j] / pupils), 1e-12, "member %d kind %d", m, j);
        }
    ts_alliances_free(&a);
    ts_schools_free(&t.schools);
}

/* A full run: alliances change what the assessment counts and nothing else
 * (no teacher moves, so every flow and stock is the same bits), and counting
 * shared hours at home only is the same as no alliance at all. */
static ts_results run(ts_scenario *sc)
{
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 5, .replications = 2, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    return res;
}

static int assessment_row(const char *name)
{
    return strncmp(name, "qb_", 3) == 0;
}

Test(alliances, in_a_run_only_the_assessment_changes)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + 3;
    ts_results off = run(&sc);
    sc.alliances.enabled = 1;
    ts_results on = run(&sc);
    sc.alliances.count_shared_hours = 0;
    ts_results home = run(&sc);
    const size_t cells = off.n_scenarios * off.n_replications * off.n_years * off.n_regions;
    cr_assert_eq(on.n_indicators, off.n_indicators);
    int changed = 0;
    for (size_t i = 0; i < off.n_indicators; i++) {
        const char *name = off.indicators[i].name;
        const double *a = off.values + i * cells, *b = on.values + i * cells, *c = home.values + i * cells;
        int same = memcmp(a, b, cells * sizeof *a) == 0;
        if (!assessment_row(name))
            cr_expect(same, "%s changed with alliances: only the assessment's counts may", name);
        changed += !same;
        cr_expect_eq(memcmp(a, c, cells * sizeof *a), 0, "%s: shared hours counted at home are no alliance", name);
    }
    cr_expect_gt(changed, 2, "alliances changed the assessment (%d indicators)", changed);
    ts_results_free(&off);
    ts_results_free(&on);
    ts_results_free(&home);
    ts_scenario_free(&sc);
}
