/* fixtures.h: scenarios and worlds the model suites build on. */
#ifndef TEACHSIM_TEST_FIXTURES_H
#define TEACHSIM_TEST_FIXTURES_H
#include <criterion/criterion.h>

#include "teachsim/population.h"
#include "teachsim/scenario.h"
#include "teachsim/world.h"

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
#endif
