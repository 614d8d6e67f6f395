/*
 * test_attribution.c: the attribution of a difference (base/shapley.h,
 * input's key comparison, output/attribution_h5.h, run/attribution.h).
 *
 * The Shapley arithmetic is checked on games whose values are known in
 * closed form (additive, unanimity, glove); the intervals on a game with
 * normal noise, whose coverage is Student's t at the stated level; and the
 * whole path on a scenario whose outcomes are known (test_optimise.c's): with
 * no in-study drop-out the area enrols provincial + municipal targeted
 * students a year, so the indicator targeted_enrolled is additive in the two
 * keys (Shapley values = the changes, no interaction), and the target
 * "at least 1000 enrolled in 2022" between 400 + 200 and 700 + 400 is met
 * only when both change: a unanimity game, whose Shapley values are one half
 * each and whose difference is all interaction.
 */
#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "attribution.h"
#include "attribution_h5.h"
#include "shapley.h"
#include "summary_attribution.h"
#include "support.h"

/* ---- the Shapley arithmetic ------------------------------------------------------ */

Test(shapley, additive_game_gives_each_player_its_own_value)
{
    const double c[4] = {3.0, -1.5, 0.25, 10.0};
    double v[16], phi[4], alone[4];
    for (size_t s = 0; s < 16; s++) {
        v[s] = 7.0; /* v({}) need not be 0 */
        for (int i = 0; i < 4; i++)
            if (s & (1u << i))
                v[s] += c[i];
    }
    ts_shapley_values(4, v, phi);
    ts_shapley_alone(4, v, alone);
    for (int i = 0; i < 4; i++) {
        cr_expect_float_eq(phi[i], c[i], 1e-12, "player %d: %.17g", i, phi[i]);
        cr_expect_float_eq(alone[i], c[i], 1e-12);
    }
}

Test(shapley, unanimity_game_splits_equally_among_the_needed_players)
{
    /* v(S) = 1 when S holds players 0 and 2: each gets 1/2, the others 0. */
    double v[16], phi[4];
    for (size_t s = 0; s < 16; s++)
        v[s] = (s & 5u) == 5u;
    ts_shapley_values(4, v, phi);
    cr_expect_float_eq(phi[0], 0.5, 1e-15);
    cr_expect_float_eq(phi[2], 0.5, 1e-15);
    cr_expect_float_eq(phi[1], 0.0, 1e-15);
    cr_expect_float_eq(phi[3], 0.0, 1e-15);
}

Test(shapley, glove_game_has_its_textbook_values)
{
    /* One left glove (player 0), two right gloves (1, 2); a pair is worth 1:
     * phi = (2/3, 1/6, 1/6) (Osborne & Rubinstein, A Course in Game Theory, 14.4). */
    double v[8], phi[3];
    for (size_t s = 0; s < 8; s++)
        v[s] = (s & 1u) && (s & 6u);
    ts_shapley_values(3, v, phi);
    cr_expect_float_eq(phi[0], 2.0 / 3.0, 1e-15);
    cr_expect_float_eq(phi[1], 1.0 / 6.0, 1e-15);
    cr_expect_float_eq(phi[2], 1.0 / 6.0, 1e-15);
}

Test(shapley, values_sum_to_the_difference_for_any_game)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    for (size_t g = 1; g <= TS_SHAPLEY_MAX_PLAYERS; g++) {
        size_t n = (size_t)1 << g;
        double *v = malloc(n * sizeof *v), phi[TS_SHAPLEY_MAX_PLAYERS], sum = 0.0;
        for (size_t s = 0; s < n; s++)
            v[s] = gsl_ran_gaussian(rng, 1.0);
        ts_shapley_values(g, v, phi);
        for (size_t i = 0; i < g; i++)
            sum += phi[i];
        cr_expect(fabs(sum - (v[n - 1] - v[0])) < 1e-9, "g %zu: sum %.17g, difference %.17g", g, sum, v[n - 1] - v[0]);
        free(v);
    }
    gsl_rng_free(rng);
}

/* ---- intervals ------------------------------------------------------------------- */

/* 400 attributions of a 2-player game (0.3, 0.2 and an interaction of 0.4)
 * observed with independent N(0, 1) noise on every coalition in each of 30
 * replications: the interval mean +- 1.96 sd / sqrt(n) covers the true
 * Shapley value (0.5 for player 0) with the probability P(|t_29| <= 1.96),
 * and the count of covers is binomial; 4.5 sd either side fails a correct
 * implementation about once in 150,000 runs. */
Test(attribution, intervals_cover_at_the_rate_of_their_statistic)
{
    const int trials = 400, reps = 30;
    const double truth = 0.3 + 0.4 / 2;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 2026);
    int covered = 0;
    for (int t = 0; t < trials; t++) {
        ts_attribution a = {.n_groups = 2, .n_outcomes = 1, .n_coalitions = 4, .replications = reps, .level = 0.95};
        ts_error err = {0};
        cr_assert_eq(ts_attribution_alloc(&a, &err), TS_OK);
        double y[4 * 30];
        const double mean[4] = {1.0, 1.3, 1.2, 1.9};
        for (int c = 0; c < 4; c++)
            for (int r = 0; r < reps; r++)
                y[c * reps + r] = mean[c] + gsl_ran_gaussian(rng, 1.0);
        ts_attribution_compute(&a, y);
        covered += a.shapley_lo[0] <= truth && truth <= a.shapley_hi[0];
        ts_attribution_free(&a);
    }
    gsl_rng_free(rng);
    double p = 1 - 2 * gsl_cdf_tdist_Q(1.959963984540054, reps - 1);
    double sd = sqrt(trials * p * (1 - p));
    cr_expect(fabs(covered - trials * p) <= 4.5 * sd, "covered %d of %d, expected %.1f +- %.1f", covered, trials,
              trials * p, 4.5 * sd);
}

Test(attribution, a_replication_not_evaluated_is_left_out)
{
    ts_attribution a = {.n_groups = 1, .n_outcomes = 1, .n_coalitions = 2, .replications = 3, .level = 0.95};
    ts_error err = {0};
    cr_assert_eq(ts_attribution_alloc(&a, &err), TS_OK);
    const double y[6] = {0, 1, NAN, 1, 1, 1}; /* coalition 0: r 0..2; coalition 1: r 0..2 */
    ts_attribution_compute(&a, y);
    cr_expect_eq(a.used[0], 2);
    cr_expect_float_eq(a.shapley[0], 0.5, 1e-15); /* replications 0 and 1: (1 - 0 + 1 - 1) / 2 */
    ts_attribution_free(&a);
}

/* ---- the scenario path ----------------------------------------------------------- */

static void enrolment_scenario(ts_scenario *sc, int provincial, int municipal)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(sc, &err), TS_OK, "%s", err.message);
    sc->horizon.end_year = 2022;
    for (int p = 0; p < TS_PROGRAMMES; p++)
        sc->targeted_intake.dropout_rate[p] = 0.0;
    sc->targeted_intake.provincial = provincial;
    sc->targeted_intake.municipal = municipal;
    memset(&sc->targets, 0, sizeof sc->targets);
    ts_target *t = &sc->targets.item[sc->targets.n++];
    strcpy(t->name, "enrolled");
    strcpy(t->indicator, "targeted_enrolled");
    strcpy(t->region, "ALL");
    t->year = 2022;
    t->op = TS_TARGET_GE;
    t->value = 1000;
}

static const ts_key *key_named(const char *path)
{
    for (size_t k = 0; k < ts_scenario_key_count; k++)
        if (strcmp(ts_scenario_keys[k].path, path) == 0)
            return &ts_scenario_keys[k];
    cr_assert_fail("no key %s", path);
    return NULL;
}

Test(attribution, groups_are_the_keys_that_differ)
{
    ts_scenario a, b;
    ts_error err = {0};
    enrolment_scenario(&a, 400, 200);
    enrolment_scenario(&b, 700, 400);
    strcpy(b.name, "other name"); /* not a lever */
    ts_attr_group groups[TS_SHAPLEY_MAX_PLAYERS];
    size_t n = 0;
    cr_assert_eq(ts_attribution_groups(&a, &b, TS_ATTR_BY_KEY, NULL, 0, groups, &n, &err), TS_OK, "%s", err.message);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(groups[0].name, "targeted_intake.provincial");
    cr_expect_str_eq(groups[1].name, "targeted_intake.municipal");
    cr_assert_eq(ts_attribution_groups(&a, &b, TS_ATTR_BY_SECTION, NULL, 0, groups, &n, &err), TS_OK);
    cr_assert_eq(n, 1);
    cr_expect_str_eq(groups[0].name, "targeted_intake");
    cr_expect_eq(groups[0].n_keys, 2);
    ts_attr_rule rule;
    cr_assert(ts_attr_rule_parse("places=targeted_intake.municipal", &rule));
    cr_assert_eq(ts_attribution_groups(&a, &b, TS_ATTR_BY_SECTION, &rule, 1, groups, &n, &err), TS_OK);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(groups[0].name, "targeted_intake");
    cr_expect_str_eq(groups[1].name, "places");
    cr_expect(!ts_attr_rule_parse("places=", &rule));
    cr_expect(!ts_attr_rule_parse("=rotation", &rule));
    cr_expect(!ts_attr_rule_parse("p=rotation,", &rule));
    /* A prefix is a whole path component: "targeted" holds no key. */
    cr_assert(ts_attr_rule_parse("x=targeted", &rule));
    cr_expect_eq(ts_attribution_groups(&a, &b, TS_ATTR_BY_SECTION, &rule, 1, groups, &n, &err), TS_ERR_USAGE);
    cr_expect(strstr(err.message, "found none that matches"), "%s", err.message);
    /* Nothing differs but the name. */
    ts_scenario c;
    enrolment_scenario(&c, 400, 200);
    strcpy(c.name, "same");
    cr_expect_eq(ts_attribution_groups(&a, &c, TS_ATTR_BY_SECTION, NULL, 0, groups, &n, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "no difference to attribute"), "%s", err.message);
    c.horizon.end_year = 2023;
    cr_expect_eq(ts_attribution_groups(&a, &c, TS_ATTR_BY_SECTION, NULL, 0, groups, &n, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "same horizon"), "%s", err.message);
    ts_scenario_free(&a);
    ts_scenario_free(&b);
    ts_scenario_free(&c);
}

Test(attribution, taking_every_key_gives_the_other_scenario_schedules_included)
{
    ts_scenario a, b;
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&a, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_scenario_load_file(&b, TS_SOURCE_DIR "/scenarios/doubled-intake-from-2027.yaml", &err), TS_OK, "%s",
                 err.message);
    const ts_key *prov = key_named("targeted_intake.provincial");
    cr_assert(ts_scenario_key_differs(&a, &b, prov), "the schedule differs");
    ts_scenario mix;
    cr_assert_eq(ts_scenario_copy(&mix, &a, &err), TS_OK);
    for (size_t k = 0; k < ts_scenario_key_count; k++)
        cr_assert_eq(ts_scenario_take_key(&mix, &b, &ts_scenario_keys[k], &err), TS_OK, "%s", err.message);
    for (size_t k = 0; k < ts_scenario_key_count; k++)
        cr_expect(!ts_scenario_key_differs(&mix, &b, &ts_scenario_keys[k]), "%s", ts_scenario_keys[k].path);
    ts_scenario va = mix, vb = b;
    for (int y = 2021; y <= 2035; y++) {
        ts_scenario_at_year(&mix, &va, y);
        ts_scenario_at_year(&b, &vb, y);
        cr_expect_eq(va.targeted_intake.provincial, vb.targeted_intake.provincial, "year %d", y);
    }
    /* And back: taking the key from a removes b's schedule. */
    cr_assert_eq(ts_scenario_take_key(&mix, &a, prov, &err), TS_OK);
    cr_expect(!ts_scenario_key_differs(&mix, &a, prov));
    ts_scenario_free(&mix);
    ts_scenario_free(&a);
    ts_scenario_free(&b);
}

static void attribute(const ts_scenario *a, const ts_scenario *b, ts_attr_by by, const char *const *specs, size_t n,
                      int threads, ts_attribution *out)
{
    ts_error err = {0};
    ts_attr_group groups[TS_SHAPLEY_MAX_PLAYERS];
    size_t g = 0;
    ts_design_outcome outcomes[4];
    for (size_t o = 0; o < n; o++)
        cr_assert_eq(ts_design_outcome_parse(a, specs[o], &outcomes[o], &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_attribution_groups(a, b, by, NULL, 0, groups, &g, &err), TS_OK, "%s", err.message);
    ts_run_options run = {.seed = 20201222, .replications = 4, .threads = threads};
    cr_assert_eq(ts_attribution_run(a, b, groups, g, outcomes, n, &run, out, NULL, NULL, &err), TS_OK, "%s",
                 err.message);
}

Test(attribution, closed_form_scenario_additive_indicator_and_unanimity_target)
{
    ts_scenario a, b;
    enrolment_scenario(&a, 400, 200);
    enrolment_scenario(&b, 700, 400);
    strcpy(b.name, "more places");
    const char *specs[] = {"targeted_enrolled@2022", "enrolled"};
    ts_attribution at;
    attribute(&a, &b, TS_ATTR_BY_KEY, specs, 2, 2, &at);
    cr_assert_eq(at.n_groups, 2);
    /* The indicator: 300 more provincial and 200 more municipal students, nothing else. */
    cr_expect_float_eq(at.difference[0], 500, 1e-9);
    cr_expect_float_eq(at.shapley[0], 300, 1e-9, "%.17g", at.shapley[0]);
    cr_expect_float_eq(at.shapley[1], 200, 1e-9, "%.17g", at.shapley[1]);
    cr_expect_float_eq(at.alone[0], 300, 1e-9);
    cr_expect_float_eq(at.interaction[0], 0, 1e-9);
    cr_expect_float_eq(at.shapley_lo[0], 300, 1e-9, "deterministic: no spread");
    /* The target: 900 and 800 fail, 1100 passes: a unanimity game. */
    cr_expect_float_eq(at.value[1 * 4 + 0], 0, 1e-15);
    cr_expect_float_eq(at.value[1 * 4 + 1], 0, 1e-15);
    cr_expect_float_eq(at.value[1 * 4 + 2], 0, 1e-15);
    cr_expect_float_eq(at.value[1 * 4 + 3], 1, 1e-15);
    cr_expect_float_eq(at.shapley[2 + 0], 0.5, 1e-15);
    cr_expect_float_eq(at.shapley[2 + 1], 0.5, 1e-15);
    cr_expect_float_eq(at.alone[2 + 0], 0, 1e-15);
    cr_expect_float_eq(at.interaction[1], 1, 1e-15);
    /* The same bits with one thread. */
    ts_attribution one;
    attribute(&a, &b, TS_ATTR_BY_KEY, specs, 2, 1, &one);
    cr_expect_eq(memcmp(one.value, at.value, 2 * 4 * sizeof *at.value), 0);
    cr_expect_eq(memcmp(one.shapley, at.shapley, 2 * 2 * sizeof *at.shapley), 0);
    /* Written and read back whole. */
    char path[512];
    snprintf(path, sizeof path, "%s/attribution.h5", ts_test_tmpdir());
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options run = {.seed = 20201222, .replications = 2};
    ts_stream_options stream = {.path = path, .force = 1};
    ts_scenario both[2] = {a, b};
    cr_assert_eq(ts_simulation_stream(both, 2, &run, &stream, &res, &err), TS_OK, "%s", err.message);
    ts_results_free(&res);
    cr_assert_eq(ts_attribution_write_h5(&at, path, &err), TS_OK, "%s", err.message);
    cr_expect_eq(ts_attribution_write_h5(&at, path, &err), TS_ERR_IO, "a second group is refused");
    ts_attribution back;
    cr_assert_eq(ts_attribution_read_h5(&back, path, &err), TS_OK, "%s", err.message);
    cr_expect_eq(back.n_groups, 2);
    cr_expect_str_eq(back.groups[1], "targeted_intake.municipal");
    cr_expect_str_eq(back.outcomes[1], "enrolled");
    cr_expect_eq(memcmp(back.shapley, at.shapley, 4 * sizeof *at.shapley), 0);
    cr_expect_eq(memcmp(back.value, at.value, 8 * sizeof *at.value), 0);
    ts_attribution_free(&back);
    ts_attribution_free(&one);
    ts_attribution_free(&at);
    ts_scenario_free(&a);
    ts_scenario_free(&b);
}

Test(attribution, a_coalition_that_breaks_a_check_is_refused_before_any_run)
{
    ts_scenario a, b;
    ts_error err = {0};
    enrolment_scenario(&a, 400, 200);
    enrolment_scenario(&b, 400, 200);
    b.recruitment.hire_age_min = 40; /* alone, above a's hire_age_max of 30 */
    b.recruitment.hire_age_max = 45;
    ts_attr_group groups[TS_SHAPLEY_MAX_PLAYERS];
    size_t g = 0;
    cr_assert_eq(ts_attribution_groups(&a, &b, TS_ATTR_BY_KEY, NULL, 0, groups, &g, &err), TS_OK);
    ts_design_outcome o;
    cr_assert_eq(ts_design_outcome_parse(&a, "enrolled", &o, &err), TS_OK);
    ts_run_options run = {.seed = 1, .replications = 2};
    ts_attribution at;
    cr_expect_eq(ts_attribution_run(&a, &b, groups, g, &o, 1, &run, &at, NULL, NULL, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "recruitment.hire_age_min from") && strstr(err.message, "--group"), "%s",
              err.message);
    ts_scenario_free(&a);
    ts_scenario_free(&b);
}
