/*
 * scenario_extends.c: `extends:` — a scenario written as changes to another.
 *
 * Owns: finding each parent (a path relative to the file that names it, or
 * the name of a built-in scenario), the chain's limits (no cycles, at most
 * TS_EXTENDS_MAX_DEPTH files, `name:` in every file), and merging the chain
 * into one YAML tree before anything is bound: mappings of keys merge key by
 * key; a key's value (a number, a list, a births map, a distribution, the
 * region list) is replaced whole by the child's. Every node keeps the file it
 * was read from, so a message about a value names the file it is in.
 * Does not own binding (scenario_bind.c) nor YAML syntax (yaml_tree.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario_internal.h"
#include "text.h"

#define BUILTIN_IDENTITY                                                                                               \
    "\x01"                                                                                                             \
    "built-in scenario " TS_BUILTIN_BASELINE_NAME
#define CHAIN_TEXT 4096

void ts_scenario_files_free(ts_scenario_files *files)
{
    for (size_t i = 0; i < files->n; i++)
        free(files->name[i]);
    files->n = 0;
}

/* The file as the same file whatever path leads to it (for cycles). */
static char *identity_of(const char *path)
{
    char *real = realpath(path, NULL);
    return real ? real : ts_text_dup(path);
}

/* Take the top-level `extends` entry out of a mapping; its key and value are
 * handed to the caller (NULL when there is none). */
static void detach_extends(ts_yaml_node *root, ts_yaml_node **key, ts_yaml_node **value)
{
    *key = *value = NULL;
    for (size_t i = 0; i < root->n; i++) {
        if (root->keys[i]->len == 7 && memcmp(root->keys[i]->text, "extends", 7) == 0) {
            *key = root->keys[i];
            *value = root->items[i];
            memmove(&root->keys[i], &root->keys[i + 1], (root->n - i - 1) * sizeof *root->keys);
            memmove(&root->items[i], &root->items[i + 1], (root->n - i - 1) * sizeof *root->items);
            root->n--;
            return;
        }
    }
}

static int is_key_path(const char *path)
{
    for (size_t i = 0; i < ts_scenario_key_count; i++)
        if (strcmp(ts_scenario_keys[i].path, path) == 0)
            return 1;
    return 0;
}

/* Merge mapping src (the child) into dst (the parent), consuming src's
 * entries: a mapping that is not itself a key's value merges recursively;
 * anything else replaces the parent's entry, key node included (so its
 * position is the child's). Returns 0 when out of memory. */
static int merge(ts_yaml_node *dst, ts_yaml_node *src, const char *prefix)
{
    for (size_t i = 0; i < src->n; i++) {
        ts_yaml_node *k = src->keys[i], *v = src->items[i];
        char path[TS_SCENARIO_PATH_LEN];
        snprintf(path, sizeof path, "%s%s%.*s", prefix, *prefix ? "." : "", (int)k->len, k->text);
        size_t j = 0;
        while (j < dst->n && !(dst->keys[j]->len == k->len && memcmp(dst->keys[j]->text, k->text, k->len) == 0))
            j++;
        if (j < dst->n && dst->items[j]->kind == TS_YAML_MAPPING && v->kind == TS_YAML_MAPPING && !is_key_path(path)) {
            if (!merge(dst->items[j], v, path))
                return 0;
            continue; /* v's entries are consumed; v itself is freed with src */
        }
        if (j < dst->n) {
            ts_yaml_free(dst->keys[j]);
            ts_yaml_free(dst->items[j]);
            dst->keys[j] = k;
            dst->items[j] = v;
        } else if (!ts_yaml_append(dst, k, v)) {
            return 0;
        }
        src->keys[i] = src->items[i] = NULL;
    }
    return 1;
}

/* "a.yaml -> b.yaml -> c.yaml", the chain so far and then `last`. */
static void chain_text(char *buf, size_t size, char *const *names, size_t n, const char *last)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i <= n && at < size; i++)
        at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? " -> " : "", i < n ? names[i] : last);
}

static int builtin_name(const ts_yaml_node *v)
{
    return strcmp(v->text, TS_BUILTIN_BASELINE_NAME) == 0;
}

static ts_status require_name(const ts_yaml_node *root, const char *file, ts_error *err)
{
    if (ts_yaml_map_get(root, "name"))
        return TS_OK;
    return ts_scenario_fail(err, file, NULL, "name",
                            "required key missing (every scenario names itself, even one that extends another, "
                            "so that results are labelled)");
}

/* The chain of files being resolved: tree[0] is the scenario itself,
 * tree[i + 1] the parent of tree[i]; display names each in messages, and
 * identity is the same text for the same file whatever path reaches it. */
typedef struct {
    ts_yaml_node *tree[TS_EXTENDS_MAX_DEPTH];
    char *display[TS_EXTENDS_MAX_DEPTH];
    char *identity[TS_EXTENDS_MAX_DEPTH];
    size_t n;
} extends_chain;

/* The one message for memory running out while the chain is resolved. */
static ts_status out_of_memory(ts_error *err, const char *filename)
{
    return ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory", filename);
}

/* An `extends` value must name a file or a built-in scenario: a non-empty
 * scalar without an embedded NUL, so that it can be used as a path. */
static ts_status check_extends_value(const ts_yaml_node *ext, const char *filename, ts_error *err)
{
    char found[TS_SCENARIO_FOUND_LEN];
    if (ext->kind == TS_YAML_SCALAR && !ts_yaml_is_null(ext) && ext->len != 0 && strlen(ext->text) == ext->len)
        return TS_OK;
    ts_scenario_describe(ext, found, sizeof found);
    return ts_scenario_fail(err, filename, ext, "extends",
                            "expected the file name of a scenario (relative to this file) or the name of a built-in "
                            "scenario (%s), found %s",
                            TS_BUILTIN_BASELINE_NAME, found);
}

/* A parent's path is relative to the folder of the file that names it
 * (`here`), unless it is absolute or names a built-in scenario. */
static ts_status parent_path(const char *here, const ts_yaml_node *ext, int builtin, char **out, const char *filename,
                             ts_error *err)
{
    const char *slash = strrchr(here, '/');
    size_t dir = (ext->text[0] == '/' || builtin || !slash) ? 0 : (size_t)(slash - here) + 1;
    char *path = malloc(dir + ext->len + 1);
    if (!path)
        return out_of_memory(err, filename);
    memcpy(path, here, dir);
    memcpy(path + dir, ext->text, ext->len + 1);
    *out = path;
    return TS_OK;
}

/* A parent may not be a file already in the chain (a cycle), nor make the
 * chain longer than TS_EXTENDS_MAX_DEPTH files; both messages name the chain
 * with the parent (`shown`) last. */
static ts_status check_chain(const extends_chain *c, const char *id, const char *shown, const ts_yaml_node *ext,
                             const char *filename, ts_error *err)
{
    char chain[CHAIN_TEXT];
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->identity[i], id) == 0) {
            chain_text(chain, sizeof chain, c->display, c->n, shown);
            return ts_scenario_fail(err, filename, ext, "extends", "cycle %s", chain);
        }
    }
    if (c->n == TS_EXTENDS_MAX_DEPTH) {
        chain_text(chain, sizeof chain, c->display, c->n, shown);
        return ts_scenario_fail(err, filename, ext, "extends", "more than %d scenarios in one chain (%s)",
                                TS_EXTENDS_MAX_DEPTH, chain);
    }
    return TS_OK;
}

/* Read a parent file's text; a message about it points at the `extends`
 * value, with a hint when the file looks like the built-in baseline. */
static ts_status read_parent(const char *path, const ts_yaml_node *ext, const char *filename, char **text, size_t *len,
                             ts_error *err)
{
    ts_error read_err = {0};
    struct stat info;
    /* A parent is a file: never a pipe or a device, which could block or never end. */
    if (stat(path, &info) == 0 && !S_ISREG(info.st_mode))
        return ts_scenario_fail(err, filename, ext, "extends", "%s: not a regular file", path);
    ts_status st = ts_scenario_read_file(path, text, len, &read_err);
    if (st == TS_OK)
        return TS_OK;
    const char *slash_ext = strrchr(ext->text, '/');
    const char *base = slash_ext ? slash_ext + 1 : ext->text;
    int hint = strcmp(base, TS_BUILTIN_BASELINE_NAME ".yaml") == 0;
    st = ts_scenario_fail(err, filename, ext, "extends", "%s%s", read_err.message,
                          hint ? " (the built-in baseline is `extends: " TS_BUILTIN_BASELINE_NAME "`)" : "");
    if (read_err.status == TS_ERR_NOMEM)
        err->status = st = TS_ERR_NOMEM;
    return st;
}

/* A parent's document must be a mapping of scenario keys, as the scenario's own is. */
static ts_status check_parent_root(const ts_yaml_node *parent, const char *name, ts_error *err)
{
    char found[TS_SCENARIO_FOUND_LEN];
    if (parent && parent->kind == TS_YAML_MAPPING)
        return TS_OK;
    if (!parent)
        return ts_error_set(err, TS_ERR_INPUT,
                            "%s: not a valid YAML scenario: no YAML document (empty or only comments); expected a "
                            "mapping of scenario keys",
                            name);
    /* A parent named by a path may be any file the user can read: its text
     * is not shown (extends: /etc/passwd once printed its first line), only
     * what kind of document it holds. */
    if (parent->kind == TS_YAML_SCALAR)
        snprintf(found, sizeof found, "a text of %zu bytes (not shown)", parent->len);
    else
        ts_scenario_describe(parent, found, sizeof found);
    return ts_error_set(err, TS_ERR_INPUT,
                        "%s:%zu:%zu: not a valid YAML scenario: expected a mapping of scenario keys, found %s", name,
                        parent->line, parent->column, found);
}

/* Load and parse a parent under its own name (`name`, kept in files), from
 * `path`, or from the built-in baseline when path is NULL. */
static ts_status load_parent(const char *path, const ts_yaml_node *ext, const char *name, const char *filename,
                             ts_yaml_node **out, ts_error *err)
{
    char *text = NULL;
    size_t len = ts_builtin_baseline_len;
    const char *source = ts_builtin_baseline_yaml;
    ts_yaml_node *parent = NULL;
    ts_status st = TS_OK;
    if (path) {
        if ((st = read_parent(path, ext, filename, &text, &len, err)) != TS_OK)
            goto cleanup;
        source = text ? text : "";
    }
    if ((st = ts_yaml_parse(source, len, name, &parent, err)) != TS_OK)
        goto cleanup;
    if ((st = check_parent_root(parent, name, err)) != TS_OK)
        goto cleanup;
    *out = parent;
    parent = NULL;
cleanup:
    ts_yaml_free(parent);
    free(text);
    return st;
}

/* The scenario itself joins the chain once it is known to extend another:
 * it must name itself, and its identity is what a cycle back to it matches. */
static ts_status start_chain(extends_chain *c, const char *filename, ts_error *err)
{
    ts_status st = require_name(c->tree[0], filename, err);
    if (st != TS_OK)
        return st;
    if (!(c->identity[0] = identity_of(filename)))
        return out_of_memory(err, filename);
    return TS_OK;
}

/* Append the parent that `ext` (the last file's `extends` value) names to the
 * chain: its identity, its name in files, and its tree, which must name itself. */
static ts_status add_parent(extends_chain *c, const ts_yaml_node *ext, const char *filename, ts_scenario_files *files,
                            ts_error *err)
{
    int builtin = builtin_name(ext);
    char *path = NULL, *id = NULL;
    ts_yaml_node *parent = NULL;
    ts_status st = parent_path(c->display[c->n - 1], ext, builtin, &path, filename, err);
    if (st != TS_OK)
        goto cleanup;
    if (!(id = builtin ? ts_text_dup(BUILTIN_IDENTITY) : identity_of(path))) {
        st = out_of_memory(err, filename);
        goto cleanup;
    }
    if ((st = check_chain(c, id, builtin ? TS_BUILTIN_BASELINE_NAME : path, ext, filename, err)) != TS_OK)
        goto cleanup;
    c->identity[c->n] = id;
    id = NULL;
    char *name = ts_text_dup(builtin ? TS_BUILTIN_FILENAME : path);
    if (!name) {
        st = out_of_memory(err, filename);
        goto cleanup;
    }
    files->name[files->n++] = name;
    if ((st = load_parent(builtin ? NULL : path, ext, name, filename, &parent, err)) != TS_OK)
        goto cleanup;
    c->tree[c->n] = parent;
    c->display[c->n] = name; /* name lives in files */
    c->n++;
    st = require_name(parent, name, err);
cleanup:
    free(id);
    free(path);
    return st;
}

/* Merge from the oldest ancestor down: each child overrides its parent, and
 * tree[0] ends as the whole chain merged. */
static ts_status merge_chain(extends_chain *c, const char *filename, ts_error *err)
{
    for (size_t i = c->n - 1; i > 0; i--) {
        if (!merge(c->tree[i], c->tree[i - 1], ""))
            return ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory merging extends", filename);
        ts_yaml_free(c->tree[i - 1]);
        c->tree[i - 1] = c->tree[i];
        c->tree[i] = NULL;
    }
    return TS_OK;
}

ts_status ts_scenario_extends_resolve(ts_yaml_node **root, const char *filename, ts_scenario_files *files,
                                      ts_error *err)
{
    extends_chain c = {.tree = {*root}, .display = {(char *)filename}, .n = 1};
    ts_yaml_node *ext_key = NULL, *ext = NULL;
    ts_status st = TS_OK;

    for (;;) {
        ts_yaml_free(ext_key);
        ts_yaml_free(ext);
        detach_extends(c.tree[c.n - 1], &ext_key, &ext);
        if (!ext)
            break;
        if (c.n == 1 && (st = start_chain(&c, filename, err)) != TS_OK)
            goto cleanup;
        if ((st = check_extends_value(ext, filename, err)) != TS_OK)
            goto cleanup;
        if ((st = add_parent(&c, ext, filename, files, err)) != TS_OK)
            goto cleanup;
    }
    if ((st = merge_chain(&c, filename, err)) != TS_OK)
        goto cleanup;
    *root = c.tree[0];

cleanup:
    if (st != TS_OK) {
        /* tree[0] stays the caller's, unless a merge consumed it */
        for (size_t i = 1; i < c.n; i++)
            if (c.tree[i] && c.tree[i] != c.tree[0])
                ts_yaml_free(c.tree[i]);
        if (c.n > 1 && c.tree[0] != *root)
            ts_yaml_free(c.tree[0]);
    }
    ts_yaml_free(ext_key);
    ts_yaml_free(ext);
    for (size_t i = 0; i < TS_EXTENDS_MAX_DEPTH; i++) /* identity[n] is set before its parent loads */
        free(c.identity[i]);
    return st;
}

ts_status ts_scenario_regions_replaced(const char *path, size_t *line, size_t *column, ts_error *err)
{
    char *text = NULL;
    size_t len = 0;
    ts_yaml_node *root = NULL;
    ts_error quiet = {0};
    *line = *column = 0;
    ts_status st = ts_scenario_read_file(path, &text, &len, &quiet);
    if (st == TS_OK)
        st = ts_yaml_parse(text ? text : "", len, path, &root, &quiet);
    if (st == TS_OK && root && root->kind == TS_YAML_MAPPING && ts_yaml_map_get(root, "extends")) {
        const ts_yaml_node *regions = ts_yaml_find(root, "population.regions");
        if (regions) {
            *line = regions->line;
            *column = regions->column;
        }
    }
    ts_yaml_free(root);
    free(text);
    if (quiet.status == TS_ERR_NOMEM)
        return ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory", path);
    return TS_OK;
}
