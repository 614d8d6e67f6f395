/**
 * @file roster.h
 * Real rosters: the start population read from a schools CSV and a teachers
 * CSV, and any start population written back as those two files.
 *
 * Owns: the two CSV formats (columns, codes, limits; docs/rosters.md),
 * parsing them with libcsv, validating every row and reporting every problem
 * as FILE:LINE: COLUMN: problem, and the export that writes a population so
 * that loading it again gives the same ts_population bit for bit.
 * Does not own: the derived school fields (ts_population_derive in
 * population.h, shared with the generator), nor where the file names come
 * from (the scenario keys population.schools_csv and population.teachers_csv,
 * resolved against the scenario file's folder by the loader).
 */
#ifndef TEACHSIM_ROSTER_H
#define TEACHSIM_ROSTER_H

#include <stddef.h>

#include "population.h"
#include "teachsim/scenario.h"
#include "teachsim/status.h"

#define TS_ROSTER_MAX_SCHOOLS 1000000   /* data rows of a schools CSV */
#define TS_ROSTER_MAX_TEACHERS 20000000 /* data rows of a teachers CSV */
#define TS_ROSTER_MAX_FIELD 1024        /* bytes of one field */
#define TS_ROSTER_MAX_LINE 65536        /* bytes of one line, and of one record */
#define TS_ROSTER_MAX_ID 64             /* bytes of a school_id or teacher_id */
#define TS_ROSTER_MAX_PROBLEMS 50       /* problems listed before "... and N more" */

/**
 * Load the start population from the scenario's population.schools_csv and
 * population.teachers_csv (both must be set). Schools and teachers keep the
 * files' row order; the uid of a teacher is its 0-based data row in the
 * teachers CSV. On failure p is left empty and err holds every problem found
 * (up to TS_ROSTER_MAX_PROBLEMS lines, then a count), status TS_ERR_INPUT.
 */
ts_status ts_roster_load(ts_population *p, const ts_scenario *scenario, ts_error *err);

/**
 * As ts_roster_load, from two CSV texts held in memory; the names are used in
 * messages only. The entry point of the fuzz targets.
 */
ts_status ts_roster_parse(ts_population *p, const ts_scenario *scenario, const char *schools, size_t schools_len,
                          const char *schools_name, const char *teachers, size_t teachers_len,
                          const char *teachers_name, ts_error *err);

/**
 * Write p as dir/schools.csv and dir/teachers.csv (dir must exist), each
 * through a temporary name renamed into place, replacing existing files.
 * School and teacher ids are S<row+1> and T<row+1>, zero-padded.
 */
ts_status ts_roster_export(const ts_population *p, const ts_scenario *scenario, const char *dir, ts_error *err);

#endif
