/**
 * @file indicator_list.h
 * The one table of output fields (docs/conventions.md, rule 6).
 *
 * Owns: TS_INDICATOR_LIST, an X-macro with a row per indicator (name, kind,
 * units, long name, the expression that computes it from a region's tally
 * `t`, description), and the table of definitions expanded from it, which
 * the scenario's targets, the results writer, `teachsim summary` and the
 * docs read. The tally expressions are expanded only where the tally is
 * known (record/indicators.c); this layer only keeps them beside their rows,
 * so that a new indicator is one row in one place.
 */
#ifndef TEACHSIM_INDICATOR_LIST_H
#define TEACHSIM_INDICATOR_LIST_H

#include <stddef.h>

#include "teachsim/vocabulary.h"

#define AT_START "at the start of the school year (1 September), "
#define IN_SUMMER "during the summer before the school year (1 September to 31 August), "

/* X(name, kind, units, long name, value from tally t, description) */
#define TS_INDICATOR_LIST(X)                                                                                           \
    X(teachers, TS_VALUE_COUNT, "teachers", "Teachers in post", t->teachers,                                           \
      "All teachers in post " AT_START "of any contract (established, temporary, targeted), after the summer's "       \
      "exits, transfers and hires.")                                                                                   \
    X(teachers_established, TS_VALUE_COUNT, "teachers", "Established teachers", t->established,                        \
      "Teachers in post on established contracts (在编) " AT_START "targeted graduates excluded.")                     \
    X(teachers_temporary, TS_VALUE_COUNT, "teachers", "Temporary teachers", t->temporary,                              \
      "Teachers in post on temporary contracts (临聘/代课) " AT_START "after releases and hires.")                     \
    X(pupils, TS_VALUE_COUNT, "pupils", "Pupils", t->pupils,                                                           \
      "Pupils enrolled in grades 1-9 " AT_START "after grade progression, entry and the rural-urban shift.")           \
    X(requirement, TS_VALUE_COUNT, "posts", "Staffing requirement", t->requirement,                                    \
      "Teaching posts the staffing standard gives for the year's pupils " AT_START                                     \
      "summed over schools (pupil ratio times teaching share, with the class-to-teacher floor).")                      \
    X(vacancies, TS_VALUE_COUNT, "posts", "Vacancies", t->vacancies,                                                   \
      "Posts without a teacher of any contract " AT_START "summed over schools as max(0, requirement - teachers).")    \
    X(rural_vacancies, TS_VALUE_COUNT, "posts", "Rural vacancies", t->rural_vacancies,                                 \
      "Vacancies (as in vacancies) of rural schools only " AT_START "teaching points included.")                       \
    X(vacancies_established, TS_VALUE_COUNT, "posts", "Posts without an established teacher",                          \
      t->vacancies_established,                                                                                        \
      "Posts not held by an established or targeted teacher " AT_START                                                 \
      "summed over schools as max(0, requirement - established - targeted); temporaries fill some of them.")           \
    X(retirements, TS_VALUE_COUNT, "teachers", "Retirements", t->flows.retirements,                                    \
      "Teachers who retired " IN_SUMMER "at the statutory age or by flexible early retirement.")                       \
    X(leavers, TS_VALUE_COUNT, "teachers", "Leavers", t->flows.leavers,                                                \
      "Teachers who left the system " IN_SUMMER                                                                        \
      "retirements and transfers excluded; temporaries whose contracts ended included.")                               \
    X(transfers_to_urban, TS_VALUE_COUNT, "teachers", "Transfers to town or urban schools",                            \
      t->flows.transfers_to_urban,                                                                                     \
      "Rural teachers who moved to a town or urban school of the same region " IN_SUMMER                               \
      "(a region's total teachers do not change by them).")                                                            \
    X(hires, TS_VALUE_COUNT, "teachers", "Hires", t->flows.hires,                                                      \
      "Teachers hired " IN_SUMMER "by open recruitment and as temporaries.")                                           \
    X(hires_temporary, TS_VALUE_COUNT, "teachers", "Temporary hires", t->flows.hires_temporary,                        \
      "Temporary teachers hired " IN_SUMMER "into vacancies open recruitment left.")                                   \
    X(mean_age, TS_VALUE_REAL, "years", "Mean age of teachers",                                                        \
      t->teachers ? (double)t->age_sum / (double)t->teachers : NAN,                                                    \
      "Mean age in whole years on 31 August of teachers in post " AT_START "all contracts.")                           \
    X(share_age_50plus, TS_VALUE_REAL, "1", "Share of teachers aged 50 or more",                                       \
      t->teachers ? (double)t->age_50plus / (double)t->teachers : NAN,                                                 \
      "Share of teachers in post " AT_START "aged 50 or more on 31 August.")                                           \
    X(rural_teachers, TS_VALUE_COUNT, "teachers", "Teachers in rural schools", t->rural_teachers,                      \
      "Teachers in post in rural schools (teaching points included) " AT_START "all contracts.")                       \
    X(rural_share_age_50plus, TS_VALUE_REAL, "1", "Share of rural teachers aged 50 or more",                           \
      t->rural_teachers ? (double)t->rural_age_50plus / (double)t->rural_teachers : NAN,                               \
      "Share of teachers in rural schools " AT_START "aged 50 or more on 31 August.")                                  \
    X(pupil_teacher_ratio, TS_VALUE_REAL, "pupils per teacher", "Pupil-teacher ratio",                                 \
      t->teachers ? (double)t->pupils / (double)t->teachers : NAN,                                                     \
      "Pupils divided by teachers in post (all contracts) " AT_START "grades 1-9.")                                    \
    X(teachers_targeted, TS_VALUE_COUNT, "teachers", "Targeted graduates in service", t->targeted,                     \
      "Targeted graduates (公费定向) still owing rural service, in post " AT_START "")                                 \
    X(standby, TS_VALUE_COUNT, "teachers", "Teachers on standby", t->standby,                                          \
      "Established teachers without a post after the county's posting (待岗培训) " AT_START                            \
      "counted in teachers; they exit after posting.standby_exit_years.")                                              \
    X(out_of_field_posts, TS_VALUE_COUNT, "posts", "Posts held out of field", t->out_of_field,                         \
      "Posts held by a teacher of another subject " AT_START "(e.g. a PE post held by a maths teacher).")              \
    X(pe_art_posts, TS_VALUE_COUNT, "posts", "PE, music and art posts", t->pe_art_posts,                               \
      "Posts of PE, music and art the staffing standard gives " AT_START "(demand).")                                  \
    X(pe_art_specialists, TS_VALUE_COUNT, "teachers", "PE, music and art posts held by specialists",                   \
      t->pe_art_specialists,                                                                                           \
      "PE, music and art posts held by a teacher of that subject " AT_START "(supply that meets demand).")             \
    X(targeted_enrolled, TS_VALUE_COUNT, "students", "Targeted students enrolled", t->flows.targeted_enrolled,         \
      "Students entering a targeted rural-teacher programme for the region in the year (provincial and municipal).")   \
    X(targeted_in_study, TS_VALUE_COUNT, "students", "Targeted students in study", t->targeted_in_study,               \
      "Targeted students of the region in study " AT_START "after the year's drop-out and enrolment.")                 \
    X(targeted_arrivals, TS_VALUE_COUNT, "teachers", "Targeted graduates arriving", t->flows.targeted_arrivals,        \
      "Targeted graduates placed in the region's rural schools " IN_SUMMER "(also counted in hires).")                 \
    X(targeted_breaches, TS_VALUE_COUNT, "teachers", "Targeted graduates breaching", t->flows.targeted_breaches,       \
      "Targeted graduates who left during their service " IN_SUMMER "(also counted in leavers).")                      \
    X(targeted_service_completed, TS_VALUE_COUNT, "teachers", "Targeted service completed",                            \
      t->flows.targeted_service_completed,                                                                             \
      "Targeted graduates whose service obligation ended " IN_SUMMER "(they become established teachers).")            \
    X(rotations, TS_VALUE_COUNT, "teachers", "Rotations started", t->flows.rotations,                                  \
      "Teachers starting a rotation stint (交流轮岗) " IN_SUMMER "")                                                   \
    X(rotations_backbone, TS_VALUE_COUNT, "teachers", "Backbone rotations started", t->flows.rotations_backbone,       \
      "Backbone teachers (county level or higher) among the rotations started " IN_SUMMER "")                          \
    X(rotation_eligible, TS_VALUE_COUNT, "teachers", "Teachers eligible to rotate", t->flows.rotation_eligible,        \
      "Established teachers with rotation.min_years_at_school or more at one school, not rotating, " IN_SUMMER "")     \
    X(redeployments, TS_VALUE_COUNT, "teachers", "Redeployments", t->flows.redeployments,                              \
      "Teachers moved to another school by county-managed posting (competition or assignment) " IN_SUMMER "")          \
    X(standby_exits, TS_VALUE_COUNT, "teachers", "Exits after standby", t->flows.standby_exits,                        \
      "Teachers who left after the years on standby " IN_SUMMER "(also counted in leavers).")                          \
    QB_LEVEL(X, primary, 0)                                                                                            \
    QB_LEVEL(X, junior, 1)                                                                                             \
    X(qb_rotation_ok, TS_VALUE_COUNT, "counties", "Rotation condition met", t->quality.rotation_ok,                    \
      "1 if the year's rotations reach 10 % of eligible teachers with 20 % backbone (a county); for ALL, the "         \
      "number of counties meeting it.")                                                                                \
    X(qb_pass, TS_VALUE_COUNT, "counties", "Passing the teacher part of the assessment", t->quality.pass,              \
      "1 if the county passes the teacher part of the quality-balance assessment " AT_START                            \
      "(both levels and, when required, the rotation condition); for ALL, the number of counties passing.")

/* The quality-balance indicators of one level (primary 0, junior 1). */
#define QB_LEVEL(X, level, p)                                                                                          \
    X(qb_qualified_per100_##level, TS_VALUE_REAL, "per 100 pupils", "Teachers above required qualification",           \
      t->quality.per100[TS_QB_QUALIFIED][p],                                                                           \
      "Established and targeted teachers with a college diploma or more (primary) or a degree or more (junior), "      \
      "per 100 pupils of " #level " schools, "                                                                         \
      "over the scored schools " AT_START "(teaching points excluded).")                                               \
    X(qb_backbone_per100_##level, TS_VALUE_REAL, "per 100 pupils", "Backbone teachers",                                \
      t->quality.per100[TS_QB_BACKBONE][p],                                                                            \
      "County-level-or-higher backbone teachers per 100 pupils of " #level " schools " AT_START "")                    \
    X(qb_pe_art_per100_##level, TS_VALUE_REAL, "per 100 pupils", "PE, music and art teachers",                         \
      t->quality.per100[TS_QB_PE_ART][p],                                                                              \
      "PE, music and art teachers per 100 pupils of " #level " schools " AT_START "")                                  \
    X(qb_cv_qualified_##level, TS_VALUE_REAL, "1", "Difference coefficient, qualified teachers",                       \
      t->quality.cv[TS_QB_QUALIFIED][p],                                                                               \
      "Enrolment-weighted difference coefficient S/X across " #level " schools of teachers above the required "        \
      "qualification per 100 pupils " AT_START "")                                                                     \
    X(qb_cv_backbone_##level, TS_VALUE_REAL, "1", "Difference coefficient, backbone teachers",                         \
      t->quality.cv[TS_QB_BACKBONE][p],                                                                                \
      "Enrolment-weighted difference coefficient across " #level                                                       \
      " schools of backbone teachers per 100 pupils " AT_START "")                                                     \
    X(qb_cv_pe_art_##level, TS_VALUE_REAL, "1", "Difference coefficient, PE, music and art teachers",                  \
      t->quality.cv[TS_QB_PE_ART][p],                                                                                  \
      "Enrolment-weighted difference coefficient across " #level " schools of PE, music and art teachers per "         \
      "100 pupils " AT_START "")                                                                                       \
    X(qb_schools_ok_share_##level, TS_VALUE_REAL, "1", "Schools meeting the school rule",                              \
      t->quality.schools_ok_share[p],                                                                                  \
      "Share of scored " #level " schools meeting 6 of 7 resource indicators with the rest at 85 % " AT_START "")      \
    X(qb_pass_##level, TS_VALUE_COUNT, "counties", "Passing the " #level " teacher indicators",                        \
      t->quality.pass_level[p],                                                                                        \
      "1 if every scored " #level " school meets the school rule and every difference coefficient is within "          \
      "its limit " AT_START "; for ALL, the number of counties passing.")

extern const ts_indicator_def ts_indicator_defs[];
extern const size_t ts_indicator_count;

/** Index of an indicator in ts_indicator_defs, or -1. */
int ts_indicators_find(const char *name);

#endif
