/**
 * @file status.h
 * Status codes and the error record that carries a user-facing message.
 *
 * Owns: the one list of status codes (an X-macro, so the enum, the names and
 * the process exit codes cannot drift apart) and ts_error, the buffer in which
 * the code that detects a fault writes the full message (file, line, key,
 * expected, found). Callers pass the message up unchanged.
 */
#ifndef TEACHSIM_STATUS_H
#define TEACHSIM_STATUS_H

#include <stdarg.h>
#include <stddef.h>

/* X(name, exit code, short text) */
#define TS_STATUS_LIST(X)                                                                                              \
    X(TS_OK, 0, "ok")                                                                                                  \
    X(TS_ERR_USAGE, 2, "bad command-line usage")                                                                       \
    X(TS_ERR_INPUT, 2, "bad input")                                                                                    \
    X(TS_ERR_EXISTS, 2, "output file exists (use --force to replace it)")                                              \
    X(TS_ERR_IO, 1, "input/output failure")                                                                            \
    X(TS_ERR_NOMEM, 1, "out of memory")                                                                                \
    X(TS_ERR_RUN, 1, "run failed")                                                                                     \
    X(TS_ERR_INTERRUPTED, 130, "interrupted")

typedef enum {
#define TS_STATUS_ENUM(name, code, text) name,
    TS_STATUS_LIST(TS_STATUS_ENUM)
#undef TS_STATUS_ENUM
        TS_STATUS_COUNT
} ts_status;

#define TS_ERROR_MAX 16384 /* room for a roster's list of problems (roster.h) */

/** A status plus the message for the user. Zero-initialise before use. */
typedef struct {
    ts_status status;
    char message[TS_ERROR_MAX];
} ts_error;

/** Short text of a status ("bad input"). */
const char *ts_status_text(ts_status status);

/** Process exit code for a status (0, 1, 2 or 130). */
int ts_status_exit_code(ts_status status);

/**
 * Record a failure: sets err->status and formats the message (printf style).
 * Returns status so callers can write `return ts_error_set(err, ...)`.
 * A NULL err is allowed and only the status is returned.
 */
ts_status ts_error_set(ts_error *err, ts_status status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** Like ts_error_set, but appends a line to an existing message (for lists of
 *  problems, e.g. every bad row of a CSV). */
ts_status ts_error_append(ts_error *err, ts_status status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** A value as it reads in a message: double-quoted, with quotes,
 *  backslashes and control bytes escaped, UTF-8 kept, and cut after 60 bytes
 *  (at a character boundary, marked "..."). Writes at most size bytes. */
void ts_error_quote(const char *s, size_t len, char *buf, size_t size);

#endif
