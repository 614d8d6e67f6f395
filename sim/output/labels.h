/**
 * @file labels.h
 * Finding a region and an indicator of a results file by the name a person
 * types.
 *
 * Owns: a region given by its code (xiangtan_county, ALL) or its Chinese
 * name (湘潭县, 全部), and an indicator given by its name, each with the
 * message for a name the file does not have: the region's lists both forms
 * of every region, the indicator's ends with the nearest name ("did you mean
 * …?"). Does not own the tables that use them (summary.c).
 */
#ifndef TEACHSIM_OUTPUT_LABELS_H
#define TEACHSIM_OUTPUT_LABELS_H

#include "teachsim/results.h"
#include "teachsim/status.h"

/** The index of the region that `name` (NULL: ALL) names in res, or -1 with
 *  TS_ERR_USAGE in err ("unknown region 'NAME'; the file has: …"). */
int ts_labels_region(const ts_results *res, const char *name, ts_error *err);

/** The index of the indicator `name` in res, or -1 with TS_ERR_USAGE in err
 *  ("unknown metric 'NAME'; known metrics: … (did you mean …?)"). */
int ts_labels_metric(const ts_results *res, const char *name, ts_error *err);

#endif
