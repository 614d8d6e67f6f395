/*
 * test_solve.c: goal seeking (solve.h). On a scenario whose answer is known
 * in closed form the search returns it: with 200 municipal places a year,
 * the area enrols provincial + 200 targeted students a year (every place is
 * filled; places are split between counties by whole numbers that add up to
 * the total), so "at least 1000 enrolled in 2022" needs exactly 800
 * provincial places, with probability 1 at 800 and 0 at 799, whatever the
 * replication. Also: a target out of reach, a range whose first value
 * already meets it, the grid of --step, setting keys by path and the
 * monotonicity check.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "solve.h"

static void enrolment_scenario(ts_scenario *sc)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(sc, &err), TS_OK, "%s", err.message);
    sc->horizon.end_year = 2022;
    sc->targeted_intake.municipal = 200;
    for (int p = 0; p < TS_PROGRAMMES; p++)
        sc->targeted_intake.dropout_rate[p] = 0.0; /* deterministic rates */
    memset(&sc->targets, 0, sizeof sc->targets);
    ts_target *t = &sc->targets.item[sc->targets.n++];
    strcpy(t->name, "enrolled_1000");
    strcpy(t->indicator, "targeted_enrolled");
    strcpy(t->region, "ALL");
    t->year = 2022;
    t->by_year = 0;
    t->op = TS_TARGET_GE;
    t->value = 1000;
}

static ts_solve_options options(double lo, double hi, double step)
{
    ts_solve_options o = {.key = "targeted_intake.provincial",
                          .lo = lo,
                          .hi = hi,
                          .step = step,
                          .target = "enrolled_1000",
                          .probability = 0.9,
                          .run = {.seed = 20201222, .replications = 3, .threads = 2}};
    return o;
}

Test(solve, returns_the_closed_form_answer)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    ts_solve_options o = options(0, 2000, 1);
    ts_solve_result r;
    ts_error err = {0};
    cr_assert_eq(ts_solve(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(r.found);
    cr_expect_eq(r.answer.value, 800.0);
    cr_expect_eq(r.answer.probability, 1.0);
    cr_expect_eq(r.answer.met, 3);
    cr_expect_eq(r.answer.evaluated, 3);
    cr_expect(r.has_below);
    cr_expect_eq(r.below.value, 799.0);
    cr_expect_eq(r.below.probability, 0.0);
    cr_expect(r.monotone);
    cr_expect_leq(r.n_points, 14, "a bisection of 2001 values takes at most 2 + 11 runs, took %zu", r.n_points);
    for (size_t i = 0; i + 1 < r.n_points; i++)
        cr_expect_lt(r.points[i].value, r.points[i + 1].value, "points in order of value");
    /* the kept run is the answer's: 1000 enrolled in 2022, all of ALL */
    int ind = ts_results_indicator_index(&r.results, "targeted_enrolled");
    cr_assert_geq(ind, 0);
    cr_expect_eq(ts_results_block(&r.results, (size_t)ind, 0, 0)[1 * r.results.n_regions + r.results.n_regions - 1],
                 1000.0);
    ts_solve_result_free(&r);
    ts_scenario_free(&sc);
}

Test(solve, a_coarser_step_gives_the_first_grid_value_above)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    ts_solve_options o = options(20, 2000, 30); /* 20, 50, ..., 770, 800, 830 ...: 800 = 20 + 26 x 30 */
    ts_solve_result r;
    ts_error err = {0};
    cr_assert_eq(ts_solve(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(r.found);
    cr_expect_eq(r.answer.value, 800.0);
    cr_expect_eq(r.below.value, 770.0);
    ts_solve_result_free(&r);
    o = options(5, 2000, 30); /* 785, 815: the first value meeting it is 815 */
    cr_assert_eq(ts_solve(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect_eq(r.answer.value, 815.0);
    cr_expect_eq(r.below.value, 785.0);
    ts_solve_result_free(&r);
    ts_scenario_free(&sc);
}

Test(solve, out_of_reach_and_already_met)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    ts_solve_options o = options(0, 700, 1);
    ts_solve_result r;
    ts_error err = {0};
    cr_assert_eq(ts_solve(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(!r.found);
    cr_expect_eq(r.top.value, 700.0);
    cr_expect_eq(r.top.probability, 0.0);
    cr_expect(fabs(r.top.upper - 3.841458820694124 / (3 + 3.841458820694124)) < 1e-15,
              "Wilson upper bound of 0 of 3 is z^2 / (n + z^2), found %.17g", r.top.upper);
    cr_expect_eq(r.n_points, 2, "the two ends only");
    ts_solve_result_free(&r);

    o = options(900, 1000, 1);
    cr_assert_eq(ts_solve(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(r.found);
    cr_expect_eq(r.answer.value, 900.0);
    cr_expect(!r.has_below, "the first value of the range meets it");
    cr_expect_eq(r.n_points, 1);
    ts_solve_result_free(&r);
    ts_scenario_free(&sc);
}

Test(solve, refuses_what_it_cannot_search)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    ts_solve_result r;
    ts_error err = {0};
    ts_solve_options o = options(0, 2000, 1);
    o.target = "nothing";
    cr_expect_eq(ts_solve(&sc, &o, &r, &err), TS_ERR_USAGE);
    cr_expect_str_eq(err.message, "--target nothing: scenario xiangtan-baseline has no such target; it has: "
                                  "enrolled_1000");
    o = options(0, 2000, 1);
    sc.targets.item[0].year = 2030;
    cr_expect_eq(ts_solve(&sc, &o, &r, &err), TS_ERR_USAGE);
    cr_expect_str_eq(err.message, "--target enrolled_1000: its year 2030 is outside the scenario's horizon 2021-2022, "
                                  "so it is not evaluated");
    sc.targets.item[0].year = 2022;
    o = options(0, 2000000, 1);
    cr_expect_eq(ts_solve(&sc, &o, &r, &err), TS_ERR_USAGE, "beyond the key's range");
    cr_expect_str_eq(err.message,
                     "--vary targeted_intake.provincial: expected a whole number in [0, 1000000], found 2000000");
    o = options(0, 2000, 0.5);
    cr_expect_eq(ts_solve(&sc, &o, &r, &err), TS_ERR_USAGE, "half steps of an integer key");
    o = options(10, 5, 1);
    cr_expect_eq(ts_solve(&sc, &o, &r, &err), TS_ERR_USAGE);
    ts_scenario_free(&sc);
}

Test(solve, keys_are_set_by_path)
{
    ts_scenario sc;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&sc, &err), TS_OK, "%s", err.message);
    cr_expect_eq(ts_solve_set(&sc, "targeted_intake.provincial", 385, &err), TS_OK, "%s", err.message);
    cr_expect_eq(sc.targeted_intake.provincial, 385);
    cr_expect_eq(ts_solve_set(&sc, "leaving.rural_transfer_share", 0.2385, &err), TS_OK, "%s", err.message);
    cr_expect_eq(sc.leaving.rural_transfer_share, 0.2385);
    cr_expect_eq(ts_solve_set(&sc, "leaving.established.rural[2]", 0.0385, &err), TS_OK, "%s", err.message);
    cr_expect_eq(sc.leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_RURAL][2], 0.0385);
    cr_expect_eq(ts_solve_set(&sc, "population.regions[shaoshan].weak_share", 0.385, &err), TS_OK, "%s", err.message);
    cr_expect_eq(ts_solve_set(&sc, "population.regions[1].pupils_junior", 12345, &err), TS_OK, "%s", err.message);
    for (int32_t g = 0; g < sc.population.n_regions; g++) {
        if (strcmp(sc.population.regions[g].code, "shaoshan") == 0)
            cr_expect_eq(sc.population.regions[g].weak_share, 0.385);
    }
    cr_expect_eq(sc.population.regions[1].pupils_junior, 12345);
    cr_expect_eq(ts_solve_key_is_integer(&sc, "targeted_intake.provincial"), 1);
    cr_expect_eq(ts_solve_key_is_integer(&sc, "rotation.rate"), 0);
    cr_expect_eq(ts_solve_key_is_integer(&sc, "no.such.key"), -1);

    static const struct {
        const char *key;
        double value;
        const char *message;
    } bad[] = {
        {"no.such.key", 1, "--vary no.such.key: not a scenario key (docs/scenario-reference.md)"},
        {"posting.enabled", 1,
         "--vary posting.enabled: expected a number or integer key, found a key of another type (switches, texts, "
         "births and lists of regions or targets cannot be varied)"},
        {"leaving.established.rural", 0.1,
         "--vary leaving.established.rural: a list of 4 numbers; name one of them, e.g. leaving.established.rural[0]"},
        {"leaving.established.rural[4]", 0.1,
         "--vary leaving.established.rural[4]: expected an index from 0 to 3 in "
         "brackets"},
        {"rotation.rate[0]", 0.1,
         "--vary rotation.rate[0]: rotation.rate is a single number; write it without [index]"},
        {"rotation.rate", 1.5, "--vary rotation.rate: expected a number in [0, 1], found 1.5"},
        {"targeted_intake.provincial", 2.5,
         "--vary targeted_intake.provincial: expected a whole number in [0, 1000000], found 2.5"},
        {"population.regions[nowhere].weak_share", 0.1,
         "--vary population.regions[nowhere].weak_share: the scenario "
         "has no region nowhere"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_expect_eq(ts_solve_set(&sc, bad[i].key, bad[i].value, &err), TS_ERR_USAGE, "%s accepted", bad[i].key);
        cr_expect_str_eq(err.message, bad[i].message);
    }
    ts_scenario_free(&sc);

    /* a number given as a distribution cannot be varied */
    const char *text = "name: u\nextends: xiangtan-baseline\nleaving: {rural_transfer_share: {uniform: [0.4, 0.6]}}\n";
    cr_assert_eq(ts_scenario_load_text(&sc, text, strlen(text), "u.yaml", &err), TS_OK, "%s", err.message);
    cr_expect_eq(ts_solve_set(&sc, "leaving.rural_transfer_share", 0.5, &err), TS_ERR_USAGE);
    cr_expect_str_eq(err.message, "--vary leaving.rural_transfer_share: the scenario gives it as a distribution; give "
                                  "it a number to vary it");
    ts_scenario_free(&sc);
}

Test(solve, monotonicity_is_checked_on_the_points)
{
    ts_solve_point p[4] = {{.value = 1, .probability = 0.1},
                           {.value = 2, .probability = 0.5},
                           {.value = 3, .probability = 0.5},
                           {.value = 4, .probability = 0.95}};
    size_t drop = 99;
    cr_expect(ts_solve_monotone(p, 4, &drop));
    cr_expect_eq(drop, 99);
    p[2].probability = 0.45;
    cr_expect(!ts_solve_monotone(p, 4, &drop));
    cr_expect_eq(drop, 1, "0.5 at 2 falls to 0.45 at 3");
    cr_expect(ts_solve_monotone(p, 1, NULL));
    cr_expect(ts_solve_monotone(p, 0, NULL));
}

/* --from: the varied key keeps its value before the year and takes the
 * candidate from it on, so the answer is the same and the years before are
 * the scenario's own. */
Test(solve, from_a_year_varies_only_that_year_on)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    sc.horizon.end_year = 2023;
    sc.targets.item[0].year = 2023;
    ts_solve_options o = options(0, 2000, 1);
    o.from = 2023;
    ts_solve_result r;
    ts_error err = {0};
    cr_assert_eq(ts_solve(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(r.found);
    cr_expect_eq(r.answer.value, 800.0);
    int ind = ts_results_indicator_index(&r.results, "targeted_enrolled");
    cr_assert_geq(ind, 0);
    const double *v = ts_results_block(&r.results, (size_t)ind, 0, 0);
    const size_t G = r.results.n_regions;
    cr_expect_eq(v[0 * G + G - 1], 600.0, "2021 keeps 400 + 200");
    cr_expect_eq(v[1 * G + G - 1], 600.0, "2022 keeps 400 + 200");
    cr_expect_eq(v[2 * G + G - 1], 1000.0, "2023 takes the answer");
    ts_solve_result_free(&r);

    ts_scenario cand;
    cr_assert_eq(ts_scenario_copy(&cand, &sc, &err), TS_OK);
    cr_expect_eq(ts_solve_set_from(&cand, "population.school_size_sigma", 0.5, 2022, &err), TS_ERR_USAGE);
    cr_expect(strstr(err.message, "cannot change mid-run: it describes the start population"), "%s", err.message);
    cr_expect_eq(ts_solve_set_from(&cand, "targeted_intake.provincial", 500, 2030, &err), TS_ERR_USAGE);
    cr_expect(strstr(err.message, "--from: expected a year in [2022, 2023]"), "%s", err.message);
    cr_expect_eq(ts_solve_set_from(&cand, "targeted_intake.provincial", 500, 2022, &err), TS_OK, "%s", err.message);
    cr_expect_eq(cand.targeted_intake.provincial, 400, "the field keeps the first value");
    cr_expect_eq(cand.n_schedule, 2);
    ts_scenario_free(&cand);
    ts_scenario_free(&sc);
}

/* Without --from a value holds in every year, even where the scenario has a
 * schedule for the key; with it, a later point of the schedule is replaced. */
Test(solve, a_schedule_of_the_key_gives_way)
{
    ts_scenario sc;
    ts_error err = {0};
    const char text[] = "name: s\nextends: xiangtan-baseline\n"
                        "rotation: {rate: {2021: 0.1, 2025: {uniform: [0.1, 0.2]}, 2030: 0.3}}\n";
    cr_assert_eq(ts_scenario_load_text(&sc, text, strlen(text), "s.yaml", &err), TS_OK, "%s", err.message);
    cr_assert_eq(sc.n_uncertain, 1);
    ts_scenario cand;
    cr_assert_eq(ts_scenario_copy(&cand, &sc, &err), TS_OK);
    cr_assert_eq(ts_solve_set_from(&cand, "rotation.rate", 0.25, 2026, &err), TS_OK, "%s", err.message);
    cr_expect_eq(cand.n_schedule, 3, "2021, 2025 kept; 2026 the candidate; 2030 gone");
    cr_expect_eq(cand.n_uncertain, 1, "the 2025 draw stays");
    ts_scenario view = cand;
    ts_scenario_at_year(&cand, &view, 2031);
    cr_expect_eq(view.rotation.rate, 0.25);
    cr_assert_eq(ts_solve_set(&cand, "rotation.rate", 0.15, &err), TS_OK, "%s", err.message);
    view = cand;
    ts_scenario_at_year(&cand, &view, 2031);
    cr_expect_eq(view.rotation.rate, 0.15, "the value holds in every year");
    cr_expect_eq(cand.n_uncertain, 0);
    ts_scenario_free(&cand);
    ts_scenario_free(&sc);
}

/* A sweep evaluates every value of the grid: one point per value, in order,
 * each probability inside its Wilson interval, and the smallest value
 * meeting the target is the closed-form 800. */
Test(solve, a_sweep_gives_one_point_per_value)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    ts_solve_options o = options(700, 900, 50);
    ts_solve_result r;
    ts_error err = {0};
    cr_assert_eq(ts_solve_sweep(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_assert_eq(r.n_points, 5);
    for (size_t i = 0; i < r.n_points; i++) {
        const ts_solve_point *p = &r.points[i];
        cr_expect_eq(p->value, 700.0 + 50.0 * (double)i);
        cr_expect(p->probability >= 0 && p->probability <= 1);
        cr_expect(p->lower <= p->probability && p->probability <= p->upper, "%g in [%g, %g]", p->probability, p->lower,
                  p->upper);
        cr_expect_eq(p->probability, p->value >= 800 ? 1.0 : 0.0);
    }
    cr_expect(r.found);
    cr_expect_eq(r.answer.value, 800.0);
    cr_expect_eq(r.below.value, 750.0);
    cr_expect_eq(r.top.value, 900.0);
    cr_expect(r.monotone);
    ts_solve_result_free(&r);
    o = options(0, 2000, 1);
    cr_expect_eq(ts_solve_sweep(&sc, &o, &r, &err), TS_ERR_USAGE, "2001 runs");
    cr_expect(strstr(err.message, "gives 2001 values, each a run; at most 1000"), "%s", err.message);
    ts_scenario_free(&sc);
}

/* A target met only in a band of values: "exactly 1000 enrolled" holds at
 * 800 alone, so the sweep's curve rises and falls again. */
Test(solve, a_sweep_shows_a_band)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    sc.targets.item[0].op = TS_TARGET_EQ;
    ts_solve_options o = options(700, 900, 50);
    ts_solve_result r;
    ts_error err = {0};
    cr_assert_eq(ts_solve_sweep(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_assert_eq(r.n_points, 5);
    cr_expect_eq(r.points[2].probability, 1.0);
    cr_expect_eq(r.points[3].probability, 0.0);
    cr_expect(!r.monotone);
    size_t drop = 99;
    cr_expect(!ts_solve_monotone(r.points, r.n_points, &drop));
    cr_expect_eq(drop, 2, "1 at 800 falls to 0 at 850");
    ts_solve_result_free(&r);
    ts_scenario_free(&sc);
}

/* The bisection sees a fall only where probabilities lie between 0 and 1.
 * With a drop-out rate of 0.00025 a few of the about 3,100 students in study
 * leave (about 0.7 in two years), so "exactly 3,920 in study in 2022" is met
 * at 800 places when nobody left and at 801 when one did: about 0.5 and 0.2.
 * On 799:801 the search evaluates 799 (0), 801 (meets 0.1) and 800 (meets
 * it, and above 801): not monotone, and the result says so. */
Test(solve, the_bisection_flags_a_fall_it_evaluated)
{
    ts_scenario sc;
    enrolment_scenario(&sc);
    for (int p = 0; p < TS_PROGRAMMES; p++)
        sc.targeted_intake.dropout_rate[p] = 0.00025;
    ts_target *t = &sc.targets.item[0];
    strcpy(t->name, "in_study_3920");
    strcpy(t->indicator, "targeted_in_study");
    t->op = TS_TARGET_EQ;
    t->value = 3920;
    ts_solve_options o = options(799, 801, 1);
    o.target = "in_study_3920";
    o.probability = 0.1;
    o.run.replications = 40;
    ts_solve_result r;
    ts_error err = {0};
    cr_assert_eq(ts_solve(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_assert_eq(r.n_points, 3);
    cr_expect(r.found);
    cr_expect_eq(r.answer.value, 800.0);
    cr_expect_gt(r.points[1].probability, r.points[2].probability);
    cr_expect(!r.monotone);
    ts_solve_result_free(&r);
    ts_scenario_free(&sc);
}
