/*
 * transfers.c: where a rural teacher's transfer request lands (transfers.h).
 */
#include "transfers.h"

static int32_t established_vacancy(const ts_schools *s, int32_t school)
{
    int32_t held = 0;
    for (int k = 0; k < TS_SUBJECT_COUNT; k++)
        held += s->held[school][k];
    return s->requirement[school] - held;
}

int32_t ts_transfer_destination(const ts_world *w, int32_t region, int subject)
{
    const ts_model *m = w->model;
    const ts_schools *s = &w->schools;
    int32_t best = -1, best_gap = 0, best_vacancy = 0;
    for (int32_t k = m->region_first[region]; k < m->region_first[region + 1]; k++) {
        int32_t school = m->region_schools[k];
        if (s->locality[school] == TS_RURAL)
            continue;
        int32_t vacancy = established_vacancy(s, school);
        if (vacancy <= 0)
            continue;
        int32_t gap = s->posts[school][subject] - s->held[school][subject];
        if (best < 0 || gap > best_gap || (gap == best_gap && vacancy > best_vacancy)) {
            best = school;
            best_gap = gap;
            best_vacancy = vacancy;
        }
    }
    return best;
}
