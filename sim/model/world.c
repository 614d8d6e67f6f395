/*
 * world.c: the state one replication evolves and the registry of its
 * steps' workspaces (world.h).
 */
#include "world.h"

#include <stdlib.h>
#include <string.h>

/* Teacher slots for a shard: as the model's estimate (ts_model_build), from
 * the start teachers and posts of its regions only. */
static int32_t regions_capacity(const ts_model *m, int32_t lo, int32_t hi)
{
    const ts_population *start = m->start;
    int64_t teachers = 0, requirement = 0;
    for (int32_t i = 0; i < start->teachers.n; i++) {
        int32_t r = start->schools.region[start->teachers.school[i]];
        teachers += r >= lo && r < hi;
    }
    for (int32_t k = m->region_first[lo]; k < m->region_first[hi]; k++)
        requirement += start->schools.requirement[m->region_schools[k]];
    int64_t cap = (teachers > requirement ? teachers : requirement) * 3 / 2 + 1024;
    return (int32_t)(cap < INT32_MAX ? cap : INT32_MAX);
}

ts_status ts_world_alloc_state(ts_world *w, const ts_model *m, int32_t lo, int32_t hi, const ts_world *share,
                               ts_error *err)
{
    memset(w, 0, sizeof *w);
    w->model = m;
    w->plan = m;
    w->region_lo = lo;
    w->region_hi = hi;
    w->school_lo = m->region_first[lo];
    w->school_hi = m->region_first[hi];
    w->shards = 1;
    const int32_t capacity = lo == 0 && hi == m->n_regions ? m->capacity : regions_capacity(m, lo, hi);
    ts_status st = TS_OK;
    if (share) {
        w->shares_schools = 1;
        w->schools = share->schools; /* the same arrays */
    } else {
        st = ts_schools_alloc(&w->schools, m->start->schools.n, err);
    }
    if (st == TS_OK)
        st = ts_teachers_alloc(&w->teachers, capacity, err);
    if (st != TS_OK)
        goto fail;
    w->draws = malloc((size_t)capacity * sizeof *w->draws);
    w->flows = calloc((size_t)m->n_regions + 1, sizeof *w->flows);
    w->hire_slot = calloc((size_t)m->n_regions, sizeof *w->hire_slot);
    w->gsl = ts_rng_gsl_alloc();
    w->draws_capacity = capacity;
    w->students = calloc((size_t)m->n_regions * TS_PROGRAMMES * TS_MAX_STUDY_YEARS + 1, sizeof *w->students);
    if (!w->draws || !w->flows || !w->hire_slot || !w->gsl || !w->students) {
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory for a replication of %d teachers", (int)capacity);
        goto fail;
    }
    return TS_OK;
fail:
    ts_world_free(w);
    return st;
}

void *ts_world_workspace_add(ts_world *w, const ts_workspace_type *type, const void *share, ts_error *err)
{
    void *data = ts_world_workspace(w, type);
    if (data)
        return data;
    if (w->n_workspaces == TS_WORLD_WORKSPACES) {
        /* out of slots rather than memory, but as fatal, and reported as such by the caller */
        ts_error_set(err, TS_ERR_NOMEM, "no room for the %s workspace: a world holds at most %d (TS_WORLD_WORKSPACES)",
                     type->name, TS_WORLD_WORKSPACES);
        return NULL;
    }
    data = type->alloc(w, share, err);
    if (!data)
        return NULL;
    w->workspace[w->n_workspaces].type = type;
    w->workspace[w->n_workspaces].data = data;
    w->n_workspaces++;
    return data;
}

void ts_world_free(ts_world *w)
{
    for (int k = w->n_workspaces - 1; k >= 0; k--)
        w->workspace[k].type->free(w->workspace[k].data);
    if (w->shares_schools)
        memset(&w->schools, 0, sizeof w->schools); /* the owner frees them */
    ts_schools_free(&w->schools);
    ts_teachers_free(&w->teachers);
    free(w->draws);
    free(w->flows);
    free(w->hire_slot);
    free(w->students);
    if (w->gsl)
        gsl_rng_free(w->gsl);
    memset(w, 0, sizeof *w);
}

void ts_world_reset(ts_world *w, uint32_t seed, uint32_t replication)
{
    w->model = w->plan; /* the first year refreshes its own view from here */
    const ts_model *m = w->model;
    if (!w->shares_schools)
        ts_schools_copy(&w->schools, &m->start->schools);
    if (w->region_lo == 0 && w->region_hi == m->n_regions)
        ts_teachers_copy(&w->teachers, &m->start->teachers);
    else
        ts_teachers_copy_regions(&w->teachers, &m->start->teachers, m->start->schools.region, w->region_lo,
                                 w->region_hi);
    w->rng = ts_rng_for(seed, replication);
    w->year = w->model->start->start_year - 1;
    w->n_drawn = 0;
    memcpy(w->students, w->model->start_students,
           (size_t)w->model->n_regions * TS_PROGRAMMES * TS_MAX_STUDY_YEARS * sizeof *w->students);
}

void ts_world_set_model(ts_world *w, const ts_model *m)
{
    w->plan = m;
    w->model = m;
}

void ts_world_set_year(ts_world *w, int year)
{
    const ts_scenario *plan = w->plan->scenario;
    if (plan->n_schedule == 0)
        return;
    w->year_scenario = *plan; /* shares plan's regions, lists and schedule */
    ts_scenario_at_year(plan, &w->year_scenario, year);
    w->year_model = *w->plan; /* shares plan's tables; its thresholds follow the year's values */
    ts_model_set_parameters(&w->year_model, &w->year_scenario);
    w->model = &w->year_model;
}

ts_status ts_world_reserve(ts_world *w, int32_t need, ts_error *err)
{
    if (need <= w->teachers.capacity && need <= w->draws_capacity)
        return TS_OK;
    int32_t capacity = need + need / 2 + 1024;
    ts_status st = ts_teachers_reserve(&w->teachers, capacity, err);
    if (st != TS_OK)
        return st;
    void *draws = realloc(w->draws, (size_t)capacity * sizeof *w->draws);
    if (!draws)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    w->draws = draws;
    for (int k = 0; k < w->n_workspaces; k++)
        if (w->workspace[k].type->reserve) {
            st = w->workspace[k].type->reserve(w->workspace[k].data, capacity, err);
            if (st != TS_OK)
                return st;
        }
    w->draws_capacity = capacity;
    return TS_OK;
}
