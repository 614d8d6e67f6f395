/* fuzz_common.h: the fixed half of the roster fuzz targets. */
#ifndef TEACHSIM_FUZZ_COMMON_H
#define TEACHSIM_FUZZ_COMMON_H
#include <stdlib.h>
#include <string.h>

#include "population.h"
#include "roster.h"

/* Three schools, one of each level, ids S1..S3: the teachers target refers to them. */
static const char fuzz_schools[] =
    "school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,pupils_g6,"
    "pupils_g7,pupils_g8,pupils_g9,classes\n"
    "S1,yuhu,雨湖区第一小学,primary,urban,0,45,44,43,40,41,42,0,0,0,\n"
    "S2,xiangtan_county,射埠镇中学,junior,town,1,,,,,,,120,118,110,9\n"
    "S3,shaoshan,韶山村教学点,nine_year,rural,1,3,2,4,1,0,2,5,4,3,9\n";

static const char fuzz_teachers[] =
    "teacher_id,school_id,birth_year,birth_month,sex,subject,post_subject,qualification,title,backbone,contract,"
    "years_at_school,years_of_service,service_years_left\n"
    "T1,S1,1985,3,female,chinese,chinese,at,middle,county,established,4,12,0\n";

/* The built-in baseline, loaded once: its regions are the codes rows may use. */
static const ts_scenario *fuzz_scenario(void)
{
    static ts_scenario sc;
    static int loaded;
    if (!loaded) {
        ts_error err = {0};
        if (ts_scenario_load_builtin(&sc, &err) != TS_OK)
            abort();
        loaded = 1;
    }
    return &sc;
}

static void fuzz_check(ts_status st, ts_population *p, const ts_error *err)
{
    if (st == TS_OK)
        ts_population_free(p);
    else if (st != TS_ERR_INPUT || !err->message[0])
        abort(); /* only bad input is expected, and it must be explained */
}
#endif
