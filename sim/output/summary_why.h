/**
 * @file summary_why.h
 * The planner's tables of `teachsim summary`: why a county fails the
 * quality-balance assessment, and the recruitment need by subject.
 *
 * Owns: per scenario, county and level, by year, the share of replications
 * in which the level fails and in which each condition of the assessment
 * fails on its own (each difference coefficient over its limit, the school
 * rule, the rotation condition), the mean share of schools below each
 * threshold, and a reading of one year in a sentence; and per scenario and
 * county, the recruitment need by subject (subjects/specialist_need) for
 * the first years with its 5-95 % band, with the hires by subject beside.
 * Works on a ts_results in memory. Does not own the other tables
 * (summary.h) nor how the indicators are counted (docs/model.md).
 */
#ifndef TEACHSIM_SUMMARY_WHY_H
#define TEACHSIM_SUMMARY_WHY_H

#include <stdio.h>

#include "table.h"
#include "teachsim/results.h"

/**
 * Why counties fail: for `region` (a county, or NULL or ALL for every
 * county) and `scenario` (NULL: every one), per level a table by year, then
 * the reading of `year` (0: the last year) in words, in view->lang, the
 * tables kept in view->keep when it is set. A file without the
 * decomposition's indicators (written before them) is a TS_ERR_INPUT error
 * that says so; unknown names are TS_ERR_USAGE, as for ts_summary_view_bands.
 */
ts_status ts_summary_view_why(const ts_view *v, const ts_results *res, const char *region, const char *scenario,
                              int year, ts_error *err);

/**
 * Recruitment need by subject: for `region` (any region; NULL: every
 * county, then ALL) and `scenario` (NULL: every one), rows the eight
 * subjects, columns the first `years` years, each the median and 5-95 %
 * points over replications of subjects/specialist_need, then the hires by
 * subject of the same years (medians). Language, kept tables and errors as
 * ts_summary_view_why.
 */
ts_status ts_summary_view_need(const ts_view *v, const ts_results *res, const char *region, const char *scenario,
                               int years, ts_error *err);

#endif
