/*
 * roster_export.c: any start population written as a roster's two CSV files
 * (ts_roster_export), so that loading them again gives the same
 * ts_population bit for bit.
 *
 * Owns: the rows written (ids S<row+1> and T<row+1>, zero-padded; a school
 * name made of its region, level and number), quoting only where needed, and
 * each file written under a temporary name, synced and renamed into place.
 * Does not own the columns (roster_schools.c, roster_teachers.c) nor the
 * classes of a school (staffing_norms.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "roster_internal.h"
#include "staffing_norms.h"

/* A text field, quoted (by libcsv) only when it has to be. */
static int put_text(FILE *f, const char *s)
{
    size_t n = strlen(s);
    int quote = n > 0 && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
    if (quote)
        return csv_fwrite(f, s, n) == 0;
    return fputs(s, f) >= 0;
}

static const char *const level_zh[TS_LEVEL_COUNT] = {"小学", "初中", "九年一贯制学校"};

static int write_schools(FILE *f, const ts_population *p, const ts_scenario *sc)
{
    int ok = 1;
    for (int c = 0; c < S_COLUMNS; c++)
        ok &= fprintf(f, "%s%s", c ? "," : "", ts_roster_school_columns[c]) > 0;
    ok &= fputc('\n', f) != EOF;
    /* the start's schools: the scenario's new schools (after them) are not in a roster */
    const int32_t n_start = p->schools.n - sc->network.new_schools.n;
    int width = snprintf(NULL, 0, "%d", n_start);
    int32_t *counter = calloc((size_t)p->n_regions * TS_LEVEL_COUNT + 1, sizeof *counter);
    if (!counter)
        return 0;
    for (int32_t i = 0; ok && i < n_start; i++) {
        const ts_region_spec *spec = &sc->population.regions[p->schools.region[i]];
        int level = p->schools.level[i];
        char name[TS_NAME_MAX * 2 + 64];
        snprintf(name, sizeof name, "%s %s %d", spec->name_zh[0] ? spec->name_zh : spec->code, level_zh[level],
                 ++counter[p->schools.region[i] * TS_LEVEL_COUNT + level]);
        ok &= fprintf(f, "S%0*d,%s,", width, i + 1, spec->code) > 0;
        ok &= put_text(f, name);
        ok &= fprintf(f, ",%s,%s,%d", ts_level_codes[level], ts_locality_codes[p->schools.locality[i]],
                      p->schools.weak[i]) > 0;
        for (int g = 0; g < TS_GRADES; g++)
            ok &= fprintf(f, ",%" PRId32, p->schools.pupils[i][g]) > 0;
        ok &= fprintf(f, ",%" PRId32 "\n", ts_staffing_classes(sc, p->schools.pupils[i])) > 0;
    }
    free(counter);
    return ok;
}

static int write_teachers(FILE *f, const ts_population *p, const ts_scenario *sc)
{
    const ts_teachers *t = &p->teachers;
    int ok = 1;
    for (int c = 0; c < T_COLUMNS; c++)
        ok &= fprintf(f, "%s%s", c ? "," : "", ts_roster_teacher_columns[c]) > 0;
    ok &= fputc('\n', f) != EOF;
    int width = snprintf(NULL, 0, "%d", t->n),
        school_width = snprintf(NULL, 0, "%d", p->schools.n - sc->network.new_schools.n);
    for (int32_t i = 0; ok && i < t->n; i++) {
        int birth = t->birth_month[i];
        int year = 1900 + (birth >= 0 ? birth / 12 : -((11 - birth) / 12));
        int month = birth - 12 * (year - 1900) + 1;
        ok &= fprintf(f, "T%0*d,S%0*d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d\n", width, i + 1, school_width,
                      t->school[i] + 1, year, month, ts_sex_codes[t->sex[i]], ts_subject_codes[t->subject[i]],
                      ts_subject_codes[t->post_subject[i]], ts_qualification_codes[t->qualification[i]],
                      ts_title_codes[t->title[i]], ts_backbone_codes[t->backbone[i]], ts_contract_codes[t->contract[i]],
                      t->years_at_school[i], t->years_of_service[i], t->service_left[i]) > 0;
    }
    return ok;
}

/* Write one file under a temporary name in dir; the name goes to tmp. */
static ts_status write_temp(const char *dir, const char *name, char *tmp, size_t size, const ts_population *p,
                            const ts_scenario *sc, ts_error *err)
{
    if ((size_t)snprintf(tmp, size, "%s/.%s.XXXXXX", dir, name) >= size)
        return ts_error_set(err, TS_ERR_IO, "%s: folder name too long", dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        ts_status st = ts_error_set(err, TS_ERR_IO, "%s/%s: cannot write: %s", dir, name, strerror(errno));
        tmp[0] = '\0';
        return st;
    }
    /* mkstemp makes the file private; give it the mode a plain create would */
    mode_t mask = umask(0);
    umask(mask);
    FILE *f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        close(fd);
        return ts_error_set(err, TS_ERR_IO, "%s/%s: cannot write: %s", dir, name, strerror(errno));
    }
    int ok = strcmp(name, "schools.csv") == 0 ? write_schools(f, p, sc) : write_teachers(f, p, sc);
    ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
    int saved = errno;
    ok &= fclose(f) == 0;
    if (!ok)
        return ts_error_set(err, TS_ERR_IO, "%s/%s: cannot write: %s", dir, name, strerror(saved ? saved : errno));
    return TS_OK;
}

ts_status ts_roster_export(const ts_population *p, const ts_scenario *sc, const char *dir, ts_error *err)
{
    static const char *const names[2] = {"schools.csv", "teachers.csv"};
    char tmp[2][4096] = {"", ""}, final[4096];
    ts_status st = TS_OK;
    for (int k = 0; k < 2 && st == TS_OK; k++)
        st = write_temp(dir, names[k], tmp[k], sizeof tmp[k], p, sc, err);
    for (int k = 0; k < 2 && st == TS_OK; k++) {
        snprintf(final, sizeof final, "%s/%s", dir, names[k]);
        if (rename(tmp[k], final) != 0)
            st = ts_error_set(err, TS_ERR_IO, "%s: cannot write: %s", final, strerror(errno));
        else
            tmp[k][0] = '\0';
    }
    for (int k = 0; k < 2; k++)
        if (tmp[k][0])
            unlink(tmp[k]);
    return st;
}
