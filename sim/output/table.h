/**
 * @file table.h
 * A table of `teachsim summary` as data, and its three renderings: the
 * terminal (padded by display width, so that Chinese lines up), CSV and an
 * Excel sheet (table_xlsx.c).
 *
 * Owns: the table (columns with a printed label and a data heading, rows of
 * cells that are a number or a text, each with its printed form), the list
 * of tables a view keeps for export, the language of a view, the display
 * width of UTF-8 text, and writing the kept tables as CSV files or one
 * workbook under temporary names that are renamed into place. A view builds
 * each table once and prints it, and the files are written from the same
 * structure, so that the printed table and the files cannot disagree. Does
 * not own what the tables say (summary.c, summary_why.c, cost_effect.c).
 */
#ifndef TEACHSIM_OUTPUT_TABLE_H
#define TEACHSIM_OUTPUT_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "teachsim/status.h"

/** The language of a view's texts. */
typedef enum { TS_LANG_EN = 0, TS_LANG_ZH = 1, TS_LANG_COUNT } ts_lang;

/** Where a column appears: printed, in the data (CSV, sheet), or both. A
 *  printed "median [5-95]" cell is one printed column over three data
 *  columns. */
enum { TS_COL_PRINT = 1, TS_COL_DATA = 2, TS_COL_BOTH = 3 };

typedef struct {
    char *label;     /* the printed heading */
    char *heading;   /* the heading of the data column */
    const char *sep; /* printed before the column (a literal: " ", "  ", " | ") */
    int width;       /* the least printed width, in terminal columns */
    int left;        /* left-aligned (else right) */
    int grow;        /* widen to the widest cell (else overflow like printf) */
    int show;        /* TS_COL_* */
} ts_table_col;

typedef struct {
    char *text;    /* the printed form; for a text cell also its data */
    double number; /* the data of a number cell; NaN is an empty cell */
    int is_number;
} ts_table_cell;

typedef struct {
    char *name;        /* the file name without .csv, unique within a view */
    char *sheet;       /* the workbook's sheet name before cutting to 31 characters; NULL: name */
    char *title;       /* printed after a blank line before the table; NULL none */
    char *header_line; /* printed instead of the column labels; NULL: the labels */
    size_t n_cols, n_rows, cap_rows;
    ts_table_col *cols;
    ts_table_cell *cells; /* n_rows x n_cols */
    int failed;           /* an allocation failed while building */
} ts_table;

/** The tables a view kept, in the order printed. */
typedef struct {
    ts_table **tables;
    size_t n, cap;
} ts_table_list;

/** A view's context: where it prints, in which language, and where it
 *  keeps its tables (NULL: printed and freed). */
typedef struct {
    FILE *out;
    ts_lang lang;
    ts_table_list *keep;
} ts_view;

/** A new empty table named by the printf-style `fmt` (NULL when memory ran out). */
ts_table *ts_table_new(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ts_table_free(ts_table *t);

/** Set the sheet name (printf-style): shorter than the file name, as
 *  Excel allows 31 characters (the views write scenario k as "sk"). */
void ts_table_sheet(ts_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Set the title (printf-style; positional arguments "%1$s" allowed). */
void ts_table_title(ts_table *t, const char *fmt, ...);

/** Set the header line printed instead of the labels (without the newline). */
void ts_table_header(ts_table *t, const char *text);

/** Add a column; heading NULL means the label. Returns its index. */
size_t ts_table_add_col(ts_table *t, int show, const char *sep, int width, int left, const char *label,
                        const char *heading);

/** Start a new row, every cell empty. */
void ts_table_add_row(ts_table *t);

/** Set a cell of the last row: a text, or a number with its printed form
 *  (printed NULL: the column is data only). */
void ts_table_text(ts_table *t, size_t col, const char *text);
void ts_table_number(ts_table *t, size_t col, double v, const char *printed);

/** A number printed with `decimals` decimals, "-" when NaN, never "-0.0". */
void ts_table_fixed(ts_table *t, size_t col, double v, int decimals);

/** A share printed as a whole percent ("37%"), "-" when NaN; the data is the share. */
void ts_table_percent(ts_table *t, size_t col, double share);

/** Print, and keep in view->keep or free. TS_ERR_NOMEM when building failed. */
ts_status ts_table_emit(const ts_view *view, ts_table *t, ts_error *err);

/** Append t to the list (which then owns it; freed on failure), renaming
 *  a repeated name with ~2, ~3, …. */
ts_status ts_table_keep(ts_table_list *list, ts_table *t, ts_error *err);

void ts_table_list_free(ts_table_list *list);

/** The display width of UTF-8 text in a terminal: East Asian wide and
 *  full-width characters count 2, the rest 1 (docs/decisions.md). */
int ts_text_display_width(const char *s);

/** Print `s` padded with spaces to `width` terminal columns. */
void ts_text_pad(FILE *out, const char *s, int width, int left);

/**
 * Write every table of `list` into the folder `dir` (made when missing, its
 * parent must exist) as `<name>.csv`, UTF-8 with a byte-order mark. Without
 * force, when any of the files exists nothing is written (TS_ERR_EXISTS
 * naming it). Each file is written under a temporary name and renamed.
 */
ts_status ts_table_write_csv(const ts_table_list *list, const char *dir, int force, ts_error *err);

/** Write every table of `list` as a sheet of the workbook `path` (Excel),
 *  with the same rule for an existing file (table_xlsx.c). */
ts_status ts_table_write_xlsx(const ts_table_list *list, const char *path, int force, ts_error *err);

/** Move the written `tmp` to `path`: without force never over an existing
 *  file (TS_ERR_EXISTS), errors name the path. */
ts_status ts_table_move_into_place(const char *tmp, const char *path, int force, ts_error *err);

#endif
