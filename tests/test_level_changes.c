/*
 * test_level_changes.c: teachers moving between primary and junior schools
 * through the county posting (posting.cross_level_*, docs/model.md step 6),
 * from the rule's own consequences: by default surplus teachers change level
 * at once; with a probability of 0 nobody does; with a lag of one year on
 * standby nobody does in the first year (no one has been on standby before
 * it), and with a lag as long as the standby itself nobody ever does (they
 * exit first); and the restriction moves teachers to standby, never out of
 * the county's counts.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "teachsim/run.h"

enum { YEARS = 5 };

/* The run of the baseline with the posting's level rule set, and the
 * level_changes of every year, region and replication summed per year. */
static void run(int lag, double probability, double per_year[YEARS], double *standby_total)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + YEARS - 1;
    sc.posting.cross_level_lag_years = lag;
    sc.posting.cross_level_probability = probability;
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 31, .replications = 3, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    const int changes = ts_results_indicator_index(&res, "level_changes");
    const int standby = ts_results_indicator_index(&res, "standby");
    cr_assert(changes >= 0 && standby >= 0);
    const size_t all = res.n_regions - 1;
    *standby_total = 0.0;
    for (size_t y = 0; y < YEARS; y++) {
        per_year[y] = 0.0;
        for (size_t r = 0; r < res.n_replications; r++) {
            per_year[y] += ts_results_block(&res, (size_t)changes, 0, r)[y * res.n_regions + all];
            *standby_total += ts_results_block(&res, (size_t)standby, 0, r)[y * res.n_regions + all];
        }
    }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(level_changes, by_default_surplus_teachers_change_level_at_once)
{
    double y[YEARS], standby;
    run(0, 1.0, y, &standby);
    double total = 0.0;
    for (int k = 0; k < YEARS; k++)
        total += y[k];
    cr_expect_gt(y[0], 0.0, "the first year's posting already moves teachers between levels");
    cr_expect_gt(total, 0.0);
}

Test(level_changes, a_probability_of_zero_keeps_everyone_at_their_level)
{
    double y[YEARS], standby_free, standby_kept, free_y[YEARS];
    run(0, 1.0, free_y, &standby_free);
    run(0, 0.0, y, &standby_kept);
    for (int k = 0; k < YEARS; k++)
        cr_expect_eq(y[k], 0.0, "year %d: %g teachers changed level with probability 0", k, y[k]);
    cr_expect_geq(standby_kept, standby_free, "teachers kept from the other level wait on standby instead");
}

Test(level_changes, the_lag_is_years_on_standby_before)
{
    double y[YEARS], standby;
    run(1, 1.0, y, &standby);
    cr_expect_eq(y[0], 0.0, "nobody has been on standby a year before the first posting");
    double later = 0.0;
    for (int k = 1; k < YEARS; k++)
        later += y[k];
    cr_expect_gt(later, 0.0, "after a year on standby, teachers change level");
    /* standby ends in an exit after posting.standby_exit_years (2): a lag of
     * 2 is never reached */
    run(2, 1.0, y, &standby);
    for (int k = 0; k < YEARS; k++)
        cr_expect_eq(y[k], 0.0, "year %d: a lag as long as the standby is never reached", k);
}
