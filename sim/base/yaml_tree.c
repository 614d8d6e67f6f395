/*
 * yaml_tree.c: libyaml parser events turned into a tree of nodes with their
 * positions (see yaml_tree.h). Owns the YAML limits and their messages; knows
 * nothing of scenario keys.
 */
#include "yaml_tree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* One open mapping or sequence. A mapping's key waits here until its value
 * arrives, so it is owned by the frame and freed with it on failure. */
typedef struct {
    ts_yaml_node *node;
    ts_yaml_node *key;
    /* A mapping's keys by hash (open addressing, entry index + 1, 0 empty),
     * built once it has more than LINEAR_KEYS entries: the duplicate check
     * is then constant time per key rather than a scan of every earlier key,
     * which made a mapping of 300,000 keys take minutes. */
    size_t *slots;
    size_t n_slots; /* a power of two, at least twice the entries */
} frame;

#define LINEAR_KEYS 16

typedef struct {
    const char *filename;
    ts_error *err;
    frame stack[TS_YAML_MAX_DEPTH];
    size_t depth;
    ts_yaml_node *root;
    int documents; /* document starts seen: a second one is refused */
    int done;      /* the stream has ended */
} builder;

void ts_yaml_free(ts_yaml_node *node)
{
    if (!node)
        return;
    for (size_t i = 0; i < node->n; i++) {
        if (node->keys)
            ts_yaml_free(node->keys[i]);
        ts_yaml_free(node->items[i]);
    }
    free(node->keys);
    free(node->items);
    free(node->text);
    free(node);
}

static ts_yaml_node *node_new(const builder *b, ts_yaml_kind kind, yaml_mark_t mark)
{
    ts_yaml_node *node = calloc(1, sizeof *node);
    if (!node)
        return NULL;
    node->kind = kind;
    node->file = b->filename;
    node->line = mark.line + 1;
    node->column = mark.column + 1;
    return node;
}

int ts_yaml_append(ts_yaml_node *parent, ts_yaml_node *key, ts_yaml_node *item)
{
    if (parent->n == parent->cap) {
        size_t cap = parent->cap ? 2 * parent->cap : 4;
        ts_yaml_node **items = realloc(parent->items, cap * sizeof *items);
        if (!items)
            return 0;
        parent->items = items;
        if (parent->kind == TS_YAML_MAPPING) {
            ts_yaml_node **keys = realloc(parent->keys, cap * sizeof *keys);
            if (!keys)
                return 0;
            parent->keys = keys;
        }
        parent->cap = cap;
    }
    if (parent->kind == TS_YAML_MAPPING)
        parent->keys[parent->n] = key;
    parent->items[parent->n++] = item;
    return 1;
}

/* The dotted path of the entry being built, for messages about it. Every
 * open collection below the top is the last entry of its parent. */
static void builder_path(const builder *b, const char *last, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i + 1 < b->depth && at < size; i++) {
        const ts_yaml_node *parent = b->stack[i].node;
        if (parent->kind == TS_YAML_SEQUENCE)
            at += (size_t)snprintf(buf + at, size - at, "[%zu]", parent->n - 1);
        else
            at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? "." : "", parent->keys[parent->n - 1]->text);
    }
    if (last && at < size)
        snprintf(buf + at, size - at, "%s%s", at ? "." : "", last);
}

/* FNV-1a over the key's bytes. */
static size_t key_hash(const char *text, size_t len)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 1099511628211u;
    return (size_t)h;
}

static int same_key(const ts_yaml_node *a, const ts_yaml_node *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static void slot_insert(frame *f, size_t entry)
{
    const ts_yaml_node *k = f->node->keys[entry];
    size_t at = key_hash(k->text, k->len) & (f->n_slots - 1);
    while (f->slots[at])
        at = (at + 1) & (f->n_slots - 1);
    f->slots[at] = entry + 1;
}

/* Index the mapping's newest entry; rebuilds the table twice as large when
 * it would be more than half full. Returns 0 when out of memory. */
static int index_last_key(frame *f)
{
    size_t n = f->node->n;
    if (n <= LINEAR_KEYS)
        return 1;
    if (2 * n > f->n_slots) {
        size_t n_slots = f->n_slots ? 2 * f->n_slots : 4 * LINEAR_KEYS;
        while (2 * n > n_slots)
            n_slots *= 2;
        size_t *slots = calloc(n_slots, sizeof *slots);
        if (!slots)
            return 0;
        free(f->slots);
        f->slots = slots;
        f->n_slots = n_slots;
        for (size_t i = 0; i < n; i++)
            slot_insert(f, i);
        return 1;
    }
    slot_insert(f, n - 1);
    return 1;
}

/* The earlier key equal to key in the mapping being built, or NULL. */
static const ts_yaml_node *find_earlier_key(const frame *f, const ts_yaml_node *key)
{
    const ts_yaml_node *map = f->node;
    if (!f->slots) {
        for (size_t i = 0; i < map->n; i++)
            if (same_key(map->keys[i], key))
                return map->keys[i];
        return NULL;
    }
    for (size_t at = key_hash(key->text, key->len) & (f->n_slots - 1); f->slots[at]; at = (at + 1) & (f->n_slots - 1))
        if (same_key(map->keys[f->slots[at] - 1], key))
            return map->keys[f->slots[at] - 1];
    return NULL;
}

static ts_status fail_at(builder *b, yaml_mark_t mark, const char *what)
{
    return ts_error_set(b->err, TS_ERR_INPUT, "%s:%zu:%zu: not a valid YAML scenario: %s", b->filename, mark.line + 1,
                        mark.column + 1, what);
}

/* Hand a finished or just-opened node to its parent. Takes ownership of node
 * whatever happens. */
static ts_status attach(builder *b, ts_yaml_node *node)
{
    if (b->depth == 0) {
        b->root = node;
        return TS_OK;
    }
    frame *top = &b->stack[b->depth - 1];
    if (top->node->kind == TS_YAML_MAPPING && !top->key) {
        if (node->kind != TS_YAML_SCALAR) {
            ts_status st = ts_error_set(b->err, TS_ERR_INPUT,
                                        "%s:%zu:%zu: not a valid YAML scenario: a mapping key must be a "
                                        "plain word, found a %s",
                                        b->filename, node->line, node->column,
                                        node->kind == TS_YAML_MAPPING ? "mapping" : "sequence");
            ts_yaml_free(node);
            return st;
        }
        const ts_yaml_node *k = find_earlier_key(top, node);
        if (k) {
            char path[512];
            builder_path(b, node->text, path, sizeof path);
            ts_status st = ts_error_set(b->err, TS_ERR_INPUT, "%s:%zu:%zu: %s: duplicate key (first given at %zu:%zu)",
                                        b->filename, node->line, node->column, path, k->line, k->column);
            ts_yaml_free(node);
            return st;
        }
        top->key = node;
        return TS_OK;
    }
    ts_yaml_node *key = top->node->kind == TS_YAML_MAPPING ? top->key : NULL;
    if (!ts_yaml_append(top->node, key, node)) {
        ts_yaml_free(node);
        return ts_error_set(b->err, TS_ERR_NOMEM, "%s: out of memory while reading YAML", b->filename);
    }
    top->key = NULL;
    if (key && !index_last_key(top))
        return ts_error_set(b->err, TS_ERR_NOMEM, "%s: out of memory while reading YAML", b->filename);
    return TS_OK;
}

/* Anchors, aliases and tags are refused: scenario files are plain data, and
 * an alias would let one node sit under two paths of the tree. */
static ts_status refuse_extras(builder *b, yaml_mark_t mark, const yaml_char_t *anchor, const yaml_char_t *tag)
{
    char what[256];
    if (anchor) {
        snprintf(what, sizeof what, "anchors (&%.64s) are not supported; write the value out", (const char *)anchor);
        return fail_at(b, mark, what);
    }
    if (tag) {
        /* libyaml hands over the resolved tag; show it as it is usually written. */
        static const char core[] = "tag:yaml.org,2002:";
        const char *t = (const char *)tag;
        int is_core = strncmp(t, core, sizeof core - 1) == 0;
        snprintf(what, sizeof what, "tags (%s%.64s) are not supported; quote the value instead", is_core ? "!!" : "",
                 is_core ? t + sizeof core - 1 : t);
        return fail_at(b, mark, what);
    }
    return TS_OK;
}

/* Line and column of a byte offset, for reader errors (bad UTF-8), where
 * libyaml reports an offset but no mark. Columns count characters as
 * libyaml's marks do. */
static void offset_position(const char *text, size_t len, size_t offset, size_t *line, size_t *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset && i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            ++*line;
            *column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Whether line `line` (1-based) of the text has a tab in its indentation. The
 * line is found by counting newlines: libyaml's mark counts characters, not
 * bytes, so it cannot index UTF-8 text. */
static int indented_with_tab(const char *text, size_t len, size_t line)
{
    size_t at = 0;
    for (size_t n = 1; n < line && at < len; at++)
        if (text[at] == '\n')
            n++;
    for (; at < len && (text[at] == ' ' || text[at] == '\t'); at++)
        if (text[at] == '\t')
            return 1;
    return 0;
}

/* Plain words for libyaml's messages that usually mean a mistake of layout:
 * what to look at on the line the message names (line; tab: the problem is
 * at a tab), or "" when the problem is of another kind. */
static void layout_hint(const char *problem, size_t line, int tab, char *hint, size_t size)
{
    hint[0] = '\0';
    if (strstr(problem, "mapping values are not allowed"))
        snprintf(hint, size,
                 "; check the indentation of line %zu and the line above it: a key must line up with the keys above "
                 "it, a value after a colon needs a space (`key: value`), and a mapping on one line is written in "
                 "braces (`rotation: {rate: 0.2}`)",
                 line);
    else if (strstr(problem, "did not find expected key"))
        snprintf(hint, size,
                 "; check the indentation of line %zu: a key must line up with the keys above it, and a value after "
                 "a colon needs a space",
                 line);
    else if (strstr(problem, "did not find expected '-' indicator") || strstr(problem, "block sequence entries"))
        snprintf(hint, size,
                 "; check the indentation of line %zu: the items of a list line up, each starting with \"- \"", line);
    else if (tab && strstr(problem, "cannot start any token"))
        snprintf(hint, size, "; check line %zu for a tab: YAML indents with spaces only", line);
}

static ts_status parser_error(const yaml_parser_t *parser, const char *text, size_t len, builder *b)
{
    if (parser->error == YAML_MEMORY_ERROR)
        return ts_error_set(b->err, TS_ERR_NOMEM, "%s: out of memory while reading YAML", b->filename);
    const char *problem = parser->problem ? parser->problem : "unknown problem";
    size_t line, column;
    if (parser->error == YAML_READER_ERROR) {
        offset_position(text, len, parser->problem_offset, &line, &column);
        if (parser->problem_value != -1)
            return ts_error_set(b->err, TS_ERR_INPUT, "%s:%zu:%zu: not a valid YAML scenario: %s (#%X)", b->filename,
                                line, column, problem, (unsigned)parser->problem_value);
        return ts_error_set(b->err, TS_ERR_INPUT, "%s:%zu:%zu: not a valid YAML scenario: %s", b->filename, line,
                            column, problem);
    }
    char hint[512];
    line = parser->problem_mark.line + 1;
    column = parser->problem_mark.column + 1;
    layout_hint(problem, line, indented_with_tab(text, len, line), hint, sizeof hint);
    if (parser->context)
        return ts_error_set(b->err, TS_ERR_INPUT, "%s:%zu:%zu: not a valid YAML scenario: %s (%s at %zu:%zu)%s",
                            b->filename, line, column, problem, parser->context, parser->context_mark.line + 1,
                            parser->context_mark.column + 1, hint);
    return ts_error_set(b->err, TS_ERR_INPUT, "%s:%zu:%zu: not a valid YAML scenario: %s%s", b->filename, line, column,
                        problem, hint);
}

static ts_status on_scalar(builder *b, const yaml_event_t *ev)
{
    ts_status st = refuse_extras(b, ev->start_mark, ev->data.scalar.anchor, ev->data.scalar.tag);
    if (st != TS_OK)
        return st;
    ts_yaml_node *node = node_new(b, TS_YAML_SCALAR, ev->start_mark);
    if (!node || !(node->text = malloc(ev->data.scalar.length + 1))) {
        ts_yaml_free(node);
        return ts_error_set(b->err, TS_ERR_NOMEM, "%s: out of memory while reading YAML", b->filename);
    }
    memcpy(node->text, ev->data.scalar.value, ev->data.scalar.length);
    node->text[ev->data.scalar.length] = '\0';
    node->len = ev->data.scalar.length;
    node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return attach(b, node);
}

static ts_status on_open(builder *b, const yaml_event_t *ev, ts_yaml_kind kind)
{
    int mapping = kind == TS_YAML_MAPPING;
    const yaml_char_t *anchor = mapping ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    const yaml_char_t *tag = mapping ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    ts_status st = refuse_extras(b, ev->start_mark, anchor, tag);
    if (st != TS_OK)
        return st;
    if (b->depth == TS_YAML_MAX_DEPTH) {
        char what[64];
        snprintf(what, sizeof what, "nesting deeper than %d levels", TS_YAML_MAX_DEPTH);
        return fail_at(b, ev->start_mark, what);
    }
    ts_yaml_node *node = node_new(b, kind, ev->start_mark);
    if (!node)
        return ts_error_set(b->err, TS_ERR_NOMEM, "%s: out of memory while reading YAML", b->filename);
    /* Attached before its children arrive, so the tree owns it from now on. */
    st = attach(b, node);
    if (st != TS_OK)
        return st;
    b->stack[b->depth] = (frame){.node = node};
    b->depth++;
    return TS_OK;
}

/* Build the tree from one parser event; a second document and aliases are
 * refused here, as they have no node of their own. */
static ts_status on_event(builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1)
            return fail_at(b, ev->start_mark, "more than one YAML document (a second '---')");
        return TS_OK;
    case YAML_ALIAS_EVENT: {
        char what[256];
        snprintf(what, sizeof what, "aliases (*%.64s) are not supported; write the value out",
                 (const char *)ev->data.alias.anchor);
        return fail_at(b, ev->start_mark, what);
    }
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_open(b, ev, TS_YAML_SEQUENCE);
    case YAML_MAPPING_START_EVENT:
        return on_open(b, ev, TS_YAML_MAPPING);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        b->depth--;
        free(b->stack[b->depth].slots);
        return TS_OK;
    case YAML_STREAM_END_EVENT:
        b->done = 1;
        return TS_OK;
    default: /* stream start, document end, no event */
        return TS_OK;
    }
}

ts_status ts_yaml_parse(const char *text, size_t len, const char *filename, ts_yaml_node **root, ts_error *err)
{
    builder b = {.filename = filename ? filename : "<yaml>", .err = err};
    yaml_parser_t parser;
    yaml_event_t event;
    int parser_ready = 0, event_ready = 0;
    ts_status st = TS_OK;

    *root = NULL;
    if (len > TS_YAML_MAX_BYTES) {
        st = ts_error_set(err, TS_ERR_INPUT, "%s: not a valid YAML scenario: larger than %zu MiB (%zu bytes)",
                          b.filename, TS_YAML_MAX_BYTES >> 20, len);
        goto cleanup;
    }
    if (!yaml_parser_initialize(&parser)) {
        st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory while reading YAML", b.filename);
        goto cleanup;
    }
    parser_ready = 1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)(text ? text : ""), text ? len : 0);

    while (!b.done) {
        if (!yaml_parser_parse(&parser, &event)) {
            st = parser_error(&parser, text, len, &b);
            goto cleanup;
        }
        event_ready = 1;
        if ((st = on_event(&b, &event)) != TS_OK)
            goto cleanup;
        yaml_event_delete(&event);
        event_ready = 0;
    }
    *root = b.root;
    b.root = NULL;

cleanup:
    if (event_ready)
        yaml_event_delete(&event);
    if (parser_ready)
        yaml_parser_delete(&parser);
    for (size_t i = 0; i < b.depth; i++) {
        ts_yaml_free(b.stack[i].key);
        free(b.stack[i].slots);
    }
    ts_yaml_free(b.root);
    return st;
}

const ts_yaml_node *ts_yaml_map_get(const ts_yaml_node *map, const char *key)
{
    if (!map || map->kind != TS_YAML_MAPPING)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < map->n; i++)
        if (map->keys[i]->len == len && memcmp(map->keys[i]->text, key, len) == 0)
            return map->items[i];
    return NULL;
}

const ts_yaml_node *ts_yaml_find(const ts_yaml_node *root, const char *path)
{
    const ts_yaml_node *node = root;
    const char *p = path;
    while (node && *p) {
        if (*p == '[') {
            char *end;
            unsigned long long i = strtoull(p + 1, &end, 10);
            if (end == p + 1 || *end != ']' || node->kind != TS_YAML_SEQUENCE || i >= node->n)
                return NULL;
            node = node->items[i];
            p = end + 1;
        } else {
            if (*p == '.')
                p++;
            size_t n = strcspn(p, ".[");
            char key[256];
            if (n == 0 || n >= sizeof key)
                return NULL;
            memcpy(key, p, n);
            key[n] = '\0';
            node = ts_yaml_map_get(node, key);
            p += n;
        }
    }
    return node;
}

int ts_yaml_is_null(const ts_yaml_node *node)
{
    if (!node || node->kind != TS_YAML_SCALAR || !node->plain)
        return 0;
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        if (strcmp(node->text, nulls[i]) == 0)
            return 1;
    return 0;
}
