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

ts_status ts_scenario_extends_resolve(ts_yaml_node **root, const char *filename, ts_scenario_files *files,
                                      ts_error *err)
{
    /* chain[0] is the scenario itself, chain[i + 1] the parent of chain[i]. */
    ts_yaml_node *tree[TS_EXTENDS_MAX_DEPTH] = {*root};
    char *display[TS_EXTENDS_MAX_DEPTH] = {(char *)filename};
    char *identity[TS_EXTENDS_MAX_DEPTH] = {NULL};
    ts_yaml_node *ext_key = NULL, *ext = NULL;
    char *text = NULL, *path = NULL;
    size_t n = 1;
    ts_status st = TS_OK;

    for (;;) {
        ts_yaml_node *cur = tree[n - 1];
        ts_yaml_free(ext_key);
        ts_yaml_free(ext);
        detach_extends(cur, &ext_key, &ext);
        if (!ext)
            break;
        if (n == 1) {
            if ((st = require_name(cur, filename, err)) != TS_OK)
                goto cleanup;
            if (!(identity[0] = identity_of(filename))) {
                st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory", filename);
                goto cleanup;
            }
        }
        char found[TS_SCENARIO_FOUND_LEN], chain[CHAIN_TEXT];
        if (ext->kind != TS_YAML_SCALAR || ts_yaml_is_null(ext) || ext->len == 0 || strlen(ext->text) != ext->len) {
            ts_scenario_describe(ext, found, sizeof found);
            st = ts_scenario_fail(err, filename, ext, "extends",
                                  "expected the file name of a scenario (relative to this file) or the name of a "
                                  "built-in scenario (%s), found %s",
                                  TS_BUILTIN_BASELINE_NAME, found);
            goto cleanup;
        }
        /* The parent's name in messages, and its identity for cycles. */
        int builtin = builtin_name(ext);
        const char *here = display[n - 1];
        const char *slash = strrchr(here, '/');
        size_t dir = (ext->text[0] == '/' || builtin || !slash) ? 0 : (size_t)(slash - here) + 1;
        free(path);
        if (!(path = malloc(dir + ext->len + 1))) {
            st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory", filename);
            goto cleanup;
        }
        memcpy(path, here, dir);
        memcpy(path + dir, ext->text, ext->len + 1);
        char *id = builtin ? ts_text_dup(BUILTIN_IDENTITY) : identity_of(path);
        if (!id) {
            st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory", filename);
            goto cleanup;
        }
        for (size_t i = 0; i < n; i++) {
            if (strcmp(identity[i], id) == 0) {
                free(id);
                chain_text(chain, sizeof chain, display, n, builtin ? TS_BUILTIN_BASELINE_NAME : path);
                st = ts_scenario_fail(err, filename, ext, "extends", "cycle %s", chain);
                goto cleanup;
            }
        }
        if (n == TS_EXTENDS_MAX_DEPTH) {
            free(id);
            chain_text(chain, sizeof chain, display, n, builtin ? TS_BUILTIN_BASELINE_NAME : path);
            st = ts_scenario_fail(err, filename, ext, "extends", "more than %d scenarios in one chain (%s)",
                                  TS_EXTENDS_MAX_DEPTH, chain);
            goto cleanup;
        }
        identity[n] = id;
        /* Load and parse the parent under its own name, kept in files. */
        char *name = ts_text_dup(builtin ? TS_BUILTIN_FILENAME : path);
        if (!name) {
            st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory", filename);
            goto cleanup;
        }
        files->name[files->n++] = name;
        size_t len = ts_builtin_baseline_len;
        const char *source = ts_builtin_baseline_yaml;
        if (!builtin) {
            ts_error read_err = {0};
            struct stat info;
            free(text);
            text = NULL;
            /* A parent is a file: never a pipe or a device, which could block or never end. */
            if (stat(path, &info) == 0 && !S_ISREG(info.st_mode)) {
                st = ts_scenario_fail(err, filename, ext, "extends", "%s: not a regular file", path);
                goto cleanup;
            }
            if ((st = ts_scenario_read_file(path, &text, &len, &read_err)) != TS_OK) {
                const char *slash_ext = strrchr(ext->text, '/');
                const char *base = slash_ext ? slash_ext + 1 : ext->text;
                int hint = strcmp(base, TS_BUILTIN_BASELINE_NAME ".yaml") == 0;
                st =
                    ts_scenario_fail(err, filename, ext, "extends", "%s%s", read_err.message,
                                     hint ? " (the built-in baseline is `extends: " TS_BUILTIN_BASELINE_NAME "`)" : "");
                if (read_err.status == TS_ERR_NOMEM)
                    err->status = st = TS_ERR_NOMEM;
                goto cleanup;
            }
            source = text ? text : "";
        }
        ts_yaml_node *parent = NULL;
        if ((st = ts_yaml_parse(source, len, name, &parent, err)) != TS_OK)
            goto cleanup;
        if (!parent || parent->kind != TS_YAML_MAPPING) {
            if (parent)
                ts_scenario_describe(parent, found, sizeof found);
            st = parent ? ts_error_set(err, TS_ERR_INPUT,
                                       "%s:%zu:%zu: not a valid YAML scenario: expected a mapping of scenario keys, "
                                       "found %s",
                                       name, parent->line, parent->column, found)
                        : ts_error_set(err, TS_ERR_INPUT,
                                       "%s: not a valid YAML scenario: no YAML document (empty or only comments); "
                                       "expected a mapping of scenario keys",
                                       name);
            ts_yaml_free(parent);
            goto cleanup;
        }
        tree[n] = parent;
        display[n] = name; /* the path buffer is reused; name lives in files */
        n++;
        if ((st = require_name(parent, name, err)) != TS_OK)
            goto cleanup;
    }

    /* Merge from the oldest ancestor down: each child overrides its parent. */
    for (size_t i = n - 1; i > 0; i--) {
        if (!merge(tree[i], tree[i - 1], "")) {
            st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory merging extends", filename);
            goto cleanup;
        }
        ts_yaml_free(tree[i - 1]);
        tree[i - 1] = tree[i];
        tree[i] = NULL;
    }
    *root = tree[0];

cleanup:
    if (st != TS_OK) {
        /* tree[0] stays the caller's, unless a merge consumed it */
        for (size_t i = 1; i < n; i++)
            if (tree[i] && tree[i] != tree[0])
                ts_yaml_free(tree[i]);
        if (n > 1 && tree[0] != *root)
            ts_yaml_free(tree[0]);
    }
    ts_yaml_free(ext_key);
    ts_yaml_free(ext);
    for (size_t i = 0; i < TS_EXTENDS_MAX_DEPTH; i++) /* identity[n] is set before its parent loads */
        free(identity[i]);
    free(text);
    free(path);
    return st;
}
