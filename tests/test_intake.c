/*
 * test_intake.c: the targeted rural-teacher pipeline (公费定向师范生) against
 * its closed form. A cohort of programme p enrolled in year y studies L_p
 * years, losing each student with probability d once a year, and arrives for
 * school year y + L_p: without drop-out exactly the places it was given,
 * with drop-out Binomial(places, (1 - d)^L_p). Graduates serve in rural
 * schools of their home county for their programme's years, then become
 * ordinary established teachers; a breach during service is a leaver.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "apportion.h"
#include "cohorts.h"
#include "fixtures.h"
#include "record/indicators.h"
#include "teachsim/run.h"
#include "year.h"

#define YEARS_MAX 64

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

/* The baseline's intake without drop-out, split by population share (so the
 * split is the same every year), no cohorts in study at the start. */
static void plain_intake(ts_scenario *sc)
{
    fixture_baseline(sc);
    sc->targeted_intake.allocate_by_rural_need = 0;
    sc->targeted_intake.in_study_at_start = 0;
    for (int p = 0; p < TS_PROGRAMMES; p++)
        sc->targeted_intake.dropout_rate[p] = 0.0;
}

static int32_t yearly_intake(const ts_scenario *sc)
{
    return sc->targeted_intake.provincial + sc->targeted_intake.municipal;
}

/* Places by region and programme under the population split, checked against
 * its definition: each region within one place of intake x population share,
 * each programme within one place of the region's places x programme share. */
static void places_by_population(const ts_scenario *sc, uint32_t seed, int32_t places[][TS_PROGRAMMES])
{
    fixture_world f;
    fixture_world_make(&f, sc, seed);
    const int32_t total = yearly_intake(sc);
    int32_t by_region[TS_MAX_REGIONS];
    ts_cohorts_allocate(&f.model, &f.pop.schools, total, by_region);
    double population = 0.0;
    for (int r = 0; r < sc->population.n_regions; r++)
        population += sc->population.regions[r].population_10k;
    int32_t sum = 0;
    for (int r = 0; r < sc->population.n_regions; r++) {
        double quota = total * sc->population.regions[r].population_10k / population;
        cr_assert_lt(fabs(by_region[r] - quota), 1.0, "region %d: %d places for a quota of %.3f", r, by_region[r],
                     quota);
        ts_apportion(by_region[r], sc->targeted_intake.programme_share, TS_PROGRAMMES, places[r]);
        for (int p = 0; p < TS_PROGRAMMES; p++)
            cr_assert_lt(fabs(places[r][p] - by_region[r] * sc->targeted_intake.programme_share[p]), 1.0);
        sum += by_region[r];
    }
    cr_assert_eq(sum, total);
    fixture_world_free(&f);
}

/* Home county of a teacher: a hire's region is in its uid (rng.h,
 * ts_entity_hire); a start teacher's is the region of their start school. */
static int32_t home_region(const ts_population *start, uint64_t uid)
{
    if (uid & TS_ENTITY_HIRE_BIT)
        return (int32_t)((uid >> 24) & 0xFFFFF);
    cr_assert_lt(uid, (uint64_t)start->teachers.n);
    return start->schools.region[start->teachers.school[uid]];
}

/* School year of a hire (rng.h, ts_entity_hire). */
static int hire_year(uint64_t uid)
{
    return 1900 + (int)((uid >> 44) & 0x7FFFF);
}

Test(intake, without_dropout_each_programme_arrives_after_its_study_years)
{
    ts_scenario sc = {0};
    plain_intake(&sc);
    const uint32_t seed = 4711;
    int32_t places[TS_MAX_REGIONS][TS_PROGRAMMES];
    places_by_population(&sc, seed, places);
    ts_results res = {0};
    run(&sc, seed, 3, &res);
    const int start = sc.horizon.start_year, G = sc.population.n_regions;
    const int *L = sc.targeted_intake.study_years;
    long arrivals_seen = 0;
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t y = 0; y < res.n_years; y++) {
            const int year = start + (int)y;
            long all_arrivals = 0, all_enrolled = 0, all_study = 0;
            for (int g = 0; g < G; g++) {
                long arrivals = 0, enrolled = 0, study = 0;
                for (int p = 0; p < TS_PROGRAMMES; p++) {
                    arrivals += year >= start + L[p] ? places[g][p] : 0; /* enrolled in year - L[p] */
                    enrolled += places[g][p];
                    /* in study after the year: the cohorts of the last L[p] years, since the start */
                    int cohorts = year - start + 1 < L[p] ? year - start + 1 : L[p];
                    study += (long)cohorts * places[g][p];
                }
                cr_expect_eq(at(&res, "targeted_arrivals", r, y, (size_t)g), (double)arrivals,
                             "rep %zu region %d year %d: arrivals", r, g, year);
                cr_expect_eq(at(&res, "targeted_enrolled", r, y, (size_t)g), (double)enrolled,
                             "rep %zu region %d year %d: enrolled", r, g, year);
                cr_expect_eq(at(&res, "targeted_in_study", r, y, (size_t)g), (double)study,
                             "rep %zu region %d year %d: in study", r, g, year);
                all_arrivals += arrivals;
                all_enrolled += enrolled;
                all_study += study;
            }
            cr_expect_eq(at(&res, "targeted_arrivals", r, y, (size_t)G), (double)all_arrivals);
            cr_expect_eq(at(&res, "targeted_enrolled", r, y, (size_t)G), (double)yearly_intake(&sc));
            cr_expect_eq(all_enrolled, yearly_intake(&sc));
            cr_expect_eq(at(&res, "targeted_in_study", r, y, (size_t)G), (double)all_study);
            arrivals_seen += all_arrivals;
        }
    cr_expect_gt(arrivals_seen, 0, "the horizon must reach the first arrivals");
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(intake, allocation_by_rural_need_follows_each_years_rural_requirement)
{
    /* The default split follows the rural requirement, which moves with
     * enrolment each year. The test steps a world of the same seed and
     * replication as the run and reads the split the way the intake step
     * does, right after the staffing step of each year (nothing between
     * staffing and intake changes a requirement). Each split is checked
     * against its definition (rural posts x intake, within one place), then
     * the run's arrivals against the closed form per region. */
    ts_scenario sc = {0};
    plain_intake(&sc);
    sc.targeted_intake.allocate_by_rural_need = 1;
    const uint32_t seed = 60606;
    const int start = sc.horizon.start_year, end = sc.horizon.end_year, G = sc.population.n_regions;
    const int32_t total = yearly_intake(&sc);
    static int32_t places[YEARS_MAX][TS_MAX_REGIONS][TS_PROGRAMMES];
    cr_assert_lt(end - start + 1, YEARS_MAX);

    fixture_world f;
    fixture_world_make(&f, &sc, seed);
    ts_world *w = &f.world;
    ts_world_reset(w, seed, 0);
    for (int year = start; year <= end; year++) {
        fixture_year_begin(w, year);
        fixture_year_steps(w, 1, 2);
        int32_t by_region[TS_MAX_REGIONS];
        ts_cohorts_allocate(&f.model, &w->schools, total, by_region);
        double rural[TS_MAX_REGIONS] = {0}, all = 0;
        for (int32_t s = 0; s < w->schools.n; s++)
            if (w->schools.locality[s] == TS_RURAL) {
                rural[w->schools.region[s]] += w->schools.requirement[s];
                all += w->schools.requirement[s];
            }
        cr_assert_gt(all, 0);
        for (int g = 0; g < G; g++) {
            cr_expect_lt(fabs(by_region[g] - total * rural[g] / all), 1.0, "year %d region %d: %d places, quota %.3f",
                         year, g, by_region[g], total * rural[g] / all);
            ts_apportion(by_region[g], sc.targeted_intake.programme_share, TS_PROGRAMMES, places[year - start][g]);
        }
        fixture_year_steps(w, 3, 9);
        fixture_year_end(w);
    }
    fixture_world_free(&f);

    ts_results res = {0};
    run(&sc, seed, 1, &res);
    const int *L = sc.targeted_intake.study_years;
    for (int year = start; year <= end; year++) {
        size_t y = (size_t)(year - start);
        long all_arrivals = 0;
        for (int g = 0; g < G; g++) {
            long arrivals = 0, enrolled = 0;
            for (int p = 0; p < TS_PROGRAMMES; p++) {
                if (year - L[p] >= start)
                    arrivals += places[year - L[p] - start][g][p]; /* the split of the year they enrolled */
                enrolled += places[y][g][p];
            }
            cr_expect_eq(at(&res, "targeted_arrivals", 0, y, (size_t)g), (double)arrivals, "region %d year %d", g,
                         year);
            cr_expect_eq(at(&res, "targeted_enrolled", 0, y, (size_t)g), (double)enrolled, "region %d year %d", g,
                         year);
            all_arrivals += arrivals;
        }
        cr_expect_eq(at(&res, "targeted_arrivals", 0, y, (size_t)G), (double)all_arrivals, "ALL year %d", year);
    }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(intake, cohorts_in_study_at_the_start_arrive_in_full_from_the_first_year)
{
    /* As if the same intake had run before the start: every programme has a
     * cohort in each year of study, so without drop-out the full yearly
     * intake arrives every year, the first included. */
    ts_scenario sc = {0};
    plain_intake(&sc);
    sc.targeted_intake.in_study_at_start = 1;
    const uint32_t seed = 31;
    int32_t places[TS_MAX_REGIONS][TS_PROGRAMMES];
    places_by_population(&sc, seed, places);
    ts_results res = {0};
    run(&sc, seed, 2, &res);
    const int G = sc.population.n_regions;
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t y = 0; y < res.n_years; y++) {
            for (int g = 0; g < G; g++)
                cr_expect_eq(at(&res, "targeted_arrivals", r, y, (size_t)g),
                             (double)(places[g][0] + places[g][1] + places[g][2]), "rep %zu region %d year %d", r, g,
                             res.first_year + (int)y);
            cr_expect_eq(at(&res, "targeted_arrivals", r, y, (size_t)G), (double)yearly_intake(&sc));
        }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(intake, dropout_thins_each_cohort_binomially_over_its_study_years)
{
    /* With yearly drop-out d, a cohort of n places arrives as
     * Binomial(n, (1 - d)^L): L independent thinnings. Cohorts of different
     * years and programmes are independent, so a year's arrivals in a region
     * have mean sum_p n_p q_p and variance sum_p n_p q_p (1 - q_p), and the
     * mean over R replications lies within 4 standard errors of the former.
     * Students in study after the year: cohorts with k = 0 .. L-1 thinnings. */
    ts_scenario sc = {0};
    plain_intake(&sc);
    const double d = 0.0731;
    for (int p = 0; p < TS_PROGRAMMES; p++)
        sc.targeted_intake.dropout_rate[p] = d;
    const uint32_t seed = 8191;
    const int32_t R = 60;
    int32_t places[TS_MAX_REGIONS][TS_PROGRAMMES];
    places_by_population(&sc, seed, places);
    ts_results res = {0};
    run(&sc, seed, R, &res);
    const int start = sc.horizon.start_year, G = sc.population.n_regions;
    const int *L = sc.targeted_intake.study_years;
    int checked = 0;
    for (size_t y = 0; y < res.n_years; y++) {
        const int year = start + (int)y;
        double all_mean = 0, all_var = 0, all_study_mean = 0, all_study_var = 0;
        for (int g = 0; g <= G; g++) {
            double mean = 0, var = 0, study_mean = 0, study_var = 0;
            if (g < G) {
                for (int p = 0; p < TS_PROGRAMMES; p++) {
                    if (year >= start + L[p]) {
                        double q = pow(1 - d, L[p]);
                        mean += places[g][p] * q;
                        var += places[g][p] * q * (1 - q);
                    }
                    for (int k = 0; k < L[p] && k <= year - start; k++) {
                        double q = pow(1 - d, k);
                        study_mean += places[g][p] * q;
                        study_var += places[g][p] * q * (1 - q);
                    }
                }
                all_mean += mean;
                all_var += var;
                all_study_mean += study_mean;
                all_study_var += study_var;
            } else {
                mean = all_mean, var = all_var, study_mean = all_study_mean, study_var = all_study_var;
            }
            double arrivals = 0, study = 0;
            for (int32_t r = 0; r < R; r++) {
                arrivals += at(&res, "targeted_arrivals", (size_t)r, y, (size_t)g) / R;
                study += at(&res, "targeted_in_study", (size_t)r, y, (size_t)g) / R;
            }
            if (mean == 0) {
                cr_expect_eq(arrivals, 0.0, "region %d year %d: nobody has finished study yet", g, year);
            } else {
                double se = sqrt(var / R);
                cr_expect_leq(fabs(arrivals - mean), 4 * se,
                              "region %d year %d: mean arrivals %.3f, expected %.3f +- %.3f (4 SE)", g, year, arrivals,
                              mean, 4 * se);
                checked++;
            }
            cr_expect_leq(fabs(study - study_mean), 4 * sqrt(study_var / R) + 1e-9,
                          "region %d year %d: mean in study %.3f, expected %.3f +- %.3f (4 SE)", g, year, study,
                          study_mean, 4 * sqrt(study_var / R));
        }
    }
    cr_expect_gt(checked, (G + 1) * 5, "most years must have arrivals to check");
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(intake, targeted_graduates_serve_only_in_rural_schools_of_their_home_county)
{
    /* Every mechanism that moves teachers is on (transfers of rural leavers
     * at a raised share, posting out of field, rotation between any schools):
     * none may move a graduate in service. Checked after every school year;
     * also, the year's arrivals counted for county r are placed in county r
     * (arrivals stay where they are placed in their first year: breaches
     * come before arrivals in the year, and nothing moves a graduate). */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.leaving.rural_transfer_share = 0.8731;
    sc.rotation.urban_to_rural = 0;
    sc.rotation.rate = 0.2731;
    for (uint32_t rep = 0; rep < 2; rep++) {
        const uint32_t seed = 2024 + rep;
        fixture_world f;
        fixture_world_make(&f, &sc, seed);
        ts_world *w = &f.world;
        ts_world_reset(w, seed, rep);
        long checked = 0, hires = 0, bad = 0;
        for (int year = sc.horizon.start_year; year <= sc.horizon.end_year; year++) {
            ts_error err = {0};
            cr_assert_eq(ts_simulation_year(w, year, &err), TS_OK, "%s", err.message);
            const ts_teachers *t = &w->teachers;
            long arrived[TS_MAX_REGIONS] = {0};
            for (int32_t i = 0; i < t->n; i++) {
                if (t->contract[i] != TS_CONTRACT_TARGETED)
                    continue;
                int32_t school = t->school[i], home = home_region(&f.pop, t->uid[i]);
                if ((t->uid[i] & TS_ENTITY_HIRE_BIT) && hire_year(t->uid[i]) == year)
                    arrived[w->schools.region[school]]++;
                int ok = w->schools.locality[school] == TS_RURAL && w->schools.region[school] == home &&
                         !(t->flags[i] & TS_TEACHER_STANDBY) && t->home_school[i] < 0 && t->service_left[i] > 0;
                if (!ok && bad++ == 0)
                    cr_expect(ok,
                              "year %d: targeted teacher %llx (home region %d) at school %d (region %d, locality %d), "
                              "flags %d, home school %d, service left %d",
                              year, (unsigned long long)t->uid[i], home, school, w->schools.region[school],
                              w->schools.locality[school], t->flags[i], t->home_school[i], t->service_left[i]);
                checked++;
                hires += (t->uid[i] & TS_ENTITY_HIRE_BIT) != 0;
            }
            /* this year's graduates of county r (counted in its arrivals) are at schools of county r */
            for (int g = 0; g < f.model.n_regions; g++)
                cr_expect_eq(arrived[g], w->flows[g].targeted_arrivals, "year %d region %d: arrivals at its schools",
                             year, g);
        }
        cr_expect_eq(bad, 0, "%ld of %ld targeted teacher-years outside a rural school of their county", bad, checked);
        cr_expect_gt(hires, 1000, "graduates arriving during the run must be among those checked");
        fixture_world_free(&f);
    }
    ts_scenario_free(&sc);
}

Test(intake, service_ends_after_the_programmes_service_years)
{
    /* Graduates arriving in the first year (cohorts in study at the start),
     * no breach, nobody moving on when service ends: a graduate of programme
     * p arriving in year y is targeted with service_years[p] - (Y - y) years
     * left in each year Y before y + service_years[p], and established from
     * then on. One graduate per programme is followed by uid (each
     * programme owes a different number of years: 8, 5, 6). */
    ts_scenario sc = {0};
    plain_intake(&sc);
    sc.targeted_intake.in_study_at_start = 1;
    sc.targeted_intake.end_of_service_move = 0.0;
    sc.targeted_intake.in_service_share_young_rural = 0.0; /* the only graduates are the run's */
    for (int l = 0; l < TS_LOCALITY_COUNT; l++)
        for (int a = 0; a < TS_AGEBAND_COUNT; a++)
            sc.leaving.hazard[TS_CONTRACT_TARGETED][l][a] = 0.0;
    const int *S = sc.targeted_intake.service_years;
    cr_assert(S[0] != S[1] && S[1] != S[2] && S[0] != S[2], "programmes are told apart by their service years");
    const uint32_t seed = 777;
    const int start = sc.horizon.start_year;

    fixture_world f;
    fixture_world_make(&f, &sc, seed);
    ts_world *w = &f.world;
    ts_world_reset(w, seed, 0);
    uint64_t followed[TS_PROGRAMMES] = {0};
    for (int year = start; year <= sc.horizon.end_year; year++) {
        ts_error err = {0};
        cr_assert_eq(ts_simulation_year(w, year, &err), TS_OK, "%s", err.message);
        const ts_teachers *t = &w->teachers;
        if (year == start)
            for (int32_t i = 0; i < t->n; i++)
                for (int p = 0; p < TS_PROGRAMMES; p++)
                    if (!followed[p] && t->contract[i] == TS_CONTRACT_TARGETED && t->service_left[i] == S[p])
                        followed[p] = t->uid[i];
        for (int p = 0; p < TS_PROGRAMMES; p++) {
            cr_assert(followed[p] & TS_ENTITY_HIRE_BIT, "a graduate of programme %d arrives in %d", p, start);
            if (year > start + S[p])
                continue; /* an ordinary established teacher now, exposed to every hazard */
            int32_t i = 0;
            while (i < t->n && t->uid[i] != followed[p])
                i++;
            cr_assert_lt(i, t->n, "programme %d's graduate is still here in %d", p, year);
            if (year < start + S[p]) {
                cr_expect_eq(t->contract[i], TS_CONTRACT_TARGETED, "programme %d, year %d", p, year);
                cr_expect_eq(t->service_left[i], S[p] - (year - start), "programme %d, year %d", p, year);
            } else {
                cr_expect_eq(t->contract[i], TS_CONTRACT_ESTABLISHED, "programme %d, year %d: service of %d years over",
                             p, year, S[p]);
                cr_expect_eq(t->service_left[i], 0);
            }
        }
    }
    fixture_world_free(&f);

    /* The same in the counts: the same places arrive every year (no
     * drop-out), so completions in year Y are the arrivals of Y - S[p]. */
    int32_t places[TS_MAX_REGIONS][TS_PROGRAMMES];
    places_by_population(&sc, seed, places);
    ts_results res = {0};
    run(&sc, seed, 2, &res);
    const int G = sc.population.n_regions;
    for (size_t r = 0; r < res.n_replications; r++)
        for (size_t y = 0; y < res.n_years; y++)
            for (int g = 0; g < G; g++) {
                long completed = 0;
                for (int p = 0; p < TS_PROGRAMMES; p++)
                    completed += start + (int)y - S[p] >= start ? places[g][p] : 0;
                cr_expect_eq(at(&res, "targeted_service_completed", r, y, (size_t)g), (double)completed,
                             "rep %zu region %d year %d", r, g, start + (int)y);
            }
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(intake, breaches_are_leavers_and_binomial_in_the_graduates_at_risk)
{
    /* Only targeted graduates can leave (hazard h for them, 0 for everyone
     * else; no temporaries, no standby exits, nobody moving on when service
     * ends): every leaver is a breach, and a year's breaches are
     * Binomial(graduates in service at the start of the year, h). */
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    const double h = 0.0913;
    for (int c = 0; c < TS_CONTRACT_COUNT; c++)
        for (int l = 0; l < TS_LOCALITY_COUNT; l++)
            for (int a = 0; a < TS_AGEBAND_COUNT; a++)
                sc.leaving.hazard[c][l][a] = c == TS_CONTRACT_TARGETED ? h : 0.0;
    sc.targeted_intake.end_of_service_move = 0.0;
    sc.posting.enabled = 0;
    sc.temporaries.allowed_until = 1990;
    for (int r = 0; r < sc.population.n_regions; r++)
        sc.population.regions[r].temporary_share = 0.0;
    const uint32_t seed = 1357;
    ts_results res = {0};
    run(&sc, seed, 4, &res);
    ts_population pop;
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&pop, &sc, seed, &err), TS_OK, "%s", err.message);
    long start_targeted = 0;
    for (int32_t i = 0; i < pop.teachers.n; i++)
        start_targeted += pop.teachers.contract[i] == TS_CONTRACT_TARGETED;
    cr_assert_gt(start_targeted, 0);

    const size_t all = res.n_regions - 1;
    double breaches = 0;
    for (size_t r = 0; r < res.n_replications; r++) {
        double at_risk = (double)start_targeted;
        for (size_t y = 0; y < res.n_years; y++) {
            for (size_t g = 0; g < res.n_regions; g++)
                cr_expect_eq(at(&res, "leavers", r, y, g), at(&res, "targeted_breaches", r, y, g),
                             "rep %zu region %s year %d: every leaver is a breach", r, res.labels.region_codes[g],
                             res.first_year + (int)y);
            double b = at(&res, "targeted_breaches", r, y, all), sd = sqrt(at_risk * h * (1 - h));
            cr_expect_leq(fabs(b - at_risk * h), 4.5 * sd,
                          "rep %zu year %d: %.0f breaches of %.0f at risk, expected %.1f +- %.1f", r,
                          res.first_year + (int)y, b, at_risk, at_risk * h, 4.5 * sd);
            breaches += b;
            at_risk = at(&res, "teachers_targeted", r, y, all); /* in service at the start of next year */
        }
    }
    cr_expect_gt(breaches, 100);
    ts_results_free(&res);
    ts_population_free(&pop);
    ts_scenario_free(&sc);
}
