/*
 * results_h5_read.h: what the two files of the results-file reader share.
 *
 * Owns: the reader's error state and the calls that read one object of a
 * results file (results_h5_read_objects.c), each setting the message on
 * failure and returning -1, for the reader proper (results_h5_read.c).
 * Does not own which objects are read (results_h5_read.c) nor HDF5's error
 * text and string type (results_h5_common.c).
 */
#ifndef TEACHSIM_RESULTS_H5_READ_H
#define TEACHSIM_RESULTS_H5_READ_H

#include <stddef.h>

#include <hdf5.h>

#include "results_h5_internal.h"
#include "teachsim/results.h"

/* The reader's state for messages: the first failure sets status and err. */
typedef struct {
    const char *path;
    ts_error *err;
    ts_status status;
} reader;

/* `PATH: cannot read results file: DOING: REASON` (HDF5's); returns -1. */
int ts_h5r_h5_fail(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Walk every global heap collection of the file at r->path as HDF5 would
 * load it, before HDF5 does: 0, or -1 with a message when one is damaged
 * (HDF5 1.10.8 trusts their sizes and crashes). */
int ts_h5r_check_heaps(reader *r);

/* `PATH: WHAT`; returns -1. */
int ts_h5r_fail(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Out of memory; returns -1. */
int ts_h5r_nomem(reader *r);

/* Open dataset `name` of file, 1-D: returns its length in *n, or *n = 0 and
 * dset -1 when absent and not required. */
int ts_h5r_open_1d(reader *r, hid_t file, const char *name, int required, hid_t *dset, size_t *n);

/* A 1-D string dataset into a label array: of *n entries when *labels is
 * given, else allocated here with its length in *n. */
int ts_h5r_string_dataset(reader *r, hid_t file, const char *name, int required, char ***labels, size_t *n);

/* Scalar string attribute into *out (malloc'd); *out stays NULL when absent. */
int ts_h5r_str_attr(reader *r, hid_t obj, const char *name, char **out);

/* Scalar integer attribute, converted by HDF5 to `mem_type`; *found says
 * whether it was there. */
int ts_h5r_int_attr(reader *r, hid_t obj, const char *name, hid_t mem_type, void *value, int *found);

/* Strings of a dataset of any rank with exactly n elements (malloc'd copies). */
int ts_h5r_strings_nd(reader *r, hid_t loc, const char *name, size_t n, char **out);

/* A numeric dataset of shape dims[0..rank-1] into buf (memory type mem_type);
 * *found 0 and nothing read when absent. */
int ts_h5r_numbers(reader *r, hid_t loc, const char *name, int rank, const hsize_t *dims, hid_t mem_type, void *buf,
                   int *found);

/* As ts_h5r_numbers, but with slot >= 0 the dataset has one more dimension
 * of n_slots entries, and the slice at `slot` of it is read (a row of a
 * subject family: results_h5_write.h). */
int ts_h5r_numbers_slot(reader *r, hid_t loc, const char *name, int rank, const hsize_t *dims, int slot,
                        hsize_t n_slots, hid_t mem_type, void *buf, int *found);

#endif
