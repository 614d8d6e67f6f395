/*
 * scenario_schedule.c: keys given as schedules by year (`provincial: {2021:
 * 400, 2027: 800}`).
 *
 * Owns: which keys may change in the middle of a run and why the others may
 * not, the list of schedule points of a scenario (adding, sorting, finding),
 * and a year's values written into a view of the scenario. Does not own
 * binding a schedule from the file (scenario_bind.c), the checks of its years
 * against the horizon (scenario_check.c), writing it back
 * (scenario_yaml.c), nor the model's yearly refresh (the model layer).
 */
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

const char *ts_key_fixed_reason(const ts_key *key)
{
    static const struct {
        const char *path, *reason;
    } fixed[] = {
        {"targeted_intake.in_study_at_start", "it describes the start"},
        {"targeted_intake.in_service_share_young_rural", "it describes the start population"},
        {"targeted_intake.study_years",
         "the model keeps each cohort by its years of study done, so a length of study cannot change once a "
         "cohort is enrolled"},
        {"alliances.size", "alliances are formed once, from the start population's schools"},
        {"retirement.pre2025_rule",
         "each teacher's retirement month is fixed when the teacher enters the model (at the start or when hired)"},
        {"retirement.senior_women_at_60",
         "each teacher's retirement month is fixed when the teacher enters the model (at the start or when hired)"},
    };
    switch (key->type) {
    case TS_KEY_STRING:
        return "a text holds for the whole run";
    case TS_KEY_SERIES:
        return "it is already given by year";
    case TS_KEY_REGIONS:
        return "the regions describe the start population";
    case TS_KEY_TARGETS:
        return "targets are evaluated over the whole run";
    case TS_KEY_SCHOOLS:
        return "each new school gives the year it opens";
    default:
        break;
    }
    if (starts_with(key->path, "horizon."))
        return "the horizon sets the years a schedule is written in";
    if (starts_with(key->path, "population."))
        return "it describes the start population, generated once before the first year";
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
        if (strcmp(key->path, fixed[k].path) == 0)
            return fixed[k].reason;
    return NULL;
}

int ts_key_is_past(const ts_key *key)
{
    return starts_with(key->path, "targeted_intake.before_start.");
}

/* Width in bytes of the field of a number key. */
size_t ts_schedule_field_size(const ts_key *key)
{
    switch (key->type) {
    case TS_KEY_REAL:
        return sizeof(double);
    case TS_KEY_REALS:
        return key->count * sizeof(double);
    case TS_KEY_INT:
    case TS_KEY_BOOL:
        return sizeof(int32_t);
    case TS_KEY_INTS:
        return key->count * sizeof(int32_t);
    default:
        return 0;
    }
}

void ts_schedule_remove(ts_scenario *s, const ts_key *key)
{
    int32_t kept = 0;
    for (int32_t k = 0; k < s->n_schedule; k++)
        if (s->schedule[k].key != key)
            s->schedule[kept++] = s->schedule[k];
    s->n_schedule = kept;
}

ts_status ts_schedule_add(ts_scenario *s, const ts_key *key, int32_t year, const void *field, ts_error *err)
{
    ts_schedule_point *grown = realloc(s->schedule, ((size_t)s->n_schedule + 1) * sizeof *grown);
    if (!grown)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory reading the schedule of %s", key->path);
    s->schedule = grown;
    ts_schedule_point *p = &s->schedule[s->n_schedule++];
    memset(p, 0, sizeof *p);
    p->key = key;
    p->year = year;
    memcpy(p->bytes, field, ts_schedule_field_size(key));
    return TS_OK;
}

static int by_key_then_year(const void *a, const void *b)
{
    const ts_schedule_point *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->year > y->year) - (x->year < y->year);
}

void ts_schedule_sort(ts_scenario *s)
{
    if (s->n_schedule > 1)
        qsort(s->schedule, (size_t)s->n_schedule, sizeof *s->schedule, by_key_then_year);
}

const ts_schedule_point *ts_schedule_find(const ts_scenario *s, const ts_key *key, int32_t *n)
{
    *n = 0;
    for (int32_t k = 0; k < s->n_schedule; k++)
        if (s->schedule[k].key == key) {
            int32_t e = k;
            while (e < s->n_schedule && s->schedule[e].key == key)
                e++;
            *n = e - k;
            return &s->schedule[k];
        }
    return NULL;
}

void ts_scenario_at_year(const ts_scenario *s, ts_scenario *view, int year)
{
    int32_t k = 0;
    while (k < s->n_schedule) {
        const ts_key *key = s->schedule[k].key;
        const ts_schedule_point *chosen = &s->schedule[k];
        for (; k < s->n_schedule && s->schedule[k].key == key; k++)
            if (s->schedule[k].year <= year)
                chosen = &s->schedule[k];
        memcpy((char *)view + key->offset, chosen->bytes, ts_schedule_field_size(key));
    }
}

/* Drop the distributions of key's schedule points from `from` on (0: all of
 * them): those points are being replaced by a number. */
static void drop_uncertain_from(ts_scenario *s, const ts_key *key, int32_t from)
{
    int32_t kept = 0;
    for (int32_t k = 0; k < s->n_uncertain; k++)
        if (s->uncertain[k].key != key || s->uncertain[k].year == 0 || s->uncertain[k].year < from)
            s->uncertain[kept++] = s->uncertain[k];
    s->n_uncertain = kept;
}

ts_status ts_scenario_set_from(ts_scenario *s, const ts_key *key, int32_t from, const void *value, ts_error *err)
{
    const size_t size = ts_schedule_field_size(key);
    char *field = (char *)s + key->offset;
    int32_t n = 0;
    const ts_schedule_point *first = ts_schedule_find(s, key, &n);
    if (from <= s->horizon.start_year && (!first || from <= first->year)) {
        ts_schedule_remove(s, key);
        drop_uncertain_from(s, key, 0);
        memcpy(field, value, size);
        return TS_OK;
    }
    ts_status st = TS_OK;
    if (!first)
        st = ts_schedule_add(s, key, s->horizon.start_year, field, err);
    int32_t kept = 0;
    for (int32_t k = 0; k < s->n_schedule; k++)
        if (s->schedule[k].key != key || s->schedule[k].year < from)
            s->schedule[kept++] = s->schedule[k];
    s->n_schedule = kept;
    drop_uncertain_from(s, key, from);
    if (st == TS_OK)
        st = ts_schedule_add(s, key, from, value, err);
    ts_schedule_sort(s);
    return st;
}
