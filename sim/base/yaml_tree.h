/*
 * yaml_tree.h: a YAML document read into a small tree of scalars, mappings
 * and sequences, each node with the line and column it was written at.
 *
 * Owns: parsing with libyaml and the limits on what it accepts (one document,
 * nesting depth, size, no anchors, aliases or tags, no duplicate or complex
 * mapping keys), and finding nodes by dotted path. Does not own what the keys
 * mean: scenario_bind.c binds a tree to ts_scenario through the key table, so later
 * steps (merging an `extends:` parent, distributions in place of numbers) can
 * work on trees before binding.
 */
#ifndef TEACHSIM_YAML_TREE_H
#define TEACHSIM_YAML_TREE_H

#include <stddef.h>

#include "teachsim/status.h"

#define TS_YAML_MAX_DEPTH 64
#define TS_YAML_MAX_BYTES ((size_t)16 << 20)

typedef enum { TS_YAML_SCALAR, TS_YAML_MAPPING, TS_YAML_SEQUENCE } ts_yaml_kind;

typedef struct ts_yaml_node ts_yaml_node;
struct ts_yaml_node {
    ts_yaml_kind kind;
    size_t line, column; /* 1-based position of the node's first character */
    const char *file;    /* the file it was read from (the filename given to ts_yaml_parse, not
                          * copied: it must outlive the tree), so that a tree merged from several
                          * files (`extends:`) still says where each value was written */
    /* scalar */
    char *text; /* NUL-terminated copy; may also hold NUL bytes written as "\0" */
    size_t len; /* bytes in text */
    int plain;  /* written without quotes or block style: may be a number, bool or null */
    /* mapping and sequence: n entries */
    size_t n, cap;
    ts_yaml_node **keys;  /* mapping only: the key of each entry, always a scalar */
    ts_yaml_node **items; /* mapping values, or sequence items */
};

/**
 * Parse `len` bytes of YAML into a tree. `filename` is used in messages only,
 * which read `FILE:LINE:COLUMN: not a valid YAML scenario: PROBLEM`.
 * *root is NULL when the text holds no document at all (empty or comments).
 */
ts_status ts_yaml_parse(const char *text, size_t len, const char *filename, ts_yaml_node **root, ts_error *err);

/** Append an entry to a mapping (key a scalar) or an item to a sequence (key NULL);
 *  takes ownership of both. Returns 0 when out of memory (nothing is then owned). */
int ts_yaml_append(ts_yaml_node *parent, ts_yaml_node *key, ts_yaml_node *item);

/** Free a node and everything below it; NULL is allowed. */
void ts_yaml_free(ts_yaml_node *node);

/** Value of `key` in a mapping, or NULL (also when map is not a mapping). */
const ts_yaml_node *ts_yaml_map_get(const ts_yaml_node *map, const char *key);

/**
 * Node at a path of mapping keys separated by dots and sequence indices in
 * brackets, e.g. "population.regions[2].code"; NULL when absent.
 */
const ts_yaml_node *ts_yaml_find(const ts_yaml_node *root, const char *path);

/** 1 if the node is a plain scalar that YAML reads as null ("", ~, null). */
int ts_yaml_is_null(const ts_yaml_node *node);

#endif
