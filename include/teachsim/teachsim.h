/**
 * @file teachsim.h
 * The public API of teachsim in one include.
 *
 * Owns nothing of its own: it gathers what a program embedding teachsim
 * needs (errors, categories, scenarios, running them, their results). Every
 * other header is internal to its layer (docs/architecture.md).
 */
#ifndef TEACHSIM_TEACHSIM_H
#define TEACHSIM_TEACHSIM_H

#include "teachsim/results.h"
#include "teachsim/run.h"
#include "teachsim/scenario.h"
#include "teachsim/status.h"
#include "teachsim/vocabulary.h"

#endif
