/*
 * scenario_yaml.c: a scenario written back as YAML (ts_scenario_to_yaml).
 *
 * Owns: the resolved scenario as nested mappings in key-table order, every
 * key written, numbers as the shortest text that reads back to the same
 * bits, texts double-quoted with what YAML would refuse escaped,
 * distributions written back as distributions and schedules as mappings of
 * years, so that loading the text gives the same scenario.
 * Does not own the key table (scenario_keys.c) nor the text of a
 * distribution (scenario_uncertain.c).
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"

typedef struct {
    char *buf;
    size_t len, cap;
    int failed;
    const ts_scenario *scenario; /* for its distributions, written back as distributions */
    int32_t year;                /* 0, or the year of the schedule point being written */
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
    const ts_uncertain *u = tb->scenario ? ts_uncertain_find_at(tb->scenario, key, element, tb->year) : NULL;
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

/* Block style, every key written, so it reads back to the same list. */
static void put_new_schools(text_buffer *tb, const ts_new_school_list *list, int indent)
{
    if (list->n <= 0) {
        put(tb, " []\n", 4);
        return;
    }
    put(tb, "\n", 1);
    for (int32_t i = 0; i < list->n; i++)
        for (size_t j = 0; j < ts_new_school_key_count; j++) {
            put_indent(tb, indent + 2);
            put(tb, j == 0 ? "- " : "  ", 2);
            putf(tb, "%s:", ts_new_school_keys[j].path);
            put_value(tb, &ts_new_school_keys[j], &list->item[i], indent + 4);
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
        if (t->subjects) {
            put_indent(tb, indent + 4);
            put(tb, "subject: [", 10);
            for (int j = 0, first = 1; j < TS_SUBJECT_COUNT; j++)
                if (t->subjects & (1 << j)) {
                    putf(tb, "%s%s", first ? "" : ", ", ts_subject_codes[j]);
                    first = 0;
                }
            put(tb, "]\n", 2);
        }
        if (t->school[0]) {
            put_indent(tb, indent + 4);
            put(tb, "school: ", 8);
            put_string(tb, t->school);
            put(tb, "\n", 1);
        }
        put_indent(tb, indent + 4);
        putf(tb, "%s: %d\n", t->every_year ? "every_year_to" : t->by_year ? "by_year" : "in_year", (int)t->year);
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
    case TS_KEY_SCHOOLS:
        put_new_schools(tb, (const ts_new_school_list *)(const void *)field, indent);
        return;
    }
}

/* A key given as a schedule: a mapping of its years, each year's value
 * written as the key's value is, from a copy of the scenario holding it. */
static int put_schedule(text_buffer *tb, const ts_key *key, const ts_scenario *s, int indent)
{
    int32_t n = 0;
    const ts_schedule_point *p = ts_schedule_find(s, key, &n);
    if (!p)
        return 0;
    ts_scenario view = *s;
    put(tb, "\n", 1);
    for (int32_t k = 0; k < n; k++) {
        memcpy((char *)&view + key->offset, p[k].bytes, ts_schedule_field_size(key));
        put_indent(tb, indent + 2);
        putf(tb, "%" PRId32 ":", p[k].year);
        tb->year = p[k].year;
        put_value(tb, key, &view, indent + 2);
        tb->year = 0;
    }
    return 1;
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
            if (!put_schedule(tb, &ts_scenario_keys[i], s, indent))
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
