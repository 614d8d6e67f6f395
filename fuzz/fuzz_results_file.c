/*
 * fuzz_results_file.c: libFuzzer target feeding bytes as a results file to
 * ts_results_read_h5 (the reader of `teachsim summary`). The seed corpus is a
 * small real file (a one-region, one-year, one-replication run), so that the
 * mutations are of a results file's own structures: the superblock, object
 * headers, the global heap of the strings, chunk indices and data. HDF5 reads
 * files, not memory, so each input is written to one temporary file first.
 * Every input must end in TS_OK or a bad-input status with a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/indicators.h"
#include "teachsim/results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *input_path(void)
{
    static char path[256];
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/fuzz_results_file.%ld.h5", dir && dir[0] ? dir : "/tmp", (long)getpid());
    }
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = input_path();
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort(); /* the fuzzer's own disk, not the reader */
    ts_results res;
    ts_error err = {0};
    ts_status st = ts_results_read_h5(&res, path, ts_indicator_defs, ts_indicator_count, &err);
    if (st == TS_OK)
        ts_results_free(&res);
    else if ((st != TS_ERR_INPUT && st != TS_ERR_NOMEM) || !err.message[0])
        abort(); /* a damaged file is bad input (or asks for more memory than there is), and it must be explained */
    unlink(path);
    return 0;
}
