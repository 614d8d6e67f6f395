/*
 * test_mergers.c: small schools merging into their township school
 * (steps/mergers.h), from the rule's own consequences: every pupil is
 * accounted for (a region's pupils by grade are those of enrolment without
 * mergers), the schools that merge are exactly those under the threshold
 * that are not a lead, each lead receives exactly its members' pupils, a
 * merged school stays empty in the years after, and its teachers go with
 * its pupils (none is lost, none is left behind).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"
#include "steps/enrolment.h"
#include "steps/mergers.h"

enum { THRESHOLD = 120 };

static int32_t school_pupils(const ts_schools *s, int32_t school)
{
    int32_t n = 0;
    for (int g = 0; g < TS_GRADES; g++)
        n += s->pupils[school][g];
    return n;
}

Test(mergers, pupils_accounted_for_and_exactly_the_small_schools_merge)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    fixture_world f;
    fixture_world_make(&f, &sc, 4141);
    ts_world *w = &f.world;
    const ts_alliances *a = &f.model.alliances;
    ts_world_reset(w, 4141, 0);
    w->year = 2021;
    cr_assert_eq(ts_enrolment_step(w, NULL), TS_OK);
    /* the world after enrolment, before the mergers */
    const int32_t n = w->schools.n;
    static int32_t before[4096][TS_GRADES];
    cr_assert_leq(n, 4096);
    memcpy(before, w->schools.pupils, (size_t)n * sizeof before[0]);
    sc.network.merge_below_pupils = THRESHOLD;
    memset(w->flows, 0, ((size_t)f.model.n_regions + 1) * sizeof *w->flows);
    cr_assert_eq(ts_mergers_step(w, NULL), TS_OK);

    int32_t expected_lead[4096];
    for (int32_t s = 0; s < n; s++)
        expected_lead[s] = -1;
    int64_t merged = 0, moved = 0;
    for (int32_t k = 0; k < a->n; k++) {
        const int32_t lead = a->member[a->first[k]];
        int32_t receives[TS_GRADES] = {0};
        for (int32_t m = a->first[k] + 1; m < a->first[k + 1]; m++) {
            const int32_t s = a->member[m];
            int32_t p = 0;
            for (int g = 0; g < TS_GRADES; g++)
                p += before[s][g];
            if (p < THRESHOLD) {
                expected_lead[s] = lead;
                merged++;
                moved += p;
                for (int g = 0; g < TS_GRADES; g++)
                    receives[g] += before[s][g];
            }
        }
        for (int g = 0; g < TS_GRADES; g++)
            cr_expect_eq(w->schools.pupils[lead][g], before[lead][g] + receives[g], "lead %d grade %d", lead, g + 1);
        cr_expect_eq(w->schools.closed[lead], 0, "a lead never merges");
    }
    cr_assert_gt(merged, 0, "the baseline has schools under %d pupils", THRESHOLD);
    for (int32_t s = 0; s < n; s++) {
        if (expected_lead[s] >= 0) {
            cr_expect_eq(w->schools.closed[s], 1, "school %d (under the threshold) merged", s);
            cr_expect_eq(school_pupils(&w->schools, s), 0);
            cr_expect_eq(w->schools.entry_weight[s], 0.0);
        } else {
            cr_expect_eq(w->schools.closed[s], 0, "school %d did not merge", s);
        }
    }
    int64_t flows_merged = 0, flows_moved = 0;
    for (int r = 0; r < f.model.n_regions; r++) {
        flows_merged += w->flows[r].schools_merged;
        flows_moved += w->flows[r].pupils_merged;
        /* every pupil is where enrolment put them or at their lead, in the same region and grade */
        for (int g = 0; g < TS_GRADES; g++) {
            long sum_before = 0, sum_after = 0;
            for (int32_t s = 0; s < n; s++)
                if (w->schools.region[s] == r) {
                    sum_before += before[s][g];
                    sum_after += w->schools.pupils[s][g];
                }
            cr_expect_eq(sum_after, sum_before, "region %d grade %d", r, g + 1);
        }
    }
    cr_expect_eq(flows_merged, merged);
    cr_expect_eq(flows_moved, moved);
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}

static long teachers_here(const ts_world *w)
{
    long n = 0;
    for (int32_t i = 0; i < w->teachers.n; i++)
        n += !(w->teachers.flags[i] & TS_TEACHER_GONE);
    return n;
}

Test(mergers, merged_schools_stay_empty_and_their_teachers_go_with_the_pupils)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.network.merge_below_pupils = THRESHOLD;
    fixture_world f;
    fixture_world_make(&f, &sc, 4242);
    ts_world *w = &f.world;
    ts_world_reset(w, 4242, 0);
    int closed_seen = 0;
    for (int year = 2021; year <= 2024; year++) {
        fixture_year_begin(w, year);
        long before = teachers_here(w);
        fixture_year_steps(w, 1, 1); /* enrolment, then the mergers */
        /* the mergers move teachers and nothing else: none lost, none left behind */
        cr_expect_eq(teachers_here(w), before, "year %d: a merger lost or made teachers", year);
        for (int32_t i = 0; i < w->teachers.n; i++)
            if (!(w->teachers.flags[i] & TS_TEACHER_GONE)) {
                cr_expect(!w->schools.closed[w->teachers.school[i]], "year %d: teacher %d left at a merged school",
                          year, i);
                cr_expect(w->teachers.home_school[i] < 0 || !w->schools.closed[w->teachers.home_school[i]]);
            }
        fixture_year_steps(w, 2, 9);
        fixture_year_end(w);
        for (int32_t s = 0; s < w->schools.n; s++) {
            if (!w->schools.closed[s])
                continue;
            closed_seen++;
            cr_expect_eq(school_pupils(&w->schools, s), 0, "year %d: merged school %d has pupils", year, s);
            cr_expect_eq(w->schools.requirement[s], 0);
            cr_expect_eq(w->schools.temporaries[s], 0);
            for (int j = 0; j < TS_SUBJECT_COUNT; j++)
                cr_expect_eq(w->schools.held[s][j], 0, "year %d: merged school %d holds posts of subject %d", year, s,
                             j);
        }
    }
    cr_expect_gt(closed_seen, 0);
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}
