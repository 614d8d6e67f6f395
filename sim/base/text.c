/*
 * text.c: small text helpers (text.h).
 */
#include "text.h"

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
