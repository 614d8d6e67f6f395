/*
 * roster.c: the start population from a real roster (a schools CSV and a
 * teachers CSV), and the single entry point ts_population_build (a roster
 * when the scenario names one, else the generator).
 *
 * Owns: the order of reading (the schools first, the teachers only when the
 * schools file could be read, since every school_id would be unknown
 * otherwise), the final count of problems, and the schools' rows turned into
 * the structure-of-arrays of ts_schools.
 * Does not own reading a CSV (csv_reader.c), the two formats
 * (roster_schools.c, roster_teachers.c), the export (roster_export.c), the
 * derived school fields (ts_population_derive, shared with the generator so
 * that both give the same arrays), nor resolving the file names (the
 * scenario loader).
 */
#include "roster.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "roster_internal.h"

/* The roster's own ids and names of its schools, for the results' school
 * table (the model does not read them). */
static ts_status keep_labels(ts_population *p, const school_load *S, ts_error *err)
{
    p->school_ids = calloc(S->n, sizeof *p->school_ids);
    p->school_names = calloc(S->n, sizeof *p->school_names);
    if (!p->school_ids || !p->school_names)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory keeping the schools' names");
    for (size_t e = 0; e < S->ids.n; e++) {
        int32_t row = S->ids.value[e];
        if (row < 0 || (size_t)row >= S->n || p->school_ids[row])
            continue;
        size_t len = S->ids.at[e + 1] - S->ids.at[e];
        if (!(p->school_ids[row] = malloc(len + 1)))
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory keeping the schools' ids");
        memcpy(p->school_ids[row], S->ids.text + S->ids.at[e], len);
        p->school_ids[row][len] = '\0';
    }
    for (size_t i = 0; i < S->n; i++) {
        if (!(p->school_names[i] = malloc(S->rows[i].name_len + 1)))
            return ts_error_set(err, TS_ERR_NOMEM, "out of memory keeping the schools' names");
        if (S->rows[i].name_len > 0)
            memcpy(p->school_names[i], S->names + S->rows[i].name_at, S->rows[i].name_len);
        p->school_names[i][S->rows[i].name_len] = '\0';
    }
    return TS_OK;
}

static ts_status parse_both(ts_population *p, const ts_scenario *sc, const char *schools_text, size_t schools_len,
                            const char *schools_name, const char *teachers_text, size_t teachers_len,
                            const char *teachers_name, ts_error *err)
{
    ts_csv_report rep = {err, TS_OK, 0, 0};
    school_load S = {.sc = sc};
    teacher_load T = {.sc = sc};
    ts_csv_parser *ps = malloc(sizeof *ps);
    ts_status st = TS_OK;

    memset(p, 0, sizeof *p);
    if (err)
        err->message[0] = '\0';
    p->n_regions = sc->population.n_regions;
    p->start_year = sc->horizon.start_year;
    if (!ps || ts_teachers_alloc(&p->teachers, 0, err) != TS_OK) {
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory reading a roster");
        goto cleanup;
    }

    ts_csv_setup(ps, &rep, schools_name, ts_roster_school_columns, S_COLUMNS, 0, TS_ROSTER_MAX_SCHOOLS, "schools",
                 ts_roster_school_row, &S);
    ts_csv_parse(ps, schools_text, schools_len);
    if (S.nomem)
        ts_csv_report_nomem(&rep, "reading the schools");
    int schools_readable = !ps->stop && ps->header_seen;
    if (schools_readable && S.n == 0)
        ts_csv_report_problem(&rep, "%s: no schools (expected at least one row after the header)", schools_name);

    /* A schools file that could not be read would make every school_id
     * unknown: its teachers wait for a readable one. */
    if (schools_readable && rep.status != TS_ERR_NOMEM) {
        T.schools = &S.ids;
        T.t = &p->teachers;
        ts_csv_setup(ps, &rep, teachers_name, ts_roster_teacher_columns, T_COLUMNS, TEACHER_OPTIONAL,
                     TS_ROSTER_MAX_TEACHERS, "teachers", ts_roster_teacher_row, &T);
        ts_csv_parse(ps, teachers_text, teachers_len);
        if (T.nomem)
            ts_csv_report_nomem(&rep, "reading the teachers");
    }
    if (rep.status != TS_OK) {
        if (rep.hidden > 0)
            ts_error_append(err, rep.status, "... and %" PRId64 " more problem%s", rep.hidden,
                            rep.hidden == 1 ? "" : "s");
        st = rep.status;
        if (err)
            err->status = st;
        goto cleanup;
    }

    if ((st = ts_schools_alloc(&p->schools, (int32_t)S.n, err)) != TS_OK)
        goto cleanup;
    for (size_t i = 0; i < S.n; i++) {
        p->schools.region[i] = S.rows[i].region;
        p->schools.level[i] = S.rows[i].level;
        p->schools.locality[i] = S.rows[i].locality;
        p->schools.weak[i] = S.rows[i].weak;
        memcpy(p->schools.pupils[i], S.rows[i].pupils, sizeof S.rows[i].pupils);
    }
    if ((st = keep_labels(p, &S, err)) != TS_OK)
        goto cleanup;
    ts_population_derive(p, sc);

cleanup:
    free(ps);
    free(S.rows);
    free(S.names);
    ts_ids_free(&S.ids);
    ts_ids_free(&T.ids);
    if (st != TS_OK)
        ts_population_free(p);
    return st;
}

ts_status ts_roster_parse(ts_population *p, const ts_scenario *sc, const char *schools, size_t schools_len,
                          const char *schools_name, const char *teachers, size_t teachers_len,
                          const char *teachers_name, ts_error *err)
{
    return parse_both(p, sc, schools ? schools : "", schools_len, schools_name ? schools_name : "schools.csv",
                      teachers ? teachers : "", teachers_len, teachers_name ? teachers_name : "teachers.csv", err);
}

ts_status ts_roster_load(ts_population *p, const ts_scenario *sc, ts_error *err)
{
    const char *schools = sc->population.schools_csv, *teachers = sc->population.teachers_csv;
    memset(p, 0, sizeof *p);
    if (!schools[0] || !teachers[0])
        return ts_error_set(err, TS_ERR_INPUT,
                            "%s: population.schools_csv and population.teachers_csv: set both (a real roster) or "
                            "neither (the generated population)",
                            sc->name);
    return parse_both(p, sc, NULL, 0, schools, NULL, 0, teachers, err);
}

ts_status ts_population_build(ts_population *p, const ts_scenario *sc, uint32_t seed, ts_error *err)
{
    ts_status st = sc->population.schools_csv[0] || sc->population.teachers_csv[0]
                       ? ts_roster_load(p, sc, err)
                       : ts_population_generate(p, sc, seed, err);
    if (st == TS_OK)
        st = ts_population_add_new_schools(p, sc, err);
    return st;
}
