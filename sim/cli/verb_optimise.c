/*
 * verb_optimise.c: `teachsim optimise`, the cheapest lever mix meeting
 * targets, from the command line.
 *
 * Owns: the options of `optimise`, reading the levers file (errors by file,
 * line, column and key), the progress lines, the search's record (printed by
 * summary_optimise.h, and with -o written as the group optimise/ next to the
 * answer's run) and the exit codes (0 found, 1 out of reach or a run failed,
 * 2 bad input or usage, 130 interrupted). The search itself is optimise.h's.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design_points.h"
#include "optimise.h"
#include "options.h"
#include "session.h"
#include "spread.h"
#include "solve.h"
#include "summary_optimise.h"
#include "text.h"
#include "teachsim/results.h"
#include "teachsim/run.h"
#include "verbs.h"
#include "yaml_tree.h"

#define OPT_DEFAULT_REPLICATIONS 100
#define OPT_DEFAULT_CONFIRM 1000
#define OPT_DEFAULT_PROBABILITY 0.8
#define OPT_DEFAULT_RUNNERS_UP 2
#define LEVERS_MAX_BYTES ((size_t)1 << 20)

static const char optimise_help[] =
    "Usage: teachsim optimise [SCENARIO.yaml] --lever-file LEVERS.yaml --target NAME ... [OPTIONS]\n"
    "The cheapest mix of levers meeting every target named with at least the given probability.\n"
    "Every mix of the levers' grid when there are at most two levers (or at most 400 mixes), else a\n"
    "coordinate search on the grid; every mix runs the same replications with the same seed (common\n"
    "random numbers); then the cheapest feasible mixes are confirmed with more replications.\n"
    "With no scenario, the built-in Xiangtan baseline. docs/optimise.md.\n\n"
    "  --lever-file FILE    YAML: KEY: {range: [LO, HI], step: S[, from: YEAR]} per lever\n"
    "  --target NAME        a target of the scenario; repeat for more\n"
    "  --probability P      required probability of meeting each (default 0.8)\n"
    "  --minimise OUTCOME   INDICATOR@YEAR[@REGION] to minimise (default\n"
    "                       cost_total_cumulative at the horizon's last year, ALL)\n"
    "  --confirm-replications N  replications of each confirmation run (default 1000; 0: none)\n"
    "  --runners-up N       feasible mixes confirmed after the answer (default 2)\n"
    "  -r, --replications N replications per mix of the search (default 100)\n"
    "  -j, --threads N      worker threads (default: all cores)\n"
    "      --seed N         base seed, 0..4294967295 (default " TS_OPTION_TEXT(
        TS_DEFAULT_SEED) ")\n"
                         "  -o, --output FILE    also write the run at the answer (or the best mix) as a results "
                         "file,\n"
                         "                       with the search as its group optimise/ (teachsim summary FILE "
                         "--optimise)\n"
                         "      --force          replace an existing results file\n"
                         "  -q, --quiet          no progress lines\n"
                         "  -h, --help           this help\n\n"
                         "Exit codes: 0 found, 1 out of reach in the ranges (or a run failed), 2 bad input or usage,\n"
                         "130 interrupted.\n";

typedef struct {
    ts_shared_options o;
    ts_optimise_options opt;
    const char *lever_file, *minimise, *scenario;
    long confirm, runners_up;
    ts_optimise_lever levers[TS_OPTIMISE_MAX_LEVERS];
    size_t n_levers;
} opt_args;

static int whole(const char *text, long lo, long hi, long *out)
{
    double v;
    if (!ts_options_number(text, &v) || v != floor(v) || v < (double)lo || v > (double)hi)
        return 0;
    *out = (long)v;
    return 1;
}

static int take_option(int c, opt_args *a)
{
    switch (c) {
    case 'L':
        a->lever_file = optarg;
        return 1;
    case 'G':
        if (a->opt.n_targets == TS_OPTIMISE_MAX_TARGETS)
            return ts_cli_usage_error(
                "optimise", "at most " TS_OPTION_TEXT(TS_OPTIMISE_MAX_TARGETS) " targets; found more, the next '%s'",
                optarg);
        a->opt.targets[a->opt.n_targets++] = optarg;
        return 1;
    case 'P':
        if (!ts_options_number(optarg, &a->opt.probability) || !(a->opt.probability > 0 && a->opt.probability <= 1))
            return ts_cli_usage_error("optimise", "--probability expects a number above 0 and at most 1, found '%s'",
                                      optarg);
        return 1;
    case 'M':
        a->minimise = optarg;
        return 1;
    case 'C':
        if (!whole(optarg, 0, 100000000, &a->confirm))
            return ts_cli_usage_error("optimise", "--confirm-replications expects a whole number >= 0, found '%s'",
                                      optarg);
        return 1;
    case 'U':
        if (!whole(optarg, 0, 100, &a->runners_up))
            return ts_cli_usage_error("optimise", "--runners-up expects a whole number from 0 to 100, found '%s'",
                                      optarg);
        return 1;
    default:
        return 0;
    }
}

static int parse(int argc, char **argv, opt_args *a)
{
    static const struct option options[] = {{"lever-file", required_argument, NULL, 'L'},
                                            {"target", required_argument, NULL, 'G'},
                                            {"probability", required_argument, NULL, 'P'},
                                            {"minimise", required_argument, NULL, 'M'},
                                            {"confirm-replications", required_argument, NULL, 'C'},
                                            {"runners-up", required_argument, NULL, 'U'},
                                            TS_OPTION_REPLICATIONS,
                                            TS_OPTION_THREADS,
                                            TS_OPTION_SEED,
                                            TS_OPTION_OUTPUT,
                                            TS_OPTION_FORCE,
                                            TS_OPTION_QUIET,
                                            TS_OPTION_HELP,
                                            TS_OPTION_END};
    a->o = ts_options_defaults(OPT_DEFAULT_REPLICATIONS);
    a->opt.probability = OPT_DEFAULT_PROBABILITY;
    a->confirm = OPT_DEFAULT_CONFIRM;
    a->runners_up = OPT_DEFAULT_RUNNERS_UP;
    int c, code;
    ts_options_begin();
    while ((c = getopt_long(argc, argv, ":r:j:o:qh", options, NULL)) != -1) {
        if ((code = take_option(c, a)) == 1)
            continue;
        if (code != 0 || (code = ts_options_shared(c, "optimise", optimise_help, argv, &a->o)) != TS_OPTION_TAKEN)
            return code;
    }
    if (!a->lever_file)
        return ts_cli_usage_error("optimise", "%s", "needs the levers: --lever-file LEVERS.yaml");
    if (a->opt.n_targets == 0)
        return ts_cli_usage_error("optimise", "%s", "needs a target of the scenario: --target NAME");
    if (argc - optind > 1)
        return ts_cli_usage_error("optimise", "expects at most one scenario file, found also '%s'", argv[optind + 1]);
    a->scenario = optind < argc ? argv[optind] : NULL;
    return TS_OPTION_TAKEN;
}

/* ---- the levers file ------------------------------------------------------------- */

/* KEY: {range: [LO, HI], step: S, from: YEAR}; the key and its values are
 * checked against the scenario after reading (ts_optimise_check), each error
 * placed at the lever's line. */
static ts_status read_lever(const ts_scenario *s, const char *file, const ts_yaml_node *key, const ts_yaml_node *val,
                            ts_optimise_lever *l, ts_error *err)
{
    memset(l, 0, sizeof *l);
    if (strlen(key->text) >= sizeof l->path)
        return ts_design_fail_at(err, file, key, "key path", "expected a key path, found one of %zu bytes",
                                 strlen(key->text));
    snprintf(l->path, sizeof l->path, "%s", key->text);
    double v, lo, hi;
    ts_error why = {0};
    if (ts_solve_get(s, l->path, &v, &lo, &hi, &why) != TS_OK)
        return ts_design_fail_at(err, file, key, l->path, "%s", why.message);
    if (val->kind != TS_YAML_MAPPING)
        return ts_design_fail_at(err, file, val, l->path, "expected {range: [LO, HI], step: S[, from: YEAR]}, found %s",
                                 val->kind == TS_YAML_SCALAR ? val->text : "a list");
    const ts_yaml_node *range = ts_yaml_map_get(val, "range"), *step = ts_yaml_map_get(val, "step"),
                       *from = ts_yaml_map_get(val, "from");
    for (size_t i = 0; i < val->n; i++) {
        const char *k = val->keys[i]->text;
        if (strcmp(k, "range") && strcmp(k, "step") && strcmp(k, "from"))
            return ts_design_fail_at(err, file, val->keys[i], l->path, "expected range, step or from, found %s", k);
    }
    if (!range || range->kind != TS_YAML_SEQUENCE || range->n != 2 || !ts_design_number_of(range->items[0], &l->lo) ||
        !ts_design_number_of(range->items[1], &l->hi) || !(l->lo <= l->hi))
        return ts_design_fail_at(err, file, range ? range : val, l->path,
                                 "expected range: [LO, HI] with LO <= HI, found %s",
                                 range ? (range->kind == TS_YAML_SCALAR ? range->text : "something else") : "no range");
    if (!step || !ts_design_number_of(step, &l->step) || !(l->step > 0))
        return ts_design_fail_at(err, file, step ? step : val, l->path, "expected step: a number above 0, found %s",
                                 step && step->kind == TS_YAML_SCALAR ? step->text : "none");
    if (from) {
        double y;
        if (!ts_design_number_of(from, &y) || y != floor(y) || y <= s->horizon.start_year || y > s->horizon.end_year)
            return ts_design_fail_at(err, file, from, l->path, "expected from: a school year in [%d, %d], found %s",
                                     (int)s->horizon.start_year + 1, (int)s->horizon.end_year,
                                     from->kind == TS_YAML_SCALAR ? from->text : "something else");
        l->from = (int32_t)y;
    }
    if (!(l->lo >= lo && l->hi <= hi))
        return ts_design_fail_at(err, file, range, l->path,
                                 "expected a range within the key's [%.15g, %.15g], found [%.15g, %.15g]", lo, hi,
                                 l->lo, l->hi);
    for (int end = 0; end < 2; end++) {
        ts_scenario probe;
        ts_status st = ts_scenario_copy(&probe, s, err);
        if (st != TS_OK)
            return st;
        st = ts_solve_set_from(&probe, l->path, end ? l->hi : l->lo, l->from, &why);
        if (st == TS_OK)
            st = ts_scenario_check(&probe, "lever", &why);
        ts_scenario_free(&probe);
        if (st != TS_OK)
            return ts_design_fail_at(err, file, key, l->path, "at an end of its range: %s", why.message);
    }
    return TS_OK;
}

static ts_status read_levers(const ts_scenario *s, opt_args *a, ts_error *err)
{
    const char *path = a->lever_file;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ts_error_set(err, TS_ERR_INPUT, "%s: cannot open the levers file: %s", path, strerror(errno));
    char *text = malloc(LEVERS_MAX_BYTES + 1);
    size_t len = text ? fread(text, 1, LEVERS_MAX_BYTES + 1, f) : 0;
    fclose(f);
    if (!text)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    if (len > LEVERS_MAX_BYTES) {
        free(text);
        return ts_error_set(err, TS_ERR_INPUT, "%s: expected a levers file of at most 1 MiB, found a larger one", path);
    }
    ts_yaml_node *root = NULL;
    ts_status st = ts_yaml_parse(text, len, path, &root, err);
    free(text);
    if (st != TS_OK)
        return st;
    if (!root || root->kind != TS_YAML_MAPPING || root->n == 0 || root->n > TS_OPTIMISE_MAX_LEVERS) {
        st = ts_error_set(err, TS_ERR_INPUT,
                          "%s:1:1: expected a mapping of 1 to %d key paths to {range: [LO, HI], step: S}, found %s",
                          path, TS_OPTIMISE_MAX_LEVERS,
                          !root                           ? "nothing"
                          : root->kind != TS_YAML_MAPPING ? "something else"
                                                          : "another number");
        ts_yaml_free(root);
        return st;
    }
    a->n_levers = root->n;
    for (size_t i = 0; i < root->n && st == TS_OK; i++)
        st = read_lever(s, path, root->keys[i], root->items[i], &a->levers[i], err);
    ts_yaml_free(root);
    return st;
}

/* ---- printing -------------------------------------------------------------------- */

typedef struct {
    const opt_args *a;
    const ts_scenario *sc;
} printer;

static void print_values(FILE *out, const printer *p, const ts_optimise_mix *m)
{
    for (size_t i = 0; i < p->a->n_levers; i++) {
        const ts_optimise_lever *l = &p->a->levers[i];
        fprintf(out, "%s%s", i ? ", " : "", l->path);
        if (l->from)
            fprintf(out, " from %d", (int)l->from);
        if (ts_solve_key_is_integer(p->sc, l->path) == 1)
            fprintf(out, " = %.0f", m->value[i]);
        else
            fprintf(out, " = %.6g", m->value[i]);
    }
}

static void on_mix(const ts_optimise_mix *m, int confirming, void *ctx)
{
    const printer *p = ctx;
    if (p->a->o.quiet)
        return;
    fprintf(stderr, "teachsim optimise: %s", confirming ? "confirm " : "");
    print_values(stderr, p, m);
    fprintf(stderr, ": %s %.6g, worst P %.3f%s\n", p->a->opt.minimise.spec, m->cost, m->worst,
            m->feasible ? " (meets)" : "");
    fflush(stderr);
}

/* One evaluated mix into row k of a record's set. */
static void record_mix(const ts_optimise_record *rec, ts_optimise_mixes *set, size_t k, const ts_optimise_mix *m)
{
    for (size_t i = 0; i < rec->n_levers; i++)
        set->value[k * rec->n_levers + i] = m->value[i];
    for (size_t t = 0; t < rec->n_targets; t++) {
        size_t j = k * rec->n_targets + t;
        set->probability[j] = m->probability[t];
        set->lower[j] = m->lower[t];
        set->upper[j] = m->upper[t];
        set->met[j] = (double)m->met[t];
    }
    set->outcome[k] = m->cost;
    set->evaluated[k] = (double)m->evaluated;
    set->worst[k] = m->worst;
    set->feasible[k] = m->feasible ? 1.0 : 0.0;
}

/* The search as the record that is printed and written to -o's group
 * optimise/ (optimise_h5.h), so that the two cannot disagree. */
static ts_status record_of(const opt_args *a, const ts_scenario *sc, const ts_optimise_result *r,
                           ts_optimise_record *rec, ts_error *err)
{
    memset(rec, 0, sizeof *rec);
    rec->n_levers = a->n_levers;
    rec->n_targets = a->opt.n_targets;
    rec->search.n = r->n_mixes;
    rec->confirm.n = r->n_confirmed;
    ts_status st = ts_optimise_record_alloc(rec, err);
    if (st != TS_OK)
        return st;
    int ok = (rec->minimise = ts_text_dup(a->opt.minimise.spec)) != NULL;
    for (size_t i = 0; i < a->n_levers; i++) {
        const ts_optimise_lever *l = &a->levers[i];
        ok = (rec->levers[i] = ts_text_dup(l->path)) != NULL && ok;
        rec->lever_lo[i] = l->lo;
        rec->lever_hi[i] = l->hi;
        rec->lever_step[i] = l->step;
        rec->lever_from[i] = l->from;
        rec->lever_integer[i] = ts_solve_key_is_integer(sc, l->path) == 1;
    }
    for (size_t t = 0; t < a->opt.n_targets; t++)
        ok = (rec->targets[t] = ts_text_dup(a->opt.targets[t])) != NULL && ok;
    if (!ok) {
        ts_optimise_record_free(rec);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    }
    rec->probability = a->opt.probability;
    rec->seed = (double)a->o.seed;
    rec->replications = (double)a->o.replications;
    rec->confirm_replications = (double)a->confirm;
    rec->n_grid = (double)r->n_grid;
    rec->exhaustive = r->exhaustive ? 1 : 0;
    rec->found = r->found ? 1 : 0;
    rec->answer = r->found ? (double)r->answer : -1;
    rec->best = r->found ? -1 : (double)r->best;
    rec->runs = (double)r->runs;
    for (size_t k = 0; k < r->n_mixes; k++)
        record_mix(rec, &rec->search, k, &r->mixes[k]);
    for (size_t c = 0; c < r->n_confirmed; c++) {
        record_mix(rec, &rec->confirm, c, &r->confirmed[c]);
        rec->confirm_of[c] = (double)r->confirmed_of[c];
    }
    return TS_OK;
}

/* The run at the answer (or the best mix), streamed to the -o file. */
static ts_status write_answer(const opt_args *a, const ts_scenario *sc, const ts_optimise_result *r, ts_error *err)
{
    const ts_optimise_mix *m = r->found && r->n_confirmed ? &r->confirmed[r->answer]
                               : r->found                 ? &r->mixes[r->answer]
                                                          : &r->mixes[r->best];
    ts_scenario cand;
    ts_results res = {0};
    ts_stream_options stream = {.path = a->o.output, .force = a->o.force};
    ts_status st = ts_scenario_copy(&cand, sc, err);
    if (st != TS_OK)
        return st;
    for (size_t i = 0; i < a->n_levers && st == TS_OK; i++)
        st = ts_solve_set_from(&cand, a->levers[i].path, m->value[i], a->levers[i].from, err);
    if (st == TS_OK) {
        ts_provenance provenance = {0};
        ts_run_options run = a->opt.run;
        run.replications = (int32_t)m->evaluated;
        run.provenance = &provenance;
        st = ts_cli_provenance(&provenance, (uint64_t)a->o.seed, err);
        if (st == TS_OK)
            st = ts_simulation_stream(&cand, 1, &run, &stream, &res, err);
        ts_cli_provenance_free(&provenance);
    }
    ts_scenario_free(&cand);
    ts_results_free(&res);
    return st;
}

static ts_status optimise(opt_args *a, const ts_scenario *sc, int *code, ts_error *err)
{
    char spec[TS_DESIGN_PATH_LEN];
    if (!a->minimise) {
        snprintf(spec, sizeof spec, "cost_total_cumulative@%d@ALL", (int)sc->horizon.end_year);
        a->minimise = spec;
    }
    ts_status st = ts_design_outcome_parse(sc, a->minimise, &a->opt.minimise, err);
    if (st == TS_OK && a->opt.minimise.kind != TS_OUTCOME_INDICATOR)
        st = ts_error_set(err, TS_ERR_USAGE, "--minimise %s: expected INDICATOR@YEAR[@REGION]", a->minimise);
    if (st == TS_OK)
        st = read_levers(sc, a, err);
    a->opt.levers = a->levers;
    a->opt.n_levers = a->n_levers;
    if (st == TS_OK)
        st = ts_optimise_check(sc, a->levers, a->n_levers, &a->opt, err);
    if (st != TS_OK)
        return st;
    printer pr = {a, sc};
    a->opt.run = (ts_run_options){.seed = (uint32_t)a->o.seed,
                                  .replications = (int32_t)a->o.replications,
                                  .threads = (int)a->o.threads,
                                  .interrupted = ts_cli_catch_interrupts()};
    a->opt.confirm_replications = (int32_t)a->confirm;
    a->opt.confirm_max = (size_t)a->runners_up + 1;
    a->opt.on_mix = on_mix;
    a->opt.ctx = &pr;
    ts_optimise_result r = {0};
    ts_optimise_record rec = {0};
    if ((st = ts_optimise(sc, &a->opt, &r, err)) == TS_OK && (st = record_of(a, sc, &r, &rec, err)) == TS_OK) {
        *code = ts_summary_optimise(stdout, &rec, (ts_lang)ts_options_lang_from_locale());
        fflush(stdout);
        if (a->o.output && (st = write_answer(a, sc, &r, err)) == TS_OK && ts_spread_rank() == 0 &&
            (st = ts_optimise_write_h5(&rec, a->o.output, err)) != TS_OK)
            remove(a->o.output); /* a file without its group would pass for a plain run */
        if (a->o.output && st == TS_OK && !a->o.quiet)
            fprintf(stderr, "teachsim optimise: wrote %s (the run at the %s, and the search as optimise/)\n",
                    a->o.output, r.found ? "answer" : "best mix");
    }
    ts_optimise_record_free(&rec);
    ts_optimise_result_free(&r);
    return st;
}

int ts_verb_optimise(int argc, char **argv)
{
    opt_args a = {0};
    int code = parse(argc, argv, &a);
    if (code != TS_OPTION_TAKEN)
        return code;
    ts_scenario sc = {0};
    ts_error err = {0};
    code = 0;
    ts_status st = a.scenario ? ts_scenario_load_named(&sc, a.scenario, &err) : ts_scenario_load_builtin(&sc, &err);
    if (st == TS_OK && a.o.output && ts_spread_rank() == 0) /* rank 0 alone writes it */
        st = ts_results_path_check(a.o.output, a.o.force, stderr, &err);
    st = ts_spread_agree(st, &err); /* every rank of a spread search goes on, or none */
    if (st == TS_OK)
        st = optimise(&a, &sc, &code, &err);
    if (st != TS_OK)
        code = ts_cli_fail(&err);
    ts_scenario_free(&sc);
    return code;
}
