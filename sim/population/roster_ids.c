/*
 * roster_ids.c: the ids of a roster (school_id, teacher_id) and the table
 * that finds them (roster_internal.h).
 *
 * Owns: an open-addressing table over ids kept in one arena, each id with
 * the line it was first seen on and a value (the school's row), and the
 * checks of an id column (1 to TS_ROSTER_MAX_ID bytes, no duplicate).
 * Does not own reading the field (csv_reader.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "roster_internal.h"

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

void ts_ids_free(ts_id_table *t)
{
    free(t->text);
    free(t->at);
    free(t->line);
    free(t->value);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* The entry of id s, or -1. */
int64_t ts_ids_find(const ts_id_table *t, const char *s, size_t n)
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

static void id_place(ts_id_table *t, int32_t e)
{
    size_t mask = t->n_slots - 1, k = (size_t)hash_bytes(t->text + t->at[e], t->at[e + 1] - t->at[e]) & mask;
    while (t->slot[k])
        k = (k + 1) & mask;
    t->slot[k] = e + 1;
}

/* Add an id not yet in the table; 0 when out of memory. */
int ts_ids_add(ts_id_table *t, const char *s, size_t n, uint64_t line, int32_t value)
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

/* An id column: text of 1 to TS_ROSTER_MAX_ID bytes. */
const char *ts_roster_id_value(ts_csv_parser *ps, int c, size_t *len)
{
    const char *s = ts_csv_value(ps, c, len);
    if (!s)
        return NULL;
    if (*len == 0 || *len > TS_ROSTER_MAX_ID) {
        ts_csv_problem(ps, ps->names[c], "expected an id of 1 to %d bytes, found %s", TS_ROSTER_MAX_ID,
                       *len == 0 ? "an empty field" : "a longer one");
        return NULL;
    }
    return s;
}

/* A new id into table; reports a duplicate. Returns 1 when added. */
int ts_roster_unique_id(ts_csv_parser *ps, int c, ts_id_table *table, int32_t value_of_row, int *nomem)
{
    size_t n;
    const char *s = ts_roster_id_value(ps, c, &n);
    if (!s)
        return 0;
    int64_t e = ts_ids_find(table, s, n);
    if (e >= 0) {
        char found[TS_CSV_FOUND_MAX * 4 + 16];
        ts_error_quote(s, n, found, sizeof found);
        ts_csv_problem(ps, ps->names[c], "duplicate id %s (first on line %" PRIu64 ")", found, table->line[e]);
        return 0;
    }
    if (!ts_ids_add(table, s, n, ps->record_line, value_of_row)) {
        *nomem = 1;
        return 0;
    }
    return 1;
}
