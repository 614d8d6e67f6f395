/*
 * test_cost_effect.c: yuan per unit of outcome from paired differences
 * (output/cost_effect.h), on hand-built results whose ratios are known.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comparison.h"
#include "cost_effect.h"
#include "teachsim/results.h"

static const ts_indicator_def defs[] = {
    {"cost_total", TS_VALUE_REAL, "yuan", "Total cost", "A cost."},
    {"cost_total_cumulative", TS_VALUE_REAL, "yuan", "Cumulative total cost", "Its running sum."},
    {"rural_vacancies", TS_VALUE_COUNT, "posts", "Rural vacancies", "Vacancies."},
    {"qb_schools_meeting_rule", TS_VALUE_COUNT, "schools", "Schools meeting the rule", "Schools."},
};

/*
 * Three scenarios (ref, more, worse), two replications, 2021-2023, county a
 * and ALL (equal: one county). ref costs 100 a year, has 10 rural vacancies
 * and 5 schools meeting the rule. "more" costs 130 140 150 (replication 0)
 * and 120 130 140 (1), has 9 8 7 and 10 9 8 vacancies, and 5 6 8 and 5 6 7
 * schools: mean differences 25 35 45 in cost (sum 105, cumulative 105 in
 * 2023), -0.5 -1.5 -2.5 in vacancies (4.5 vacancy-years avoided) and 2.5
 * schools in 2023, so 105 / 4.5 = 23.33 yuan per vacancy-year and
 * 105 / 2.5 = 42 yuan per school. "worse" costs 90, has 11 vacancies and 5
 * schools: nothing improves.
 */
static void hand_made(ts_results *res, size_t n_indicators)
{
    ts_error err = {0};
    cr_assert_eq(ts_results_alloc(res, 3, 2, 3, 2, defs, n_indicators, 2021, &err), TS_OK, "%s", err.message);
    const char *names[3] = {"ref", "more", "worse"};
    for (int s = 0; s < 3; s++) {
        res->labels.scenario_names[s] = strdup(names[s]);
        res->labels.scenario_yaml[s] = strdup("");
    }
    res->labels.region_codes[0] = strdup("a");
    res->labels.region_codes[1] = strdup("ALL");
    res->labels.region_names_zh[0] = strdup("");
    res->labels.region_names_zh[1] = strdup("");
    static const double cost[3][2][3] = {
        {{100, 100, 100}, {100, 100, 100}}, {{130, 140, 150}, {120, 130, 140}}, {{90, 90, 90}, {90, 90, 90}}};
    static const double vacancies[3][2][3] = {
        {{10, 10, 10}, {10, 10, 10}}, {{9, 8, 7}, {10, 9, 8}}, {{11, 11, 11}, {11, 11, 11}}};
    static const double schools[3][2][3] = {{{5, 5, 5}, {5, 5, 5}}, {{5, 6, 8}, {5, 6, 7}}, {{5, 5, 5}, {5, 5, 5}}};
    for (size_t s = 0; s < 3; s++)
        for (size_t r = 0; r < 2; r++) {
            double sum = 0.0;
            for (size_t y = 0; y < 3; y++) {
                sum += cost[s][r][y];
                for (size_t g = 0; g < 2; g++) {
                    ts_results_block(res, 0, s, r)[y * 2 + g] = cost[s][r][y];
                    ts_results_block(res, 1, s, r)[y * 2 + g] = sum;
                    ts_results_block(res, 2, s, r)[y * 2 + g] = vacancies[s][r][y];
                    if (n_indicators > 3)
                        ts_results_block(res, 3, s, r)[y * 2 + g] = schools[s][r][y];
                }
            }
        }
    cr_assert_eq(ts_comparison_compute(res, 0, &err), TS_OK, "%s", err.message);
}

Test(cost_effect, ratios_from_the_mean_paired_differences)
{
    ts_results res = {0};
    hand_made(&res, 4);
    ts_cost_effect e;
    ts_cost_effect_compute(&res, 0, 1, &e);
    cr_expect(e.has_costs && e.has_schools);
    cr_expect(fabs(e.cost - 105.0) < 1e-12, "%.17g", e.cost);
    cr_expect(fabs(e.vacancy_years_avoided - 4.5) < 1e-12, "%.17g", e.vacancy_years_avoided);
    cr_expect(fabs(e.yuan_per_vacancy_year - 105.0 / 4.5) < 1e-12, "%.17g", e.yuan_per_vacancy_year);
    cr_expect(fabs(e.cost_cumulative - 105.0) < 1e-12, "%.17g", e.cost_cumulative);
    cr_expect(fabs(e.schools_gained - 2.5) < 1e-12, "%.17g", e.schools_gained);
    cr_expect(fabs(e.yuan_per_school - 42.0) < 1e-12, "%.17g", e.yuan_per_school);
    /* nothing improves: neither ratio is defined, whatever the cost */
    ts_cost_effect_compute(&res, 1, 0, &e);
    cr_expect(fabs(e.cost + 30.0) < 1e-12, "%.17g", e.cost);
    cr_expect(fabs(e.vacancy_years_avoided + 3.0) < 1e-12, "%.17g", e.vacancy_years_avoided);
    cr_expect(isnan(e.yuan_per_vacancy_year));
    cr_expect_eq(e.schools_gained, 0.0);
    cr_expect(isnan(e.yuan_per_school));

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ts_error err = {0};
    cr_assert_eq(ts_cost_effect_print(f, &res, "ALL", &err), TS_OK, "%s", err.message);
    fclose(f);
    cr_expect_not_null(strstr(text, "Cost per unit of outcome, ALL, 2021-2023 (mean paired differences over 2 "
                                    "replications)\n  more - ref\n"),
                       "%s", text);
    cr_expect_not_null(strstr(text, "cost, summed over the years: +105 yuan; rural vacancy-years avoided: 4.5\n"
                                    "      that is 23 yuan per rural vacancy-year avoided\n"),
                       "%s", text);
    cr_expect_not_null(strstr(text, "that is 42 yuan per school brought up to the rule\n"), "%s", text);
    cr_expect_not_null(strstr(text,
                              "  worse - ref\n    cost, summed over the years: -30 yuan; rural vacancy-years "
                              "avoided: -3.0\n      per rural vacancy-year avoided: not defined (the outcome does not "
                              "improve)\n"),
                       "%s", text);
    free(text);
    cr_expect_eq(ts_cost_effect_print(stdout, &res, "nowhere", &err), TS_ERR_USAGE);
    cr_expect_str_eq(err.message, "cost per outcome: no region nowhere in the results");
    ts_results_free(&res);
}

Test(cost_effect, without_the_schools_indicator_only_the_vacancies)
{
    ts_results res = {0};
    hand_made(&res, 3);
    ts_cost_effect e;
    ts_cost_effect_compute(&res, 0, 0, &e);
    cr_expect(e.has_costs);
    cr_expect(!e.has_schools);
    cr_expect(fabs(e.yuan_per_vacancy_year - 105.0 / 4.5) < 1e-12);
    cr_expect(isnan(e.yuan_per_school));
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ts_error err = {0};
    cr_assert_eq(ts_cost_effect_print(f, &res, "a", &err), TS_OK, "%s", err.message);
    fclose(f);
    cr_expect_not_null(strstr(text, "schools brought up to the rule: the results have no qb_schools_meeting_rule"),
                       "%s", text);
    free(text);
    ts_results_free(&res);
}
