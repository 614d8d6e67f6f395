/**
 * @file text.h
 * Small text helpers every layer uses.
 *
 * Owns: copying a string into memory of its own. It goes through malloc, not
 * strdup, so that the allocation-failure test, which fails the Nth call of
 * malloc, reaches every copy (the C library's strdup calls its own malloc,
 * which the test cannot intercept).
 */
#ifndef TEACHSIM_TEXT_H
#define TEACHSIM_TEXT_H

/** A copy of `s` in memory of its own (free it), or NULL when memory ran out. */
char *ts_text_dup(const char *s);

#endif
