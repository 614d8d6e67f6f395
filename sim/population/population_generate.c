/*
 * population_generate.c: the synthetic start population (docs/model.md, "Start
 * state") built from a scenario's per-region aggregates.
 *
 * Every random choice is keyed by (seed, the reserved population stream,
 * school or teacher number), so the same scenario and seed always give the
 * same city, whatever else runs. Shapes that no public source gives (age
 * pyramid, subject shortfalls, title mix) are scenario keys or, for the
 * title mix by age, the assumption documented in docs/model.md.
 */
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "apportion.h"
#include "population.h"
#include "retirement_age.h"
#include "rng.h"
#include "staffing_norms.h"

#define POPULATION_STREAM UINT32_MAX /* the replication number reserved for the start population */
#define AGE_BANDS 8                  /* 20-24 .. 55-59 */

/* Title mix by age band <30, 30-39, 40-49, 50+ (cumulative: junior, middle, senior). A. */
static const double title_by_age[TS_AGEBAND_COUNT][3] = {
    {0.90, 1.00, 1.00}, {0.40, 0.95, 1.00}, {0.20, 0.80, 1.00}, {0.15, 0.70, 1.00}};
/* Backbone level among backbone teachers (cumulative: county, city, province). A. */
static const double backbone_levels[3] = {0.70, 0.95, 1.00};

static int pick_cumulative(const double *cum, int n, uint32_t word)
{
    double u = ts_rng_unit(word);
    for (int i = 0; i < n; i++)
        if (u < cum[i])
            return i;
    return n - 1;
}

static int pick_weighted(const double *w, int n, uint32_t word)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += w[i];
    double u = ts_rng_unit(word) * sum, acc = 0.0;
    for (int i = 0; i < n; i++) {
        acc += w[i];
        if (u < acc)
            return i;
    }
    return n - 1;
}

static int level_teaches_part(int level, int part)
{
    return part == 0 ? level != TS_LEVEL_JUNIOR : level != TS_LEVEL_PRIMARY;
}

/* Pupils of one part (primary or junior) of one region into its schools:
 * by locality share, then by school size weight, then evenly across grades. */
static void place_pupils(ts_schools *s, int32_t first, int32_t last, const ts_region_spec *spec, int part,
                         const double *size_weight, double *scratch_w, int32_t *scratch_n)
{
    int32_t total = part == 0 ? spec->pupils_primary : spec->pupils_junior;
    int g0 = part == 0 ? 0 : 6, ng = part == 0 ? 6 : 3;
    double share[TS_LOCALITY_COUNT];
    for (int loc = 0; loc < TS_LOCALITY_COUNT; loc++) {
        int has = 0;
        for (int32_t i = first; i < last; i++)
            has |= s->locality[i] == loc && level_teaches_part(s->level[i], part);
        /* a locality with pupils but no school of this part sends them to the others */
        share[loc] = has ? spec->pupil_locality_share[loc] : 0.0;
    }
    int32_t by_loc[TS_LOCALITY_COUNT];
    if (!ts_apportion(total, share, TS_LOCALITY_COUNT, by_loc)) {
        /* no share left at all: spread over whatever schools teach this part */
        for (int loc = 0; loc < TS_LOCALITY_COUNT; loc++)
            share[loc] = 1.0;
        ts_apportion(total, share, TS_LOCALITY_COUNT, by_loc);
    }
    for (int loc = 0; loc < TS_LOCALITY_COUNT; loc++) {
        int32_t n = 0;
        for (int32_t i = first; i < last; i++)
            scratch_w[n++] = (s->locality[i] == loc && level_teaches_part(s->level[i], part)) ? size_weight[i] : 0.0;
        ts_apportion(by_loc[loc], scratch_w, n, scratch_n);
        for (int32_t i = first; i < last; i++) {
            int32_t grades[TS_GRADES];
            double even[TS_GRADES] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
            ts_apportion(scratch_n[i - first], even, ng, grades);
            for (int g = 0; g < ng; g++)
                s->pupils[i][g0 + g] += grades[g];
        }
    }
}

static ts_status build_schools(ts_schools *s, const ts_scenario *sc, const ts_rng *rng, ts_error *err)
{
    /* Summed in 64 bits: validation bounds the total (TS_MAX_AREA_SCHOOLS),
     * and a scenario built in code that skipped it is refused here rather
     * than wrapped to a smaller allocation. */
    int64_t n = 0, max_in_region = 0;
    for (int r = 0; r < sc->population.n_regions; r++) {
        int64_t in_region = 0;
        for (int l = 0; l < TS_LEVEL_COUNT; l++)
            in_region += sc->population.regions[r].schools[l];
        n += in_region;
        if (in_region > max_in_region)
            max_in_region = in_region;
    }
    if (n > TS_MAX_AREA_SCHOOLS)
        return ts_error_set(err, TS_ERR_INPUT,
                            "population.regions: expected at most %d schools in all regions, found %lld",
                            TS_MAX_AREA_SCHOOLS, (long long)n);
    ts_status st = ts_schools_alloc(s, (int32_t)n, err);
    if (st != TS_OK)
        return st;
    double *size_weight = calloc((size_t)n + 1, sizeof *size_weight);
    double *scratch_w = calloc((size_t)max_in_region + 1, sizeof *scratch_w);
    int32_t *scratch_n = calloc((size_t)max_in_region + 1, sizeof *scratch_n);
    gsl_rng *g = ts_rng_gsl_alloc();
    if (!size_weight || !scratch_w || !scratch_n || !g) {
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory generating %d schools", (int)n);
        goto cleanup;
    }
    int32_t i = 0;
    for (int r = 0; r < sc->population.n_regions; r++) {
        const ts_region_spec *spec = &sc->population.regions[r];
        int32_t first = i;
        for (int l = 0; l < TS_LEVEL_COUNT; l++) {
            int32_t by_loc[TS_LOCALITY_COUNT];
            ts_apportion(spec->schools[l], spec->school_locality_share, TS_LOCALITY_COUNT, by_loc);
            for (int loc = 0; loc < TS_LOCALITY_COUNT; loc++)
                for (int32_t k = 0; k < by_loc[loc]; k++, i++) {
                    s->region[i] = r;
                    s->level[i] = (uint8_t)l;
                    s->locality[i] = (uint8_t)loc;
                    ts_rng_gsl_at(g, rng, ts_entity_school((uint32_t)i), sc->horizon.start_year, TS_EVENT_POPULATION);
                    size_weight[i] = gsl_ran_lognormal(g, 0.0, sc->population.school_size_sigma);
                    s->weak[i] = gsl_rng_uniform(g) < spec->weak_share;
                }
        }
        place_pupils(s, first, i, spec, 0, size_weight, scratch_w, scratch_n);
        place_pupils(s, first, i, spec, 1, size_weight, scratch_w, scratch_n);
    }
cleanup:
    free(size_weight);
    free(scratch_w);
    free(scratch_n);
    gsl_rng_free(g);
    if (st != TS_OK)
        ts_schools_free(s);
    return st;
}

static int is_specialist(int subject)
{
    return subject == TS_SUBJECT_PE || subject == TS_SUBJECT_MUSIC || subject == TS_SUBJECT_ART;
}

/* One start teacher of school `school` teaching `subject`, row `i`. */
static void make_teacher(ts_teachers *t, int32_t i, const ts_scenario *sc, const ts_schools *s, int32_t school,
                         int post, int subject, const ts_rng *rng)
{
    const int loc = s->locality[school];
    const ts_region_spec *spec = &sc->population.regions[s->region[school]];
    const int cutoff = TS_YEAR_CUTOFF_MONTH(sc->horizon.start_year - 1);
    const uint64_t id = ts_entity_start_teacher((uint32_t)i);
    philox4x32_ctr_t b = ts_rng_words(rng, id, sc->horizon.start_year, TS_EVENT_POPULATION, 1), a = b;
    int sex = 0, age = 0, birth = 0;

    /* Redraw anyone already past retirement (women's bands 55-59 under the
     * old age); after a few tries fall back to a young age. */
    for (uint32_t attempt = 0;; attempt++) {
        a = ts_rng_words(rng, id, sc->horizon.start_year, TS_EVENT_POPULATION, 2 + attempt);
        int band = pick_weighted(sc->population.age_pyramid[loc], AGE_BANDS, a.v[0]);
        age = 20 + 5 * band + (int)(a.v[1] % 5);
        birth = cutoff - 12 * age - (int)((a.v[1] / 5) % 12);
        sex = ts_rng_unit(a.v[2]) < sc->population.female_share[loc] ? TS_SEX_FEMALE : TS_SEX_MALE;
        if (ts_retirement_teacher_month(sc, sex, TS_TITLE_NONE, birth) > cutoff)
            break;
        if (attempt == 8) {
            age = 30;
            birth = cutoff - 12 * age;
            break;
        }
    }
    double uq = ts_rng_unit(a.v[3]);
    int qual = uq < sc->population.qualification_below[loc]         ? TS_QUAL_BELOW
               : uq < 1.0 - sc->population.qualification_above[loc] ? TS_QUAL_AT
                                                                    : TS_QUAL_ABOVE;
    int temporary = ts_rng_unit(b.v[3]) < spec->temporary_share;
    int service = age - 22 - (int)(b.v[3] % 3);
    if (service < 0)
        service = 0;
    int title = TS_TITLE_NONE, backbone = TS_BACKBONE_NONE;
    if (!temporary && service >= 1) {
        title = 1 + pick_cumulative(title_by_age[ts_ageband_of(age)], 3, b.v[0]);
        if (ts_rng_unit(b.v[1]) < sc->population.backbone_share[loc])
            backbone = 1 + pick_cumulative(backbone_levels, 3, b.v[2]);
    }
    int at_school = (int)((b.v[2] >> 8) % 16);
    if (at_school > service)
        at_school = service;

    t->uid[i] = id;
    t->school[i] = school;
    t->birth_month[i] = (int16_t)birth;
    t->sex[i] = (uint8_t)sex;
    t->subject[i] = (uint8_t)subject;
    t->qualification[i] = (uint8_t)qual;
    t->title[i] = (uint8_t)title;
    t->backbone[i] = (uint8_t)backbone;
    t->contract[i] = temporary ? TS_CONTRACT_TEMPORARY : TS_CONTRACT_ESTABLISHED;
    t->post_subject[i] = (uint8_t)post;
    t->years_at_school[i] = (uint8_t)at_school;
    t->years_of_service[i] = (uint8_t)service;
    t->service_left[i] = 0;
    t->standby_years[i] = 0;
    t->home_school[i] = -1;
    t->return_year[i] = 0;
    t->flags[i] = 0;
    /* The programme has run since 2006: some young rural teachers are
     * targeted graduates still owing service (2+4 track: 8 years). */
    const int owed = sc->targeted_intake.service_years[0];
    if (!temporary && loc == TS_RURAL && age < 30 && service < owed &&
        ts_rng_unit(ts_rng_words(rng, id, sc->horizon.start_year, TS_EVENT_POPULATION, 100).v[0]) <
            sc->targeted_intake.in_service_share_young_rural) {
        t->contract[i] = TS_CONTRACT_TARGETED;
        t->service_left[i] = (uint8_t)(owed - service);
    }
    t->retire_month[i] = (int16_t)ts_retirement_teacher_month(sc, sex, title, birth);
}

static ts_status build_teachers(ts_population *p, const ts_scenario *sc, const ts_rng *rng, ts_error *err)
{
    ts_schools *s = &p->schools;
    int64_t total = 0;
    for (int32_t i = 0; i < s->n; i++)
        total += lround(s->requirement[i] * sc->population.staffing_level[s->locality[i]]);
    /* The world grows the teacher arrays by half again (world.c): the start
     * population must leave that room in 32-bit counts. */
    if (total > INT32_MAX / 2 - 1024)
        return ts_error_set(err, TS_ERR_INPUT, "population.regions: expected at most %d start teachers, found %lld",
                            INT32_MAX / 2 - 1024, (long long)total);
    ts_status st = ts_teachers_alloc(&p->teachers, (int32_t)total + 1, err);
    if (st != TS_OK)
        return st;
    ts_teachers *t = &p->teachers;
    /* Out-of-field holders of music/PE/art posts teach the big subjects. */
    const double fallback[TS_SUBJECT_COUNT] = {0.4, 0.3, 0, 0, 0, 0, 0, 0.3};
    int32_t row = 0;
    for (int32_t school = 0; school < s->n; school++) {
        int loc = s->locality[school];
        int32_t n = (int32_t)lround(s->requirement[school] * sc->population.staffing_level[loc]);
        double w[TS_SUBJECT_COUNT];
        int32_t by_subject[TS_SUBJECT_COUNT];
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            w[k] = s->posts[school][k];
        ts_apportion(n, w, TS_SUBJECT_COUNT, by_subject);
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            for (int32_t j = 0; j < by_subject[k]; j++, row++) {
                int subject = k;
                if (is_specialist(k)) {
                    philox4x32_ctr_t c = ts_rng_words(rng, ts_entity_start_teacher((uint32_t)row),
                                                      sc->horizon.start_year, TS_EVENT_POPULATION, 0);
                    if (ts_rng_unit(c.v[0]) >= sc->population.specialist_supply[loc])
                        subject = pick_weighted(fallback, TS_SUBJECT_COUNT, c.v[1]);
                }
                make_teacher(t, row, sc, s, school, k, subject, rng);
            }
    }
    t->n = row;
    return TS_OK;
}

ts_status ts_population_generate(ts_population *p, const ts_scenario *sc, uint32_t seed, ts_error *err)
{
    memset(p, 0, sizeof *p);
    ts_rng rng = ts_rng_for(seed, POPULATION_STREAM);
    p->n_regions = sc->population.n_regions;
    p->start_year = sc->horizon.start_year;
    ts_status st = build_schools(&p->schools, sc, &rng, err);
    if (st == TS_OK) {
        ts_population_derive(p, sc); /* the posts the start teachers are generated to fill */
        st = build_teachers(p, sc, &rng, err);
    }
    if (st != TS_OK) {
        ts_population_free(p);
        return st;
    }
    ts_population_derive(p, sc); /* who holds which post */
    return TS_OK;
}

/* Shared with real rosters (roster.c), so that a roster exported and read
 * back gives these arrays bit for bit. */
void ts_population_derive(ts_population *p, const ts_scenario *sc)
{
    ts_schools *s = &p->schools;
    ts_schools_set_all_posts(s, sc);
    for (int32_t i = 0; i < s->n; i++) {
        s->entry_weight[i] = s->pupils[i][0];
        s->junior_weight[i] = s->level[i] == TS_LEVEL_JUNIOR ? s->pupils[i][6] : 0.0;
        memset(s->held[i], 0, sizeof s->held[i]);
        s->temporaries[i] = 0;
    }
    /* the counts of who holds which post start consistent with the roster */
    for (int32_t i = 0; i < p->teachers.n; i++) {
        int32_t school = p->teachers.school[i];
        if (p->teachers.contract[i] == TS_CONTRACT_TEMPORARY)
            s->temporaries[school]++;
        else
            s->held[school][p->teachers.post_subject[i]]++;
    }
}
