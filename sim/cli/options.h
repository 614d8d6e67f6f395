/**
 * @file options.h
 * The options that several verbs share, parsed one way with one set of
 * messages.
 *
 * Owns: the defaults that verbs share (the base seed), the getopt rows and
 * codes of the shared options (--output, --replications, --threads,
 * --shards, --seed, --force, --quiet, --help), the checks of their values
 * and the end of every verb's option loop: --help, an option without its
 * value, an unknown option. Also the parsing of a plain number, so that
 * every verb reads numbers alike.
 *
 * Does not own a verb's own options and their defaults (the verb's file),
 * what the values mean to a run (teachsim/run.h) nor how a usage error is
 * printed (session.h).
 */
#ifndef TEACHSIM_CLI_OPTIONS_H
#define TEACHSIM_CLI_OPTIONS_H

#include <getopt.h>
#include <stddef.h>

/* The base seed of every verb that draws: the date of the city plan. */
#define TS_DEFAULT_SEED 20201222

/* A number as the text of a help message: TS_OPTION_TEXT(TS_DEFAULT_SEED). */
#define TS_OPTION_TEXT_(x) #x
#define TS_OPTION_TEXT(x) TS_OPTION_TEXT_(x)

/* The rows of the shared options in a verb's table for getopt_long; their
 * short letters, where they have one, go into the verb's option string. */
#define TS_OPTION_OUTPUT                                                                                               \
    {                                                                                                                  \
        "output", required_argument, NULL, 'o'                                                                         \
    }
#define TS_OPTION_REPLICATIONS                                                                                         \
    {                                                                                                                  \
        "replications", required_argument, NULL, 'r'                                                                   \
    }
#define TS_OPTION_THREADS                                                                                              \
    {                                                                                                                  \
        "threads", required_argument, NULL, 'j'                                                                        \
    }
#define TS_OPTION_SHARDS                                                                                               \
    {                                                                                                                  \
        "shards", required_argument, NULL, 'K'                                                                         \
    }
#define TS_OPTION_SEED                                                                                                 \
    {                                                                                                                  \
        "seed", required_argument, NULL, 'S'                                                                           \
    }
#define TS_OPTION_FORCE                                                                                                \
    {                                                                                                                  \
        "force", no_argument, NULL, 'f'                                                                                \
    }
#define TS_OPTION_QUIET                                                                                                \
    {                                                                                                                  \
        "quiet", no_argument, NULL, 'q'                                                                                \
    }
#define TS_OPTION_HELP                                                                                                 \
    {                                                                                                                  \
        "help", no_argument, NULL, 'h'                                                                                 \
    }
#define TS_OPTION_END                                                                                                  \
    {                                                                                                                  \
        NULL, 0, NULL, 0                                                                                               \
    }

/** The values of the shared options (those a verb does not take keep their
 *  defaults). */
typedef struct {
    const char *output; /* -o: NULL unless the verb sets a default */
    long replications;  /* 1 .. 100000000 */
    long threads;       /* 1 .. 4096; 0: all cores */
    long shards;        /* 1 .. 4096; 0: automatic */
    long seed;          /* 0 .. 4294967295 */
    int force, quiet;
} ts_shared_options;

/** What ts_options_shared returns for an option it stored: the loop goes on. */
#define TS_OPTION_TAKEN (-1)

/** The defaults: the verb's replications, the shared seed, nothing else. */
ts_shared_options ts_options_defaults(long replications);

/** Before a verb's option loop: getopt starts afresh (each verb parses its
 *  own argv), and its own messages stay quiet, as ours name the verb. */
void ts_options_begin(void);

/**
 * The end of a verb's option loop, for a getopt code the verb did not handle
 * itself. A shared option is checked and stored in *o: TS_OPTION_TAKEN. --help
 * prints `help` to stdout: 0. A value out of range, an option without its
 * value and an unknown option are usage errors naming `verb`: 2.
 */
int ts_options_shared(int c, const char *verb, const char *help, char **argv, ts_shared_options *o);

/** A finite number, the whole text; 1 when it is one, else 0. */
int ts_options_number(const char *text, double *out);

/** The language of the locale (TS_LANG_ZH when LC_ALL, else LC_MESSAGES,
 *  else LANG, the first set, starts with "zh"; else TS_LANG_EN): the
 *  default of `summary --lang`, and the language `sensitivity` and
 *  `attribute` print their tables in. */
int ts_options_lang_from_locale(void);

#endif
