/*
 * h5_group.h: adding a group of small datasets to a finished results file,
 * and reading one back, for the studies that run many scenarios and keep
 * their answer next to one run (sensitivity/, attribution/).
 *
 * Owns: writing and reading whole float64 datasets, UTF-8 string datasets
 * and scalar attributes of a group, and the two wrappers that open the file,
 * create (or find) the group and turn HDF5's failures into messages that
 * name the file and the group. A group that cannot be written whole is
 * removed, so no file holds half of one. Does not own what the groups hold
 * (sensitivity_h5.h, attribution_h5.h) nor the results themselves
 * (results_h5_write.h).
 */
#ifndef TEACHSIM_H5_GROUP_H
#define TEACHSIM_H5_GROUP_H

#include <stddef.h>

#include <hdf5.h>

#include "teachsim/status.h"

/* Writers: 1 on success, 0 on an HDF5 failure (the wrappers say which). */
int ts_h5g_write_doubles(hid_t g, const char *name, int rank, const hsize_t *dims, const double *v);
int ts_h5g_write_strings(hid_t g, const char *name, size_t n, char *const *v);
/** The n scenario key paths `paths` in Chinese (ts_key_label_zh), as the
 *  string dataset `name`: a study's inputs, levers or groups' keys beside
 *  their paths. An entry may list several paths separated by commas; each
 *  is labelled and they are joined by 、. */
int ts_h5g_write_key_names_zh(hid_t g, const char *name, size_t n, char *const *paths);
int ts_h5g_attr_string(hid_t g, const char *name, const char *value);
int ts_h5g_attr_number(hid_t g, const char *name, double value);

/* Readers: 1 on success, 0 when missing or malformed. */
int ts_h5g_read_doubles(hid_t g, const char *name, double *v);
/** n strings into out[n], each a copy the caller frees. */
int ts_h5g_read_strings(hid_t g, const char *name, size_t n, char **out);
/** A number attribute, NaN when missing. */
double ts_h5g_attr_read(hid_t g, const char *name);
/** A string attribute into buf (empty when missing). */
void ts_h5g_attr_read_string(hid_t g, const char *name, char *buf, size_t size);
/** The number of elements of a dataset, 0 when missing. */
size_t ts_h5g_extent(hid_t g, const char *name);

/** Open the results file at path, create the group `group` (an error if it
 *  exists) and fill it with write(g, ctx); on failure the group is removed. */
ts_status ts_h5g_add(const char *path, const char *group, int (*write)(hid_t g, const void *ctx), const void *ctx,
                     ts_error *err);

/** Open the file and its group `group` (written by `writer`, named in the
 *  message when the group is missing) and read it with read(g, ctx, path,
 *  err), which returns 1 on success; 0 with err unset is "malformed". */
ts_status ts_h5g_read(const char *path, const char *group, const char *writer,
                      int (*read)(hid_t g, void *ctx, const char *path, ts_error *err), void *ctx, ts_error *err);

#endif
