/*
 * indicators.c: the output field table and the yearly tally (indicators.h).
 *
 * Everything is summed as integers and divided at the end, so a region's
 * figures do not depend on the order teachers are stored in.
 */
#include "record/indicators.h"

#include "steps/psychology.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* Every indicator of one tally into v[0 .. ts_indicator_count), in the
 * table's order: one pass down the table instead of a search per value. */
static void ts_indicators_values(const ts_tally *t, double *v)
{
    size_t i = 0;
#define TS_VALUE(name, kind, units, long_name, expr, description) v[i++] = (double)(expr);
    TS_INDICATOR_LIST(TS_VALUE)
#undef TS_VALUE
#define TS_FAMILY_VALUES(family, units, long_name, expr, description)                                                  \
    for (int k = 0; k < TS_SUBJECT_COUNT; k++)                                                                         \
        v[i++] = (double)(expr);
    TS_SUBJECT_FAMILY_LIST(TS_FAMILY_VALUES)
#undef TS_FAMILY_VALUES
}

/* A tally's costs from its counts, with the year's unit costs. */
static void tally_costs(const ts_world *w, ts_tally *g)
{
    ts_cost_flows f = {g->flows.hires - g->flows.hires_temporary - g->flows.targeted_arrivals, g->standby,
                       g->rotating_away, g->flows.psych_hires};
    ts_costs_compute(w->model->scenario, &g->cost_counts, &f, &g->costs);
}

static void add_tally(ts_tally *into, const ts_tally *from)
{
    /* every field before quality is an int64_t, flows included */
    int64_t *a = (int64_t *)into;
    const int64_t *b = (const int64_t *)from;
    for (size_t k = 0; k < offsetof(ts_tally, quality) / sizeof(int64_t); k++)
        a[k] += b[k];
}

/* The counts of teachers by contract, on standby and in rural schools, from
 * the costs' count of every teacher by contract, title, locality and standby
 * (costs.h), which the teachers' pass keeps anyway: one increment per teacher
 * instead of one per count. */
static void count_from_costs(ts_tally *g)
{
    for (int c = 0; c < TS_CONTRACT_COUNT; c++)
        for (int title = 0; title < TS_TITLE_COUNT; title++)
            for (int l = 0; l < TS_LOCALITY_COUNT; l++)
                for (int standby = 0; standby < 2; standby++) {
                    const int64_t n = g->cost_counts.teachers[c][title][l][standby];
                    g->teachers += n;
                    g->standby += standby ? n : 0;
                    g->established += c == TS_CONTRACT_ESTABLISHED ? n : 0;
                    g->temporary += c == TS_CONTRACT_TEMPORARY ? n : 0;
                    g->targeted += c == TS_CONTRACT_TARGETED ? n : 0;
                    g->rural_teachers += l == TS_RURAL ? n : 0;
                }
}

/* The world's teachers into their regions' tallies and, in the same pass,
 * into their schools' counts for the quality scoring (quality.h): one pass. */
static void tally_teachers(const ts_world *w, ts_tally *tally)
{
    const ts_teachers *t = &w->teachers;
    const ts_schools *s = &w->schools;
    int32_t(*quality_counts)[TS_QUALITY_COUNTS] = ts_quality_counts_begin(w);
    for (int32_t i = 0; i < t->n; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        int32_t school = t->school[i];
        if (!(t->flags[i] & TS_TEACHER_STANDBY))
            ts_quality_count_teacher(quality_counts[school], t, i);
        ts_tally *g = &tally[s->region[school]];
        int age = ts_age_at(t->birth_month[i], w->year);
        int old = age >= 50;
        if (!(t->flags[i] & TS_TEACHER_STANDBY) && t->contract[i] != TS_CONTRACT_TEMPORARY &&
            t->post_subject[i] != t->subject[i])
            g->out_of_field++;
        /* A teacher on a stint holds a post at the destination; the home post
         * was vacated when they left (rotation.c). */
        g->rotating_away += t->home_school[i] >= 0 && !(t->flags[i] & TS_TEACHER_STANDBY);
        ts_costs_count_teacher(&g->cost_counts, t->contract[i], t->title[i], s->locality[school],
                               (t->flags[i] & TS_TEACHER_STANDBY) != 0);
        g->age_sum += age;
        g->age_50plus += old;
        if (s->locality[school] == TS_RURAL) {
            g->rural_age_50plus += old;
            int band = (age - 20) / 5; /* the youngest and oldest bands take the few beyond them */
            g->rural_age_band[band < 0 ? 0 : band >= TS_RURAL_AGE_BANDS ? TS_RURAL_AGE_BANDS - 1 : band]++;
        }
    }
    ts_quality_counts_end(w);
    for (int32_t r = w->region_lo; r < w->region_hi; r++)
        count_from_costs(&tally[r]);
}

/* A school's surplus into the primary and junior parts, by the parts' shares
 * of its requirement rounded to the nearest teacher (a school without a
 * requirement by its level, a nine-year school's to primary). */
static void tally_surplus(const ts_schools *s, int32_t school, int32_t surplus, ts_tally *g)
{
    int32_t req = s->requirement[school];
    int64_t primary = req > 0 ? ((int64_t)surplus * s->part_requirement[school][0] * 2 + req) / (2 * (int64_t)req)
                      : s->level[school] == TS_LEVEL_JUNIOR ? 0
                                                            : surplus;
    g->surplus += surplus;
    g->surplus_level[0] += primary;
    g->surplus_level[1] += surplus - primary;
}

/* A school's posts of each subject and who holds them (established and
 * targeted by the subject of their post, temporaries from the scoring's
 * counts) into its region's tally. */
static void tally_subjects(const ts_world *w, int32_t school, ts_tally *g)
{
    const ts_schools *s = &w->schools;
    int32_t in_field[TS_SUBJECT_COUNT], temporaries[TS_SUBJECT_COUNT];
    ts_quality_subject_holders(w, school, in_field, temporaries);
    const int rural = s->locality[school] == TS_RURAL;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++) {
        ts_subject_tally *st = &g->subject[k];
        int32_t posts = s->posts[school][k], holders = s->held[school][k] + temporaries[k];
        st->requirement += posts;
        st->posts_held += holders < posts ? holders : posts;
        if (holders < posts) {
            st->vacancies += posts - holders;
            st->rural_vacancies += rural ? posts - holders : 0;
        } else {
            st->surplus += holders - posts;
        }
        st->out_of_field += s->held[school][k] - in_field[k];
        st->specialist_need += in_field[k] < posts ? posts - in_field[k] : 0;
    }
}

/* A school's psychology posts and staff (steps/psychology.h), when counted. */
static void tally_psychology(const ts_world *w, int32_t school, ts_tally *g)
{
    const ts_schools *s = &w->schools;
    if (!w->model->scenario->psychology.enabled || !(s->psych_flags[school] & TS_PSYCH_COUNTED))
        return;
    const int32_t pupils = s->pupil_total[school];
    int32_t full_posts, part_post;
    ts_psychology_posts(w->model->scenario, pupils, &full_posts, &part_post);
    const int32_t full = s->psych_full[school], part = (s->psych_flags[school] & TS_PSYCH_PART_TIME) != 0;
    g->psych_posts += full_posts + part_post;
    g->psych_staff += full + part;
    g->psych_vacancies += (full_posts - full) + (part_post - part);
    g->psych_schools += pupils > 0;
    g->psych_schools_covered += pupils > 0 && full + part > 0;
    g->cost_counts.psych_full += full;
    g->cost_counts.psych_part += part;
}

/* The world's schools into their regions' tallies: posts, vacancies, surplus. */
static void tally_schools(const ts_world *w, ts_tally *tally)
{
    const ts_schools *s = &w->schools;
    for (int32_t k = w->school_lo; k < w->school_hi; k++) {
        int32_t school = ts_world_school(w, k);
        ts_tally *g = &tally[s->region[school]];
        int32_t staff = ts_schools_staff(s, school);
        int32_t permanent = staff - s->temporaries[school];
        int32_t missing = s->requirement[school] - staff, unestablished = s->requirement[school] - permanent;
        for (int j = 0; j < TS_GRADES; j++)
            g->pupils += s->pupils[school][j];
        g->requirement += s->requirement[school];
        if (s->capacity[school] > 0) {
            g->new_school_pupils += s->pupil_total[school];
            g->new_school_staff += staff;
        }
        g->pe_art_posts +=
            s->posts[school][TS_SUBJECT_PE] + s->posts[school][TS_SUBJECT_MUSIC] + s->posts[school][TS_SUBJECT_ART];
        g->pe_art_specialists += ts_quality_pe_art_held(w, school);
        tally_subjects(w, school, g);
        tally_psychology(w, school, g);
        if (missing > 0) {
            g->vacancies += missing;
            if (s->locality[school] == TS_RURAL)
                g->rural_vacancies += missing;
        } else if (missing < 0) {
            tally_surplus(s, school, -missing, g);
        }
        if (unestablished > 0) {
            g->vacancies_established += unestablished;
            g->vacancies_temporary += s->temporaries[school] < unestablished ? s->temporaries[school] : unestablished;
        }
    }
}

void ts_indicators_tally_regions(const ts_world *w, ts_tally *tally)
{
    const int32_t lo = w->region_lo, hi = w->region_hi;
    memset(tally + lo, 0, (size_t)(hi - lo) * sizeof *tally);
    /* The teachers first: their pass also counts them per school for the
     * scoring, whose counts give the PE, music and art posts held by
     * specialists that the schools' tally reads. */
    tally_teachers(w, tally);
    for (int32_t r = lo; r < hi; r++)
        ts_quality_score(w, r, &tally[r].quality);
    tally_schools(w, tally);
    for (int32_t r = lo; r < hi; r++) {
        for (int p = 0; p < TS_PROGRAMMES; p++)
            for (int k = 0; k < TS_MAX_STUDY_YEARS; k++)
                tally[r].targeted_in_study += w->students[ts_student_index(r, p, k)];
        ts_costs_count_students(w, r, &tally[r].cost_counts);
        tally[r].flows = w->flows[r];
        tally_costs(w, &tally[r]);
    }
    ts_quality_add_schools(w, w->school_sums);
}

void ts_indicators_tally_all(const ts_world *w, ts_tally *tally)
{
    const int32_t n_regions = w->model->n_regions;
    ts_tally *all = &tally[n_regions];
    memset(all, 0, sizeof *all);
    for (int32_t r = 0; r < n_regions; r++)
        add_tally(all, &tally[r]);
    /* the area's coefficients over every school, in the model's school order */
    ts_quality_score(w, n_regions, &all->quality);
    for (int32_t r = 0; r < n_regions; r++) {
        all->quality.pass_level[0] += tally[r].quality.pass_level[0];
        all->quality.pass_level[1] += tally[r].quality.pass_level[1];
        all->quality.rotation_ok += tally[r].quality.rotation_ok;
        all->quality.pass += tally[r].quality.pass;
    }
    /* The conditions that fail, for ALL: how many counties each one fails
     * (the area's own coefficients are not assessed). */
    memset(all->quality.fails_cv, 0, sizeof all->quality.fails_cv);
    memset(all->quality.fails_school_rule, 0, sizeof all->quality.fails_school_rule);
    for (int32_t r = 0; r < n_regions; r++) {
        const ts_quality *q = &tally[r].quality;
        for (int p = 0; p < 2; p++) {
            for (int j = 0; j < TS_QB_COUNT; j++)
                all->quality.fails_cv[j][p] += q->fails_cv[j][p];
            all->quality.fails_school_rule[p] += q->fails_school_rule[p];
        }
        all->quality.fails_rotation += q->fails_rotation;
        for (int j = 0; j < TS_QB_COUNT; j++)
            all->quality.shared[j] += q->shared[j];
    }
    tally_costs(w, all);
}

void ts_indicators_tally(const ts_world *w, ts_tally *tally)
{
    ts_indicators_tally_regions(w, tally);
    ts_indicators_tally_all(w, tally);
}

void ts_indicators_write(int32_t n_regions, const ts_tally *tally, double *const *out, int year_index)
{
    const int32_t n_all = n_regions + 1;
    double v[TS_INDICATOR_ROWS];
    for (int32_t g = 0; g < n_all; g++) {
        ts_indicators_values(&tally[g], v);
        for (size_t i = 0; i < ts_indicator_count; i++)
            out[i][(size_t)year_index * (size_t)n_all + (size_t)g] = v[i];
    }
    /* The cumulative cost adds this year's cost_total to the replication's
     * sum of the years before, already in its block. */
    if (year_index > 0) {
        double *sum = out[TS_ROW_cost_total_cumulative];
        for (int32_t g = 0; g < n_all; g++)
            sum[(size_t)year_index * (size_t)n_all + (size_t)g] +=
                sum[(size_t)(year_index - 1) * (size_t)n_all + (size_t)g];
    }
}

void ts_indicators_record(const ts_world *w, ts_tally *tally, double *const *out, int year_index)
{
    ts_indicators_tally(w, tally);
    ts_indicators_write(w->model->n_regions, tally, out, year_index);
}
