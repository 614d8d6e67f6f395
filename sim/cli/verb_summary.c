/*
 * verb_summary.c: `teachsim summary`, the bands over replications, the
 * targets or the paired differences of a results file (summary.h), in
 * English or Chinese, and its tables as CSV files or a workbook (table.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "record/indicators.h"
#include "session.h"
#include "cost_effect.h"
#include "summary.h"
#include "summary_why.h"
#include "table.h"
#include "summary_attribution.h"
#include "summary_optimise.h"
#include "summary_sensitivity.h"
#include "teachsim/results.h"
#include "verbs.h"

static const char summary_help[] =
    "Usage: teachsim summary FILE [--metric M ...] [--region R] [--scenario S]\n"
    "                        [--compare | --why [--year Y] | --need]\n"
    "                        [--lang zh|en] [--csv DIR] [--xlsx FILE] [--force]\n"
    "Print, by year, the mean and the 5 %, 50 % and 95 % points over replications;\n"
    "without --metric, then the probability of each scenario target (when the file has any)\n"
    "and the region's recruitment need by subject for the first five years.\n\n"
    "  -m, --metric M     an indicator (repeatable; default: teachers, vacancies,\n"
    "                     rural_vacancies, vacancies_temporary, surplus, rotating_away,\n"
    "                     rural_share_age_50plus, pupil_teacher_ratio)\n"
    "  -g, --region R     region code (default ALL)\n"
    "  -s, --scenario S   only this scenario (default: every scenario)\n"
    "  -c, --compare      paired differences instead: for each metric and scenario, the\n"
    "                     reference's mean, the scenario's, the mean difference in the same\n"
    "                     replications with its 5-95 % interval, and whether it excludes 0\n"
    "  -w, --why          why counties fail the quality-balance assessment: per county (or\n"
    "                     --region) and level, by year, the share of replications failing\n"
    "                     each condition and the schools below each threshold, then one\n"
    "                     year (--year, default the last) in words\n"
    "  -y, --year Y       the year --why reads out\n"
    "  -n, --need         recruitment need by subject for the first five years, per county\n"
    "                     and ALL (or --region), with its 5-95 % band and the hires\n"
    "  -l, --lang L       zh (Chinese: indicator, region and subject names, headings and\n"
    "                     sentences in the terms of the plan and the assessment) or en;\n"
    "                     default from the locale: the first set of LC_ALL, LC_MESSAGES\n"
    "                     and LANG, zh when it starts with \"zh\" (LANG=zh_CN.UTF-8), else en\n"
    "      --csv DIR      also write every table printed as DIR/<table>.csv (UTF-8 with a\n"
    "                     byte-order mark, for Excel; numbers in full, headings in the\n"
    "                     language), e.g. bands-xiangtan-baseline-ALL-teachers.csv; DIR is\n"
    "                     made when missing\n"
    "      --xlsx FILE    also write every table printed as one sheet of an Excel workbook\n"
    "  -f, --force        replace files that exist (without it, nothing is written then)\n"
    "      --sensitivity  the ranking of a sensitivity study (its group sensitivity/, teachsim sensitivity -o),\n"
    "                     in --lang (input keys stay the scenario file's key paths)\n"
    "      --attribution  the attribution of a difference (its group attribution/, teachsim attribute -o),\n"
    "                     in --lang (groups and keys stay the scenario file's names)\n"
    "      --optimise     the search of a lever optimisation (its group optimise/, teachsim optimise -o),\n"
    "                     in --lang\n"
    "  -h, --help         this help\n";

#define MAX_METRICS 64

typedef struct {
    const char *metrics[MAX_METRICS], *region, *scenario, *csv, *xlsx;
    size_t n_metrics;
    int compare, why, need, year, region_given, lang, force, sensitivity, attribution, optimise;
} summary_args;

/* The options of `summary`: TS_OPTION_TAKEN when the file follows, else the
 * exit code (help or a usage error). */
static int parse_summary(int argc, char **argv, summary_args *a)
{
    static const struct option options[] = {{"metric", required_argument, NULL, 'm'},
                                            {"region", required_argument, NULL, 'g'},
                                            {"scenario", required_argument, NULL, 's'},
                                            {"compare", no_argument, NULL, 'c'},
                                            {"why", no_argument, NULL, 'w'},
                                            {"need", no_argument, NULL, 'n'},
                                            {"year", required_argument, NULL, 'y'},
                                            {"lang", required_argument, NULL, 'l'},
                                            {"csv", required_argument, NULL, 'C'},
                                            {"xlsx", required_argument, NULL, 'X'},
                                            TS_OPTION_FORCE,
                                            {"sensitivity", no_argument, NULL, 'Z'},
                                            {"attribution", no_argument, NULL, 'A'},
                                            {"optimise", no_argument, NULL, 'O'},
                                            TS_OPTION_HELP,
                                            TS_OPTION_END};
    ts_shared_options shared = ts_options_defaults(0);
    int c, code;
    ts_options_begin();
    a->lang = ts_options_lang_from_locale();
    while ((c = getopt_long(argc, argv, ":m:g:s:cwny:l:fh", options, NULL)) != -1) {
        if (c == 'l') {
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return ts_cli_usage_error("summary", "--lang expects zh or en, got '%s'", optarg);
            a->lang = optarg[0] == 'z' ? TS_LANG_ZH : TS_LANG_EN;
        } else if (c == 'C' || c == 'X') {
            if (!*optarg)
                return ts_cli_usage_error("summary", "--%s expects a path, got ''", c == 'C' ? "csv" : "xlsx");
            *(c == 'C' ? &a->csv : &a->xlsx) = optarg;
        } else if (c == 'c') {
            a->compare = 1;
        } else if (c == 'w') {
            a->why = 1;
        } else if (c == 'Z') {
            a->sensitivity = 1;
        } else if (c == 'A') {
            a->attribution = 1;
        } else if (c == 'O') {
            a->optimise = 1;
        } else if (c == 'n') {
            a->need = 1;
        } else if (c == 'y') {
            double y;
            if (!ts_options_number(optarg, &y) || y != floor(y) || y < 1900 || y > 2200)
                return ts_cli_usage_error("summary", "--year expects a year such as 2027, got '%s'", optarg);
            a->year = (int)y;
        } else if (c == 'm') {
            if (a->n_metrics == MAX_METRICS)
                return ts_cli_usage_error("summary", "%s", "too many --metric options");
            a->metrics[a->n_metrics++] = optarg;
        } else if (c == 'g') {
            a->region = optarg;
            a->region_given = 1;
        } else if (c == 's') {
            a->scenario = optarg;
        } else if ((code = ts_options_shared(c, "summary", summary_help, argv, &shared)) != TS_OPTION_TAKEN) {
            return code;
        }
    }
    a->force = shared.force;
    if (argc - optind != 1)
        return ts_cli_usage_error("summary", "%s", "expects exactly one results file");
    if (a->compare + a->why + a->need + a->sensitivity + a->attribution + a->optimise > 1)
        return ts_cli_usage_error("summary", "%s",
                                  "--compare, --why, --need, --sensitivity, --attribution and --optimise are views of "
                                  "their own: give one");
    if (a->year && !a->why)
        return ts_cli_usage_error("summary", "%s", "--year goes with --why");
    if ((a->why || a->need) && a->n_metrics)
        return ts_cli_usage_error("summary", "%s", "--why and --need have their own columns: drop --metric");
    return TS_OPTION_TAKEN;
}

/* The view asked for: paired differences, the default metrics with the
 * targets, or the metrics named. */
static void print_view(const ts_view *v, const ts_results *res, const summary_args *a, ts_error *err)
{
    if (a->why) {
        ts_summary_view_why(v, res, a->region_given ? a->region : NULL, a->scenario, a->year, err);
        return;
    }
    if (a->need) {
        ts_summary_view_need(v, res, a->region_given ? a->region : NULL, a->scenario, 5, err);
        return;
    }
    if (a->compare && a->scenario)
        ts_error_set(err, TS_ERR_USAGE, "--compare shows every scenario against the reference; drop --scenario");
    else if (a->compare) {
        if (ts_summary_view_compare(v, res, a->n_metrics ? a->metrics : (const char *const *)ts_summary_default_metrics,
                                    a->n_metrics ? a->n_metrics : ts_summary_default_metric_count, a->region,
                                    err) == TS_OK)
            ts_cost_effect_view(v, res, a->region, err); /* what the outcome costs (cost_effect.h) */
    } else if (a->n_metrics == 0)
        ts_summary_view_bands(v, res, ts_summary_default_metrics, ts_summary_default_metric_count, a->region,
                              a->scenario, err);
    else
        ts_summary_view_bands(v, res, a->metrics, a->n_metrics, a->region, a->scenario, err);
    if (!a->compare && a->n_metrics == 0 && err->status == TS_OK) { /* the targets go with the default view */
        ts_summary_view_targets(v, res, err);
        /* and the region's need by subject, when the file has it (older files do not) */
        ts_error quiet = {0};
        if (err->status == TS_OK && ts_results_indicator_index(res, "subjects/specialist_need/chinese") >= 0)
            ts_summary_view_need(v, res, a->region, a->scenario, 5, &quiet);
    }
}

/* The tables printed, into the files asked for. */
static void write_files(const ts_table_list *kept, const summary_args *a, ts_error *err)
{
    if (a->csv && ts_table_write_csv(kept, a->csv, a->force, err) != TS_OK)
        return;
    if (a->xlsx)
        ts_table_write_xlsx(kept, a->xlsx, a->force, err);
}

int ts_verb_summary(int argc, char **argv)
{
    summary_args a = {.region = "ALL"};
    int code = parse_summary(argc, argv, &a);
    if (code != TS_OPTION_TAKEN)
        return code;
    ts_results res = {0};
    ts_error err = {0};
    if (a.sensitivity) /* its own group, not the values (summary_sensitivity.h) */
        return ts_summary_sensitivity_file(stdout, argv[optind], 0, (ts_lang)a.lang, &err) == TS_OK ? 0
                                                                                                    : ts_cli_fail(&err);
    if (a.attribution)
        return ts_summary_attribution_file(stdout, argv[optind], (ts_lang)a.lang, &err) == TS_OK ? 0
                                                                                                 : ts_cli_fail(&err);
    if (a.optimise)
        return ts_summary_optimise_file(stdout, argv[optind], (ts_lang)a.lang, &err) == TS_OK ? 0 : ts_cli_fail(&err);
    ts_table_list kept = {0};
    const ts_view v = {.out = stdout, .lang = (ts_lang)a.lang, .keep = a.csv || a.xlsx ? &kept : NULL};
    if (ts_results_read_h5(&res, argv[optind], ts_indicator_defs, ts_indicator_count, &err) == TS_OK)
        print_view(&v, &res, &a, &err);
    if (err.status == TS_OK && v.keep)
        write_files(&kept, &a, &err);
    code = err.status != TS_OK ? ts_cli_fail(&err) : 0;
    ts_table_list_free(&kept);
    ts_results_free(&res);
    return code;
}
