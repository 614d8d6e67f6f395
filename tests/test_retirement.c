/*
 * test_retirement.c: the retirement ages of the 2025 reform to the month,
 * the pre-2025 switch, the senior-title option, and the yearly step.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "draws.h"
#include "population.h"
#include "retirement_age.h"
#include "steps/retirement.h"
#include "world.h"
#include "year.h"

/* age at retirement in months, for someone born in (year, month) */
static int retire_age(ts_retirement_group g, int year, int month, int pre2025)
{
    int born = TS_MONTH(year, month);
    return ts_retirement_statutory_month(g, born, pre2025) - born;
}
#define YM(y, m) ((y)*12 + (m))

Test(retirement, men_under_the_reform)
{
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1964, 12, 0), YM(60, 0), "born 1964-12: before the reform");
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1965, 1, 0), YM(60, 1));
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1965, 4, 0), YM(60, 1));
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1965, 5, 0), YM(60, 2));
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1966, 1, 0), YM(60, 4));
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1976, 8, 0), YM(62, 11));
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1976, 9, 0), YM(63, 0));
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1990, 6, 0), YM(63, 0), "capped at 36 months");
}

Test(retirement, women_cadres_under_the_reform)
{
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_CADRE, 1969, 12, 0), YM(55, 0));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_CADRE, 1970, 1, 0), YM(55, 1));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_CADRE, 1975, 3, 0), YM(56, 4)); /* 62 months -> 15 + 1 = 16 */
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_CADRE, 1981, 9, 0), YM(58, 0));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_CADRE, 1995, 2, 0), YM(58, 0));
}

Test(retirement, women_workers_under_the_reform)
{
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_WORKER, 1974, 12, 0), YM(50, 0));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_WORKER, 1975, 1, 0), YM(50, 1));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_WORKER, 1975, 3, 0), YM(50, 2));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_WORKER, 1984, 10, 0), YM(54, 11));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_WORKER, 1984, 11, 0), YM(55, 0));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_WORKER, 2000, 1, 0), YM(55, 0));
}

Test(retirement, pre2025_rule)
{
    cr_expect_eq(retire_age(TS_RETIRE_MAN, 1976, 9, 1), YM(60, 0));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_CADRE, 1981, 9, 1), YM(55, 0));
    cr_expect_eq(retire_age(TS_RETIRE_WOMAN_WORKER, 1984, 11, 1), YM(50, 0));
}

Test(retirement, flexible_early_window)
{
    int born = TS_MONTH(1970, 1); /* man: new age 61y4m; 3 years earlier is 58y4m, before the old 60 */
    cr_expect_eq(ts_retirement_early_month(TS_RETIRE_MAN, born, 0) - born, YM(60, 0));
    born = TS_MONTH(1980, 1); /* man: new age 63; 3 years earlier is exactly the old 60 */
    cr_expect_eq(ts_retirement_early_month(TS_RETIRE_MAN, born, 0) - born, YM(60, 0));
    born = TS_MONTH(1985, 7); /* woman cadre: 58, early from 55 */
    cr_expect_eq(ts_retirement_early_month(TS_RETIRE_WOMAN_CADRE, born, 0) - born, YM(55, 0));
    cr_expect_eq(ts_retirement_early_month(TS_RETIRE_MAN, born, 1),
                 ts_retirement_statutory_month(TS_RETIRE_MAN, born, 1), "no early window under the old rule");
}

Test(retirement, teacher_options)
{
    ts_scenario sc = {0};
    int born = TS_MONTH(1975, 3);
    sc.retirement.senior_women_at_60 = 1;
    cr_expect_eq(ts_retirement_teacher_month(&sc, TS_SEX_FEMALE, TS_TITLE_SENIOR, born) - born, YM(60, 0));
    cr_expect_eq(ts_retirement_teacher_month(&sc, TS_SEX_FEMALE, TS_TITLE_MIDDLE, born) - born, YM(56, 4));
    cr_expect_eq(ts_retirement_teacher_month(&sc, TS_SEX_MALE, TS_TITLE_SENIOR, born) - born,
                 YM(62, 7)); /* 122 months -> 30 + 1 = 31 */
    sc.retirement.senior_women_at_60 = 0;
    cr_expect_eq(ts_retirement_teacher_month(&sc, TS_SEX_FEMALE, TS_TITLE_SENIOR, born) - born, YM(56, 4));
    sc.retirement.pre2025_rule = 1;
    cr_expect_eq(ts_retirement_teacher_month(&sc, TS_SEX_FEMALE, TS_TITLE_MIDDLE, born) - born, YM(55, 0));
}

/* The step on the built-in population: exactly those past their age retire,
 * and early retirement among the eligible is binomial with the scenario rate. */
Test(retirement, step_retires_exactly_the_due_and_a_binomial_share_of_the_eligible)
{
    ts_scenario sc = {0};
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(&sc, &err), TS_OK, "%s", err.message);
    const double p = 0.2385;
    sc.retirement.early_rate = p;
    ts_population pop;
    ts_model m;
    ts_world w;
    cr_assert_eq(ts_population_generate(&pop, &sc, 4711, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_model_build(&m, &sc, &pop, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_world_alloc(&w, &m, &err), TS_OK, "%s", err.message);

    long due_total = 0, eligible_total = 0, early_total = 0;
    ts_world_reset(&w, 4711, 3);
    for (int year = 2021; year <= 2030; year++) {
        w.year = year;
        int cutoff = TS_YEAR_CUTOFF_MONTH(year);
        cr_assert_eq(ts_draws_step(&w, NULL), TS_OK);
        long due = 0, eligible = 0;
        for (int32_t i = 0; i < w.teachers.n; i++) {
            if (w.teachers.retire_month[i] <= cutoff)
                due++;
            else if (ts_retirement_early_month(w.teachers.sex[i] == TS_SEX_FEMALE ? TS_RETIRE_WOMAN_CADRE
                                                                                  : TS_RETIRE_MAN,
                                               w.teachers.birth_month[i], 0) <= cutoff)
                eligible++;
        }
        memset(w.flows, 0, ((size_t)m.n_regions + 1) * sizeof *w.flows);
        cr_assert_eq(ts_retirement_step(&w, NULL), TS_OK);
        long retired = 0, gone = 0;
        for (int r = 0; r < m.n_regions; r++)
            retired += w.flows[r].retirements;
        for (int32_t i = 0; i < w.teachers.n; i++) {
            if (w.teachers.flags[i] & TS_TEACHER_GONE)
                gone++;
            else
                cr_expect_gt(w.teachers.retire_month[i], cutoff, "teacher %d stayed past their age in %d", i, year);
        }
        cr_expect_eq(retired, gone);
        cr_expect_geq(retired, due);
        due_total += due;
        eligible_total += eligible;
        early_total += retired - due;
        ts_teachers_compact(&w.teachers);
    }
    cr_assert_gt(eligible_total, 200, "too few eligible teachers (%ld) for the check to mean anything", eligible_total);
    /* Early retirements over the years: a sum of binomials with the same p
     * over disjoint trials, so mean p * eligible and variance p(1-p) * eligible. */
    double mean = p * (double)eligible_total, sd = sqrt(p * (1 - p) * (double)eligible_total);
    cr_expect_leq(fabs((double)early_total - mean), 4.5 * sd, "early %ld, expected %.1f +- %.1f (4.5 sd)", early_total,
                  mean, 4.5 * sd);
    cr_expect_gt(due_total, 0);
    ts_world_free(&w);
    ts_model_free(&m);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
}
