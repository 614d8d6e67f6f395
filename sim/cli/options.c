/*
 * options.c: the options that several verbs share (options.h).
 */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "table.h"

ts_shared_options ts_options_defaults(long replications)
{
    return (ts_shared_options){.replications = replications, .seed = TS_DEFAULT_SEED};
}

void ts_options_begin(void)
{
    optind = 0; /* glibc: a full re-initialisation, as each verb parses its own argv */
    opterr = 0; /* our own message names the verb and the way to --help */
}

static int ts_options_count(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return 0;
    *out = v;
    return 1;
}

int ts_options_number(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* A count option's value, or the usage error that names the option and its range. */
static int take_count(const char *verb, const char *message, long min, long max, long *out)
{
    return ts_options_count(optarg, min, max, out) ? TS_OPTION_TAKEN : ts_cli_usage_error(verb, message, optarg);
}

int ts_options_shared(int c, const char *verb, const char *help, char **argv, ts_shared_options *o)
{
    switch (c) {
    case 'o':
        o->output = optarg;
        return TS_OPTION_TAKEN;
    case 'r':
        return take_count(verb, "--replications expects a whole number from 1 to 100000000, found '%s'", 1, 100000000,
                          &o->replications);
    case 'j':
        return take_count(verb, "--threads expects a whole number from 1 to 4096, found '%s'", 1, 4096, &o->threads);
    case 'K':
        return take_count(verb, "--shards expects a whole number from 1 to 4096, found '%s'", 1, 4096, &o->shards);
    case 'S':
        return take_count(verb, "--seed expects a whole number from 0 to 4294967295, found '%s'", 0, 4294967295L,
                          &o->seed);
    case 'f':
        o->force = 1;
        return TS_OPTION_TAKEN;
    case 'q':
        o->quiet = 1;
        return TS_OPTION_TAKEN;
    case 'h':
        fputs(help, stdout);
        return 0;
    case ':':
        return ts_cli_usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
    default:
        return ts_cli_usage_error(verb, "unknown option '%s'", argv[optind - 1]);
    }
}

/* The language of the locale, as gettext would choose it: LC_ALL, then
 * LC_MESSAGES, then LANG, the first that is set and not empty. */
int ts_options_lang_from_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++) {
        const char *v = getenv(vars[k]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0 ? TS_LANG_ZH : TS_LANG_EN;
    }
    return TS_LANG_EN;
}
