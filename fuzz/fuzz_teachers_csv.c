/*
 * fuzz_teachers_csv.c: libFuzzer target feeding bytes as the teachers CSV of
 * a roster (with a fixed, valid schools CSV of schools S1..S3) to
 * ts_roster_parse.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts_population p;
    ts_error err = {0};
    ts_status st = ts_roster_parse(&p, fuzz_scenario(), fuzz_schools, strlen(fuzz_schools), "schools.csv",
                                   (const char *)data, size, "teachers.csv", &err);
    fuzz_check(st, &p, &err);
    return 0;
}
