/*
 * population.c: the structure-of-arrays containers for schools and teachers.
 *
 * Owns: allocation, copying, appending room and compaction, with each
 * container's arrays listed once (TS_TEACHER_FIELDS, TS_SCHOOL_FIELDS) and
 * walked as a table of arrays and element sizes, so that no operation can
 * miss a field.
 * Does not own what happens to teachers (the steps of sim/model) nor where
 * they come from (population_generate.c, roster.c).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "population.h"

/* Each per-teacher array in one list, so that alloc, copy, reserve and
 * compact cannot miss a field. */
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

/* ---- the arrays as a table ------------------------------------------------ */

/* One array of a structure-of-arrays container: where its pointer lies in
 * the container, and the size of one element. Allocating, freeing and
 * copying walk the table, the same loop for teachers and schools. */
typedef struct {
    size_t offset, size;
} soa_array;

#define TS_TEACHER_ARRAY(f) {offsetof(ts_teachers, f), sizeof *((ts_teachers *)0)->f},
static const soa_array teacher_arrays[] = {TS_TEACHER_FIELDS(TS_TEACHER_ARRAY)};
#undef TS_TEACHER_ARRAY
#define N_TEACHER_ARRAYS (sizeof teacher_arrays / sizeof teacher_arrays[0])

/* The pointer of array a of the container at obj (every object pointer has
 * the representation of a void *). */
static void *soa_get(const void *obj, const soa_array *a)
{
    void *p;
    memcpy(&p, (const char *)obj + a->offset, sizeof p);
    return p;
}

static void soa_set(void *obj, const soa_array *a, void *p)
{
    memcpy((char *)obj + a->offset, &p, sizeof p);
}

/* Grow every array to n elements (realloc: the first n_old are kept); 0 when
 * memory ran out, the arrays grown so far kept. */
static int soa_grow(void *obj, const soa_array *arrays, size_t n_arrays, size_t n)
{
    for (size_t k = 0; k < n_arrays; k++) {
        void *p = realloc(soa_get(obj, &arrays[k]), n * arrays[k].size);
        if (!p)
            return 0;
        soa_set(obj, &arrays[k], p);
    }
    return 1;
}

static void soa_free(void *obj, const soa_array *arrays, size_t n_arrays)
{
    for (size_t k = 0; k < n_arrays; k++)
        free(soa_get(obj, &arrays[k]));
}

/* The first n elements of every array of src into those of dst. */
static void soa_copy(void *dst, const void *src, const soa_array *arrays, size_t n_arrays, size_t n)
{
    /* A roster of no teachers has no arrays yet, and memcpy from NULL is
     * undefined even for 0 bytes. */
    if (n == 0)
        return;
    for (size_t k = 0; k < n_arrays; k++)
        memcpy(soa_get(dst, &arrays[k]), soa_get(src, &arrays[k]), n * arrays[k].size);
}

/* ---- teachers ------------------------------------------------------------ */

size_t ts_teachers_bytes_per_teacher(void)
{
    size_t bytes = 0;
    for (size_t k = 0; k < N_TEACHER_ARRAYS; k++)
        bytes += teacher_arrays[k].size;
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
    if (!soa_grow(t, teacher_arrays, N_TEACHER_ARRAYS, (size_t)capacity))
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d teachers", (int)capacity);
    t->capacity = capacity;
    return TS_OK;
}

void ts_teachers_free(ts_teachers *t)
{
    soa_free(t, teacher_arrays, N_TEACHER_ARRAYS);
    memset(t, 0, sizeof *t);
}

void ts_teachers_copy(ts_teachers *dst, const ts_teachers *src)
{
    soa_copy(dst, src, teacher_arrays, N_TEACHER_ARRAYS, (size_t)src->n);
    dst->n = src->n;
}

/* Picking and moving single teachers stay typed assignments, field by field:
 * they run for every teacher every year, where a call per field would cost. */
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

/* The leavers are few (a few in a hundred a year), so the teachers who stay
 * come in long runs between them. Each run moves with one memmove per array
 * instead of a typed assignment per field and teacher: the runs are found
 * from the flags alone, and the rows before the first leaver never move. The
 * order of the teachers who stay is the same as a teacher-by-teacher stable
 * compaction gives (tests/test_population.c), which the steps that walk the
 * arrays in order rely on. */
/* The first leaver at or after row i (n if none), eight flags at a time
 * while none of the eight is one. */
static int32_t next_gone(const uint8_t *flags, int32_t i, int32_t n)
{
    const uint64_t gone_in_every_byte = 0x0101010101010101u * TS_TEACHER_GONE;
    for (; i + 8 <= n; i += 8) {
        uint64_t eight;
        memcpy(&eight, flags + i, sizeof eight);
        if (eight & gone_in_every_byte)
            break;
    }
    while (i < n && !(flags[i] & TS_TEACHER_GONE))
        i++;
    return i;
}

void ts_teachers_compact(ts_teachers *t)
{
    const int32_t n = t->n;
    const uint8_t *flags = t->flags;
    int32_t i = next_gone(flags, 0, n);
    int32_t kept = i;
    while (i < n) {
        while (i < n && (flags[i] & TS_TEACHER_GONE))
            i++;
        const int32_t run = i;
        i = next_gone(flags, i, n);
        if (i == run)
            break;
        /* Moving down over rows already scanned: flags[i..] are still to be read. */
        for (size_t k = 0; k < N_TEACHER_ARRAYS; k++) {
            char *base = soa_get(t, &teacher_arrays[k]);
            const size_t size = teacher_arrays[k].size;
            memmove(base + (size_t)kept * size, base + (size_t)run * size, (size_t)(i - run) * size);
        }
        kept += i - run;
    }
    t->n = kept;
}

/* ---- schools ------------------------------------------------------------- */

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
    X(temporaries)                                                                                                     \
    X(closed)                                                                                                          \
    X(capacity)                                                                                                        \
    X(psych_full)                                                                                                      \
    X(psych_flags)

/* ---- schools ------------------------------------------------------------- */

#define TS_SCHOOL_ARRAY(f) {offsetof(ts_schools, f), sizeof *((ts_schools *)0)->f},
static const soa_array school_arrays[] = {TS_SCHOOL_FIELDS(TS_SCHOOL_ARRAY)};
#undef TS_SCHOOL_ARRAY
#define N_SCHOOL_ARRAYS (sizeof school_arrays / sizeof school_arrays[0])

ts_status ts_schools_alloc(ts_schools *s, int32_t n, ts_error *err)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    for (size_t k = 0; k < N_SCHOOL_ARRAYS; k++) {
        void *p = calloc(n > 0 ? (size_t)n : 1, school_arrays[k].size);
        if (!p) {
            ts_schools_free(s);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory for %d schools", (int)n);
        }
        soa_set(s, &school_arrays[k], p);
    }
    return TS_OK;
}

void ts_schools_free(ts_schools *s)
{
    soa_free(s, school_arrays, N_SCHOOL_ARRAYS);
    memset(s, 0, sizeof *s);
}

void ts_schools_copy(ts_schools *dst, const ts_schools *src)
{
    soa_copy(dst, src, school_arrays, N_SCHOOL_ARRAYS, (size_t)src->n);
    dst->n = src->n;
}

void ts_population_free(ts_population *p)
{
    for (int32_t i = 0; i < p->schools.n; i++) {
        if (p->school_ids)
            free(p->school_ids[i]);
        if (p->school_names)
            free(p->school_names[i]);
    }
    free(p->school_ids);
    free(p->school_names);
    p->school_ids = p->school_names = NULL;
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
