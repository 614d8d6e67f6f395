/*
 * rotation.c: stints from strong to weak schools and back (rotation.h).
 *
 * A rotating teacher holds a post at the destination for the stint; their
 * home school sees the post as vacant meanwhile (in practice the 编制 stays
 * at home, but the classes there still need a teacher).
 */
#include "teachsim/rotation.h"

#include "sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ts_rotation_eligible(const ts_world *w, int32_t i)
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

static void end_stints(ts_world *w)
{
    ts_teachers *t = &w->teachers;
    const uint32_t stay = ts_rng_threshold(w->model->scenario->rotation.stay_probability);
    for (int32_t i = 0; i < t->n; i++) {
        if (t->home_school[i] < 0 || t->return_year[i] > w->year || (t->flags[i] & TS_TEACHER_GONE))
            continue;
        int32_t home = t->home_school[i];
        t->home_school[i] = -1;
        if (ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_RETURN, 0).v[0] < stay)
            continue;
        ts_world_move(w, i, home, t->subject[i]);
    }
}

/* The destination for a teacher from `from`: among the region's destination
 * schools, for a backbone teacher the school with the fewest backbone
 * teachers per pupil (that is what the backbone share is for), for anyone
 * else the largest gap in their subject. A stint is owed even where no post
 * is free. */
static int32_t destination(const ts_world *w, int32_t region, int32_t from, int subject, int backbone)
{
    const ts_model *m = w->model;
    int32_t best = -1;
    double best_score = 0.0;
    for (int32_t k = m->region_first[region]; k < m->region_first[region + 1]; k++) {
        int32_t school = m->region_schools[k];
        if (school == from || !is_destination(w, school) || w->schools.requirement[school] == 0)
            continue;
        /* towards the rural and weak: never from a rural school to a strong town or urban one */
        if (m->scenario->rotation.urban_to_rural && w->schools.locality[from] == TS_RURAL && !w->schools.weak[school])
            continue;
        double score = backbone ? -(double)w->school_scratch[school] / (1.0 + w->schools.pupil_total[school])
                                : (double)(w->schools.posts[school][subject] - w->schools.held[school][subject]);
        if (best < 0 || score > best_score) {
            best = school;
            best_score = score;
        }
    }
    return best;
}

static void send(ts_world *w, int32_t i, int32_t region)
{
    ts_teachers *t = &w->teachers;
    const int backbone = t->backbone[i] != TS_BACKBONE_NONE;
    int32_t to = destination(w, region, t->school[i], t->subject[i], backbone);
    if (to < 0)
        return;
    w->school_scratch[t->school[i]] -= backbone;
    w->school_scratch[to] += backbone;
    int32_t home = t->school[i];
    ts_world_move(w, i, to, t->subject[i]);
    t->home_school[i] = home;
    t->return_year[i] = (int16_t)(w->year + w->model->scenario->rotation.stint_years);
    w->flows[region].rotations++;
    w->flows[region].rotations_backbone += t->backbone[i] != TS_BACKBONE_NONE;
}

void ts_rotation_step(ts_world *w)
{
    const ts_model *m = w->model;
    const ts_scenario *sc = m->scenario;
    ts_teachers *t = &w->teachers;
    end_stints(w);

    /* backbone teachers in post per school, kept in step as they are sent */
    memset(w->school_scratch, 0, (size_t)w->schools.n * sizeof *w->school_scratch);
    for (int32_t i = 0; i < t->n; i++)
        if (!(t->flags[i] & (TS_TEACHER_GONE | TS_TEACHER_STANDBY)) && t->backbone[i] != TS_BACKBONE_NONE)
            w->school_scratch[t->school[i]]++;

    int32_t n = 0;
    for (int32_t i = 0; i < t->n; i++) {
        if (!ts_rotation_eligible(w, i))
            continue;
        w->flows[ts_world_region(w, i)].rotation_eligible++;
        if (!sc->rotation.enabled || !is_source(w, t->school[i]))
            continue;
        w->pool[n++] = i;
        /* sorted by region, then by the teacher's own draw */
        w->pool_key[i] = ((uint64_t)ts_world_region(w, i) << 32) |
                         ts_rng_words(&w->rng, t->uid[i], w->year, TS_EVENT_ROTATION, 0).v[0];
    }
    if (n == 0)
        return;
    ts_sort_by_key(w->pool, w->pool_spare, (size_t)n, w->pool_key);

    for (int32_t start = 0; start < n;) {
        int32_t region = (int32_t)(w->pool_key[w->pool[start]] >> 32), end = start;
        while (end < n && (int32_t)(w->pool_key[w->pool[end]] >> 32) == region)
            end++;
        const int64_t quota = (int64_t)ceil(sc->rotation.rate * (double)w->flows[region].rotation_eligible - 1e-9);
        const int64_t backbone_quota = (int64_t)ceil(sc->rotation.backbone_share * (double)quota - 1e-9);
        /* backbone teachers first, up to their share; then anyone, in draw order */
        for (int32_t k = start;
             k < end && w->flows[region].rotations_backbone < backbone_quota && w->flows[region].rotations < quota;
             k++) {
            int32_t i = w->pool[k];
            if (t->backbone[i] != TS_BACKBONE_NONE)
                send(w, i, region);
        }
        for (int32_t k = start; k < end && w->flows[region].rotations < quota; k++) {
            int32_t i = w->pool[k];
            if (t->home_school[i] < 0)
                send(w, i, region);
        }
        start = end;
    }
}
