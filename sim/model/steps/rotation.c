/*
 * rotation.c: stints from strong to weak schools and back (rotation.h).
 *
 * A rotating teacher holds a post at the destination for the stint; their
 * home school sees the post as vacant meanwhile (in practice the 编制 stays
 * at home, but the classes there still need a teacher).
 */
#include "steps/rotation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "argmax.h"
#include "matching.h"
#include "sort.h"

/* The step's scratch: backbone teachers in post per school, and the pool and
 * school trees it shares with posting (matching.h). */
typedef struct {
    int32_t *backbone; /* per school */
    ts_matching *matching;
} ts_rotation_workspace;

static void rotation_free(void *data)
{
    ts_rotation_workspace *r = data;
    if (!r)
        return;
    free(r->backbone);
    free(r); /* the matching scratch is the world's */
}

static void *rotation_alloc(ts_world *w, const void *share, ts_error *err)
{
    (void)share;
    ts_rotation_workspace *r = calloc(1, sizeof *r);
    if (r)
        r->backbone = malloc(((size_t)w->model->start->schools.n + 1) * sizeof *r->backbone);
    if (!r || !r->backbone) {
        rotation_free(r);
        ts_error_set(err, TS_ERR_NOMEM, "out of memory for the rotation step");
        return NULL;
    }
    r->matching = ts_world_workspace_add(w, &ts_matching_workspace_type, NULL, err);
    if (!r->matching) {
        rotation_free(r);
        return NULL;
    }
    return r;
}

const ts_workspace_type ts_rotation_workspace_type = {"rotation", rotation_alloc, rotation_free, NULL};

static int ts_rotation_eligible(const ts_world *w, int32_t i)
{
    const ts_teachers *t = &w->teachers;
    return t->contract[i] == TS_CONTRACT_ESTABLISHED && t->home_school[i] < 0 &&
           !(t->flags[i] & (TS_TEACHER_GONE | TS_TEACHER_STANDBY)) &&
           t->years_at_school[i] >= w->model->scenario->rotation.min_years_at_school;
}

/* Urban and strong schools send; a strong rural school may send to a weak one. */
static int is_source(const ts_world *w, int32_t school)
{
    if (!w->model->scenario->rotation.urban_to_rural)
        return 1;
    return !(w->schools.locality[school] == TS_RURAL && w->schools.weak[school]);
}

static int is_destination(const ts_world *w, int32_t school)
{
    if (!w->model->scenario->rotation.urban_to_rural)
        return 1;
    return w->schools.locality[school] == TS_RURAL || w->schools.weak[school];
}

/* A stint that is over: back home, or stay (the move already made is kept). */
static void end_stint(ts_world *w, int32_t i, uint32_t stay)
{
    ts_teachers *t = &w->teachers;
    int32_t home = t->home_school[i];
    t->home_school[i] = -1;
    if (ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_RETURN, 0).v[0] < stay)
        return;
    ts_world_move(w, i, home, t->subject[i]);
}

/*
 * Destinations. For a backbone teacher, among the region's destination
 * schools, the one with the fewest backbone teachers per pupil (that is what
 * the backbone share is for); for anyone else the largest gap in their
 * subject; the first such school in the region's order; never their own
 * school, and from a rural school only a weak one (towards the rural and
 * weak, never to a strong town or urban school). A stint is owed even where
 * no post is free.
 *
 * Each send changes the scores of two schools only (home and destination),
 * so the region's destination schools are kept as tournament trees (argmax.h)
 * of those scores, one per subject and one for backbone teachers, and a
 * second set where only weak schools compete; a send asks a tree instead of
 * scoring every school of the region.
 */
enum { BACKBONE_TREE = TS_SUBJECT_COUNT, TREES = TS_SUBJECT_COUNT + 1 };

typedef struct {
    const int32_t *backbone; /* per school: backbone teachers in post (the workspace's) */
    int32_t n;
    int32_t *school;   /* the region's destination schools, in region order */
    int32_t *position; /* per school: its index in school[], where school[position] is that school */
    int weak_only_too; /* the second set is in use (urban_to_rural) */
    ts_argmax all[TREES], weak_only[TREES];
} destinations;

static double gap_score(const ts_world *w, int32_t school, int subject)
{
    return (double)(w->schools.posts[school][subject] - w->schools.held[school][subject]);
}

static double backbone_score(const ts_world *w, const destinations *d, int32_t school)
{
    return -(double)d->backbone[school] / (1.0 + w->schools.pupil_total[school]);
}

static double score(const ts_world *w, const destinations *d, int32_t school, int tree)
{
    return tree == BACKBONE_TREE ? backbone_score(w, d, school) : gap_score(w, school, tree);
}

static void build_destinations(const ts_world *w, const ts_rotation_workspace *r, destinations *d, int32_t region)
{
    const ts_model *m = w->model;
    d->backbone = r->backbone;
    d->n = 0;
    d->school = r->matching->school;
    d->position = r->matching->position;
    for (int32_t k = m->region_first[region]; k < m->region_first[region + 1]; k++) {
        int32_t school = m->region_schools[k];
        if (is_destination(w, school) && w->schools.requirement[school] > 0) {
            d->position[school] = d->n;
            d->school[d->n++] = school;
        }
    }
    d->weak_only_too = m->scenario->rotation.urban_to_rural;
    const int32_t leaves = ts_argmax_leaves(d->n);
    for (int set = 0; set < 1 + d->weak_only_too; set++)
        for (int tree = 0; tree < TREES; tree++) {
            double *value = r->matching->value + (size_t)(set * TREES + tree) * (size_t)leaves;
            int32_t *winner = r->matching->winner + (size_t)(set * TREES + tree) * 2 * (size_t)leaves;
            for (int32_t k = 0; k < d->n; k++)
                value[k] = set == 1 && !w->schools.weak[d->school[k]] ? -INFINITY : score(w, d, d->school[k], tree);
            ts_argmax_build(set == 0 ? &d->all[tree] : &d->weak_only[tree], value, winner, d->n);
        }
}

static int32_t position_of(const destinations *d, int32_t school)
{
    int32_t k = d->position[school];
    return k >= 0 && k < d->n && d->school[k] == school ? k : -1;
}

/* A school's scores changed (a teacher of post `subject` left or came). */
static void refresh(const ts_world *w, destinations *d, int32_t school, int subject)
{
    int32_t k = position_of(d, school);
    if (k < 0)
        return;
    ts_argmax_set(&d->all[subject], k, gap_score(w, school, subject));
    ts_argmax_set(&d->all[BACKBONE_TREE], k, backbone_score(w, d, school));
    if (d->weak_only_too && w->schools.weak[school]) {
        ts_argmax_set(&d->weak_only[subject], k, gap_score(w, school, subject));
        ts_argmax_set(&d->weak_only[BACKBONE_TREE], k, backbone_score(w, d, school));
    }
}

static int32_t destination(const ts_world *w, destinations *d, int32_t from, int subject, int backbone)
{
    const int weak_only = d->weak_only_too && w->schools.locality[from] == TS_RURAL;
    ts_argmax *tree = &(weak_only ? d->weak_only : d->all)[backbone ? BACKBONE_TREE : subject];
    int32_t own = position_of(d, from), k;
    if (own >= 0) { /* never one's own school: out of the running for this question */
        double saved = tree->value[own];
        ts_argmax_set(tree, own, -INFINITY);
        k = ts_argmax_first(tree);
        ts_argmax_set(tree, own, saved);
    } else {
        k = ts_argmax_first(tree);
    }
    return k < 0 ? -1 : d->school[k];
}

static void send(ts_world *w, ts_rotation_workspace *r, destinations *d, int32_t i, int32_t region)
{
    ts_teachers *t = &w->teachers;
    const int backbone = t->backbone[i] != TS_BACKBONE_NONE;
    int32_t to = destination(w, d, t->school[i], t->subject[i], backbone);
    if (to < 0)
        return;
    int32_t home = t->school[i];
    int post = t->post_subject[i]; /* the post they vacate at home, maybe out of field */
    r->backbone[home] -= backbone;
    r->backbone[to] += backbone;
    ts_world_move(w, i, to, t->subject[i]);
    refresh(w, d, home, post);
    refresh(w, d, to, t->subject[i]);
    t->home_school[i] = home;
    t->return_year[i] = (int16_t)(w->year + w->model->scenario->rotation.stint_years);
    w->flows[region].rotations++;
    w->flows[region].rotations_backbone += t->backbone[i] != TS_BACKBONE_NONE;
}

/* Rotation off: what the step's pass still does is end the stints begun
 * while it was on and count the eligible, whom the quality-balance rotation
 * condition and the rotation_eligible indicator read. The same two things,
 * teacher by teacher in the same order, as the pass below does with nobody
 * pooled, in a loop that reads only what they need. */
static void end_stints_and_count_eligible(ts_world *w, uint32_t stay)
{
    const ts_teachers *t = &w->teachers;
    const uint8_t *flags = t->flags, *contract = t->contract, *years_at_school = t->years_at_school;
    const int32_t *home_school = t->home_school, *school = t->school, *region = w->schools.region;
    const int min_years = w->model->scenario->rotation.min_years_at_school;
    const int year = w->year;
    ts_flows *flows = w->flows;
    for (int32_t i = 0; i < t->n; i++) {
        if (flags[i] & TS_TEACHER_GONE)
            continue;
        if (home_school[i] >= 0) {
            if (t->return_year[i] <= year)
                end_stint(w, i, stay);
            if (home_school[i] >= 0)
                continue; /* still on a stint: not eligible */
        }
        if (contract[i] == TS_CONTRACT_ESTABLISHED && !(flags[i] & TS_TEACHER_STANDBY) &&
            years_at_school[i] >= min_years)
            flows[region[school[i]]].rotation_eligible++;
    }
}

ts_status ts_rotation_step(ts_world *w, ts_error *err)
{
    (void)err;
    const ts_model *m = w->model;
    ts_rotation_workspace *r = ts_world_workspace(w, &ts_rotation_workspace_type);
    ts_matching *match = r->matching;
    const ts_scenario *sc = m->scenario;
    ts_teachers *t = &w->teachers;
    const uint32_t stay = ts_rng_threshold(sc->rotation.stay_probability);
    const int enabled = sc->rotation.enabled;
    if (!enabled) {
        end_stints_and_count_eligible(w, stay);
        return TS_OK;
    }

    /* One pass: stints end; backbone teachers in post are counted per school
     * (kept in step as they are sent); the eligible are counted and, where
     * rotation is on, pooled. What a teacher's turn reads is that teacher's
     * own state, so one pass gives what three in a row would. */
    if (enabled)
        memset(r->backbone, 0, (size_t)w->schools.n * sizeof *r->backbone);
    int32_t n = 0;
    for (int32_t i = 0; i < t->n; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        if (t->home_school[i] >= 0 && t->return_year[i] <= w->year)
            end_stint(w, i, stay);
        if (enabled && !(t->flags[i] & TS_TEACHER_STANDBY) && t->backbone[i] != TS_BACKBONE_NONE)
            r->backbone[t->school[i]]++;
        if (!ts_rotation_eligible(w, i))
            continue;
        w->flows[ts_world_region(w, i)].rotation_eligible++;
        if (!enabled || !is_source(w, t->school[i]))
            continue;
        match->pool[n++] = i;
        /* sorted by region, then by the teacher's own draw (below) */
        match->pool_key[i] = (uint64_t)ts_world_region(w, i) << 32;
    }
    /* The draws of the pooled, in batches (rng.h, ts_rng_blocks): the words of
     * one call per teacher, eight at a time; a draw reads only the uid. */
    enum { BATCH = 64 };
    uint64_t entity[BATCH];
    uint32_t words[BATCH][4];
    for (int32_t first = 0; first < n; first += BATCH) {
        int32_t len = n - first < BATCH ? n - first : BATCH;
        for (int32_t k = 0; k < len; k++)
            entity[k] = t->uid[match->pool[first + k]];
        ts_rng_blocks(&w->rng, entity, (size_t)len, w->year, TS_EVENT_ROTATION, 0, words);
        for (int32_t k = 0; k < len; k++)
            match->pool_key[match->pool[first + k]] |= words[k][0];
    }
    if (n == 0)
        return TS_OK;
    ts_sort_by_key(match->pool, match->pool_spare, (size_t)n, match->pool_key);

    for (int32_t start = 0; start < n;) {
        int32_t region = (int32_t)(match->pool_key[match->pool[start]] >> 32), end = start;
        while (end < n && (int32_t)(match->pool_key[match->pool[end]] >> 32) == region)
            end++;
        const int64_t quota = (int64_t)ceil(sc->rotation.rate * (double)w->flows[region].rotation_eligible - 1e-9);
        const int64_t backbone_quota = (int64_t)ceil(sc->rotation.backbone_share * (double)quota - 1e-9);
        destinations d;
        if (quota > 0)
            build_destinations(w, r, &d, region);
        /* backbone teachers first, up to their share; then anyone, in draw order */
        for (int32_t k = start;
             k < end && w->flows[region].rotations_backbone < backbone_quota && w->flows[region].rotations < quota;
             k++) {
            int32_t i = match->pool[k];
            if (t->backbone[i] != TS_BACKBONE_NONE)
                send(w, r, &d, i, region);
        }
        for (int32_t k = start; k < end && w->flows[region].rotations < quota; k++) {
            int32_t i = match->pool[k];
            if (t->home_school[i] < 0)
                send(w, r, &d, i, region);
        }
        start = end;
    }
    return TS_OK;
}
