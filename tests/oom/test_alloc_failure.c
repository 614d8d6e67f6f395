/*
 * test_alloc_failure.c: allocation-failure testing as SQLite does it.
 *
 * This program is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,
 * --wrap=strndup,--wrap=gsl_rng_alloc (tests/CMakeLists.txt), so every call to
 * those from an object linked into it (this file and our static libraries;
 * not the internals of libyaml, HDF5, GSL, libgomp or libc) goes through the
 * counter below. For N = 1, 2, ... the Nth such allocation returns NULL, and
 * either every one after it too ("fail from N on", --persistent) or only the
 * Nth ("fail once", --once); the default runs both. At each N one chain runs:
 *
 *   library: ts_scenario_load_builtin (the baseline, shortened to one year)
 *     and ts_scenario_load_text of a scenario extending it (one year, an
 *     uncertain parameter, the baseline's targets), then the latter run for 2
 *     replications on 1 thread streamed to a results file in an empty folder
 *     (ts_simulation_stream); with --compare both scenarios are run, so the
 *     file has its comparison/ group (slower: ~2.5 times the points' cost);
 *   teachsim run SCENARIO -o FILE -r 1 -j 1 --quiet (ts_cli_main);
 *   teachsim validate --resolved SCENARIO.
 *
 * A chain in which an allocation failed must end in TS_ERR_NOMEM with its
 * message (the program: exit code 1 and "out of memory"), leave the folder
 * empty (no results file, no temporary file), and leave no HDF5 identifier
 * and no file descriptor open; under the sanitizers, LeakSanitizer at exit
 * finds any leak of any N. An injected failure that still ends in TS_OK means
 * a NULL was lost (a wrong or incomplete result): a failure of the test. The
 * first N at which nothing is injected is one past the number of allocation
 * points of the chain: the chain must then succeed, write the file, and have
 * counted exactly N - 1 allocations (the count is deterministic).
 *
 * Debugging: TS_OOM_TRACE=N prints the stack of the Nth allocation (addr2line
 * -f -e test_alloc_failure ADDR), TS_OOM_FROM=N starts the sweeps at N.
 * Prints "P passed, F failed"; exit status 1 when F > 0.
 */
#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <gsl/gsl_rng.h>
#include <hdf5.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "teachsim/run.h"
#include "teachsim/scenario.h"

/* ---- the counter ---------------------------------------------------------- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strndup(const char *s, size_t n);
gsl_rng *__real_gsl_rng_alloc(const gsl_rng_type *type);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strndup(const char *s, size_t n);
gsl_rng *__wrap_gsl_rng_alloc(const gsl_rng_type *type);

static _Atomic int armed;        /* counting at all */
static _Atomic long fail_at;     /* the allocation (1-based) that fails */
static _Atomic int persistent;   /* and every one after it */
static _Atomic long allocations; /* counted since arm() */
static _Atomic long injected;    /* NULLs returned since arm() */
static _Atomic long elsewhere;   /* allocations counted on another thread than main's */
static _Thread_local int on_main_thread;

static void arm(long n, int from_n_on)
{
    atomic_store(&allocations, 0);
    atomic_store(&injected, 0);
    atomic_store(&fail_at, n);
    atomic_store(&persistent, from_n_on);
    atomic_store(&armed, 1);
}

static void disarm(void)
{
    atomic_store(&armed, 0);
}

static long trace_at = -1;
static long first_n = 1; /* TS_OOM_FROM=N: start there (debugging) */

static void trace(void)
{
    void *frames[32];
    int depth = backtrace(frames, 32);
    backtrace_symbols_fd(frames, depth, STDOUT_FILENO);
}

static int should_fail(void)
{
    if (!atomic_load(&armed))
        return 0;
    if (!on_main_thread) /* threads = 1 runs OpenMP's team on this thread: the count is deterministic */
        atomic_fetch_add(&elsewhere, 1);
    long k = atomic_fetch_add(&allocations, 1) + 1, n = atomic_load(&fail_at);
    if (k == n || (k > n && atomic_load(&persistent))) {
        if (k == n && trace_at == n) /* TS_OOM_TRACE=N: where the Nth allocation is */
            trace();
        atomic_fetch_add(&injected, 1);
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL; /* p untouched, as realloc leaves it */
    }
    return __real_realloc(p, size);
}

char *__wrap_strndup(const char *s, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_strndup(s, n);
}

gsl_rng *__wrap_gsl_rng_alloc(const gsl_rng_type *type)
{
    return should_fail() ? NULL : __real_gsl_rng_alloc(type);
}

/* ---- checks ---------------------------------------------------------------- */

static long passed, failed;
static char out_dir[256]; /* where results go: must be empty after each failure */
static char in_dir[256];  /* the scenario file, the program's stderr */

static void check(int ok, const char *phase, long n, const char *fmt, const char *detail)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed <= 200) {
        fprintf(stdout, "FAIL %s, allocation %ld: ", phase, n);
        fprintf(stdout, fmt, detail);
        fputc('\n', stdout);
        fflush(stdout);
    }
}

/* Names in out_dir, comma-separated, into buf ("" when empty). */
static void list_dir(char *buf, size_t size)
{
    buf[0] = '\0';
    DIR *d = opendir(out_dir);
    if (!d) {
        snprintf(buf, size, "(cannot open %s)", out_dir);
        return;
    }
    size_t at = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && at + 1 < size)
            at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? ", " : "", e->d_name);
    closedir(d);
}

static void empty_dir(void)
{
    DIR *d = opendir(out_dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        char p[600];
        snprintf(p, sizeof p, "%s/%s", out_dir, e->d_name);
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlink(p);
    }
    if (d)
        closedir(d);
}

static int open_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* What every N must leave behind: nothing. */
static void check_clean(const char *phase, long n, int fds_before)
{
    char names[1024];
    list_dir(names, sizeof names);
    check(names[0] == '\0', phase, n, "left in the output folder: %s", names);
    char count[32];
    ssize_t h5 = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
    snprintf(count, sizeof count, "%zd", h5);
    check(h5 == 0, phase, n, "%s HDF5 objects left open", count);
    int fds = open_fds();
    snprintf(count, sizeof count, "%d", fds - fds_before);
    check(fds == fds_before, phase, n, "%s more file descriptors open", count);
}

/* ---- phase 1: the library --------------------------------------------------- */

static const char variant_yaml[] = "name: oom-variant\n"
                                   "description: one year, an uncertain rate\n"
                                   "extends: xiangtan-baseline\n"
                                   "horizon:\n"
                                   "  end_year: 2021\n"
                                   "leaving:\n"
                                   "  rural_transfer_share: {uniform: [0.4, 0.6]}\n"
                                   "rotation:\n"
                                   "  enabled: false\n";

static int compare; /* --compare: run both scenarios */

/* Load, build, one year, write; the status of the first step that failed. */
static ts_status library_chain(const char *path, ts_error *err)
{
    ts_scenario sc[2];
    memset(sc, 0, sizeof sc);
    ts_results res = {0};
    ts_status st = ts_scenario_load_builtin(&sc[0], err);
    if (st == TS_OK) {
        sc[0].horizon.end_year = sc[0].horizon.start_year;
        st = ts_scenario_load_text(&sc[1], variant_yaml, sizeof variant_yaml - 1, "oom-variant.yaml", err);
    }
    if (st == TS_OK) {
        ts_run_options opt = {.seed = 11, .replications = 2, .threads = 1, .shards = 1};
        ts_stream_options so = {.path = path};
        res.provenance.base_seed = 11;
        st = compare ? ts_simulation_stream(sc, 2, &opt, &so, &res, err)
                     : ts_simulation_stream(&sc[1], 1, &opt, &so, &res, err);
    }
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
    return st;
}

/* ---- phase 2: the program ---------------------------------------------------- */

static char scenario_path[600], stderr_path[600], results_path[600];

/* ts_cli_main with stdout and stderr into stderr_path; its exit code. */
static int program(int argc, char **argv, char *said, size_t size)
{
    fflush(stdout);
    fflush(stderr);
    int keep_out = dup(STDOUT_FILENO), keep_err = dup(STDERR_FILENO);
    int to = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(to, STDOUT_FILENO);
    dup2(to, STDERR_FILENO);
    close(to);
    int code = ts_cli_main(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(keep_out, STDOUT_FILENO);
    dup2(keep_err, STDERR_FILENO);
    close(keep_out);
    close(keep_err);
    said[0] = '\0';
    FILE *f = fopen(stderr_path, "r");
    if (f) {
        size_t got = fread(said, 1, size - 1, f);
        said[got] = '\0';
        fclose(f);
    }
    return code;
}

static int cli_run(char *said, size_t size)
{
    char *argv[] = {"teachsim", "run",      scenario_path, "-o",     results_path, "-r",      "1", "-j",
                    "1",        "--shards", "1",           "--seed", "5",          "--quiet", NULL};
    return program((int)(sizeof argv / sizeof argv[0]) - 1, argv, said, size);
}

static int cli_validate(char *said, size_t size)
{
    char *argv[] = {"teachsim", "validate", "--resolved", scenario_path, NULL};
    return program((int)(sizeof argv / sizeof argv[0]) - 1, argv, said, size);
}

/* ---- the loop ------------------------------------------------------------------ */

typedef enum { LIBRARY, CLI_RUN, CLI_VALIDATE } phase_kind;
static const char *const phase_names[] = {"library: load, run one year, write", "teachsim run", "teachsim validate"};

/* Runs one phase at N = 1, 2, ... until it succeeds with nothing injected;
 * returns that N - 1: the allocation points passed. */
static long sweep(phase_kind phase, int from_n_on, long limit)
{
    char label[96];
    snprintf(label, sizeof label, "%s (%s)", phase_names[phase], from_n_on ? "fail from N on" : "fail once");
    for (long n = first_n; n <= limit; n++) {
        int fds = open_fds();
        ts_error err = {0};
        static char said[TS_ERROR_MAX + 4096];
        ts_status st = TS_OK;
        int code = 0;
        arm(n, from_n_on);
        if (phase == LIBRARY)
            st = library_chain(results_path, &err);
        else
            code = phase == CLI_RUN ? cli_run(said, sizeof said) : cli_validate(said, sizeof said);
        disarm();
        long inj = atomic_load(&injected), counted = atomic_load(&allocations);
        int ok = phase == LIBRARY ? st == TS_OK : code == 0;
        if (inj == 0) { /* N is past the last allocation: the chain as it runs */
            check(ok, label, n, "%s", phase == LIBRARY ? err.message : said);
            if (phase != CLI_VALIDATE) {
                struct stat sb;
                check(stat(results_path, &sb) == 0 && sb.st_size > 0, label, n, "%s", "no results file written");
            }
            empty_dir();
            char count[32];
            snprintf(count, sizeof count, "%ld", counted);
            check(counted == n - 1, label, n, "%s allocations in the run without failure: not deterministic", count);
            check_clean(label, n, fds);
            printf("%s: %ld allocation points, each failed in turn\n", label, n - 1);
            fflush(stdout);
            return n - 1;
        }
        if (phase == LIBRARY) {
            check(st == TS_ERR_NOMEM, label, n, "expected out of memory, got: %s",
                  st == TS_OK ? "TS_OK" : (err.message[0] ? err.message : ts_status_text(st)));
            check(st == TS_OK || (err.status == st && err.message[0]), label, n, "%s",
                  "the error record does not match the status");
        } else {
            check(code == 1 && strstr(said, "out of memory"), label, n, "expected exit 1, out of memory; got: %s",
                  said);
        }
        check_clean(label, n, fds);
        empty_dir();
    }
    check(0, label, limit, "%s", "still allocating after the limit");
    return limit;
}

int main(int argc, char **argv)
{
    on_main_thread = 1;
    int modes = 3; /* 1: fail from N on, 2: fail once */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--persistent") == 0)
            modes = 1;
        else if (strcmp(argv[i], "--once") == 0)
            modes = 2;
        else if (strcmp(argv[i], "--both") == 0)
            modes = 3;
        else if (strcmp(argv[i], "--compare") == 0)
            compare = 1;
        else {
            fprintf(stderr, "usage: %s [--persistent | --once | --both] [--compare]\n", argv[0]);
            return 2;
        }
    }
    if (getenv("TS_OOM_FROM"))
        first_n = atol(getenv("TS_OOM_FROM"));
    if (getenv("TS_OOM_TRACE"))
        trace_at = atol(getenv("TS_OOM_TRACE"));
    gsl_set_error_handler_off();
    H5dont_atexit(); /* as teachsim does; every file is closed by the code under test */
    snprintf(out_dir, sizeof out_dir, "/tmp/teachsim-oom-out-XXXXXX");
    snprintf(in_dir, sizeof in_dir, "/tmp/teachsim-oom-in-XXXXXX");
    if (!mkdtemp(out_dir) || !mkdtemp(in_dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(results_path, sizeof results_path, "%s/results.h5", out_dir);
    snprintf(scenario_path, sizeof scenario_path, "%s/oom-variant.yaml", in_dir);
    snprintf(stderr_path, sizeof stderr_path, "%s/said.txt", in_dir);
    FILE *f = fopen(scenario_path, "w");
    if (!f || fputs(variant_yaml, f) < 0 || fclose(f) != 0) {
        perror(scenario_path);
        return 1;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const long limit = 200000;
    long points = 0;
    for (int mode = 1; mode <= 2; mode++) {
        if (!(modes & mode))
            continue;
        for (phase_kind p = LIBRARY; p <= (compare ? LIBRARY : CLI_VALIDATE); p++)
            points += sweep(p, mode == 1, limit);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    char count[32];
    snprintf(count, sizeof count, "%ld", atomic_load(&elsewhere));
    check(atomic_load(&elsewhere) == 0, "all sweeps", 0, "%s allocations on other threads than main's", count);
    printf("%ld allocation points in all, in %.1f s\n", points,
           (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));

    unlink(scenario_path);
    unlink(stderr_path);
    rmdir(in_dir);
    empty_dir();
    rmdir(out_dir);
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
