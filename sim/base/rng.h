/**
 * @file rng.h
 * Counter-based random numbers: every draw is a pure function of
 * (base seed, replication, entity, year, event).
 *
 * Owns: the Philox4x32-10 key and counter layout (docs/conventions.md, rule 8), entity
 * identifiers, the event codes, integer thresholds for hazards, a batched
 * draw of one block per entity (AVX2 where the CPU has it, word for word the
 * scalar generator's), and a gsl_rng view of the same generator for GSL's
 * distributions. A teacher's fate never depends on thread count, schedule,
 * other teachers or the scenario, so scenarios run together share random
 * numbers teacher by teacher.
 *
 * Layout: key = {seed, replication}; counter = {entity low 32 bits, entity
 * high 32 bits, year << 8 | event, draw}. The gsl_rng view owns the draw word.
 */
#ifndef TEACHSIM_RNG_H
#define TEACHSIM_RNG_H

#include <stddef.h>
#include <stdint.h>

#include <Random123/philox.h>
#include <gsl/gsl_rng.h>

/* Events: one code per kind of decision, so two decisions never share a draw. */
typedef enum {
    TS_EVENT_POPULATION = 1, /* start population: attributes of a generated teacher or school */
    TS_EVENT_CAREER,         /* per teacher-year: leave, transfer, early retirement, promotions */
    TS_EVENT_CAREER2,        /* per teacher-year: qualification upgrade (second block of 4) */
    TS_EVENT_MIGRATION,      /* per school-year: pupils moving from rural to town/urban */
    TS_EVENT_RECRUIT,        /* per school-year: which advertised posts fill */
    TS_EVENT_TEMPORARY,      /* per school-year: which remaining vacancies temporaries fill */
    TS_EVENT_HIRE,           /* per new hire: age, sex, qualification */
    TS_EVENT_ORDER,          /* per region-year: the order in which schools are served */
    TS_EVENT_PARAMETER,      /* per replication: draws of uncertain parameters */
    TS_EVENT_STUDY,          /* per region-year: targeted students dropping out */
    TS_EVENT_SERVICE_END,    /* per teacher: moving on when targeted service ends */
    TS_EVENT_POSTING,        /* per teacher-year: the random part of the competition rank */
    TS_EVENT_ROTATION,       /* per teacher-year: who is chosen to rotate */
    TS_EVENT_RETURN,         /* per teacher: staying or returning when a stint ends */
    TS_EVENT_LEVEL_CHANGE,   /* per teacher-year: whether a retrained teacher may take a post of the other level */
    TS_EVENT_PSYCHOLOGY,     /* per school-year: psychology staff at the start, leaving, posts filled */
    TS_EVENT_COUNT
} ts_event;

/* Entity identifiers: 64 bits whose top bits say what kind of entity it is. */
#define TS_ENTITY_HIRE_BIT (UINT64_C(1) << 63)
#define TS_ENTITY_SCHOOL_BIT (UINT64_C(1) << 62)
#define TS_ENTITY_REGION_BIT (UINT64_C(1) << 61)
#define TS_ENTITY_GLOBAL_BIT (UINT64_C(1) << 60)

/** A teacher of the start population: its row number in the generated roster. */
static inline uint64_t ts_entity_start_teacher(uint32_t index)
{
    return (uint64_t)index;
}

/** The slot-th teacher hired in a region in a year: the same person in every
 *  scenario where that post is filled in that order. */
static inline uint64_t ts_entity_hire(int year, uint32_t region, uint32_t slot)
{
    return TS_ENTITY_HIRE_BIT | ((uint64_t)(uint32_t)(year - 1900) << 44) | ((uint64_t)(region & 0xFFFFF) << 24) |
           (slot & 0xFFFFFF);
}

static inline uint64_t ts_entity_school(uint32_t school)
{
    return TS_ENTITY_SCHOOL_BIT | school;
}
static inline uint64_t ts_entity_region(uint32_t region)
{
    return TS_ENTITY_REGION_BIT | region;
}
/** An uncertain scenario parameter, k its stable number (scenario.h, ts_uncertain_entity). */
static inline uint64_t ts_entity_parameter(uint32_t k)
{
    return TS_ENTITY_GLOBAL_BIT | k;
}

typedef struct {
    philox4x32_key_t key;
} ts_rng;

/** The stream of one replication. Seeds are 32-bit (0 .. 4294967295). */
static inline ts_rng ts_rng_for(uint32_t seed, uint32_t replication)
{
    ts_rng r = {{{seed, replication}}};
    return r;
}

/** Four independent 32-bit words for (entity, year, event, draw). */
static inline philox4x32_ctr_t ts_rng_words(const ts_rng *rng, uint64_t entity, int year, ts_event event, uint32_t draw)
{
    philox4x32_ctr_t c = {{(uint32_t)entity, (uint32_t)(entity >> 32), ((uint32_t)year << 8) | (uint32_t)event, draw}};
    return philox4x32(c, rng->key);
}

/**
 * The blocks of n entities for one (year, event, draw): out[i] holds exactly
 * the four words of ts_rng_words(rng, entity[i], year, event, draw), for a
 * loop that draws one block per entity. On a CPU with AVX2 it computes eight
 * counters at once (chosen at run time, so the binary runs anywhere); the
 * environment variable TS_RNG_SCALAR=1 forces the scalar Random123 path, the
 * reference, which gives the same words. out is rows of four words (the
 * layout of ts_world.draws), so the step that keeps them needs no copy.
 */
void ts_rng_blocks(const ts_rng *rng, const uint64_t *entity, size_t n, int year, ts_event event, uint32_t draw,
                   uint32_t (*out)[4]);

/** Which path ts_rng_blocks takes in this process: chosen once, at its first
 *  call, from the CPU and TS_RNG_SCALAR. */
typedef enum { TS_RNG_PATH_SCALAR, TS_RNG_PATH_AVX2 } ts_rng_path;
ts_rng_path ts_rng_blocks_path(void);

/** Probability p as a 32-bit threshold: word < threshold happens with
 *  probability floor(p * 2^32) / 2^32 (within 2.4e-10 of p). */
static inline uint32_t ts_rng_threshold(double p)
{
    if (!(p > 0.0))
        return 0;
    if (p >= 1.0)
        return UINT32_MAX; /* misses by 2^-32; p = 1 events are handled by callers that need certainty */
    return (uint32_t)(p * 4294967296.0);
}

/** A uniform double in (0, 1) from one word. */
static inline double ts_rng_unit(uint32_t word)
{
    return ((double)word + 0.5) * (1.0 / 4294967296.0);
}

/**
 * A gsl_rng whose numbers come from (entity, year, event): for GSL's
 * distributions (binomial, multinomial, beta ...). Allocate one per thread
 * with ts_rng_gsl_alloc and point it with ts_rng_gsl_at before each use.
 */
gsl_rng *ts_rng_gsl_alloc(void);
void ts_rng_gsl_at(gsl_rng *g, const ts_rng *rng, uint64_t entity, int year, ts_event event);

/** The same gsl_rng view with its state inside the struct, for code that must
 *  not allocate (a few draws per replication): init once, then ts_rng_gsl_at. */
typedef struct {
    gsl_rng rng;
    uint64_t state[8];
} ts_rng_gsl_local;
gsl_rng *ts_rng_gsl_local_init(ts_rng_gsl_local *local);

#endif
