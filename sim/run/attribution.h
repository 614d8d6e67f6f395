/*
 * attribution.h: which of the changes between two scenarios made the
 * difference in an outcome (the verb attribute, docs/attribution.md).
 *
 * Owns: the groups of keys in which scenarios A and B differ (by the key's
 * section, targeted_intake or rotation; one group per key; or groups named on
 * the command line by key-path prefixes), the coalition scenarios (A with the
 * keys of some groups taken from B: 2^G of them, A and B included), running
 * each with the same seed and replications (common random numbers, so the
 * coalitions differ replication by replication only by their keys), and
 * reducing the outcomes to Shapley values (output/attribution_h5.h). Does not
 * own the Shapley arithmetic (base/shapley.h), outcomes (design_points.h) nor
 * the file (attribution_h5.h).
 */
#ifndef TEACHSIM_ATTRIBUTION_H
#define TEACHSIM_ATTRIBUTION_H

#include <stddef.h>

#include "attribution_h5.h"
#include "design_points.h"
#include "shapley.h"
#include "teachsim/run.h"
#include "teachsim/scenario.h"

#define TS_ATTR_NAME_LEN 64
#define TS_ATTR_MAX_KEYS 160 /* keys of one group: every row of the key table fits */
#define TS_ATTR_MAX_RULES TS_SHAPLEY_MAX_PLAYERS

typedef enum { TS_ATTR_BY_SECTION, TS_ATTR_BY_KEY } ts_attr_by;

/** A group named on the command line, --group NAME=PREFIX[,PREFIX...]: the
 *  keys whose path is a prefix or starts with PREFIX followed by '.' or '['. */
typedef struct {
    char name[TS_ATTR_NAME_LEN];
    char prefixes[256]; /* comma separated */
} ts_attr_rule;

typedef struct {
    char name[TS_ATTR_NAME_LEN];
    const ts_key *keys[TS_ATTR_MAX_KEYS];
    size_t n_keys;
} ts_attr_group;

/** Read NAME=PREFIX[,PREFIX...] into *rule; 0 when malformed. */
int ts_attr_rule_parse(const char *text, ts_attr_rule *rule);

/**
 * The groups of the keys in which b differs from a, in key-table order of
 * their first key, into groups[TS_SHAPLEY_MAX_PLAYERS]: a key goes to the
 * first rule that matches it, else to its section (by section) or a group of
 * its own (by key). name, description and targets are not levers: they never
 * form a group (every coalition measures by a's targets). Errors: the
 * horizons differ, nothing differs, a rule matches no key that differs, or
 * more than TS_SHAPLEY_MAX_PLAYERS groups.
 */
ts_status ts_attribution_groups(const ts_scenario *a, const ts_scenario *b, ts_attr_by by, const ts_attr_rule *rules,
                                size_t n_rules, ts_attr_group *groups, size_t *n, ts_error *err);

/**
 * Check every coalition (each must be a valid scenario), then run each with
 * run's seed and replications and measure the outcomes (checked against a
 * and b: a target must be the same in both), into *out (allocated; free it
 * with ts_attribution_free). on_point (may be NULL) after each coalition.
 */
ts_status ts_attribution_run(const ts_scenario *a, const ts_scenario *b, const ts_attr_group *groups, size_t n_groups,
                             const ts_design_outcome *outcomes, size_t n_outcomes, const ts_run_options *run,
                             ts_attribution *out, void (*on_point)(size_t done, size_t total, void *ctx), void *ctx,
                             ts_error *err);

#endif
