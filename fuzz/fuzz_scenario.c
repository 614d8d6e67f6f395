/*
 * fuzz_scenario.c: libFuzzer target feeding bytes to the scenario loader
 * (YAML parsing, `extends:`, distributions, binding, checks). Any input must
 * give TS_OK or TS_ERR_INPUT with a message, never a crash, leak or hang.
 */
#include <stdint.h>
#include <stdlib.h>

#include "teachsim/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts_scenario sc;
    ts_error err = {0};
    ts_status st = ts_scenario_load_text(&sc, (const char *)data, size, "fuzz.yaml", &err);
    if (st == TS_OK)
        ts_scenario_free(&sc);
    else if (st != TS_ERR_INPUT || !err.message[0])
        abort(); /* only bad input is expected, and it must be explained */
    return 0;
}
