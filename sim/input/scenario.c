/*
 * scenario.c: a scenario file bound to ts_scenario through the key table.
 *
 * Owns: applying the defaults of the key table, binding a YAML tree
 * (yaml_tree.h) key by key with type and range checks, unknown and missing
 * keys, the checks across keys, every message about them
 * (FILE:LINE:COLUMN: KEY.PATH: expected WHAT, found WHAT), the resolved YAML
 * writer, copy and free.
 * Does not own: the key table and its defaults (scenario_keys.c), YAML syntax
 * and its limits (yaml_tree.c), nor what the parameters mean to the model.
 */
#include "teachsim/scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"
#include "yaml_tree.h"

#define PATH_LEN 512
#define FOUND_LEN 128
#define FOUND_TEXT_MAX 60    /* bytes of a found text quoted before it is cut */
#define UNBOUNDED_FROM 1e300 /* a max at or above this is no upper bound (the table's UNBOUNDED) */
#define SHARE_SUM_TOLERANCE 1e-6
#define DEFAULT_SOURCE "key table default"
#define BUILTIN_FILENAME TS_BUILTIN_FILENAME
#define SUGGEST_DISTANCE 2
#define SUGGEST_MAX_LEN 128

typedef struct {
    const char *filename;
    ts_error *err;
    ts_scenario *target; /* the scenario being loaded, which keeps its distributions; NULL for defaults */
} bind_ctx;

/* ---- messages ------------------------------------------------------------ */

static ts_status fail(const bind_ctx *ctx, const ts_yaml_node *node, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Every binding and check message goes through here, so they all share the
 * one format: FILE:LINE:COLUMN: PATH: WHAT (no position when none is known).
 * FILE is the node's own: in a scenario that extends another, a value from
 * the parent is reported in the parent's file. */
static ts_status vfail(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path, const char *fmt,
                       va_list ap)
{
    char what[1024];
    vsnprintf(what, sizeof what, fmt, ap);
    if (node)
        return ts_error_set(err, TS_ERR_INPUT, "%s:%zu:%zu: %s: %s", node->file ? node->file : filename, node->line,
                            node->column, path, what);
    return ts_error_set(err, TS_ERR_INPUT, "%s: %s: %s", filename, path, what);
}

static ts_status fail(const bind_ctx *ctx, const ts_yaml_node *node, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ts_status st = vfail(ctx->err, ctx->filename, node, path, fmt, ap);
    va_end(ap);
    return st;
}

ts_status ts_scenario_fail(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ts_status st = vfail(err, filename, node, path, fmt, ap);
    va_end(ap);
    return st;
}

static int is_bool_word(const char *s, int *value)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(s, yes[i]) == 0) {
            *value = 1;
            return 1;
        }
        if (strcmp(s, no[i]) == 0) {
            *value = 0;
            return 1;
        }
    }
    return 0;
}

/* YAML 1.2 core-schema numbers only: no hex, octal, underscores or sexagesimal,
 * so a value means the same to every reader of the file. */
static int number_syntax(const char *s, int integer_only)
{
    static const char digits[] = "0123456789";
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t whole = strspn(p, digits);
    p += whole;
    if (integer_only)
        return whole > 0 && *p == '\0';
    size_t frac = 0;
    if (*p == '.') {
        p++;
        frac = strspn(p, digits);
        p += frac;
    }
    if (whole + frac == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        size_t exp = strspn(p, digits);
        if (exp == 0)
            return 0;
        p += exp;
    }
    return *p == '\0';
}

static int is_plain_text(const ts_yaml_node *node)
{
    return node->kind == TS_YAML_SCALAR && node->plain && strlen(node->text) == node->len;
}

/* Plain scalars that YAML reads as something other than text are shown as
 * written (1.5, true, .nan); everything else is quoted, so `found "twenty"`
 * is plainly a text. */
static int shown_bare(const ts_yaml_node *node)
{
    int b;
    if (!is_plain_text(node))
        return 0;
    const char *t = node->text + (node->text[0] == '-' || node->text[0] == '+');
    return number_syntax(node->text, 0) || is_bool_word(node->text, &b) || strcmp(t, ".nan") == 0 ||
           strcmp(t, ".NaN") == 0 || strcmp(t, ".NAN") == 0 || strcmp(t, ".inf") == 0 || strcmp(t, ".Inf") == 0 ||
           strcmp(t, ".INF") == 0;
}

static void describe(const ts_yaml_node *node, char *buf, size_t size)
{
    switch (node->kind) {
    case TS_YAML_MAPPING:
        snprintf(buf, size, node->n ? "a mapping" : "an empty mapping");
        return;
    case TS_YAML_SEQUENCE:
        if (node->n)
            snprintf(buf, size, "a sequence of %zu item%s", node->n, node->n == 1 ? "" : "s");
        else
            snprintf(buf, size, "an empty sequence");
        return;
    case TS_YAML_SCALAR:
        break;
    }
    if (ts_yaml_is_null(node))
        snprintf(buf, size, "%s", node->len ? node->text : "nothing");
    else if (shown_bare(node) && node->len <= FOUND_TEXT_MAX)
        snprintf(buf, size, "%s", node->text);
    else
        ts_error_quote(node->text, node->len, buf, size);
}

void ts_scenario_describe(const ts_yaml_node *node, char *buf, size_t size)
{
    describe(node, buf, size);
}

int ts_scenario_node_real(const ts_yaml_node *node, double *value)
{
    if (!is_plain_text(node) || !number_syntax(node->text, 0))
        return 0;
    *value = strtod(node->text, NULL);
    return isfinite(*value);
}

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

static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t row[SUGGEST_MAX_LEN + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
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
            size_t d = edit_distance(path, lp, p, end);
            if (d < best) {
                best = d;
                snprintf(out, size, "%.*s", (int)end, p);
            }
        }
    }
    return best <= SUGGEST_DISTANCE;
}

static ts_status fail_unknown(const bind_ctx *ctx, const ts_yaml_node *key_node, const char *path, const ts_key *keys,
                              size_t n, const char *lookup)
{
    char hint[PATH_LEN];
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
        return ts_uncertain_bind(ctx->target, key, node, path, dst, ctx->filename, ctx->err);
    double v = 0;
    int ok = is_plain_text(node) && number_syntax(node->text, integer);
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
        char range[96], found[FOUND_LEN];
        range_text(key, range, sizeof range);
        describe(node, found, sizeof found);
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
    if (!is_plain_text(node) || !is_bool_word(node->text, &b)) {
        char found[FOUND_LEN];
        describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected true or false, found %s", found);
    }
    int32_t v = b;
    memcpy(dst, &v, sizeof v);
    return TS_OK;
}

static ts_status bind_string(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, const char *path,
                             char *dst)
{
    char found[FOUND_LEN];
    if (node->kind != TS_YAML_SCALAR || ts_yaml_is_null(node)) {
        describe(node, found, sizeof found);
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
        char range[96], found[FOUND_LEN];
        range_text(key, range, sizeof range);
        describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a sequence of %zu %s%s, found %s", key->count,
                    number_noun(key, integer).many, range, found);
    }
    size_t width = integer ? sizeof(int32_t) : sizeof(double);
    for (size_t i = 0; i < node->n; i++) {
        char item_path[PATH_LEN];
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
    char range[96], found[FOUND_LEN];
    if (node->kind != TS_YAML_MAPPING) {
        range_text(key, range, sizeof range);
        describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a mapping of years to %s%s, found %s", number_noun(key, 0).many, range,
                    found);
    }
    for (int y = 0; y < TS_SERIES_LEN; y++)
        series->value[y] = NAN;
    for (size_t i = 0; i < node->n; i++) {
        const ts_yaml_node *k = node->keys[i];
        long year = 0;
        int ok = is_plain_text(k) && number_syntax(k->text, 1);
        if (ok) {
            errno = 0;
            year = strtol(k->text, NULL, 10);
            ok = errno != ERANGE && year >= TS_YEAR_MIN && year <= TS_YEAR_MAX;
        }
        if (!ok) {
            describe(k, found, sizeof found);
            return fail(ctx, k, path, "expected a year in [%d, %d] as key, found %s", TS_YEAR_MIN, TS_YEAR_MAX, found);
        }
        char item_path[PATH_LEN];
        snprintf(item_path, sizeof item_path, "%s.%ld", path, year);
        if (!isnan(series->value[year - TS_YEAR_MIN]))
            return fail(ctx, k, item_path, "year given twice");
        ts_status st = bind_number(ctx, key, node->items[i], item_path, &series->value[year - TS_YEAR_MIN], 0);
        if (st != TS_OK)
            return st;
    }
    return TS_OK;
}

static ts_status bind_region(const bind_ctx *ctx, ts_region_spec *region, const ts_yaml_node *node, const char *path,
                             ts_yaml_node *const *defaults)
{
    ts_status st;
    char key_path[PATH_LEN], found[FOUND_LEN];
    if (node->kind != TS_YAML_MAPPING) {
        describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a mapping of region keys, found %s", found);
    }
    /* Defaults go through the binder a file value takes. */
    const bind_ctx default_ctx = {DEFAULT_SOURCE, ctx->err};
    for (size_t j = 0; j < ts_region_key_count; j++)
        if (defaults[j] &&
            (st = bind_value(&default_ctx, &ts_region_keys[j], defaults[j], region, ts_region_keys[j].path)) != TS_OK)
            return st;
    for (size_t i = 0; i < node->n; i++) {
        const ts_yaml_node *k = node->keys[i];
        join_path(key_path, sizeof key_path, path, k);
        const ts_key *key = strlen(k->text) == k->len ? find_key(ts_region_keys, ts_region_key_count, k->text) : NULL;
        if (!key)
            return fail_unknown(ctx, k, key_path, ts_region_keys, ts_region_key_count, k->text);
        if ((st = bind_value(ctx, key, node->items[i], region, key_path)) != TS_OK)
            return st;
    }
    for (size_t j = 0; j < ts_region_key_count; j++) {
        if (ts_region_keys[j].default_yaml || ts_yaml_map_get(node, ts_region_keys[j].path))
            continue;
        /* The return value is read so that gcc accepts a path cut at PATH_LEN. */
        if (snprintf(key_path, sizeof key_path, "%s.%s", path, ts_region_keys[j].path) < 0)
            key_path[0] = '\0';
        return fail(ctx, node, key_path, "required key missing");
    }
    return TS_OK;
}

static ts_status bind_regions(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, ts_scenario *s,
                              const char *path)
{
    ts_status st = TS_OK;
    ts_yaml_node **defaults = NULL;
    ts_region_spec **slot = (ts_region_spec **)((char *)s + key->offset);

    if (node->kind != TS_YAML_SEQUENCE || (double)node->n < key->min || (double)node->n > key->max) {
        char found[FOUND_LEN];
        describe(node, found, sizeof found);
        return fail(ctx, node, path, "expected a sequence of %.15g to %.15g regions, found %s", key->min, key->max,
                    found);
    }
    /* Parsed once, not once per region: a scenario may have thousands. */
    defaults = calloc(ts_region_key_count, sizeof *defaults);
    ts_region_spec *regions = calloc(node->n, sizeof *regions);
    free(*slot);
    *slot = regions;
    s->population.n_regions = 0;
    if (!defaults || !regions) {
        st = ts_error_set(ctx->err, TS_ERR_NOMEM, "%s: out of memory while reading %s", ctx->filename, path);
        goto cleanup;
    }
    s->population.n_regions = (int32_t)node->n;
    for (size_t j = 0; j < ts_region_key_count; j++) {
        const char *text = ts_region_keys[j].default_yaml;
        if (text && (st = ts_yaml_parse(text, strlen(text), DEFAULT_SOURCE, &defaults[j], ctx->err)) != TS_OK)
            goto cleanup;
    }
    for (size_t i = 0; i < node->n; i++) {
        char region_path[PATH_LEN];
        snprintf(region_path, sizeof region_path, "%s[%zu]", path, i);
        if ((st = bind_region(ctx, &regions[i], node->items[i], region_path, defaults)) != TS_OK)
            goto cleanup;
    }

cleanup:
    if (defaults)
        for (size_t j = 0; j < ts_region_key_count; j++)
            ts_yaml_free(defaults[j]);
    free(defaults);
    return st;
}

static ts_status bind_value(const bind_ctx *ctx, const ts_key *key, const ts_yaml_node *node, void *base,
                            const char *path)
{
    char *field = (char *)base + key->offset;
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
    }
    return fail(ctx, node, path, "the key table gives this key an unknown type");
}

static ts_status bind_default(const ts_key *key, void *base, ts_error *err)
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
        char path[PATH_LEN];
        join_path(path, sizeof path, prefix, k);
        int clean = strlen(k->text) == k->len && !memchr(k->text, '.', k->len);
        const ts_key *key = clean ? find_key(ts_scenario_keys, ts_scenario_key_count, path) : NULL;
        ts_status st;
        if (key) {
            st = bind_value(ctx, key, v, s, path);
        } else if (clean && is_key_prefix(ts_scenario_keys, ts_scenario_key_count, path)) {
            if (v->kind != TS_YAML_MAPPING) {
                char found[FOUND_LEN];
                describe(v, found, sizeof found);
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

/* ---- checks across keys -------------------------------------------------- */

/* The node of path in the file, when there is a file and it has one. */
static const ts_yaml_node *node_at(const ts_yaml_node *root, const char *path)
{
    return root ? ts_yaml_find(root, path) : NULL;
}

static int all_in(const char *s, const char *allowed)
{
    return *s && strspn(s, allowed) == strlen(s);
}

static ts_status check_region(const bind_ctx *ctx, const ts_scenario *s, int32_t r, const ts_yaml_node *root)
{
    const ts_region_spec *region = &s->population.regions[r];
    char path[PATH_LEN], found[FOUND_LEN];

    snprintf(path, sizeof path, "population.regions[%" PRId32 "].code", r);
    if (!all_in(region->code, "abcdefghijklmnopqrstuvwxyz0123456789_") || strcmp(region->code, "ALL") == 0) {
        ts_error_quote(region->code, strlen(region->code), found, sizeof found);
        return fail(ctx, node_at(root, path), path,
                    "expected a code of lowercase ASCII letters, digits and '_' (not ALL), found %s", found);
    }
    for (int32_t q = 0; q < r; q++) {
        if (strcmp(s->population.regions[q].code, region->code) == 0) {
            ts_error_quote(region->code, strlen(region->code), found, sizeof found);
            return fail(ctx, node_at(root, path), path,
                        "expected a code no other region uses, found %s (also population.regions[%" PRId32 "].code)",
                        found, q);
        }
    }
    const struct {
        const char *name;
        const double *share;
    } triples[] = {{"school_locality_share", region->school_locality_share},
                   {"pupil_locality_share", region->pupil_locality_share}};
    for (size_t t = 0; t < sizeof triples / sizeof triples[0]; t++) {
        double sum = 0;
        for (int l = 0; l < TS_LOCALITY_COUNT; l++)
            sum += triples[t].share[l];
        if (!(fabs(sum - 1.0) <= SHARE_SUM_TOLERANCE)) {
            snprintf(path, sizeof path, "population.regions[%" PRId32 "].%s", r, triples[t].name);
            return fail(ctx, node_at(root, path), path, "expected shares summing to 1, found a sum of %.15g", sum);
        }
    }
    return TS_OK;
}

/* The rules the key table cannot express. With the file's tree at hand the
 * message gives the line of the offending value. */
static ts_status check(const ts_scenario *s, const char *filename, const ts_yaml_node *root, ts_error *err)
{
    const bind_ctx ctx = {filename, err};
    char found[FOUND_LEN];
    ts_status st;

    if (!all_in(s->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")) {
        ts_error_quote(s->name, strlen(s->name), found, sizeof found);
        return fail(&ctx, node_at(root, "name"), "name",
                    "expected a name of letters, digits, '.', '_' and '-', found %s", found);
    }
    if (s->horizon.end_year < s->horizon.start_year)
        return fail(&ctx, node_at(root, "horizon.end_year"), "horizon.end_year",
                    "expected a year not before horizon.start_year (%" PRId32 "), found %" PRId32,
                    s->horizon.start_year, s->horizon.end_year);
    if (s->recruitment.hire_age_max < s->recruitment.hire_age_min)
        return fail(&ctx, node_at(root, "recruitment.hire_age_max"), "recruitment.hire_age_max",
                    "expected an age not below recruitment.hire_age_min (%" PRId32 "), found %" PRId32,
                    s->recruitment.hire_age_min, s->recruitment.hire_age_max);
    /* Grade-1 entrants of year y were born in y - 6. */
    int first = s->horizon.start_year - 6, last = s->horizon.end_year - 6;
    for (int y = first; y <= last; y++)
        if (isnan(ts_series_get(&s->enrolment.births, y)))
            return fail(&ctx, node_at(root, "enrolment.births"), "enrolment.births",
                        "expected births for every year from %d to %d (start_year - 6 to end_year - 6), found "
                        "none for %d",
                        first, last, y);
    if (!s->population.regions || s->population.n_regions < 1 || s->population.n_regions > TS_MAX_REGIONS)
        return fail(&ctx, node_at(root, "population.regions"), "population.regions",
                    "expected 1 to %d regions, found %" PRId32, TS_MAX_REGIONS,
                    s->population.regions ? s->population.n_regions : 0);
    for (int32_t r = 0; r < s->population.n_regions; r++)
        if ((st = check_region(&ctx, s, r, root)) != TS_OK)
            return st;
    if (!s->population.schools_csv[0] != !s->population.teachers_csv[0]) {
        int schools = s->population.schools_csv[0] != '\0';
        const char *set = schools ? "population.schools_csv" : "population.teachers_csv";
        return fail(&ctx, node_at(root, set), schools ? "population.teachers_csv" : "population.schools_csv",
                    "expected a path since %s is set (a real roster is both files), found none", set);
    }
    return ts_targets_check(s, filename, root, err);
}

/* Roster paths are relative to the folder of the file that names them (in an
 * `extends:` chain, a parent's value is relative to the parent). */
static ts_status resolve_roster_paths(const bind_ctx *ctx, ts_scenario *s, const ts_yaml_node *root)
{
    static const char *const keys[2] = {"population.schools_csv", "population.teachers_csv"};
    char *paths[2] = {s->population.schools_csv, s->population.teachers_csv};
    for (int k = 0; k < 2; k++) {
        const ts_yaml_node *node = ts_yaml_find(root, keys[k]);
        const char *file = node && node->file ? node->file : ctx->filename;
        const char *slash = strrchr(file, '/');
        if (!node || !paths[k][0] || paths[k][0] == '/' || !slash)
            continue;
        char joined[TS_PATH_MAX];
        int n = snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - file), file, paths[k]);
        if (n < 0 || (size_t)n >= sizeof joined)
            return fail(ctx, node, keys[k], "expected a path of at most %d bytes with the scenario's folder, found %d",
                        TS_PATH_MAX - 1, n);
        memcpy(paths[k], joined, (size_t)n + 1);
    }
    return TS_OK;
}

/* ---- loading ------------------------------------------------------------- */

ts_status ts_scenario_init_defaults(ts_scenario *scenario, ts_error *err)
{
    memset(scenario, 0, sizeof *scenario);
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        if (ts_scenario_keys[i].type == TS_KEY_SERIES) {
            ts_series *series = (ts_series *)(void *)((char *)scenario + ts_scenario_keys[i].offset);
            for (int y = 0; y < TS_SERIES_LEN; y++)
                series->value[y] = NAN;
        }
    }
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        if (!ts_scenario_keys[i].default_yaml)
            continue;
        ts_status st = bind_default(&ts_scenario_keys[i], scenario, err);
        if (st != TS_OK) {
            ts_scenario_free(scenario);
            return st;
        }
    }
    return TS_OK;
}

ts_status ts_scenario_load_text(ts_scenario *scenario, const char *text, size_t len, const char *filename,
                                ts_error *err)
{
    ts_scenario s;
    ts_yaml_node *root = NULL;
    ts_scenario_files files = {0};
    char found[FOUND_LEN];
    ts_status st;

    if (!filename)
        filename = "scenario";
    const bind_ctx ctx = {filename, err, &s};
    memset(scenario, 0, sizeof *scenario);
    if ((st = ts_scenario_init_defaults(&s, err)) != TS_OK)
        return st;
    if ((st = ts_yaml_parse(text, len, filename, &root, err)) != TS_OK)
        goto cleanup;
    if (!root) {
        st = ts_error_set(err, TS_ERR_INPUT,
                          "%s: not a valid YAML scenario: no YAML document (empty or only comments); expected a "
                          "mapping of scenario keys",
                          filename);
        goto cleanup;
    }
    if (root->kind != TS_YAML_MAPPING) {
        describe(root, found, sizeof found);
        st = ts_error_set(err, TS_ERR_INPUT,
                          "%s:%zu:%zu: not a valid YAML scenario: expected a mapping of scenario keys, found %s",
                          filename, root->line, root->column, found);
        goto cleanup;
    }
    /* `extends:` chains become one tree, each node keeping its own file. */
    if ((st = ts_scenario_extends_resolve(&root, filename, &files, err)) != TS_OK)
        goto cleanup;
    if ((st = bind_mapping(&ctx, &s, root, NULL)) != TS_OK)
        goto cleanup;
    if ((st = resolve_roster_paths(&ctx, &s, root)) != TS_OK)
        goto cleanup;
    ts_uncertain_sort(&s);
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const ts_key *key = &ts_scenario_keys[i];
        if (!key->default_yaml && !ts_yaml_find(root, key->path)) {
            st = fail(&ctx, NULL, key->path, "required key missing");
            goto cleanup;
        }
    }
    if ((st = check(&s, filename, root, err)) != TS_OK)
        goto cleanup;
    *scenario = s;
    memset(&s, 0, sizeof s); /* the caller owns the regions now */

cleanup:
    ts_yaml_free(root);
    ts_scenario_files_free(&files);
    ts_scenario_free(&s);
    return st;
}

ts_status ts_scenario_read_file(const char *path, char **out, size_t *out_len, ts_error *err)
{
    FILE *f = NULL;
    char *text = NULL;
    size_t len = 0, cap = 0;
    ts_status st = TS_OK;

    *out = NULL;
    *out_len = 0;
    f = fopen(path, "rb");
    if (!f) {
        st = ts_error_set(err, TS_ERR_INPUT, "%s: cannot open scenario file: %s", path, strerror(errno));
        goto cleanup;
    }
    /* Read to the end rather than trusting a size: pipes and /dev/stdin work. */
    for (;;) {
        if (len == cap) {
            if (cap > TS_YAML_MAX_BYTES) {
                st = ts_error_set(err, TS_ERR_INPUT, "%s: not a valid YAML scenario: larger than %zu MiB", path,
                                  TS_YAML_MAX_BYTES >> 20);
                goto cleanup;
            }
            size_t grown = cap ? 2 * cap : (size_t)1 << 16;
            if (grown > TS_YAML_MAX_BYTES + 1)
                grown = TS_YAML_MAX_BYTES + 1;
            char *bigger = realloc(text, grown);
            if (!bigger) {
                st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory while reading the scenario file", path);
                goto cleanup;
            }
            text = bigger;
            cap = grown;
        }
        size_t got = fread(text + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                st = ts_error_set(err, TS_ERR_INPUT, "%s: cannot read scenario file: %s", path, strerror(errno));
                goto cleanup;
            }
            break;
        }
    }
    *out = text;
    *out_len = len;
    text = NULL;

cleanup:
    if (f)
        fclose(f);
    free(text);
    return st;
}

ts_status ts_scenario_load_file(ts_scenario *scenario, const char *path, ts_error *err)
{
    char *text = NULL;
    size_t len = 0;
    memset(scenario, 0, sizeof *scenario);
    ts_status st = ts_scenario_read_file(path, &text, &len, err);
    if (st == TS_OK)
        st = ts_scenario_load_text(scenario, text ? text : "", len, path, err);
    free(text);
    return st;
}

ts_status ts_scenario_load_builtin(ts_scenario *scenario, ts_error *err)
{
    return ts_scenario_load_text(scenario, ts_builtin_baseline_yaml, ts_builtin_baseline_len, BUILTIN_FILENAME, err);
}

ts_status ts_scenario_check(const ts_scenario *scenario, const char *filename, ts_error *err)
{
    return check(scenario, filename ? filename : "scenario", NULL, err);
}

/* ---- copy and free ------------------------------------------------------- */

ts_status ts_scenario_copy(ts_scenario *dst, const ts_scenario *src, ts_error *err)
{
    ts_region_spec *regions = NULL;
    ts_uncertain *uncertain = NULL;
    int32_t n = src->population.regions ? src->population.n_regions : 0;
    int32_t n_u = src->uncertain ? src->n_uncertain : 0;
    if (n > 0) {
        regions = malloc((size_t)n * sizeof *regions);
        if (!regions) {
            memset(dst, 0, sizeof *dst);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory copying a scenario of %" PRId32 " regions", n);
        }
        memcpy(regions, src->population.regions, (size_t)n * sizeof *regions);
    }
    if (n_u > 0) {
        uncertain = malloc((size_t)n_u * sizeof *uncertain);
        if (!uncertain) {
            free(regions);
            memset(dst, 0, sizeof *dst);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory copying a scenario");
        }
        memcpy(uncertain, src->uncertain, (size_t)n_u * sizeof *uncertain);
    }
    *dst = *src;
    dst->population.regions = regions;
    dst->population.n_regions = n > 0 ? n : 0;
    dst->uncertain = uncertain;
    dst->n_uncertain = n_u > 0 ? n_u : 0;
    return TS_OK;
}

void ts_scenario_free(ts_scenario *scenario)
{
    if (!scenario)
        return;
    free(scenario->population.regions);
    scenario->population.regions = NULL;
    scenario->population.n_regions = 0;
    free(scenario->uncertain);
    scenario->uncertain = NULL;
    scenario->n_uncertain = 0;
}

/* ---- the resolved scenario as YAML --------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
    int failed;
    const ts_scenario *scenario; /* for its distributions, written back as distributions */
} text_buffer;

static void put(text_buffer *tb, const char *s, size_t n)
{
    if (tb->failed)
        return;
    if (tb->len + n + 1 > tb->cap) {
        size_t cap = tb->cap ? tb->cap : 4096;
        while (tb->len + n + 1 > cap)
            cap *= 2;
        char *bigger = realloc(tb->buf, cap);
        if (!bigger) {
            tb->failed = 1;
            return;
        }
        tb->buf = bigger;
        tb->cap = cap;
    }
    memcpy(tb->buf + tb->len, s, n);
    tb->len += n;
    tb->buf[tb->len] = '\0';
}

static void putf(text_buffer *tb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(text_buffer *tb, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof small) {
        tb->failed = 1; /* every caller formats short items */
        return;
    }
    put(tb, small, (size_t)n);
}

static void put_indent(text_buffer *tb, int indent)
{
    for (int i = 0; i < indent; i++)
        put(tb, " ", 1);
}

/* The shortest of %.15g..%.17g that reads back to the same bits: exact on
 * reload, and 0.07 stays 0.07 for the reader of a results file. */
static void put_real(text_buffer *tb, double v)
{
    if (isnan(v)) {
        put(tb, ".nan", 4);
        return;
    }
    if (isinf(v)) {
        putf(tb, "%s", v > 0 ? ".inf" : "-.inf");
        return;
    }
    char text[40];
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, v);
        double back = strtod(text, NULL);
        if (memcmp(&back, &v, sizeof v) == 0)
            break;
    }
    put(tb, text, strlen(text));
}

/* Double-quoted YAML: every character a YAML reader would refuse raw or fold
 * (controls, C1, NEL, LS, PS, BOM) is escaped; other UTF-8 is kept. */
static void put_string(text_buffer *tb, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    put(tb, "\"", 1);
    while (*p) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            putf(tb, "\\%c", (char)c);
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            putf(tb, "\\x%02X", c);
            p++;
        } else if (c < 0x80) {
            put(tb, (const char *)p, 1);
            p++;
        } else {
            size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            unsigned cp = n == 4 ? c & 0x07 : n == 3 ? c & 0x0F : c & 0x1F;
            size_t k = 1;
            for (; k < n && (p[k] & 0xC0) == 0x80; k++)
                cp = (cp << 6) | (p[k] & 0x3F);
            if (k < n || n == 1) {
                put(tb, (const char *)p, k); /* not UTF-8: cannot be written as YAML; keep the bytes */
                p += k;
                continue;
            }
            if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE ||
                cp == 0xFFFF)
                putf(tb, "\\u%04X", cp);
            else
                put(tb, (const char *)p, n);
            p += n;
        }
    }
    put(tb, "\"", 1);
}

static void put_value(text_buffer *tb, const ts_key *key, const void *base, int indent);

/* A number given as a distribution is written as that distribution (flow
 * style, so it fits inside a list), and reads back to the same scenario. */
static int put_uncertain(text_buffer *tb, const ts_key *key, int32_t element)
{
    const ts_uncertain *u = tb->scenario ? ts_uncertain_find(tb->scenario, key, element) : NULL;
    if (!u)
        return 0;
    char text[256];
    ts_uncertain_text(u, text, sizeof text);
    put(tb, text, strlen(text));
    return 1;
}

static void put_regions(text_buffer *tb, const ts_scenario *s, int indent)
{
    int32_t n = s->population.regions ? s->population.n_regions : 0;
    if (n <= 0) {
        put(tb, " []\n", 4);
        return;
    }
    put(tb, "\n", 1);
    for (int32_t r = 0; r < n; r++) {
        for (size_t j = 0; j < ts_region_key_count; j++) {
            put_indent(tb, indent + 2);
            put(tb, j == 0 ? "- " : "  ", 2);
            putf(tb, "%s:", ts_region_keys[j].path);
            put_value(tb, &ts_region_keys[j], &s->population.regions[r], indent + 4);
        }
    }
}

/* Block style, every key written (counties only when set), so it reads back
 * to the same list. */
static void put_targets(text_buffer *tb, const ts_target_list *list, int indent)
{
    if (list->n <= 0) {
        put(tb, " []\n", 4);
        return;
    }
    put(tb, "\n", 1);
    for (int32_t i = 0; i < list->n; i++) {
        const ts_target *t = &list->item[i];
        const char *labels[3] = {"name", "indicator", "region"};
        const char *texts[3] = {t->name, t->indicator, t->region};
        for (int k = 0; k < 3; k++) {
            put_indent(tb, indent + 2);
            putf(tb, "%s%s: ", k == 0 ? "- " : "  ", labels[k]);
            put_string(tb, texts[k]);
            put(tb, "\n", 1);
        }
        put_indent(tb, indent + 4);
        putf(tb, "%s: %d\n", t->by_year ? "by_year" : "in_year", (int)t->year);
        put_indent(tb, indent + 4);
        putf(tb, "op: \"%s\"\n", t->op >= 0 && t->op < TS_TARGET_OP_COUNT ? ts_target_op_names[t->op] : "?");
        put_indent(tb, indent + 4);
        put(tb, "value: ", 7);
        put_real(tb, t->value);
        put(tb, "\n", 1);
        if (t->counties) {
            put_indent(tb, indent + 4);
            putf(tb, "counties: %d\n", (int)t->counties);
        }
    }
}

static void put_value(text_buffer *tb, const ts_key *key, const void *base, int indent)
{
    const char *field = (const char *)base + key->offset;
    int32_t i;
    double v;
    switch (key->type) {
    case TS_KEY_INT:
        memcpy(&i, field, sizeof i);
        putf(tb, " %" PRId32 "\n", i);
        return;
    case TS_KEY_BOOL:
        memcpy(&i, field, sizeof i);
        putf(tb, " %s\n", i ? "true" : "false");
        return;
    case TS_KEY_REAL:
        memcpy(&v, field, sizeof v);
        put(tb, " ", 1);
        if (!put_uncertain(tb, key, 0))
            put_real(tb, v);
        put(tb, "\n", 1);
        return;
    case TS_KEY_STRING: {
        char text[1024];
        size_t n = key->count < sizeof text ? key->count : sizeof text;
        memcpy(text, field, n);
        text[n - 1] = '\0'; /* a field filled in code may lack its NUL */
        put(tb, " ", 1);
        put_string(tb, text);
        put(tb, "\n", 1);
        return;
    }
    case TS_KEY_REALS:
    case TS_KEY_INTS:
        put(tb, " [", 2);
        for (size_t k = 0; k < key->count; k++) {
            if (k)
                put(tb, ", ", 2);
            if (key->type == TS_KEY_INTS) {
                memcpy(&i, field + k * sizeof i, sizeof i);
                putf(tb, "%" PRId32, i);
            } else if (!put_uncertain(tb, key, (int32_t)k)) {
                memcpy(&v, field + k * sizeof v, sizeof v);
                put_real(tb, v);
            }
        }
        put(tb, "]\n", 2);
        return;
    case TS_KEY_SERIES: {
        const double *value = (const double *)(const void *)field;
        int any = 0;
        for (int y = 0; y < TS_SERIES_LEN; y++) {
            if (isnan(value[y]))
                continue;
            if (!any)
                put(tb, "\n", 1);
            any = 1;
            put_indent(tb, indent + 2);
            putf(tb, "%d: ", TS_YEAR_MIN + y);
            put_real(tb, value[y]);
            put(tb, "\n", 1);
        }
        if (!any)
            put(tb, " {}\n", 4);
        return;
    }
    case TS_KEY_REGIONS:
        put_regions(tb, base, indent);
        return;
    case TS_KEY_TARGETS:
        put_targets(tb, (const ts_target_list *)(const void *)field, indent);
        return;
    }
}

/* Keys are written as nested mappings in table order; a mapping is written
 * once, where its first key appears, with all its keys under it. */
static void put_level(text_buffer *tb, const ts_scenario *s, const char *prefix, size_t prefix_len, int indent)
{
    for (size_t i = 0; i < ts_scenario_key_count; i++) {
        const char *path = ts_scenario_keys[i].path;
        if (prefix_len && (strncmp(path, prefix, prefix_len) != 0 || path[prefix_len] != '.'))
            continue;
        const char *part = path + (prefix_len ? prefix_len + 1 : 0);
        size_t part_len = strcspn(part, ".");
        size_t head_len = (size_t)(part - path) + part_len;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strncmp(ts_scenario_keys[j].path, path, head_len) == 0 &&
                   (ts_scenario_keys[j].path[head_len] == '.' || ts_scenario_keys[j].path[head_len] == '\0');
        if (seen)
            continue;
        put_indent(tb, indent);
        put(tb, part, part_len);
        put(tb, ":", 1);
        if (part[part_len] == '\0') {
            put_value(tb, &ts_scenario_keys[i], s, indent);
        } else {
            put(tb, "\n", 1);
            put_level(tb, s, path, head_len, indent + 2);
        }
    }
}

char *ts_scenario_to_yaml(const ts_scenario *scenario)
{
    text_buffer tb = {0};
    tb.scenario = scenario;
    put_level(&tb, scenario, "", 0, 0);
    if (tb.failed || !tb.buf) {
        free(tb.buf);
        return NULL;
    }
    return tb.buf;
}
