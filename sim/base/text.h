/**
 * @file text.h
 * Small text helpers every layer uses.
 *
 * Owns: copying a string into memory of its own, the edit distance between
 * two words and the nearest of a set of words (for "did you mean …?"), and
 * matching a thing by either of its names (a code such as xiangtan_county or
 * a Chinese name such as 湘潭县) with the list of both forms for a message.
 * Copies go through malloc, not strdup, so that the allocation-failure test,
 * which fails the Nth call of malloc, reaches every copy (the C library's
 * strdup calls its own malloc, which the test cannot intercept). Nothing here
 * allocates except ts_text_dup.
 */
#ifndef TEACHSIM_TEXT_H
#define TEACHSIM_TEXT_H

#include <stddef.h>

#include <stddef.h>

/** The longest word, in bytes, that the edit distance compares. */
#define TS_TEXT_DISTANCE_MAX_LEN 128

/** A copy of `s` in memory of its own (free it), or NULL when memory ran out. */
char *ts_text_dup(const char *s);

/** Free an array of n strings and the array itself; NULL entries and a NULL
 *  array are fine (a partly filled array frees the same way). */
void ts_text_free_all(char **texts, size_t n);

/**
 * The edit distance (insertions, deletions and substitutions of one byte)
 * between a[0..la) and b[0..lb), or (size_t)-1 when either is longer than
 * TS_TEXT_DISTANCE_MAX_LEN.
 */
size_t ts_text_distance(const char *a, size_t la, const char *b, size_t lb);

/**
 * The search for the candidate nearest to a word: start it with
 * ts_text_nearest_init, offer each candidate, and read `best` (NULL when no
 * candidate was close enough). Close enough is at most 2 edits, or one edit
 * for every four bytes of the word when that is more; the first of equally
 * near candidates wins, and the word itself is never suggested.
 */
typedef struct {
    const char *word;
    size_t len;
    size_t limit;
    size_t distance;
    const char *best;
} ts_text_nearest;

/** Start a search for the candidate nearest to `word`. */
void ts_text_nearest_init(ts_text_nearest *near, const char *word);

/** Offer one candidate; it becomes `best` when it is nearer than any before. */
void ts_text_nearest_offer(ts_text_nearest *near, const char *candidate);

/** Whether `name` is exactly `code` or exactly `name_zh` (when name_zh is neither NULL nor empty). */
int ts_text_is_name(const char *name, const char *code, const char *name_zh);

/**
 * Append "code (name_zh)", or only the code when name_zh is NULL or empty, to
 * the text in buf (size cap), after ", " when buf is not empty; the text is
 * cut, never overrun, when buf is full.
 */
void ts_text_list_name(char *buf, size_t cap, const char *code, const char *name_zh);

#endif
