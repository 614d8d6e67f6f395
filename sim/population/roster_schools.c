/*
 * roster_schools.c: the schools CSV of a roster (docs/rosters.md).
 *
 * Owns: its columns, and each row read and checked: a unique school_id, a
 * region code of the scenario, level, locality and weak codes, pupils only in
 * the grades the level teaches, and classes that fit the pupils.
 * Does not own reading the CSV (csv_reader.c), the ids (roster_ids.c) nor
 * the derived school fields (ts_population_derive).
 */
#include <stdio.h>
#include <string.h>

#include "roster_internal.h"

#define MAX_PUPILS_PER_GRADE 100000
#define MAX_CLASSES 100000

const char *const ts_roster_school_columns[S_COLUMNS] = {
    "school_id", "region",    "name",      "level",     "locality",  "weak",      "pupils_g1", "pupils_g2",
    "pupils_g3", "pupils_g4", "pupils_g5", "pupils_g6", "pupils_g7", "pupils_g8", "pupils_g9", "classes"};

static int region_of(ts_csv_parser *ps, const ts_scenario *sc, int32_t *out)
{
    size_t n;
    const char *s = ts_csv_value(ps, S_REGION, &n);
    if (!s)
        return 0;
    for (int32_t r = 0; r < sc->population.n_regions; r++)
        if (strcmp(sc->population.regions[r].code, s) == 0) {
            *out = r;
            return 1;
        }
    char list[320] = "", found[TS_CSV_FOUND_MAX * 4 + 16];
    for (int32_t r = 0; r < sc->population.n_regions; r++) {
        size_t at = strlen(list);
        if (at + strlen(sc->population.regions[r].code) + 8 >= sizeof list) {
            snprintf(list + at, sizeof list - at, ", ...");
            break;
        }
        snprintf(list + at, sizeof list - at, "%s%s", r ? ", " : "", sc->population.regions[r].code);
    }
    if (n == 0)
        snprintf(found, sizeof found, "an empty field");
    else
        ts_error_quote(s, n, found, sizeof found);
    ts_csv_problem(ps, "region", "expected a region code of the scenario (%s), found %s", list, found);
    return 0;
}

/* Every row becomes a school, even one with problems, so that a school's
 * index is its row's; it starts as zeros. Returns NULL when out of memory. */
static school_row *append_school(school_load *L)
{
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 256;
        school_row *rows = realloc(L->rows, cap * sizeof *rows);
        if (!rows) {
            L->nomem = 1;
            return NULL;
        }
        L->rows = rows;
        L->cap = cap;
    }
    school_row *row = &L->rows[L->n];
    memset(row, 0, sizeof *row);
    L->n++;
    return row;
}

/* A row of the wrong width is reported: its columns cannot be trusted, but
 * its id most likely is, and knowing it spares its teachers an "unknown
 * school" each. */
static void keep_id_of_short_row(ts_csv_parser *ps, school_load *L)
{
    int pos = ps->column_of[S_ID];
    if (pos >= 0 && pos < ps->n_fields && pos < TS_CSV_MAX_COLUMNS && !ps->too_long[pos]) {
        const char *s = ps->field[pos];
        size_t n = ps->field_len[pos];
        if (n > 0 && n <= TS_ROSTER_MAX_ID && ts_ids_find(&L->ids, s, n) < 0 &&
            !ts_ids_add(&L->ids, s, n, ps->record_line, (int32_t)(L->n - 1)))
            L->nomem = 1;
    }
}

/* The region, level, locality and weak codes; returns the level, or -1 when
 * it could not be read (then every grade's pupils are accepted). */
static int read_codes(ts_csv_parser *ps, const ts_scenario *sc, school_row *row)
{
    int32_t region = 0;
    if (region_of(ps, sc, &region))
        row->region = region;
    int level = -1, locality = 0;
    long weak = 0;
    if (!ts_csv_code(ps, S_LEVEL, ts_level_codes, TS_LEVEL_COUNT, &level))
        level = -1;
    if (ts_csv_code(ps, S_LOCALITY, ts_locality_codes, TS_LOCALITY_COUNT, &locality))
        row->locality = (uint8_t)locality;
    if (ts_csv_whole(ps, S_WEAK, 0, 1, "0 or 1", &weak))
        row->weak = (uint8_t)weak;
    row->level = (uint8_t)(level < 0 ? 0 : level);
    return level;
}

/* Pupils only in the grades the level teaches (a grade it does not teach may
 * be empty). Adds the pupils up in *total; returns 0 when a grade's count was
 * refused, so that the classes are not checked against a wrong total. */
static int read_pupils(ts_csv_parser *ps, int level, school_row *row, long *total)
{
    int pupils_ok = 1;
    for (int g = 0; g < TS_GRADES; g++) {
        int c = S_PUPILS + g, grade = g + 1;
        int taught = level < 0 ||
                     (grade >= ts_level_first_grade((ts_level)level) && grade <= ts_level_last_grade((ts_level)level));
        long v = 0;
        if (!taught && ts_csv_is_empty(ps, c))
            continue;
        char what[64];
        snprintf(what, sizeof what, "a whole number of pupils 0-%d", MAX_PUPILS_PER_GRADE);
        if (!ts_csv_whole(ps, c, 0, MAX_PUPILS_PER_GRADE, what, &v)) {
            pupils_ok = 0;
            continue;
        }
        if (!taught && v > 0) {
            ts_csv_problem(ps, ts_roster_school_columns[c],
                           "a %s school teaches grades %d-%d, found %ld pupils in grade %d", ts_level_codes[level],
                           ts_level_first_grade((ts_level)level), ts_level_last_grade((ts_level)level), v, grade);
            pupils_ok = 0;
            continue;
        }
        row->pupils[g] = (int32_t)v;
        *total += v;
    }
    return pupils_ok;
}

/* Classes are checked, not kept: the staffing step derives them from pupils
 * and staffing.class_size_max every year (docs/rosters.md). */
static void check_classes(ts_csv_parser *ps, long total, int pupils_ok)
{
    long classes = 0;
    char what[64];
    snprintf(what, sizeof what, "a whole number of classes 0-%d, or nothing", MAX_CLASSES);
    if (!ts_csv_is_empty(ps, S_CLASSES) && ts_csv_whole(ps, S_CLASSES, 0, MAX_CLASSES, what, &classes) && pupils_ok) {
        if (classes > total)
            ts_csv_problem(ps, "classes", "expected at most one class per pupil (%ld pupils), found %ld", total,
                           classes);
        else if (classes == 0 && total > 0)
            ts_csv_problem(ps, "classes", "expected at least 1 class for %ld pupils, found 0", total);
    }
}

/* The school's name into the load's buffer of names. */
static void keep_name(school_load *L, school_row *row, const char *name, size_t n)
{
    row->name_at = L->names_len;
    row->name_len = 0;
    if (n == 0)
        return; /* nothing to keep (and the buffer may not exist yet) */
    if (L->names_len + n > L->names_cap) {
        size_t cap = L->names_cap ? 2 * L->names_cap : 4096;
        while (cap < L->names_len + n)
            cap *= 2;
        char *grown = realloc(L->names, cap);
        if (!grown) {
            L->nomem = 1;
            return;
        }
        L->names = grown;
        L->names_cap = cap;
    }
    /* A first school without a name leaves the buffer unallocated: NULL + 0
     * is undefined (UBSan, fuzz_schools_csv). */
    if (n)
        memcpy(L->names + L->names_len, name, n);
    row->name_at = L->names_len;
    row->name_len = n;
    L->names_len += n;
}

void ts_roster_school_row(ts_csv_parser *ps, void *user)
{
    school_load *L = user;
    if (L->nomem)
        return;
    school_row *row = append_school(L);
    if (!row)
        return;
    if (ps->n_fields != ps->n_columns) {
        keep_id_of_short_row(ps, L);
        return;
    }
    ts_roster_unique_id(ps, S_ID, &L->ids, (int32_t)(L->n - 1), &L->nomem);
    size_t n;
    const char *name = ts_csv_value(ps, S_NAME, &n); /* any UTF-8 text: kept for people, not read by the model */
    keep_name(L, row, name ? name : "", name ? n : 0);
    int level = read_codes(ps, L->sc, row);
    long total = 0;
    int pupils_ok = read_pupils(ps, level, row, &total);
    check_classes(ps, total, pupils_ok);
}
