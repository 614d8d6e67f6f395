/* fixtures.h: scenarios and worlds the model suites build on. */
#ifndef TEACHSIM_TEST_FIXTURES_H
#define TEACHSIM_TEST_FIXTURES_H
#include <criterion/criterion.h>

#include <string.h>

#include "population.h"
#include "teachsim/scenario.h"
#include "world.h"
#include "year.h"

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
    cr_assert_eq(ts_population_build(&f->pop, sc, seed, &err), TS_OK, "%s", err.message);
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
 * steps: fixture_year_begin(w, year) (the year's counters and draws), then
 * fixture_year_steps(w, from, to) for the steps of docs/model.md (1 enrolment
 * ... 9 careers) in as many pieces as needed, then fixture_year_end(w). The
 * pieces run the rows of the step table (year.h), so they are the pipeline;
 * test_posting.c checks that they give the same world as ts_simulation_year. */
static inline void fixture_year_begin(ts_world *w, int year)
{
    ts_error err = {0};
    ts_year_begin(w, year);
    cr_assert_eq(ts_year_steps(w, 0, 0, &err), TS_OK, "%s", err.message);
}

static inline void fixture_year_steps(ts_world *w, int from, int to)
{
    ts_error err = {0};
    cr_assert(from >= 1 && to <= 9 && from <= to, "no steps %d to %d", from, to);
    cr_assert_eq(ts_year_steps(w, from, to, &err), TS_OK, "%s", err.message);
}

static inline void fixture_year_end(ts_world *w)
{
    ts_year_end(w);
}

/** Whether teacher i competes for posts (posting.h): established, not
 *  rotating, still here. Targeted graduates and rotating teachers do not. */
static inline int fixture_competes(const ts_teachers *t, int32_t i)
{
    return t->contract[i] == TS_CONTRACT_ESTABLISHED && t->home_school[i] < 0 && !(t->flags[i] & TS_TEACHER_GONE);
}
#endif
