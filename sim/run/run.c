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

#include <math.h>
#include <omp.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "comparison.h"
#include "parameters.h"
#include "population.h"
#include "school_results.h"
#include "shards.h"
#include "spread.h"
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

/* What the master does with a batch the workers have computed, in
 * replication order: targets, the file. */
static ts_status batch_done(ts_results *res, const ts_scenario *sc, size_t n, ts_results_file *file,
                            volatile sig_atomic_t *interrupted, ts_error *err)
{
    ts_targets_evaluate_held(res, sc, n);
    return file ? ts_results_file_write_held(file, res, interrupted, err) : TS_OK;
}

/* ---- the driver -------------------------------------------------------- */

/* One run's shared state: what every thread reads, and what the master and
 * the workers tell each other between barriers. */
typedef struct {
    const ts_scenario *sc;
    size_t n_scenarios;
    const ts_run_options *opt;
    const ts_stream_options *so; /* NULL: every replication held in memory */
    ts_results *res;
    size_t R, n_years, n_regions, batch;
    ts_population *start;        /* the start population of each scenario */
    ts_model *models;            /* the model of each scenario, shared by every thread */
    ts_school_sums *school_sums; /* per scenario: where its worlds add their schools' outcomes (res->schools) */
    ts_results_file *file;
    int threads, n_shards;
    int64_t done_step; /* added to the progress per job: the ranks on rank 0 (its share is at most theirs), else 0 */
    _Atomic int failed;
    int stop; /* set by the master between barriers, so every thread leaves the same batch */
    ts_error job_err;
} run_state;

static int interrupted(const ts_run_options *opt)
{
    return opt->interrupted && *opt->interrupted;
}

/* A streamed run holds one batch of replications; its size depends on the
 * dimensions alone (or on the caller), never on the threads, so that the
 * file is the same whatever the machine. */
static size_t batch_size(const run_state *rs)
{
    if (!rs->so)
        return rs->R;
    const ts_results dims = {.n_scenarios = rs->n_scenarios,
                             .n_replications = rs->R,
                             .n_years = rs->n_years,
                             .n_regions = rs->n_regions,
                             .n_indicators = ts_indicator_count};
    size_t batch = rs->so->batch > 0 ? rs->so->batch : ts_results_batch_replications(&dims);
    return batch > rs->R ? rs->R : batch;
}

/* The caller's provenance (run.h) goes into the results as copies of their
 * own, so that the caller's strings stay the caller's. */
static ts_status copy_provenance(ts_provenance *to, const ts_provenance *from, ts_error *err)
{
    if (!from)
        return TS_OK;
    to->base_seed = from->base_seed;
    const char *const src[] = {from->command_line, from->created_utc, from->teachsim_version, from->build};
    char **const dst[] = {&to->command_line, &to->created_utc, &to->teachsim_version, &to->build};
    for (size_t k = 0; k < sizeof src / sizeof src[0]; k++)
        if (src[k] && !(*dst[k] = ts_text_dup(src[k])))
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory copying the provenance");
    return TS_OK;
}

/* Everything about the results that is known before the first replication:
 * the held value block, provenance, labels, parameters, contrasts, targets.
 * The file is created from them. */
static ts_status describe_results(run_state *rs, ts_error *err)
{
    const ts_scenario *sc = rs->sc;
    const size_t n = rs->n_scenarios;
    ts_results *res = rs->res;
    ts_status st = ts_results_alloc_held(res, n, rs->R, rs->n_years, rs->n_regions, ts_indicator_defs,
                                         ts_indicator_count, sc[0].horizon.start_year, rs->batch, err);
    if (st == TS_OK)
        st = copy_provenance(&res->provenance, rs->opt->provenance, err);
    if (st == TS_OK)
        st = label_results(res, sc, n, err);
    if (st == TS_OK)
        st = ts_parameters_label(res, sc, n, err);
    if (st == TS_OK && rs->so)
        st = ts_comparison_label(res, rs->opt->reference, err);
    if (st == TS_OK)
        st = ts_targets_label(res, sc, n, err);
    return st;
}

/* The per-school results: the schools' table from the start populations,
 * and each scenario's block of the sums for its worlds to add to. */
static ts_status keep_schools(run_state *rs, ts_error *err)
{
    ts_results *res = rs->res;
    ts_status st = ts_school_results_label(res, rs->start, rs->sc, rs->n_scenarios, NULL, err);
    if (st != TS_OK || res->schools.n == 0)
        return st;
    if (!(rs->school_sums = calloc(rs->n_scenarios, sizeof *rs->school_sums)))
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    for (size_t s = 0; s < rs->n_scenarios; s++)
        rs->school_sums[s] =
            (ts_school_sums){.n_schools = (int32_t)res->schools.n,
                             .n_years = (int32_t)rs->n_years,
                             .first_year = res->first_year,
                             .cells = res->schools.sums + s * rs->n_years * res->schools.n * TS_SCHOOL_SUM_FIELDS};
    return TS_OK;
}

/* The schools that targets name (`school:`), by id in the schools' table,
 * and the held block of their outcomes for the targets of each batch. */
static ts_status watch_schools(run_state *rs, ts_error *err)
{
    ts_results *res = rs->res;
    ts_results_watch *wt = &res->watch;
    for (size_t s = 0; s < rs->n_scenarios; s++)
        for (int32_t i = 0; i < rs->sc[s].targets.n; i++) {
            const ts_target *t = &rs->sc[s].targets.item[i];
            if (!t->school[0])
                continue;
            size_t known = 0;
            while (known < wt->n && strcmp(wt->ids[known], t->school) != 0)
                known++;
            if (known < wt->n)
                continue;
            if (res->schools.n == 0)
                return ts_error_set(err, TS_ERR_INPUT,
                                    "scenario %s, target %s: a target on a school needs every scenario of the run to "
                                    "start from the same schools",
                                    rs->sc[s].name, t->name);
            size_t k = 0;
            while (k < res->schools.n && strcmp(res->schools.ids[k], t->school) != 0)
                k++;
            if (k == res->schools.n)
                return ts_error_set(err, TS_ERR_INPUT,
                                    "scenario %s, target %s: no school '%s' in the start population (ids are %s to "
                                    "%s, the results' schools/school)",
                                    rs->sc[s].name, t->name, t->school, res->schools.ids[0],
                                    res->schools.ids[res->schools.n - 1]);
            char **ids = realloc(wt->ids, (wt->n + 1) * sizeof *ids);
            if (ids)
                wt->ids = ids;
            int32_t *school = realloc(wt->school, (wt->n + 1) * sizeof *school);
            if (school)
                wt->school = school;
            int32_t *region = realloc(wt->region, (wt->n + 1) * sizeof *region);
            if (region)
                wt->region = region;
            if (!ids || !school || !region || !(wt->ids[wt->n] = ts_text_dup(t->school)))
                return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
            wt->school[wt->n] = (int32_t)k;
            wt->region[wt->n] = res->schools.region[k];
            wt->n++;
        }
    if (wt->n == 0)
        return TS_OK;
    wt->values = malloc(TS_TARGET_SCHOOL_INDICATORS * wt->n * rs->n_scenarios * rs->batch * rs->n_years *
                        rs->n_regions * sizeof *wt->values);
    return wt->values ? TS_OK : ts_error_set(err, TS_ERR_NOMEM, "out of memory for the schools targets follow");
}

/* Check the scenarios, build their start populations and models, describe
 * the results and create the file: everything that can fail before the
 * threads start. */
static ts_status prepare(run_state *rs, ts_error *err)
{
    const ts_scenario *sc = rs->sc;
    const size_t n = rs->n_scenarios;
    ts_status st = n ? check_same_grid(sc, n, err) : ts_error_set(err, TS_ERR_USAGE, "no scenario");
    if (st != TS_OK)
        return st;
    rs->n_years = (size_t)(sc[0].horizon.end_year - sc[0].horizon.start_year + 1);
    rs->n_regions = (size_t)sc[0].population.n_regions + 1;
    rs->start = calloc(n, sizeof *rs->start);
    rs->models = calloc(n, sizeof *rs->models);
    if (!rs->start || !rs->models)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    rs->batch = batch_size(rs);
    st = describe_results(rs, err);
    for (size_t s = 0; st == TS_OK && s < n; s++) {
        st = ts_population_build(&rs->start[s], &sc[s], rs->opt->seed, err);
        if (st == TS_OK)
            st = ts_model_build(&rs->models[s], &sc[s], &rs->start[s], err);
    }
    if (st == TS_OK)
        st = keep_schools(rs, err);
    if (st == TS_OK)
        st = watch_schools(rs, err);
    /* Rank 0 alone writes (docs/decisions.md, the write scheme of a spread run). */
    if (st == TS_OK && rs->so && rs->so->path && ts_spread_rank() == 0)
        st = ts_results_file_create(&rs->file, rs->res, rs->so->path, rs->so->force, err);
    rs->threads = rs->opt->threads > 0 ? rs->opt->threads : omp_get_max_threads();
    /* With region shards (shards.h) the jobs run one after another, each on n_shards threads. The jobs
     * are this rank's: spread over many ranks, a rank may have fewer replications than threads. */
    size_t lo, hi;
    ts_spread_share(rs->R, &lo, &hi);
    rs->n_shards = ts_shards_choose((int64_t)(n * (hi - lo)), rs->threads, rs->opt->shards, sc[0].population.n_regions);
    return st;
}

/* What one thread owns for the whole run, allocated once so that a job
 * allocates nothing: its worlds, and for uncertain parameters the thread's
 * view of a scenario with one replication's draws and a copy of the shared
 * model whose thresholds follow them (both refilled per job). */
typedef struct {
    ts_shards *worlds;
    ts_scenario *drawn;
    ts_schedule_point **room; /* per scenario with schedules: its drawn schedule (ts_scenario_draw) */
    ts_model *drawn_model;
    ts_tally *tally;
    double **out;
    double **watch_out; /* the job's blocks of the watched schools (res->watch) */
    ts_status mine;
    ts_error local;
} worker;

static void worker_open(worker *w, const run_state *rs)
{
    memset(w, 0, sizeof *w);
    w->worlds = calloc(rs->n_scenarios, sizeof *w->worlds);
    w->drawn = calloc(rs->n_scenarios, sizeof *w->drawn);
    w->drawn_model = calloc(rs->n_scenarios, sizeof *w->drawn_model);
    w->room = calloc(rs->n_scenarios, sizeof *w->room);
    int rooms = w->room != NULL;
    for (size_t s = 0; rooms && s < rs->n_scenarios; s++)
        if (rs->sc[s].n_schedule > 0 && rs->sc[s].n_uncertain > 0)
            rooms = (w->room[s] = malloc((size_t)rs->sc[s].n_schedule * sizeof *w->room[s])) != NULL;
    w->tally = calloc(rs->n_regions, sizeof *w->tally);
    w->out = calloc(ts_indicator_count, sizeof *w->out);
    size_t n_watch = rs->res->watch.n * TS_TARGET_SCHOOL_INDICATORS;
    w->watch_out = calloc(n_watch + 1, sizeof *w->watch_out);
    w->mine = (w->worlds && w->tally && w->out && w->watch_out && w->drawn && w->drawn_model && rooms)
                  ? TS_OK
                  : ts_error_set(&w->local, TS_ERR_NOMEM, "out of memory");
}

static void worker_close(worker *w, const run_state *rs)
{
    for (size_t s = 0; w->worlds && s < rs->n_scenarios; s++)
        ts_shards_free(&w->worlds[s]);
    free(w->worlds);
    free(w->drawn);       /* views: their memory is the scenarios' */
    free(w->drawn_model); /* copies: their tables are models[]' */
    for (size_t s = 0; w->room && s < rs->n_scenarios; s++)
        free(w->room[s]);
    free(w->room);
    free(w->tally);
    free(w->out);
    free(w->watch_out);
}

/* One (scenario, replication) job, into its own slots of the results. Its
 * random numbers are keyed by the replication alone, so which thread runs it
 * changes nothing. */
static void run_job(worker *w, run_state *rs, int64_t job, size_t b0)
{
    const ts_run_options *opt = rs->opt;
    if (w->mine != TS_OK || rs->failed || interrupted(opt))
        return;
    /* replication-major, so the scenarios of one replication run close together */
    size_t s = (size_t)job % rs->n_scenarios, r = b0 + (size_t)job / rs->n_scenarios;
    if (!w->worlds[s].n) {
        w->mine = ts_shards_alloc(&w->worlds[s], &rs->models[s], rs->n_shards, &w->local);
        if (w->mine == TS_OK)
            ts_shards_set_school_sums(&w->worlds[s], rs->school_sums ? &rs->school_sums[s] : NULL);
    }
    for (size_t i = 0; w->mine == TS_OK && i < ts_indicator_count; i++)
        w->out[i] = ts_results_block(rs->res, i, s, r);
    const ts_results_watch *wt = &rs->res->watch;
    for (size_t k = 0; w->mine == TS_OK && k < wt->n; k++)
        for (size_t f = 0; f < TS_TARGET_SCHOOL_INDICATORS; f++)
            w->watch_out[k * TS_TARGET_SCHOOL_INDICATORS + f] = ts_results_watch_block(rs->res, f, k, s, r);
    if (w->mine == TS_OK)
        ts_shards_set_watch(&w->worlds[s], (int32_t)wt->n, wt->school, w->watch_out);
    if (w->mine == TS_OK && rs->sc[s].n_uncertain > 0) {
        w->drawn[s].schedule = w->room[s]; /* where drawn schedule points go, if any */
        ts_parameters_draw(rs->res, rs->sc, s, opt->seed, (uint32_t)r, &w->drawn[s]);
        w->drawn_model[s] = rs->models[s]; /* shares the start population and region tables */
        ts_model_set_parameters(&w->drawn_model[s], &w->drawn[s]);
        ts_shards_set_model(&w->worlds[s], &w->drawn_model[s]);
    }
    if (w->mine == TS_OK)
        w->mine = ts_shards_replication(&w->worlds[s], w->tally, opt->seed, (uint32_t)r, w->out, &w->local);
    if (w->mine == TS_OK && opt->done && rs->done_step)
        atomic_fetch_add(opt->done, rs->done_step);
}

/* The master, before a batch: which replications the value block holds now. */
static void master_begin_batch(run_state *rs, size_t b0, size_t nb)
{
    ts_results *res = rs->res;
    res->first_held = b0;
    res->n_held = nb;
    if (b0 > 0) /* every cell is recorded; zeroed anyway, as a first batch is */
        memset(res->values, 0,
               ts_indicator_count * rs->n_scenarios * nb * rs->n_years * rs->n_regions * sizeof *res->values);
    /* a watched school writes its own region's column only: the rest stays NaN */
    size_t watched = TS_TARGET_SCHOOL_INDICATORS * res->watch.n * rs->n_scenarios * nb * rs->n_years * rs->n_regions;
    for (size_t k = 0; k < watched; k++)
        res->watch.values[k] = NAN;
}

/* Every thread: its share of this rank's jobs of the batch (dynamic, as jobs
 * differ in length); the first failure is the one reported. A rank computes
 * the contiguous replications ts_spread_share gives it (all of them when not
 * spread); the others' come with the gather. */
static void compute_batch(worker *w, run_state *rs, size_t b0, size_t nb)
{
    size_t lo, hi;
    ts_spread_share(nb, &lo, &hi);
    const int64_t first = (int64_t)(rs->n_scenarios * lo), end = (int64_t)(rs->n_scenarios * hi);
#pragma omp for schedule(dynamic, 1)
    for (int64_t job = first; job < end; job++)
        run_job(w, rs, job, b0);
    if (w->mine != TS_OK) {
#pragma omp critical(ts_job_error)
        if (!rs->failed) {
            rs->failed = 1;
            rs->job_err = w->local;
        }
    }
}

/* The ranks' shares of the batch, gathered (spread.h): the values, the
 * watched schools and the drawn parameters. A streamed run gathers its
 * values to rank 0, which writes them; a run held in memory gathers them to
 * every rank, so that each holds the same results (and a search over runs,
 * solve or a design, takes the same steps on every rank). */
static ts_status gather_batch(run_state *rs, size_t nb, ts_error *err)
{
    ts_results *res = rs->res;
    const size_t S = rs->n_scenarios, cell = rs->n_years * rs->n_regions;
    const int to_all = !rs->so;
    ts_status st = ts_spread_gather(res->values, ts_indicator_count * S, nb * cell, cell, 0, nb, to_all, err);
    if (st == TS_OK)
        st = ts_spread_gather(res->watch.values, TS_TARGET_SCHOOL_INDICATORS * res->watch.n * S, nb * cell, cell, 0, nb,
                              to_all, err);
    if (st == TS_OK)
        st = ts_spread_gather(res->parameters.values, res->parameters.n * S, rs->R, 1, res->first_held, nb, 1, err);
    return st;
}

/* Rank 0's progress counted each of its jobs as one per rank; now that the
 * batch is whole, it counts what the ranks did. */
static void count_batch(run_state *rs, size_t nb)
{
    size_t lo, hi;
    ts_spread_share(nb, &lo, &hi);
    if (rs->opt->done && rs->done_step && ts_spread_ranks() > 1)
        atomic_fetch_add(rs->opt->done,
                         (int64_t)(rs->n_scenarios * nb) - rs->done_step * (int64_t)(rs->n_scenarios * (hi - lo)));
}

/* The master, after a batch, while the workers wait: every rank agrees on
 * how the batch went, the batch is gathered and handed on (batch_done, on
 * the ranks that hold it whole), and every thread of every rank goes on to
 * the next batch or stops. */
static void master_hand_over(run_state *rs, size_t nb)
{
    const ts_run_options *opt = rs->opt;
    ts_error e = {0};
    ts_status st = TS_OK;
    if (rs->failed)
        st = (e = rs->job_err).status;
    else if (interrupted(opt))
        st = ts_error_set(&e, TS_ERR_INTERRUPTED, "interrupted");
    st = ts_spread_agree(st, &e);
    if (st == TS_OK)
        st = gather_batch(rs, nb, &e);
    if (st == TS_OK)
        count_batch(rs, nb);
    if (st == TS_OK && (!rs->so || ts_spread_rank() == 0) &&
        batch_done(rs->res, rs->sc, rs->n_scenarios, rs->file, opt->interrupted, &e) != TS_OK)
        st = e.status == TS_ERR_INTERRUPTED ? ts_error_set(&e, TS_ERR_INTERRUPTED, "interrupted") : e.status;
    if (st == TS_OK && interrupted(opt))
        st = ts_error_set(&e, TS_ERR_INTERRUPTED, "interrupted");
    st = ts_spread_agree(st, &e); /* a write that failed on rank 0 stops every rank */
    if (st != TS_OK) {
        rs->job_err = e;
        rs->failed = 1;
    }
    rs->stop = rs->failed;
}

/* The batches, one after another, on every thread. The master (thread 0, the
 * only one calling HDF5) works between barriers, so the workers never do I/O
 * and the next batch reuses the memory. */
static void run_parallel(run_state *rs)
{
#pragma omp parallel num_threads(rs->n_shards > 1 ? 1 : rs->threads)
    {
        worker w;
        worker_open(&w, rs);
        for (size_t b0 = 0; b0 < rs->R; b0 += rs->batch) {
            const size_t nb = rs->R - b0 < rs->batch ? rs->R - b0 : rs->batch;
#pragma omp master
            master_begin_batch(rs, b0, nb);
#pragma omp barrier
            compute_batch(&w, rs, b0, nb);
#pragma omp barrier
#pragma omp master
            master_hand_over(rs, nb);
#pragma omp barrier
            if (rs->stop)
                break;
        }
        worker_close(&w, rs);
    }
}

/* After the threads, on one thread in replication order: the status of the
 * run, the paired differences of a run held in memory (comparison.h) and the
 * end of the file. */
static ts_status finish(run_state *rs, ts_error *err)
{
    ts_status st = TS_OK;
    ts_results *res = rs->res;
    if (rs->failed) {
        *err = rs->job_err;
        st = rs->job_err.status;
    } else if (interrupted(rs->opt)) {
        st = ts_error_set(err, TS_ERR_INTERRUPTED, "interrupted");
    }
    st = ts_spread_agree(st, err);
    /* What the ranks computed apart: the schools' sums (integers, so their
     * order does not matter), and from rank 0 the targets of a streamed run. */
    if (st == TS_OK && res->schools.n)
        st = ts_spread_sum(res->schools.sums, rs->n_scenarios * rs->n_years * res->schools.n * TS_SCHOOL_SUM_FIELDS,
                           err);
    const size_t outcomes = res->targets.n * rs->n_scenarios * rs->R;
    if (st == TS_OK && rs->so && outcomes)
        st = ts_spread_from_first(res->targets.met, outcomes * sizeof *res->targets.met, err);
    if (st == TS_OK && rs->so && outcomes)
        st = ts_spread_from_first(res->targets.year_met, outcomes * sizeof *res->targets.year_met, err);
    if (st == TS_OK && !rs->so)
        st = ts_comparison_compute(res, rs->opt->reference, err);
    if (st == TS_OK && rs->file) {
        st = ts_results_file_finish(rs->file, res, rs->opt->interrupted, err);
        rs->file = NULL;
    }
    return ts_spread_agree(st, err); /* rank 0's file decides every rank's exit */
}

/* Free what the run built; a streamed run drops its last batch of values,
 * and a failed run leaves nothing in *res. */
static void cleanup(run_state *rs, ts_status st)
{
    ts_results_file_abort(rs->file);
    for (size_t s = 0; rs->models && s < rs->n_scenarios; s++)
        ts_model_free(&rs->models[s]);
    for (size_t s = 0; rs->start && s < rs->n_scenarios; s++)
        ts_population_free(&rs->start[s]);
    free(rs->models);
    free(rs->start);
    free(rs->school_sums);
    if (rs->so && rs->res->values) {
        free(rs->res->values);
        rs->res->values = NULL;
        rs->res->n_held = 0;
    }
    if (st != TS_OK) {
        ts_results_free(rs->res);
    }
}

/*
 * The driver of both kinds of run. Without `so` every replication is held in
 * memory (one batch). With it, batches of replications: the workers compute a
 * batch, then the master hands it on while the workers wait. Jobs and random
 * numbers are the same either way.
 */
static ts_status run_batches(const ts_scenario *sc, size_t n_scenarios, const ts_run_options *opt,
                             const ts_stream_options *so, ts_results *res, ts_error *err)
{
    memset(res, 0, sizeof *res);
    run_state rs = {
        .sc = sc, .n_scenarios = n_scenarios, .opt = opt, .so = so, .res = res, .R = (size_t)opt->replications};
    rs.done_step = ts_spread_rank() == 0 ? ts_spread_ranks() : 0;
    ts_spread_watch(opt->interrupted);
    ts_status st = ts_spread_agree(prepare(&rs, err), err); /* every rank starts, or none */
    if (st == TS_OK) {
        run_parallel(&rs);
        st = finish(&rs, err);
    }
    cleanup(&rs, st);
    return st;
}

ts_status ts_simulation_run(const ts_scenario *sc, size_t n_scenarios, const ts_run_options *opt, ts_results *res,
                            ts_error *err)
{
    return run_batches(sc, n_scenarios, opt, NULL, res, err);
}

ts_status ts_simulation_stream(const ts_scenario *sc, size_t n_scenarios, const ts_run_options *opt,
                               const ts_stream_options *so, ts_results *res, ts_error *err)
{
    return run_batches(sc, n_scenarios, opt, so, res, err);
}
