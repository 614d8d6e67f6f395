/*
 * test_psychology.c: psychological counselling staff in every school
 * (steps/psychology.h), from the rule's own consequences: the posts by size;
 * the first year's staff are Binomial(posts, start_share) over the whole
 * area (each full-time post and each part-time one held with that
 * probability, independently), within a 4.5-sigma bound; with every open
 * post filled and nobody leaving, every school is covered from the second
 * year; and the requirement changes its own indicators and the costs, no
 * teacher (it has streams of its own).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "fixtures.h"
#include "steps/psychology.h"
#include "teachsim/run.h"

Test(psychology, posts_by_size)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    const struct {
        int32_t pupils, full, part;
    } cases[] = {{0, 0, 0}, {1, 0, 1}, {999, 0, 1}, {1000, 1, 0}, {1001, 2, 0}, {2500, 3, 0}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int32_t full, part;
        ts_psychology_posts(&sc, cases[k].pupils, &full, &part);
        cr_expect_eq(full, cases[k].full, "%d pupils", cases[k].pupils);
        cr_expect_eq(part, cases[k].part, "%d pupils", cases[k].pupils);
    }
    ts_scenario_free(&sc);
}

static ts_results run(ts_scenario *sc, uint32_t seed, size_t replications)
{
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = seed, .replications = replications, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    return res;
}

static double all_value(const ts_results *res, const char *name, size_t r, size_t y)
{
    const int i = ts_results_indicator_index(res, name);
    cr_assert(i >= 0, "%s", name);
    return ts_results_block(res, (size_t)i, 0, r)[y * res->n_regions + res->n_regions - 1];
}

Test(psychology, first_year_staff_are_binomial_in_the_posts)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year;
    sc.psychology.enabled = 1;
    sc.psychology.start_share = 0.3;
    ts_results res = run(&sc, 99, 20);
    double staff = 0.0, posts = 0.0;
    for (size_t r = 0; r < res.n_replications; r++) {
        staff += all_value(&res, "psych_staff", r, 0);
        posts += all_value(&res, "psych_posts", r, 0);
    }
    const double p = sc.psychology.start_share, mean = p * posts, sd = sqrt(posts * p * (1.0 - p));
    cr_assert_gt(posts, 1000.0, "enough posts for the bound to mean something");
    cr_expect_leq(fabs(staff - mean), 4.5 * sd, "staff %.0f of %.0f posts, expected %.1f +- %.1f", staff, posts, mean,
                  4.5 * sd);
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(psychology, with_every_post_filled_every_school_is_covered)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + 3;
    sc.psychology.enabled = 1;
    sc.psychology.start_share = 0.0;
    sc.psychology.fill_rate = 1.0;
    sc.psychology.leave_rate = 0.0;
    ts_results res = run(&sc, 5, 2);
    for (size_t r = 0; r < res.n_replications; r++) {
        cr_expect_eq(all_value(&res, "psych_staff", r, 0), 0.0, "nobody at the start");
        cr_expect_eq(all_value(&res, "psych_schools_covered_share", r, 0), 0.0);
        for (size_t y = 1; y < res.n_years; y++) {
            cr_expect_eq(all_value(&res, "psych_vacancies", r, y), 0.0, "year %zu", y);
            cr_expect_eq(all_value(&res, "psych_schools_covered_share", r, y), 1.0, "year %zu", y);
            cr_expect_eq(all_value(&res, "psych_staff", r, y), all_value(&res, "psych_posts", r, y));
        }
    }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

static int touched_by_psychology(const char *name)
{
    return strncmp(name, "psych_", 6) == 0 || strcmp(name, "cost_psychology") == 0 || strcmp(name, "cost_total") == 0 ||
           strcmp(name, "cost_county") == 0 || strcmp(name, "cost_total_cumulative") == 0;
}

Test(psychology, the_requirement_changes_its_own_counts_and_costs_only)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + 3;
    ts_results off = run(&sc, 8, 2);
    sc.psychology.enabled = 1;
    ts_results on = run(&sc, 8, 2);
    const size_t cells = off.n_scenarios * off.n_replications * off.n_years * off.n_regions;
    for (size_t i = 0; i < off.n_indicators; i++) {
        const char *name = off.indicators[i].name;
        int same = memcmp(off.values + i * cells, on.values + i * cells, cells * sizeof(double)) == 0;
        if (touched_by_psychology(name))
            cr_expect(!same, "%s did not change with the requirement", name);
        else
            cr_expect(same, "%s changed with the psychology requirement", name);
    }
    ts_results_free(&off);
    ts_results_free(&on);
    ts_scenario_free(&sc);
}
