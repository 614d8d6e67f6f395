/*
 * scenario_file.c: the bytes of a scenario file.
 *
 * Owns: reading a whole file (a pipe or /dev/stdin too) within the YAML size
 * limit, with the messages `PATH: cannot open scenario file: REASON`.
 * Does not own parsing (yaml_tree.c) nor which files a scenario reads (the
 * loader, scenario.c, and the extends chain, scenario_extends.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"

ts_status ts_scenario_read_file(const char *path, char **out, size_t *out_len, ts_error *err)
{
    FILE *f = NULL;
    char *text = NULL;
    size_t len = 0, cap = 0;
    ts_status st = TS_OK;

    *out = NULL;
    *out_len = 0;
    f = fopen(path, "rb");
    if (!f) {
        st = ts_error_set(err, TS_ERR_INPUT, "%s: cannot open scenario file: %s", path, strerror(errno));
        goto cleanup;
    }
    /* Read to the end rather than trusting a size: pipes and /dev/stdin work. */
    for (;;) {
        if (len == cap) {
            if (cap > TS_YAML_MAX_BYTES) {
                st = ts_error_set(err, TS_ERR_INPUT, "%s: not a valid YAML scenario: larger than %zu MiB", path,
                                  TS_YAML_MAX_BYTES >> 20);
                goto cleanup;
            }
            size_t grown = cap ? 2 * cap : (size_t)1 << 16;
            if (grown > TS_YAML_MAX_BYTES + 1)
                grown = TS_YAML_MAX_BYTES + 1;
            char *bigger = realloc(text, grown);
            if (!bigger) {
                st = ts_error_set(err, TS_ERR_NOMEM, "%s: out of memory while reading the scenario file", path);
                goto cleanup;
            }
            text = bigger;
            cap = grown;
        }
        size_t got = fread(text + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                st = ts_error_set(err, TS_ERR_INPUT, "%s: cannot read scenario file: %s", path, strerror(errno));
                goto cleanup;
            }
            break;
        }
    }
    *out = text;
    *out_len = len;
    text = NULL;

cleanup:
    if (f)
        fclose(f);
    free(text);
    return st;
}
