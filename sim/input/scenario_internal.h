/*
 * scenario_internal.h: what the scenario loader's files share among
 * themselves and with nothing else.
 *
 * Owns: the declarations between the loader's modules, lowest first, each
 * calling only those above it in this header: scenario_messages.c (the
 * message format, scalar syntax), scenario_file.c (a file's bytes),
 * scenario_extends.c (`extends:` chains merged into one tree before binding),
 * scenario_uncertain.c (distributions in place of numbers),
 * scenario_schedule.c (schedules by year),
 * scenario_targets.c (the `targets:` list), scenario_bind.c (a tree bound
 * key by key) and scenario_check.c (the checks across keys); scenario.c
 * (loading) and scenario_yaml.c (the writer) use them and are called by
 * none, so the calls between the files form no circle.
 * Does not own the public API (teachsim/scenario.h) nor YAML syntax
 * (yaml_tree.h).
 */
#ifndef TEACHSIM_SCENARIO_INTERNAL_H
#define TEACHSIM_SCENARIO_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "teachsim/scenario.h"
#include "yaml_tree.h"

#define TS_EXTENDS_MAX_DEPTH 16 /* files in one extends chain, the scenario itself included */
#define TS_BUILTIN_FILENAME "xiangtan-baseline.yaml (built in)"
#define TS_SCENARIO_PATH_LEN 512  /* bytes of a key path in a message (population.regions[3].code) */
#define TS_SCENARIO_FOUND_LEN 128 /* bytes of what a message says was found */

/* ---- messages and scalars (scenario_messages.c) -------------------------- */

/* The one message format of the loader: FILE:LINE:COLUMN: PATH: WHAT, the
 * file being the node's own (node->file) or `filename` when the node has none;
 * no position when node is NULL. */
ts_status ts_scenario_fail(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* As ts_scenario_fail, for the binders' own wrappers that take a va_list. */
ts_status ts_scenario_vfail(ts_error *err, const char *filename, const ts_yaml_node *node, const char *path,
                            const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* How a node reads in a message: 1.5, "twenty", a mapping, a sequence of 2 items. */
void ts_scenario_describe(const ts_yaml_node *node, char *buf, size_t size);

/* A plain YAML 1.2 core-schema number that is finite; 1 on success. */
int ts_scenario_node_real(const ts_yaml_node *node, double *value);

/* Whether node is a plain scalar whose text holds no NUL byte. */
int ts_scenario_plain_text(const ts_yaml_node *node);

/* Whether s is a YAML 1.2 core-schema number (an integer only with
 * integer_only): no hex, octal, underscores or sexagesimal. */
int ts_scenario_number_syntax(const char *s, int integer_only);

/* Whether s is a YAML boolean word (true, False, YES, no ...); *value is 1 or 0. */
int ts_scenario_bool_word(const char *s, int *value);

/* ---- a file's bytes (scenario_file.c) ------------------------------------ */

/* A whole scenario file into *text (malloc'd, *len bytes); messages read
 * `PATH: cannot open scenario file: REASON`. */
ts_status ts_scenario_read_file(const char *path, char **text, size_t *len, ts_error *err);

/* ---- extends (scenario_extends.c) ---------------------------------------- */

/* The names of the parent files of one chain, as messages show them; their
 * nodes' `file` points into them, so they live until the tree is bound. */
typedef struct {
    char *name[TS_EXTENDS_MAX_DEPTH];
    size_t n;
} ts_scenario_files;

/*
 * Replace *root (a mapping parsed from `filename`) by the tree its `extends:`
 * chain resolves to: each parent loaded (a path relative to the file that
 * names it, or a built-in scenario's name), the child merged over it key by
 * key, `extends` removed. Every file of a chain must have `name:`. Nothing
 * changes for a file without `extends`. On failure *root is left for the
 * caller to free.
 */
ts_status ts_scenario_extends_resolve(ts_yaml_node **root, const char *filename, ts_scenario_files *files,
                                      ts_error *err);
void ts_scenario_files_free(ts_scenario_files *files);

/* ---- uncertain parameters (scenario_uncertain.c) ------------------------- */

/*
 * Bind a distribution written in place of a number: `node` is the mapping
 * ({uniform: [a, b]} ...), `dst` the double it stands for inside `s` (its
 * offset gives the element of a list key). Checks the parameters and the
 * support against the key's range, stores the distribution in s->uncertain
 * (replacing one already there for the same number) and its mean in *dst.
 * `year` is 0 for the field itself, else the year of the schedule point the
 * value is bound for.
 */
ts_status ts_uncertain_bind(ts_scenario *s, const ts_key *key, const ts_yaml_node *node, const char *path, double *dst,
                            int32_t year, const char *filename, ts_error *err);

/* Sort s->uncertain in key-table order (then element), so the list and the
 * results file do not depend on the order keys were written in. */
void ts_uncertain_sort(ts_scenario *s);

/* ---- schedules by year (scenario_schedule.c) ------------------------------ */

/* Bytes of the field of a number key (REAL, REALS, INT, INTS, BOOL); 0 for another type. */
size_t ts_schedule_field_size(const ts_key *key);

/* Drop every schedule point of key from s. */
void ts_schedule_remove(ts_scenario *s, const ts_key *key);

/* Append the point (key, year) holding the field's bytes at `field`. */
ts_status ts_schedule_add(ts_scenario *s, const ts_key *key, int32_t year, const void *field, ts_error *err);

/* Sort s->schedule by key-table order, then year. */
void ts_schedule_sort(ts_scenario *s);

/* ---- targets (scenario_targets.c) ----------------------------------------- */

/* Bind `targets:` (a sequence of target mappings) into *list; messages name
 * targets[i].KEY. Region codes are checked later, by ts_targets_check, since
 * the regions may be written after the targets. */
ts_status ts_targets_bind(ts_target_list *list, const ts_key *key, const ts_yaml_node *node, const char *path,
                          const char *filename, ts_error *err);

/* The checks of the targets that need the whole scenario (region codes
 * exist; counties only with each_county); root may be NULL (a scenario built
 * in code). */
/* The Chinese names of the two region words a target may use besides a
 * region: ALL (every region together) and each_county. */
#define TS_REGION_ALL_ZH "全部"
#define TS_REGION_EACH_ZH "各县"

/* Rewrite each target's region given by its Chinese name (湘潭县, 全部, 各县)
 * as its code, so that everything after loading sees codes only; a name that
 * is neither is left for ts_targets_check to report. */
void ts_targets_canonical_regions(ts_scenario *s);

ts_status ts_targets_check(const ts_scenario *s, const char *filename, const ts_yaml_node *root, ts_error *err);

/* ---- binding (scenario_bind.c) ------------------------------------------- */

/* Bind the mapping root, parsed from `filename`, into s (which keeps the
 * distributions found): every key known, typed and in range. */
ts_status ts_scenario_bind(ts_scenario *s, const ts_yaml_node *root, const char *filename, ts_error *err);

/* Bind the key table's default of key into base, as a file value is bound;
 * messages name the source "key table default". */
ts_status ts_scenario_bind_default(const ts_key *key, void *base, ts_error *err);

/* Make the roster paths of s relative to the folder of the file that names
 * them (in an `extends:` chain, a parent's value is relative to the parent). */
ts_status ts_scenario_bind_roster_paths(ts_scenario *s, const ts_yaml_node *root, const char *filename, ts_error *err);

/* ---- checks across keys (scenario_check.c) ------------------------------- */

/* The rules the key table cannot express, the targets' included; root (the
 * file's tree, for the line of a message) may be NULL. */
ts_status ts_scenario_check_tree(const ts_scenario *s, const char *filename, const ts_yaml_node *root, ts_error *err);

#endif
