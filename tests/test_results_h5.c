/*
 * test_results_h5.c: the results file (sim/output/results.c, sim/results_h5.c)
 * against docs/results-file.md: layout checked through the plain HDF5
 * C API, round trip through ts_results_read_h5, the no-clobber and
 * nothing-left-behind rules, error messages, and xarray/netCDF-4 reading the
 * file as a labelled dataset.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>
#include <hdf5_hl.h>

#include "support.h"
#include "indicator_zh.h"
#include "record/indicators.h"

/* H5Treclaim exists from HDF5 1.12; Debian's 1.10.8 does not export it. */
#if H5_VERSION_GE(1, 12, 0)
#define reclaim(type, space, buf) H5Treclaim((type), (space), H5P_DEFAULT, (buf))
#else
#define reclaim(type, space, buf) H5Dvlen_reclaim((type), (space), H5P_DEFAULT, (buf))
#endif
#include "teachsim/results.h"

#define S 2
#define R 3
#define Y 4
#define G 3
#define FIRST_YEAR 2021
#define SEED 0xFEDCBA9876543210ULL /* above INT64_MAX: base_seed must be unsigned */

static const ts_indicator_def defs[] = {
    {"vacancies", TS_VALUE_COUNT, "posts", "unfilled teaching posts",
     "Posts without a teacher on 1 September, counted after the summer posting round."},
    {"teachers", TS_VALUE_COUNT, "teachers", "teachers in post",
     "Teachers on the payroll on 1 September, counted after retirements and intake."},
    {"mean_age", TS_VALUE_REAL, "years", "mean age of teachers",
     "Mean age in whole years of the teachers in post on 1 September."},
    {"pupil_teacher_ratio", TS_VALUE_REAL, "1", "pupils per teacher",
     "Enrolled pupils divided by teachers in post on 1 September."},
};
#define N_DEFS (sizeof defs / sizeof defs[0])

static const char *const scenario_names[S] = {"baseline", "高出生率"};
static const char *const region_codes[G] = {"xiangtan_county", "yuhu_district", "ALL"};
static const char *const region_names[G] = {"湘潭县", "雨湖区", "湘潭市"};

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    cr_assert_not_null(d);
    return d;
}

/* High-entropy counts, including values near the int32 limits. */
static double count_value(size_t i, size_t k)
{
    if (k == 5)
        return 2147483647.0;
    if (k == 6)
        return -2147483647.0 - 1.0;
    return (double)(((i + 1) * 7919u * (k + 13u)) % 1000003u) - 2711.0;
}

/* High-entropy reals, plus the awkward ones a bit-for-bit check must carry. */
static double real_value(size_t i, size_t k)
{
    switch (k) {
    case 3:
        return -0.0;
    case 4:
        return NAN;
    case 7:
        return 5e-324; /* subnormal */
    case 8:
        return 1.7976931348623157e308;
    default:
        return sin((double)(i * 1000 + k) * 2.385) * 1234.5678901234567;
    }
}

static void make_results(ts_results *res)
{
    ts_error err = {0};
    cr_assert_eq(ts_results_alloc(res, S, R, Y, G, defs, N_DEFS, FIRST_YEAR, &err), TS_OK, "%s", err.message);
    for (size_t s = 0; s < S; s++) {
        res->labels.scenario_names[s] = xstrdup(scenario_names[s]);
        char yaml[256];
        snprintf(yaml, sizeof yaml, "name: %s\nyears: [2021, 2024]\nretirement:\n  age_women: 55.5\n",
                 scenario_names[s]);
        res->labels.scenario_yaml[s] = xstrdup(yaml);
    }
    for (size_t g = 0; g < G; g++) {
        res->labels.region_codes[g] = xstrdup(region_codes[g]);
        res->labels.region_names_zh[g] = xstrdup(region_names[g]);
    }
    for (size_t i = 0; i < N_DEFS; i++) {
        double *v = ts_results_block(res, i, 0, 0);
        for (size_t k = 0; k < S * R * Y * G; k++)
            v[k] = defs[i].kind == TS_VALUE_COUNT ? count_value(i, k) : real_value(i, k);
    }
    res->provenance.base_seed = SEED;
    res->provenance.command_line = xstrdup("teachsim run --seed 18364758544493064720 -r 3 baseline.yaml 高出生率.yaml");
    res->provenance.created_utc = xstrdup("2024-05-06T07:08:09Z");
    res->provenance.teachsim_version = xstrdup("0.1.0 (v0.1.0-3-gabcdef1-dirty)");
    res->provenance.build = NULL; /* written as "" */
}

static char *path_in(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    cr_assert_not_null(p);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

/* Names in `dir`, and how many look like our temporary files. */
static int count_entries(const char *dir, int *n_tmp)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "opendir %s", dir);
    int n = 0;
    *n_tmp = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        n++;
        if (strstr(e->d_name, ".tmp."))
            (*n_tmp)++;
    }
    closedir(d);
    return n;
}

static void assert_dir_empty(const char *dir)
{
    int n_tmp;
    int n = count_entries(dir, &n_tmp);
    cr_assert_eq(n, 0, "%s should be empty, holds %d entries (%d temporary)", dir, n, n_tmp);
}

static void write_ok(const ts_results *res, const char *path)
{
    ts_error err = {0};
    cr_assert_eq(ts_results_write_h5(res, path, 0, NULL, &err), TS_OK, "%s", err.message);
}

/* A string attribute as malloc'd text, asserting it is variable-length UTF-8. */
static char *attr_str(hid_t obj, const char *name)
{
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    cr_assert_geq(a, 0, "attribute %s missing", name);
    hid_t t = H5Aget_type(a);
    cr_assert_eq(H5Tget_class(t), H5T_STRING, "attribute %s is not a string", name);
    cr_assert_gt(H5Tis_variable_str(t), 0, "attribute %s is not variable-length", name);
    cr_assert_eq(H5Tget_cset(t), H5T_CSET_UTF8, "attribute %s is not UTF-8", name);
    hid_t sp = H5Aget_space(a);
    cr_assert_eq(H5Sget_simple_extent_type(sp), H5S_SCALAR, "attribute %s is not scalar", name);
    char *v = NULL;
    cr_assert_geq(H5Aread(a, t, &v), 0);
    char *copy = xstrdup(v ? v : "");
    reclaim(t, sp, &v);
    H5Sclose(sp);
    H5Tclose(t);
    H5Aclose(a);
    return copy;
}

static void assert_attr_str(hid_t obj, const char *name, const char *want)
{
    char *got = attr_str(obj, name);
    cr_assert_str_eq(got, want, "attribute %s", name);
    free(got);
}

/* A 1-D variable-length UTF-8 string dataset's values (malloc'd copies). */
static char **dataset_strings(hid_t file, const char *name, size_t *n)
{
    hid_t d = H5Dopen2(file, name, H5P_DEFAULT);
    cr_assert_geq(d, 0, "dataset %s missing", name);
    hid_t t = H5Dget_type(d), sp = H5Dget_space(d);
    cr_assert_eq(H5Tget_class(t), H5T_STRING, "%s is not a string dataset", name);
    cr_assert_gt(H5Tis_variable_str(t), 0, "%s is not variable-length", name);
    cr_assert_eq(H5Tget_cset(t), H5T_CSET_UTF8, "%s is not UTF-8", name);
    cr_assert_eq(H5Sget_simple_extent_ndims(sp), 1);
    hsize_t dim;
    H5Sget_simple_extent_dims(sp, &dim, NULL);
    *n = (size_t)dim;
    char **raw = calloc(dim, sizeof *raw), **out = calloc(dim, sizeof *out);
    cr_assert(raw && out);
    cr_assert_geq(H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw), 0);
    for (size_t i = 0; i < dim; i++)
        out[i] = xstrdup(raw[i]);
    reclaim(t, sp, raw);
    free(raw);
    H5Sclose(sp);
    H5Tclose(t);
    H5Dclose(d);
    return out;
}

static void free_strings(char **s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

static char *scale_name(hid_t d)
{
    char buf[256] = "";
    cr_assert_gt(H5DSget_scale_name(d, buf, sizeof buf), 0);
    return xstrdup(buf);
}

Test(results_h5, coordinates_are_dimension_scales)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path);

    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(f, 0);
    const char *coords[] = {"scenario", "replication", "year", "region"};
    const size_t lens[] = {S, R, Y, G};
    for (int c = 0; c < 4; c++) {
        hid_t d = H5Dopen2(f, coords[c], H5P_DEFAULT);
        cr_assert_geq(d, 0, "no %s", coords[c]);
        cr_assert_gt(H5DSis_scale(d), 0, "%s is not a dimension scale", coords[c]);
        char *nm = scale_name(d);
        cr_assert_str_eq(nm, coords[c]);
        free(nm);
        hid_t sp = H5Dget_space(d);
        hsize_t dim;
        cr_assert_eq(H5Sget_simple_extent_ndims(sp), 1);
        H5Sget_simple_extent_dims(sp, &dim, NULL);
        cr_assert_eq(dim, lens[c], "%s has %llu entries", coords[c], (unsigned long long)dim);
        hid_t t = H5Dget_type(d);
        if (c == 1 || c == 2) {
            cr_assert_eq(H5Tget_class(t), H5T_INTEGER, "%s is not integer", coords[c]);
            cr_assert_eq(H5Tget_size(t), 4);
            int32_t v[8];
            cr_assert_geq(H5Dread(d, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, v), 0);
            for (size_t i = 0; i < lens[c]; i++)
                cr_assert_eq(v[i], (int32_t)(c == 1 ? i : FIRST_YEAR + i), "%s[%zu] = %d", coords[c], i, v[i]);
        } else {
            cr_assert_eq(H5Tget_class(t), H5T_STRING);
        }
        H5Tclose(t);
        H5Sclose(sp);
        H5Dclose(d);
    }

    size_t n;
    char **sc = dataset_strings(f, "scenario", &n);
    for (size_t s = 0; s < S; s++)
        cr_assert_str_eq(sc[s], scenario_names[s]);
    free_strings(sc, n);
    char **rg = dataset_strings(f, "region", &n);
    for (size_t g = 0; g < G; g++)
        cr_assert_str_eq(rg[g], region_codes[g]);
    cr_assert_str_eq(rg[G - 1], "ALL", "ALL must be the last region");
    free_strings(rg, n);
    char **zh = dataset_strings(f, "region_name_zh", &n);
    cr_assert_eq(n, G);
    cr_assert_str_eq(zh[0], "湘潭县");
    free_strings(zh, n);
    char **yaml = dataset_strings(f, "scenario_yaml", &n);
    cr_assert_eq(n, S);
    cr_assert_str_eq(yaml[1], res.labels.scenario_yaml[1]);
    free_strings(yaml, n);

    /* The per-region and per-scenario extras hang on their dimension. */
    hid_t region = H5Dopen2(f, "region", H5P_DEFAULT), scenario = H5Dopen2(f, "scenario", H5P_DEFAULT);
    hid_t names_zh = H5Dopen2(f, "region_name_zh", H5P_DEFAULT), sy = H5Dopen2(f, "scenario_yaml", H5P_DEFAULT);
    cr_assert_gt(H5DSis_attached(names_zh, region, 0), 0, "region_name_zh not attached to region");
    cr_assert_gt(H5DSis_attached(sy, scenario, 0), 0, "scenario_yaml not attached to scenario");
    cr_assert_eq(H5DSis_scale(names_zh), 0, "region_name_zh must not be a scale itself");
    H5Dclose(region);
    H5Dclose(scenario);
    H5Dclose(names_zh);
    H5Dclose(sy);
    H5Fclose(f);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, indicators_have_shape_type_and_scales)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path);

    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    const char *dims[4] = {"scenario", "replication", "year", "region"};
    hid_t scales[4];
    for (int k = 0; k < 4; k++)
        scales[k] = H5Dopen2(f, dims[k], H5P_DEFAULT);
    for (size_t i = 0; i < N_DEFS; i++) {
        hid_t d = H5Dopen2(f, defs[i].name, H5P_DEFAULT);
        cr_assert_geq(d, 0, "no dataset %s", defs[i].name);
        hid_t sp = H5Dget_space(d), t = H5Dget_type(d);
        hsize_t got[4];
        cr_assert_eq(H5Sget_simple_extent_ndims(sp), 4, "%s rank", defs[i].name);
        H5Sget_simple_extent_dims(sp, got, NULL);
        cr_assert(got[0] == S && got[1] == R && got[2] == Y && got[3] == G, "%s has the wrong shape", defs[i].name);
        if (defs[i].kind == TS_VALUE_COUNT) {
            cr_assert_eq(H5Tget_class(t), H5T_INTEGER, "%s should be integer", defs[i].name);
            cr_assert_eq(H5Tget_size(t), 4);
            cr_assert_eq(H5Tget_sign(t), H5T_SGN_2);
        } else {
            cr_assert_eq(H5Tget_class(t), H5T_FLOAT, "%s should be float", defs[i].name);
            cr_assert_eq(H5Tget_size(t), 8);
        }
        for (unsigned k = 0; k < 4; k++) {
            cr_assert_eq(H5DSget_num_scales(d, k), 1, "%s dim %u: one scale", defs[i].name, k);
            cr_assert_gt(H5DSis_attached(d, scales[k], k), 0, "%s dim %u is not attached to %s", defs[i].name, k,
                         dims[k]);
            /* and not to a neighbour's scale */
            cr_assert_eq(H5DSis_attached(d, scales[(k + 1) % 4], k), 0);
        }
        H5Tclose(t);
        H5Sclose(sp);
        H5Dclose(d);
    }
    for (int k = 0; k < 4; k++)
        H5Dclose(scales[k]);
    H5Fclose(f);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, attributes_are_utf8_strings_and_integers)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path);

    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t root = H5Gopen2(f, "/", H5P_DEFAULT);
    assert_attr_str(root, "format", "teachsim-results");
    assert_attr_str(root, "teachsim_version", res.provenance.teachsim_version);
    assert_attr_str(root, "created_utc", res.provenance.created_utc);
    assert_attr_str(root, "command_line", res.provenance.command_line);
    assert_attr_str(root, "provenance", ""); /* NULL in memory */

    struct {
        const char *name;
        H5T_sign_t sign;
        unsigned long long value;
    } ints[] = {{"format_version", H5T_SGN_2, 1}, {"replications", H5T_SGN_2, R}, {"base_seed", H5T_SGN_NONE, SEED}};
    for (size_t k = 0; k < 3; k++) {
        hid_t a = H5Aopen(root, ints[k].name, H5P_DEFAULT);
        cr_assert_geq(a, 0, "no attribute %s", ints[k].name);
        hid_t t = H5Aget_type(a);
        cr_assert_eq(H5Tget_class(t), H5T_INTEGER, "%s is not an integer", ints[k].name);
        cr_assert_eq(H5Tget_sign(t), ints[k].sign, "%s signedness", ints[k].name);
        unsigned long long v = 0;
        cr_assert_geq(H5Aread(a, H5T_NATIVE_ULLONG, &v), 0);
        cr_assert_eq(v, ints[k].value, "%s = %llu", ints[k].name, v);
        H5Tclose(t);
        H5Aclose(a);
    }

    for (size_t i = 0; i < N_DEFS; i++) {
        hid_t d = H5Dopen2(f, defs[i].name, H5P_DEFAULT);
        assert_attr_str(d, "units", defs[i].units);
        assert_attr_str(d, "long_name", defs[i].long_name);
        assert_attr_str(d, "description", defs[i].description);
        assert_attr_str(d, "long_name_zh", ts_indicator_long_name_zh(defs[i].name));
        assert_attr_str(d, "units_zh", ts_indicator_units_zh(defs[i].name));
        H5Dclose(d);
    }

    /* Variables are listed in the order written (coordinates first). */
    hid_t gcpl = H5Gget_create_plist(root);
    unsigned flags = 0;
    cr_assert_geq(H5Pget_link_creation_order(gcpl, &flags), 0);
    cr_assert(flags & H5P_CRT_ORDER_TRACKED, "link creation order not tracked");
    cr_assert(flags & H5P_CRT_ORDER_INDEXED, "link creation order not indexed");
    H5Pclose(gcpl);
    const char *order[] = {"scenario",      "replication", "year",     "region",   "region_name_zh",
                           "scenario_yaml", "vacancies",   "teachers", "mean_age", "pupil_teacher_ratio"};
    for (hsize_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        char nm[64] = "";
        cr_assert_gt(H5Lget_name_by_idx(f, "/", H5_INDEX_CRT_ORDER, H5_ITER_INC, k, nm, sizeof nm, H5P_DEFAULT), 0);
        cr_assert_str_eq(nm, order[k], "variable %llu", (unsigned long long)k);
    }
    H5Gclose(root);
    H5Fclose(f);
    ts_results_free(&res);
    free(path);
}

static void assert_chunks(hid_t f, const char *name, const hsize_t want[4])
{
    hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
    hid_t dcpl = H5Dget_create_plist(d);
    cr_assert_eq(H5Pget_layout(dcpl), H5D_CHUNKED, "%s is not chunked", name);
    hsize_t chunk[4];
    cr_assert_eq(H5Pget_chunk(dcpl, 4, chunk), 4);
    for (int k = 0; k < 4; k++)
        cr_assert_eq(chunk[k], want[k], "%s chunk dim %d is %llu, want %llu", name, k, (unsigned long long)chunk[k],
                     (unsigned long long)want[k]);
    int n = H5Pget_nfilters(dcpl), shuffle_at = -1, deflate_at = -1;
    for (int k = 0; k < n; k++) {
        unsigned fl, cd[4];
        size_t ncd = 4;
        H5Z_filter_t id = H5Pget_filter2(dcpl, (unsigned)k, &fl, &ncd, cd, 0, NULL, NULL);
        if (id == H5Z_FILTER_SHUFFLE)
            shuffle_at = k;
        if (id == H5Z_FILTER_DEFLATE) {
            deflate_at = k;
            cr_assert_eq(cd[0], 4, "%s deflate level %u", name, cd[0]);
        }
    }
    cr_assert_geq(shuffle_at, 0, "%s: no shuffle filter", name);
    cr_assert_gt(deflate_at, shuffle_at, "%s: deflate must follow shuffle", name);
    H5Pclose(dcpl);
    H5Dclose(d);
}

Test(results_h5, indicators_are_chunked_by_scenario_and_compressed)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    const hsize_t want[4] = {1, R, Y, G}; /* small: all replications of a scenario in one chunk */
    for (size_t i = 0; i < N_DEFS; i++)
        assert_chunks(f, defs[i].name, want);
    H5Fclose(f);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, large_runs_get_chunks_of_a_region_block_and_about_one_mebibyte)
{
    ts_results res;
    ts_error err = {0};
    const size_t s = 2, r = 500, y = 30, g = 20;
    cr_assert_eq(ts_results_alloc(&res, s, r, y, g, defs + 1, 2, 2021, &err), TS_OK, "%s", err.message);
    for (size_t k = 0; k < s; k++) {
        res.labels.scenario_names[k] = xstrdup(k ? "b" : "a");
        res.labels.scenario_yaml[k] = xstrdup("x: 1\n");
    }
    for (size_t k = 0; k < g; k++) {
        char code[16];
        snprintf(code, sizeof code, k + 1 == g ? "ALL" : "r%zu", k);
        res.labels.region_codes[k] = xstrdup(code);
        res.labels.region_names_zh[k] = xstrdup("区");
    }
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "big.h5");
    write_ok(&res, path);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    /* a chunk holds 16 regions of every year: 30 * 16 float64 values are
     * 3840 bytes, so 273 replications make 1 MiB; int32 chunks hold twice
     * as many replications (546, here all 500). A batch of 64 MiB would hold
     * 3495 replications: the cap of half a batch does not bind. */
    const hsize_t want_count[4] = {1, r, y, 16}, want_real[4] = {1, (1 << 20) / 3840, y, 16};
    assert_chunks(f, "teachers", want_count);
    assert_chunks(f, "mean_age", want_real);
    H5Fclose(f);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, values_are_written_bit_for_bit)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    const size_t n = S * R * Y * G;
    for (size_t i = 0; i < N_DEFS; i++) {
        hid_t d = H5Dopen2(f, defs[i].name, H5P_DEFAULT);
        const double *want = ts_results_block(&res, i, 0, 0);
        if (defs[i].kind == TS_VALUE_COUNT) {
            int32_t got[S * R * Y * G];
            cr_assert_geq(H5Dread(d, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, got), 0);
            for (size_t k = 0; k < n; k++)
                cr_assert_eq((double)got[k], want[k], "%s[%zu] = %d, want %.17g", defs[i].name, k, got[k], want[k]);
        } else {
            double got[S * R * Y * G];
            cr_assert_geq(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, got), 0);
            cr_assert_eq(memcmp(got, want, sizeof got), 0, "%s differs from memory", defs[i].name);
        }
        H5Dclose(d);
    }
    /* Spot-check the index order: [scenario][replication][year][region]. */
    hid_t d = H5Dopen2(f, "vacancies", H5P_DEFAULT), sp = H5Dget_space(d);
    hsize_t start[4] = {1, 2, 3, 1}, one[4] = {1, 1, 1, 1};
    hid_t ms = H5Screate_simple(4, one, NULL);
    H5Sselect_hyperslab(sp, H5S_SELECT_SET, start, NULL, one, NULL);
    int32_t v = 0;
    cr_assert_geq(H5Dread(d, H5T_NATIVE_INT32, ms, sp, H5P_DEFAULT, &v), 0);
    cr_assert_eq((double)v, ts_results_block(&res, 0, 1, 2)[3 * G + 1]);
    H5Sclose(ms);
    H5Sclose(sp);
    H5Dclose(d);
    H5Fclose(f);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, reader_round_trip_equals_original)
{
    ts_results res, back;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path);

    ts_error err = {0};
    cr_assert_eq(ts_results_read_h5(&back, path, defs, N_DEFS, &err), TS_OK, "%s", err.message);
    cr_assert_eq(back.n_scenarios, S);
    cr_assert_eq(back.n_replications, R);
    cr_assert_eq(back.n_years, Y);
    cr_assert_eq(back.n_regions, G);
    cr_assert_eq(back.n_indicators, N_DEFS);
    cr_assert_eq(back.first_year, FIRST_YEAR);
    cr_assert_eq(back.indicators, defs);
    for (size_t s = 0; s < S; s++) {
        cr_assert_str_eq(back.labels.scenario_names[s], res.labels.scenario_names[s]);
        cr_assert_str_eq(back.labels.scenario_yaml[s], res.labels.scenario_yaml[s]);
    }
    for (size_t g = 0; g < G; g++) {
        cr_assert_str_eq(back.labels.region_codes[g], res.labels.region_codes[g]);
        cr_assert_str_eq(back.labels.region_names_zh[g], res.labels.region_names_zh[g]);
    }
    cr_assert_eq(back.provenance.base_seed, SEED);
    cr_assert_str_eq(back.provenance.command_line, res.provenance.command_line);
    cr_assert_str_eq(back.provenance.created_utc, res.provenance.created_utc);
    cr_assert_str_eq(back.provenance.teachsim_version, res.provenance.teachsim_version);
    cr_assert_str_eq(back.provenance.build, "");
    cr_assert_eq(memcmp(back.values, res.values, N_DEFS * S * R * Y * G * sizeof(double)), 0,
                 "values differ after the round trip");
    ts_results_free(&back);

    /* Only the indicators asked for; one the file lacks comes back as NaN. */
    const ts_indicator_def known[] = {
        defs[2],
        {"retirements", TS_VALUE_COUNT, "teachers", "retirements", "Teachers retiring during the school year."},
    };
    cr_assert_eq(ts_results_read_h5(&back, path, known, 2, &err), TS_OK, "%s", err.message);
    cr_assert_eq(back.n_indicators, 2);
    cr_assert_eq(ts_results_indicator_index(&back, "mean_age"), 0);
    cr_assert_eq(ts_results_indicator_index(&back, "vacancies"), -1);
    cr_assert_eq(
        memcmp(ts_results_block(&back, 0, 0, 0), ts_results_block(&res, 2, 0, 0), S * R * Y * G * sizeof(double)), 0);
    const double *missing = ts_results_block(&back, 1, 0, 0);
    for (size_t k = 0; k < S * R * Y * G; k++)
        cr_assert(isnan(missing[k]), "absent indicator should read as NaN");
    ts_results_free(&back);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, same_results_give_the_same_bytes)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *a = path_in(dir, "a.h5"), *b = path_in(dir, "b.h5");
    write_ok(&res, a);
    sleep(1); /* a clock in the file would show up as a difference */
    write_ok(&res, b);
    size_t la, lb;
    char *ba = ts_test_slurp(a, &la), *bb = ts_test_slurp(b, &lb);
    cr_assert(ba && bb && la == lb && memcmp(ba, bb, la) == 0, "two writes of the same results differ");
    free(ba);
    free(bb);
    free(a);
    free(b);
    ts_results_free(&res);
}

Test(results_h5, existing_file_is_kept_without_force_and_replaced_with_it)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path);
    size_t len0;
    char *before = ts_test_slurp(path, &len0);
    cr_assert_not_null(before);

    ts_results_block(&res, 0, 0, 0)[0] = 4242.0;
    ts_error err = {0};
    cr_assert_eq(ts_results_write_h5(&res, path, 0, NULL, &err), TS_ERR_EXISTS);
    char want[4200];
    snprintf(want, sizeof want, "%s: results file exists; use --force to replace it", path);
    cr_assert_str_eq(err.message, want);
    size_t len1;
    char *after = ts_test_slurp(path, &len1);
    cr_assert(len1 == len0 && memcmp(before, after, len0) == 0, "the existing file was changed");
    free(after);
    int n_tmp;
    cr_assert_eq(count_entries(dir, &n_tmp), 1);
    cr_assert_eq(n_tmp, 0, "temporary file left behind");

    err = (ts_error){0};
    cr_assert_eq(ts_results_write_h5(&res, path, 1, NULL, &err), TS_OK, "%s", err.message);
    cr_assert_eq(count_entries(dir, &n_tmp), 1);
    cr_assert_eq(n_tmp, 0, "temporary file left behind");
    ts_results back;
    cr_assert_eq(ts_results_read_h5(&back, path, defs, N_DEFS, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_results_block(&back, 0, 0, 0)[0], 4242.0, "--force did not replace the file");
    ts_results_free(&back);

    /* The new file is as readable as one created normally (not mkstemp's 0600). */
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    cr_assert_eq(st.st_mode & 0777, 0666 & ~mask, "mode %o", (unsigned)(st.st_mode & 0777));
    free(before);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, missing_folder_is_an_io_error)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "no/such/folder/results.h5");
    ts_error err = {0};
    cr_assert_eq(ts_results_write_h5(&res, path, 0, NULL, &err), TS_ERR_IO);
    char want[4200];
    snprintf(want, sizeof want, "%s: cannot create temporary file in %s/no/such/folder: No such file or directory",
             path, dir);
    cr_assert_str_eq(err.message, want);
    assert_dir_empty(dir);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, read_only_folder_is_an_io_error)
{
    if (geteuid() == 0)
        cr_skip_test("running as root, which can write into a 0500 folder");
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    cr_assert_eq(chmod(dir, 0500), 0);
    ts_error err = {0};
    ts_status st = ts_results_write_h5(&res, path, 0, NULL, &err);
    chmod(dir, 0700);
    cr_assert_eq(st, TS_ERR_IO);
    cr_assert_not_null(strstr(err.message, path), "%s", err.message);
    cr_assert_not_null(strstr(err.message, "Permission denied"), "%s", err.message);
    assert_dir_empty(dir);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, full_disk_is_an_io_error_and_leaves_nothing)
{
    /* A file-size limit stands in for a full disk or quota: write(2) fails
     * with EFBIG once the file would pass it (SIGXFSZ ignored). Each
     * Criterion test is its own process, so the limit ends with the test. */
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    write_ok(&res, path); /* a previous file, which --force must not lose */
    size_t len0, len1;
    char *before = ts_test_slurp(path, &len0);
    cr_assert_gt(len0, 8192, "the test needs a file larger than the limit");

    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = {8192, 8192};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    ts_error err = {0};
    cr_assert_eq(ts_results_write_h5(&res, path, 1, NULL, &err), TS_ERR_IO);
    char want[4200];
    snprintf(want, sizeof want, "%s: cannot write results file: writing %s.tmp.", path, path);
    cr_assert_eq(strncmp(err.message, want, strlen(want)), 0, "%s", err.message);
    cr_assert_not_null(strstr(err.message, strerror(EFBIG)), "%s", err.message);

    char *after = ts_test_slurp(path, &len1);
    cr_assert(after && len1 == len0 && memcmp(before, after, len0) == 0, "the previous file was changed");
    int n_tmp;
    cr_assert_eq(count_entries(dir, &n_tmp), 1);
    cr_assert_eq(n_tmp, 0, "temporary file left behind");
    free(before);
    free(after);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, interruption_leaves_nothing_behind)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    volatile sig_atomic_t stop = 1;
    ts_error err = {0};
    cr_assert_eq(ts_results_write_h5(&res, path, 0, &stop, &err), TS_ERR_INTERRUPTED);
    cr_assert_not_null(strstr(err.message, path), "%s", err.message);
    assert_dir_empty(dir);

    /* With --force over an existing file, the previous file survives. */
    stop = 0;
    write_ok(&res, path);
    size_t len0, len1;
    char *before = ts_test_slurp(path, &len0);
    ts_results_block(&res, 0, 0, 0)[0] = 7.0;
    stop = 1;
    cr_assert_eq(ts_results_write_h5(&res, path, 1, &stop, &err), TS_ERR_INTERRUPTED);
    char *after = ts_test_slurp(path, &len1);
    cr_assert(after && len1 == len0 && memcmp(before, after, len0) == 0, "the previous file was changed");
    int n_tmp;
    cr_assert_eq(count_entries(dir, &n_tmp), 1);
    cr_assert_eq(n_tmp, 0);
    free(before);
    free(after);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, count_that_is_not_a_whole_int32_is_refused)
{
    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    const double bad[] = {2.5, 2147483648.0, -2147483649.0, NAN, INFINITY};
    double *cell = &ts_results_block(&res, 1, 1, 2)[1 * G + 2];
    double keep = *cell;
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        *cell = bad[k];
        ts_error err = {0};
        cr_assert_eq(ts_results_write_h5(&res, path, 0, NULL, &err), TS_ERR_RUN, "value %g accepted", bad[k]);
        cr_assert_not_null(strstr(err.message, path), "%s", err.message);
        cr_assert_not_null(strstr(err.message, "teachers"), "should name the indicator: %s", err.message);
        cr_assert_not_null(strstr(err.message, "year 2022"), "should name the year: %s", err.message);
        cr_assert_not_null(strstr(err.message, "region ALL"), "should name the region: %s", err.message);
        assert_dir_empty(dir);
    }
    *cell = keep;
    write_ok(&res, path);
    ts_results_free(&res);
    free(path);
}

Test(results_h5, hdf5_failure_is_reported_from_the_error_stack)
{
    /* An indicator named like a coordinate: HDF5 itself refuses the dataset. */
    static const ts_indicator_def clash[] = {
        {"vacancies", TS_VALUE_COUNT, "posts", "unfilled posts", "Posts without a teacher on 1 September."},
        {"region", TS_VALUE_REAL, "1", "clash", "Named like the region coordinate."},
    };
    ts_results res;
    make_results(&res);
    res.indicators = clash;
    res.n_indicators = 2;
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5");
    ts_error err = {0};
    cr_assert_eq(ts_results_write_h5(&res, path, 0, NULL, &err), TS_ERR_IO);
    char want[4200];
    snprintf(want, sizeof want, "%s: cannot write results file: creating dataset region: ", path);
    cr_assert_eq(strncmp(err.message, want, strlen(want)), 0, "%s", err.message);
    cr_assert_not_null(strstr(err.message, "already exists"), "HDF5's reason is missing: %s", err.message);
    assert_dir_empty(dir);
    res.indicators = defs;
    res.n_indicators = N_DEFS;
    ts_results_free(&res);
    free(path);
}

/* A minimal HDF5 file with the given root attributes (NULL: left out). */
static void make_fake(const char *path, const char *format, int version)
{
    hid_t f = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    cr_assert_geq(f, 0);
    hid_t sp = H5Screate(H5S_SCALAR);
    if (format) {
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, H5T_VARIABLE);
        H5Tset_cset(t, H5T_CSET_UTF8);
        hid_t a = H5Acreate2(f, "format", t, sp, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, t, &format);
        H5Aclose(a);
        H5Tclose(t);
    }
    int32_t v = version;
    hid_t a = H5Acreate2(f, "format_version", H5T_STD_I32LE, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT32, &v);
    H5Aclose(a);
    H5Sclose(sp);
    H5Fclose(f);
}

static void assert_read_refused(const char *path, const char *want_suffix)
{
    ts_results back;
    ts_error err = {0};
    cr_assert_eq(ts_results_read_h5(&back, path, defs, N_DEFS, &err), TS_ERR_INPUT, "%s read", path);
    char want[4200];
    snprintf(want, sizeof want, "%s: %s", path, want_suffix);
    cr_assert_str_eq(err.message, want);
    cr_assert_null(back.values, "nothing is kept from a refused file");
}

Test(results_h5, reader_refuses_format_version_2)
{
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "v2.h5");
    make_fake(path, "teachsim-results", 2);
    assert_read_refused(path, "unsupported format_version 2 (this teachsim reads 1)");
    free(path);
}

Test(results_h5, reader_refuses_files_that_are_not_results)
{
    const char *dir = ts_test_tmpdir();
    char *missing = path_in(dir, "missing.h5"), *text = path_in(dir, "notes.txt");
    char *other = path_in(dir, "other.h5"), *bare = path_in(dir, "bare.h5");
    assert_read_refused(missing, "cannot open results file: No such file or directory");
    FILE *fp = fopen(text, "w");
    fputs("year,vacancies\n2021,3\n", fp);
    fclose(fp);
    assert_read_refused(text, "not a teachsim results file (not an HDF5 file)");
    make_fake(other, "climate-model-output", 1);
    assert_read_refused(other, "not a teachsim results file (format 'climate-model-output', expected "
                               "'teachsim-results')");
    make_fake(bare, NULL, 1);
    assert_read_refused(bare, "not a teachsim results file (no format attribute)");
    free(missing);
    free(text);
    free(other);
    free(bare);
}

/* A file the fuzzer made (fuzz/corpus/fuzz_results_file/damaged-chunk-index.h5):
 * a chunk index that claims a chunk of 2.7 GB in a file of 600 KB. HDF5
 * allocates the claimed size before it reads a chunk, so the reader must
 * refuse the dataset before reading it, and say why. */
Test(results_h5, a_chunk_index_claiming_more_than_the_file_is_refused)
{
    const char *path = TS_SOURCE_DIR "/fuzz/corpus/fuzz_results_file/damaged-chunk-index.h5";
    ts_results back;
    ts_error err = {0};
    cr_assert_eq(ts_results_read_h5(&back, path, ts_indicator_defs, ts_indicator_count, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, "claims more storage than the file has"), "%s", err.message);
    cr_expect(strncmp(err.message, path, strlen(path)) == 0, "the message names the file: %s", err.message);
    /* and the intact seed it was made from still reads */
    const char *seed = TS_SOURCE_DIR "/fuzz/corpus/fuzz_results_file/tiny-run.h5";
    cr_assert_eq(ts_results_read_h5(&back, seed, ts_indicator_defs, ts_indicator_count, &err), TS_OK, "%s",
                 err.message);
    ts_results_free(&back);
}

Test(results_h5, alloc_free_and_index)
{
    ts_results res;
    ts_error err = {0};
    cr_assert_eq(ts_results_alloc(&res, 2, 0, 4, 3, defs, N_DEFS, 2021, &err), TS_ERR_INPUT);
    cr_assert_null(res.values);
    ts_results_free(&res); /* harmless after a failed alloc */
    cr_assert_eq(ts_results_alloc(&res, 2, 3, 4, 3, defs, N_DEFS, 2021, &err), TS_OK, "%s", err.message);
    for (size_t k = 0; k < N_DEFS * 2 * 3 * 4 * 3; k++)
        cr_assert_eq(res.values[k], 0.0);
    cr_assert_null(res.labels.scenario_names[1]);
    cr_assert_eq(ts_results_indicator_index(&res, "pupil_teacher_ratio"), 3);
    cr_assert_eq(ts_results_indicator_index(&res, "vacancies"), 0);
    cr_assert_eq(ts_results_indicator_index(&res, "nope"), -1);
    cr_assert_eq(ts_results_block(&res, 1, 1, 2) - res.values, (ptrdiff_t)(((1 * 2 + 1) * 3 + 2) * 4 * 3));
    ts_results_free(&res);
    ts_results_free(&res);
    cr_assert_null(res.values);
}

/* xarray, through netCDF-4, opens the file as a labelled dataset. */
static const char xr_script[] =
    "import sys\n"
    "import numpy as np, xarray as xr\n"
    "path, raw = sys.argv[1], sys.argv[2]\n"
    "ds = xr.open_dataset(path, engine='netcdf4')\n"
    "assert dict(ds.sizes) == {'scenario': 2, 'replication': 3, 'year': 4, 'region': 3}, dict(ds.sizes)\n"
    "assert list(ds.region.values) == ['xiangtan_county', 'yuhu_district', 'ALL'], list(ds.region.values)\n"
    "assert list(ds.scenario.values) == ['baseline', '高出生率'], list(ds.scenario.values)\n"
    "assert ds.region_name_zh.dims == ('region',), ds.region_name_zh.dims\n"
    "assert ds.region_name_zh.sel(region='xiangtan_county').item() == '湘潭县'\n"
    "assert list(ds.year.values) == [2021, 2022, 2023, 2024]\n"
    "assert list(ds.replication.values) == [0, 1, 2]\n"
    "assert ds.attrs['format'] == 'teachsim-results' and int(ds.attrs['format_version']) == 1, ds.attrs\n"
    "assert ds.vacancies.attrs['units'] == 'posts', ds.vacancies.attrs\n"
    "want = np.fromfile(raw, dtype='<f8').reshape(4, 2, 3, 4, 3)\n"
    "for i, name in enumerate(['vacancies', 'teachers', 'mean_age', 'pupil_teacher_ratio']):\n"
    "    v = ds[name]\n"
    "    assert v.dims == ('scenario', 'replication', 'year', 'region'), (name, v.dims)\n"
    "    assert str(v.dtype) == ('int32' if i < 2 else 'float64'), (name, v.dtype)\n"
    "    assert np.array_equal(v.values.astype('f8'), want[i], equal_nan=True), name\n"
    "q = ds.vacancies.sel(region='ALL').quantile([0.05, 0.5, 0.95], dim='replication')\n"
    "assert q.dims == ('quantile', 'scenario', 'year'), q.dims\n"
    "print('ok')\n";

Test(results_h5, xarray_opens_a_labelled_dataset)
{
    const char *py = TS_PYTHON;
    char out[16384];
    char cmd[8192];
    if (!py[0] || access(py, X_OK) != 0)
        cr_skip_test("no Python interpreter found by CMake");
    snprintf(cmd, sizeof cmd, "'%s' -c 'import xarray, netCDF4, numpy'", py);
    if (ts_test_run(cmd, out, sizeof out) != 0)
        cr_skip_test("xarray or netCDF4 not importable by %s", py);

    ts_results res;
    make_results(&res);
    const char *dir = ts_test_tmpdir();
    char *path = path_in(dir, "results.h5"), *raw = path_in(dir, "values.f64"), *script = path_in(dir, "check.py");
    write_ok(&res, path);
    FILE *fp = fopen(raw, "wb");
    cr_assert_not_null(fp);
    cr_assert_eq(fwrite(res.values, sizeof(double), N_DEFS * S * R * Y * G, fp), N_DEFS * S * R * Y * G);
    fclose(fp);
    fp = fopen(script, "w");
    cr_assert_not_null(fp);
    fputs(xr_script, fp);
    fclose(fp);
    snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s'", py, script, path, raw);
    int rc = ts_test_run(cmd, out, sizeof out);
    cr_assert_eq(rc, 0, "xarray check failed:\n%s", out);
    cr_assert_not_null(strstr(out, "ok"), "%s", out);
    ts_results_free(&res);
    free(path);
    free(raw);
    free(script);
}
