/**
 * @file quality.h
 * The teacher part of the national quality-balance assessment (优质均衡,
 * 教督〔2017〕6号), scored per county every year.
 *
 * Owns: per school and level (primary, junior; a nine-year school's teachers
 * split between its levels by their posts), teachers above the legal minimum
 * qualification (a college diploma or more in primary, a degree or more in
 * junior: the model's qualification "at" or "above"), county-level-or-higher backbone teachers, and PE + music +
 * art teachers, each per 100 pupils; per county and level the
 * enrolment-weighted mean and difference coefficient of each; the school
 * rule (6 of 7 resource indicators, the rest at 85 %); the rotation
 * condition; and whether the county passes. Teaching points are excluded.
 * Counted teachers: established and targeted, in post (temporaries are not
 * full-time staff in the assessment). Owns its workspace (the counts per
 * school, shared by a replication's shards, and the coefficients' buffers),
 * and the count of PE, music and art posts held by a specialist of the
 * post's subject that the indicators read from it,
 * which the step table's recording row carries (year.h). Does not own the
 * tally and output of the indicators (indicators.h).
 */
#ifndef TEACHSIM_QUALITY_H
#define TEACHSIM_QUALITY_H

#include <stddef.h>

#include "world.h"

enum { TS_QB_QUALIFIED, TS_QB_BACKBONE, TS_QB_PE_ART, TS_QB_COUNT };

typedef struct {
    double per100[TS_QB_COUNT][2]; /* county mean X = sum(P_i X_i) / P, primary and junior */
    double cv[TS_QB_COUNT][2];     /* difference coefficient S / X */
    double schools_ok_share[2];    /* scored schools meeting the school rule */
    int32_t scored_schools[2];
    int32_t pass_level[2]; /* county: 0/1 (1 when the level has no scored school); ALL: counties passing */
    int32_t rotation_ok;   /* county: 0/1; ALL: counties meeting it */
    int32_t pass;          /* county: 0/1; ALL: counties passing */
    /* Why a county fails (docs/model.md, "Why a county fails"): each
     * condition of the assessment on its own, so that a planner sees which
     * ones bind. County: 0/1; ALL: the number of counties. */
    int32_t fails_cv[TS_QB_COUNT][2]; /* the coefficient is over its limit (NaN: no value, counted as failing) */
    int32_t fails_school_rule[2];     /* some scored school misses the school rule */
    int32_t fails_rotation;           /* the rotation condition is not met */
    /* Over the scored schools of the level (county, or the whole area for ALL). */
    double schools_missing[TS_QB_COUNT][2]; /* share below the indicator's threshold */
    double failing_missing[TS_QB_COUNT][2]; /* among those failing the school rule, share below it; NaN: none fails */
    int32_t schools_meeting_rule;           /* scored school-levels meeting the rule, both levels */
    /* Teacher-equivalents counted at a school of their alliance other than
     * their own (alliances.h): county; ALL, the counties' sum. */
    double shared[TS_QB_COUNT];
} ts_quality;

/**
 * Difference coefficient of values x_i weighted by pupils p_i (n schools):
 * CV = S / X with X = sum(p_i x_i) / P and S = sqrt(sum((p_i / P)(x_i - X)^2)).
 * NaN when there are no pupils or X is 0.
 */
double ts_quality_cv(const double *x, const double *pupils, size_t n);

/* The per-school counts of the scoring: the three scored ones (TS_QB_*),
 * then per subject the established and targeted teachers holding a post of
 * their own subject (in field), then per subject the temporaries holding a
 * post of it. */
enum {
    TS_QUALITY_IN_FIELD = TS_QB_COUNT,
    TS_QUALITY_TEMPORARY = TS_QUALITY_IN_FIELD + TS_SUBJECT_COUNT,
    TS_QUALITY_COUNTS = TS_QUALITY_TEMPORARY + TS_SUBJECT_COUNT
};

/**
 * The year's counts of the world's teachers into their schools, made in a
 * pass over the teachers that the caller runs anyway (the tally's,
 * indicators.c) instead of a pass of the scoring's own: begin clears the
 * world's schools' rows and returns the rows by school; the caller counts
 * every teacher neither gone nor on standby into the row of their school
 * with ts_quality_count_teacher; end finishes the counts (the alliances'
 * sharing), and the year's first ts_quality_score of the world then uses
 * them. Without these calls that ts_quality_score counts on its own.
 */
int32_t (*ts_quality_counts_begin(const ts_world *w))[TS_QUALITY_COUNTS];
void ts_quality_counts_end(const ts_world *w);

/** Count teacher i (neither gone nor on standby) into their school's row. */
static inline void ts_quality_count_teacher(int32_t *c, const ts_teachers *t, int32_t i)
{
    if (t->contract[i] == TS_CONTRACT_TEMPORARY) {
        c[TS_QUALITY_TEMPORARY + t->post_subject[i]]++; /* not counted by the assessment, but holding a post */
        return;
    }
    /* The assessment counts teachers above the legal minimum (中专 for primary,
     * 专科 for junior), which is the model's "at requirement" (diploma,
     * degree) or better: docs/sources.md, quality-balance indicators. */
    c[TS_QB_QUALIFIED] += t->qualification[i] != TS_QUAL_BELOW;
    c[TS_QB_BACKBONE] += t->backbone[i] != TS_BACKBONE_NONE;
    /* PE, music or art: one test of a bit of a mask instead of three comparisons */
    const unsigned subject = t->subject[i];
    c[TS_QB_PE_ART] += ((1u << TS_SUBJECT_PE | 1u << TS_SUBJECT_MUSIC | 1u << TS_SUBJECT_ART) >> subject) & 1u;
    c[TS_QUALITY_IN_FIELD + subject] += t->post_subject[i] == subject;
}

/**
 * Score county `region`, or with region == n_regions the whole area's means
 * and coefficients (its pass counts are left 0 for the caller to sum).
 * Call for the world's regions in order within a year (w->region_lo first:
 * it counts the world's teachers into its schools' counts, which the later
 * calls reuse), then n_regions once every world of the replication has
 * counted (ALL reads every school's counts; shards.h).
 */
void ts_quality_score(const ts_world *w, int32_t region, ts_quality *q);

/**
 * Posts of PE, music and art at `school` held by an established or targeted
 * teacher of that subject, per subject at most the school's posts of it (the
 * teachers beyond them hold no post of the standard). Read from the counts of
 * the year's first ts_quality_score call of the world, which must come first.
 */
int32_t ts_quality_pe_art_held(const ts_world *w, int32_t school);

/** Add the year's scored schools of the world's regions to `sums` (NULL:
 *  nothing), and write the outcome of the schools that targets follow
 *  (world.h, watch_out); after the year's scoring of every region of the
 *  world. */
void ts_quality_add_schools(const ts_world *w, ts_school_sums *sums);

/** Per subject at `school`: the established and targeted teachers holding
 *  a post of their own subject, and the temporaries holding a post of it.
 *  From the same counts as ts_quality_pe_art_held. */
void ts_quality_subject_holders(const ts_world *w, int32_t school, int32_t in_field[TS_SUBJECT_COUNT],
                                int32_t temporaries[TS_SUBJECT_COUNT]);

/** The scoring's workspace (world.h). */
extern const ts_workspace_type ts_quality_workspace_type;

#endif
