/*
 * test_roster.c: real rosters. Export and load give the generated population
 * bit for bit and the same results; every bad row is reported with its line
 * and column; huge and hostile inputs are refused cleanly; the fuzz corpus
 * (and so every crash the fuzzers ever found) loads without harm.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "fixtures.h"
#include "support.h"
#include "roster.h"
#include "teachsim/run.h"

#define SEED 20201222u

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

#define SAME(field, n) cr_expect_eq(memcmp(a->field, b->field, (size_t)(n) * sizeof *a->field), 0, #field " differs")

static void expect_same_schools(const ts_schools *a, const ts_schools *b)
{
    cr_assert_eq(a->n, b->n);
    SAME(region, a->n);
    SAME(level, a->n);
    SAME(locality, a->n);
    SAME(weak, a->n);
    SAME(pupils, a->n);
    SAME(entry_weight, a->n);
    SAME(junior_weight, a->n);
    SAME(requirement, a->n);
    SAME(part_requirement, a->n);
    SAME(pupil_total, a->n);
    SAME(posts, a->n);
    SAME(held, a->n);
    SAME(temporaries, a->n);
}

static void expect_same_teachers(const ts_teachers *a, const ts_teachers *b)
{
    cr_assert_eq(a->n, b->n);
    SAME(uid, a->n);
    SAME(school, a->n);
    SAME(birth_month, a->n);
    SAME(retire_month, a->n);
    SAME(sex, a->n);
    SAME(subject, a->n);
    SAME(post_subject, a->n);
    SAME(qualification, a->n);
    SAME(title, a->n);
    SAME(backbone, a->n);
    SAME(contract, a->n);
    SAME(years_at_school, a->n);
    SAME(years_of_service, a->n);
    SAME(service_left, a->n);
    SAME(standby_years, a->n);
    SAME(home_school, a->n);
    SAME(return_year, a->n);
    SAME(flags, a->n);
}

/* Export p of sc into dir and point a copy of sc at the files. */
static void export_and_point(const ts_population *p, const ts_scenario *sc, const char *dir, ts_scenario *with)
{
    ts_error err = {0};
    cr_assert_eq(ts_roster_export(p, sc, dir, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_scenario_copy(with, sc, &err), TS_OK);
    snprintf(with->population.schools_csv, TS_PATH_MAX, "%s/schools.csv", dir);
    snprintf(with->population.teachers_csv, TS_PATH_MAX, "%s/teachers.csv", dir);
}

Test(roster, export_then_load_gives_the_generated_population_bit_for_bit)
{
    const uint32_t seeds[] = {SEED, 7};
    for (size_t k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
        ts_scenario sc = {0}, with = {0};
        fixture_baseline(&sc);
        ts_population gen, back;
        ts_error err = {0};
        cr_assert_eq(ts_population_generate(&gen, &sc, seeds[k], &err), TS_OK, "%s", err.message);
        const char *dir = ts_test_tmpdir();
        export_and_point(&gen, &sc, dir, &with);
        cr_assert_eq(ts_population_build(&back, &with, 999, &err), TS_OK, "%s", err.message);
        cr_expect_eq(back.n_regions, gen.n_regions);
        cr_expect_eq(back.start_year, gen.start_year);
        expect_same_schools(&gen.schools, &back.schools);
        expect_same_teachers(&gen.teachers, &back.teachers);
        for (int32_t i = 0; i < back.teachers.n; i++)
            cr_assert_eq(back.teachers.uid[i], (uint64_t)i, "the uid of a start teacher is its row");

        /* exporting what was loaded gives the same bytes again */
        const char *dir2 = ts_test_tmpdir();
        cr_assert_eq(ts_roster_export(&back, &with, dir2, &err), TS_OK, "%s", err.message);
        const char *names[] = {"schools.csv", "teachers.csv"};
        for (int f = 0; f < 2; f++) {
            char p1[512], p2[512];
            snprintf(p1, sizeof p1, "%s/%s", dir, names[f]);
            snprintf(p2, sizeof p2, "%s/%s", dir2, names[f]);
            size_t n1, n2;
            char *t1 = ts_test_slurp(p1, &n1), *t2 = ts_test_slurp(p2, &n2);
            cr_assert(t1 && t2);
            cr_expect(n1 == n2 && memcmp(t1, t2, n1) == 0, "%s differs after a second export", names[f]);
            free(t1);
            free(t2);
        }
        ts_population_free(&gen);
        ts_population_free(&back);
        ts_scenario_free(&with);
        ts_scenario_free(&sc);
    }
}

static void run_one(const ts_scenario *sc, ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {.seed = SEED, .replications = 6, .threads = 2};
    cr_assert_eq(ts_simulation_run(sc, 1, &opt, res, &err), TS_OK, "%s", err.message);
}

Test(roster, a_run_from_the_exported_roster_equals_the_generated_run)
{
    ts_scenario sc = {0}, from_file = {0};
    fixture_baseline(&sc);
    ts_population gen;
    ts_error err = {0};
    cr_assert_eq(ts_population_generate(&gen, &sc, SEED, &err), TS_OK, "%s", err.message);
    const char *dir = ts_test_tmpdir();
    cr_assert_eq(ts_roster_export(&gen, &sc, dir, &err), TS_OK, "%s", err.message);

    /* a scenario file beside the CSVs naming them relative to its folder */
    ts_scenario named = {0};
    cr_assert_eq(ts_scenario_copy(&named, &sc, &err), TS_OK);
    strcpy(named.population.schools_csv, "schools.csv");
    strcpy(named.population.teachers_csv, "teachers.csv");
    char *yaml = ts_scenario_to_yaml(&named);
    cr_assert(yaml);
    char path[512];
    snprintf(path, sizeof path, "%s/roster.yaml", dir);
    write_text(path, yaml);
    free(yaml);
    cr_assert_eq(ts_scenario_load_file(&from_file, path, &err), TS_OK, "%s", err.message);
    char expected[600];
    snprintf(expected, sizeof expected, "%s/schools.csv", dir);
    cr_expect_str_eq(from_file.population.schools_csv, expected, "resolved against the scenario's folder");

    ts_results a = {0}, b = {0};
    run_one(&sc, &a);
    run_one(&from_file, &b);
    size_t n = a.n_indicators * a.n_scenarios * a.n_replications * a.n_years * a.n_regions;
    cr_assert_eq(n, b.n_indicators * b.n_scenarios * b.n_replications * b.n_years * b.n_regions);
    cr_expect_eq(memcmp(a.values, b.values, n * sizeof *a.values), 0, "the roster run differs from the generated run");
    ts_results_free(&a);
    ts_results_free(&b);
    ts_population_free(&gen);
    ts_scenario_free(&named);
    ts_scenario_free(&from_file);
    ts_scenario_free(&sc);
}

/* ---- problems -------------------------------------------------------------- */

static const char good_schools[] =
    "school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,pupils_g6,"
    "pupils_g7,pupils_g8,pupils_g9,classes\n"
    "S1,yuhu,\"雨湖区第一小学, 本部\",primary,urban,0,45,44,43,40,41,42,0,0,0,\n"
    "S2,xiangtan_county,射埠镇中学,junior,town,1,,,,,,,120,118,110,9\n"
    "S3,shaoshan,韶山村教学点,nine_year,rural,1,3,2,4,1,0,2,5,4,3,9\n";

static ts_status parse(const char *schools, const char *teachers, ts_population *p, ts_error *err)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_status st = ts_roster_parse(p, &sc, schools, strlen(schools), "schools.csv", teachers, strlen(teachers),
                                   "teachers.csv", err);
    ts_scenario_free(&sc);
    return st;
}

static void expect_line(const char *message, const char *line)
{
    cr_expect(strstr(message, line) != NULL, "missing the problem\n  %s\nin\n%s", line, message);
}

Test(roster, a_small_valid_roster_loads)
{
    const char *teachers =
        "\xEF\xBB\xBFteacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,contract,"
        "years_at_school,years_of_service,service_years_left\r\n"
        "T1,S1,1985,3,female,chinese,at,middle,county,established,4,12,0\r\n"
        "\r\n"
        "T2,S3,1998,11,male,music,above,junior,none,targeted,1,1,5\r\n"
        "\"T3\" , S2 ,1970,1,female,maths,below,senior,city,established,20,30,0\r\n";
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse(good_schools, teachers, &p, &err), TS_OK, "%s", err.message);
    cr_assert_eq(p.schools.n, 3);
    cr_assert_eq(p.teachers.n, 3);
    cr_expect_eq(p.teachers.school[2], 1);
    cr_expect_eq(p.teachers.post_subject[1], TS_SUBJECT_MUSIC, "post_subject defaults to subject");
    cr_expect_eq(p.teachers.contract[1], TS_CONTRACT_TARGETED);
    cr_expect_eq(p.teachers.service_left[1], 5);
    cr_expect_eq(p.teachers.birth_month[0], TS_MONTH(1985, 3));
    cr_expect_eq(p.schools.pupils[1][6], 120);
    cr_expect_eq(p.schools.level[2], TS_LEVEL_NINE_YEAR);
    cr_expect_eq(p.schools.held[0][TS_SUBJECT_CHINESE], 1);
    cr_expect_gt(p.schools.requirement[2], 0);
    ts_population_free(&p);
}

Test(roster, every_bad_row_is_reported_with_its_line_and_column)
{
    /* header lacks `backbone`; each row below has its own problem */
    const char *teachers =
        "teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,contract,years_at_school,"
        "years_of_service,service_years_left\n"                        /* 1 */
        "T1,S1,1985,3,female,chinese,at,middle,established,4,12,0\n"   /* 2 ok */
        "T2,S1,1985,3,female,chinese,at,middle,established,4\n"        /* 3 columns */
        "T3,S999,1985,3,female,chinese,at,middle,established,4,12,0\n" /* 4 school */
        "T4,S1,1985,13,female,chinese,at,middle,established,4,12,0\n"  /* 5 month */
        "T5,S1,2005,6,male,maths,at,none,established,0,0,0\n"          /* 6 aged 15 */
        "T1,S2,1980,1,male,maths,at,none,established,1,5,0\n"          /* 7 duplicate */
        "T7,S2,1980,1,male,physics,at,none,established,1,5,0\n"        /* 8 code */
        "T8,S2,19x0,1,male,maths,at,none,established,1,5,0\n"          /* 9 year */
        "T9,S2,1980,1,male,maths,at,\xC3\x28,established,1,5,0\n"      /* 10 UTF-8 */
        "T10,S2,1950,1,male,maths,at,none,established,1,5,0\n"         /* 11 retired */
        "T11,S2,1980,1,male,maths,at,none,temporary,1,5,2\n"           /* 12 service left */
        "T12,S2,1990,1,female,pe,at,none,established,9,5,0\n"          /* 13 at school > service */
        "T13,S2,1990,1,female,pe,at,none,established,1,25,0\n";        /* 14 service > age - 16 */
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse(good_schools, teachers, &p, &err), TS_ERR_INPUT);
    cr_expect_eq(err.status, TS_ERR_INPUT);
    const char *m = err.message;
    expect_line(m, "teachers.csv:1: header: missing column \"backbone\"");
    expect_line(m, "teachers.csv:3: expected 12 columns, found 10");
    expect_line(m, "teachers.csv:4: school_id: unknown school \"S999\"");
    expect_line(m, "teachers.csv:5: birth_month: expected a month 1-12, found 13");
    expect_line(m, "teachers.csv:6: birth_year: a teacher aged 15 on 31 August 2020 (expected 18 to the retirement "
                   "age)");
    expect_line(m, "teachers.csv:7: teacher_id: duplicate id \"T1\" (first on line 2)");
    expect_line(m, "teachers.csv:8: subject: expected one of chinese, maths, english, science, pe, music, art or "
                   "other, found \"physics\"");
    expect_line(m, "teachers.csv:9: birth_year: expected a year 1900-2100, found \"19x0\"");
    expect_line(m, "teachers.csv:10: title: expected UTF-8 text, found the byte 0xC3 at byte 1");
    expect_line(m, "teachers.csv:11: birth_year: a retired teacher: born 1950-01");
    expect_line(m, "teachers.csv:12: service_years_left: expected 0 for a temporary teacher");
    expect_line(m, "teachers.csv:13: years_at_school: expected at most years_of_service (5), found 9");
    expect_line(m, "teachers.csv:14: years_of_service: expected at most 14 years for a teacher aged 30");
    /* nothing else: 13 problems, one line each */
    int lines = 1;
    for (const char *c = m; *c; c++)
        lines += *c == '\n';
    cr_expect_eq(lines, 13, "%s", m);
}

Test(roster, bad_school_rows_are_reported_and_teachers_still_checked)
{
    const char *schools =
        "school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,pupils_g6,"
        "pupils_g7,pupils_g8,pupils_g9,classes,extra\n"
        "S1,yuhu,a,primary,urban,0,45,44,43,40,41,42,0,0,0,,\n"
        "S2,nowhere,b,primary,urban,0,45,44,43,40,41,42,0,0,0,,\n"
        "S3,yuhu,c,primary,village,2,45,44,43,40,41,42,35,0,0,,\n"
        "S4,yuhu,d,junior,urban,0,,,,,,,-4,1.5,3,99,\n"
        "S5,yuhu,e,primary,urban,0,45,44,43,40,41,42,0,0,0\n";
    const char *teachers =
        "teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,contract,"
        "years_at_school,years_of_service,service_years_left\n"
        "T1,S5,1985,3,female,chinese,at,middle,none,established,4,12,0\n"
        "T2,S6,1985,3,female,chinese,at,middle,none,established,4,12,0\n";
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse(schools, teachers, &p, &err), TS_ERR_INPUT);
    const char *m = err.message;
    expect_line(m, "schools.csv:1: header: unknown column \"extra\" (column 17)");
    expect_line(m, "schools.csv:3: region: expected a region code of the scenario (xiangtan_county, xiangxiang, "
                   "shaoshan, yuhu, yuetang), found \"nowhere\"");
    expect_line(m, "schools.csv:4: locality: expected one of urban, town or rural, found \"village\"");
    expect_line(m, "schools.csv:4: weak: expected 0 or 1, found 2");
    expect_line(m, "schools.csv:4: pupils_g7: a primary school teaches grades 1-6, found 35 pupils in grade 7");
    expect_line(m, "schools.csv:5: pupils_g7: expected a whole number of pupils 0-100000, found -4");
    expect_line(m, "schools.csv:5: pupils_g8: expected a whole number of pupils 0-100000, found \"1.5\"");
    expect_line(m, "schools.csv:6: expected 17 columns, found 15");
    /* S5's columns cannot be trusted, yet its id is known to the teachers */
    cr_expect_null(strstr(m, "\"S5\""), "%s", m);
    expect_line(m, "teachers.csv:3: school_id: unknown school \"S6\"");
}

Test(roster, classes_are_checked_against_pupils)
{
    const char *schools =
        "school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,pupils_g6,"
        "pupils_g7,pupils_g8,pupils_g9,classes\n"
        "S1,yuhu,a,primary,urban,0,1,1,1,0,0,0,0,0,0,5\n"
        "S2,yuhu,b,primary,urban,0,1,1,1,0,0,0,0,0,0,0\n"
        "S3,yuhu,c,primary,urban,0,0,0,0,0,0,0,0,0,0,0\n";
    const char *teachers = "teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,"
                           "contract,years_at_school,years_of_service,service_years_left\n";
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse(schools, teachers, &p, &err), TS_ERR_INPUT);
    expect_line(err.message, "schools.csv:2: classes: expected at most one class per pupil (3 pupils), found 5");
    expect_line(err.message, "schools.csv:3: classes: expected at least 1 class for 3 pupils, found 0");
    cr_expect_null(strstr(err.message, "schools.csv:4"), "%s", err.message);
}

Test(roster, problems_are_listed_up_to_the_limit_then_counted)
{
    size_t cap = 1 << 16, at = 0;
    char *teachers = malloc(cap);
    at += (size_t)snprintf(teachers + at, cap - at,
                           "teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,"
                           "contract,years_at_school,years_of_service,service_years_left\n");
    for (int i = 0; i < 120; i++)
        at += (size_t)snprintf(teachers + at, cap - at,
                               "T%d,S1,1985,13,female,chinese,at,none,none,established,1,1,0\n", i);
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse(good_schools, teachers, &p, &err), TS_ERR_INPUT);
    int lines = 1;
    for (const char *c = err.message; *c; c++)
        lines += *c == '\n';
    cr_expect_eq(lines, TS_ROSTER_MAX_PROBLEMS + 1, "%s", err.message);
    expect_line(err.message, "teachers.csv:51: birth_month: expected a month 1-12, found 13");
    expect_line(err.message, "... and 70 more problems");
    free(teachers);
}

Test(roster, empty_and_headerless_files)
{
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse("", "", &p, &err), TS_ERR_INPUT);
    expect_line(err.message,
                "schools.csv:1: header: empty file; expected a header row of the columns school_id, region");
    cr_expect_null(strstr(err.message, "teachers.csv"), "teachers wait for a readable schools file: %s", err.message);

    cr_assert_eq(parse(good_schools, "\n\n   \n", &p, &err), TS_ERR_INPUT);
    expect_line(err.message, "teachers.csv:1: header: empty file");

    const char *header_only = "school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,"
                              "pupils_g5,pupils_g6,pupils_g7,pupils_g8,pupils_g9,classes\n";
    cr_assert_eq(parse(header_only, "teacher_id\n", &p, &err), TS_ERR_INPUT);
    expect_line(err.message, "schools.csv: no schools (expected at least one row after the header)");
    expect_line(err.message, "teachers.csv:1: header: missing column \"birth_year\"");

    /* a data row where the header should be */
    cr_assert_eq(parse("S1,yuhu,a,primary,urban,0,45,44,43,40,41,42,0,0,0,\n", "", &p, &err), TS_ERR_INPUT);
    expect_line(err.message, "schools.csv:1: header: unknown column \"S1\" (column 1)");
    expect_line(err.message, "schools.csv:1: header: missing column \"school_id\"");
}

Test(roster, quoting_line_numbers_and_recovery)
{
    const char *teachers =
        "teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,contract,"
        "years_at_school,years_of_service,service_years_left\n"                                  /* 1 */
        "\"T1\nwith a line break\",S1,1985,3,female,chinese,at,middle,none,established,4,12,0\n" /* 2-3 */
        "T2,S1,1985,14,female,chinese,at,middle,none,established,4,12,0\n"                       /* 4 */
        "T3,S\"1,1985,3,female,chinese,at,middle,none,established,4,12,0\n"                      /* 5 bad quote */
        "T4,S1,1985,0,female,chinese,at,middle,none,established,4,12,0\n"                        /* 6 still checked */
        "T5,\"S1\"x,1985,3,female,chinese,at,middle,none,established,4,12,0\n" /* 7 text after quote */
        "T6,S1,1985,3,female,chinese,at,middle,none,established,4,12,0\n"      /* 8 ok */
        "\"T7,S1,1985,3\n";                                                    /* 9 never closed */
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse(good_schools, teachers, &p, &err), TS_ERR_INPUT);
    const char *m = err.message;
    expect_line(m, "teachers.csv:4: birth_month: expected a month 1-12, found 14");
    expect_line(m, "teachers.csv:5: malformed quoting");
    expect_line(m, "teachers.csv:6: birth_month: expected a month 1-12, found 0");
    expect_line(m, "teachers.csv:7: malformed quoting");
    expect_line(m, "teachers.csv:9: a quoted field is not closed before the end of the file");
    cr_expect_null(strstr(m, "teachers.csv:8"), "%s", m);
}

Test(roster, oversized_lines_fields_and_records_are_refused)
{
    size_t big = TS_ROSTER_MAX_LINE + 100;
    char *text = malloc(big + 4096);
    /* a field over 1 KiB: a problem of that row only */
    int at = sprintf(text, "teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,"
                           "contract,years_at_school,years_of_service,service_years_left\nT1,S1,1985,3,female,");
    memset(text + at, 'x', 2000);
    at += 2000;
    at += sprintf(text + at, ",at,none,none,established,1,1,0\n"
                             "T2,S1,1985,13,female,chinese,at,none,none,established,1,1,0\n");
    ts_population p;
    ts_error err = {0};
    cr_assert_eq(parse(good_schools, text, &p, &err), TS_ERR_INPUT);
    expect_line(err.message, "teachers.csv:2: subject: expected at most 1024 bytes, found a longer field");
    expect_line(err.message, "teachers.csv:3: birth_month: expected a month 1-12, found 13");

    /* a line over 64 KiB stops the file */
    at = sprintf(text, "teacher_id,school_id\n");
    memset(text + at, 'y', big);
    strcpy(text + at + big, "\nT2,S1\n");
    cr_assert_eq(parse(good_schools, text, &p, &err), TS_ERR_INPUT);
    expect_line(err.message, "teachers.csv:2: a line longer than 65536 bytes");
    cr_expect_null(strstr(err.message, "teachers.csv:3"), "%s", err.message);

    /* a quote never closed, over many short lines */
    at = sprintf(text, "teacher_id,school_id\nT1,\"");
    for (size_t i = 0; i < big / 10; i++)
        at += sprintf(text + at, "123456789\n");
    cr_assert_eq(parse(good_schools, text, &p, &err), TS_ERR_INPUT);
    expect_line(err.message, "teachers.csv:2: a record longer than 65536 bytes from this line on");
    free(text);
}

Test(roster, one_file_without_the_other_is_an_error)
{
    const char *dir = ts_test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/half.yaml", dir);
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    strcpy(sc.population.schools_csv, "schools.csv");
    char *yaml = ts_scenario_to_yaml(&sc);
    write_text(path, yaml);
    free(yaml);
    ts_scenario_free(&sc);
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_file(&sc, path, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "population.teachers_csv: expected a path since population.schools_csv is set"), "%s",
              err.message);
    cr_expect(strstr(err.message, "half.yaml:"), "%s", err.message);

    ts_scenario direct = {0};
    fixture_baseline(&direct);
    strcpy(direct.population.teachers_csv, "t.csv");
    ts_population p;
    cr_assert_eq(ts_population_build(&p, &direct, SEED, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "set both"), "%s", err.message);
    strcpy(direct.population.schools_csv, "/nonexistent/s.csv");
    cr_assert_eq(ts_population_build(&p, &direct, SEED, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "/nonexistent/s.csv: cannot open the roster file"), "%s", err.message);
    ts_scenario_free(&direct);
}

/* ---- the command line ------------------------------------------------------ */

Test(roster, cli_export_refuses_to_overwrite_and_a_bad_roster_leaves_results_alone)
{
    char cmd[2048], out[8192], path[600];
    const char *dir = ts_test_tmpdir();
    snprintf(cmd, sizeof cmd, "%s population export -o %s/r --seed 11", TS_TEACHSIM_EXE, dir);
    cr_assert_eq(ts_test_run(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "teachers.csv ("), "%s", out);
    cr_expect_eq(ts_test_run(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "file exists; use --force"), "%s", out);
    snprintf(cmd, sizeof cmd, "%s population export -o %s/r --seed 11 --force", TS_TEACHSIM_EXE, dir);
    cr_expect_eq(ts_test_run(cmd, out, sizeof out), 0, "%s", out);
    snprintf(cmd, sizeof cmd, "%s population export --help", TS_TEACHSIM_EXE);
    cr_expect_eq(ts_test_run(cmd, out, sizeof out), 0, "%s", out);
    cr_expect(strstr(out, "Usage: teachsim population export"), "%s", out);
    snprintf(cmd, sizeof cmd, "%s population export %s/nothing.yaml", TS_TEACHSIM_EXE, dir);
    cr_expect_eq(ts_test_run(cmd, out, sizeof out), 2, "%s", out);

    /* break one teacher's month, name the roster in a scenario, run over an existing file */
    snprintf(path, sizeof path, "%s/r/teachers.csv", dir);
    size_t len;
    char *text = ts_test_slurp(path, &len);
    cr_assert(text);
    char *row = strchr(strchr(text, '\n') + 1, '\n') + 1; /* the second teacher, line 3 */
    char *month = row;
    for (int k = 0; k < 3; k++)
        month = strchr(month, ',') + 1;
    char *end = strchr(month, ',');
    FILE *f = fopen(path, "wb");
    fwrite(text, 1, (size_t)(month - text), f);
    fputs("13", f);
    fputs(end, f);
    fclose(f);
    free(text);

    ts_scenario sc = {0};
    fixture_baseline(&sc);
    strcpy(sc.population.schools_csv, "r/schools.csv");
    strcpy(sc.population.teachers_csv, "r/teachers.csv");
    char *yaml = ts_scenario_to_yaml(&sc);
    snprintf(path, sizeof path, "%s/roster.yaml", dir);
    write_text(path, yaml);
    free(yaml);
    ts_scenario_free(&sc);
    char results[600];
    snprintf(results, sizeof results, "%s/results.h5", dir);
    write_text(results, "previous results");
    snprintf(cmd, sizeof cmd, "%s run %s -o %s -r 2 --force --quiet", TS_TEACHSIM_EXE, path, results);
    cr_expect_eq(ts_test_run(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "/r/teachers.csv:3: birth_month: expected a month 1-12, found 13"), "%s", out);
    snprintf(cmd, sizeof cmd, "%s validate %s", TS_TEACHSIM_EXE, path);
    cr_expect_eq(ts_test_run(cmd, out, sizeof out), 2, "%s", out);
    cr_expect(strstr(out, "/r/teachers.csv:3: birth_month: expected a month 1-12, found 13"), "validate: %s", out);
    char *kept = ts_test_slurp(results, NULL);
    cr_expect(kept && strcmp(kept, "previous results") == 0, "the results file was touched");
    free(kept);
}

/* ---- huge inputs ----------------------------------------------------------- */

#ifdef __SANITIZE_ADDRESS__
#define TIME_LIMIT 40.0 /* seconds: sanitizers slow the parser several times */
#else
#define TIME_LIMIT 10.0
#endif

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

Test(roster, a_million_teachers_load_and_a_million_and_one_schools_are_refused, .timeout = 120)
{
    const char *dir = ts_test_tmpdir();
    char schools[512], teachers[512];
    snprintf(schools, sizeof schools, "%s/schools.csv", dir);
    snprintf(teachers, sizeof teachers, "%s/teachers.csv", dir);
    const int n_schools = 2000, n_teachers = 1000000;
    FILE *f = fopen(schools, "wb");
    fputs("school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,pupils_g6,"
          "pupils_g7,pupils_g8,pupils_g9,classes\n",
          f);
    for (int i = 0; i < n_schools; i++)
        fprintf(f, "S%d,yuhu,s%d,nine_year,town,0,300,300,300,300,300,300,300,300,300,\n", i, i);
    fclose(f);
    f = fopen(teachers, "wb");
    fputs("teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,contract,"
          "years_at_school,years_of_service,service_years_left\n",
          f);
    for (int i = 0; i < n_teachers; i++)
        fprintf(f, "T%d,S%d,%d,%d,%s,maths,at,middle,none,established,2,3,0\n", i, i % n_schools, 1970 + i % 30,
                1 + i % 12, i % 3 ? "female" : "male");
    fclose(f);

    ts_scenario sc = {0};
    fixture_baseline(&sc);
    strcpy(sc.population.schools_csv, schools);
    strcpy(sc.population.teachers_csv, teachers);
    ts_population p;
    ts_error err = {0};
    double t0 = now();
    cr_assert_eq(ts_roster_load(&p, &sc, &err), TS_OK, "%.500s", err.message);
    double took = now() - t0;
    cr_expect_eq(p.teachers.n, n_teachers);
    cr_expect_lt(took, TIME_LIMIT, "a million teachers took %.1f s", took);
    ts_population_free(&p);

    f = fopen(schools, "wb");
    fputs("school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,pupils_g6,"
          "pupils_g7,pupils_g8,pupils_g9,classes\n",
          f);
    for (int i = 0; i <= TS_ROSTER_MAX_SCHOOLS; i++)
        fprintf(f, "S%d,yuhu,,primary,rural,0,1,0,0,0,0,0,,,,\n", i);
    fclose(f);
    t0 = now();
    cr_assert_eq(ts_roster_load(&p, &sc, &err), TS_ERR_INPUT);
    took = now() - t0;
    cr_expect(strstr(err.message, "schools.csv:1000002: more than 1000000 schools (the limit of a roster)"), "%s",
              err.message);
    cr_expect_lt(took, TIME_LIMIT, "refusing took %.1f s", took);
    ts_scenario_free(&sc);
}

/* ---- the fuzz corpus: every input ever saved must load without harm -------- */

static size_t corpus_files(const char *target, char paths[][600], size_t max)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/fuzz/corpus/%s", TS_SOURCE_DIR, target);
    DIR *d = opendir(dir);
    cr_assert(d, "no corpus at %s", dir);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        if (e->d_name[0] == '.')
            continue;
        if (snprintf(paths[n], 600, "%s/%s", dir, e->d_name) < 600)
            n++;
    }
    closedir(d);
    return n;
}

static char corpus_paths[512][600];

Test(roster, the_fuzz_corpora_load_without_harm)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    const char *targets[] = {"fuzz_schools_csv", "fuzz_teachers_csv", "fuzz_scenario"};
    for (int k = 0; k < 3; k++) {
        size_t n = corpus_files(targets[k], corpus_paths, 512);
        cr_expect_gt(n, 3, "corpus %s has %zu inputs", targets[k], n);
        for (size_t i = 0; i < n; i++) {
            size_t len;
            char *text = ts_test_slurp(corpus_paths[i], &len);
            cr_assert(text);
            ts_error err = {0};
            ts_status st;
            if (k == 2) {
                ts_scenario loaded;
                st = ts_scenario_load_text(&loaded, text, len, corpus_paths[i], &err);
                if (st == TS_OK)
                    ts_scenario_free(&loaded);
            } else {
                static const char schools[] =
                    "school_id,region,name,level,locality,weak,pupils_g1,pupils_g2,pupils_g3,pupils_g4,pupils_g5,"
                    "pupils_g6,pupils_g7,pupils_g8,pupils_g9,classes\nS1,yuhu,a,primary,urban,0,1,2,3,4,5,6,,,,\n";
                static const char teachers[] =
                    "teacher_id,school_id,birth_year,birth_month,sex,subject,qualification,title,backbone,contract,"
                    "years_at_school,years_of_service,service_years_left\n";
                ts_population p;
                st = k == 0 ? ts_roster_parse(&p, &sc, text, len, "s.csv", teachers, strlen(teachers), "t.csv", &err)
                            : ts_roster_parse(&p, &sc, schools, strlen(schools), "s.csv", text, len, "t.csv", &err);
                if (st == TS_OK)
                    ts_population_free(&p);
            }
            cr_expect(st == TS_OK || st == TS_ERR_INPUT, "%s: status %d: %s", corpus_paths[i], (int)st, err.message);
            cr_expect(st == TS_OK || err.message[0], "%s: an error without a message", corpus_paths[i]);
            free(text);
        }
    }
    ts_scenario_free(&sc);
#ifdef __SANITIZE_ADDRESS__
    /* Criterion ignores what LeakSanitizer says when a test's process ends:
     * ask it here, so that a leak the fuzzers found stays found */
    cr_expect_eq(__lsan_do_recoverable_leak_check(), 0, "memory leaked loading the fuzz corpora (see above)");
#endif
}
