/*
 * test_quality.c: the teacher part of the quality-balance assessment
 * (优质均衡, 教督〔2017〕6号). The difference coefficient against a worked
 * example; then one county of the baseline world rebuilt by hand (five scored
 * schools, a teaching point, exact teacher counts) that passes, and the
 * smallest changes that make it fail: a school missing one indicator below
 * 85 % or two indicators, the coefficient over its limit, a small school that
 * is no longer a teaching point, the rotation condition.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "fixtures.h"
#include "staffing_norms.h"
#include "record/quality.h"

/* ---- the difference coefficient ---------------------------------------- */

Test(quality, difference_coefficient_of_a_worked_example)
{
    /* The assessment's method: X = sum(P_i X_i) / P, S = sqrt(sum((P_i / P)
     * (X_i - X)^2)), CV = S / X. Four schools of 100, 200, 300, 400 pupils
     * (P = 1000, weights 0.1 0.2 0.3 0.4) with 0.4, 1.5, 0.5, 1.9 backbone
     * teachers per 100 pupils:
     *   X = (40 + 300 + 150 + 760) / 1000 = 1.25
     *   deviations -0.85, 0.25, -0.75, 0.65; squared 0.7225, 0.0625, 0.5625, 0.4225
     *   S^2 = 0.1*0.7225 + 0.2*0.0625 + 0.3*0.5625 + 0.4*0.4225
     *       = 0.07225 + 0.0125 + 0.16875 + 0.169 = 0.4225, S = 0.65
     *   CV = 0.65 / 1.25 = 0.52 */
    const double x[] = {0.4, 1.5, 0.5, 1.9}, p[] = {100, 200, 300, 400};
    cr_expect_leq(fabs(ts_quality_cv(x, p, 4) - 0.52), 1e-12, "CV %.15f", ts_quality_cv(x, p, 4));

    /* the same schools in another order; pupils and values in other units */
    const double x2[] = {1.9, 0.5, 0.4, 1.5}, p2[] = {400, 300, 100, 200};
    cr_expect_leq(fabs(ts_quality_cv(x2, p2, 4) - 0.52), 1e-12);
    double xs[4], ps[4];
    for (int i = 0; i < 4; i++) {
        xs[i] = 3.7 * x[i];
        ps[i] = 2.385 * p[i];
    }
    cr_expect_leq(fabs(ts_quality_cv(xs, ps, 4) - 0.52), 1e-12, "CV does not depend on units");

    /* equal values, or one school: no difference */
    const double same[] = {2.385, 2.385, 2.385};
    cr_expect_leq(fabs(ts_quality_cv(same, p, 3)), 1e-12);
    cr_expect_leq(fabs(ts_quality_cv(x, p, 1)), 1e-12);
    /* a school with no pupils weighs nothing */
    const double x5[] = {0.4, 1.5, 0.5, 1.9, 97.0}, p5[] = {100, 200, 300, 400, 0};
    cr_expect_leq(fabs(ts_quality_cv(x5, p5, 5) - 0.52), 1e-12);
}

Test(quality, difference_coefficient_is_undefined_without_pupils_or_mean)
{
    const double x[] = {0.4, 1.5}, p[] = {100, 200}, none[] = {0, 0}, zero[] = {0, 0};
    cr_expect(isnan(ts_quality_cv(x, none, 2)), "no pupils");
    cr_expect(isnan(ts_quality_cv(x, p, 0)), "no schools");
    cr_expect(isnan(ts_quality_cv(zero, p, 2)), "mean 0");
}

/* ---- a county built by hand ---------------------------------------------- */

enum { PRIMARY_SCHOOLS = 4, TEACHING_POINT = 5, PARKING = 6, CHOSEN = 7 };

/* One school of the built county: pupils at one level, and how many of its
 * teachers (all established, in post) are above the required qualification,
 * backbone (county level), and PE/music/art teachers. A teacher may be all
 * three; the school has as many teachers as the largest count. */
typedef struct {
    int pupils, junior;
    int qualified, backbone, pe_art;
} school_spec;

/* The passing county. Primary thresholds 4.2 / 1.0 / 0.9 per 100 pupils,
 * junior 5.3 / 1.0 / 0.9: every school is above each, all primary schools
 * at the same values (5.0, 1.5, 1.5), so every coefficient is 0. The
 * teaching point (40 pupils, under 50) has no teacher at all. */
static const school_spec passing[CHOSEN] = {
    {200, 0, 10, 3, 3},   {400, 0, 20, 6, 6}, {600, 0, 30, 9, 9},
    {800, 0, 40, 12, 12}, {300, 1, 18, 6, 6}, /* junior: 6.0, 2.0, 2.0 */
    {40, 0, 0, 0, 0},                         /* teaching point */
    {0, 0, 0, 0, 0},                          /* no pupils: where the county's other teachers are parked */
};

typedef struct {
    ts_scenario sc;
    fixture_world f;
    int32_t school[CHOSEN];
} built_county;

/* Region 0 of the baseline at the start, rebuilt: the chosen schools get the
 * spec's pupils and teachers, every other school of the region no pupils
 * (not scored), every other teacher of the region is parked at one of them.
 * No rotation is due (nobody eligible) unless a test says so. */
static void build(built_county *c, const school_spec spec[CHOSEN])
{
    ts_world *w = &c->f.world;
    ts_world_reset(w, 11, 0);
    ts_schools *s = &w->schools;
    ts_teachers *t = &w->teachers;
    const ts_model *m = &c->f.model;
    cr_assert_geq(m->region_first[1] - m->region_first[0], CHOSEN);
    for (int32_t k = m->region_first[0]; k < m->region_first[1]; k++)
        memset(s->pupils[m->region_schools[k]], 0, sizeof s->pupils[0]);
    for (int j = 0; j < CHOSEN; j++) {
        int32_t school = c->school[j] = m->region_schools[m->region_first[0] + j];
        s->level[school] = spec[j].junior ? TS_LEVEL_JUNIOR : TS_LEVEL_PRIMARY;
        const int first = spec[j].junior ? 6 : 0, grades = spec[j].junior ? 3 : 6;
        for (int g = 0; g < grades; g++)
            s->pupils[school][first + g] = spec[j].pupils / grades + (g < spec[j].pupils % grades);
    }
    ts_schools_set_all_posts(s, &c->sc);

    int j = 0, k = 0; /* school and teacher within it */
    for (int32_t i = 0; i < t->n; i++) {
        if (s->region[t->school[i]] != 0)
            continue;
        while (j < PARKING && k >= spec[j].qualified && k >= spec[j].backbone && k >= spec[j].pe_art) {
            j++;
            k = 0;
        }
        t->school[i] = c->school[j];
        t->contract[i] = TS_CONTRACT_ESTABLISHED;
        t->flags[i] = 0;
        t->home_school[i] = -1;
        t->qualification[i] = k < spec[j].qualified ? TS_QUAL_ABOVE : TS_QUAL_AT;
        t->backbone[i] = k < spec[j].backbone ? TS_BACKBONE_COUNTY : TS_BACKBONE_NONE;
        t->subject[i] = k < spec[j].pe_art ? TS_SUBJECT_PE + k % 3 : TS_SUBJECT_MATHS;
        t->post_subject[i] = t->subject[i];
        k++;
    }
    cr_assert_eq(j, PARKING, "region 0 has enough teachers to staff the built county");
    /* keep the school counts in step with the teachers */
    for (int32_t school = 0; school < s->n; school++) {
        memset(s->held[school], 0, sizeof s->held[0]);
        s->temporaries[school] = 0;
    }
    for (int32_t i = 0; i < t->n; i++)
        ts_world_occupy(w, i);
    memset(&w->flows[0], 0, sizeof w->flows[0]);
}

static void built_make(built_county *c)
{
    fixture_baseline(&c->sc);
    fixture_world_make(&c->f, &c->sc, 11);
}

static void built_free(built_county *c)
{
    fixture_world_free(&c->f);
    ts_scenario_free(&c->sc);
}

static ts_quality score(built_county *c, const school_spec spec[CHOSEN])
{
    build(c, spec);
    ts_quality q;
    ts_quality_score(&c->f.world, 0, &q);
    return q;
}

Test(quality, a_county_built_to_pass_passes)
{
    built_county c;
    built_make(&c);
    ts_quality q = score(&c, passing);
    cr_expect_eq(q.pass, 1);
    cr_expect_eq(q.pass_level[0], 1);
    cr_expect_eq(q.pass_level[1], 1);
    cr_expect_eq(q.rotation_ok, 1, "nobody eligible: nothing to rotate");
    cr_expect_eq(q.scored_schools[0], PRIMARY_SCHOOLS, "the teaching point is not scored");
    cr_expect_eq(q.scored_schools[1], 1);
    cr_expect_leq(fabs(q.schools_ok_share[0] - 1.0), 1e-12);
    const double primary[TS_QB_COUNT] = {5.0, 1.5, 1.5}, junior[TS_QB_COUNT] = {6.0, 2.0, 2.0};
    for (int j = 0; j < TS_QB_COUNT; j++) {
        cr_expect_leq(fabs(q.per100[j][0] - primary[j]), 1e-12, "indicator %d primary: %.15f", j, q.per100[j][0]);
        cr_expect_leq(fabs(q.per100[j][1] - junior[j]), 1e-12, "indicator %d junior: %.15f", j, q.per100[j][1]);
        cr_expect_leq(fabs(q.cv[j][0]), 1e-12);
        cr_expect_leq(fabs(q.cv[j][1]), 1e-12);
    }
    built_free(&c);
}

Test(quality, a_school_may_miss_one_indicator_only_at_85_percent_or_more)
{
    /* The 800-pupil school with fewer backbone teachers (threshold 1.0 per
     * 100 pupils, floor 0.85): 7 of them (0.875) is one indicator missed
     * above the floor, and the county still passes; 6 (0.75) is below the
     * floor and the county fails; 7 backbone with 7 PE/music/art teachers
     * (0.875 of 0.9) is two indicators missed, and it fails; so does 6
     * backbone with 7 PE/music/art. The coefficients stay within their limit
     * (backbone values 1.5, 1.5, 1.5, 0.75 with weights 0.1 .. 0.4: mean 1.2,
     * S^2 = 0.6 * 0.09 + 0.4 * 0.2025 = 0.135, CV 0.306): the school rule
     * decides. */
    struct {
        int backbone, pe_art, pass;
    } cases[] = {{7, 12, 1}, {6, 12, 0}, {7, 7, 0}, {6, 7, 0}};
    built_county c;
    built_make(&c);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        school_spec spec[CHOSEN];
        memcpy(spec, passing, sizeof spec);
        spec[3].backbone = cases[k].backbone;
        spec[3].pe_art = cases[k].pe_art;
        ts_quality q = score(&c, spec);
        cr_expect_eq(q.pass, cases[k].pass, "backbone %d, PE/music/art %d of 800 pupils", cases[k].backbone,
                     cases[k].pe_art);
        cr_expect_eq(q.pass_level[0], cases[k].pass);
        cr_expect_leq(fabs(q.schools_ok_share[0] - (cases[k].pass ? 1.0 : 0.75)), 1e-12);
        for (int j = 0; j < TS_QB_COUNT; j++)
            cr_expect_leq(q.cv[j][0], c.sc.quality.max_cv[0]);
    }
    built_free(&c);
}

Test(quality, a_coefficient_over_its_limit_alone_fails_the_county)
{
    /* Every school above every threshold, but backbone teachers per 100
     * pupils 6.0, 1.0, 1.0, 1.0 (the 200-pupil school has 12 of them):
     *   X = 0.1*6 + 0.9*1 = 1.5
     *   S^2 = 0.1*(4.5)^2 + 0.9*(0.5)^2 = 2.025 + 0.225 = 2.25, S = 1.5
     *   CV = 1.0 > 0.50. */
    school_spec spec[CHOSEN];
    memcpy(spec, passing, sizeof spec);
    spec[0].backbone = 12;
    spec[1].backbone = 4;
    spec[2].backbone = 6;
    spec[3].backbone = 8;
    built_county c;
    built_make(&c);
    ts_quality q = score(&c, spec);
    cr_expect_leq(fabs(q.cv[TS_QB_BACKBONE][0] - 1.0), 1e-12, "CV %.15f", q.cv[TS_QB_BACKBONE][0]);
    cr_expect_leq(fabs(q.per100[TS_QB_BACKBONE][0] - 1.5), 1e-12);
    cr_expect_leq(fabs(q.schools_ok_share[0] - 1.0), 1e-12, "every school meets the school rule");
    cr_expect_eq(q.pass_level[0], 0);
    cr_expect_eq(q.pass_level[1], 1);
    cr_expect_eq(q.pass, 0);
    built_free(&c);
}

Test(quality, teaching_points_are_left_out)
{
    /* The school without teachers is left out at 40 pupils (passing above);
     * at 60 pupils it is a school like any other, fails every indicator, and
     * the county fails. With the exclusion set to 0 pupils, the 40-pupil
     * school counts too. */
    built_county c;
    built_make(&c);
    school_spec spec[CHOSEN];
    memcpy(spec, passing, sizeof spec);
    spec[TEACHING_POINT].pupils = 60;
    ts_quality q = score(&c, spec);
    cr_expect_eq(q.scored_schools[0], PRIMARY_SCHOOLS + 1);
    cr_expect_eq(q.pass, 0);
    cr_expect_leq(fabs(q.schools_ok_share[0] - 0.8), 1e-12);

    c.sc.quality.teaching_point_pupils = 0;
    q = score(&c, passing);
    cr_expect_eq(q.scored_schools[0], PRIMARY_SCHOOLS + 1);
    cr_expect_eq(q.pass, 0);
    built_free(&c);
}

Test(quality, the_rotation_condition_counts_when_required)
{
    /* 200 teachers eligible: 20 rotations (10 %) with 4 backbone (20 %)
     * meet the condition; 19 rotations, or 20 with 3 backbone, do not, and
     * the county fails unless quality.require_rotation is off. */
    struct {
        int64_t rotations, backbone;
        int ok;
    } cases[] = {{20, 4, 1}, {19, 4, 0}, {20, 3, 0}, {40, 8, 1}};
    built_county c;
    built_make(&c);
    for (int required = 1; required >= 0; required--) {
        c.sc.quality.require_rotation = required;
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
            build(&c, passing);
            ts_world *w = &c.f.world;
            w->flows[0].rotation_eligible = 200;
            w->flows[0].rotations = cases[k].rotations;
            w->flows[0].rotations_backbone = cases[k].backbone;
            ts_quality q;
            ts_quality_score(w, 0, &q);
            cr_expect_eq(q.rotation_ok, cases[k].ok, "%lld rotations, %lld backbone of 200 eligible",
                         (long long)cases[k].rotations, (long long)cases[k].backbone);
            cr_expect_eq(q.pass, cases[k].ok || !required, "rotation required: %d", required);
        }
    }
    built_free(&c);
}

/* ---- why a county fails ----------------------------------------------------- */

Test(quality, the_failure_decomposition_names_the_conditions_that_fail)
{
    built_county c;
    built_make(&c);

    /* Passing: no condition fails, no school is below a threshold, and the
     * share among failing schools is undefined (none fails). */
    ts_quality q = score(&c, passing);
    for (int p = 0; p < 2; p++) {
        cr_expect_eq(q.fails_school_rule[p], 0);
        for (int j = 0; j < TS_QB_COUNT; j++) {
            cr_expect_eq(q.fails_cv[j][p], 0);
            cr_expect_leq(fabs(q.schools_missing[j][p]), 1e-12);
            cr_expect(isnan(q.failing_missing[j][p]), "no failing school: NaN");
        }
    }
    cr_expect_eq(q.fails_rotation, 0);
    cr_expect_eq(q.schools_meeting_rule, PRIMARY_SCHOOLS + 1, "four primary and one junior school meet it");

    /* The 800-pupil primary school with 6 backbone teachers (0.75 per 100,
     * below the 85 % floor): the school rule fails and only it; one school of
     * four is below the backbone threshold, and it is the one failing. The
     * coefficients stay within their limit (CV 0.306, as above). */
    school_spec spec[CHOSEN];
    memcpy(spec, passing, sizeof spec);
    spec[3].backbone = 6;
    q = score(&c, spec);
    cr_expect_eq(q.fails_school_rule[0], 1);
    cr_expect_eq(q.fails_school_rule[1], 0);
    for (int j = 0; j < TS_QB_COUNT; j++)
        cr_expect_eq(q.fails_cv[j][0], 0, "indicator %d: CV within its limit", j);
    cr_expect_leq(fabs(q.schools_missing[TS_QB_BACKBONE][0] - 0.25), 1e-12);
    cr_expect_leq(fabs(q.schools_missing[TS_QB_QUALIFIED][0]), 1e-12);
    cr_expect_leq(fabs(q.failing_missing[TS_QB_BACKBONE][0] - 1.0), 1e-12);
    cr_expect_leq(fabs(q.failing_missing[TS_QB_PE_ART][0]), 1e-12);
    cr_expect_eq(q.schools_meeting_rule, PRIMARY_SCHOOLS, "three primary and the junior school");

    /* Backbone teachers 6.0, 1.0, 1.0, 1.0 per 100 pupils: every school
     * meets the rule, the backbone coefficient (1.0) alone fails. */
    memcpy(spec, passing, sizeof spec);
    spec[0].backbone = 12;
    spec[1].backbone = 4;
    spec[2].backbone = 6;
    spec[3].backbone = 8;
    q = score(&c, spec);
    cr_expect_eq(q.fails_cv[TS_QB_BACKBONE][0], 1);
    cr_expect_eq(q.fails_cv[TS_QB_QUALIFIED][0], 0);
    cr_expect_eq(q.fails_cv[TS_QB_PE_ART][0], 0);
    cr_expect_eq(q.fails_school_rule[0], 0);
    cr_expect(isnan(q.failing_missing[TS_QB_BACKBONE][0]));

    /* 19 rotations of 200 eligible: the rotation condition fails. */
    build(&c, passing);
    c.f.world.flows[0].rotation_eligible = 200;
    c.f.world.flows[0].rotations = 19;
    c.f.world.flows[0].rotations_backbone = 4;
    ts_quality_score(&c.f.world, 0, &q);
    cr_expect_eq(q.fails_rotation, 1);
    built_free(&c);
}

Test(quality, each_scored_school_adds_its_outcome_of_the_year)
{
    /* The failing 800-pupil school (6 backbone of 800 pupils: 0.75 per 100)
     * adds scored 1, met 0, below the backbone threshold 1, and its three
     * per-100 values in fixed point; a passing school met 1; the teaching
     * point and the schools without pupils nothing. */
    built_county c;
    built_make(&c);
    school_spec spec[CHOSEN];
    memcpy(spec, passing, sizeof spec);
    spec[3].backbone = 6;
    ts_quality q = score(&c, spec);
    cr_assert_eq(q.fails_school_rule[0], 1);
    ts_world *w = &c.f.world;
    const int32_t n = w->schools.n;
    int64_t *cells = calloc((size_t)n * TS_SCHOOL_SUM_FIELDS, sizeof *cells);
    cr_assert_not_null(cells);
    ts_school_sums sums = {.n_schools = n, .n_years = 1, .first_year = w->year, .cells = cells};
    ts_quality_add_schools(w, &sums);
    const int64_t *failing = cells + (size_t)c.school[3] * TS_SCHOOL_SUM_FIELDS;
    cr_expect_eq(failing[TS_SCHOOL_SUM_SCORED], 1);
    cr_expect_eq(failing[TS_SCHOOL_SUM_MET], 0);
    cr_expect_eq(failing[TS_SCHOOL_SUM_MISSING + TS_QB_BACKBONE], 1);
    cr_expect_eq(failing[TS_SCHOOL_SUM_MISSING + TS_QB_QUALIFIED], 0);
    cr_expect_eq(failing[TS_SCHOOL_SUM_PER100 + TS_QB_BACKBONE], llround(0.75 * TS_SCHOOL_SUM_SCALE));
    cr_expect_eq(failing[TS_SCHOOL_SUM_PER100 + TS_QB_QUALIFIED], llround(5.0 * TS_SCHOOL_SUM_SCALE));
    const int64_t *passing_school = cells + (size_t)c.school[0] * TS_SCHOOL_SUM_FIELDS;
    cr_expect_eq(passing_school[TS_SCHOOL_SUM_SCORED], 1);
    cr_expect_eq(passing_school[TS_SCHOOL_SUM_MET], 1);
    const int64_t *point = cells + (size_t)c.school[TEACHING_POINT] * TS_SCHOOL_SUM_FIELDS;
    cr_expect_eq(point[TS_SCHOOL_SUM_SCORED], 0, "a teaching point is not scored");
    int64_t scored = 0;
    for (int32_t s = 0; s < n; s++)
        scored += cells[(size_t)s * TS_SCHOOL_SUM_FIELDS + TS_SCHOOL_SUM_SCORED];
    cr_expect_eq(scored, PRIMARY_SCHOOLS + 1, "the county's scored schools only (the others have no pupils)");
    free(cells);
    built_free(&c);
}
