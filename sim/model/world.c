/*
 * world.c: the per-replication state (ts_world) that the yearly steps share.
 */
#include "world.h"

#include "argmax.h"

#include "record/quality.h"

#include <stdlib.h>
#include <string.h>

ts_status ts_world_alloc(ts_world *w, const ts_model *m, ts_error *err)
{
    return ts_world_alloc_regions(w, m, 0, m->n_regions, NULL, err);
}

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

ts_status ts_world_alloc_regions(ts_world *w, const ts_model *m, int32_t lo, int32_t hi, const ts_world *share,
                                 ts_error *err)
{
    memset(w, 0, sizeof *w);
    w->model = m;
    w->region_lo = lo;
    w->region_hi = hi;
    w->school_lo = m->region_first[lo];
    w->school_hi = m->region_first[hi];
    w->shards = 1;
    const int32_t capacity = lo == 0 && hi == m->n_regions ? m->capacity : regions_capacity(m, lo, hi);
    int32_t n_schools = m->start->schools.n;
    ts_status st = TS_OK;
    if (share) {
        w->shares_schools = 1;
        w->schools = share->schools; /* the same arrays */
        w->school_counts = share->school_counts;
    } else {
        st = ts_schools_alloc(&w->schools, n_schools, err);
        w->school_counts = calloc((size_t)n_schools + 1, sizeof *w->school_counts);
        if (st == TS_OK && !w->school_counts)
            st = ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d schools", (int)n_schools);
    }
    if (st == TS_OK)
        st = ts_teachers_alloc(&w->teachers, capacity, err);
    if (st != TS_OK)
        goto fail;
    w->draws = malloc((size_t)capacity * sizeof *w->draws);
    w->flows = calloc((size_t)m->n_regions + 1, sizeof *w->flows);
    w->hire_slot = calloc((size_t)m->n_regions, sizeof *w->hire_slot);
    w->order = malloc(((size_t)n_schools + 1) * sizeof *w->order);
    w->order_key = malloc(((size_t)n_schools + 1) * sizeof *w->order_key);
    w->gsl = ts_rng_gsl_alloc();
    w->scratch_weight = malloc(((size_t)m->max_region_schools + 1) * sizeof *w->scratch_weight);
    w->scratch_count = malloc(((size_t)m->max_region_schools + 1) * sizeof *w->scratch_count);
    /* one number per school, or per region where a step counts by region */
    size_t per_school = (size_t)(n_schools > m->n_regions ? n_schools : m->n_regions) + 1;
    w->school_scratch = malloc(per_school * sizeof *w->school_scratch);
    w->draws_capacity = capacity;
    w->students = calloc((size_t)m->n_regions * TS_PROGRAMMES * TS_MAX_STUDY_YEARS + 1, sizeof *w->students);
    w->surplus = calloc((size_t)n_schools + 1, sizeof *w->surplus);
    w->pool = malloc((size_t)capacity * sizeof *w->pool);
    w->pool_key = malloc((size_t)capacity * sizeof *w->pool_key);
    w->pool_spare = malloc((size_t)capacity * sizeof *w->pool_spare);
    size_t trees = 2 * (TS_SUBJECT_COUNT + 1), leaves = (size_t)ts_argmax_leaves(m->max_region_schools);
    w->school_trees.school = malloc(((size_t)m->max_region_schools + 1) * sizeof *w->school_trees.school);
    w->school_trees.position = calloc((size_t)n_schools + 1, sizeof *w->school_trees.position);
    w->school_trees.value = malloc(trees * leaves * sizeof *w->school_trees.value);
    w->school_trees.winner = malloc(trees * 2 * leaves * sizeof *w->school_trees.winner);
    w->open_posts = calloc((size_t)m->n_regions + 1, sizeof *w->open_posts);
    w->title_count = calloc((size_t)m->n_regions * TS_TITLE_COUNT + 1, sizeof *w->title_count);
    w->title_cap = calloc((size_t)m->n_regions * TS_TITLE_COUNT + 1, sizeof *w->title_cap);
    w->cv_x = calloc(TS_QB_COUNT * (size_t)n_schools + 1, sizeof *w->cv_x); /* a row per indicator */
    w->cv_p = calloc((size_t)n_schools + 1, sizeof *w->cv_p);
    if (!w->draws || !w->flows || !w->hire_slot || !w->order || !w->order_key || !w->gsl || !w->scratch_weight ||
        !w->scratch_count || !w->school_scratch || !w->students || !w->surplus || !w->pool || !w->pool_key ||
        !w->pool_spare || !w->open_posts || !w->school_trees.school || !w->school_trees.position ||
        !w->school_trees.value || !w->school_trees.winner || !w->title_count || !w->title_cap || !w->school_counts ||
        !w->cv_x || !w->cv_p) {
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory for a replication of %d teachers", (int)capacity);
        goto fail;
    }
    return TS_OK;
fail:
    ts_world_free(w);
    return st;
}

void ts_world_free(ts_world *w)
{
    if (w->shares_schools) {
        memset(&w->schools, 0, sizeof w->schools); /* the owner frees them */
        w->school_counts = NULL;
    }
    ts_schools_free(&w->schools);
    ts_teachers_free(&w->teachers);
    free(w->draws);
    free(w->flows);
    free(w->hire_slot);
    free(w->order);
    free(w->order_key);
    free(w->scratch_weight);
    free(w->scratch_count);
    free(w->school_scratch);
    free(w->students);
    free(w->surplus);
    free(w->pool);
    free(w->pool_key);
    free(w->pool_spare);
    free(w->open_posts);
    free(w->school_trees.school);
    free(w->school_trees.position);
    free(w->school_trees.value);
    free(w->school_trees.winner);
    free(w->title_count);
    free(w->title_cap);
    free(w->school_counts);
    free(w->cv_x);
    free(w->cv_p);
    if (w->gsl)
        gsl_rng_free(w->gsl);
    memset(w, 0, sizeof *w);
}

void ts_world_reset(ts_world *w, uint32_t seed, uint32_t replication)
{
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
    void *pool = realloc(w->pool, (size_t)capacity * sizeof *w->pool);
    if (!pool)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    w->pool = pool;
    void *keys = realloc(w->pool_key, (size_t)capacity * sizeof *w->pool_key);
    if (!keys)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    w->pool_key = keys;
    void *spare = realloc(w->pool_spare, (size_t)capacity * sizeof *w->pool_spare);
    if (!spare)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    w->pool_spare = spare;
    w->draws_capacity = capacity;
    return TS_OK;
}
