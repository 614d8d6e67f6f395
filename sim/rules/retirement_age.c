/*
 * retirement_age.c: the month a teacher reaches retirement, under which rule.
 *
 * The 2025 reform (NPC Standing Committee, 2024-09-13): from January 1965
 * (men) and January 1970 (women cadres) one month of delay for every four
 * months of birth, capped at 36 months; women workers from January 1975, one
 * month per two months, capped at 60. The first month of a step already
 * carries the delay, which is why the count is (months since start) / step + 1.
 */
#include "retirement_age.h"

typedef struct {
    int base_years;   /* the old statutory age */
    int reform_start; /* first birth month affected */
    int months_per_step;
    int cap_months;
} retirement_rule;

static const retirement_rule rules[] = {
    [TS_RETIRE_MAN] = {60, TS_MONTH(1965, 1), 4, 36},
    [TS_RETIRE_WOMAN_CADRE] = {55, TS_MONTH(1970, 1), 4, 36},
    [TS_RETIRE_WOMAN_WORKER] = {50, TS_MONTH(1975, 1), 2, 60},
};

static int reform_delay(const retirement_rule *r, int birth_month)
{
    if (birth_month < r->reform_start)
        return 0;
    int delay = (birth_month - r->reform_start) / r->months_per_step + 1;
    return delay < r->cap_months ? delay : r->cap_months;
}

int ts_retirement_statutory_month(ts_retirement_group group, int birth_month, int pre2025)
{
    const retirement_rule *r = &rules[group];
    return birth_month + 12 * r->base_years + (pre2025 ? 0 : reform_delay(r, birth_month));
}

int ts_retirement_early_month(ts_retirement_group group, int birth_month, int pre2025)
{
    int old_age = ts_retirement_statutory_month(group, birth_month, 1);
    if (pre2025)
        return old_age; /* no flexible option before the reform */
    int earliest = ts_retirement_statutory_month(group, birth_month, 0) - 36;
    return earliest > old_age ? earliest : old_age;
}

int ts_retirement_teacher_month(const ts_scenario *scenario, int sex, int title, int birth_month)
{
    if (sex == TS_SEX_FEMALE && title == TS_TITLE_SENIOR && scenario->retirement.senior_women_at_60)
        return birth_month + 12 * 60;
    ts_retirement_group group = sex == TS_SEX_FEMALE ? TS_RETIRE_WOMAN_CADRE : TS_RETIRE_MAN;
    return ts_retirement_statutory_month(group, birth_month, scenario->retirement.pre2025_rule);
}
