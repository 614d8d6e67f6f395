/*
 * test_rotation.c: exchange rotation (交流轮岗) against the rule it
 * implements: each year at least 10 % of a county's eligible teachers (6+
 * years at one school) rotate, at least 20 % of them backbone teachers, from
 * urban and strong schools to rural and weak ones, for a stint after which
 * they return home or, with the scenario's probability, stay. Checked on the
 * world around every rotation step, with the availability that the rule can
 * only be asked of computed from the world before the step.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "fixtures.h"
#include "record/indicators.h"
#include "teachsim/run.h"

/* The assessment's thresholds (MOE 2014), not the scenario's, in integers:
 * at least one in ten eligible teachers rotates, at least one in five
 * rotating teachers is a backbone teacher. */
static long tenth_up(long n)
{
    return (n + 9) / 10;
}
static long fifth_up(long n)
{
    return (n + 4) / 5;
}

static double at(const ts_results *res, const char *name, size_t r, size_t y, size_t g)
{
    int i = ts_results_indicator_index(res, name);
    cr_assert_geq(i, 0, "indicator %s missing", name);
    return ts_results_block(res, (size_t)i, 0, r)[y * res->n_regions + g];
}

/* Sending schools under urban_to_rural: all but the weak rural ones. */
static int is_source(const ts_schools *s, int32_t school)
{
    return !(s->locality[school] == TS_RURAL && s->weak[school]);
}
static int is_destination(const ts_schools *s, int32_t school)
{
    return s->locality[school] == TS_RURAL || s->weak[school];
}

/* Eligibility from its definition (rotation.h): established, not rotating,
 * in post, with the scenario's years at the same school. */
static int eligible(const ts_world *w, int32_t i)
{
    const ts_teachers *t = &w->teachers;
    return t->contract[i] == TS_CONTRACT_ESTABLISHED && t->home_school[i] < 0 &&
           !(t->flags[i] & (TS_TEACHER_GONE | TS_TEACHER_STANDBY)) &&
           t->years_at_school[i] >= w->model->scenario->rotation.min_years_at_school;
}

Test(rotation, every_county_rotates_a_tenth_of_its_eligible_with_a_fifth_backbone)
{
    /* Per county and year, from the world just before the rotation step:
     * E eligible teachers, of whom A in sending schools and B of those
     * backbone. The rule asks for ceil(10 % of E) rotations whenever A
     * reaches that many, and 20 % backbone among them whenever B reaches
     * ceil(20 % of the quota); when both hold, the year's qb_rotation_ok
     * is 1. Teachers whose stint ends in the step are not counted before it:
     * back home their years at school start again, and staying they have
     * only the stint's years at the destination, below the 6 eligibility
     * needs; the check that E equals the step's own count confirms it. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    cr_assert(sc.rotation.enabled && sc.rotation.urban_to_rural);
    cr_assert_lt(sc.rotation.stint_years, sc.rotation.min_years_at_school);
    const uint32_t seed = 1701;
    fixture_world f;
    fixture_world_make(&f, &sc, seed);
    ts_world *w = &f.world;
    ts_world_reset(w, seed, 4);
    const int G = f.model.n_regions;
    int available = 0, county_years = 0;
    for (int year = sc.horizon.start_year; year <= sc.horizon.end_year; year++) {
        fixture_year_begin(w, year);
        fixture_year_steps(w, 1, 6);
        long E[TS_MAX_REGIONS] = {0}, A[TS_MAX_REGIONS] = {0}, B[TS_MAX_REGIONS] = {0};
        for (int32_t i = 0; i < w->teachers.n; i++)
            if (eligible(w, i)) {
                int32_t g = ts_world_region(w, i);
                E[g]++;
                if (is_source(&w->schools, w->teachers.school[i])) {
                    A[g]++;
                    B[g] += w->teachers.backbone[i] != TS_BACKBONE_NONE;
                }
            }
        fixture_year_steps(w, 7, 7);
        int both[TS_MAX_REGIONS] = {0};
        for (int g = 0; g < G; g++) {
            const ts_flows *fl = &w->flows[g];
            const long quota = tenth_up(E[g]), backbone_quota = fifth_up(quota);
            cr_expect_eq(fl->rotation_eligible, E[g], "year %d county %d: eligible", year, g);
            cr_expect_leq(fl->rotations, A[g], "year %d county %d: no more rotate than can", year, g);
            cr_expect_leq(fl->rotations_backbone, fl->rotations);
            if (A[g] >= quota)
                cr_expect_geq(fl->rotations, quota,
                              "year %d county %d: %ld rotations of %ld eligible (%ld in sending "
                              "schools), at least %ld due",
                              year, g, (long)fl->rotations, E[g], A[g], quota);
            if (B[g] >= backbone_quota)
                cr_expect_geq(5 * fl->rotations_backbone, fl->rotations,
                              "year %d county %d: %ld backbone of %ld rotations (%ld backbone available)", year, g,
                              (long)fl->rotations_backbone, (long)fl->rotations, B[g]);
            both[g] = A[g] >= quota && B[g] >= backbone_quota;
            available += both[g];
            county_years++;
        }
        fixture_year_steps(w, 8, 9);
        fixture_year_end(w);
        ts_tally *tally = calloc((size_t)G + 1, sizeof *tally);
        cr_assert(tally);
        ts_indicators_tally(w, tally);
        for (int g = 0; g < G; g++)
            if (both[g])
                cr_expect_eq(tally[g].quality.rotation_ok, 1, "year %d county %d: the rotation condition is met", year,
                             g);
        free(tally);
    }
    cr_expect_gt(available, county_years / 2, "the rule must be put to the test in most county-years (%d of %d)",
                 available, county_years);
    fixture_world_free(&f);
    ts_scenario_free(&sc);
}

Test(rotation, disabled_rotation_sends_nobody)
{
    /* rotation.enabled false: no rotation and no backbone rotation in any
     * year, region or replication, although teachers are eligible (and so
     * the assessment's rotation condition is not met). */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.rotation.enabled = 0;
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 5, .replications = 3, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    double eligible_sum = 0;
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t y = 0; y < res.n_years; y++)
            for (size_t g = 0; g < res.n_regions; g++) {
                cr_expect_eq(at(&res, "rotations", r, y, g), 0.0, "rep %zu year %d region %s", r,
                             res.first_year + (int)y, res.labels.region_codes[g]);
                cr_expect_eq(at(&res, "rotations_backbone", r, y, g), 0.0);
                double e = at(&res, "rotation_eligible", r, y, g);
                eligible_sum += e;
                if (g + 1 < res.n_regions && e > 0)
                    cr_expect_eq(at(&res, "qb_rotation_ok", r, y, g), 0.0);
            }
    cr_expect_gt(eligible_sum, 0.0);
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(rotation, stints_end_after_their_years_and_a_binomial_share_stays)
{
    /* Stints of 2 years, staying with probability p = 0.2731. Around every
     * rotation step: a teacher sent in year y is due back in y + 2 (and
     * still rotating before); every stint due in the step ends in it, the
     * teacher either back at the home school on a post of their subject or
     * still at the destination. Whether one stays is a draw of their own, so
     * the number staying out of n due is Binomial(n, p): within 4 standard
     * deviations of n p. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    const double p = 0.2731;
    sc.rotation.stint_years = 2;
    sc.rotation.stay_probability = p;
    long due_all = 0, stayed = 0, sent = 0, bad = 0;
    for (uint32_t rep = 0; rep < 3; rep++) {
        const uint32_t seed = 3141 + rep;
        fixture_world f;
        fixture_world_make(&f, &sc, seed);
        ts_world *w = &f.world;
        ts_world_reset(w, seed, rep);
        for (int year = sc.horizon.start_year; year <= sc.horizon.end_year; year++) {
            fixture_year_begin(w, year);
            fixture_year_steps(w, 1, 6);
            const ts_teachers *t = &w->teachers;
            const int32_t n = t->n;
            int32_t *home = malloc((size_t)n * sizeof *home + 1), *school = malloc((size_t)n * sizeof *school + 1);
            cr_assert(home && school);
            for (int32_t i = 0; i < n; i++) {
                home[i] = t->home_school[i];
                school[i] = t->school[i];
                if (home[i] >= 0 && !(t->flags[i] & TS_TEACHER_GONE) && t->return_year[i] < year && bad++ == 0)
                    cr_expect_fail("year %d: a stint due in %d has not ended", year, t->return_year[i]);
            }
            fixture_year_steps(w, 7, 7);
            for (int32_t i = 0; i < n; i++) {
                if (t->flags[i] & TS_TEACHER_GONE)
                    continue;
                if (home[i] >= 0 && t->return_year[i] == year) { /* due */
                    due_all++;
                    int back = t->school[i] == home[i] && t->post_subject[i] == t->subject[i];
                    int stays = t->school[i] == school[i];
                    stayed += stays;
                    if ((t->home_school[i] >= 0 || !(back || stays)) && bad++ == 0)
                        cr_expect_fail("year %d: a stint from %d at %d ended with the teacher at %d, home %d", year,
                                       home[i], school[i], t->school[i], t->home_school[i]);
                } else if (t->home_school[i] >= 0) { /* rotating after the step */
                    int fresh = home[i] < 0;
                    sent += fresh;
                    int ok = fresh
                                 ? t->return_year[i] == year + sc.rotation.stint_years && t->home_school[i] == school[i]
                                 : t->home_school[i] == home[i] && t->return_year[i] > year &&
                                       t->return_year[i] < year + sc.rotation.stint_years;
                    if (!ok && bad++ == 0)
                        cr_expect_fail("year %d: rotating teacher, home %d, due %d (sent this year: %d)", year,
                                       t->home_school[i], t->return_year[i], fresh);
                }
            }
            free(home);
            free(school);
            fixture_year_steps(w, 8, 9);
            fixture_year_end(w);
        }
        fixture_world_free(&f);
    }
    cr_expect_eq(bad, 0);
    cr_expect_gt(due_all, 2000, "enough stints must end (%ld sent)", sent);
    double mean = due_all * p, sd = sqrt(due_all * p * (1 - p));
    cr_expect_leq(fabs(stayed - mean), 4 * sd, "%ld of %ld stayed, expected %.1f +- %.1f (4 SD)", stayed, due_all, mean,
                  4 * sd);
    ts_scenario_free(&sc);
}

/* Over a run, the rotations started (n), those going to a strong town or
 * urban school, and under urban_to_rural those breaking the direction rule. */
static void each_rotation(const ts_scenario *sc, uint32_t seed, long *n, long *to_strong_non_rural, long *bad)
{
    fixture_world f;
    fixture_world_make(&f, sc, seed);
    ts_world *w = &f.world;
    ts_world_reset(w, seed, 0);
    const ts_schools *s = &w->schools;
    for (int year = sc->horizon.start_year; year <= sc->horizon.end_year; year++) {
        fixture_year_begin(w, year);
        fixture_year_steps(w, 1, 7);
        const ts_teachers *t = &w->teachers;
        for (int32_t i = 0; i < t->n; i++) {
            if (t->home_school[i] < 0 || t->return_year[i] != year + sc->rotation.stint_years ||
                (t->flags[i] & TS_TEACHER_GONE))
                continue;
            int32_t from = t->home_school[i], to = t->school[i];
            (*n)++;
            *to_strong_non_rural += s->locality[to] != TS_RURAL && !s->weak[to];
            if (sc->rotation.urban_to_rural) {
                int ok = s->region[from] == s->region[to] && from != to && is_source(s, from) &&
                         is_destination(s, to) && (s->locality[from] != TS_RURAL || s->weak[to]);
                if (!ok && (*bad)++ == 0)
                    cr_expect_fail("year %d: from school %d (locality %d, weak %d) to %d (locality %d, weak %d)", year,
                                   from, s->locality[from], s->weak[from], to, s->locality[to], s->weak[to]);
            }
        }
        fixture_year_steps(w, 8, 9);
        fixture_year_end(w);
    }
    fixture_world_free(&f);
}

Test(rotation, teachers_rotate_from_urban_and_strong_to_rural_and_weak)
{
    /* urban_to_rural: every stint starts at a sending school (not weak
     * rural) and goes, within the county, to a rural or weak school, never
     * to a strong town or urban one, and from a rural school only to a weak
     * one. With the switch off, strong town and urban schools do receive
     * teachers: the direction comes from the switch. */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    long n = 0, strong = 0, bad = 0;
    each_rotation(&sc, 2718, &n, &strong, &bad);
    cr_expect_gt(n, 1000);
    cr_expect_eq(strong, 0, "%ld of %ld rotations went to strong town or urban schools", strong, n);
    cr_expect_eq(bad, 0);

    sc.rotation.urban_to_rural = 0;
    long n_any = 0, strong_any = 0, bad_any = 0;
    each_rotation(&sc, 2718, &n_any, &strong_any, &bad_any);
    cr_expect_gt(n_any, 1000);
    cr_expect_gt(strong_any, 0, "between any two schools, some go to strong town or urban schools");
    ts_scenario_free(&sc);
}
