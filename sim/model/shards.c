/*
 * shards.c: one replication on several threads, its regions split into
 * shards (shards.h). Why the results cannot change is in the header; here,
 * how the threads meet: after staffing (the step table's meeting point,
 * year.c), after each year (every shard done, any failure known to all), and
 * around the recording of ALL, which one thread does while the others wait.
 */
#include "shards.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "year.h"

int ts_shards_choose(int64_t jobs, int threads, int requested, int32_t n_regions)
{
    int n = requested > 0 ? requested : jobs < threads ? threads : 1;
    return n < n_regions ? n : n_regions > 0 ? (int)n_regions : 1;
}

void ts_shards_bounds(const ts_model *m, int n, int32_t *bound)
{
    const ts_population *start = m->start;
    const int32_t g = m->n_regions;
    /* start teachers before region r: before[r], r = 0..g (allocation is fine:
     * this runs once per run, not per year) */
    int64_t *before = calloc((size_t)g + 1, sizeof *before);
    if (!before) { /* equal region counts instead: still correct, less balanced */
        for (int k = 0; k <= n; k++)
            bound[k] = (int32_t)((int64_t)g * k / n);
        return;
    }
    for (int32_t i = 0; i < start->teachers.n; i++)
        before[start->schools.region[start->teachers.school[i]] + 1]++;
    for (int32_t r = 0; r < g; r++)
        before[r + 1] += before[r];
    bound[0] = 0;
    for (int k = 1; k < n; k++) {
        /* the cut nearest to k/n of the teachers, leaving a region for each shard */
        int64_t target = before[g] * k / n;
        int32_t r = bound[k - 1] + 1;
        while (r < g - (n - k) && before[r + 1] <= target)
            r++;
        if (r < g - (n - k) && target - before[r] > before[r + 1] - target)
            r++;
        bound[k] = r;
    }
    bound[n] = g;
    free(before);
}

/* This thread's CPU seconds: what a shard did, whoever else used the core. */
static double thread_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

ts_status ts_shards_alloc(ts_shards *sh, const ts_model *m, int n, ts_error *err)
{
    memset(sh, 0, sizeof *sh);
    ts_status st = TS_OK;
    int32_t *bound = calloc((size_t)n + 1, sizeof *bound);
    sh->world = calloc((size_t)n, sizeof *sh->world);
    sh->status = calloc((size_t)n, sizeof *sh->status);
    sh->err = calloc((size_t)n, sizeof *sh->err);
    sh->year_s = calloc((size_t)n, sizeof *sh->year_s);
    if (!bound || !sh->world || !sh->status || !sh->err || !sh->year_s) {
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d region shards", n);
        goto cleanup;
    }
    if (n == 1) {
        st = ts_world_alloc(&sh->world[0], m, err);
    } else {
        ts_shards_bounds(m, n, bound);
        for (int k = 0; st == TS_OK && k < n; k++) {
            st = ts_world_alloc_regions(&sh->world[k], m, bound[k], bound[k + 1], k ? &sh->world[0] : NULL, err);
            sh->world[k].shards = n;
        }
    }
    sh->n = n;
cleanup:
    free(bound);
    if (st != TS_OK)
        ts_shards_free(sh);
    return st;
}

void ts_shards_free(ts_shards *sh)
{
    /* the sharing worlds first: world[0] frees what they share */
    for (int k = sh->n - 1; sh->world && k >= 0; k--)
        if (sh->world[k].model)
            ts_world_free(&sh->world[k]);
    free(sh->world);
    free(sh->status);
    free(sh->err);
    free(sh->year_s);
    memset(sh, 0, sizeof *sh);
}

void ts_shards_set_model(ts_shards *sh, const ts_model *m)
{
    for (int k = 0; k < sh->n; k++)
        ts_world_set_model(&sh->world[k], m);
}

void ts_shards_set_school_sums(ts_shards *sh, ts_school_sums *sums)
{
    for (int k = 0; k < sh->n; k++)
        sh->world[k].school_sums = sums;
}

void ts_shards_set_watch(ts_shards *sh, int32_t n, const int32_t *schools, double *const *out)
{
    for (int k = 0; k < sh->n; k++) {
        sh->world[k].n_watch = n;
        sh->world[k].watch_school = schools;
        sh->world[k].watch_out = out;
    }
}

ts_status ts_shards_replication(ts_shards *sh, ts_tally *tally, uint32_t seed, uint32_t replication, double *const *out,
                                ts_error *err)
{
    if (sh->n == 1)
        return ts_simulation_replication(&sh->world[0], tally, seed, replication, out, err);
    const ts_model *m = sh->world[0].model;
    const int first = m->scenario->horizon.start_year, last = m->scenario->horizon.end_year;
    int team = 0, failed = 0;
    sh->critical_s = sh->cpu_s = 0.0;
#pragma omp parallel num_threads(sh->n)
    {
        const int k = omp_get_thread_num();
#pragma omp single
        team = omp_get_num_threads();
        /* (the single's barrier: every thread sees `team`) */
        ts_world *w = &sh->world[k];
        sh->status[k] = TS_OK;
        if (team == sh->n) {
            double t0 = thread_seconds();
            ts_world_reset(w, seed, replication);  /* world[0] resets the shared schools */
            sh->year_s[k] = thread_seconds() - t0; /* counted with the first year */
#pragma omp barrier
            for (int year = first; year <= last; year++) {
                t0 = thread_seconds();
                ts_status st = ts_simulation_year(w, year, &sh->err[k]);
                if (st == TS_OK)
                    ts_indicators_tally_regions(w, tally);
                sh->year_s[k] += thread_seconds() - t0;
                if (st != TS_OK) {
                    sh->status[k] = st;
#pragma omp atomic write
                    failed = 1;
                }
#pragma omp barrier
                int stop;
#pragma omp atomic read
                stop = failed;
                if (stop)
                    break; /* every thread reads the same: the flag is only written before the barrier */
#pragma omp single
                {
                    /* ALL reads every shard's regions and school counts; world[0]'s scratch is free */
                    double s0 = thread_seconds(), busiest = 0.0;
                    ts_indicators_tally_all(&sh->world[0], tally);
                    ts_indicators_write(m->n_regions, tally, out, year - first);
                    for (int j = 0; j < sh->n; j++) {
                        busiest = sh->year_s[j] > busiest ? sh->year_s[j] : busiest;
                        sh->cpu_s += sh->year_s[j];
                        sh->year_s[j] = 0.0;
                    }
                    double serial = thread_seconds() - s0;
                    sh->critical_s += busiest + serial;
                    sh->cpu_s += serial;
                }
            }
        }
    }
    if (team != sh->n)
        return ts_error_set(err, TS_ERR_RUN,
                            "region shards: %d threads for %d shards (a replication's shards need a thread each; "
                            "nested inside another parallel region?)",
                            team, sh->n);
    for (int k = 0; k < sh->n; k++)
        if (sh->status[k] != TS_OK) {
            *err = sh->err[k];
            return sh->status[k];
        }
    return TS_OK;
}
