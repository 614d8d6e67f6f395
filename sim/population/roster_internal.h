/*
 * roster_internal.h: what the files of the roster reader share among
 * themselves and with nothing else.
 *
 * Owns: the columns of the two formats (docs/rosters.md), the ids table
 * (roster_ids.c), and the row handlers of the schools CSV
 * (roster_schools.c) and the teachers CSV (roster_teachers.c) with the state
 * they fill, which the loader (roster.c) reads and the export
 * (roster_export.c) writes.
 * Does not own reading a CSV (csv_reader.h) nor the public entry points
 * (roster.h).
 */
#ifndef TEACHSIM_ROSTER_INTERNAL_H
#define TEACHSIM_ROSTER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "csv_reader.h"
#include "population.h"
#include "roster.h"
#include "teachsim/scenario.h"

_Static_assert(TS_ROSTER_MAX_FIELD == TS_CSV_MAX_FIELD && TS_ROSTER_MAX_LINE == TS_CSV_MAX_LINE &&
                   TS_ROSTER_MAX_PROBLEMS == TS_CSV_MAX_PROBLEMS,
               "the roster's documented limits are the CSV reader's");

/* ---- columns --------------------------------------------------------------- */

enum {
    S_ID,
    S_REGION,
    S_NAME,
    S_LEVEL,
    S_LOCALITY,
    S_WEAK,
    S_PUPILS, /* pupils_g1 .. pupils_g9 */
    S_CLASSES = S_PUPILS + TS_GRADES,
    S_COLUMNS
};
extern const char *const ts_roster_school_columns[S_COLUMNS];

enum {
    T_ID,
    T_SCHOOL,
    T_BIRTH_YEAR,
    T_BIRTH_MONTH,
    T_SEX,
    T_SUBJECT,
    T_POST,
    T_QUALIFICATION,
    T_TITLE,
    T_BACKBONE,
    T_CONTRACT,
    T_AT_SCHOOL,
    T_SERVICE,
    T_SERVICE_LEFT,
    T_COLUMNS
};
extern const char *const ts_roster_teacher_columns[T_COLUMNS];
/* post_subject may be left out (then every teacher holds a post of their own subject) */
#define TEACHER_OPTIONAL (1u << T_POST)

/* ---- ids (roster_ids.c) ---------------------------------------------------- */

/* Open addressing over ids kept in one arena; each id remembers the line it
 * was first seen on and a value (the school's row). */
typedef struct {
    char *text;
    size_t text_len, text_cap;
    size_t *at; /* n + 1 offsets into text; at[n] == text_len */
    uint64_t *line;
    int32_t *value;
    size_t n, cap;
    int32_t *slot;  /* entry + 1, 0 when empty */
    size_t n_slots; /* a power of two */
} ts_id_table;

void ts_ids_free(ts_id_table *t);

/* The entry of id s (n bytes), or -1. */
int64_t ts_ids_find(const ts_id_table *t, const char *s, size_t n);

/* Add an id not yet in the table; 0 when out of memory. */
int ts_ids_add(ts_id_table *t, const char *s, size_t n, uint64_t line, int32_t value);

/* An id column: text of 1 to TS_ROSTER_MAX_ID bytes, or NULL (reported). */
const char *ts_roster_id_value(ts_csv_parser *ps, int c, size_t *len);

/* A new id into table; reports a duplicate, sets *nomem when memory ran
 * out. Returns 1 when added. */
int ts_roster_unique_id(ts_csv_parser *ps, int c, ts_id_table *table, int32_t value_of_row, int *nomem);

/* ---- schools (roster_schools.c) -------------------------------------------- */

typedef struct {
    int32_t region;
    uint8_t level, locality, weak;
    int32_t pupils[TS_GRADES];
    size_t name_at, name_len; /* the name column, in school_load.names */
} school_row;

typedef struct {
    const ts_scenario *sc;
    ts_id_table ids;
    school_row *rows;
    size_t n, cap;
    char *names; /* every row's name, one after another (kept for the results' school table) */
    size_t names_len, names_cap;
    int nomem;
} school_load;

/* The row handler of the schools CSV; user is a school_load. */
void ts_roster_school_row(ts_csv_parser *ps, void *user);

/* ---- teachers (roster_teachers.c) ------------------------------------------ */

typedef struct {
    const ts_scenario *sc;
    const ts_id_table *schools;
    ts_teachers *t;
    ts_id_table ids;
    int nomem;
} teacher_load;

/* The row handler of the teachers CSV; user is a teacher_load, whose
 * teachers grow by one per row. */
void ts_roster_teacher_row(ts_csv_parser *ps, void *user);

#endif
