/*
 * population.c: the structure-of-arrays containers for schools and teachers.
 * Allocation, copying, appending room and compaction; nothing about what
 * happens to teachers (the mechanisms' modules) or where they come from
 * (population_generate.c).
 */
#include <stdlib.h>
#include <string.h>

#include "population.h"

/* Each per-teacher array, with its element size, in one list so that alloc,
 * copy, reserve and compact cannot miss a field. */
#define TS_TEACHER_FIELDS(X)                                                                                           \
    X(uid)                                                                                                             \
    X(school)                                                                                                          \
    X(birth_month)                                                                                                     \
    X(retire_month)                                                                                                    \
    X(sex)                                                                                                             \
    X(subject)                                                                                                         \
    X(qualification)                                                                                                   \
    X(title)                                                                                                           \
    X(backbone)                                                                                                        \
    X(contract)                                                                                                        \
    X(post_subject)                                                                                                    \
    X(standby_years)                                                                                                   \
    X(home_school)                                                                                                     \
    X(return_year)                                                                                                     \
    X(years_at_school)                                                                                                 \
    X(years_of_service)                                                                                                \
    X(service_left)                                                                                                    \
    X(flags)

size_t ts_teachers_bytes_per_teacher(void)
{
    const ts_teachers *t = NULL;
    size_t bytes = 0;
#define TS_SIZE(f) bytes += sizeof *t->f;
    TS_TEACHER_FIELDS(TS_SIZE)
#undef TS_SIZE
    return bytes;
}

ts_status ts_teachers_alloc(ts_teachers *t, int32_t capacity, ts_error *err)
{
    memset(t, 0, sizeof *t);
    return ts_teachers_reserve(t, capacity, err);
}

ts_status ts_teachers_reserve(ts_teachers *t, int32_t capacity, ts_error *err)
{
    if (capacity <= t->capacity)
        return TS_OK;
#define TS_GROW(f)                                                                                                     \
    {                                                                                                                  \
        void *p = realloc(t->f, (size_t)capacity * sizeof *t->f);                                                      \
        if (!p)                                                                                                        \
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);                    \
        t->f = p;                                                                                                      \
    }
    TS_TEACHER_FIELDS(TS_GROW)
#undef TS_GROW
    t->capacity = capacity;
    return TS_OK;
}

void ts_teachers_free(ts_teachers *t)
{
#define TS_FREE(f) free(t->f);
    TS_TEACHER_FIELDS(TS_FREE)
#undef TS_FREE
    memset(t, 0, sizeof *t);
}

void ts_teachers_copy(ts_teachers *dst, const ts_teachers *src)
{
#define TS_COPY(f) memcpy(dst->f, src->f, (size_t)src->n * sizeof *src->f);
    TS_TEACHER_FIELDS(TS_COPY)
#undef TS_COPY
    dst->n = src->n;
}

void ts_teachers_copy_regions(ts_teachers *dst, const ts_teachers *src, const int32_t *school_region, int32_t lo,
                              int32_t hi)
{
    int32_t n = 0;
    for (int32_t i = 0; i < src->n; i++) {
        int32_t r = school_region[src->school[i]];
        if (r < lo || r >= hi)
            continue;
#define TS_PICK(f) dst->f[n] = src->f[i];
        TS_TEACHER_FIELDS(TS_PICK)
#undef TS_PICK
        n++;
    }
    dst->n = n;
}

void ts_teachers_compact(ts_teachers *t)
{
    int32_t kept = 0;
    for (int32_t i = 0; i < t->n; i++) {
        if (t->flags[i] & TS_TEACHER_GONE)
            continue;
        if (kept != i) {
#define TS_MOVE(f) t->f[kept] = t->f[i];
            TS_TEACHER_FIELDS(TS_MOVE)
#undef TS_MOVE
        }
        kept++;
    }
    t->n = kept;
}

#define TS_SCHOOL_FIELDS(X)                                                                                            \
    X(region)                                                                                                          \
    X(level)                                                                                                           \
    X(locality)                                                                                                        \
    X(weak)                                                                                                            \
    X(pupils)                                                                                                          \
    X(entry_weight)                                                                                                    \
    X(junior_weight)                                                                                                   \
    X(requirement)                                                                                                     \
    X(part_requirement)                                                                                                \
    X(pupil_total)                                                                                                     \
    X(posts)                                                                                                           \
    X(held)                                                                                                            \
    X(temporaries)

ts_status ts_schools_alloc(ts_schools *s, int32_t n, ts_error *err)
{
    memset(s, 0, sizeof *s);
    s->n = n;
#define TS_ALLOC(f)                                                                                                    \
    s->f = calloc(n > 0 ? (size_t)n : 1, sizeof *s->f);                                                                \
    if (!s->f) {                                                                                                       \
        ts_schools_free(s);                                                                                            \
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d schools", (int)n);                                \
    }
    TS_SCHOOL_FIELDS(TS_ALLOC)
#undef TS_ALLOC
    return TS_OK;
}

void ts_schools_free(ts_schools *s)
{
#define TS_FREE(f) free(s->f);
    TS_SCHOOL_FIELDS(TS_FREE)
#undef TS_FREE
    memset(s, 0, sizeof *s);
}

void ts_schools_copy(ts_schools *dst, const ts_schools *src)
{
#define TS_COPY(f) memcpy(dst->f, src->f, (size_t)src->n * sizeof *src->f);
    TS_SCHOOL_FIELDS(TS_COPY)
#undef TS_COPY
    dst->n = src->n;
}

void ts_population_free(ts_population *p)
{
    ts_schools_free(&p->schools);
    ts_teachers_free(&p->teachers);
}

void ts_schools_set_posts(ts_schools *s, int32_t i, const ts_scenario *sc,
                          const int32_t (*table)[TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT])
{
    s->requirement[i] = ts_staffing_school_parts(sc, s->pupils[i], s->posts[i], s->part_requirement[i], table);
    s->pupil_total[i] = 0;
    for (int g = 0; g < TS_GRADES; g++)
        s->pupil_total[i] += s->pupils[i][g];
}

void ts_schools_set_all_posts(ts_schools *s, const ts_scenario *sc)
{
    for (int32_t i = 0; i < s->n; i++)
        ts_schools_set_posts(s, i, sc, NULL);
}
