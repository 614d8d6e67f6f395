/*
 * test_optimise.c: the cheapest lever mix (optimise.h) on a scenario whose
 * answer is known in closed form. With no in-study drop-out, the area enrols
 * provincial + municipal targeted students a year (test_solve.c), so "at
 * least 1000 enrolled in 2022" holds in every replication exactly when
 * provincial + municipal >= 1000, and in none otherwise. Until 2022 no such
 * student has graduated, so the levers change the cost only through the
 * study cost per student and year; with the provincial place dearer than
 * the municipal one, the cheapest feasible mix of the grid takes as many
 * municipal places as the grid allows (400) and 600 provincial ones. The
 * answer is also checked against a brute force over the whole grid, the
 * infeasible case against "out of reach", and -j against -j.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "optimise.h"

static void enrolment_scenario(ts_scenario *sc, double need)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(sc, &err), TS_OK, "%s", err.message);
    sc->horizon.end_year = 2022;
    for (int p = 0; p < TS_PROGRAMMES; p++)
        sc->targeted_intake.dropout_rate[p] = 0.0; /* deterministic enrolment */
    sc->costs.study_provincial = 12000;            /* dearer than a municipal place */
    sc->costs.study_municipal = 8000;
    memset(&sc->targets, 0, sizeof sc->targets);
    ts_target *t = &sc->targets.item[sc->targets.n++];
    strcpy(t->name, "enrolled");
    strcpy(t->indicator, "targeted_enrolled");
    strcpy(t->region, "ALL");
    t->year = 2022;
    t->op = TS_TARGET_GE;
    t->value = need;
}

static ts_optimise_lever levers[2] = {
    {.path = "targeted_intake.provincial", .lo = 0, .hi = 1200, .step = 200},
    {.path = "targeted_intake.municipal", .lo = 0, .hi = 400, .step = 200},
};

static ts_optimise_options options(const ts_scenario *sc, int threads)
{
    ts_optimise_options o = {.levers = levers,
                             .n_levers = 2,
                             .n_targets = 1,
                             .probability = 0.8,
                             .run = {.seed = 20201222, .replications = 3, .threads = threads},
                             .confirm_replications = 6,
                             .confirm_max = 2};
    o.targets[0] = "enrolled";
    ts_error err = {0};
    cr_assert_eq(ts_design_outcome_parse(sc, "cost_total_cumulative@2022", &o.minimise, &err), TS_OK, "%s",
                 err.message);
    cr_assert_eq(ts_optimise_check(sc, levers, 2, &o, &err), TS_OK, "%s", err.message);
    return o;
}

Test(optimise, finds_the_closed_form_answer_and_the_brute_force_agrees)
{
    ts_scenario sc;
    enrolment_scenario(&sc, 1000);
    ts_optimise_options o = options(&sc, 2);
    ts_optimise_result r;
    ts_error err = {0};
    cr_assert_eq(ts_optimise(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(r.exhaustive);
    cr_expect_eq(r.n_grid, 21);
    cr_expect_eq(r.n_mixes, 21);
    cr_assert(r.found);
    const ts_optimise_mix *a = &r.confirmed[r.answer];
    cr_expect_eq(a->value[0], 600.0);
    cr_expect_eq(a->value[1], 400.0);
    cr_expect_eq(a->probability[0], 1.0);
    cr_expect_eq(a->evaluated, 6);
    cr_expect_eq(r.n_confirmed, 2); /* the answer and one runner-up */
    cr_expect_eq(r.runs, 21 * 3 + 2 * 6);

    /* Brute force: every mix alone; feasibility exactly where the closed form says, and the cheapest feasible one
     * is the answer. */
    double best = INFINITY;
    size_t best_p = 0, best_m = 0;
    for (size_t p = 0; p < levers[0].n_values; p++)
        for (size_t m = 0; m < levers[1].n_values; m++) {
            size_t idx[2] = {p, m};
            ts_optimise_mix mix;
            cr_assert_eq(ts_optimise_evaluate(&sc, &o, idx, &o.run, &mix, &err), TS_OK, "%s", err.message);
            cr_expect_eq(mix.feasible, mix.value[0] + mix.value[1] >= 1000, "%g + %g", mix.value[0], mix.value[1]);
            cr_expect_eq(mix.probability[0], mix.feasible ? 1.0 : 0.0);
            if (mix.feasible && mix.cost < best) {
                best = mix.cost;
                best_p = p;
                best_m = m;
            }
        }
    cr_expect_eq(levers[0].lo + (double)best_p * levers[0].step, 600.0);
    cr_expect_eq(levers[1].lo + (double)best_m * levers[1].step, 400.0);
    /* The search's estimate at the answer is the brute force's: same seed and replications. */
    cr_expect_eq(r.mixes[r.confirmed_of[r.answer]].cost, best);
    ts_optimise_result_free(&r);
    ts_scenario_free(&sc);
}

Test(optimise, says_out_of_reach_with_the_best_mix)
{
    ts_scenario sc;
    enrolment_scenario(&sc, 5000); /* at most 1600 a year in the grid */
    ts_optimise_options o = options(&sc, 2);
    ts_optimise_result r;
    ts_error err = {0};
    cr_assert_eq(ts_optimise(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(!r.found);
    cr_expect_eq(r.n_confirmed, 0);
    cr_expect_eq(r.mixes[r.best].worst, 0.0);
    ts_optimise_result_free(&r);
    ts_scenario_free(&sc);
}

Test(optimise, one_thread_and_two_give_the_same_mixes)
{
    ts_scenario sc;
    enrolment_scenario(&sc, 1000);
    ts_optimise_result r1, r2;
    ts_error err = {0};
    ts_optimise_options o1 = options(&sc, 1), o2 = options(&sc, 2);
    cr_assert_eq(ts_optimise(&sc, &o1, &r1, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_optimise(&sc, &o2, &r2, &err), TS_OK, "%s", err.message);
    cr_assert_eq(r1.n_mixes, r2.n_mixes);
    for (size_t m = 0; m < r1.n_mixes; m++) {
        cr_expect_eq(memcmp(&r1.mixes[m].cost, &r2.mixes[m].cost, sizeof(double)), 0);
        cr_expect_eq(r1.mixes[m].met[0], r2.mixes[m].met[0]);
    }
    cr_expect_eq(r1.answer, r2.answer);
    ts_optimise_result_free(&r1);
    ts_optimise_result_free(&r2);
    ts_scenario_free(&sc);
}

Test(optimise, a_coordinate_search_reaches_the_answer_with_three_levers)
{
    ts_scenario sc;
    enrolment_scenario(&sc, 1000);
    static ts_optimise_lever three[3] = {
        {.path = "targeted_intake.provincial", .lo = 0, .hi = 1200, .step = 100},
        {.path = "targeted_intake.municipal", .lo = 0, .hi = 400, .step = 100},
        {.path = "costs.recruitment", .lo = 0, .hi = 8000, .step = 1000}, /* cost only: the search must take 0 */
    };
    ts_optimise_options o = options(&sc, 2);
    ts_error err = {0};
    o.levers = three;
    o.n_levers = 3;
    cr_assert_eq(ts_optimise_check(&sc, three, 3, &o, &err), TS_OK, "%s", err.message);
    ts_optimise_result r;
    cr_assert_eq(ts_optimise(&sc, &o, &r, &err), TS_OK, "%s", err.message);
    cr_expect(!r.exhaustive);
    cr_expect_lt(r.n_mixes, r.n_grid);
    cr_assert(r.found);
    const ts_optimise_mix *a = &r.confirmed[r.answer];
    cr_expect_eq(a->value[0] + a->value[1], 1000.0);
    cr_expect_eq(a->value[2], 0.0);
    ts_optimise_result_free(&r);
    ts_scenario_free(&sc);
}
