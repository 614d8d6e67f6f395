/* names.c: command-line names as the library reads them (names.h). */
#include "names.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

#define REGIONS_PREFIX "population.regions["

/* The region inside population.regions[...] by its code or Chinese name, or
 * -1; an index is left to the search, which reads it. */
static int32_t region_named(const ts_scenario *sc, const char *inside, size_t len)
{
    char name[TS_NAME_MAX * 2];
    if (len >= sizeof name)
        return -1;
    memcpy(name, inside, len);
    name[len] = '\0';
    for (int32_t g = 0; sc->population.regions && g < sc->population.n_regions; g++)
        if (ts_text_is_name(name, sc->population.regions[g].code, sc->population.regions[g].name_zh))
            return g;
    return -1;
}

static ts_status unknown_region(const ts_scenario *sc, const char *key, const char *inside, size_t len, ts_error *err)
{
    char names[2048] = "";
    for (int32_t g = 0; sc->population.regions && g < sc->population.n_regions; g++)
        ts_text_list_name(names, sizeof names, sc->population.regions[g].code, sc->population.regions[g].name_zh);
    return ts_error_set(err, TS_ERR_USAGE,
                        "--vary %s: the scenario has no region %.*s; a region is named by its index, its code or its "
                        "Chinese name: %s",
                        key, (int)len, inside, names);
}

ts_status ts_cli_vary_key(const ts_scenario *sc, const char *key, char *out, size_t size, ts_error *err)
{
    snprintf(out, size, "%s", key);
    if (strncmp(key, REGIONS_PREFIX, strlen(REGIONS_PREFIX)) != 0)
        return TS_OK; /* an unknown key is the search's to report, with its suggestion */
    const char *inside = key + strlen(REGIONS_PREFIX), *close = strchr(inside, ']');
    if (!close || close[1] != '.')
        return TS_OK; /* the search says how to write it */
    size_t len = (size_t)(close - inside);
    if (strspn(inside, "0123456789") != len) {
        int32_t g = region_named(sc, inside, len);
        if (g < 0)
            return unknown_region(sc, key, inside, len, err);
        snprintf(out, size, "%s%s%s", REGIONS_PREFIX, sc->population.regions[g].code, close);
    }
    return TS_OK;
}
