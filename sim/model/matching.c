/*
 * matching.c: the pool and school trees that posting and rotation share
 * (matching.h).
 */
#include "matching.h"

#include <stdlib.h>

#include "argmax.h"

static void matching_free(void *data)
{
    ts_matching *m = data;
    if (!m)
        return;
    free(m->pool);
    free(m->pool_key);
    free(m->pool_spare);
    free(m->school);
    free(m->position);
    free(m->value);
    free(m->winner);
    free(m);
}

static void *matching_alloc(ts_world *w, const void *share, ts_error *err)
{
    (void)share;
    const ts_model *model = w->model;
    const size_t capacity = (size_t)w->draws_capacity, n_schools = (size_t)model->start->schools.n;
    const size_t trees = 2 * (TS_SUBJECT_COUNT + 1), leaves = (size_t)ts_argmax_leaves(model->max_region_schools);
    ts_matching *m = calloc(1, sizeof *m);
    if (m) {
        m->pool = malloc(capacity * sizeof *m->pool);
        m->pool_key = malloc(capacity * sizeof *m->pool_key);
        m->pool_spare = malloc(capacity * sizeof *m->pool_spare);
        m->school = malloc(((size_t)model->max_region_schools + 1) * sizeof *m->school);
        m->position = calloc(n_schools + 1, sizeof *m->position);
        m->value = malloc(trees * leaves * sizeof *m->value);
        m->winner = malloc(trees * 2 * leaves * sizeof *m->winner);
    }
    if (!m || !m->pool || !m->pool_key || !m->pool_spare || !m->school || !m->position || !m->value || !m->winner) {
        matching_free(m);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for a replication of %d teachers", (int)capacity);
        return NULL;
    }
    return m;
}

static ts_status matching_reserve(void *data, int32_t capacity, ts_error *err)
{
    ts_matching *m = data;
    void *pool = realloc(m->pool, (size_t)capacity * sizeof *m->pool);
    if (!pool)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    m->pool = pool;
    void *keys = realloc(m->pool_key, (size_t)capacity * sizeof *m->pool_key);
    if (!keys)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    m->pool_key = keys;
    void *spare = realloc(m->pool_spare, (size_t)capacity * sizeof *m->pool_spare);
    if (!spare)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    m->pool_spare = spare;
    return TS_OK;
}

const ts_workspace_type ts_matching_workspace_type = {"matching", matching_alloc, matching_free, matching_reserve};
