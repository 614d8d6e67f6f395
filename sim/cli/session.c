/*
 * session.c: what every verb of one `teachsim` process shares (session.h).
 */
#include "session.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <hdf5.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "teachsim/build_info.h"
#include "spread.h"
#include "text.h"

static volatile sig_atomic_t interrupted = 0;

/* The command as typed, saved before getopt_long permutes argv. */
static char *typed_command_line;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

volatile sig_atomic_t *ts_cli_catch_interrupts(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* A closed terminal (SIGHUP) and Ctrl-\ (SIGQUIT) stop a run the same
     * way, so that they leave no temporary file either; SIGKILL cannot be
     * caught, and its leftover is removed by the next run of the same
     * output (ts_results_path_check). */
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    return &interrupted;
}

int ts_cli_usage_error(const char *verb, const char *fmt, const char *arg)
{
    fprintf(stderr, "teachsim%s%s: ", verb ? " " : "", verb ? verb : "");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'teachsim %s%s--help'.\n", verb ? verb : "", verb ? " " : "");
    return 2;
}

int ts_cli_fail(const ts_error *err)
{
    /* Spread over MPI ranks, every rank has the same error (ts_spread_agree): rank 0 says it. */
    if (ts_spread_rank() == 0)
        fprintf(stderr, "teachsim: %s\n", err->message[0] ? err->message : ts_status_text(err->status));
    return ts_status_exit_code(err->status);
}

ts_status ts_cli_refuse_existing(const char *path, int force, const char *what, ts_error *err)
{
    struct stat existing;
    if (!force && stat(path, &existing) == 0)
        return ts_error_set(err, TS_ERR_EXISTS, "%s: %s exists; use --force to replace it", path, what);
    return TS_OK;
}

/* The command line shell-quoted, so that it can be typed again: a word of
 * plain characters as it is, any other in single quotes. */
static char *join_command_line(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += 3 + 2 * strlen(argv[i]);
    char *s = malloc(n), *at = s;
    if (!s)
        return NULL;
    for (int i = 0; i < argc; i++) {
        int plain = argv[i][0] != '\0' && strspn(argv[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                          "0123456789-_./=:,+") == strlen(argv[i]);
        if (i)
            *at++ = ' ';
        if (!plain)
            *at++ = '\'';
        for (const char *c = argv[i]; *c; c++) {
            if (*c == '\'' && !plain) {
                memcpy(at, "'\\''", 4);
                at += 4;
            } else {
                *at++ = *c;
            }
        }
        if (!plain)
            *at++ = '\'';
    }
    *at = '\0';
    return s;
}

ts_status ts_cli_session_begin(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL reports through return codes, never abort() */
    /* HDF5 1.10 crashes in its exit handler after an H5Fclose that failed
     * (e.g. a disk filled by someone else between our space check and the
     * write): without the handler the failure stays an error message. The
     * writer closes every file it opens, so nothing is lost by it. */
    H5dont_atexit();
    /* A second session in one process (the tests call ts_cli_main again)
     * replaces the first's copy instead of leaking it. */
    free(typed_command_line);
    typed_command_line = join_command_line(argc, argv);
    return typed_command_line ? TS_OK : TS_ERR_NOMEM;
}

/* The compiler, flags and library versions of this build, so that a results
 * file says what made it. */
static char *format_build(void)
{
    unsigned maj, min, rel;
    H5get_libversion(&maj, &min, &rel);
    char *s = malloc(1024);
    if (s)
        snprintf(s, 1024, "teachsim %s; git %s; compiler %s; flags %s; build %s; HDF5 %u.%u.%u; GSL %s; OpenMP %d",
                 TS_VERSION, TS_GIT_DESCRIBE, TS_C_COMPILER, TS_C_FLAGS, TS_BUILD_TYPE, maj, min, rel, gsl_version,
                 (int)_OPENMP);
    return s;
}

static char *utc_now(void)
{
    char *s = malloc(32);
    time_t now = time(NULL);
    struct tm tm;
    if (s)
        strftime(s, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    return s;
}

ts_status ts_cli_provenance(ts_provenance *p, uint64_t seed, ts_error *err)
{
    p->base_seed = seed;
    p->command_line = ts_text_dup(typed_command_line ? typed_command_line : "teachsim");
    p->created_utc = utc_now();
    p->teachsim_version = ts_text_dup(TS_VERSION " (" TS_GIT_DESCRIBE ")");
    p->build = format_build();
    /* A results file with a blank provenance would pass for a good one. */
    if (!p->command_line || !p->created_utc || !p->teachsim_version || !p->build) {
        ts_cli_provenance_free(p);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    }
    return TS_OK;
}

void ts_cli_provenance_free(ts_provenance *p)
{
    free(p->command_line);
    free(p->created_utc);
    free(p->teachsim_version);
    free(p->build);
    memset(p, 0, sizeof *p);
}
