/* reference.c: markdown references generated from the key and indicator tables (reference.h). */
#include "reference.h"

#include "record/indicators.h"
#include "teachsim/scenario.h"
#include "teachsim/scenario_zh.h"

static const char *type_name(const ts_key *k)
{
    switch (k->type) {
    case TS_KEY_INT:
        return "integer";
    case TS_KEY_REAL:
        return "number";
    case TS_KEY_BOOL:
        return "true/false";
    case TS_KEY_STRING:
        return "text";
    case TS_KEY_REALS:
        return "list of numbers";
    case TS_KEY_INTS:
        return "list of integers";
    case TS_KEY_SERIES:
        return "year: number map";
    case TS_KEY_REGIONS:
        return "list of regions";
    case TS_KEY_TARGETS:
        return "list of targets";
    case TS_KEY_SCHOOLS:
        return "list of new schools";
    }
    return "?";
}

static void range(FILE *out, const ts_key *k)
{
    if (k->type == TS_KEY_STRING || k->type == TS_KEY_BOOL) {
        fputs("-", out);
        return;
    }
    if (k->type == TS_KEY_REGIONS) {
        fprintf(out, "1 to %zu regions", k->count);
        return;
    }
    if (k->type == TS_KEY_TARGETS) {
        fprintf(out, "0 to %zu targets", k->count);
        return;
    }
    if (k->type == TS_KEY_SCHOOLS) {
        fprintf(out, "0 to %zu schools", k->count);
        return;
    }
    if (k->max >= 1e299)
        fprintf(out, ">= %g", k->min);
    else
        fprintf(out, "%g to %g", k->min, k->max);
    if (k->type == TS_KEY_REALS || k->type == TS_KEY_INTS)
        fprintf(out, ", %zu values", k->count);
}

/* A key's Chinese name (scenario_zh.h), with its list's positions in order
 * when they have names, so that a planner knows which value is which. */
static void name_zh(FILE *out, const char *path)
{
    const ts_key_zh *zh = ts_key_zh_find(path);
    if (!zh) {
        fputs("-", out);
        return;
    }
    fputs(zh->name_zh, out);
    const size_t n = ts_key_index_count(zh->index);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? "、" : "：", ts_key_index_name_zh(zh->index, i));
}

static void key_rows(FILE *out, const ts_key *keys, size_t n, const char *prefix)
{
    fputs("| key | 名称 | type | default | unit | allowed | source | meaning |\n|---|---|---|---|---|---|---|---|\n",
          out);
    for (size_t i = 0; i < n; i++) {
        const ts_key *k = &keys[i];
        char path[256];
        snprintf(path, sizeof path, "%s%s", prefix, k->path);
        fprintf(out, "| `%s` | ", path);
        name_zh(out, path);
        fprintf(out, " | %s | %s%s%s | %s | ", type_name(k), k->default_yaml ? "`" : "",
                k->default_yaml ? k->default_yaml : "required", k->default_yaml ? "`" : "", k->unit[0] ? k->unit : "-");
        range(out, k);
        fprintf(out, " | %s | %s |\n", k->source, k->doc);
    }
}

/* The section on schedules by year, with the keys that refuse one and why,
 * from the loader's own rule (ts_key_fixed_reason). */
static void schedules(FILE *out)
{
    fputs("## Schedules by year\n\n"
          "A number, integer, true/false or list key that may change in the middle of a run may be written as a\n"
          "schedule: a mapping from school year to value, each value holding from its year until the next year\n"
          "given; years before the first entry take the first value, and the start (the start population, its\n"
          "posts) reads the first value. For a list key the value of a year is the whole list:\n\n"
          "```yaml\n"
          "targeted_intake:\n"
          "  provincial: {2021: 400, 2027: 800}\n"
          "rotation: {rate: {2021: 0.10, 2026: 0.15}}\n"
          "leaving:\n"
          "  established:\n"
          "    rural: {2021: [0.090, 0.060, 0.030, 0.015], 2030: [0.070, 0.050, 0.030, 0.015]}\n"
          "```\n\n"
          "The years are integers, strictly increasing, up to `horizon.end_year` (a year before the start is\n"
          "allowed: it holds from the start); each value is checked as the key's value is. A year's value may\n"
          "be a distribution where the key takes one (`rotation: {rate: {2021: 0.10, 2027: {uniform: [0.1,\n"
          "0.2]}}}`): it is drawn once per replication at the path `rotation.rate@2027`, so common random\n"
          "numbers hold, and the results file's `parameters/` has a row of that name. The checks across keys\n"
          "hold in every year (`hire_age_max` not below `hire_age_min`).\n\n"
          "`targeted_intake.before_start.*` are schedules of the past: the students enrolled in each year\n"
          "before the start, whose cohorts are in study when the run starts; their years lie before\n"
          "`horizon.start_year`, and the run's own intake (`targeted_intake.provincial`, `municipal`) never\n"
          "changes them.\n\n"
          "Causality: a scenario that differs from another only from year Y on gives the same results, bit for\n"
          "bit, for every year before Y (with the same seed: common random numbers), alone or in region\n"
          "shards; no decision of the model looks ahead to a later year's value (tests/test_schedules.c checks\n"
          "every key below that takes a schedule, element by element).\n\n"
          "These keys cannot change mid-run and refuse a schedule:\n\n",
          out);
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const char *why = ts_key_fixed_reason(&ts_scenario_keys[i]);
        if (why)
            fprintf(out, "- `%s`: %s.\n", ts_scenario_keys[i].path, why);
    }
    fputs("- every key of `population.regions[]`: the regions describe the start population.\n\n", out);
}

/* What a scenario file is, and `extends`: the page's opening sections. */
static void scenario_intro(FILE *out)
{
    fputs("# Scenario reference\n\n"
          "<!-- generated by `teachsim reference scenario` from sim/input/scenario_keys.c; do not edit by hand "
          "(a test compares this file with the program's output) -->\n\n"
          "A scenario is a YAML file of the keys below, nested by their dots (`leaving.rural_transfer_share` is\n"
          "`leaving:` then `rural_transfer_share:`). Every key but the required ones has the default shown; a\n"
          "key the table does not list is an error, as is a value of the wrong type or outside its range.\n"
          "Lists of three values are urban, town, rural; lists of two are primary, junior; age-band lists are\n"
          "under 30, 30-39, 40-49, 50 and over. The column 名称 is the key's Chinese name with, for a list, what\n"
          "each value is, in order (sim/input/scenario_keys_zh.c); the sensitivity ranking and its chart name\n"
          "inputs by it in Chinese (`乡村在编教师年离职率（30岁以下）` for `leaving.established.rural[0]`).\n\n"
          "Sources (see docs/sources.md): **H** an official text, **M** one secondary copy or\n"
          "another province's rule, **A** an assumption: no public source was found, change it freely.\n\n"
          "## Inheritance\n\n"
          "A scenario may be written as changes to another: `extends: xiangtan-baseline.yaml` names a parent\n"
          "file, relative to the file that names it; `extends: xiangtan-baseline` (no `.yaml`) names the\n"
          "built-in baseline, so a three-line scenario works from any folder:\n\n"
          "```yaml\n"
          "name: rotation-20\n"
          "extends: xiangtan-baseline\n"
          "rotation: {rate: 0.20}\n"
          "```\n\n"
          "The child's keys override the parent's key by key: mappings of keys (`leaving:`,\n"
          "`leaving.established:`) merge, while a key's value is replaced whole, whatever it is: a number, a\n"
          "list (`population.regions` in a child replaces every region), a births map (write every year the\n"
          "horizon needs) or a distribution. A parent may extend another (at most 16 scenarios in one chain;\n"
          "a cycle is an error that names the chain). `name` is required in every file, even one that extends\n"
          "another, so that results are labelled; `description` and every other key are inherited. A message\n"
          "about a value names the file and line it was written at, in the parent if it came from there.\n"
          "`teachsim validate --resolved FILE` prints the scenario with its chain applied and every default\n"
          "filled in: the form stored in the results file's `scenario_yaml`. Because a child's\n"
          "`population: {regions: [...]}` replaces the parent's regions rather than adding to them,\n"
          "`teachsim validate` says so in a note on stderr, with the regions the scenario has now.\n\n"
          "The library in `scenarios/` extends the built-in baseline by name, so a copy of one of its files\n"
          "works from any folder. On the command line too, `xiangtan-baseline` (no `.yaml`) is the built-in\n"
          "baseline: `teachsim run xiangtan-baseline mine.yaml` (also `validate`, `solve`, `population\n"
          "export`). When the current folder holds a file of exactly that name, the name is ambiguous and\n"
          "refused (exit 2); `./xiangtan-baseline` names the file.\n\n"
          "## Names and mistakes\n\n"
          "A region is named by its code or its Chinese name wherever one is chosen: a target's `region:`,\n"
          "`teachsim summary --region`, `solve --vary population.regions[NAME].KEY` and the `--region` of\n"
          "`python3 -m analysis` (`xiangtan_county` or `湘潭县`, `ALL` or `全部`, `each_county` or `各县`\n"
          "where a target allows it). The scenario keeps the code. A name that is neither is an error that\n"
          "lists every region in both forms. An unknown key, indicator or metric ends its message with the\n"
          "nearest known one (`unknown key (did you mean targeted_intake.provincial?)`), and a layout mistake\n"
          "of YAML (a key indented more or less than the keys above it, no space after a colon, a tab) adds\n"
          "what to check on which line to libyaml's words.\n\n",
          out);
}

/* Distributions in place of numbers: what may be written and how it is drawn. */
static void scenario_uncertain(FILE *out)
{
    fputs("## Uncertain parameters\n\n"
          "A key whose type is *number*, and each element of a *list of numbers*, may be given as a\n"
          "distribution instead of a number; each replication then draws its own value, once, at the start:\n\n"
          "| written | distribution | mean (the value the scenario holds) |\n|---|---|---|\n"
          "| `{uniform: [a, b]}` | uniform on [a, b], a <= b | (a + b) / 2 |\n"
          "| `{normal: {mean: m, sd: s}}` | normal, s >= 0, truncated to the key's range | of the truncated |\n"
          "| `{triangular: [min, mode, max]}` | triangular, min <= mode <= max | (min + mode + max) / 3 |\n"
          "| `{beta: {alpha: a, beta: b}}` | beta on [0, 1], a, b > 0 | a / (a + b) |\n"
          "| `{lognormal: {meanlog: m, sdlog: s}}` | lognormal, s >= 0, truncated to the key's range | of the "
          "truncated |\n\n"
          "```yaml\n"
          "leaving:\n"
          "  established:\n"
          "    rural: [0.090, {uniform: [0.05, 0.09]}, 0.030, 0.015]\n"
          "  rural_transfer_share: {uniform: [0.4, 0.6]}\n"
          "```\n\n"
          "The distribution must lie within the key's allowed range: uniform, triangular and beta exactly;\n"
          "a normal or lognormal is truncated to the range (a draw outside it is drawn again), and refused\n"
          "when its mean (normal) or median (lognormal) is outside the range or when less than half of it\n"
          "lies inside. Keys of `population` and of the regions take numbers only: the start population is\n"
          "generated once and is the same city in every replication. Integer, true/false, text and births\n"
          "keys take numbers (or their own type) only.\n\n"
          "A value is drawn from the replication's random stream at a place named by the key path, so it\n"
          "depends only on the seed, the replication and the key: every scenario of a run that makes the\n"
          "same key uncertain draws the same random numbers for it (common random numbers), and runs are\n"
          "identical whatever the number of threads. The results file holds the drawn values in the group\n"
          "`parameters/`, one dataset per key path, shaped (scenario, replication), NaN where a scenario\n"
          "gives that key a number (docs/results-file.md).\n\n",
          out);
}

/* The `targets:` list, whose entries are not keys of the table. */
static void scenario_targets(FILE *out)
{
    fputs("\n## Targets\n\n"
          "`targets:` lists conditions on the indicators that every replication meets or not; after the run\n"
          "the results file holds each replication's outcome and the probability of meeting each target with\n"
          "its 95 % Wilson interval (group `targets/`, docs/results-file.md), and `teachsim summary` prints\n"
          "them. `teachsim solve` finds the smallest value of a key that meets a target with a given\n"
          "probability (docs/comparison.md).\n\n"
          "```yaml\n"
          "targets:\n"
          "  - name: all_counties_pass_by_2025\n"
          "    indicator: qb_pass\n"
          "    region: each_county\n"
          "    by_year: 2025\n"
          "    op: \">=\"\n"
          "    value: 1\n"
          "  - name: arts_posts_filled_by_2027\n"
          "    indicator: rural_vacancies\n"
          "    subject: [music, pe, art]\n"
          "    region: each_county\n"
          "    by_year: 2027\n"
          "    op: \"<=\"\n"
          "    value: 0\n"
          "  - name: within_budget_each_year\n"
          "    indicator: cost_total\n"
          "    every_year_to: 2035\n"
          "    op: \"<=\"\n"
          "    value: 1.3e9\n"
          "  - name: school_s00003_meets_the_rule_by_2027\n"
          "    indicator: school_meets_rule\n"
          "    school: S00003\n"
          "    by_year: 2027\n"
          "    op: \">=\"\n"
          "    value: 1\n"
          "```\n\n"
          "| key | required | meaning |\n|---|---|---|\n"
          "| `name` | yes | label along the results' `target` dimension: letters, digits, `.`, `_`, `-`; unique within "
          "the scenario |\n"
          "| `indicator` | yes | an indicator of docs/indicators.md; with `subject`, a family of rows by subject: "
          "`requirement`, `posts_held`, `vacancies`, `rural_vacancies`, `surplus`, `out_of_field_posts`, "
          "`specialist_need`, `hires`, `leavers`, `retirements` |\n"
          "| `subject` | no | a subject code (`chinese`, `maths`, `english`, `science`, `pe`, `music`, `art`, "
          "`other`) or a list of them: the condition is on the sum over those subjects of the rows "
          "`subjects/<indicator>/<subject>` (in the results file, the subject coordinate of `subjects/<indicator>`) "
          "|\n"
          "| `school` | no | a school's id as in the results' `schools/school` (a real roster's `school_id`, "
          "else `S00001` ... by row): the condition is on that school, in every replication, with `indicator` one of "
          "`school_meets_rule` (1 when it meets the school rule of the quality-balance assessment, else 0), "
          "`school_qualified_per100`, `school_backbone_per100`, `school_pe_art_per100` (its values per 100 pupils); "
          "NaN, never met, in a year it is not scored; no `region` (the school's own), no `subject`; an id the "
          "start population lacks stops the run (exit 2) |\n"
          "| `region` | no (`ALL`) | a region by its code or Chinese name (`xiangtan_county` or `湘潭县`), `ALL` "
          "or `全部` (the whole area), or `each_county` or `各县` (every region, each on its own); stored as the "
          "code |\n"
          "| `by_year` | one of the three | the condition holds in some year from the start up to and including this "
          "one |\n"
          "| `in_year` | one of the three | the condition holds in this year |\n"
          "| `every_year_to` | one of the three | the condition holds in every year from the start up to and "
          "including this one (a budget each year) |\n"
          "| `op` | yes | `\">=\"`, `\">\"`, `\"<=\"`, `\"<\"` or `\"==\"`, quoted (YAML reads a bare `>` as "
          "the start of a folded text) |\n"
          "| `value` | yes | the number the indicator is compared with |\n"
          "| `counties` | no (every county) | with `each_county`: at least this many counties meet it (more than "
          "the scenario has: never met) |\n\n"
          "With `each_county` and `by_year`, each county may meet the condition in a year of its own (the\n"
          "quality-balance assessment certifies a county once): \"every county passes by 2025\" is met when\n"
          "every county passes in some year up to 2025, not necessarily the same year. With `in_year` the\n"
          "counties are counted in that year; with `every_year_to`, in each year from the start (every\n"
          "county, or at least `counties` of them, in each of those years). A value that is not a number\n"
          "(NaN: a share of nobody) never meets a condition. A target whose year lies outside the scenario's\n"
          "horizon, or a subject target on results without its subjects' rows, is not evaluated\n"
          "(outcome -1, probability NaN). In a scenario that extends another, `targets:` replaces the\n"
          "parent's list whole; write `targets: []` for none. In a run of several scenarios, targets of the\n"
          "same name are one entry of the `target` dimension, in the order they first appear (scenario by\n"
          "scenario); a scenario without a target of that name has outcome -1 there.\n",
          out);
}

void ts_reference_scenario(FILE *out)
{
    scenario_intro(out);
    scenario_uncertain(out);
    schedules(out);
    fputs("## Top-level keys\n\n", out);
    key_rows(out, ts_scenario_keys, ts_scenario_key_count, "");
    fputs("\n## Region keys\n\nEach entry of `population.regions` is a mapping of these keys:\n\n", out);
    key_rows(out, ts_region_keys, ts_region_key_count, "regions[].");
    fprintf(out,
            "\nLimits on all regions together, checked when a scenario is read so that nothing that validates "
            "overflows\nlater (counts are summed in 64 bits): at most %d regions, %d schools (the three levels "
            "of every\nregion) and %d pupils (`pupils_primary` + `pupils_junior` of every region).\n",
            TS_MAX_REGIONS, TS_MAX_AREA_SCHOOLS, TS_MAX_AREA_PUPILS);
    fputs("\n## New schools\n\n"
          "Each entry of `network.new_schools` is a mapping of these keys:\n\n",
          out);
    key_rows(out, ts_new_school_keys, ts_new_school_key_count, "network.new_schools[].");
    fputs("\nA new school is closed until the year it opens: it has no pupils, no posts and no teachers, and\n"
          "every earlier year is the same, bit for bit, as without it. From that year it takes a share of the\n"
          "entrants of its catchment (the region's open schools of its locality that take the same entrants:\n"
          "grade 1 for primary and nine-year schools, grade 7 for junior schools; the whole region when its\n"
          "locality has none), the share that fills its capacity at the opening year's entrants; entrants\n"
          "beyond its capacity go to the catchment's other schools. It fills a grade a year, takes no pupils\n"
          "moving from rural schools or from private ones, and is staffed like any school with vacancies: by\n"
          "the county posting when it is on, then by recruitment. The results' school table lists it under\n"
          "its name; a run whose scenarios differ in their new schools has no school table (the schools are a\n"
          "dimension of the file).\n",
          out);
    scenario_targets(out);
}

void ts_reference_indicators(FILE *out)
{
    fputs("# Indicators\n\n"
          "<!-- generated by `teachsim reference indicators` from sim/base/indicator_list.h; do not edit by hand "
          "(a test compares this file with the program's output) -->\n\n"
          "Every indicator is a dataset of shape (scenario, replication, year, region) in the results file\n"
          "(docs/results-file.md). `year` 2021 is the school year 2021/22; stocks are counted on 1 September,\n"
          "flows over the summer before it. Counts are int32, the rest float64 (NaN where undefined).\n\n"
          "| name | type | units | long name | description |\n|---|---|---|---|---|\n",
          out);
    for (size_t i = 0; i < ts_indicator_count; i++) {
        const ts_indicator_def *d = &ts_indicator_defs[i];
        fprintf(out, "| `%s` | %s | %s | %s | %s |\n", d->name, d->kind == TS_VALUE_COUNT ? "int32" : "float64",
                d->units, d->long_name, d->description);
    }
}
