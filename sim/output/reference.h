/**
 * @file reference.h
 * The scenario reference and the indicator reference, generated from the
 * tables the program itself uses (the key table, the indicator table), so
 * the documentation cannot drift from the code: docs/scenario-reference.md
 * and docs/indicators.md are this output, and a test compares them.
 */
#ifndef TEACHSIM_REFERENCE_H
#define TEACHSIM_REFERENCE_H

#include <stdio.h>

/** Markdown of every scenario key: type, default, unit, range, source, meaning. */
void ts_reference_scenario(FILE *out);

/** Markdown of every indicator: name, type, units, long name, description. */
void ts_reference_indicators(FILE *out);

#endif
