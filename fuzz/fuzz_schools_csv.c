/*
 * fuzz_schools_csv.c: libFuzzer target feeding bytes as the schools CSV of a
 * roster (with a fixed, valid teachers CSV) to ts_roster_parse.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts_population p;
    ts_error err = {0};
    ts_status st = ts_roster_parse(&p, fuzz_scenario(), (const char *)data, size, "schools.csv", fuzz_teachers,
                                   strlen(fuzz_teachers), "teachers.csv", &err);
    fuzz_check(st, &p, &err);
    return 0;
}
