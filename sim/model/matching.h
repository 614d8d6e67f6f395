/**
 * @file matching.h
 * The scratch of matching teachers to schools, shared by the posting and
 * rotation steps (which run one after the other, never at once).
 *
 * Owns: ts_matching, a workspace (world.h) holding a pool of teachers with
 * their sort keys (per teacher, grown by ts_world_reserve) and one region's
 * candidate schools with tournament trees of their scores (argmax.h), so
 * that "the best school for this teacher" is asked of a tree, not of every
 * school of the region. Does not own what the keys and scores mean: each
 * step fills them for its own question.
 */
#ifndef TEACHSIM_MATCHING_H
#define TEACHSIM_MATCHING_H

#include <stdint.h>

#include "world.h"

typedef struct {
    int32_t *pool;       /* teachers competing or rotating (capacity) */
    uint64_t *pool_key;  /* their sort keys, by teacher (capacity) */
    int32_t *pool_spare; /* the radix sort's second buffer (capacity) */
    int32_t *school;     /* one region's candidate schools (max_region_schools) */
    int32_t *position;   /* per school: its index among the candidates */
    double *value;       /* 2 sets x (subjects + 1) trees x leaves */
    int32_t *winner;     /* 2 sets x (subjects + 1) trees x 2 leaves */
} ts_matching;

/** The workspace type: a step that matches adds it (ts_world_workspace_add)
 *  from its own workspace's alloc, and the world holds one for both steps. */
extern const ts_workspace_type ts_matching_workspace_type;

#endif
