/*
 * test_costs.c: the yearly cost items (record/costs.h) against closed forms.
 *
 * A crafted roster whose headcount cannot change (no leaving, retirement,
 * hiring, posting, rotation, promotion nor targeted intake) costs n teachers
 * times their pay in every year, and its cumulative cost is that times the
 * years; the rural allowance is twelve months of each locality's rate; the
 * targeted students split by payer follow a known intake exactly; a pay rise
 * from year Y changes nothing before Y; and unit costs change no other
 * indicator (the model does not read them: common random numbers).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "support.h"
#include "teachsim/results.h"
#include "teachsim/run.h"

#define START 2021
#define END 2030
#define YEARS (END - START + 1)
#define RISE_FROM 2026

/* The roster: a rural and an urban primary school of yuhu. Rural: 7
 * established teachers with a middle title and 3 temporaries; urban: 5
 * established teachers with a junior title. All born in 1990, so none
 * retires before END. */
#define RURAL_ESTABLISHED 7
#define RURAL_TEMPORARY 3
#define URBAN_ESTABLISHED 5

static const double pay_established[TS_TITLE_COUNT] = {61234.5, 72345.25, 83456.75, 94567.125};
static const double pay_temporary = 38765.5;
static const double allowance[TS_LOCALITY_COUNT] = {11.5, 157.25, 312.75};

static void write_roster(const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/schools.csv", dir);
    FILE *f = fopen(path, "wb");
    cr_assert(f, "cannot write %s", path);
    fputs("school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,pupils_g6,"
          "pupils_g7,pupils_g8,pupils_g9,classes\n"
          "R1,yuhu,rural one,primary,rural,0,40,40,40,40,40,40,,,,\n"
          "U1,yuhu,urban one,primary,urban,0,100,100,100,100,100,100,,,,\n",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/teachers.csv", dir);
    f = fopen(path, "wb");
    cr_assert(f, "cannot write %s", path);
    fputs("teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,contract,"
          "years_at_school,years_of_service,service_years_left\n",
          f);
    int id = 0;
    for (int i = 0; i < RURAL_ESTABLISHED; i++)
        fprintf(f, "T%d,R1,1990,%d,female,maths,at,middle,none,established,2,5,0\n", id++, 1 + i);
    for (int i = 0; i < RURAL_TEMPORARY; i++)
        fprintf(f, "T%d,R1,1990,%d,male,chinese,at,none,none,temporary,1,1,0\n", id++, 1 + i);
    for (int i = 0; i < URBAN_ESTABLISHED; i++)
        fprintf(f, "T%d,U1,1990,%d,female,chinese,above,junior,none,established,3,6,0\n", id++, 1 + i);
    fclose(f);
}

/* The crafted scenario's text, with the established pay given as YAML (a list or a schedule). */
static void crafted_text(char *buf, size_t size, const char *dir, const char *name, const char *pay_established_yaml)
{
    snprintf(buf, size,
             "name: %s\n"
             "extends: xiangtan-baseline\n"
             "horizon: {start_year: %d, end_year: %d}\n"
             "population: {schools_csv: %s/schools.csv, teachers_csv: %s/teachers.csv}\n"
             "retirement: {early_rate: 0}\n"
             "leaving:\n"
             "  established: {urban: [0, 0, 0, 0], town: [0, 0, 0, 0], rural: [0, 0, 0, 0]}\n"
             "  temporary: {urban: [0, 0, 0, 0], town: [0, 0, 0, 0], rural: [0, 0, 0, 0]}\n"
             "  targeted: {urban: [0, 0, 0, 0], town: [0, 0, 0, 0], rural: [0, 0, 0, 0]}\n"
             "recruitment: {yearly_cap_share: 0}\n"
             "temporaries: {fill_rate: 0}\n"
             "careers: {title_rate: [0, 0, 0], backbone_rate: [0, 0, 0], qualification_upgrade: 0}\n"
             "targeted_intake: {enabled: false}\n"
             "posting: {enabled: false}\n"
             "rotation: {enabled: false}\n"
             "costs:\n"
             "  pay: {established: %s, temporary: %.17g}\n"
             "  rural_allowance: [%.17g, %.17g, %.17g]\n",
             name, START, END, dir, dir, pay_established_yaml, pay_temporary, allowance[0], allowance[1], allowance[2]);
}

static void load(ts_scenario *s, const char *text, const char *filename)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_text(s, text, strlen(text), filename, &err), TS_OK, "%s\n%s", err.message, text);
}

static void run(const ts_scenario *s, size_t n, int replications, ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {.seed = 2385, .replications = replications, .threads = 2};
    cr_assert_eq(ts_simulation_run(s, n, &opt, res, &err), TS_OK, "%s", err.message);
}

/* The value of indicator `name` in scenario s, replication r, year index y, region g. */
static double value(const ts_results *res, const char *name, size_t s, size_t r, size_t y, size_t g)
{
    int i = ts_results_indicator_index(res, name);
    cr_assert(i >= 0, "no indicator %s", name);
    return ts_results_block(res, (size_t)i, s, r)[y * res->n_regions + g];
}

static int is_cost(const char *name)
{
    return strncmp(name, "cost_", 5) == 0;
}

static void pay_yaml(char *buf, size_t size, double factor)
{
    snprintf(buf, size, "[%.17g, %.17g, %.17g, %.17g]", pay_established[0] * factor, pay_established[1] * factor,
             pay_established[2] * factor, pay_established[3] * factor);
}

Test(costs, crafted_roster_closed_forms_and_a_pay_rise)
{
    const char *dir = ts_test_tmpdir();
    write_roster(dir);
    char text[8192], pay[256], rise[600], risen[256];
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    pay_yaml(pay, sizeof pay, 1.0);
    crafted_text(text, sizeof text, dir, "crafted", pay);
    load(&sc[0], text, "crafted.yaml");
    /* The same unit costs until RISE_FROM, 4.5 % more on every title from then. */
    pay_yaml(risen, sizeof risen, 1.045);
    snprintf(rise, sizeof rise, "{%d: %s, %d: %s}", START, pay, RISE_FROM, risen);
    crafted_text(text, sizeof text, dir, "pay-rise", rise);
    load(&sc[1], text, "pay-rise.yaml");

    ts_results res = {0};
    run(sc, 2, 3, &res);
    cr_assert_eq(res.n_years, (size_t)YEARS);
    const size_t all = res.n_regions - 1;
    const int64_t n = RURAL_ESTABLISHED + RURAL_TEMPORARY + URBAN_ESTABLISHED;
    for (size_t r = 0; r < res.n_replications; r++) {
        double cumulative = 0.0, cumulative_rise = 0.0;
        for (size_t y = 0; y < res.n_years; y++) {
            /* The headcount the closed form rests on. */
            cr_assert_eq(value(&res, "teachers", 0, r, y, all), (double)n, "year %zu", y);
            cr_assert_eq(value(&res, "teachers_temporary", 0, r, y, all), (double)RURAL_TEMPORARY);
            cr_assert_eq(value(&res, "rural_teachers", 0, r, y, all), (double)(RURAL_ESTABLISHED + RURAL_TEMPORARY));
            cr_assert_eq(value(&res, "hires", 0, r, y, all), 0.0);

            const double expected_pay = RURAL_ESTABLISHED * pay_established[TS_TITLE_MIDDLE] +
                                        URBAN_ESTABLISHED * pay_established[TS_TITLE_JUNIOR] +
                                        RURAL_TEMPORARY * pay_temporary;
            /* Temporaries get no allowance; the urban rate is not 0 here, so
             * that each locality's rate is seen. */
            const double expected_allowance =
                12.0 * (RURAL_ESTABLISHED * allowance[TS_RURAL] + URBAN_ESTABLISHED * allowance[TS_URBAN]);
            const double expected_total = expected_pay + expected_allowance;
            cumulative += expected_total;
            cr_expect(fabs(value(&res, "cost_pay", 0, r, y, all) - expected_pay) <= 1e-9 * expected_pay,
                      "year %zu: cost_pay %.6f, expected n x pay %.6f", y, value(&res, "cost_pay", 0, r, y, all),
                      expected_pay);
            cr_expect(fabs(value(&res, "cost_rural_allowance", 0, r, y, all) - expected_allowance) <=
                          1e-9 * expected_allowance,
                      "year %zu: cost_rural_allowance %.6f, expected %.6f", y,
                      value(&res, "cost_rural_allowance", 0, r, y, all), expected_allowance);
            cr_expect(fabs(value(&res, "cost_total", 0, r, y, all) - expected_total) <= 1e-9 * expected_total);
            cr_expect(fabs(value(&res, "cost_county", 0, r, y, all) - expected_total) <= 1e-9 * expected_total);
            cr_expect_eq(value(&res, "cost_city", 0, r, y, all), 0.0);
            cr_expect_eq(value(&res, "cost_province", 0, r, y, all), 0.0);
            cr_expect_eq(value(&res, "cost_recruitment", 0, r, y, all), 0.0);
            cr_expect_eq(value(&res, "cost_standby_training", 0, r, y, all), 0.0);
            cr_expect_eq(value(&res, "cost_rotation_allowance", 0, r, y, all), 0.0);
            cr_expect(fabs(value(&res, "cost_total_cumulative", 0, r, y, all) - cumulative) <= 1e-9 * cumulative,
                      "year %zu: cumulative %.6f, expected (years) x n x pay %.6f", y,
                      value(&res, "cost_total_cumulative", 0, r, y, all), cumulative);

            /* The pay rise: the established teachers' pay from RISE_FROM on. */
            const int risen_year = START + (int)y >= RISE_FROM;
            const double f = risen_year ? 1.045 : 1.0;
            const double expected_rise = RURAL_ESTABLISHED * pay_established[TS_TITLE_MIDDLE] * f +
                                         URBAN_ESTABLISHED * pay_established[TS_TITLE_JUNIOR] * f +
                                         RURAL_TEMPORARY * pay_temporary;
            cumulative_rise += expected_rise + expected_allowance;
            cr_expect(fabs(value(&res, "cost_pay", 1, r, y, all) - expected_rise) <= 1e-9 * expected_rise,
                      "year %zu: risen cost_pay %.6f, expected %.6f", y, value(&res, "cost_pay", 1, r, y, all),
                      expected_rise);
            cr_expect(fabs(value(&res, "cost_total_cumulative", 1, r, y, all) - cumulative_rise) <=
                      1e-9 * cumulative_rise);
            /* Before the rise every indicator is bit-identical; after it only
             * the costs differ (the model reads no unit cost). */
            for (size_t i = 0; i < res.n_indicators; i++)
                for (size_t g = 0; g < res.n_regions; g++) {
                    double a = ts_results_block(&res, i, 0, r)[y * res.n_regions + g];
                    double b = ts_results_block(&res, i, 1, r)[y * res.n_regions + g];
                    if (!risen_year || !is_cost(res.indicators[i].name))
                        cr_expect(memcmp(&a, &b, sizeof a) == 0, "%s year %d region %zu: %.17g vs %.17g",
                                  res.indicators[i].name, START + (int)y, g, a, b);
                }
        }
    }
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

/* One programme of 4 years without drop-out: every student before the
 * start on provincial places, every one of the run on municipal places, so
 * that in the run's year j (0 from the start) min(j + 1, 4) cohorts of the
 * run's intake and the other ones of the past's are in study. */
Test(costs, targeted_students_split_by_the_payer_of_their_cohort)
{
    const int32_t before = 400, during = 500;
    const double unit_provincial = 7654.25, unit_municipal = 8765.5;
    char text[2048];
    snprintf(text, sizeof text,
             "name: split\n"
             "extends: xiangtan-baseline\n"
             "horizon: {start_year: %d, end_year: %d}\n"
             "targeted_intake:\n"
             "  provincial: 0\n"
             "  municipal: %d\n"
             "  before_start: {provincial: %d, municipal: 0}\n"
             "  programme_share: [1, 0, 0]\n"
             "  study_years: [4, 5, 4]\n"
             "  dropout_rate: [0, 0.02, 0.01]\n"
             "costs: {targeted_study: {provincial: %.17g, municipal: %.17g}}\n",
             START, END, during, before, unit_provincial, unit_municipal);
    ts_scenario sc = {0};
    load(&sc, text, "split.yaml");
    ts_results res = {0};
    run(&sc, 1, 2, &res);
    const size_t all = res.n_regions - 1;
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t y = 0; y < res.n_years; y++) {
            int run_cohorts = (int)y + 1 < 4 ? (int)y + 1 : 4;
            double provincial = (double)(4 - run_cohorts) * before, municipal = (double)run_cohorts * during;
            cr_expect_eq(value(&res, "targeted_in_study", 0, r, y, all), provincial + municipal, "year %zu", y);
            cr_expect_eq(value(&res, "cost_targeted_study_provincial", 0, r, y, all), provincial * unit_provincial,
                         "year %zu: %.6f, expected %.6f", y,
                         value(&res, "cost_targeted_study_provincial", 0, r, y, all), provincial * unit_provincial);
            cr_expect_eq(value(&res, "cost_targeted_study_municipal", 0, r, y, all), municipal * unit_municipal,
                         "year %zu: %.6f, expected %.6f", y, value(&res, "cost_targeted_study_municipal", 0, r, y, all),
                         municipal * unit_municipal);
            cr_expect_eq(value(&res, "cost_province", 0, r, y, all), provincial * unit_provincial);
            cr_expect_eq(value(&res, "cost_city", 0, r, y, all), municipal * unit_municipal);
        }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

/* With shares that do not divide the cohorts (the baseline's 400 and 200,
 * with drop-out), each cohort's split is rounded, and the two payers'
 * students still add up to the students in study, in every region. */
Test(costs, the_split_keeps_every_student)
{
    ts_scenario sc = {0};
    const char *text = "name: keep\nextends: xiangtan-baseline\nhorizon: {end_year: 2026}\n"
                       "costs: {targeted_study: {provincial: 1, municipal: 1}}\n";
    load(&sc, text, "keep.yaml");
    ts_results res = {0};
    run(&sc, 1, 2, &res);
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t y = 0; y < res.n_years; y++)
            for (size_t g = 0; g < res.n_regions; g++) {
                double students = value(&res, "targeted_in_study", 0, r, y, g);
                double provincial = value(&res, "cost_targeted_study_provincial", 0, r, y, g);
                double municipal = value(&res, "cost_targeted_study_municipal", 0, r, y, g);
                cr_expect_eq(provincial + municipal, students, "year %zu region %zu", y, g);
                /* 400 of 600 places are provincial: each cohort's split is
                 * within half a student of 2/3 of it, and a region has at most
                 * 6 + 5 + 4 cohorts in study (the baseline's study years). */
                cr_expect(fabs(provincial - students * 2.0 / 3.0) <= 0.5 * 15, "year %zu region %zu: %.0f of %.0f", y,
                          g, provincial, students);
            }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

/* Changing every unit cost, in two scenarios of one run, leaves every
 * indicator but the costs bit-identical in every year and region; the
 * costs' items add up to their total and the payers' sums. */
Test(costs, unit_costs_change_only_the_costs)
{
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    load(&sc[0], "name: base\nextends: xiangtan-baseline\nhorizon: {end_year: 2027}\n", "base.yaml");
    load(&sc[1],
         "name: dear\nextends: xiangtan-baseline\nhorizon: {end_year: 2027}\n"
         "costs:\n"
         "  pay: {established: [81000, 93000, 112000, 131000], targeted: [80000, 90000, 100000, 110000], "
         "temporary: 51000}\n"
         "  rural_allowance: [0, 400, 800]\n"
         "  targeted_study: {provincial: 12000, municipal: 9000}\n"
         "  recruitment: 4500\n"
         "  standby_training: 7000\n"
         "  rotation_allowance: {2021: 12000, 2024: 20000}\n",
         "dear.yaml");
    ts_results res = {0};
    run(sc, 2, 3, &res);
    size_t changed = 0;
    for (size_t i = 0; i < res.n_indicators; i++)
        for (size_t r = 0; r < res.n_replications; r++)
            for (size_t k = 0; k < res.n_years * res.n_regions; k++) {
                double a = ts_results_block(&res, i, 0, r)[k], b = ts_results_block(&res, i, 1, r)[k];
                if (is_cost(res.indicators[i].name))
                    changed += a != b;
                else
                    cr_expect(memcmp(&a, &b, sizeof a) == 0, "%s [%zu] replication %zu: %.17g vs %.17g",
                              res.indicators[i].name, k, r, a, b);
            }
    cr_expect_gt(changed, 0, "the costs did not change");
    static const char *const items[] = {
        "cost_pay",         "cost_rural_allowance",  "cost_targeted_study_provincial", "cost_targeted_study_municipal",
        "cost_recruitment", "cost_standby_training", "cost_rotation_allowance"};
    for (size_t s = 0; s < 2; s++)
        for (size_t r = 0; r < res.n_replications; r++)
            for (size_t y = 0; y < res.n_years; y++)
                for (size_t g = 0; g < res.n_regions; g++) {
                    double sum = 0.0;
                    for (size_t k = 0; k < sizeof items / sizeof items[0]; k++)
                        sum += value(&res, items[k], s, r, y, g);
                    double total = value(&res, "cost_total", s, r, y, g);
                    double payers = value(&res, "cost_county", s, r, y, g) + value(&res, "cost_city", s, r, y, g) +
                                    value(&res, "cost_province", s, r, y, g);
                    cr_expect(fabs(sum - total) <= 1e-9 * total, "items %.3f, total %.3f", sum, total);
                    cr_expect(fabs(payers - total) <= 1e-9 * total, "payers %.3f, total %.3f", payers, total);
                    cr_expect(total > 0);
                }
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

/* A unit cost may be a distribution like any other number: it is drawn per
 * replication, and the item follows the draw. */
Test(costs, a_unit_cost_as_a_distribution)
{
    ts_scenario sc = {0};
    load(&sc,
         "name: unsure\nextends: xiangtan-baseline\nhorizon: {end_year: 2023}\n"
         "costs: {recruitment: {uniform: [1000, 3000]}, rural_allowance: [0, 150, {triangular: [300, 350, 500]}]}\n",
         "unsure.yaml");
    cr_assert_eq(sc.n_uncertain, 2);
    ts_results res = {0};
    run(&sc, 1, 4, &res);
    cr_assert_eq(res.parameters.n, 2);
    size_t p = 0;
    while (p < res.parameters.n && strcmp(res.parameters.names[p], "costs.recruitment") != 0)
        p++;
    cr_assert_lt(p, res.parameters.n, "no parameter costs.recruitment");
    const size_t all = res.n_regions - 1;
    for (size_t r = 0; r < res.n_replications; r++) {
        double unit = res.parameters.values[p * res.n_replications + r];
        cr_expect(unit >= 1000 && unit <= 3000, "%.3f", unit);
        for (size_t y = 0; y < res.n_years; y++) {
            double open = value(&res, "hires", 0, r, y, all) - value(&res, "hires_temporary", 0, r, y, all) -
                          value(&res, "targeted_arrivals", 0, r, y, all);
            double got = value(&res, "cost_recruitment", 0, r, y, all);
            cr_expect(fabs(got - open * unit) <= 1e-9 * got, "year %zu: %.3f, expected %.0f x %.3f", y, got, open,
                      unit);
        }
    }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}
