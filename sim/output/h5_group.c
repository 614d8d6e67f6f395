/*
 * h5_group.c: whole small datasets and attributes of a study's group, and
 * adding or reading such a group in a results file (h5_group.h).
 */
#include "h5_group.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results_h5_internal.h"
#include "teachsim/scenario_zh.h"
#include "text.h"

int ts_h5g_write_doubles(hid_t g, const char *name, int rank, const hsize_t *dims, const double *v)
{
    hid_t sp = H5Screate_simple(rank, dims, NULL);
    hid_t d = sp < 0 ? -1 : H5Dcreate2(g, name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int ok = d >= 0 && H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0;
    if (d >= 0)
        H5Dclose(d);
    if (sp >= 0)
        H5Sclose(sp);
    return ok;
}

int ts_h5g_write_strings(hid_t g, const char *name, size_t n, char *const *v)
{
    hsize_t dims[1] = {n};
    hid_t t = ts_h5_utf8_type();
    hid_t sp = H5Screate_simple(1, dims, NULL);
    hid_t d = t < 0 || sp < 0 ? -1 : H5Dcreate2(g, name, t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int ok = d >= 0 && H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0;
    if (d >= 0)
        H5Dclose(d);
    if (sp >= 0)
        H5Sclose(sp);
    if (t >= 0)
        H5Tclose(t);
    return ok;
}

int ts_h5g_write_key_names_zh(hid_t g, const char *name, size_t n, char *const *paths)
{
    char **names = calloc(n ? n : 1, sizeof *names);
    int ok = names != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        char label[4096];
        ok = (names[i] = ts_text_dup(ts_key_list_label_zh(paths[i], label, sizeof label))) != NULL;
    }
    ok = ok && ts_h5g_write_strings(g, name, n, names);
    if (names)
        ts_text_free_all(names, n);
    return ok;
}

int ts_h5g_attr_string(hid_t g, const char *name, const char *value)
{
    hid_t t = ts_h5_utf8_type();
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = t < 0 || sp < 0 ? -1 : H5Acreate2(g, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    int ok = a >= 0 && H5Awrite(a, t, &value) >= 0;
    if (a >= 0)
        H5Aclose(a);
    if (sp >= 0)
        H5Sclose(sp);
    if (t >= 0)
        H5Tclose(t);
    return ok;
}

int ts_h5g_attr_number(hid_t g, const char *name, double value)
{
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = sp < 0 ? -1 : H5Acreate2(g, name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT);
    int ok = a >= 0 && H5Awrite(a, H5T_NATIVE_DOUBLE, &value) >= 0;
    if (a >= 0)
        H5Aclose(a);
    if (sp >= 0)
        H5Sclose(sp);
    return ok;
}

int ts_h5g_read_doubles(hid_t g, const char *name, double *v)
{
    hid_t d = H5Dopen2(g, name, H5P_DEFAULT);
    int ok = d >= 0 && ts_h5_storage_fits(d) && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0;
    if (d >= 0)
        H5Dclose(d);
    return ok;
}

int ts_h5g_read_strings(hid_t g, const char *name, size_t n, char **out)
{
    hid_t d = H5Dopen2(g, name, H5P_DEFAULT), t = ts_h5_utf8_type(), sp = d < 0 ? -1 : H5Dget_space(d);
    char **raw = calloc(n ? n : 1, sizeof *raw);
    int ok = d >= 0 && t >= 0 && sp >= 0 && raw && H5Sget_simple_extent_npoints(sp) == (hssize_t)n &&
             H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw) >= 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = (out[i] = ts_text_dup(raw[i] ? raw[i] : "")) != NULL;
    if (raw && sp >= 0 && t >= 0 && d >= 0)
        ts_h5_reclaim(t, sp, raw);
    free(raw);
    if (sp >= 0)
        H5Sclose(sp);
    if (t >= 0)
        H5Tclose(t);
    if (d >= 0)
        H5Dclose(d);
    return ok;
}

double ts_h5g_attr_read(hid_t g, const char *name)
{
    double v = NAN;
    hid_t a = H5Aopen(g, name, H5P_DEFAULT);
    if (a >= 0) {
        if (H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0)
            v = NAN;
        H5Aclose(a);
    }
    return v;
}

size_t ts_h5g_extent(hid_t g, const char *name)
{
    hid_t d = H5Dopen2(g, name, H5P_DEFAULT), sp = d < 0 ? -1 : H5Dget_space(d);
    hssize_t n = sp < 0 ? -1 : H5Sget_simple_extent_npoints(sp);
    if (sp >= 0)
        H5Sclose(sp);
    if (d >= 0)
        H5Dclose(d);
    return n < 0 ? 0 : (size_t)n;
}

void ts_h5g_attr_read_string(hid_t g, const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    hid_t a = H5Aopen(g, name, H5P_DEFAULT), t = ts_h5_utf8_type();
    char *m = NULL;
    if (a >= 0 && t >= 0 && H5Aread(a, t, &m) >= 0 && m) {
        snprintf(buf, size, "%s", m);
        H5free_memory(m);
    }
    if (a >= 0)
        H5Aclose(a);
    if (t >= 0)
        H5Tclose(t);
}

ts_status ts_h5g_add(const char *path, const char *group, int (*write)(hid_t g, const void *ctx), const void *ctx,
                     ts_error *err)
{
    char reason[256];
    ts_h5_quiet q;
    ts_h5_quiet_begin(&q);
    ts_status st = TS_OK;
    hid_t f = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT);
    if (f < 0) {
        ts_h5_reason(reason, sizeof reason);
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot open the results file to add %s/: %s", path, group, reason);
        goto cleanup;
    }
    if (H5Lexists(f, group, H5P_DEFAULT) > 0) {
        st = ts_error_set(err, TS_ERR_IO, "%s: the results file already has a group %s/", path, group);
        goto cleanup;
    }
    hid_t g = H5Gcreate2(f, group, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int ok = g >= 0 && write(g, ctx);
    if (!ok)
        ts_h5_reason(reason, sizeof reason);
    if (g >= 0)
        H5Gclose(g);
    if (!ok) {
        H5Ldelete(f, group, H5P_DEFAULT);
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot write the group %s/: %s", path, group, reason);
    }
cleanup:
    if (f >= 0 && H5Fclose(f) < 0 && st == TS_OK) {
        ts_h5_reason(reason, sizeof reason);
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot close the results file: %s", path, reason);
    }
    ts_h5_quiet_end(&q);
    return st;
}

ts_status ts_h5g_read(const char *path, const char *group, const char *writer,
                      int (*read)(hid_t g, void *ctx, const char *path, ts_error *err), void *ctx, ts_error *err)
{
    ts_h5_quiet q;
    ts_h5_quiet_begin(&q);
    ts_status st = TS_OK;
    hid_t fapl = ts_h5_file_access();
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, fapl);
    hid_t g = -1;
    if (f < 0) {
        char reason[256];
        ts_h5_reason(reason, sizeof reason);
        st = ts_error_set(err, TS_ERR_INPUT, "%s: cannot open the results file: %s", path, reason);
    } else if (H5Lexists(f, group, H5P_DEFAULT) <= 0) {
        st = ts_error_set(err, TS_ERR_INPUT, "%s: expected a group %s/ (written by %s), found none", path, group,
                          writer);
    } else if ((g = H5Gopen2(f, group, H5P_DEFAULT)) < 0 || !read(g, ctx, path, err)) {
        if (err->status == TS_OK)
            st = ts_error_set(err, TS_ERR_INPUT, "%s: the group %s/ is incomplete or malformed", path, group);
        else
            st = err->status;
    }
    if (g >= 0)
        H5Gclose(g);
    if (f >= 0)
        H5Fclose(f);
    if (fapl >= 0)
        H5Pclose(fapl);
    ts_h5_quiet_end(&q);
    return st;
}
