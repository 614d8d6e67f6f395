/*
 * scenario_bind.c: a YAML tree bound to ts_scenario through the key table.
 *
 * Owns: binding a tree (yaml_tree.h) key by key with type and range checks
 * (numbers, booleans, texts, lists, year series, the region list), unknown
 * keys and their suggestions, the defaults of the key table bound as a file
 * value is, and the roster paths made relative to the file that names them.
 * Does not own the key table (scenario_keys.c), the message format
 * (scenario_messages.c), distributions (scenario_uncertain.c), the targets
 * list (scenario_targets.c), the checks across keys (scenario_check.c) nor
 * the order of loading (scenario.c).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"
#include "text.h"
#include "yaml_tree.h"

#define UNBOUNDED_FROM 1e300 /* a max at or above this is no upper bound (the table's UNBOUNDED) */
#define DEFAULT_SOURCE "key table default"
#define SUGGEST_DISTANCE 2
#define SUGGEST_MAX_LEN 128

typedef struct {
    const char *filename;
    ts_error *err;
    ts_scenario *target; /* the scenario being loaded, which keeps its distributions; NULL for defaults */
    int32_t year;        /* 0, or the year of the schedule point being bound */
} bind_ctx;

static ts_status fail(const bind_ctx *ctx, const ts_yaml_node *node, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static ts_status fail(const bind_ctx *ctx, const ts_yaml_node *node, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ts_status st = ts_scenario_vfail(ctx->err, ctx->filename, node, path, fmt, ap);
    va_end(ap);
    return st;
}

/* ---- wording ------------------------------------------------------------- */

typedef struct {
    const char *one, *many;
} noun;

/* The unit picks the word, so a range error reads like the quantity it is
 * about ("a share in [0, 1]", "an integer year in [2000, 2099]"). */
static noun number_noun(const ts_key *key, int integer)
{
    const char *unit = key->unit ? key->unit : "";
    if (strcmp(unit, "share") == 0)
        return (noun){"a share", "shares"};
    if (strcmp(unit, "year") == 0)
        return (noun){"an integer year", "integer years"};
    if (strcmp(unit, "pupils") == 0 || strcmp(unit, "schools") == 0 || strcmp(unit, "births") == 0)
        return (noun){"a count", "counts"};
    if (integer)
        return (noun){"an integer", "integers"};
    return (noun){"a number", "numbers"};
}

static void range_text(const ts_key *key, char *buf, size_t size)
{
    if (key->max >= UNBOUNDED_FROM)
        snprintf(buf, size, " >= %.15g", key->min);
    else
        snprintf(buf, size, " in [%.15g, %.15g]", key->min, key->max);
}

/* ---- key lookup and suggestions ------------------------------------------ */

static const ts_key *find_key(const ts_key *keys, size_t n, const char *path)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].path, path) == 0)
            return &keys[i];
    return NULL;
}

/* Whether path names a mapping above some keys ("leaving.established"). */
static int is_key_prefix(const ts_key *keys, size_t n, const char *path)
{
    size_t len = strlen(path);
    for (size_t i = 0; i < n; i++)
        if (strncmp(keys[i].path, path, len) == 0 && keys[i].path[len] == '.')
            return 1;
    return 0;
}

/* The known key or mapping nearest to path, within SUGGEST_DISTANCE edits. */
static int suggest(const ts_key *keys, size_t n, const char *path, char *out, size_t size)
{
    size_t lp = strlen(path), best = SUGGEST_DISTANCE + 1;
    if (lp > SUGGEST_MAX_LEN)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = keys[i].path;
        size_t lk = strlen(p);
        for (size_t end = 1; end <= lk && end <= SUGGEST_MAX_LEN; end++) {
            if (end < lk && p[end] != '.')
                continue;
            if ((end > lp ? end - lp : lp - end) > SUGGEST_DISTANCE)
                continue;
            size_t d = ts_text_distance(path, lp, p, end);
            if (d < best) {
                best = d;
                snprintf(out, size, "%.*s", (int)end, p);
            }
        }
    }
    return best <= SUGGEST_DISTANCE;
}

int ts_scenario_suggest_key(const char *path, char *out, size_t size)
{
    static const char regions[] = "population.regions[";
    const char *close = strchr(path, ']');
    if (strncmp(path, regions, sizeof regions - 1) != 0 || !close || close[1] != '.')
        return suggest(ts_scenario_keys, ts_scenario_key_count, path, out, size);
    char tail[TS_SCENARIO_PATH_LEN];
    if (!suggest(ts_region_keys, ts_region_key_count, close + 2, tail, sizeof tail))
        return 0;
    snprintf(out, size, "%.*s%s", (int)(close + 2 - path), path, tail);
    return 1;
}

static ts_status fail_unknown(const bind_ctx *ctx, const ts_yaml_node *key_node, const char *path, const ts_key *keys,
                              size_t n, const char *lookup)
{
    char hint[TS_SCENARIO_PATH_LEN];
    if (memchr(key_node->text, '.', key_node->len))
        return fail(ctx, key_node, path, "unknown key (write dotted keys as nested mappings)");
    if (suggest(keys, n, lookup, hint, sizeof hint))
        return fail(ctx, key_node, path, "unknown key (did you mean %s?)", hint);
    return fail(ctx, key_node, path, "unknown key");
}

/* prefix.key, with bytes that would break a one-line message replaced. */
static void join_path(char *buf, size_t size, const char *prefix, const ts_yaml_node *key)
{
    size_t at = 0;
    if (prefix && *prefix)
        at = (size_t)snprintf(buf, size, "%s.", prefix);
    if (at >= size)
        at = size - 1;
    for (size_t i = 0; i < key->len && at + 1 < size; i++) {
        unsigned char c = (unsigned char)key->text[i];
        buf[at++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
    }
    buf[at] = '\0';
}

/* ---- binding ------------------------------------------------------------- */

static ts_status bind_value(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, void *base,
                            const char *path);

static ts_status bind_number(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, const char *path,
                             void *dst, int integer)
{
    /* A distribution in place of a number (scenario_uncertain.c). */
    if (!integer && node->kind == TS_YAML_MAPPING && ctx->target &&
        (key->type == TS_KEY_REAL || key->type == TS_KEY_REALS))
        return ts_uncertain_bind(ctx->target, key, node, path, dst, ctx->year, ctx->filename, ctx->err);
    double v = 0;
    int ok = ts_scenario_plain_text(node) && ts_scenario_number_syntax(node->text, integer);
    if (ok) {
        errno = 0;
        if (integer) {
            long long i = strtoll(node->text, NULL, 10);
            ok = errno != ERANGE && i >= INT32_MIN && i <= INT32_MAX;
            v = (double)i;
        } else {
            v = strtod(node->text, NULL);
            ok = isfinite(v); /* underflow to 0 is fine; overflow to inf is out of range */
        }
        ok = ok && v >= key->min && v <= key->max;
    }
    if (!ok) {
        char range[96], found[TS_SCENARIO_FOUND_LEN];
        range_text(key, range, sizeof range);
        ts_scenario_describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected %s%s, found %s", number_noun(key, integer).one, range, found);
    }
    if (integer) {
        int32_t i = (int32_t)v;
        memcpy(dst, &i, sizeof i);
    } else {
        memcpy(dst, &v, sizeof v);
    }
    return TS_OK;
}

static ts_status bind_bool(const bind_ctx *ctx, const ts_yaml_node *node, const char *path, void *dst)
{
    int b;
    if (!ts_scenario_plain_text(node) || !ts_scenario_bool_word(node->text, &b)) {
        char found[TS_SCENARIO_FOUND_LEN];
        ts_scenario_describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected true or false, found %s", found);
    }
    int32_t v = b;
    memcpy(dst, &v, sizeof v);
    return TS_OK;
}

static ts_status bind_string(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, const char *path,
                             char *dst)
{
    char found[TS_SCENARIO_FOUND_LEN];
    if (node->kind != TS_YAML_SCALAR || ts_yaml_is_null(node)) {
        ts_scenario_describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a text of at most %zu bytes, found %s", key->count - 1, found);
    }
    if (node->len > key->count - 1)
        return fail(ctx, node, path, "expected a text of at most %zu bytes, found %zu bytes", key->count - 1,
                    node->len);
    if (strlen(node->text) != node->len) {
        ts_error_quote(node->text, node->len, found, sizeof found);
        return fail(ctx, node, path, "expected a text without NUL characters, found %s", found);
    }
    memset(dst, 0, key->count);
    memcpy(dst, node->text, node->len);
    return TS_OK;
}

static ts_status bind_list(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, const char *path,
                           char *dst, int integer)
{
    if (node->kind != TS_YAML_SEQUENCE || node->n != key->count) {
        char range[96], found[TS_SCENARIO_FOUND_LEN];
        range_text(key, range, sizeof range);
        ts_scenario_describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a sequence of %zu %s%s, found %s", key->count,
                    number_noun(key, integer).many, range, found);
    }
    size_t width = integer ? sizeof(int32_t) : sizeof(double);
    for (size_t i = 0; i < node->n; i++) {
        char item_path[TS_SCENARIO_PATH_LEN];
        snprintf(item_path, sizeof item_path, "%s[%zu]", path, i);
        ts_status st = bind_number(ctx, key, node->items[i], item_path, dst + i * width, integer);
        if (st != TS_OK)
            return st;
    }
    return TS_OK;
}

/* A file's series replaces the whole default series: years it leaves out are
 * unknown (NaN), not inherited. */
static ts_status bind_series(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, const char *path,
                             ts_series *series)
{
    char range[96], found[TS_SCENARIO_FOUND_LEN];
    if (node->kind != TS_YAML_MAPPING) {
        range_text(key, range, sizeof range);
        ts_scenario_describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a mapping of years to %s%s, found %s", number_noun(key, 0).many, range,
                    found);
    }
    for (int y = 0; y < TS_SERIES_LEN; y++)
        series->value[y] = NAN;
    for (size_t i = 0; i < node->n; i++) {
        const ts_yaml_node *k = node->keys[i];
        long year = 0;
        int ok = ts_scenario_plain_text(k) && ts_scenario_number_syntax(k->text, 1);
        if (ok) {
            errno = 0;
            year = strtol(k->text, NULL, 10);
            ok = errno != ERANGE && year >= TS_YEAR_MIN && year <= TS_YEAR_MAX;
        }
        if (!ok) {
            ts_scenario_describe(k, found, sizeof found);
            return fail(ctx, k, path, "expected a year in [%d, %d] as key, found %s", TS_YEAR_MIN, TS_YEAR_MAX, found);
        }
        char item_path[TS_SCENARIO_PATH_LEN];
        snprintf(item_path, sizeof item_path, "%s.%ld", path, year);
        if (!isnan(series->value[year - TS_YEAR_MIN]))
            return fail(ctx, k, item_path, "year given twice");
        ts_status st = bind_number(ctx, key, node->items[i], item_path, &series->value[year - TS_YEAR_MIN], 0);
        if (st != TS_OK)
            return st;
    }
    return TS_OK;
}

/* One entry of a list of records (a region, a new school): a mapping of the
 * record's keys, the defaults bound first, every key without a default
 * required. */
static ts_status bind_record(const bind_ctx *ctx, const ts_key *keys, size_t n_keys, void *record,
                             const ts_yaml_node *node, const char *path, ts_yaml_node *const *defaults,
                             const char *what)
{
    ts_status st;
    char key_path[TS_SCENARIO_PATH_LEN], found[TS_SCENARIO_FOUND_LEN];
    if (node->kind != TS_YAML_MAPPING) {
        ts_scenario_describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a mapping of %s keys, found %s", what, found);
    }
    /* Defaults go through the binder a file value takes. */
    const bind_ctx default_ctx = {DEFAULT_SOURCE, ctx->err};
    for (size_t j = 0; j < n_keys; j++)
        if (defaults[j] && (st = bind_value(&default_ctx, &keys[j], defaults[j], record, keys[j].path)) != TS_OK)
            return st;
    for (size_t i = 0; i < node->n; i++) {
        const ts_yaml_node *k = node->keys[i];
        join_path(key_path, sizeof key_path, path, k);
        const ts_key *key = strlen(k->text) == k->len ? find_key(keys, n_keys, k->text) : NULL;
        if (!key)
            return fail_unknown(ctx, k, key_path, keys, n_keys, k->text);
        if ((st = bind_value(ctx, key, node->items[i], record, key_path)) != TS_OK)
            return st;
    }
    for (size_t j = 0; j < n_keys; j++) {
        if (keys[j].default_yaml || ts_yaml_map_get(node, keys[j].path))
            continue;
        /* The return value is read so that gcc accepts a path cut at TS_SCENARIO_PATH_LEN. */
        if (snprintf(key_path, sizeof key_path, "%s.%s", path, keys[j].path) < 0)
            key_path[0] = '\0';
        return fail(ctx, node, key_path, "required key missing");
    }
    return TS_OK;
}

/* The defaults of a record's keys, parsed once for the whole list (a
 * scenario may have thousands of regions); free with free_defaults. */
static ts_status parse_defaults(const bind_ctx *ctx, const ts_key *keys, size_t n_keys, ts_yaml_node ***out)
{
    *out = calloc(n_keys, sizeof **out);
    if (!*out)
        return ts_error_set(ctx->err, TS_ERR_NOMEM, "%s: out of memory while reading defaults", ctx->filename);
    for (size_t j = 0; j < n_keys; j++) {
        const char *text = keys[j].default_yaml;
        ts_status st;
        if (text && (st = ts_yaml_parse(text, strlen(text), DEFAULT_SOURCE, &(*out)[j], ctx->err)) != TS_OK)
            return st;
    }
    return TS_OK;
}

static void free_defaults(ts_yaml_node **defaults, size_t n_keys)
{
    if (defaults)
        for (size_t j = 0; j < n_keys; j++)
            ts_yaml_free(defaults[j]);
    free(defaults);
}

static ts_status check_list_length(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, const char *path,
                                   const char *nouns)
{
    if (node->kind == TS_YAML_SEQUENCE && (double)node->n >= key->min && (double)node->n <= key->max)
        return TS_OK;
    char found[TS_SCENARIO_FOUND_LEN];
    ts_scenario_describe(node, found, sizeof found);
    return fail(ctx, node, path, "expected a sequence of %.15g to %.15g %s, found %s", key->min, key->max, nouns,
                found);
}

static ts_status bind_regions(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, ts_scenario *s,
                              const char *path)
{
    ts_yaml_node **defaults = NULL;
    ts_region_spec **slot = (ts_region_spec **)((char *)s + key->offset);
    ts_status st = check_list_length(ctx, key, node, path, "regions");
    if (st != TS_OK)
        return st;
    ts_region_spec *regions = calloc(node->n, sizeof *regions);
    free(*slot);
    *slot = regions;
    s->population.n_regions = 0;
    if (!regions) {
        st = ts_error_set(ctx->err, TS_ERR_NOMEM, "%s: out of memory while reading %s", ctx->filename, path);
        goto cleanup;
    }
    s->population.n_regions = (int32_t)node->n;
    if ((st = parse_defaults(ctx, ts_region_keys, ts_region_key_count, &defaults)) != TS_OK)
        goto cleanup;
    for (size_t i = 0; i < node->n; i++) {
        char region_path[TS_SCENARIO_PATH_LEN];
        snprintf(region_path, sizeof region_path, "%s[%zu]", path, i);
        if ((st = bind_record(ctx, ts_region_keys, ts_region_key_count, &regions[i], node->items[i], region_path,
                              defaults, "region")) != TS_OK)
            goto cleanup;
    }

cleanup:
    free_defaults(defaults, ts_region_key_count);
    return st;
}

static ts_status bind_new_schools(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node,
                                  ts_new_school_list *list, const char *path)
{
    ts_yaml_node **defaults = NULL;
    ts_status st = check_list_length(ctx, key, node, path, "new schools");
    if (st != TS_OK)
        return st;
    memset(list, 0, sizeof *list);
    if ((st = parse_defaults(ctx, ts_new_school_keys, ts_new_school_key_count, &defaults)) == TS_OK)
        for (size_t i = 0; i < node->n && st == TS_OK; i++) {
            char item_path[TS_SCENARIO_PATH_LEN];
            snprintf(item_path, sizeof item_path, "%s[%zu]", path, i);
            st = bind_record(ctx, ts_new_school_keys, ts_new_school_key_count, &list->item[i], node->items[i],
                             item_path, defaults, "new school");
            list->n = (int32_t)i + (st == TS_OK);
        }
    free_defaults(defaults, ts_new_school_key_count);
    return st;
}

/* A mapping whose first key is an integer, at a key that is not already by
 * year: a schedule (a distribution's keys are words). */
static int is_schedule(const ts_key *key, const ts_yaml_node *node)
{
    if (node->kind != TS_YAML_MAPPING || node->n == 0 || key->type == TS_KEY_SERIES || key->type == TS_KEY_REGIONS ||
        key->type == TS_KEY_SCHOOLS)
        return 0;
    return ts_scenario_plain_text(node->keys[0]) && ts_scenario_number_syntax(node->keys[0]->text, 1);
}

/* A schedule's year key, in [TS_YEAR_MIN, TS_YEAR_MAX] and after `previous`. */
static ts_status schedule_year(const bind_ctx *ctx, const ts_yaml_node *k, const char *path, long previous, long *year)
{
    char found[TS_SCENARIO_FOUND_LEN];
    int ok = ts_scenario_plain_text(k) && ts_scenario_number_syntax(k->text, 1);
    if (ok) {
        errno = 0;
        *year = strtol(k->text, NULL, 10);
        ok = errno != ERANGE && *year >= TS_YEAR_MIN && *year <= TS_YEAR_MAX;
    }
    if (!ok) {
        ts_scenario_describe(k, found, sizeof found);
        return fail(ctx, k, path, "expected a year in [%d, %d] as key of a schedule, found %s", TS_YEAR_MIN,
                    TS_YEAR_MAX, found);
    }
    if (*year <= previous)
        return fail(ctx, k, path, "expected a year after %ld (a schedule's years increase), found %ld", previous,
                    *year);
    return TS_OK;
}

/* A key written as a schedule by year: each year's value is bound as a
 * value of the key (a number may be a distribution, kept for that year's
 * point) and kept as a point; the field holds the first year's value. */
static ts_status bind_schedule(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, void *base,
                               const char *path)
{
    const char *reason = ts_key_fixed_reason(key);
    if (reason)
        return fail(ctx, node, path, "expected a single value (this key cannot change mid-run: %s), found a schedule",
                    reason);
    char *field = (char *)base + key->offset;
    const size_t size = ts_schedule_field_size(key);
    unsigned char first[TS_SCHEDULE_BYTES];
    ts_schedule_remove(ctx->target, key);
    long previous = TS_YEAR_MIN - 1;
    for (size_t i = 0; i < node->n; i++) {
        long year = 0;
        ts_status st = schedule_year(ctx, node->keys[i], path, previous, &year);
        char item_path[TS_SCENARIO_PATH_LEN];
        snprintf(item_path, sizeof item_path, "%s.%ld", path, year);
        const bind_ctx values = {ctx->filename, ctx->err, ctx->target, (int32_t)year};
        if (st == TS_OK)
            st = bind_value(&values, key, node->items[i], base, item_path);
        if (st == TS_OK)
            st = ts_schedule_add(ctx->target, key, (int32_t)year, field, ctx->err);
        if (st != TS_OK)
            return st;
        if (i == 0)
            memcpy(first, field, size);
        previous = year;
    }
    memcpy(field, first, size);
    return TS_OK;
}

static ts_status bind_value(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, void *base,
                            const char *path)
{
    char *field = (char *)base + key->offset;
    if (ctx->target && ctx->year == 0 && is_schedule(key, node) && base != ctx->target)
        return fail(ctx, node, path,
                    key >= ts_new_school_keys && key < ts_new_school_keys + ts_new_school_key_count
                        ? "expected a single value (a new school's keys cannot change mid-run: it opens once, in "
                          "the year it gives), found a schedule"
                        : "expected a single value (a region's keys cannot change mid-run: they describe the start "
                          "population), found a schedule");
    if (ctx->target && ctx->year == 0 && is_schedule(key, node))
        return bind_schedule(ctx, key, node, base, path);
    switch (key->type) {
    case TS_KEY_INT:
        return bind_number(ctx, key, node, path, field, 1);
    case TS_KEY_REAL:
        return bind_number(ctx, key, node, path, field, 0);
    case TS_KEY_BOOL:
        return bind_bool(ctx, node, path, field);
    case TS_KEY_STRING:
        return bind_string(ctx, key, node, path, field);
    case TS_KEY_REALS:
        return bind_list(ctx, key, node, path, field, 0);
    case TS_KEY_INTS:
        return bind_list(ctx, key, node, path, field, 1);
    case TS_KEY_SERIES:
        return bind_series(ctx, key, node, path, (ts_series *)(void *)field);
    case TS_KEY_REGIONS:
        return bind_regions(ctx, key, node, base, path);
    case TS_KEY_TARGETS:
        return ts_targets_bind((ts_target_list *)(void *)field, key, node, path, ctx->filename, ctx->err);
    case TS_KEY_SCHOOLS:
        return bind_new_schools(ctx, key, node, (ts_new_school_list *)(void *)field, path);
    }
    return fail(ctx, node, path, "the key table gives this key an unknown type");
}

ts_status ts_scenario_bind_default(const ts_key *key, void *base, ts_error *err)
{
    const bind_ctx ctx = {DEFAULT_SOURCE, err};
    ts_yaml_node *tree = NULL;
    ts_status st = ts_yaml_parse(key->default_yaml, strlen(key->default_yaml), DEFAULT_SOURCE, &tree, err);
    if (st == TS_OK)
        st = tree ? bind_value(&ctx, key, tree, base, key->path)
                  : fail(&ctx, NULL, key->path, "expected a default value, found nothing");
    ts_yaml_free(tree);
    return st;
}

/* Walk a mapping of the file: a path that is a key binds; a path above keys
 * must be a mapping and is walked in turn; anything else is unknown. */
static ts_status bind_mapping(const bind_ctx *ctx, ts_scenario *s, const ts_yaml_node *map, const char *prefix)
{
    for (size_t i = 0; i < map->n; i++) {
        const ts_yaml_node *k = map->keys[i], *v = map->items[i];
        char path[TS_SCENARIO_PATH_LEN];
        join_path(path, sizeof path, prefix, k);
        int clean = strlen(k->text) == k->len && !memchr(k->text, '.', k->len);
        const ts_key *key = clean ? find_key(ts_scenario_keys, ts_scenario_key_count, path) : NULL;
        ts_status st;
        if (key) {
            st = bind_value(ctx, key, v, s, path);
        } else if (clean && is_key_prefix(ts_scenario_keys, ts_scenario_key_count, path)) {
            if (v->kind != TS_YAML_MAPPING) {
                char found[TS_SCENARIO_FOUND_LEN];
                ts_scenario_describe(v, found, sizeof found);
                return fail(ctx, v, path, "expected a mapping of %s.* keys, found %s", path, found);
            }
            st = bind_mapping(ctx, s, v, path);
        } else {
            st = fail_unknown(ctx, k, path, ts_scenario_keys, ts_scenario_key_count, path);
        }
        if (st != TS_OK)
            return st;
    }
    return TS_OK;
}

ts_status ts_scenario_bind(ts_scenario *s, const ts_yaml_node *root, const char *filename, ts_error *err)
{
    const bind_ctx ctx = {filename, err, s};
    return bind_mapping(&ctx, s, root, NULL);
}

/* Roster paths are relative to the folder of the file that names them (in an
 * `extends:` chain, a parent's value is relative to the parent). */
ts_status ts_scenario_bind_roster_paths(ts_scenario *s, const ts_yaml_node *root, const char *filename, ts_error *err)
{
    const bind_ctx ctx = {filename, err, s};
    static const char *const keys[2] = {"population.schools_csv", "population.teachers_csv"};
    char *paths[2] = {s->population.schools_csv, s->population.teachers_csv};
    for (int k = 0; k < 2; k++) {
        const ts_yaml_node *node = ts_yaml_find(root, keys[k]);
        const char *file = node && node->file ? node->file : ctx.filename;
        const char *slash = strrchr(file, '/');
        if (!node || !paths[k][0] || paths[k][0] == '/' || !slash)
            continue;
        char joined[TS_PATH_MAX];
        int n = snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - file), file, paths[k]);
        if (n < 0 || (size_t)n >= sizeof joined)
            return fail(&ctx, node, keys[k], "expected a path of at most %d bytes with the scenario's folder, found %d",
                        TS_PATH_MAX - 1, n);
        memcpy(paths[k], joined, (size_t)n + 1);
    }
    return TS_OK;
}
