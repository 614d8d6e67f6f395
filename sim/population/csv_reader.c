/*
 * csv_reader.c: a CSV file read record by record with libcsv, every problem
 * reported with its file, line and column (csv_reader.h).
 *
 * Owns: strict quoting with every unquoted line end reported, so each record
 * knows the line it starts on; recovery after a quoting error, so the lines
 * after it are still checked; the limits that keep a hostile file from
 * exhausting memory; the header matched against the known columns; the
 * checks of a field's text (length, NUL bytes, UTF-8), whole numbers and
 * codes; and the list of problems (up to TS_CSV_MAX_PROBLEMS, then a count).
 * Does not own what a row means (roster_schools.c, roster_teachers.c).
 */
#include "csv_reader.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "teachsim/vocabulary.h"

#define READ_CHUNK (1u << 20) /* bytes read from a file at a time */
#define MESSAGE_RESERVE 160   /* room kept in the error for the final count line */

/* ---- problems ------------------------------------------------------------- */

void ts_csv_report_problem(ts_csv_report *rep, const char *fmt, ...)
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
    if (rep->found > TS_CSV_MAX_PROBLEMS || used + strlen(line) + 2 + MESSAGE_RESERVE > TS_ERROR_MAX) {
        rep->hidden++;
        return;
    }
    ts_error_append(rep->err, TS_ERR_INPUT, "%s", line);
}

/* A problem that stops the reading (the row limit): shown even after
 * TS_CSV_MAX_PROBLEMS others, in the room kept for the final count, so that
 * it is not among the hidden ones (20 million bad rows once buried it). */
static void report_stop(ts_csv_report *rep, const char *line)
{
    rep->found++;
    if (rep->status == TS_OK)
        rep->status = TS_ERR_INPUT;
    size_t used = rep->err ? strlen(rep->err->message) : 0;
    if (used + strlen(line) + 2 + MESSAGE_RESERVE / 2 > TS_ERROR_MAX) {
        rep->hidden++;
        return;
    }
    ts_error_append(rep->err, TS_ERR_INPUT, "%s", line);
}

void ts_csv_report_nomem(ts_csv_report *rep, const char *what)
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

/* ---- reading records ------------------------------------------------------ */

void ts_csv_problem(ts_csv_parser *ps, const char *column, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (column)
        ts_csv_report_problem(ps->rep, "%s:%" PRIu64 ": %s: %s", ps->filename, ps->record_line, column, what);
    else
        ts_csv_report_problem(ps->rep, "%s:%" PRIu64 ": %s", ps->filename, ps->record_line, what);
}

static void on_field(void *s, size_t len, void *data)
{
    ts_csv_parser *ps = data;
    int64_t k = ps->n_fields++;
    if (ps->stop || k >= TS_CSV_MAX_COLUMNS)
        return;
    size_t keep = len > TS_CSV_MAX_FIELD ? TS_CSV_MAX_FIELD : len;
    if (keep)
        memcpy(ps->field[k], s, keep);
    ps->field[k][keep] = '\0';
    ps->field_len[k] = keep;
    ps->too_long[k] = len > TS_CSV_MAX_FIELD;
}

static void read_header(ts_csv_parser *ps)
{
    ps->header_seen = 1;
    ps->n_columns = ps->n_fields;
    for (int c = 0; c < ps->n_names; c++)
        ps->column_of[c] = -1;
    if (ps->n_fields > TS_CSV_MAX_COLUMNS)
        ts_csv_problem(ps, "header", "expected %d columns, found %" PRId64, ps->n_names, ps->n_fields);
    int64_t n = ps->n_fields < TS_CSV_MAX_COLUMNS ? ps->n_fields : TS_CSV_MAX_COLUMNS;
    char found[TS_CSV_FOUND_MAX * 4 + 16];
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
                ts_csv_problem(ps, "header", "column %" PRId64 ": expected a column name, found %s", i + 1, found);
            else
                ts_csv_problem(ps, "header", "unknown column %s (column %" PRId64 ")", found, i + 1);
        } else if (ps->column_of[known] >= 0) {
            ts_csv_problem(ps, "header", "column %s given twice (columns %d and %" PRId64 ")", found,
                           ps->column_of[known] + 1, i + 1);
        } else {
            ps->column_of[known] = (int)i;
        }
    }
    for (int c = 0; c < ps->n_names; c++)
        if (ps->column_of[c] < 0 && !(ps->optional & (1u << c)))
            ts_csv_problem(ps, "header", "missing column \"%s\"", ps->names[c]);
}

static void on_record(int c, void *data)
{
    ts_csv_parser *ps = data;
    if (c == '\n')
        ps->ended_at_newline = 1;
    if (ps->n_fields == 0 || ps->stop) /* a blank line */
        return;
    if (!ps->header_seen) {
        read_header(ps);
    } else if (ps->rows >= ps->max_rows) {
        char line[300];
        snprintf(line, sizeof line,
                 "%s:%" PRIu64 ": more than %" PRId64 " %s (the limit of a roster): reading stopped here", ps->filename,
                 ps->record_line, ps->max_rows, ps->row_noun);
        report_stop(ps->rep, line);
        ps->stop = 1;
    } else {
        if (ps->n_fields != ps->n_columns)
            ts_csv_problem(ps, NULL, "expected %" PRId64 " columns, found %" PRId64, ps->n_columns, ps->n_fields);
        ps->on_row(ps, ps->user);
        ps->rows++;
    }
    ps->n_fields = 0;
}

static int parser_init(ts_csv_parser *ps)
{
    if (csv_init(&ps->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
        return 0;
    ps->csv_ready = 1;
    return 1;
}

static void parser_fail(ts_csv_parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void parser_fail(ts_csv_parser *ps, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    ts_csv_report_problem(ps->rep, "%s:%" PRIu64 ": %s", ps->filename, ps->line, what);
    ps->stop = 1;
}

/* A quoting error: report it, drop the record and the rest of its line, and
 * start a fresh parser so the lines after it are still checked. */
static void recover(ts_csv_parser *ps)
{
    int code = csv_error(&ps->csv);
    if (code == CSV_ENOMEM || code == CSV_ETOOBIG) {
        ts_csv_report_nomem(ps->rep, "reading a roster");
        ps->stop = 1;
        return;
    }
    ts_csv_report_problem(ps->rep,
                          "%s:%" PRIu64
                          ": malformed quoting (a quote inside an unquoted field, or text after a closing "
                          "quote); write \"\" for a quote inside a quoted field",
                          ps->filename, ps->line);
    csv_free(&ps->csv);
    ps->csv_ready = 0;
    if (!parser_init(ps)) {
        ts_csv_report_nomem(ps->rep, "reading a roster");
        ps->stop = 1;
        return;
    }
    ps->n_fields = 0;
    ps->skip_line = 1;
}

/* Feed bytes in segments that end at line ends, so that every record knows
 * the line it started on, and lines and records stay within their limits. */
static void feed(ts_csv_parser *ps, const char *data, size_t len)
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
        if (ps->line_bytes > TS_CSV_MAX_LINE + 1) {
            parser_fail(ps, "a line longer than %d bytes (the limit of a roster)", TS_CSV_MAX_LINE);
            return;
        }
        if (ps->record_bytes > TS_CSV_MAX_LINE + 1) {
            ps->line = ps->record_line;
            parser_fail(ps, "a record longer than %d bytes from this line on (a quote not closed?)", TS_CSV_MAX_LINE);
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

static void finish(ts_csv_parser *ps)
{
    if (ps->stop)
        return;
    if (!ps->skip_line && csv_fini(&ps->csv, on_field, on_record, ps) != 0)
        ts_csv_problem(ps, NULL, "a quoted field is not closed before the end of the file");
    if (!ps->header_seen && !ps->stop)
        ts_csv_report_problem(ps->rep, "%s:1: header: empty file; expected a header row of the columns %s, %s, ...",
                              ps->filename, ps->names[0], ps->names[1]);
}

void ts_csv_setup(ts_csv_parser *ps, ts_csv_report *rep, const char *filename, const char *const *names, int n_names,
                  unsigned optional, int64_t max_rows, const char *row_noun, ts_csv_row_handler on_row, void *user)
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
void ts_csv_parse(ts_csv_parser *ps, const char *text, size_t len)
{
    if (!parser_init(ps)) {
        ts_csv_report_nomem(ps->rep, "starting the CSV reader");
        return;
    }
    if (text) {
        feed(ps, text, len);
    } else {
        /* A roster is a file: a FIFO would block the open for ever, waiting
         * for a writer, and a device need not end (as for extends:). */
        struct stat info;
        if (stat(ps->filename, &info) == 0 && !S_ISREG(info.st_mode)) {
            ts_csv_report_problem(ps->rep, "%s: cannot read the roster file: not a regular file (a %s)", ps->filename,
                                  S_ISDIR(info.st_mode)    ? "folder"
                                  : S_ISFIFO(info.st_mode) ? "FIFO"
                                                           : "device or socket");
            ps->stop = 1;
        }
        FILE *f = ps->stop ? NULL : fopen(ps->filename, "rb");
        char *buf = f ? malloc(READ_CHUNK) : NULL;
        if (ps->stop) {
            /* refused above */
        } else if (!f) {
            ts_csv_report_problem(ps->rep, "%s: cannot open the roster file: %s", ps->filename, strerror(errno));
            ps->stop = 1;
        } else if (!buf) {
            ts_csv_report_nomem(ps->rep, "reading a roster");
            ps->stop = 1;
        }
        while (!ps->stop) {
            size_t got = fread(buf, 1, READ_CHUNK, f);
            if (got > 0)
                feed(ps, buf, got);
            if (got < READ_CHUNK) {
                if (ferror(f)) {
                    ts_csv_report_problem(ps->rep, "%s: cannot read the roster file: %s", ps->filename,
                                          strerror(errno));
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
const char *ts_csv_value(ts_csv_parser *ps, int c, size_t *len)
{
    int pos = ps->column_of[c];
    if (pos < 0 || pos >= ps->n_fields || pos >= TS_CSV_MAX_COLUMNS)
        return NULL;
    const char *s = ps->field[pos];
    size_t n = ps->field_len[pos];
    const char *name = ps->names[c];
    if (ps->too_long[pos]) {
        ts_csv_problem(ps, name, "expected at most %d bytes, found a longer field", TS_CSV_MAX_FIELD);
        return NULL;
    }
    if (memchr(s, '\0', n)) {
        size_t at = (size_t)((const char *)memchr(s, '\0', n) - s);
        ts_csv_problem(ps, name, "expected text, found a NUL byte at byte %zu", at + 1);
        return NULL;
    }
    size_t bad = utf8_bad_at((const unsigned char *)s, n);
    if (bad < n) {
        ts_csv_problem(ps, name, "expected UTF-8 text, found the byte 0x%02X at byte %zu", (unsigned char)s[bad],
                       bad + 1);
        return NULL;
    }
    /* A byte order mark is taken off the start of the file only; one inside
     * (two files joined with cat) is invisible in every editor and made a
     * school id that looks like another one. */
    const char *bom = NULL;
    for (size_t i = 0; !bom && i + 3 <= n; i++)
        if (memcmp(s + i, "\xEF\xBB\xBF", 3) == 0)
            bom = s + i;
    if (bom) {
        ts_csv_problem(ps, name,
                       "expected text, found a byte order mark (U+FEFF, invisible) at byte %zu; a file joined from "
                       "two others keeps the second one's: remove it",
                       (size_t)(bom - s) + 1);
        return NULL;
    }
    *len = n;
    return s;
}

/* A whole number in [min, max]; 0 (and a problem) otherwise. `what` says
 * what is expected ("a month 1-12"). */
int ts_csv_whole(ts_csv_parser *ps, int c, long min, long max, const char *what, long *out)
{
    size_t n;
    const char *s = ts_csv_value(ps, c, &n);
    if (!s)
        return 0;
    size_t digits = strspn(s + (s[0] == '-'), "0123456789");
    int syntax = digits > 0 && digits + (s[0] == '-') == n && digits <= 12;
    long v = syntax ? strtol(s, NULL, 10) : 0;
    if (syntax && v >= min && v <= max) {
        *out = v;
        return 1;
    }
    char found[TS_CSV_FOUND_MAX * 4 + 16];
    if (n == 0)
        snprintf(found, sizeof found, "an empty field");
    else if (syntax)
        snprintf(found, sizeof found, "%.*s", (int)n, s);
    else
        ts_error_quote(s, n, found, sizeof found);
    ts_csv_problem(ps, ps->names[c], "expected %s, found %s", what, found);
    return 0;
}

/* Whether column c of the current record is present and empty. */
int ts_csv_is_empty(ts_csv_parser *ps, int c)
{
    int pos = ps->column_of[c];
    return pos >= 0 && pos < ps->n_fields && pos < TS_CSV_MAX_COLUMNS && ps->field_len[pos] == 0 && !ps->too_long[pos];
}

int ts_csv_code(ts_csv_parser *ps, int c, const char *const *codes, int n_codes, int *out)
{
    size_t n;
    const char *s = ts_csv_value(ps, c, &n);
    if (!s)
        return 0;
    int k = ts_code_lookup(codes, n_codes, s);
    if (k >= 0) {
        *out = k;
        return 1;
    }
    char list[256] = "", found[TS_CSV_FOUND_MAX * 4 + 16];
    for (int i = 0; i < n_codes; i++) {
        size_t at = strlen(list);
        snprintf(list + at, sizeof list - at, "%s%s", i == 0 ? "" : i + 1 == n_codes ? " or " : ", ", codes[i]);
    }
    if (n == 0)
        snprintf(found, sizeof found, "an empty field");
    else
        ts_error_quote(s, n, found, sizeof found);
    ts_csv_problem(ps, ps->names[c], "expected %s%s, found %s", n_codes > 2 ? "one of " : "", list, found);
    return 0;
}
