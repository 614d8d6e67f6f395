/*
 * test_posting.c: county-managed, school-hired posting (县管校聘) checked on
 * the world right after the posting step. Competing teachers (established,
 * not rotating) never hold more posts of a subject than a school has, nobody
 * waits on standby for a subject a school of their county still has open,
 * standby ends in a post or in an exit after the scenario's years, and
 * posting disabled moves nobody. Built cases check out-of-field assignment
 * and the county's rural-and-weak-first priority.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "fixtures.h"
#include "record/indicators.h"
#include "teachsim/run.h"
#include "year.h"

static double at(const ts_results *res, const char *name, size_t r, size_t y, size_t g)
{
    int i = ts_results_indicator_index(res, name);
    cr_assert_geq(i, 0, "indicator %s missing", name);
    return ts_results_block(res, (size_t)i, 0, r)[y * res->n_regions + g];
}

static void run(const ts_scenario *sc, uint32_t seed, int32_t reps, ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {.seed = seed, .replications = reps, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 1, &opt, res, &err), TS_OK, "%s", err.message);
}

static int32_t open_posts(const ts_schools *s, int32_t school, int subject)
{
    return s->posts[school][subject] - s->held[school][subject];
}

static int in_post(const ts_teachers *t, int32_t i)
{
    return !(t->flags[i] & (TS_TEACHER_GONE | TS_TEACHER_STANDBY));
}

/* Every school's held and temporaries counts agree with the teachers: the
 * bookkeeping the posting step relies on. Returns the mismatches. */
static long count_mismatches(const ts_world *w)
{
    const ts_schools *s = &w->schools;
    int32_t(*held)[TS_SUBJECT_COUNT] = calloc((size_t)s->n, sizeof *held);
    int32_t *temporaries = calloc((size_t)s->n, sizeof *temporaries);
    cr_assert(held && temporaries);
    for (int32_t i = 0; i < w->teachers.n; i++)
        if (in_post(&w->teachers, i)) {
            if (w->teachers.contract[i] == TS_CONTRACT_TEMPORARY)
                temporaries[w->teachers.school[i]]++;
            else
                held[w->teachers.school[i]][w->teachers.post_subject[i]]++;
        }
    long bad = 0;
    for (int32_t school = 0; school < s->n; school++) {
        bad += temporaries[school] != s->temporaries[school];
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            bad += held[school][k] != s->held[school][k];
    }
    free(held);
    free(temporaries);
    return bad;
}

Test(posting, the_year_in_pieces_is_the_pipeline)
{
    /* fixtures.h runs the steps one by one for these suites; it must give the
     * same world as ts_simulation_year, or the checks below look at a world
     * the model never makes. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    fixture_world a, b;
    fixture_world_make(&a, &sc, 515);
    fixture_world_make(&b, &sc, 515);
    ts_world_reset(&a.world, 515, 3);
    ts_world_reset(&b.world, 515, 3);
    for (int year = 2021; year <= 2024; year++) {
        ts_error err = {0};
        cr_assert_eq(ts_simulation_year(&a.world, year, &err), TS_OK, "%s", err.message);
        fixture_year_begin(&b.world, year);
        fixture_year_steps(&b.world, 1, 6);
        fixture_year_steps(&b.world, 7, 9);
        fixture_year_end(&b.world);
        const ts_teachers *x = &a.world.teachers, *y = &b.world.teachers;
        cr_assert_eq(x->n, y->n, "year %d", year);
        size_t n = (size_t)x->n;
        cr_expect_eq(memcmp(x->uid, y->uid, n * sizeof *x->uid), 0, "year %d", year);
        cr_expect_eq(memcmp(x->school, y->school, n * sizeof *x->school), 0, "year %d", year);
        cr_expect_eq(memcmp(x->post_subject, y->post_subject, n), 0, "year %d", year);
        cr_expect_eq(memcmp(x->contract, y->contract, n), 0, "year %d", year);
        cr_expect_eq(memcmp(x->flags, y->flags, n), 0, "year %d", year);
        cr_expect_eq(memcmp(x->home_school, y->home_school, n * sizeof *x->home_school), 0, "year %d", year);
        cr_expect_eq(memcmp(a.world.flows, b.world.flows, ((size_t)a.model.n_regions + 1) * sizeof *a.world.flows), 0,
                     "year %d: flows", year);
    }
    fixture_world_free(&a);
    fixture_world_free(&b);
    ts_scenario_free(&sc);
}

Test(posting, no_competing_surplus_while_the_county_has_an_open_post)
{
    /* After the posting step of every year of a baseline run:
     * - no school holds more competing teachers in a subject than it has
     *   posts while another school of the county has that subject open; in
     *   fact never: 校内竞聘 cuts competing holders down to the posts;
     * - the exception the design allows: targeted graduates in service and
     *   rotating teachers sit outside the competition (posting.h), so a
     *   school may hold more posts than it has through them, and only
     *   through them (held - posts <= non-competing holders);
     * - nobody is on standby while a school of their county has a post open
     *   in their subject (跨校竞聘 fills it), nor, with out-of-field
     *   assignment on (the baseline), while any post of the county is open. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    cr_assert(sc.posting.enabled && sc.posting.out_of_field);
    const uint32_t seed = 8086;
    fixture_world f;
    fixture_world_make(&f, &sc, seed);
    ts_world *w = &f.world;
    ts_world_reset(w, seed, 2);
    const int G = f.model.n_regions;
    const ts_schools *s = &w->schools;
    int32_t(*competing)[TS_SUBJECT_COUNT] = calloc((size_t)s->n, sizeof *competing);
    cr_assert(competing);
    long surplus = 0, over_posts = 0, standby_seen = 0, bad_standby = 0, bookkeeping = 0;
    for (int year = sc.horizon.start_year; year <= sc.horizon.end_year; year++) {
        fixture_year_begin(w, year);
        fixture_year_steps(w, 1, 6);

        const ts_teachers *t = &w->teachers;
        memset(competing, 0, (size_t)s->n * sizeof *competing);
        for (int32_t i = 0; i < t->n; i++)
            if (fixture_competes(t, i) && in_post(t, i))
                competing[t->school[i]][t->post_subject[i]]++;
        int open[TS_MAX_REGIONS][TS_SUBJECT_COUNT] = {{0}}, any_open[TS_MAX_REGIONS] = {0};
        for (int32_t school = 0; school < s->n; school++)
            for (int k = 0; k < TS_SUBJECT_COUNT; k++)
                if (open_posts(s, school, k) > 0) {
                    open[s->region[school]][k] = 1;
                    any_open[s->region[school]] = 1;
                }
        for (int32_t school = 0; school < s->n; school++)
            for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
                if (competing[school][k] > s->posts[school][k] && open[s->region[school]][k] && surplus++ == 0)
                    cr_expect_fail("year %d school %d subject %d: %d competing holders of %d posts while the county "
                                   "has an open post",
                                   year, school, k, competing[school][k], s->posts[school][k]);
                if (s->held[school][k] > s->posts[school][k]) {
                    over_posts++;
                    cr_expect_leq(s->held[school][k] - s->posts[school][k], s->held[school][k] - competing[school][k],
                                  "year %d school %d subject %d: %d held, %d posts, %d competing: over the posts only "
                                  "through targeted or rotating teachers",
                                  year, school, k, s->held[school][k], s->posts[school][k], competing[school][k]);
                }
            }
        for (int32_t i = 0; i < t->n; i++)
            if ((t->flags[i] & TS_TEACHER_STANDBY) && !(t->flags[i] & TS_TEACHER_GONE)) {
                standby_seen++;
                int32_t g = s->region[t->school[i]];
                cr_assert_lt(g, G);
                if ((open[g][t->subject[i]] || any_open[g]) && bad_standby++ == 0)
                    cr_expect_fail("year %d: teacher %d of subject %d on standby while region %d has open posts "
                                   "(in the subject: %d)",
                                   year, i, t->subject[i], g, open[g][t->subject[i]]);
            }
        bookkeeping += count_mismatches(w);

        fixture_year_steps(w, 7, 9);
        fixture_year_end(w);
    }
    cr_expect_eq(surplus, 0);
    cr_expect_eq(bad_standby, 0);
    cr_expect_eq(bookkeeping, 0, "school counts out of step with the teachers");
    cr_expect_gt(over_posts, 0, "the exception (held above posts through non-competing holders) must occur");
    cr_expect_gt(standby_seen, 0, "shrinking enrolment must leave some teachers without a post");
    free(competing);
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}

Test(posting, disabled_posting_moves_nobody)
{
    /* posting.enabled false: schools keep their own teachers. In a run, no
     * redeployment, standby or standby exit in any year, region or
     * replication (while the same run with posting on has all three); on the
     * world, the posting step changes no teacher. */
    ts_scenario on = {0}, off = {0};
    fixture_baseline(&on);
    fixture_baseline(&off);
    off.posting.enabled = 0;
    ts_results res_on = {0}, res_off = {0};
    run(&on, 99, 3, &res_on);
    run(&off, 99, 3, &res_off);
    const char *names[] = {"redeployments", "standby", "standby_exits"};
    for (int k = 0; k < 3; k++) {
        double sum_on = 0;
        for (size_t r = 0; r < res_off.n_replications; r++)
            for (size_t y = 0; y < res_off.n_years; y++)
                for (size_t g = 0; g < res_off.n_regions; g++) {
                    cr_expect_eq(at(&res_off, names[k], r, y, g), 0.0, "%s: rep %zu year %d region %s", names[k], r,
                                 res_off.first_year + (int)y, res_off.labels.region_codes[g]);
                    sum_on += at(&res_on, names[k], r, y, g);
                }
        cr_expect_gt(sum_on, 0.0, "with posting on, %s happen", names[k]);
    }
    ts_results_free(&res_on);
    ts_results_free(&res_off);

    fixture_world f;
    fixture_world_make(&f, &off, 99);
    ts_world *w = &f.world;
    ts_world_reset(w, 99, 0);
    for (int year = off.horizon.start_year; year <= off.horizon.end_year; year++) {
        fixture_year_begin(w, year);
        fixture_year_steps(w, 1, 5);
        const ts_teachers *t = &w->teachers;
        size_t n = (size_t)t->n;
        int32_t *school = malloc(n * sizeof *school + 1);
        uint8_t *post = malloc(n + 1), *flags = malloc(n + 1);
        cr_assert(school && post && flags);
        memcpy(school, t->school, n * sizeof *school);
        memcpy(post, t->post_subject, n);
        memcpy(flags, t->flags, n);
        fixture_year_steps(w, 6, 6);
        cr_expect_eq((size_t)t->n, n);
        cr_expect_eq(memcmp(school, t->school, n * sizeof *school), 0, "year %d: a teacher changed school", year);
        cr_expect_eq(memcmp(post, t->post_subject, n), 0, "year %d: a teacher changed post", year);
        cr_expect_eq(memcmp(flags, t->flags, n), 0, "year %d: a teacher went on standby or left", year);
        free(school);
        free(post);
        free(flags);
        fixture_year_steps(w, 7, 9);
        fixture_year_end(w);
    }
    fixture_world_free(&f);
    ts_scenario_free(&on);
    ts_scenario_free(&off);
}

Test(posting, standby_ends_in_a_post_or_an_exit_after_the_scenarios_years)
{
    /* With standby_exit_years E = 3, checked around every posting step:
     * a teacher on standby after the step has been so for 1 .. E-1
     * consecutive years (one more than before the step, or 1 if just cut);
     * a teacher who leaves in the step was on standby for E years, and each
     * such exit is counted once in standby_exits and once in leavers of the
     * county; a teacher placed from standby has the count reset. Then the
     * run's stock-flow identity, teachers = last year's - retirements -
     * leavers + hires, per region and year, with these exits happening. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    const int E = 3;
    sc.posting.standby_exit_years = E;
    const uint32_t seed = 4242;
    fixture_world f;
    fixture_world_make(&f, &sc, seed);
    ts_world *w = &f.world;
    ts_world_reset(w, seed, 1);
    const int G = f.model.n_regions;
    long exits = 0, placed = 0, waiting = 0, bad = 0;
    for (int year = sc.horizon.start_year; year <= sc.horizon.end_year; year++) {
        fixture_year_begin(w, year);
        fixture_year_steps(w, 1, 5);
        const ts_teachers *t = &w->teachers;
        size_t n = (size_t)t->n;
        uint8_t *flags = malloc(n + 1), *years = malloc(n + 1);
        cr_assert(flags && years);
        memcpy(flags, t->flags, n);
        memcpy(years, t->standby_years, n);
        ts_flows *before = malloc((size_t)G * sizeof *before);
        cr_assert(before);
        memcpy(before, w->flows, (size_t)G * sizeof *before);

        fixture_year_steps(w, 6, 6);
        long exits_by_region[TS_MAX_REGIONS] = {0};
        for (int32_t i = 0; i < (int32_t)n; i++) {
            if (flags[i] & TS_TEACHER_GONE)
                continue;
            const int was = (flags[i] & TS_TEACHER_STANDBY) != 0;
            const int expected_years = was ? years[i] + 1 : 1;
            int ok;
            if (t->flags[i] & TS_TEACHER_GONE) { /* left in the posting step: only by standby */
                exits++;
                exits_by_region[w->schools.region[t->school[i]]]++;
                ok = expected_years == E && t->standby_years[i] == E;
            } else if (t->flags[i] & TS_TEACHER_STANDBY) {
                waiting++;
                ok = t->standby_years[i] == expected_years && expected_years < E;
            } else {
                placed += was;
                ok = t->standby_years[i] == 0;
            }
            if (!ok && bad++ == 0)
                cr_expect_fail("year %d teacher %d: on standby before the step %d (%d years); after it flags %d, "
                               "%d years",
                               year, i, was, years[i], t->flags[i], t->standby_years[i]);
        }
        for (int g = 0; g < G; g++) {
            cr_expect_eq(w->flows[g].standby_exits - before[g].standby_exits, exits_by_region[g], "year %d region %d",
                         year, g);
            cr_expect_eq(w->flows[g].leavers - before[g].leavers, exits_by_region[g], "year %d region %d", year, g);
        }
        free(flags);
        free(years);
        free(before);
        fixture_year_steps(w, 7, 9);
        fixture_year_end(w);
    }
    cr_expect_eq(bad, 0);
    cr_expect_gt(exits, 0, "standby exits must happen");
    cr_expect_gt(placed, 0, "some teachers on standby must find a post");
    cr_expect_gt(waiting, 0);
    fixture_world_free(&f);

    ts_results res = {0};
    run(&sc, seed, 4, &res);
    ts_population pop;
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&pop, &sc, seed, &err), TS_OK, "%s", err.message);
    long start[TS_MAX_REGIONS + 1];
    fixture_start_teachers(&pop, start);
    double standby_exits = 0;
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t g = 0; g < res.n_regions; g++) {
            double last = (double)start[g == res.n_regions - 1 ? (size_t)pop.n_regions : g];
            for (size_t y = 0; y < res.n_years; y++) {
                double now = at(&res, "teachers", r, y, g);
                double identity =
                    last - at(&res, "retirements", r, y, g) - at(&res, "leavers", r, y, g) + at(&res, "hires", r, y, g);
                cr_expect_eq(now, identity, "rep %zu region %s year %d", r, res.labels.region_codes[g],
                             res.first_year + (int)y);
                cr_expect_leq(at(&res, "standby_exits", r, y, g), at(&res, "leavers", r, y, g));
                standby_exits += at(&res, "standby_exits", r, y, g);
                last = now;
            }
        }
    cr_expect_gt(standby_exits, 0);
    ts_results_free(&res);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
}

/* ---- built cases: one county's posts edited between staffing and posting ---- */

typedef struct {
    fixture_world f;
    int32_t region;
} built_case;

/* A fresh world in its first year, up to the posting step, with every post
 * of `region` exactly held (nothing open, no surplus): the cases below then
 * open and cut single posts. In the first year nobody is on standby yet. */
static void built_case_make(built_case *c, const ts_scenario *sc, int32_t region)
{
    fixture_world_make(&c->f, sc, 1234);
    ts_world *w = &c->f.world;
    ts_world_reset(w, 1234, 0);
    fixture_year_begin(w, sc->horizon.start_year);
    fixture_year_steps(w, 1, 5);
    c->region = region;
    ts_schools *s = &w->schools;
    for (int32_t school = 0; school < s->n; school++)
        if (s->region[school] == region)
            for (int k = 0; k < TS_SUBJECT_COUNT; k++)
                s->posts[school][k] = s->held[school][k];
    for (int32_t i = 0; i < w->teachers.n; i++)
        cr_assert(!(w->teachers.flags[i] & TS_TEACHER_STANDBY), "nobody on standby before the first posting");
}

/* A school of the region whose competing holders of `subject` posts all
 * teach that subject, and that has at least one; not `other`. */
static int32_t school_with_in_field_holders(const ts_world *w, int32_t region, int subject, int32_t other)
{
    const ts_teachers *t = &w->teachers;
    for (int32_t school = 0; school < w->schools.n; school++) {
        if (w->schools.region[school] != region || school == other)
            continue;
        int holders = 0, out_of_field = 0;
        for (int32_t i = 0; i < t->n; i++)
            if (t->school[i] == school && fixture_competes(t, i) && in_post(t, i) && t->post_subject[i] == subject) {
                holders++;
                out_of_field += t->subject[i] != subject;
            }
        if (holders > 0 && out_of_field == 0)
            return school;
    }
    cr_assert_fail("no school in region %d with in-field %d teachers", region, subject);
    return -1;
}

/* A school of the region with this locality and weak flag where no teacher of
 * `subject` teaches another subject (who would step back into an open post). */
static int32_t school_like(const ts_world *w, int32_t region, int locality, int weak, int subject)
{
    const ts_teachers *t = &w->teachers;
    for (int32_t school = 0; school < w->schools.n; school++) {
        if (w->schools.region[school] != region || w->schools.locality[school] != locality ||
            w->schools.weak[school] != weak || w->schools.requirement[school] == 0)
            continue;
        int clash = 0;
        for (int32_t i = 0; i < t->n; i++)
            clash |= t->school[i] == school && t->subject[i] == subject && t->post_subject[i] != subject;
        if (!clash)
            return school;
    }
    cr_assert_fail("no school in region %d with locality %d, weak %d", region, locality, weak);
    return -1;
}

/* The one teacher of the region whose school, post or standby changed in
 * the step, or -1 if none (fails on more). */
static int32_t the_one_who_moved(const ts_world *w, int32_t region, const int32_t *school, const uint8_t *post,
                                 const uint8_t *flags)
{
    int32_t who = -1;
    for (int32_t i = 0; i < w->teachers.n; i++)
        if (w->schools.region[school[i]] == region &&
            (w->teachers.school[i] != school[i] || w->teachers.post_subject[i] != post[i] ||
             w->teachers.flags[i] != flags[i])) {
            cr_assert_eq(who, -1, "only one teacher of the county is affected");
            who = i;
        }
    return who;
}

typedef struct {
    int32_t *school;
    uint8_t *post, *flags;
} snapshot;

static snapshot snapshot_take(const ts_world *w)
{
    size_t n = (size_t)w->teachers.n;
    snapshot s = {malloc(n * sizeof *s.school + 1), malloc(n + 1), malloc(n + 1)};
    cr_assert(s.school && s.post && s.flags);
    memcpy(s.school, w->teachers.school, n * sizeof *s.school);
    memcpy(s.post, w->teachers.post_subject, n);
    memcpy(s.flags, w->teachers.flags, n);
    return s;
}

static void snapshot_free(snapshot *s)
{
    free(s->school);
    free(s->post);
    free(s->flags);
}

static long out_of_field_in(const ts_world *w, int32_t region)
{
    ts_tally *tally = calloc((size_t)w->model->n_regions + 1, sizeof *tally);
    cr_assert(tally);
    ts_indicators_tally(w, tally);
    long n = (long)tally[region].out_of_field;
    free(tally);
    return n;
}

Test(posting, a_surplus_teacher_fills_another_subjects_post_only_when_out_of_field_is_allowed)
{
    /* County 2: school A has one music post open; school B one maths post
     * too few; no maths post is open anywhere in the county. The maths
     * teacher B cuts has no post of their subject to compete for: with
     * out-of-field assignment the county sends them to A's music post
     * (counted out of field, a redeployment); without it they wait on
     * standby and A's post stays open. */
    for (int allowed = 0; allowed <= 1; allowed++) {
        ts_scenario sc = {0};
        fixture_baseline(&sc);
        sc.posting.out_of_field = allowed;
        built_case c;
        built_case_make(&c, &sc, 2);
        ts_world *w = &c.f.world;
        ts_schools *s = &w->schools;
        int32_t a = school_like(w, c.region, TS_TOWN, 0, TS_SUBJECT_MUSIC);
        int32_t b = school_with_in_field_holders(w, c.region, TS_SUBJECT_MATHS, a);
        s->posts[a][TS_SUBJECT_MUSIC]++;
        s->posts[b][TS_SUBJECT_MATHS]--;
        long out_of_field_before = out_of_field_in(w, c.region);
        snapshot before = snapshot_take(w);

        fixture_year_steps(w, 6, 6);
        int32_t i = the_one_who_moved(w, c.region, before.school, before.post, before.flags);
        cr_assert_geq(i, 0, "B's surplus maths teacher loses the post");
        const ts_teachers *t = &w->teachers;
        cr_expect_eq(before.school[i], b);
        cr_expect_eq(t->subject[i], TS_SUBJECT_MATHS);
        if (allowed) {
            cr_expect_eq(t->school[i], a, "assigned to A");
            cr_expect_eq(t->post_subject[i], TS_SUBJECT_MUSIC, "on the music post");
            cr_expect_eq(t->flags[i] & TS_TEACHER_STANDBY, 0);
            cr_expect_eq(open_posts(s, a, TS_SUBJECT_MUSIC), 0);
            cr_expect_eq(w->flows[c.region].redeployments, 1);
            cr_expect_eq(out_of_field_in(w, c.region), out_of_field_before + 1, "the post is counted out of field");
        } else {
            cr_expect_eq(t->school[i], b, "stays attached to B");
            cr_expect_neq(t->flags[i] & TS_TEACHER_STANDBY, 0, "on standby");
            cr_expect_eq(t->standby_years[i], 1);
            cr_expect_eq(open_posts(s, a, TS_SUBJECT_MUSIC), 1, "A's music post stays open");
            cr_expect_eq(w->flows[c.region].redeployments, 0);
            cr_expect_eq(out_of_field_in(w, c.region), out_of_field_before);
        }
        snapshot_free(&before);
        fixture_world_free(&c.f);
        ts_scenario_free(&sc);
    }
}

Test(posting, county_assignment_serves_the_rural_weak_school_first)
{
    /* County 0: a strong urban school U with two music posts open and a weak
     * rural school R with one; a maths teacher cut at B with no maths post
     * open in the county. Nobody competes for music posts, so the teacher is
     * left to the county's assignment (统筹安排), out of field: with
     * rural_weak_first R gets the teacher although U's gap is larger; with
     * the largest-gap rule, U.
     *
     * The county's priority applies only to teachers that the cross-school
     * competition leaves without a post: a vacancy in the teacher's own
     * subject is taken in the competition, by the teacher's choice (urban
     * before town before rural, posting.h), whatever the priority rule. The
     * second half shows that: maths posts open at U and R go to U. */
    for (int rule = 0; rule <= 1; rule++)
        for (int own_subject = 0; own_subject <= 1; own_subject++) {
            ts_scenario sc = {0};
            fixture_baseline(&sc);
            sc.posting.rural_weak_first = rule;
            built_case c;
            built_case_make(&c, &sc, 0);
            ts_world *w = &c.f.world;
            ts_schools *s = &w->schools;
            const int open_subject = own_subject ? TS_SUBJECT_MATHS : TS_SUBJECT_MUSIC;
            int32_t u = school_like(w, c.region, TS_URBAN, 0, open_subject);
            int32_t r = school_like(w, c.region, TS_RURAL, 1, open_subject);
            int32_t b = school_with_in_field_holders(w, c.region, TS_SUBJECT_MATHS, u);
            cr_assert_neq(b, r, "B must be a third school");
            s->posts[u][open_subject] += own_subject ? 1 : 2;
            s->posts[r][open_subject] += 1;
            s->posts[b][TS_SUBJECT_MATHS]--;
            snapshot before = snapshot_take(w);

            fixture_year_steps(w, 6, 6);
            int32_t i = the_one_who_moved(w, c.region, before.school, before.post, before.flags);
            cr_assert_geq(i, 0);
            const int32_t expected = own_subject ? u : rule ? r : u;
            cr_expect_eq(w->teachers.school[i], expected,
                         "rule %s, open posts in %s: the teacher goes to %s (school %d), went to school %d",
                         rule ? "rural and weak first" : "largest gap", own_subject ? "maths" : "music",
                         expected == r ? "the rural weak school" : "the urban school", expected, w->teachers.school[i]);
            cr_expect_eq(w->teachers.post_subject[i], open_subject);
            snapshot_free(&before);
            fixture_world_free(&c.f);
            ts_scenario_free(&sc);
        }
}
