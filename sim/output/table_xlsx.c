/*
 * table_xlsx.c: the kept tables of a summary as one Excel workbook, a sheet
 * per table, written with libxlsxwriter (Debian libxlsxwriter-dev) under a
 * temporary name and renamed (table.h). The sheets hold what the CSV files
 * hold: the headings in the first row, then the rows, numbers as numbers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "table.h"

/* Excel's rule: at most 31 characters, unique ignoring case. A name is cut
 * at 31 code points (the table names are ASCII or UTF-8 of the BMP, one
 * UTF-16 unit each) and a repeat ends in ~2, ~3, …; the sheet's A1
 * comment holds the table's title, which names everything in full. */
static void sheet_name(char out[128], const ts_table_list *list, size_t upto, char names[][128])
{
    for (int k = 1;; k++) {
        char tail[16] = "";
        if (k > 1)
            snprintf(tail, sizeof tail, "~%d", k);
        size_t keep = 31 - strlen(tail), points = 0, at = 0;
        const char *s = list->tables[upto]->sheet ? list->tables[upto]->sheet : list->tables[upto]->name;
        while (s[at] && points < keep) {
            at++;
            while ((s[at] & 0xC0) == 0x80)
                at++;
            points++;
        }
        snprintf(out, 128, "%.*s%s", (int)at, s, tail);
        size_t i = 0;
        while (i < upto && strcasecmp(names[i], out) != 0)
            i++;
        if (i == upto)
            return;
    }
}

static ts_status write_sheets(lxw_workbook *wb, const ts_table_list *list, const char *path, ts_error *err)
{
    char(*names)[128] = calloc(list->n + 1, sizeof *names);
    if (!names)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    ts_status st = TS_OK;
    for (size_t i = 0; st == TS_OK && i < list->n; i++) {
        const ts_table *t = list->tables[i];
        sheet_name(names[i], list, i, names);
        lxw_worksheet *ws = workbook_add_worksheet(wb, names[i]);
        if (!ws) {
            st = ts_error_set(err, TS_ERR_IO, "%s: cannot add the sheet '%s'", path, names[i]);
            break;
        }
        lxw_col_t col = 0;
        for (size_t c = 0; c < t->n_cols; c++)
            if (t->cols[c].show & TS_COL_DATA) {
                worksheet_write_string(ws, 0, col, t->cols[c].heading, bold);
                worksheet_set_column(ws, col, col, ts_text_display_width(t->cols[c].heading) + 2.0, NULL);
                col++;
            }
        /* What the table is, as printed above it, where a reader of the
         * sheet finds it without the terminal. */
        if (t->title)
            worksheet_write_comment(ws, 0, 0, t->title);
        for (size_t r = 0; r < t->n_rows; r++) {
            col = 0;
            for (size_t c = 0; c < t->n_cols; c++)
                if (t->cols[c].show & TS_COL_DATA) {
                    const ts_table_cell *cell = &t->cells[r * t->n_cols + c];
                    if (cell->is_number && cell->number == cell->number)
                        worksheet_write_number(ws, (lxw_row_t)(r + 1), col, cell->number, NULL);
                    else if (!cell->is_number && cell->text && cell->text[0])
                        worksheet_write_string(ws, (lxw_row_t)(r + 1), col, cell->text, NULL);
                    col++;
                }
        }
        worksheet_freeze_panes(ws, 1, 0);
    }
    free(names);
    return st;
}

ts_status ts_table_write_xlsx(const ts_table_list *list, const char *path, int force, ts_error *err)
{
    struct stat st;
    if (!force && lstat(path, &st) == 0)
        return ts_error_set(err, TS_ERR_EXISTS, "%s: file exists; use --force to replace it", path);
    if (list->n == 0)
        return ts_error_set(err, TS_ERR_USAGE, "%s: the view printed no table to write", path);
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    /* A temporary name of our own in the target's folder, so that the
     * rename stays on one file system; the library writes the zip there. */
    snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        /* No such folder, or not ours to write: the path given is wrong (exit 2). */
        int e = errno;
        ts_status s = ts_error_set(err, e == ENOENT || e == ENOTDIR || e == EACCES ? TS_ERR_USAGE : TS_ERR_IO,
                                   "%s: cannot write the workbook there: %s", path, strerror(e));
        free(tmp);
        return s;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(tmp);
    ts_status s = wb ? write_sheets(wb, list, path, err) : ts_error_set(err, TS_ERR_IO, "%s: cannot write", path);
    if (wb) {
        lxw_error e = workbook_close(wb);
        if (s == TS_OK && e != LXW_NO_ERROR)
            s = ts_error_set(err, TS_ERR_IO, "%s: cannot write the workbook: %s", path, lxw_strerror(e));
    }
    if (s == TS_OK) {
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0666 & ~mask);
        s = ts_table_move_into_place(tmp, path, force, err);
    } else {
        unlink(tmp);
    }
    free(tmp);
    return s;
}
