/*
 * progress.c: the progress bar of `teachsim run` (progress.h).
 */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

double ts_progress_seconds(const ts_progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - p->started.tv_sec) + 1e-9 * (double)(now.tv_nsec - p->started.tv_nsec);
}

static void draw(ts_progress *p)
{
    int64_t done = atomic_load(&p->done);
    double t = ts_progress_seconds(p), rate = t > 0 ? (double)done / t : 0.0;
    int width = 30, filled = p->total ? (int)(width * done / p->total) : width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    if (done > 0 && done < p->total)
        fprintf(stderr, "\r[%s] %lld/%lld replications  %.1f/s  %.0f s left ", bar, (long long)done,
                (long long)p->total, rate, (double)(p->total - done) / rate);
    else
        fprintf(stderr, "\r[%s] %lld/%lld replications  %.1f/s              ", bar, (long long)done,
                (long long)p->total, rate);
    fflush(stderr);
}

/* The display runs on its own thread so that worker threads never do I/O. */
static void *display(void *arg)
{
    ts_progress *p = arg;
    while (!atomic_load(&p->stop)) {
        draw(p);
        struct timespec nap = {0, 200000000};
        nanosleep(&nap, NULL);
    }
    draw(p);
    fputc('\n', stderr);
    return NULL;
}

void ts_progress_start(ts_progress *p, int64_t total, int show)
{
    p->total = total;
    clock_gettime(CLOCK_MONOTONIC, &p->started);
    if (show && isatty(STDERR_FILENO) && pthread_create(&p->display, NULL, display, p) == 0)
        p->display_running = 1;
}

void ts_progress_stop(ts_progress *p)
{
    if (p->display_running) {
        atomic_store(&p->stop, 1);
        pthread_join(p->display, NULL);
        p->display_running = 0;
    }
}
