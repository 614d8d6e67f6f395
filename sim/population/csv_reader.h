/*
 * csv_reader.h: a general CSV reader over libcsv, for files a user writes by
 * hand or exports from a spreadsheet, with every problem reported as
 * FILE:LINE: COLUMN: WHAT.
 *
 * Owns: ts_csv_parser (the position in the file, the current record, the
 * header matched against the known columns, the rows counted against their
 * limit), ts_csv_report (the list of problems of one load, across files),
 * and reading one field as checked text, a whole number or a code.
 * Does not own what a row means: the caller's row handler reads each data
 * record (roster_schools.c, roster_teachers.c); nor the ids (roster_ids.c).
 * Internal to sim/population (it includes libcsv's csv.h).
 */
#ifndef TEACHSIM_CSV_READER_H
#define TEACHSIM_CSV_READER_H

#include <csv.h>
#include <stddef.h>
#include <stdint.h>

#include "teachsim/status.h"

#define TS_CSV_MAX_COLUMNS 32  /* fields of a record kept */
#define TS_CSV_MAX_FIELD 1024  /* bytes of one field */
#define TS_CSV_MAX_LINE 65536  /* bytes of one line, and of one record */
#define TS_CSV_MAX_PROBLEMS 50 /* problems listed before "... and N more" */
#define TS_CSV_FOUND_MAX 60    /* bytes of a value quoted in a message before it is cut */

/* The problems of one load, which may read several files. */
typedef struct {
    ts_error *err;
    ts_status status; /* TS_ERR_INPUT, or TS_ERR_NOMEM once memory ran out */
    int64_t found;    /* problems found */
    int64_t hidden;   /* found but not listed (past the limit or the message's room) */
} ts_csv_report;

typedef struct ts_csv_parser ts_csv_parser;
typedef void (*ts_csv_row_handler)(ts_csv_parser *ps, void *user);

struct ts_csv_parser {
    ts_csv_report *rep;
    const char *filename;
    struct csv_parser csv;
    int csv_ready;
    int stop; /* a problem that ends reading this file */
    /* where we are */
    uint64_t line;        /* the physical line being fed, from 1 */
    uint64_t record_line; /* the line the current record started on */
    size_t line_bytes, record_bytes;
    int ended_at_newline; /* the last line end fed closed a record (or a blank line) */
    int skip_line;        /* after a quoting error: drop the rest of the line */
    int started;          /* the first bytes (and a BOM) have been seen */
    /* the current record */
    int64_t n_fields;
    char field[TS_CSV_MAX_COLUMNS][TS_CSV_MAX_FIELD + 1];
    size_t field_len[TS_CSV_MAX_COLUMNS];
    unsigned char too_long[TS_CSV_MAX_COLUMNS];
    /* the header */
    int header_seen;
    int64_t n_columns;
    const char *const *names;
    int n_names;
    unsigned optional;
    int column_of[TS_CSV_MAX_COLUMNS]; /* known column -> position in the header, or -1 */
    /* data rows */
    int64_t rows, max_rows;
    const char *row_noun;
    ts_csv_row_handler on_row;
    void *user;
};

/* One problem line into the report (past TS_CSV_MAX_PROBLEMS or the
 * message's room it is only counted). */
void ts_csv_report_problem(ts_csv_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Out of memory while `what` ("reading a roster"). */
void ts_csv_report_nomem(ts_csv_report *rep, const char *what);

/* A problem of the current record: FILE:LINE: COLUMN: WHAT (no column when
 * column is NULL). */
void ts_csv_problem(ts_csv_parser *ps, const char *column, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Prepare ps to read `filename` with the known columns names[0..n_names)
 * (those in the bit set `optional` may be absent), at most max_rows data
 * rows (`row_noun` in the message), each passed to on_row with user. */
void ts_csv_setup(ts_csv_parser *ps, ts_csv_report *rep, const char *filename, const char *const *names, int n_names,
                  unsigned optional, int64_t max_rows, const char *row_noun, ts_csv_row_handler on_row, void *user);

/* Parse a whole file (text == NULL: read ps->filename) or an in-memory text. */
void ts_csv_parse(ts_csv_parser *ps, const char *text, size_t len);

/* The text of known column c in the current record, or NULL when the header
 * lacks it, the record is too short for it, or it is not clean text (too
 * long, NUL bytes, not UTF-8: each reported here, once). */
const char *ts_csv_value(ts_csv_parser *ps, int c, size_t *len);

/* A whole number in [min, max]; 0 (and a problem) otherwise. `what` says
 * what is expected ("a month 1-12"). */
int ts_csv_whole(ts_csv_parser *ps, int c, long min, long max, const char *what, long *out);

/* Whether column c of the current record is present and empty. */
int ts_csv_is_empty(ts_csv_parser *ps, int c);

/* One of codes[0..n_codes) into *out; 0 (and a problem listing them) otherwise. */
int ts_csv_code(ts_csv_parser *ps, int c, const char *const *codes, int n_codes, int *out);

#endif
