/*
 * status.c: texts and exit codes of the status list, and formatting of the
 * user-facing error message. Owns nothing else.
 */
#include <stdio.h>
#include <string.h>

#include "teachsim/status.h"

const char *ts_status_text(ts_status status)
{
    switch (status) {
#define TS_STATUS_TEXT(name, code, text)                                                                               \
    case name:                                                                                                         \
        return text;
        TS_STATUS_LIST(TS_STATUS_TEXT)
#undef TS_STATUS_TEXT
    default:
        return "unknown status";
    }
}

int ts_status_exit_code(ts_status status)
{
    switch (status) {
#define TS_STATUS_CODE(name, code, text)                                                                               \
    case name:                                                                                                         \
        return code;
        TS_STATUS_LIST(TS_STATUS_CODE)
#undef TS_STATUS_CODE
    default:
        return 1;
    }
}

static void error_vformat(ts_error *err, size_t at, const char *fmt, va_list ap)
{
    if (at >= sizeof err->message)
        return;
    vsnprintf(err->message + at, sizeof err->message - at, fmt, ap);
}

ts_status ts_error_set(ts_error *err, ts_status status, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    error_vformat(err, 0, fmt, ap);
    va_end(ap);
    return status;
}

ts_status ts_error_append(ts_error *err, ts_status status, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    size_t at = strlen(err->message);
    if (at > 0 && at + 1 < sizeof err->message) {
        err->message[at++] = '\n';
        err->message[at] = '\0';
    }
    va_list ap;
    va_start(ap, fmt);
    error_vformat(err, at, fmt, ap);
    va_end(ap);
    return status;
}

#define TS_QUOTE_MAX 60 /* bytes of a value quoted in a message before it is cut */

void ts_error_quote(const char *s, size_t len, char *buf, size_t size)
{
    size_t at = 0;
    int cut = len > TS_QUOTE_MAX;
    if (cut) {
        len = TS_QUOTE_MAX;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    buf[at++] = '"';
    for (size_t i = 0; i < len && at + 8 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            buf[at++] = '\\';
            buf[at++] = (char)c;
        } else if (c < 0x20 || c == 0x7F) {
            at += (size_t)snprintf(buf + at, size - at, "\\x%02X", c);
        } else {
            buf[at++] = (char)c;
        }
    }
    snprintf(buf + at, size - at, "%s\"", cut ? "..." : "");
}
