/*
 * staffing_norms.c: posts per school and subject from pupils (编制标准).
 *
 * Primary (grades 1-6) and junior (7-9) parts are staffed by their own ratio,
 * class size and subject split, so a nine-year school gets both.
 */
#include "staffing_norms.h"

#include <math.h>

#include "apportion.h"

enum { PART_PRIMARY, PART_JUNIOR };

static int part_of_grade(int g)
{
    return g < 6 ? PART_PRIMARY : PART_JUNIOR;
}

int32_t ts_staffing_classes(const ts_scenario *sc, const int32_t pupils[TS_GRADES])
{
    int32_t classes = 0;
    for (int g = 0; g < TS_GRADES; g++) {
        int32_t max = sc->staffing.class_size_max[part_of_grade(g)];
        classes += (pupils[g] + max - 1) / max;
    }
    return classes;
}

/* Teaching posts of one part of a school: part 0 primary (grades 1-6), 1 junior (7-9). */
static int32_t ts_staffing_part(const ts_scenario *sc, const int32_t pupils[TS_GRADES], int part)
{
    int first = part == PART_PRIMARY ? 0 : 6, last = part == PART_PRIMARY ? 5 : 8;
    int32_t n = 0, classes = 0;
    int32_t max = sc->staffing.class_size_max[part];
    for (int g = first; g <= last; g++) {
        n += pupils[g];
        classes += (pupils[g] + max - 1) / max;
    }
    if (n == 0)
        return 0;
    double by_ratio = n / sc->staffing.pupils_per_staff[part] * sc->staffing.teaching_share[part];
    /* the class floor is a minimum number of teachers, hence rounded up */
    double by_classes = ceil(classes * sc->staffing.teachers_per_class_min[part] - 1e-9);
    int32_t need = (int32_t)fmax(lround(by_ratio), by_classes);
    return need < 1 ? 1 : need;
}

int32_t ts_staffing_school_parts(const ts_scenario *sc, const int32_t pupils[TS_GRADES],
                                 int32_t posts[TS_SUBJECT_COUNT], int32_t parts[2],
                                 const int32_t (*table)[TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT])
{
    int32_t total = 0;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++)
        posts[k] = 0;
    for (int part = PART_PRIMARY; part <= PART_JUNIOR; part++) {
        int32_t need = parts[part] = ts_staffing_part(sc, pupils, part);
        if (need == 0)
            continue;
        int32_t computed[TS_SUBJECT_COUNT];
        const int32_t *split = computed;
        if (table && need < TS_SPLIT_TABLE_NEEDS)
            split = table[part][need];
        else
            ts_apportion(need, sc->staffing.subject_share[part], TS_SUBJECT_COUNT, computed);
        for (int k = 0; k < TS_SUBJECT_COUNT; k++)
            posts[k] += split[k];
        total += need;
    }
    return total;
}

void ts_staffing_split_table(const ts_scenario *sc, int32_t table[2][TS_SPLIT_TABLE_NEEDS][TS_SUBJECT_COUNT])
{
    for (int part = PART_PRIMARY; part <= PART_JUNIOR; part++)
        for (int32_t need = 0; need < TS_SPLIT_TABLE_NEEDS; need++)
            ts_apportion(need, sc->staffing.subject_share[part], TS_SUBJECT_COUNT, table[part][need]);
}
