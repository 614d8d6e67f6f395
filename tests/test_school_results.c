/*
 * test_school_results.c: the per-school results of a run (group schools/)
 * against a direct computation. A small run of the baseline streams its
 * schools' outcomes into sums over replications, on two threads; here each
 * replication is replayed on its own world and every school is scored from
 * the world's teachers by the assessment's rule written out again, without
 * the model's scoring code. The counts must agree exactly and the means of
 * the per-100 values to the fixed point's resolution.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "fixtures.h"
#include "school_results.h"
#include "teachsim/run.h"

#define REPLICATIONS 4
#define SEED 4242u

/* The school rule at `school` in the world's current state, per the
 * assessment (docs/model.md): for each level with pupils, teachers counted
 * (established and targeted, in post) split by the level's share of the
 * requirement, per 100 pupils of the level; met when 6 of the 7 indicators
 * are (4 non-teacher ones assumed met) and the rest reach 85 %. Returns
 * whether it is scored; *met, below[j] and per100[j] over its scored levels. */
static int direct_outcome(const ts_world *w, const ts_scenario *sc, int32_t school, int *met, int below[3],
                          double per100[3])
{
    const ts_schools *s = &w->schools;
    const ts_teachers *t = &w->teachers;
    int32_t counts[3] = {0};
    for (int32_t i = 0; i < t->n; i++) {
        if (t->school[i] != school || (t->flags[i] & (TS_TEACHER_GONE | TS_TEACHER_STANDBY)) ||
            t->contract[i] == TS_CONTRACT_TEMPORARY)
            continue;
        counts[0] += t->qualification[i] != TS_QUAL_BELOW;
        counts[1] += t->backbone[i] != TS_BACKBONE_NONE;
        counts[2] +=
            t->subject[i] == TS_SUBJECT_PE || t->subject[i] == TS_SUBJECT_MUSIC || t->subject[i] == TS_SUBJECT_ART;
    }
    int32_t total = 0;
    for (int g = 0; g < TS_GRADES; g++)
        total += s->pupils[school][g];
    int scored = 0;
    double counted[3] = {0}, pupils = 0;
    *met = 1;
    below[0] = below[1] = below[2] = 0;
    for (int part = 0; part < 2; part++) {
        int32_t level_pupils = 0;
        for (int g = part ? 6 : 0; g <= (part ? 8 : 5); g++)
            level_pupils += s->pupils[school][g];
        if (level_pupils == 0 || total < sc->quality.teaching_point_pupils)
            continue;
        scored = 1;
        double share =
            s->requirement[school] > 0 ? (double)s->part_requirement[school][part] / s->requirement[school] : 0.0;
        const double thr[3] = {sc->quality.qualified_per100[part], sc->quality.backbone_per100[part],
                               sc->quality.pe_art_per100[part]};
        int ok = sc->quality.other_indicators_met, floor_ok = 1;
        for (int j = 0; j < 3; j++) {
            double x = 100.0 * counts[j] * share / level_pupils;
            if (x >= thr[j])
                ok++;
            else {
                below[j] = 1;
                floor_ok &= x >= sc->quality.school_floor * thr[j];
            }
            counted[j] += counts[j] * share;
        }
        pupils += level_pupils;
        *met &= ok >= 6 && floor_ok;
    }
    for (int j = 0; j < 3; j++)
        per100[j] = scored ? 100.0 * counted[j] / pupils : NAN;
    return scored;
}

Test(school_results, sums_over_replications_match_a_direct_computation)
{
    ts_scenario sc;
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + 3;
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = SEED, .replications = REPLICATIONS, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    cr_assert_gt(res.schools.n, 0, "the run keeps per-school results");

    fixture_world f;
    fixture_world_make(&f, &sc, SEED);
    const size_t N = res.schools.n, Y = res.n_years;
    cr_assert_eq((size_t)f.world.schools.n, N);
    int64_t *scored = calloc(Y * N, sizeof *scored), *met = calloc(Y * N, sizeof *met),
            *below = calloc(Y * N * 3, sizeof *below);
    double *sum = calloc(Y * N * 3, sizeof *sum);
    cr_assert(scored && met && below && sum);
    for (uint32_t r = 0; r < REPLICATIONS; r++) {
        ts_world_reset(&f.world, SEED, r);
        for (size_t y = 0; y < Y; y++) {
            cr_assert_eq(ts_simulation_year(&f.world, res.first_year + (int)y, &err), TS_OK, "%s", err.message);
            for (size_t k = 0; k < N; k++) {
                int m, b[3];
                double x[3];
                if (!direct_outcome(&f.world, &sc, (int32_t)k, &m, b, x))
                    continue;
                scored[y * N + k]++;
                met[y * N + k] += m;
                for (int j = 0; j < 3; j++) {
                    below[(y * N + k) * 3 + (size_t)j] += b[j];
                    sum[(y * N + k) * 3 + (size_t)j] += x[j];
                }
            }
        }
    }
    size_t checked = 0, failing = 0;
    for (size_t y = 0; y < Y; y++)
        for (size_t k = 0; k < N; k++) {
            const int64_t *cell = ts_school_results_cell(&res, 0, y, k);
            cr_expect_eq(cell[TS_SCHOOL_SUM_SCORED], scored[y * N + k], "school %zu year %zu: scored", k, y);
            cr_expect_eq(cell[TS_SCHOOL_SUM_MET], met[y * N + k], "school %zu year %zu: met", k, y);
            ts_school_outcome o;
            ts_school_results_outcome(cell, &o);
            for (int j = 0; j < 3; j++) {
                cr_expect_eq(cell[TS_SCHOOL_SUM_MISSING + j], below[(y * N + k) * 3 + (size_t)j]);
                if (scored[y * N + k]) {
                    double direct = sum[(y * N + k) * 3 + (size_t)j] / (double)scored[y * N + k];
                    /* each value is rounded to 2^-32 once: the mean is within that */
                    cr_expect_leq(fabs(o.per100_mean[j] - direct), 1.0 / TS_SCHOOL_SUM_SCALE + 1e-12 * direct,
                                  "school %zu year %zu indicator %d: %.12f, directly %.12f", k, y, j, o.per100_mean[j],
                                  direct);
                }
            }
            if (scored[y * N + k]) {
                cr_expect_leq(fabs(o.met_probability - (double)met[y * N + k] / (double)scored[y * N + k]), 1e-15);
                checked++;
                failing += met[y * N + k] < scored[y * N + k];
            } else {
                cr_expect(isnan(o.met_probability), "never scored: NaN");
            }
        }
    cr_expect_gt(failing, 0, "some school fails in some replication (the comparison tests both outcomes)");
    cr_expect_gt(checked - failing, 0, "and some meets the rule in every replication");
    cr_log_info("%zu school-years checked, %zu failing in some replication", checked, failing);
    free(scored);
    free(met);
    free(below);
    free(sum);
    fixture_world_free(&f);
    ts_results_free(&res);
    ts_scenario_free(&sc);
}
