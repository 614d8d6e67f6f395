/*
 * run.c: the parallel driver of a run.
 *
 * Threads take (scenario, replication) jobs; each job writes only its own
 * slots of the results, and every random number is keyed by the job's
 * replication, so scheduling cannot change a bit of the output. Worker
 * threads do no I/O: progress is a counter the caller may display, and a run
 * streamed to a file computes batches of replications that the master
 * thread writes between them, so memory does not grow with replications.
 */
#include "teachsim/run.h"

#include <omp.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "comparison.h"
#include "parameters.h"
#include "population.h"
#include "shards.h"
#include "targets.h"
#include "world.h"
#include "text.h"

static ts_status check_same_grid(const ts_scenario *sc, size_t n, ts_error *err)
{
    for (size_t s = 1; s < n; s++) {
        const ts_scenario *a = &sc[0], *b = &sc[s];
        if (a->horizon.start_year != b->horizon.start_year || a->horizon.end_year != b->horizon.end_year)
            return ts_error_set(err, TS_ERR_INPUT,
                                "scenario %s: horizon %d-%d differs from scenario %s's %d-%d; scenarios in one "
                                "results file share their years",
                                b->name, b->horizon.start_year, b->horizon.end_year, a->name, a->horizon.start_year,
                                a->horizon.end_year);
        int same = a->population.n_regions == b->population.n_regions;
        for (int r = 0; same && r < a->population.n_regions; r++)
            same = strcmp(a->population.regions[r].code, b->population.regions[r].code) == 0;
        if (!same)
            return ts_error_set(err, TS_ERR_INPUT,
                                "scenario %s: its regions differ from scenario %s's; scenarios in one results "
                                "file share their regions, in the same order",
                                b->name, a->name);
        for (size_t t = 0; t < s; t++)
            if (strcmp(sc[t].name, b->name) == 0)
                return ts_error_set(err, TS_ERR_INPUT,
                                    "two scenarios are named %s; give each scenario of a run its own name", b->name);
    }
    return TS_OK;
}

static ts_status label_results(ts_results *res, const ts_scenario *sc, size_t n, ts_error *err)
{
    for (size_t s = 0; s < n; s++) {
        res->labels.scenario_names[s] = ts_text_dup(sc[s].name);
        res->labels.scenario_yaml[s] = ts_scenario_to_yaml(&sc[s]);
        if (!res->labels.scenario_names[s] || !res->labels.scenario_yaml[s])
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory labelling results");
    }
    int32_t g = sc[0].population.n_regions;
    for (int32_t r = 0; r <= g; r++) {
        res->labels.region_codes[r] = ts_text_dup(r < g ? sc[0].population.regions[r].code : "ALL");
        res->labels.region_names_zh[r] = ts_text_dup(r < g ? sc[0].population.regions[r].name_zh : "全部");
        if (!res->labels.region_codes[r] || !res->labels.region_names_zh[r])
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory labelling results");
    }
    return TS_OK;
}

/* The indicators of `keep` at region ALL for every replication (the table
 * that `teachsim run` prints at the end), as results of their own. */
static ts_status keep_alloc(const ts_results *res, const ts_stream_options *so, ts_error *err)
{
    ts_results *kept = so->kept;
    ts_status st = ts_results_alloc(kept, res->n_scenarios, res->n_replications, res->n_years, 1, so->keep, so->n_keep,
                                    res->first_year, err);
    for (size_t s = 0; st == TS_OK && s < res->n_scenarios; s++)
        if (!(kept->labels.scenario_names[s] = ts_text_dup(res->labels.scenario_names[s])))
            st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    if (st == TS_OK &&
        (!(kept->labels.region_codes[0] = ts_text_dup(res->labels.region_codes[res->n_regions - 1])) ||
         !(kept->labels.region_names_zh[0] = ts_text_dup(res->labels.region_names_zh[res->n_regions - 1]))))
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    for (size_t k = 0; st == TS_OK && k < so->n_keep; k++)
        if (ts_results_indicator_index(res, so->keep[k].name) < 0)
            st = ts_error_set(err, TS_ERR_USAGE, "no indicator %s to keep", so->keep[k].name);
    return st;
}

static void keep_held(const ts_results *res, const ts_stream_options *so)
{
    const size_t Y = res->n_years, G = res->n_regions;
    for (size_t k = 0; k < so->n_keep; k++) {
        size_t i = (size_t)ts_results_indicator_index(res, so->keep[k].name);
        for (size_t s = 0; s < res->n_scenarios; s++)
            for (size_t r = res->first_held; r < res->first_held + res->n_held; r++) {
                const double *v = ts_results_block(res, i, s, r);
                double *to = ts_results_block(so->kept, k, s, r);
                for (size_t y = 0; y < Y; y++)
                    to[y] = v[y * G + G - 1];
            }
    }
}

/* What the master does with a batch the workers have computed, in
 * replication order: targets, kept indicators, the file. */
static ts_status batch_done(ts_results *res, const ts_scenario *sc, size_t n, const ts_stream_options *so,
                            ts_results_file *file, volatile sig_atomic_t *interrupted, ts_error *err)
{
    ts_targets_evaluate_held(res, sc, n);
    if (so && so->kept)
        keep_held(res, so);
    return file ? ts_results_file_write_held(file, res, interrupted, err) : TS_OK;
}

/*
 * The driver of both kinds of run. Without `so` every replication is held in
 * memory (one batch). With it, batches of `batch` replications: the workers
 * compute a batch (omp for, dynamic), then the master (thread 0, the only one
 * calling HDF5) hands it on while the workers wait, and the next batch reuses
 * the memory. Jobs and random numbers are the same either way.
 */
static ts_status run_batches(const ts_scenario *sc, size_t n_scenarios, const ts_run_options *opt,
                             const ts_stream_options *so, ts_results *res, ts_error *err)
{
    ts_status st = n_scenarios ? check_same_grid(sc, n_scenarios, err) : ts_error_set(err, TS_ERR_USAGE, "no scenario");
    if (st != TS_OK)
        return st;
    const size_t n_years = (size_t)(sc[0].horizon.end_year - sc[0].horizon.start_year + 1);
    const size_t n_regions = (size_t)sc[0].population.n_regions + 1;
    const size_t R = (size_t)opt->replications;
    ts_population *start = calloc(n_scenarios, sizeof *start);
    ts_model *models = calloc(n_scenarios, sizeof *models);
    ts_results_file *file = NULL;
    /* The caller's provenance, for the file's root attributes. */
    ts_results stamp = *res;
    memset(res, 0, sizeof *res);
    if (!start || !models) {
        res->provenance = stamp.provenance; /* freed with res below, as after any failure */
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    size_t batch = R;
    if (so) {
        /* the batch depends on the dimensions alone */
        const ts_results dims = {.n_scenarios = n_scenarios,
                                 .n_replications = R,
                                 .n_years = n_years,
                                 .n_regions = n_regions,
                                 .n_indicators = ts_indicator_count};
        batch = so->batch > 0 ? so->batch : ts_results_batch_replications(&dims);
        if (batch > R)
            batch = R;
    }
    st = ts_results_alloc_held(res, n_scenarios, R, n_years, n_regions, ts_indicator_defs, ts_indicator_count,
                               sc[0].horizon.start_year, batch, err);
    res->provenance.base_seed = stamp.provenance.base_seed;
    res->provenance.command_line = stamp.provenance.command_line;
    res->provenance.created_utc = stamp.provenance.created_utc;
    res->provenance.teachsim_version = stamp.provenance.teachsim_version;
    res->provenance.build = stamp.provenance.build;
    if (st == TS_OK)
        st = label_results(res, sc, n_scenarios, err);
    if (st == TS_OK)
        st = ts_parameters_label(res, sc, n_scenarios, err);
    if (st == TS_OK)
        st = so ? ts_comparison_label(res, opt->reference, err) : TS_OK;
    if (st == TS_OK)
        st = ts_targets_label(res, sc, n_scenarios, err);
    if (st == TS_OK && so && so->kept)
        st = keep_alloc(res, so, err);
    for (size_t s = 0; st == TS_OK && s < n_scenarios; s++) {
        st = ts_population_build(&start[s], &sc[s], opt->seed, err);
        if (st == TS_OK)
            st = ts_model_build(&models[s], &sc[s], &start[s], err);
    }
    if (st == TS_OK && so && so->path)
        st = ts_results_file_create(&file, res, so->path, so->force, err);
    if (st != TS_OK)
        goto cleanup;

    int threads = opt->threads > 0 ? opt->threads : omp_get_max_threads();
    /* With region shards (shards.h) the jobs run one after another, each on n_shards threads. */
    const int n_shards = ts_shards_choose((int64_t)(n_scenarios * R), threads, opt->shards, sc[0].population.n_regions);
    _Atomic int failed = 0;
    int stop = 0; /* set by the master between barriers, so every thread leaves the same batch */
    ts_error job_err = {0};
#pragma omp parallel num_threads(n_shards > 1 ? 1 : threads)
    {
        ts_shards *worlds = calloc(n_scenarios, sizeof *worlds);
        /* Uncertain parameters (issue 4): the thread's view of a scenario with
         * one replication's draws, and a copy of the shared model whose
         * thresholds follow them; both refilled per job, nothing allocated. */
        ts_scenario *drawn = calloc(n_scenarios, sizeof *drawn);
        ts_model *drawn_model = calloc(n_scenarios, sizeof *drawn_model);
        ts_tally *tally = calloc(n_regions, sizeof *tally);
        double **out = calloc(ts_indicator_count, sizeof *out);
        ts_error local = {0};
        ts_status mine = (worlds && tally && out && drawn && drawn_model)
                             ? TS_OK
                             : ts_error_set(&local, TS_ERR_NOMEM, "out of memory");
        for (size_t b0 = 0; b0 < R; b0 += batch) {
            const size_t nb = R - b0 < batch ? R - b0 : batch;
#pragma omp master
            {
                res->first_held = b0;
                res->n_held = nb;
                if (b0 > 0) /* every cell is recorded; zeroed anyway, as a first batch is */
                    memset(res->values, 0,
                           ts_indicator_count * n_scenarios * nb * n_years * n_regions * sizeof *res->values);
            }
#pragma omp barrier
            const int64_t jobs = (int64_t)(n_scenarios * nb);
#pragma omp for schedule(dynamic, 1)
            for (int64_t job = 0; job < jobs; job++) {
                if (mine != TS_OK || failed || (opt->interrupted && *opt->interrupted))
                    continue;
                /* replication-major, so the scenarios of one replication run close together */
                size_t s = (size_t)job % n_scenarios, r = b0 + (size_t)job / n_scenarios;
                if (!worlds[s].n)
                    mine = ts_shards_alloc(&worlds[s], &models[s], n_shards, &local);
                for (size_t i = 0; mine == TS_OK && i < ts_indicator_count; i++)
                    out[i] = ts_results_block(res, i, s, r);
                if (mine == TS_OK && sc[s].n_uncertain > 0) {
                    ts_parameters_draw(res, sc, s, opt->seed, (uint32_t)r, &drawn[s]);
                    drawn_model[s] = models[s]; /* shares the start population and region tables */
                    ts_model_set_parameters(&drawn_model[s], &drawn[s]);
                    ts_shards_set_model(&worlds[s], &drawn_model[s]);
                }
                if (mine == TS_OK)
                    mine = ts_shards_replication(&worlds[s], tally, opt->seed, (uint32_t)r, out, &local);
                if (mine == TS_OK && opt->done)
                    atomic_fetch_add(opt->done, 1);
            }
            if (mine != TS_OK) {
#pragma omp critical(ts_job_error)
                if (!failed) {
                    failed = 1;
                    job_err = local;
                }
            }
#pragma omp barrier
#pragma omp master
            {
                if (!failed && !(opt->interrupted && *opt->interrupted)) {
                    ts_error werr = {0};
                    if (batch_done(res, sc, n_scenarios, so, file, opt->interrupted, &werr) != TS_OK &&
                        werr.status != TS_ERR_INTERRUPTED) {
                        job_err = werr;
                        failed = 1;
                    }
                }
                stop = failed || (opt->interrupted && *opt->interrupted);
            }
#pragma omp barrier
            if (stop)
                break;
        }
        for (size_t s = 0; worlds && s < n_scenarios; s++)
            ts_shards_free(&worlds[s]);
        free(worlds);
        free(drawn);       /* views: their memory is the scenarios' */
        free(drawn_model); /* copies: their tables are models[]' */
        free(tally);
        free(out);
    }
    if (failed) {
        *err = job_err;
        st = job_err.status;
    } else if (opt->interrupted && *opt->interrupted) {
        st = ts_error_set(err, TS_ERR_INTERRUPTED, "interrupted");
    }
    /* After the run, one thread, in replication order (comparison.h). */
    if (st == TS_OK && !so)
        st = ts_comparison_compute(res, opt->reference, err);
    if (st == TS_OK && file) {
        st = ts_results_file_finish(file, res, opt->interrupted, err);
        file = NULL;
    }

cleanup:
    ts_results_file_abort(file);
    for (size_t s = 0; models && s < n_scenarios; s++)
        ts_model_free(&models[s]);
    for (size_t s = 0; start && s < n_scenarios; s++)
        ts_population_free(&start[s]);
    free(models);
    free(start);
    if (so && res->values) { /* the last batch: nothing to keep */
        free(res->values);
        res->values = NULL;
        res->n_held = 0;
    }
    if (st != TS_OK) {
        ts_results_free(res);
        if (so && so->kept)
            ts_results_free(so->kept);
    }
    return st;
}

ts_status ts_simulation_run(const ts_scenario *sc, size_t n_scenarios, const ts_run_options *opt, ts_results *res,
                            ts_error *err)
{
    memset(res, 0, sizeof *res);
    return run_batches(sc, n_scenarios, opt, NULL, res, err);
}

ts_status ts_simulation_stream(const ts_scenario *sc, size_t n_scenarios, const ts_run_options *opt,
                               const ts_stream_options *so, ts_results *res, ts_error *err)
{
    return run_batches(sc, n_scenarios, opt, so, res, err);
}
