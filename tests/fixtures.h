/* fixtures.h: scenarios and worlds the model suites build on. */
#ifndef TEACHSIM_TEST_FIXTURES_H
#define TEACHSIM_TEST_FIXTURES_H
#include <criterion/criterion.h>

#include <string.h>

#include "steps/careers.h"
#include "draws.h"
#include "steps/enrolment.h"
#include "steps/intake.h"
#include "steps/leaving.h"
#include "population.h"
#include "steps/posting.h"
#include "steps/recruitment.h"
#include "steps/retirement.h"
#include "steps/rotation.h"
#include "teachsim/scenario.h"
#include "steps/staffing.h"
#include "world.h"

/** The built-in baseline, loaded or the test fails. */
static inline void fixture_baseline(ts_scenario *sc)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(sc, &err), TS_OK, "%s", err.message);
}

typedef struct {
    ts_population pop;
    ts_model model;
    ts_world world;
} fixture_world;

static inline void fixture_world_make(fixture_world *f, const ts_scenario *sc, uint32_t seed)
{
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&f->pop, sc, seed, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_model_build(&f->model, sc, &f->pop, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_world_alloc(&f->world, &f->model, &err), TS_OK, "%s", err.message);
}

static inline void fixture_world_free(fixture_world *f)
{
    ts_world_free(&f->world);
    ts_model_free(&f->model);
    ts_population_free(&f->pop);
}

/** Start teachers per region (index n_regions: ALL). */
static inline void fixture_start_teachers(const ts_population *pop, long *count)
{
    for (int r = 0; r <= pop->n_regions; r++)
        count[r] = 0;
    for (int32_t i = 0; i < pop->teachers.n; i++) {
        count[pop->schools.region[pop->teachers.school[i]]]++;
        count[pop->n_regions]++;
    }
}

/* ts_simulation_year cut open, for suites that look at the world between two
 * steps: fixture_year_begin(w, year), then fixture_year_steps(w, from, to)
 * for the steps of MODEL.md (1 enrolment ... 9 careers) in as many pieces as
 * needed, then fixture_year_end(w). Mirrors sim/simulation.c step for step;
 * test_posting.c checks that the pieces give the same world as the pipeline. */
static inline void fixture_year_begin(ts_world *w, int year)
{
    w->year = year;
    memset(w->flows, 0, ((size_t)w->model->n_regions + 1) * sizeof *w->flows);
    memset(w->hire_slot, 0, (size_t)w->model->n_regions * sizeof *w->hire_slot);
    ts_draws_step(w);
}

static inline void fixture_year_steps(ts_world *w, int from, int to)
{
    ts_error err = {0};
    for (int step = from; step <= to; step++)
        switch (step) {
        case 1:
            ts_enrolment_step(w);
            break;
        case 2:
            ts_staffing_step(w);
            break;
        case 3:
            ts_retirement_step(w);
            break;
        case 4:
            ts_leaving_step(w);
            break;
        case 5:
            cr_assert_eq(ts_intake_step(w, &err), TS_OK, "%s", err.message);
            break;
        case 6:
            ts_posting_step(w);
            break;
        case 7:
            ts_rotation_step(w);
            break;
        case 8:
            cr_assert_eq(ts_recruitment_step(w, &err), TS_OK, "%s", err.message);
            break;
        case 9:
            ts_careers_step(w);
            break;
        default:
            cr_assert_fail("no step %d", step);
        }
}

static inline void fixture_year_end(ts_world *w)
{
    ts_teachers_compact(&w->teachers);
}

/** Whether teacher i competes for posts (posting.h): established, not
 *  rotating, still here. Targeted graduates and rotating teachers do not. */
static inline int fixture_competes(const ts_teachers *t, int32_t i)
{
    return t->contract[i] == TS_CONTRACT_ESTABLISHED && t->home_school[i] < 0 && !(t->flags[i] & TS_TEACHER_GONE);
}
#endif
