/*
 * test_table.c: a summary table as data and its renderings (output/table.h):
 * display width of Chinese text, padding by it, the printed form against
 * the printf it replaces, CSV quoting, numbers that read back exactly,
 * repeated names, and the refusal to overwrite.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "table.h"

Test(table, display_width_counts_cjk_twice)
{
    cr_expect_eq(ts_text_display_width(""), 0);
    cr_expect_eq(ts_text_display_width("median"), 6);
    cr_expect_eq(ts_text_display_width("中位数"), 6);           /* three CJK ideographs */
    cr_expect_eq(ts_text_display_width("湘潭县（ALL）"), 13);   /* full-width brackets are wide too */
    cr_expect_eq(ts_text_display_width("2021–2025 年"), 12);    /* the en dash is narrow */
    cr_expect_eq(ts_text_display_width("空岗·年"), 7);          /* the middle dot is narrow */
    cr_expect_eq(ts_text_display_width("\xF0\xA0\x80\x80"), 2); /* U+20000, outside the BMP */
}

static char *render(ts_table *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ts_view v = {.out = f, .lang = TS_LANG_EN};
    ts_error err = {0};
    cr_assert_eq(ts_table_emit(&v, t, &err), TS_OK, "%s", err.message);
    fclose(f);
    return buf;
}

Test(table, prints_what_printf_printed)
{
    /* The bands table's old printf: "  %-6s %12s %12s" and "  %-6d %12.1f %12.0f". */
    ts_table *t = ts_table_new("bands-x");
    ts_table_title(t, "%s, %s", "Teachers", "ALL");
    ts_table_add_col(t, TS_COL_BOTH, "", 6, 1, "year", NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, "mean", NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 12, 0, "5%", NULL);
    ts_table_add_row(t);
    ts_table_number(t, 0, 2027, "2027");
    ts_table_fixed(t, 1, 12633.649, 1);
    ts_table_fixed(t, 2, -0.0004, 0);
    ts_table_add_row(t);
    ts_table_number(t, 0, 2028, "2028");
    ts_table_fixed(t, 1, NAN, 1);
    ts_table_fixed(t, 2, 3.5, 0);
    char want[512];
    snprintf(want, sizeof want, "\n%s\n  %-6s %12s %12s\n  %-6d %12.1f %12s\n  %-6d %12s %12.0f\n", "Teachers, ALL",
             "year", "mean", "5%", 2027, 12633.649, "0", 2028, "-", 3.5);
    char *got = render(t);
    cr_expect_str_eq(got, want);
    free(got);
}

Test(table, pads_chinese_by_display_width_and_widens_for_labels)
{
    ts_table *t = ts_table_new("t");
    ts_table_add_col(t, TS_COL_BOTH, "", 4, 1, "学科", NULL);
    ts_table_add_col(t, TS_COL_BOTH, " ", 4, 0, "95%置信下限", NULL); /* 11 columns: wider than 4 */
    ts_table_add_col(t, TS_COL_DATA, "", 0, 0, "hidden", NULL);
    ts_table_add_col(t, TS_COL_BOTH, "  ", 3, 1, "是否", NULL);
    ts_table_add_row(t);
    ts_table_text(t, 0, "语文");
    ts_table_fixed(t, 1, 2.5, 2);
    ts_table_number(t, 2, 7.0, NULL);
    ts_table_text(t, 3, "是");
    char *got = render(t);
    /* the last column, left-aligned, is not padded: no trailing blanks */
    cr_expect_str_eq(got, "  学科 95%置信下限  是否\n  语文        2.50  是\n");
    free(got);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "%s", path);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

Test(table, csv_quotes_and_numbers_read_back)
{
    char dir[] = "/tmp/test_table.XXXXXX";
    cr_assert(mkdtemp(dir));
    ts_table_list list = {0};
    ts_view v = {.out = fopen("/dev/null", "w"), .lang = TS_LANG_EN, .keep = &list};
    ts_error err = {0};
    ts_table *t = ts_table_new("need/a b");
    ts_table_add_col(t, TS_COL_BOTH, "", 0, 1, "say \"hi\", there", NULL);
    ts_table_add_col(t, TS_COL_PRINT, " ", 0, 0, "printed only", NULL);
    ts_table_add_col(t, TS_COL_DATA, "", 0, 0, "x", NULL);
    ts_table_add_row(t);
    ts_table_text(t, 0, "a,b");
    ts_table_text(t, 1, "never in the file");
    ts_table_number(t, 2, 0.1 + 0.2, NULL); /* 0.30000000000000004: needs 17 digits */
    ts_table_add_row(t);
    ts_table_text(t, 0, "语文");
    ts_table_number(t, 2, NAN, NULL);
    cr_assert_eq(ts_table_emit(&v, t, &err), TS_OK);
    ts_table *again = ts_table_new("need/a b");
    ts_table_add_col(again, TS_COL_BOTH, "", 0, 1, "y", NULL);
    ts_table_add_row(again);
    ts_table_fixed(again, 0, -0.0004, 0); /* printed "0", written as it is */
    cr_assert_eq(ts_table_emit(&v, again, &err), TS_OK);
    fclose(v.out);
    cr_expect_str_eq(list.tables[0]->name, "need-a-b"); /* a name is a file name */
    cr_expect_str_eq(list.tables[1]->name, "need-a-b~2");
    cr_assert_eq(ts_table_write_csv(&list, dir, 0, &err), TS_OK, "%s", err.message);
    char path[256];
    snprintf(path, sizeof path, "%s/need-a-b.csv", dir);
    cr_expect_str_eq(slurp(path),
                     "\xEF\xBB\xBF\"say \"\"hi\"\", there\",x\r\n\"a,b\",0.30000000000000004\r\n语文,\r\n");
    snprintf(path, sizeof path, "%s/need-a-b~2.csv", dir);
    cr_expect_str_eq(slurp(path), "\xEF\xBB\xBFy\r\n-0.0004\r\n");
    cr_expect_str_eq(list.tables[1]->cells[0].text, "0");
    /* again without force: refused, naming the first file that exists */
    cr_expect_eq(ts_table_write_csv(&list, dir, 0, &err), TS_ERR_EXISTS);
    cr_expect(strstr(err.message, "need-a-b.csv: file exists; use --force"), "%s", err.message);
    cr_expect_eq(ts_table_write_csv(&list, dir, 1, &err), TS_OK);
    snprintf(path, sizeof path, "%s/need-a-b.csv", dir);
    cr_expect_eq(ts_table_write_csv(&list, path, 1, &err), TS_ERR_USAGE); /* a file, not a folder */
    unlink(path);
    snprintf(path, sizeof path, "%s/need-a-b~2.csv", dir);
    unlink(path);
    rmdir(dir);
    ts_table_list_free(&list);
}
