/*
 * roster.c: the start population from a real roster (a schools CSV and a
 * teachers CSV), and any start population written back as those files.
 *
 * Owns: the column lists, reading with libcsv (strict quoting, every
 * unquoted line end reported, so each record knows the line it starts on),
 * the limits that keep a hostile file from exhausting memory, validation of
 * every row with every problem reported (FILE:LINE: COLUMN: problem, up to
 * TS_ROSTER_MAX_PROBLEMS, then a count), the export, and the single entry
 * point ts_population_build (a roster when the scenario names one, else the
 * generator).
 * Does not own: the derived school fields (ts_population_derive, shared with
 * the generator so that both give the same arrays), nor resolving the file
 * names (the scenario loader).
 */
#include "roster.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "retirement_age.h"
#include "rng.h"
#include "staffing_norms.h"

#define MAX_COLUMNS 32        /* fields of a record kept; the formats have 16 and 14 */
#define READ_CHUNK (1u << 20) /* bytes read from a file at a time */
#define FOUND_MAX 60          /* bytes of a value quoted in a message before it is cut */
#define MESSAGE_RESERVE 160   /* room kept in the error for the final count line */
#define MAX_PUPILS_PER_GRADE 100000
#define MAX_CLASSES 100000
#define MAX_YEARS 80 /* years_at_school, years_of_service */
#define MAX_SERVICE_LEFT 60
#define MIN_AGE 18
#define SERVICE_FROM_AGE 16 /* the youngest age service can have started (中师 graduates) */
#define BIRTH_YEAR_MIN 1900
#define BIRTH_YEAR_MAX 2100

/* ---- columns -------------------------------------------------------------- */

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
static const char *const school_columns[S_COLUMNS] = {
    "school_id", "region",    "name",      "level",     "locality",  "weak",      "pupils_g1", "pupils_g2",
    "pupils_g3", "pupils_g4", "pupils_g5", "pupils_g6", "pupils_g7", "pupils_g8", "pupils_g9", "classes"};

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
static const char *const teacher_columns[T_COLUMNS] = {
    "teacher_id",       "school_id",         "birth_year", "birth_month", "sex",      "subject",
    "post_subject",     "qualification",     "title",      "backbone",    "contract", "years_at_school",
    "years_of_service", "service_years_left"};
/* post_subject may be left out (then every teacher holds a post of their own subject) */
#define TEACHER_OPTIONAL (1u << T_POST)

/* ---- problems ------------------------------------------------------------- */

typedef struct {
    ts_error *err;
    ts_status status; /* TS_ERR_INPUT, or TS_ERR_NOMEM once memory ran out */
    int64_t found;    /* problems found */
    int64_t hidden;   /* found but not listed (past the limit or the message's room) */
} report;

static void report_problem(report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report_problem(report *rep, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    rep->found++;
    if (rep->status == TS_OK)
        rep->status = TS_ERR_INPUT;
    size_t used = rep->err ? strlen(rep->err->message) : 0;
    if (rep->found > TS_ROSTER_MAX_PROBLEMS || used + strlen(line) + 2 + MESSAGE_RESERVE > TS_ERROR_MAX) {
        rep->hidden++;
        return;
    }
    ts_error_append(rep->err, TS_ERR_INPUT, "%s", line);
}

static void report_nomem(report *rep, const char *what)
{
    rep->status = TS_ERR_NOMEM;
    ts_error_append(rep->err, TS_ERR_NOMEM, "out of memory %s", what);
}

/* Offset of the first byte that is not well-formed UTF-8 (no overlongs,
 * surrogates or code points past U+10FFFF), or len when all of it is. */
static size_t utf8_bad_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned min, cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 2, min = 0x80, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3, min = 0x800, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return i;
        }
        if (i + n > len)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

/* ---- ids ------------------------------------------------------------------ */

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
} id_table;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static void id_table_free(id_table *t)
{
    free(t->text);
    free(t->at);
    free(t->line);
    free(t->value);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* The entry of id s, or -1. */
static int64_t id_find(const id_table *t, const char *s, size_t n)
{
    if (!t->n_slots)
        return -1;
    size_t mask = t->n_slots - 1;
    for (size_t k = (size_t)hash_bytes(s, n) & mask;; k = (k + 1) & mask) {
        int32_t e = t->slot[k];
        if (!e)
            return -1;
        e--;
        size_t len = t->at[e + 1] - t->at[e];
        if (len == n && memcmp(t->text + t->at[e], s, n) == 0)
            return e;
    }
}

static void id_place(id_table *t, int32_t e)
{
    size_t mask = t->n_slots - 1, k = (size_t)hash_bytes(t->text + t->at[e], t->at[e + 1] - t->at[e]) & mask;
    while (t->slot[k])
        k = (k + 1) & mask;
    t->slot[k] = e + 1;
}

/* Add an id not yet in the table; 0 when out of memory. */
static int id_add(id_table *t, const char *s, size_t n, uint64_t line, int32_t value)
{
    if (t->n + 1 >= t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        size_t *at = realloc(t->at, (cap + 1) * sizeof *at);
        if (at)
            t->at = at;
        uint64_t *ln = realloc(t->line, cap * sizeof *ln);
        if (ln)
            t->line = ln;
        int32_t *v = realloc(t->value, cap * sizeof *v);
        if (v)
            t->value = v;
        if (!at || !ln || !v)
            return 0;
        if (t->cap == 0)
            t->at[0] = 0;
        t->cap = cap;
    }
    if (t->text_len + n > t->text_cap) {
        size_t cap = t->text_cap ? t->text_cap : 16384;
        while (t->text_len + n > cap)
            cap *= 2;
        char *text = realloc(t->text, cap);
        if (!text)
            return 0;
        t->text = text;
        t->text_cap = cap;
    }
    if (2 * (t->n + 1) > t->n_slots) {
        size_t n_slots = t->n_slots ? 2 * t->n_slots : 2048;
        int32_t *slot = calloc(n_slots, sizeof *slot);
        if (!slot)
            return 0;
        free(t->slot);
        t->slot = slot;
        t->n_slots = n_slots;
        for (size_t e = 0; e < t->n; e++)
            id_place(t, (int32_t)e);
    }
    memcpy(t->text + t->text_len, s, n);
    t->text_len += n;
    t->line[t->n] = line;
    t->value[t->n] = value;
    t->at[t->n + 1] = t->text_len;
    t->n++;
    id_place(t, (int32_t)(t->n - 1));
    return 1;
}

/* ---- reading records ------------------------------------------------------ */

typedef struct parser parser;
typedef void (*row_handler)(parser *ps, void *user);

struct parser {
    report *rep;
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
    char field[MAX_COLUMNS][TS_ROSTER_MAX_FIELD + 1];
    size_t field_len[MAX_COLUMNS];
    unsigned char too_long[MAX_COLUMNS];
    /* the header */
    int header_seen;
    int64_t n_columns;
    const char *const *names;
    int n_names;
    unsigned optional;
    int column_of[MAX_COLUMNS]; /* known column -> position in the header, or -1 */
    /* data rows */
    int64_t rows, max_rows;
    const char *row_noun;
    row_handler on_row;
    void *user;
};

static void problem(parser *ps, const char *column, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(parser *ps, const char *column, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (column)
        report_problem(ps->rep, "%s:%" PRIu64 ": %s: %s", ps->filename, ps->record_line, column, what);
    else
        report_problem(ps->rep, "%s:%" PRIu64 ": %s", ps->filename, ps->record_line, what);
}

static void on_field(void *s, size_t len, void *data)
{
    parser *ps = data;
    int64_t k = ps->n_fields++;
    if (ps->stop || k >= MAX_COLUMNS)
        return;
    size_t keep = len > TS_ROSTER_MAX_FIELD ? TS_ROSTER_MAX_FIELD : len;
    if (keep)
        memcpy(ps->field[k], s, keep);
    ps->field[k][keep] = '\0';
    ps->field_len[k] = keep;
    ps->too_long[k] = len > TS_ROSTER_MAX_FIELD;
}

static void read_header(parser *ps)
{
    ps->header_seen = 1;
    ps->n_columns = ps->n_fields;
    for (int c = 0; c < ps->n_names; c++)
        ps->column_of[c] = -1;
    if (ps->n_fields > MAX_COLUMNS)
        problem(ps, "header", "expected %d columns, found %" PRId64, ps->n_names, ps->n_fields);
    int64_t n = ps->n_fields < MAX_COLUMNS ? ps->n_fields : MAX_COLUMNS;
    char found[FOUND_MAX * 4 + 16];
    for (int64_t i = 0; i < n; i++) {
        const char *name = ps->field[i];
        size_t len = ps->field_len[i];
        int known = -1;
        for (int c = 0; c < ps->n_names && known < 0; c++)
            if (strlen(ps->names[c]) == len && memcmp(ps->names[c], name, len) == 0)
                known = c;
        ts_error_quote(name, len, found, sizeof found);
        if (known < 0) {
            if (ps->too_long[i] || utf8_bad_at((const unsigned char *)name, len) < len)
                problem(ps, "header", "column %" PRId64 ": expected a column name, found %s", i + 1, found);
            else
                problem(ps, "header", "unknown column %s (column %" PRId64 ")", found, i + 1);
        } else if (ps->column_of[known] >= 0) {
            problem(ps, "header", "column %s given twice (columns %d and %" PRId64 ")", found, ps->column_of[known] + 1,
                    i + 1);
        } else {
            ps->column_of[known] = (int)i;
        }
    }
    for (int c = 0; c < ps->n_names; c++)
        if (ps->column_of[c] < 0 && !(ps->optional & (1u << c)))
            problem(ps, "header", "missing column \"%s\"", ps->names[c]);
}

static void on_record(int c, void *data)
{
    parser *ps = data;
    if (c == '\n')
        ps->ended_at_newline = 1;
    if (ps->n_fields == 0 || ps->stop) /* a blank line */
        return;
    if (!ps->header_seen) {
        read_header(ps);
    } else if (ps->rows >= ps->max_rows) {
        problem(ps, NULL, "more than %" PRId64 " %s (the limit of a roster)", ps->max_rows, ps->row_noun);
        ps->stop = 1;
    } else {
        if (ps->n_fields != ps->n_columns)
            problem(ps, NULL, "expected %" PRId64 " columns, found %" PRId64, ps->n_columns, ps->n_fields);
        ps->on_row(ps, ps->user);
        ps->rows++;
    }
    ps->n_fields = 0;
}

static int parser_init(parser *ps)
{
    if (csv_init(&ps->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
        return 0;
    ps->csv_ready = 1;
    return 1;
}

static void parser_fail(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void parser_fail(parser *ps, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    report_problem(ps->rep, "%s:%" PRIu64 ": %s", ps->filename, ps->line, what);
    ps->stop = 1;
}

/* A quoting error: report it, drop the record and the rest of its line, and
 * start a fresh parser so the lines after it are still checked. */
static void recover(parser *ps)
{
    int code = csv_error(&ps->csv);
    if (code == CSV_ENOMEM || code == CSV_ETOOBIG) {
        report_nomem(ps->rep, "reading a roster");
        ps->stop = 1;
        return;
    }
    report_problem(ps->rep,
                   "%s:%" PRIu64 ": malformed quoting (a quote inside an unquoted field, or text after a closing "
                   "quote); write \"\" for a quote inside a quoted field",
                   ps->filename, ps->line);
    csv_free(&ps->csv);
    ps->csv_ready = 0;
    if (!parser_init(ps)) {
        report_nomem(ps->rep, "reading a roster");
        ps->stop = 1;
        return;
    }
    ps->n_fields = 0;
    ps->skip_line = 1;
}

/* Feed bytes in segments that end at line ends, so that every record knows
 * the line it started on, and lines and records stay within their limits. */
static void feed(parser *ps, const char *data, size_t len)
{
    size_t at = 0;
    if (!ps->started && len > 0) {
        ps->started = 1;
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) /* a UTF-8 byte order mark (Excel writes one) */
            at = 3;
    }
    while (at < len && !ps->stop) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t seg = nl ? (size_t)(nl - (data + at)) + 1 : len - at;
        ps->line_bytes += seg;
        ps->record_bytes += seg;
        if (ps->line_bytes > TS_ROSTER_MAX_LINE + 1) {
            parser_fail(ps, "a line longer than %d bytes (the limit of a roster)", TS_ROSTER_MAX_LINE);
            return;
        }
        if (ps->record_bytes > TS_ROSTER_MAX_LINE + 1) {
            ps->line = ps->record_line;
            parser_fail(ps, "a record longer than %d bytes from this line on (a quote not closed?)",
                        TS_ROSTER_MAX_LINE);
            return;
        }
        if (!ps->skip_line) {
            ps->ended_at_newline = 0;
            if (csv_parse(&ps->csv, data + at, seg, on_field, on_record, ps) != seg)
                recover(ps);
        }
        if (nl) {
            ps->line++;
            ps->line_bytes = 0;
            if (ps->skip_line || ps->ended_at_newline) {
                ps->skip_line = 0;
                ps->record_line = ps->line;
                ps->record_bytes = 0;
                ps->n_fields = 0;
            }
        }
        at += seg;
    }
}

static void finish(parser *ps)
{
    if (ps->stop)
        return;
    if (!ps->skip_line && csv_fini(&ps->csv, on_field, on_record, ps) != 0)
        problem(ps, NULL, "a quoted field is not closed before the end of the file");
    if (!ps->header_seen && !ps->stop)
        report_problem(ps->rep, "%s:1: header: empty file; expected a header row of the columns %s, %s, ...",
                       ps->filename, ps->names[0], ps->names[1]);
}

static void parser_setup(parser *ps, report *rep, const char *filename, const char *const *names, int n_names,
                         unsigned optional, int64_t max_rows, const char *row_noun, row_handler on_row, void *user)
{
    memset(ps, 0, sizeof *ps);
    ps->rep = rep;
    ps->filename = filename;
    ps->line = ps->record_line = 1;
    ps->names = names;
    ps->n_names = n_names;
    ps->optional = optional;
    ps->max_rows = max_rows;
    ps->row_noun = row_noun;
    ps->on_row = on_row;
    ps->user = user;
}

/* Parse a whole file (text == NULL: read `filename`) or an in-memory text. */
static void parse_source(parser *ps, const char *text, size_t len)
{
    if (!parser_init(ps)) {
        report_nomem(ps->rep, "starting the CSV reader");
        return;
    }
    if (text) {
        feed(ps, text, len);
    } else {
        FILE *f = fopen(ps->filename, "rb");
        char *buf = f ? malloc(READ_CHUNK) : NULL;
        if (!f) {
            report_problem(ps->rep, "%s: cannot open the roster file: %s", ps->filename, strerror(errno));
            ps->stop = 1;
        } else if (!buf) {
            report_nomem(ps->rep, "reading a roster");
            ps->stop = 1;
        }
        while (!ps->stop) {
            size_t got = fread(buf, 1, READ_CHUNK, f);
            if (got > 0)
                feed(ps, buf, got);
            if (got < READ_CHUNK) {
                if (ferror(f)) {
                    report_problem(ps->rep, "%s: cannot read the roster file: %s", ps->filename, strerror(errno));
                    ps->stop = 1;
                }
                break;
            }
        }
        free(buf);
        if (f)
            fclose(f);
    }
    finish(ps);
    if (ps->csv_ready)
        csv_free(&ps->csv);
    ps->csv_ready = 0;
}

/* ---- values --------------------------------------------------------------- */

/* The text of known column c in the current record, or NULL when the header
 * lacks it, the record is too short for it, or it is not clean text (too
 * long, NUL bytes, not UTF-8: each reported here, once). */
static const char *value(parser *ps, int c, size_t *len)
{
    int pos = ps->column_of[c];
    if (pos < 0 || pos >= ps->n_fields || pos >= MAX_COLUMNS)
        return NULL;
    const char *s = ps->field[pos];
    size_t n = ps->field_len[pos];
    const char *name = ps->names[c];
    if (ps->too_long[pos]) {
        problem(ps, name, "expected at most %d bytes, found a longer field", TS_ROSTER_MAX_FIELD);
        return NULL;
    }
    if (memchr(s, '\0', n)) {
        size_t at = (size_t)((const char *)memchr(s, '\0', n) - s);
        problem(ps, name, "expected text, found a NUL byte at byte %zu", at + 1);
        return NULL;
    }
    size_t bad = utf8_bad_at((const unsigned char *)s, n);
    if (bad < n) {
        problem(ps, name, "expected UTF-8 text, found the byte 0x%02X at byte %zu", (unsigned char)s[bad], bad + 1);
        return NULL;
    }
    *len = n;
    return s;
}

/* A whole number in [min, max]; 0 (and a problem) otherwise. `what` says
 * what is expected ("a month 1-12"). */
static int whole(parser *ps, int c, long min, long max, const char *what, long *out)
{
    size_t n;
    const char *s = value(ps, c, &n);
    if (!s)
        return 0;
    size_t digits = strspn(s + (s[0] == '-'), "0123456789");
    int syntax = digits > 0 && digits + (s[0] == '-') == n && digits <= 12;
    long v = syntax ? strtol(s, NULL, 10) : 0;
    if (syntax && v >= min && v <= max) {
        *out = v;
        return 1;
    }
    char found[FOUND_MAX * 4 + 16];
    if (n == 0)
        snprintf(found, sizeof found, "an empty field");
    else if (syntax)
        snprintf(found, sizeof found, "%.*s", (int)n, s);
    else
        ts_error_quote(s, n, found, sizeof found);
    problem(ps, ps->names[c], "expected %s, found %s", what, found);
    return 0;
}

/* Whether column c of the current record is present and empty. */
static int is_empty(parser *ps, int c)
{
    int pos = ps->column_of[c];
    return pos >= 0 && pos < ps->n_fields && pos < MAX_COLUMNS && ps->field_len[pos] == 0 && !ps->too_long[pos];
}

static int code(parser *ps, int c, const char *const *codes, int n_codes, int *out)
{
    size_t n;
    const char *s = value(ps, c, &n);
    if (!s)
        return 0;
    int k = ts_code_lookup(codes, n_codes, s);
    if (k >= 0) {
        *out = k;
        return 1;
    }
    char list[256] = "", found[FOUND_MAX * 4 + 16];
    for (int i = 0; i < n_codes; i++) {
        size_t at = strlen(list);
        snprintf(list + at, sizeof list - at, "%s%s", i == 0 ? "" : i + 1 == n_codes ? " or " : ", ", codes[i]);
    }
    if (n == 0)
        snprintf(found, sizeof found, "an empty field");
    else
        ts_error_quote(s, n, found, sizeof found);
    problem(ps, ps->names[c], "expected %s%s, found %s", n_codes > 2 ? "one of " : "", list, found);
    return 0;
}

/* An id column: text of 1 to TS_ROSTER_MAX_ID bytes. */
static const char *id_value(parser *ps, int c, size_t *len)
{
    const char *s = value(ps, c, len);
    if (!s)
        return NULL;
    if (*len == 0 || *len > TS_ROSTER_MAX_ID) {
        problem(ps, ps->names[c], "expected an id of 1 to %d bytes, found %s", TS_ROSTER_MAX_ID,
                *len == 0 ? "an empty field" : "a longer one");
        return NULL;
    }
    return s;
}

/* A new id into table; reports a duplicate. Returns 1 when added. */
static int unique_id(parser *ps, int c, id_table *table, int32_t value_of_row, int *nomem)
{
    size_t n;
    const char *s = id_value(ps, c, &n);
    if (!s)
        return 0;
    int64_t e = id_find(table, s, n);
    if (e >= 0) {
        char found[FOUND_MAX * 4 + 16];
        ts_error_quote(s, n, found, sizeof found);
        problem(ps, ps->names[c], "duplicate id %s (first on line %" PRIu64 ")", found, table->line[e]);
        return 0;
    }
    if (!id_add(table, s, n, ps->record_line, value_of_row)) {
        *nomem = 1;
        return 0;
    }
    return 1;
}

/* ---- schools -------------------------------------------------------------- */

typedef struct {
    int32_t region;
    uint8_t level, locality, weak;
    int32_t pupils[TS_GRADES];
} school_row;

typedef struct {
    const ts_scenario *sc;
    id_table ids;
    school_row *rows;
    size_t n, cap;
    int nomem;
} school_load;

static int region_of(parser *ps, const ts_scenario *sc, int32_t *out)
{
    size_t n;
    const char *s = value(ps, S_REGION, &n);
    if (!s)
        return 0;
    for (int32_t r = 0; r < sc->population.n_regions; r++)
        if (strcmp(sc->population.regions[r].code, s) == 0) {
            *out = r;
            return 1;
        }
    char list[320] = "", found[FOUND_MAX * 4 + 16];
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
    problem(ps, "region", "expected a region code of the scenario (%s), found %s", list, found);
    return 0;
}

static void school_line(parser *ps, void *user)
{
    school_load *L = user;
    if (L->nomem)
        return;
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 256;
        school_row *rows = realloc(L->rows, cap * sizeof *rows);
        if (!rows) {
            L->nomem = 1;
            return;
        }
        L->rows = rows;
        L->cap = cap;
    }
    school_row *row = &L->rows[L->n];
    memset(row, 0, sizeof *row);
    L->n++;
    if (ps->n_fields != ps->n_columns) {
        /* reported: the columns cannot be trusted, but the id most likely is,
         * and knowing it spares its teachers an "unknown school" each */
        int pos = ps->column_of[S_ID];
        if (pos >= 0 && pos < ps->n_fields && pos < MAX_COLUMNS && !ps->too_long[pos]) {
            const char *s = ps->field[pos];
            size_t n = ps->field_len[pos];
            if (n > 0 && n <= TS_ROSTER_MAX_ID && id_find(&L->ids, s, n) < 0 &&
                !id_add(&L->ids, s, n, ps->record_line, (int32_t)(L->n - 1)))
                L->nomem = 1;
        }
        return;
    }

    unique_id(ps, S_ID, &L->ids, (int32_t)(L->n - 1), &L->nomem);
    size_t n;
    (void)value(ps, S_NAME, &n); /* any UTF-8 text; not kept by the model */
    int32_t region = 0;
    if (region_of(ps, L->sc, &region))
        row->region = region;
    int level = -1, locality = 0;
    long weak = 0;
    if (!code(ps, S_LEVEL, ts_level_codes, TS_LEVEL_COUNT, &level))
        level = -1;
    if (code(ps, S_LOCALITY, ts_locality_codes, TS_LOCALITY_COUNT, &locality))
        row->locality = (uint8_t)locality;
    if (whole(ps, S_WEAK, 0, 1, "0 or 1", &weak))
        row->weak = (uint8_t)weak;
    row->level = (uint8_t)(level < 0 ? 0 : level);

    long total = 0;
    int pupils_ok = 1;
    for (int g = 0; g < TS_GRADES; g++) {
        int c = S_PUPILS + g, grade = g + 1;
        int taught = level < 0 ||
                     (grade >= ts_level_first_grade((ts_level)level) && grade <= ts_level_last_grade((ts_level)level));
        long v = 0;
        if (!taught && is_empty(ps, c))
            continue;
        char what[64];
        snprintf(what, sizeof what, "a whole number of pupils 0-%d", MAX_PUPILS_PER_GRADE);
        if (!whole(ps, c, 0, MAX_PUPILS_PER_GRADE, what, &v)) {
            pupils_ok = 0;
            continue;
        }
        if (!taught && v > 0) {
            problem(ps, school_columns[c], "a %s school teaches grades %d-%d, found %ld pupils in grade %d",
                    ts_level_codes[level], ts_level_first_grade((ts_level)level), ts_level_last_grade((ts_level)level),
                    v, grade);
            pupils_ok = 0;
            continue;
        }
        row->pupils[g] = (int32_t)v;
        total += v;
    }
    /* classes are checked, not kept: the staffing step derives them from
     * pupils and staffing.class_size_max every year (docs/rosters.md) */
    long classes = 0;
    char what[64];
    snprintf(what, sizeof what, "a whole number of classes 0-%d, or nothing", MAX_CLASSES);
    if (!is_empty(ps, S_CLASSES) && whole(ps, S_CLASSES, 0, MAX_CLASSES, what, &classes) && pupils_ok) {
        if (classes > total)
            problem(ps, "classes", "expected at most one class per pupil (%ld pupils), found %ld", total, classes);
        else if (classes == 0 && total > 0)
            problem(ps, "classes", "expected at least 1 class for %ld pupils, found 0", total);
    }
}

/* ---- teachers ------------------------------------------------------------- */

typedef struct {
    const ts_scenario *sc;
    const id_table *schools;
    ts_teachers *t;
    id_table ids;
    int nomem;
} teacher_load;

static void teacher_line(parser *ps, void *user)
{
    teacher_load *L = user;
    ts_teachers *t = L->t;
    if (L->nomem)
        return;
    if (t->n == t->capacity) {
        ts_error ignored = {0};
        int64_t cap = t->capacity ? 2 * (int64_t)t->capacity : 1024;
        if (cap > TS_ROSTER_MAX_TEACHERS + 1)
            cap = TS_ROSTER_MAX_TEACHERS + 1;
        if (ts_teachers_reserve(t, (int32_t)cap, &ignored) != TS_OK) {
            L->nomem = 1;
            return;
        }
    }
    const int32_t i = t->n++;
    t->uid[i] = ts_entity_start_teacher((uint32_t)i);
    t->school[i] = 0;
    t->birth_month[i] = t->retire_month[i] = 0;
    t->sex[i] = t->subject[i] = t->post_subject[i] = t->qualification[i] = 0;
    t->title[i] = t->backbone[i] = t->contract[i] = 0;
    t->years_at_school[i] = t->years_of_service[i] = t->service_left[i] = 0;
    t->standby_years[i] = 0;
    t->home_school[i] = -1;
    t->return_year[i] = 0;
    t->flags[i] = 0;
    if (ps->n_fields != ps->n_columns)
        return;

    const ts_scenario *sc = L->sc;
    unique_id(ps, T_ID, &L->ids, i, &L->nomem);
    size_t n;
    const char *school = id_value(ps, T_SCHOOL, &n);
    if (school) {
        int64_t e = id_find(L->schools, school, n);
        if (e >= 0) {
            t->school[i] = L->schools->value[e];
        } else {
            char found[FOUND_MAX * 4 + 16];
            ts_error_quote(school, n, found, sizeof found);
            problem(ps, "school_id", "unknown school %s", found);
        }
    }
    long year = 0, month = 0, at_school = 0, service = 0, left = 0;
    int sex = 0, subject = 0, post = 0, qual = 0, title = 0, backbone = 0, contract = 0;
    char what[64];
    snprintf(what, sizeof what, "a year %d-%d", BIRTH_YEAR_MIN, BIRTH_YEAR_MAX);
    int born = whole(ps, T_BIRTH_YEAR, BIRTH_YEAR_MIN, BIRTH_YEAR_MAX, what, &year);
    born &= whole(ps, T_BIRTH_MONTH, 1, 12, "a month 1-12", &month);
    int ok_sex = code(ps, T_SEX, ts_sex_codes, TS_SEX_COUNT, &sex);
    code(ps, T_SUBJECT, ts_subject_codes, TS_SUBJECT_COUNT, &subject);
    if (ps->column_of[T_POST] < 0 || is_empty(ps, T_POST))
        post = subject;
    else
        code(ps, T_POST, ts_subject_codes, TS_SUBJECT_COUNT, &post);
    code(ps, T_QUALIFICATION, ts_qualification_codes, TS_QUAL_COUNT, &qual);
    int ok_title = code(ps, T_TITLE, ts_title_codes, TS_TITLE_COUNT, &title);
    code(ps, T_BACKBONE, ts_backbone_codes, TS_BACKBONE_COUNT, &backbone);
    int ok_contract = code(ps, T_CONTRACT, ts_contract_codes, TS_CONTRACT_COUNT, &contract);
    snprintf(what, sizeof what, "a whole number of years 0-%d", MAX_YEARS);
    int ok_at = whole(ps, T_AT_SCHOOL, 0, MAX_YEARS, what, &at_school);
    int ok_service = whole(ps, T_SERVICE, 0, MAX_YEARS, what, &service);
    snprintf(what, sizeof what, "a whole number of years 0-%d", MAX_SERVICE_LEFT);
    int ok_left = whole(ps, T_SERVICE_LEFT, 0, MAX_SERVICE_LEFT, what, &left);

    const int start = sc->horizon.start_year - 1; /* the population describes this school year */
    const int cutoff = TS_YEAR_CUTOFF_MONTH(start);
    const int birth = TS_MONTH(year, month);
    int age = -1;
    if (born) {
        age = birth <= cutoff ? (cutoff - birth) / 12 : -1;
        if (birth > cutoff)
            problem(ps, "birth_year", "a teacher born after 31 August %d (expected %d to the retirement age)", start,
                    MIN_AGE);
        else if (age < MIN_AGE)
            problem(ps, "birth_year", "a teacher aged %d on 31 August %d (expected %d to the retirement age)", age,
                    start, MIN_AGE);
        else if (ok_sex && ok_title) {
            int retire = ts_retirement_teacher_month(sc, sex, title, birth);
            if (retire <= cutoff)
                problem(ps, "birth_year",
                        "a retired teacher: born %04ld-%02ld, a %s teacher with title %s reached the retirement age "
                        "in %04d-%02d, before 31 August %d",
                        year, month, ts_sex_codes[sex], ts_title_codes[title], 1900 + retire / 12, retire % 12 + 1,
                        start);
            t->retire_month[i] = (int16_t)retire;
        }
    }
    if (ok_service && age >= MIN_AGE && service > age - SERVICE_FROM_AGE)
        problem(ps, "years_of_service",
                "expected at most %d years for a teacher aged %d (service from age %d), found %ld",
                age - SERVICE_FROM_AGE, age, SERVICE_FROM_AGE, service);
    if (ok_at && ok_service && at_school > service)
        problem(ps, "years_at_school", "expected at most years_of_service (%ld), found %ld", service, at_school);
    if (ok_left && ok_contract && left > 0 && contract != TS_CONTRACT_TARGETED)
        problem(ps, "service_years_left",
                "expected 0 for a%s %s teacher (only targeted graduates owe service), found %ld",
                contract == TS_CONTRACT_ESTABLISHED ? "n" : "", ts_contract_codes[contract], left);

    t->birth_month[i] = (int16_t)(born ? birth : 0);
    t->sex[i] = (uint8_t)sex;
    t->subject[i] = (uint8_t)subject;
    t->post_subject[i] = (uint8_t)post;
    t->qualification[i] = (uint8_t)qual;
    t->title[i] = (uint8_t)title;
    t->backbone[i] = (uint8_t)backbone;
    t->contract[i] = (uint8_t)contract;
    t->years_at_school[i] = (uint8_t)at_school;
    t->years_of_service[i] = (uint8_t)service;
    t->service_left[i] = (uint8_t)left;
}

/* ---- loading -------------------------------------------------------------- */

static ts_status parse_both(ts_population *p, const ts_scenario *sc, const char *schools_text, size_t schools_len,
                            const char *schools_name, const char *teachers_text, size_t teachers_len,
                            const char *teachers_name, ts_error *err)
{
    report rep = {err, TS_OK, 0, 0};
    school_load S = {.sc = sc};
    teacher_load T = {.sc = sc};
    parser *ps = malloc(sizeof *ps);
    ts_status st = TS_OK;

    memset(p, 0, sizeof *p);
    if (err)
        err->message[0] = '\0';
    p->n_regions = sc->population.n_regions;
    p->start_year = sc->horizon.start_year;
    if (!ps || ts_teachers_alloc(&p->teachers, 0, err) != TS_OK) {
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory reading a roster");
        goto cleanup;
    }

    parser_setup(ps, &rep, schools_name, school_columns, S_COLUMNS, 0, TS_ROSTER_MAX_SCHOOLS, "schools", school_line,
                 &S);
    parse_source(ps, schools_text, schools_len);
    if (S.nomem)
        report_nomem(&rep, "reading the schools");
    int schools_readable = !ps->stop && ps->header_seen;
    if (schools_readable && S.n == 0)
        report_problem(&rep, "%s: no schools (expected at least one row after the header)", schools_name);

    /* A schools file that could not be read would make every school_id
     * unknown: its teachers wait for a readable one. */
    if (schools_readable && rep.status != TS_ERR_NOMEM) {
        T.schools = &S.ids;
        T.t = &p->teachers;
        parser_setup(ps, &rep, teachers_name, teacher_columns, T_COLUMNS, TEACHER_OPTIONAL, TS_ROSTER_MAX_TEACHERS,
                     "teachers", teacher_line, &T);
        parse_source(ps, teachers_text, teachers_len);
        if (T.nomem)
            report_nomem(&rep, "reading the teachers");
    }
    if (rep.status != TS_OK) {
        if (rep.hidden > 0)
            ts_error_append(err, rep.status, "... and %" PRId64 " more problem%s", rep.hidden,
                            rep.hidden == 1 ? "" : "s");
        st = rep.status;
        if (err)
            err->status = st;
        goto cleanup;
    }

    if ((st = ts_schools_alloc(&p->schools, (int32_t)S.n, err)) != TS_OK)
        goto cleanup;
    for (size_t i = 0; i < S.n; i++) {
        p->schools.region[i] = S.rows[i].region;
        p->schools.level[i] = S.rows[i].level;
        p->schools.locality[i] = S.rows[i].locality;
        p->schools.weak[i] = S.rows[i].weak;
        memcpy(p->schools.pupils[i], S.rows[i].pupils, sizeof S.rows[i].pupils);
    }
    ts_population_derive(p, sc);

cleanup:
    free(ps);
    free(S.rows);
    id_table_free(&S.ids);
    id_table_free(&T.ids);
    if (st != TS_OK)
        ts_population_free(p);
    return st;
}

ts_status ts_roster_parse(ts_population *p, const ts_scenario *sc, const char *schools, size_t schools_len,
                          const char *schools_name, const char *teachers, size_t teachers_len,
                          const char *teachers_name, ts_error *err)
{
    return parse_both(p, sc, schools ? schools : "", schools_len, schools_name ? schools_name : "schools.csv",
                      teachers ? teachers : "", teachers_len, teachers_name ? teachers_name : "teachers.csv", err);
}

ts_status ts_roster_load(ts_population *p, const ts_scenario *sc, ts_error *err)
{
    const char *schools = sc->population.schools_csv, *teachers = sc->population.teachers_csv;
    memset(p, 0, sizeof *p);
    if (!schools[0] || !teachers[0])
        return ts_error_set(err, TS_ERR_INPUT,
                            "%s: population.schools_csv and population.teachers_csv: set both (a real roster) or "
                            "neither (the generated population)",
                            sc->name);
    return parse_both(p, sc, NULL, 0, schools, NULL, 0, teachers, err);
}

ts_status ts_population_build(ts_population *p, const ts_scenario *sc, uint32_t seed, ts_error *err)
{
    if (sc->population.schools_csv[0] || sc->population.teachers_csv[0])
        return ts_roster_load(p, sc, err);
    return ts_population_generate(p, sc, seed, err);
}

/* ---- export --------------------------------------------------------------- */

/* A text field, quoted (by libcsv) only when it has to be. */
static int put_text(FILE *f, const char *s)
{
    size_t n = strlen(s);
    int quote = n > 0 && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
    if (quote)
        return csv_fwrite(f, s, n) == 0;
    return fputs(s, f) >= 0;
}

static const char *const level_zh[TS_LEVEL_COUNT] = {"小学", "初中", "九年一贯制学校"};

static int write_schools(FILE *f, const ts_population *p, const ts_scenario *sc)
{
    int ok = 1;
    for (int c = 0; c < S_COLUMNS; c++)
        ok &= fprintf(f, "%s%s", c ? "," : "", school_columns[c]) > 0;
    ok &= fputc('\n', f) != EOF;
    int width = snprintf(NULL, 0, "%d", p->schools.n);
    int32_t *counter = calloc((size_t)p->n_regions * TS_LEVEL_COUNT + 1, sizeof *counter);
    if (!counter)
        return 0;
    for (int32_t i = 0; ok && i < p->schools.n; i++) {
        const ts_region_spec *spec = &sc->population.regions[p->schools.region[i]];
        int level = p->schools.level[i];
        char name[TS_NAME_MAX * 2 + 64];
        snprintf(name, sizeof name, "%s %s %d", spec->name_zh[0] ? spec->name_zh : spec->code, level_zh[level],
                 ++counter[p->schools.region[i] * TS_LEVEL_COUNT + level]);
        ok &= fprintf(f, "S%0*d,%s,", width, i + 1, spec->code) > 0;
        ok &= put_text(f, name);
        ok &= fprintf(f, ",%s,%s,%d", ts_level_codes[level], ts_locality_codes[p->schools.locality[i]],
                      p->schools.weak[i]) > 0;
        for (int g = 0; g < TS_GRADES; g++)
            ok &= fprintf(f, ",%" PRId32, p->schools.pupils[i][g]) > 0;
        ok &= fprintf(f, ",%" PRId32 "\n", ts_staffing_classes(sc, p->schools.pupils[i])) > 0;
    }
    free(counter);
    return ok;
}

static int write_teachers(FILE *f, const ts_population *p)
{
    const ts_teachers *t = &p->teachers;
    int ok = 1;
    for (int c = 0; c < T_COLUMNS; c++)
        ok &= fprintf(f, "%s%s", c ? "," : "", teacher_columns[c]) > 0;
    ok &= fputc('\n', f) != EOF;
    int width = snprintf(NULL, 0, "%d", t->n), school_width = snprintf(NULL, 0, "%d", p->schools.n);
    for (int32_t i = 0; ok && i < t->n; i++) {
        int birth = t->birth_month[i];
        int year = 1900 + (birth >= 0 ? birth / 12 : -((11 - birth) / 12));
        int month = birth - 12 * (year - 1900) + 1;
        ok &= fprintf(f, "T%0*d,S%0*d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d\n", width, i + 1, school_width,
                      t->school[i] + 1, year, month, ts_sex_codes[t->sex[i]], ts_subject_codes[t->subject[i]],
                      ts_subject_codes[t->post_subject[i]], ts_qualification_codes[t->qualification[i]],
                      ts_title_codes[t->title[i]], ts_backbone_codes[t->backbone[i]], ts_contract_codes[t->contract[i]],
                      t->years_at_school[i], t->years_of_service[i], t->service_left[i]) > 0;
    }
    return ok;
}

/* Write one file under a temporary name in dir; the name goes to tmp. */
static ts_status write_temp(const char *dir, const char *name, char *tmp, size_t size, const ts_population *p,
                            const ts_scenario *sc, ts_error *err)
{
    if ((size_t)snprintf(tmp, size, "%s/.%s.XXXXXX", dir, name) >= size)
        return ts_error_set(err, TS_ERR_IO, "%s: folder name too long", dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        ts_status st = ts_error_set(err, TS_ERR_IO, "%s/%s: cannot write: %s", dir, name, strerror(errno));
        tmp[0] = '\0';
        return st;
    }
    /* mkstemp makes the file private; give it the mode a plain create would */
    mode_t mask = umask(0);
    umask(mask);
    FILE *f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        close(fd);
        return ts_error_set(err, TS_ERR_IO, "%s/%s: cannot write: %s", dir, name, strerror(errno));
    }
    int ok = strcmp(name, "schools.csv") == 0 ? write_schools(f, p, sc) : write_teachers(f, p);
    ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
    int saved = errno;
    ok &= fclose(f) == 0;
    if (!ok)
        return ts_error_set(err, TS_ERR_IO, "%s/%s: cannot write: %s", dir, name, strerror(saved ? saved : errno));
    return TS_OK;
}

ts_status ts_roster_export(const ts_population *p, const ts_scenario *sc, const char *dir, ts_error *err)
{
    static const char *const names[2] = {"schools.csv", "teachers.csv"};
    char tmp[2][4096] = {"", ""}, final[4096];
    ts_status st = TS_OK;
    for (int k = 0; k < 2 && st == TS_OK; k++)
        st = write_temp(dir, names[k], tmp[k], sizeof tmp[k], p, sc, err);
    for (int k = 0; k < 2 && st == TS_OK; k++) {
        snprintf(final, sizeof final, "%s/%s", dir, names[k]);
        if (rename(tmp[k], final) != 0)
            st = ts_error_set(err, TS_ERR_IO, "%s: cannot write: %s", final, strerror(errno));
        else
            tmp[k][0] = '\0';
    }
    for (int k = 0; k < 2; k++)
        if (tmp[k][0])
            unlink(tmp[k]);
    return st;
}
