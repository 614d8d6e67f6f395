/*
 * scenario_messages.c: the one message format of the scenario loader, and
 * the reading of YAML core-schema scalars that the messages and the binders
 * share.
 *
 * Owns: FILE:LINE:COLUMN: PATH: WHAT (ts_scenario_fail), how a node reads
 * in a message (1.5, "twenty", a mapping, a sequence of 2 items), and which
 * plain scalars are numbers and booleans (YAML 1.2 core schema only).
 * Does not own what a key expects (scenario_bind.c and the files that bind a
 * key of their own) nor YAML syntax (yaml_tree.c).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"

#define FOUND_TEXT_MAX 60 /* bytes of a found text quoted before it is cut */

/* Every binding and check message goes through here, so they all share the
 * one format: FILE:LINE:COLUMN: PATH: WHAT (no position when none is known).
 * FILE is the node's own: in a scenario that extends another, a value from
 * the parent is reported in the parent's file. */
ts_status ts_scenario_vfail(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                            const char *fmt, va_list ap)
{
    char what[1024];
    vsnprintf(what, sizeof what, fmt, ap);
    if (node)
        return ts_error_set(err, TS_ERR_INPUT, "%s:%zu:%zu: %s: %s", node->file ? node->file : filename, node->line,
                            node->column, path, what);
    return ts_error_set(err, TS_ERR_INPUT, "%s: %s: %s", filename, path, what);
}

ts_status ts_scenario_fail(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ts_status st = ts_scenario_vfail(err, filename, node, path, fmt, ap);
    va_end(ap);
    return st;
}

int ts_scenario_bool_word(const char *s, int *value)
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
int ts_scenario_number_syntax(const char *s, int integer_only)
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

int ts_scenario_plain_text(const ts_yaml_node *node)
{
    return node->kind == TS_YAML_SCALAR && node->plain && strlen(node->text) == node->len;
}

/* Plain scalars that YAML reads as something other than text are shown as
 * written (1.5, true, .nan); everything else is quoted, so `found "twenty"`
 * is plainly a text. */
static int shown_bare(const ts_yaml_node *node)
{
    int b;
    if (!ts_scenario_plain_text(node))
        return 0;
    const char *t = node->text + (node->text[0] == '-' || node->text[0] == '+');
    return ts_scenario_number_syntax(node->text, 0) || ts_scenario_bool_word(node->text, &b) ||
           strcmp(t, ".nan") == 0 || strcmp(t, ".NaN") == 0 || strcmp(t, ".NAN") == 0 || strcmp(t, ".inf") == 0 ||
           strcmp(t, ".Inf") == 0 || strcmp(t, ".INF") == 0;
}

void ts_scenario_describe(const ts_yaml_node *node, char *buf, size_t size)
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

int ts_scenario_node_real(const ts_yaml_node *node, double *value)
{
    if (!ts_scenario_plain_text(node) || !ts_scenario_number_syntax(node->text, 0))
        return 0;
    *value = strtod(node->text, NULL);
    return isfinite(*value);
}
