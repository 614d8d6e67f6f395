/*
 * text.c: small text helpers (text.h).
 */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *ts_text_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

size_t ts_text_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t row[TS_TEXT_DISTANCE_MAX_LEN + 1];
    if (la > TS_TEXT_DISTANCE_MAX_LEN || lb > TS_TEXT_DISTANCE_MAX_LEN)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

void ts_text_nearest_init(ts_text_nearest *near, const char *word)
{
    near->word = word;
    near->len = strlen(word);
    near->limit = near->len / 4 > 2 ? near->len / 4 : 2;
    near->distance = near->limit + 1;
    near->best = NULL;
}

void ts_text_nearest_offer(ts_text_nearest *near, const char *candidate)
{
    if (!candidate)
        return;
    size_t len = strlen(candidate);
    size_t gap = len > near->len ? len - near->len : near->len - len;
    if (gap >= near->distance)
        return;
    size_t d = ts_text_distance(near->word, near->len, candidate, len);
    if (d > 0 && d < near->distance) {
        near->distance = d;
        near->best = candidate;
    }
}

int ts_text_is_name(const char *name, const char *code, const char *name_zh)
{
    return strcmp(name, code) == 0 || (name_zh && name_zh[0] && strcmp(name, name_zh) == 0);
}

void ts_text_list_name(char *buf, size_t cap, const char *code, const char *name_zh)
{
    size_t at = strlen(buf);
    if (at + 1 >= cap)
        return;
    if (name_zh && name_zh[0])
        snprintf(buf + at, cap - at, "%s%s (%s)", at ? ", " : "", code, name_zh);
    else
        snprintf(buf + at, cap - at, "%s%s", at ? ", " : "", code);
}

void ts_text_free_all(char **texts, size_t n)
{
    if (!texts)
        return;
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
}
