/*
 * table.c: a summary table as data, printed and written as CSV (table.h).
 * The workbook is table_xlsx.c.
 */
#define _GNU_SOURCE /* renameat2 */
#include "table.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

/* ---- display width --------------------------------------------------------- */

/* The East Asian wide and full-width ranges (Unicode's EastAsianWidth W and
 * F) that Chinese text uses, coarsely: a terminal draws these two columns
 * wide. The C library's wcwidth() would answer the same, but only under a
 * UTF-8 locale with the tables installed, and the tests run with C.UTF-8. */
static int wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

int ts_text_display_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        uint32_t c = *p;
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        c &= extra == 3 ? 0x07 : extra == 2 ? 0x0F : extra == 1 ? 0x1F : 0x7F;
        p++;
        for (int k = 0; k < extra && (*p & 0xC0) == 0x80; k++, p++)
            c = (c << 6) | (*p & 0x3F);
        w += wide(c) ? 2 : 1;
    }
    return w;
}

void ts_text_pad(FILE *out, const char *s, int width, int left)
{
    int pad = width - ts_text_display_width(s);
    if (!left)
        for (int k = 0; k < pad; k++)
            fputc(' ', out);
    fputs(s, out);
    if (left)
        for (int k = 0; k < pad; k++)
            fputc(' ', out);
}

/* ---- building ------------------------------------------------------------------ */

static char *vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

/* A name becomes a file or sheet name: keep it to letters, digits, '-',
 * '_' and '.', and UTF-8 (a Chinese scenario name stays readable). */
static void clean_name(char *name)
{
    for (char *p = name; p && *p; p++)
        if (!((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
            *p = '-';
}

ts_table *ts_table_new(const char *fmt, ...)
{
    ts_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    t->name = vformat(fmt, ap);
    va_end(ap);
    if (!t->name) {
        free(t);
        return NULL;
    }
    clean_name(t->name);
    return t;
}

void ts_table_free(ts_table *t)
{
    if (!t)
        return;
    for (size_t c = 0; c < t->n_cols; c++) {
        free(t->cols[c].label);
        free(t->cols[c].heading);
    }
    for (size_t k = 0; k < t->n_rows * t->n_cols; k++)
        free(t->cells[k].text);
    free(t->cols);
    free(t->cells);
    free(t->name);
    free(t->sheet);
    free(t->title);
    free(t->header_line);
    free(t);
}

void ts_table_sheet(ts_table *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(t->sheet);
    t->sheet = vformat(fmt, ap);
    va_end(ap);
    t->failed |= !t->sheet;
    clean_name(t->sheet);
}

void ts_table_title(ts_table *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(t->title);
    t->title = vformat(fmt, ap);
    va_end(ap);
    t->failed |= !t->title;
}

void ts_table_header(ts_table *t, const char *text)
{
    free(t->header_line);
    t->header_line = ts_text_dup(text);
    t->failed |= !t->header_line;
}

size_t ts_table_add_col(ts_table *t, int show, const char *sep, int width, int left, const char *label,
                        const char *heading)
{
    /* Columns come before rows: a view declares them, then fills rows. */
    ts_table_col *cols = realloc(t->cols, (t->n_cols + 1) * sizeof *cols);
    if (!cols || t->n_rows) {
        if (cols)
            t->cols = cols;
        t->failed = 1;
        return t->n_cols ? t->n_cols - 1 : 0;
    }
    t->cols = cols;
    ts_table_col *c = &t->cols[t->n_cols];
    *c = (ts_table_col){.label = ts_text_dup(label ? label : ""),
                        .heading = ts_text_dup(heading ? heading
                                               : label ? label
                                                       : ""),
                        .sep = sep,
                        .width = width,
                        .left = left,
                        .show = show};
    t->failed |= !c->label || !c->heading;
    /* A label wider than its column widens it: the English labels all fit
     * their columns, a Chinese one may not. */
    if (c->label && (show & TS_COL_PRINT) && ts_text_display_width(c->label) > c->width)
        c->width = ts_text_display_width(c->label);
    return t->n_cols++;
}

void ts_table_add_row(ts_table *t)
{
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
        ts_table_cell *cells = realloc(t->cells, cap * t->n_cols * sizeof *cells);
        if (!cells) {
            t->failed = 1;
            return;
        }
        t->cells = cells;
        t->cap_rows = cap;
    }
    for (size_t c = 0; c < t->n_cols; c++)
        t->cells[t->n_rows * t->n_cols + c] = (ts_table_cell){.number = NAN};
    t->n_rows++;
}

static ts_table_cell *last_cell(ts_table *t, size_t col)
{
    if (t->failed || t->n_rows == 0 || col >= t->n_cols)
        return NULL;
    return &t->cells[(t->n_rows - 1) * t->n_cols + col];
}

void ts_table_text(ts_table *t, size_t col, const char *text)
{
    ts_table_cell *c = last_cell(t, col);
    if (!c)
        return;
    free(c->text);
    c->text = ts_text_dup(text ? text : "");
    c->is_number = 0;
    t->failed |= !c->text;
}

void ts_table_number(ts_table *t, size_t col, double v, const char *printed)
{
    ts_table_cell *c = last_cell(t, col);
    if (!c)
        return;
    free(c->text);
    c->text = printed ? ts_text_dup(printed) : NULL;
    c->number = v;
    c->is_number = 1;
    t->failed |= printed && !c->text;
}

void ts_table_fixed(ts_table *t, size_t col, double v, int decimals)
{
    /* Only the printed form is rounded: the data keeps v itself. */
    char buf[64] = "-";
    if (!isnan(v))
        snprintf(buf, sizeof buf, "%.*f", decimals, fabs(v) < 0.5 * pow(10.0, -decimals) ? 0.0 : v);
    ts_table_number(t, col, v, buf);
}

void ts_table_percent(ts_table *t, size_t col, double share)
{
    char buf[64] = "-";
    if (!isnan(share))
        snprintf(buf, sizeof buf, "%.0f%%", 100.0 * share);
    ts_table_number(t, col, share, buf);
}

/* ---- printing ---------------------------------------------------------------------- */

static void table_print(FILE *out, const ts_table *t)
{
    if (t->title)
        fprintf(out, "\n%s\n", t->title);
    int *width = calloc(t->n_cols + 1, sizeof *width);
    size_t last = 0; /* the last printed column: left-aligned, it is not padded (no trailing blanks) */
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->cols[c].show & TS_COL_PRINT)
            last = c;
    for (size_t c = 0; c < t->n_cols; c++) {
        int w = t->cols[c].width;
        for (size_t r = 0; t->cols[c].grow && r < t->n_rows; r++) {
            const char *s = t->cells[r * t->n_cols + c].text;
            int d = s ? ts_text_display_width(s) : 1;
            w = d > w ? d : w;
        }
        if (width)
            width[c] = c == last && t->cols[c].left ? 0 : w;
    }
    if (t->header_line) {
        fprintf(out, "%s\n", t->header_line);
    } else {
        fputs("  ", out);
        for (size_t c = 0; c < t->n_cols; c++)
            if (t->cols[c].show & TS_COL_PRINT) {
                fputs(t->cols[c].sep, out);
                ts_text_pad(out, t->cols[c].label, width ? width[c] : t->cols[c].width, t->cols[c].left);
            }
        fputc('\n', out);
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        fputs("  ", out);
        for (size_t c = 0; c < t->n_cols; c++)
            if (t->cols[c].show & TS_COL_PRINT) {
                const char *s = t->cells[r * t->n_cols + c].text;
                fputs(t->cols[c].sep, out);
                ts_text_pad(out, s ? s : "-", width ? width[c] : t->cols[c].width, t->cols[c].left);
            }
        fputc('\n', out);
    }
    free(width);
}

ts_status ts_table_emit(const ts_view *view, ts_table *t, ts_error *err)
{
    if (!t || t->failed) {
        ts_table_free(t);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    }
    table_print(view->out, t);
    if (!view->keep) {
        ts_table_free(t);
        return TS_OK;
    }
    return ts_table_keep(view->keep, t, err);
}

ts_status ts_table_keep(ts_table_list *l, ts_table *t, ts_error *err)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        ts_table **tables = realloc(l->tables, cap * sizeof *tables);
        if (!tables) {
            ts_table_free(t);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        }
        l->tables = tables;
        l->cap = cap;
    }
    /* Two tables of one name get ~2, ~3, … (names are unique in a view
     * as built, but a view that repeats a table must not overwrite it). */
    size_t base = strlen(t->name);
    for (int k = 2;; k++) {
        size_t i = 0;
        while (i < l->n && strcmp(l->tables[i]->name, t->name) != 0)
            i++;
        if (i == l->n)
            break;
        char *name = k == 2 ? realloc(t->name, base + 16) : t->name;
        if (!name) {
            ts_table_free(t);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        }
        t->name = name;
        snprintf(name + base, 16, "~%d", k);
    }
    l->tables[l->n++] = t;
    return TS_OK;
}

void ts_table_list_free(ts_table_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        ts_table_free(list->tables[i]);
    free(list->tables);
    *list = (ts_table_list){0};
}

/* ---- CSV ----------------------------------------------------------------------------- */

static void number_text(char *buf, size_t cap, double v)
{
    if (isnan(v)) {
        snprintf(buf, cap, "%s", "");
        return;
    }
    /* Fifteen digits read back exactly for most values; where they do not,
     * seventeen always do. */
    snprintf(buf, cap, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, cap, "%.17g", v);
}

static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_csv_table(FILE *f, const ts_table *t)
{
    /* The byte-order mark makes Excel read the file as UTF-8 (else Chinese
     * headings come out garbled); Python's csv reads it with utf-8-sig. */
    fputs("\xEF\xBB\xBF", f);
    int first = 1;
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->cols[c].show & TS_COL_DATA) {
            if (!first)
                fputc(',', f);
            first = 0;
            csv_field(f, t->cols[c].heading);
        }
    fputs("\r\n", f);
    for (size_t r = 0; r < t->n_rows; r++) {
        first = 1;
        for (size_t c = 0; c < t->n_cols; c++)
            if (t->cols[c].show & TS_COL_DATA) {
                const ts_table_cell *cell = &t->cells[r * t->n_cols + c];
                char num[40];
                if (!first)
                    fputc(',', f);
                first = 0;
                if (cell->is_number) {
                    number_text(num, sizeof num, cell->number);
                    fputs(num, f);
                } else {
                    csv_field(f, cell->text ? cell->text : "");
                }
            }
        fputs("\r\n", f);
    }
}

ts_status ts_table_move_into_place(const char *tmp, const char *path, int force, ts_error *err)
{
    if (force) {
        if (rename(tmp, path) == 0)
            return TS_OK;
    } else {
        /* link() does not replace a file that appeared meanwhile; where
         * hard links are not supported, renameat2(RENAME_NOREPLACE). */
        if (link(tmp, path) == 0) {
            unlink(tmp);
            return TS_OK;
        }
        if (errno != EEXIST && renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
            return TS_OK;
    }
    int e = errno;
    unlink(tmp);
    if (e == EEXIST)
        return ts_error_set(err, TS_ERR_EXISTS, "%s: file exists; use --force to replace it", path);
    return ts_error_set(err, TS_ERR_IO, "%s: cannot move the written file into place: %s", path, strerror(e));
}

/* The path of table i in dir, or NULL (memory). */
static char *csv_path(const char *dir, const ts_table *t)
{
    size_t n = strlen(dir) + strlen(t->name) + 8;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s.csv", dir, t->name);
    return p;
}

ts_status ts_table_write_csv(const ts_table_list *list, const char *dir, int force, ts_error *err)
{
    /* A folder that cannot be made or is a file is the path the user gave,
     * so a usage error (exit 2); a failure while writing is TS_ERR_IO. */
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0)
            return ts_error_set(err, TS_ERR_USAGE, "%s: cannot make the folder for --csv: %s", dir, strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return ts_error_set(err, TS_ERR_USAGE, "%s: --csv expects a folder, found a file", dir);
    } else if (access(dir, W_OK) != 0) {
        return ts_error_set(err, TS_ERR_USAGE, "%s: cannot write into the folder for --csv: %s", dir, strerror(errno));
    }
    /* Every name is checked before any is written, so that a refusal
     * leaves the folder as it was. */
    for (size_t i = 0; !force && i < list->n; i++) {
        char *p = csv_path(dir, list->tables[i]);
        if (!p)
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        int exists = lstat(p, &st) == 0;
        if (exists)
            ts_error_set(err, TS_ERR_EXISTS, "%s: file exists; use --force to replace it", p);
        free(p);
        if (exists)
            return TS_ERR_EXISTS;
    }
    for (size_t i = 0; i < list->n; i++) {
        char *p = csv_path(dir, list->tables[i]);
        size_t n = p ? strlen(p) + 16 : 0;
        char *tmp = p ? malloc(n) : NULL;
        if (!tmp) {
            free(p);
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
        }
        snprintf(tmp, n, "%s.tmp-XXXXXX", p);
        int fd = mkstemp(tmp);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        ts_status s = TS_OK;
        if (!f) {
            s = ts_error_set(err, TS_ERR_IO, "%s: cannot write: %s", p, strerror(errno));
            if (fd >= 0) {
                close(fd);
                unlink(tmp);
            }
        } else {
            mode_t mask = umask(0); /* mkstemp makes 0600; a table is for sharing, as the umask allows */
            umask(mask);
            fchmod(fd, 0666 & ~mask);
            write_csv_table(f, list->tables[i]);
            int bad = ferror(f);
            if (fclose(f) != 0 || bad) {
                s = ts_error_set(err, TS_ERR_IO, "%s: cannot write: %s", p, strerror(errno));
                unlink(tmp);
            } else {
                s = ts_table_move_into_place(tmp, p, force, err);
            }
        }
        free(tmp);
        free(p);
        if (s != TS_OK)
            return s;
    }
    return TS_OK;
}
