/*
 * results_h5_write.h: what the files of the results-file writer share.
 *
 * Owns: the writer's error state (the first failure sets the message), the
 * open file (struct ts_results_file: its HDF5 handles, one per dataset, and
 * the dimensions it was created with), the constants of the layout, and the
 * declarations between the writer's modules, lowest first:
 * results_h5_objects.c (attributes, datasets, groups), results_h5_layout.c
 * (every object of docs/results-file.md created before any value, and the
 * chunk shapes), comparison_h5.c (the comparison statistics computed from
 * the differences in the file) and results_h5.c (streaming: create, write
 * the replications held, finish, abort), which uses them all and is called
 * by none of them.
 * Does not own the ts_results memory (results.c), the statistics themselves
 * (comparison.c), HDF5's error text and string type (results_h5_common.c)
 * nor the system calls of space, sync and rename (results_disk.c).
 */
#ifndef TEACHSIM_RESULTS_H5_WRITE_H
#define TEACHSIM_RESULTS_H5_WRITE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <hdf5.h>

#include "results_h5_internal.h"
#include "teachsim/results.h"

#define TS_CRT_ORDER (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED)

/* One dimension scale's attachments, gathered while the layout is created
 * and written as its REFERENCE_LIST in one go (ts_h5w_write_scale_lists):
 * HDF5's H5DSattach_scale rewrites that list, and dereferences every entry
 * in it, at each attachment, which made creating a file cost time
 * quadratic in its datasets (docs/decisions.md, "Attaching dimension scales
 * in one go"). The entry has the layout of HDF5's own (ds_list_t). */
typedef struct {
    hobj_ref_t dataset;
    int dimension;
} ts_h5w_backref;

typedef struct {
    hid_t scale; /* a reference of our own, released when the list is written */
    ts_h5w_backref *refs;
    size_t n, cap;
} ts_h5w_scale_list;

/* The writer's state for messages: the first failure sets status and err. */
typedef struct {
    const char *path;
    ts_error *err;
    ts_status status; /* TS_OK until the first failure, which sets the message */
    hid_t str_t;
    ts_h5w_scale_list *lists; /* the scales attached so far, in order of first attachment */
    size_t n_lists, cap_lists;
} writer;

/* The datasets of the group schools/ filled at the end, in order. */
enum { SCH_MET, SCH_SCORED, SCH_PER100, SCH_MOST_MISSED = SCH_PER100 + 3, SCH_MISSING, SCH_COUNT };

/* The datasets of the group targets/, in the order they are created. */
enum { TG_DEFINITION, TG_MET, TG_YEAR_MET, TG_PROBABILITY, TG_LOWER, TG_UPPER, TG_N_MET, TG_N_EVALUATED, TG_COUNT };

struct ts_results_file {
    writer w;
    char *path; /* copies: the caller's strings may go */
    char *tmp;
    char folder[4096];
    int fd; /* our own descriptor of the temporary file: reserving space, syncing */
    int tmp_exists, force;
    hid_t fcpl, dapl, file;
    hid_t scales[N_DIMS];
    hid_t subject_scale;     /* subjects/subject, the fifth dimension of the subject families */
    hid_t cmp_subject_scale; /* comparison/subjects/subject, the same for their paired differences */
    hid_t *ind;              /* per indicator */
    hid_t *diff;             /* per indicator: comparison/<name> */
    hid_t *stat;             /* per indicator and statistic: comparison/<name>_mean ... */
    hid_t *par;              /* per uncertain parameter */
    hid_t tg[TG_COUNT];
    hid_t sch[SCH_COUNT];
    size_t n_schools;
    size_t n_ind, n_par, n_contrasts, n_targets, n_scenarios, n_replications, n_years, n_regions;
    uint64_t reserved; /* bytes reserved on disk, from the start of the file */
    ts_h5_quiet quiet;
};

/* A row of a subject family (ts_indicator_def.family) is one slice of its
 * family's dataset, subjects/<family>, along the subject dimension: its
 * slot, or -1 for a plain indicator with a dataset of its own. */
static inline int ts_h5w_slot(const ts_indicator_def *def)
{
    return def->family ? def->subject : -1;
}

/* Whether row i holds its dataset's handle (a family's first row does; the
 * others share it and must not close it). */
static inline int ts_h5w_owns(const ts_indicator_def *def)
{
    return !def->family || def->subject == 0;
}

/* ---- attributes, datasets, groups (results_h5_objects.c) ---------------- */

/* Record an HDF5 failure while doing `fmt`; always returns -1. */
int ts_h5w_fail(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Record that memory ran out; always returns -1. */
int ts_h5w_nomem(writer *w);

/* A scalar attribute of the given file and memory types; 0 or -1. */
int ts_h5w_attr(writer *w, hid_t obj, const char *name, hid_t file_type, hid_t mem_type, const void *value);

/* A UTF-8 string attribute (NULL is written as ""); 0 or -1. */
int ts_h5w_str_attr(writer *w, hid_t obj, const char *name, const char *value);

/* The dataset access of the chunked datasets (no chunk cache), or -1. */
hid_t ts_h5w_dataset_access(void);

/*
 * A 1-D dataset of n strings or int32 (strings != NULL picks strings),
 * written whole, with long_name and description. With `scale` it becomes the
 * dimension scale of its own name; otherwise it is left open in *out for
 * attaching scales. NULL strings are written as "" (HDF5 would store a null
 * that some readers cannot decode).
 */
int ts_h5w_write_1d(writer *w, hid_t loc, const char *name, size_t n, char *const *strings, const int32_t *ints,
                    const char *long_name, const char *description, int scale, hid_t *out);

/*
 * A dataset `name` in loc of the given shape and file type, created (not
 * written) with its dimensions attached and the three attributes, in that
 * order; `shown` names it in messages. chunk != NULL makes it chunked and
 * compressed like the indicators. The dataset, or -1.
 */
hid_t ts_h5w_create(ts_results_file *f, hid_t loc, const char *name, const char *shown, int rank, const hsize_t *dims,
                    const hsize_t *chunk, hid_t file_type, const hid_t *scales, const char *units,
                    const char *long_name, const char *description);

/* Attach scales[d] to dimension d of dset, for d < rank, as
 * H5DSattach_scale does, in one call: dset's DIMENSION_LIST is written
 * whole now (dset must have no attachment yet), the scales' REFERENCE_LIST
 * entries are kept for ts_h5w_write_scale_lists. 0 or -1. */
int ts_h5w_attach(writer *w, hid_t dset, const char *name, const hid_t *scales, int rank);

/* Write each scale's REFERENCE_LIST, its attachments in the order made, and
 * release the scales: once, after the last attachment. 0 or -1. */
int ts_h5w_write_scale_lists(writer *w);

/* Release what ts_h5w_attach kept, writing nothing (a file abandoned). */
void ts_h5w_release_scale_lists(writer *w);

/* Write a whole dataset made by ts_h5w_create; 0 or -1. */
int ts_h5w_fill(writer *w, hid_t dset, hid_t mem_type, const void *data, const char *shown);

/* Write `data`, shaped dims[0..rank-1], into dset: all of it when slot < 0,
 * else the slice at index `slot` of its last dimension (a subject family's
 * dataset has one more dimension than the data of one row). 0 or -1. */
int ts_h5w_fill_slot(writer *w, hid_t dset, int rank, const hsize_t *dims, int slot, hid_t mem_type, const void *data,
                     const char *shown);

/* Select in `space` the block start/count of rank dimensions, and in the
 * last one (rank + 1) the index `slot` when slot >= 0. 0 or -1. */
int ts_h5w_select(hid_t space, int rank, const hsize_t *start, const hsize_t *count, int slot);

/* The memory space of a block count[0..rank-1] that ts_h5w_select picks:
 * with slot >= 0, one more dimension of size 1, so that the memory and the
 * file selection have the same shape. HDF5 then maps the block onto the
 * chunks in one piece; a memory space of rank dimensions against the
 * file's rank + 1 made it map every element in turn (a third of the cost
 * of writing a replication). The space, or -1. */
hid_t ts_h5w_block_space(int rank, const hsize_t *count, int slot);

/* A group whose links and attributes keep the order written and carry no
 * timestamps, like the root; the group, or -1. */
hid_t ts_h5w_group(writer *w, hid_t loc, const char *name);

/* ---- the layout (results_h5_layout.c) ------------------------------------ */

/* The chunk of a dataset of shape (first, replication, year, region). */
void ts_h5w_chunk_shape(const ts_results *res, int is_count, hsize_t chunk[N_DIMS]);

/* Every object of the file in the order of format version 1, before any
 * value: root attributes and coordinates, the indicators, and the groups
 * parameters/, comparison/ and targets/ where res has any. 0 or -1. */
int ts_h5w_create_layout(ts_results_file *f, const ts_results *res);

/* ---- the comparison statistics (comparison_h5.c) ------------------------- */

/* Each indicator's statistics into comparison/: from res when computed in
 * memory (ts_comparison_compute), else from the differences in the file.
 * Stops early, returning 0, when *interrupted is set. 0 or -1. */
int ts_h5w_fill_comparison_stats(ts_results_file *f, const ts_results *res, volatile sig_atomic_t *interrupted);

#endif
