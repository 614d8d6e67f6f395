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
 * so that a new indicator is one row in one place. Also owns
 * TS_INDICATOR_PARTS, the companion table of which indicator is part of
 * which. Does not own the tally nor how a value is written or printed.
 */
#ifndef TEACHSIM_INDICATOR_LIST_H
#define TEACHSIM_INDICATOR_LIST_H

#include <stddef.h>

#include "teachsim/vocabulary.h"

/* When a value is counted: the _TIME phrases bare, AT_START and IN_SUMMER
 * followed by the rest of a sentence (they end in ", "), the _END forms
 * closing it. */
#define AT_START_TIME "at the start of the school year (1 September)"
#define AT_START AT_START_TIME ", "
#define AT_START_END AT_START_TIME "."
#define IN_SUMMER_TIME "during the summer before the school year (1 September to 31 August)"
#define IN_SUMMER IN_SUMMER_TIME ", "
#define IN_SUMMER_END IN_SUMMER_TIME "."

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
    X(public_pupils_from_private, TS_VALUE_COUNT, "pupils", "Public pupils moved from private schools",                \
      t->flows.public_pupils_from_private,                                                                             \
      "Pupils in public schools " AT_START "who would be in private schools at the start's private share: the "        \
      "region's public pupils of each level times (s0 - s) / (1 - s0), s0 the region's private_share and s the "       \
      "year's share under enrolment.private_share_cap (included in pupils; 0 while the share stays at s0).")           \
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
    X(vacancies_temporary, TS_VALUE_COUNT, "posts", "Posts without an established teacher held by temporaries",        \
      t->vacancies_temporary,                                                                                          \
      "Posts without an established or targeted teacher that a temporary teacher holds " AT_START                      \
      "summed over schools as min(temporaries, max(0, requirement - established - targeted)); "                        \
      "vacancies_established less vacancies, the vacancies temporaries hide.")                                         \
    X(surplus, TS_VALUE_COUNT, "teachers", "Teachers beyond the requirement (超编)", t->surplus,                       \
      "Teachers holding posts beyond the staffing requirement " AT_START                                               \
      "summed over schools as max(0, teachers in post - requirement), all contracts; teachers on standby hold no "     \
      "post and are not counted, so teachers - standby - requirement = surplus - vacancies.")                          \
    X(surplus_primary, TS_VALUE_COUNT, "teachers", "Teachers beyond the requirement, primary", t->surplus_level[0],    \
      "The primary part of surplus " AT_START "each school's surplus split between its primary and junior parts by "   \
      "their shares of its requirement, rounded to the nearest teacher.")                                              \
    X(surplus_junior, TS_VALUE_COUNT, "teachers", "Teachers beyond the requirement, junior", t->surplus_level[1],      \
      "The junior part of surplus " AT_START "what the primary part (surplus_primary) leaves of each school's "        \
      "surplus.")                                                                                                      \
    X(retirements, TS_VALUE_COUNT, "teachers", "Retirements", t->flows.retirements,                                    \
      "Teachers who retired " IN_SUMMER "at the statutory age or by flexible early retirement.")                       \
    X(leavers, TS_VALUE_COUNT, "teachers", "Leavers", t->flows.leavers,                                                \
      "Teachers who left the system " IN_SUMMER                                                                        \
      "retirements and transfers excluded; temporaries whose contracts ended included.")                               \
    X(transfers_to_urban, TS_VALUE_COUNT, "teachers", "Transfers to town or urban schools",                            \
      t->flows.transfers_to_urban,                                                                                     \
      "Rural teachers who moved to a town or urban school of the same region " IN_SUMMER_TIME                          \
      " (a region's total teachers do not change by them).")                                                           \
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
    RURAL_AGE_BANDS(X)                                                                                                 \
    X(pupil_teacher_ratio, TS_VALUE_REAL, "pupils per teacher", "Pupil-teacher ratio",                                 \
      t->teachers ? (double)t->pupils / (double)t->teachers : NAN,                                                     \
      "Pupils divided by teachers in post (all contracts) " AT_START "grades 1-9.")                                    \
    X(teachers_targeted, TS_VALUE_COUNT, "teachers", "Targeted graduates in service", t->targeted,                     \
      "Targeted graduates (公费定向) still owing rural service, in post " AT_START_END)                                \
    X(standby, TS_VALUE_COUNT, "teachers", "Teachers on standby", t->standby,                                          \
      "Established teachers without a post after the county's posting (待岗培训) " AT_START                            \
      "counted in teachers; they exit after posting.standby_exit_years.")                                              \
    X(out_of_field_posts, TS_VALUE_COUNT, "posts", "Posts held out of field", t->out_of_field,                         \
      "Posts held by a teacher of another subject " AT_START_TIME " (e.g. a PE post held by a maths teacher).")        \
    X(pe_art_posts, TS_VALUE_COUNT, "posts", "PE, music and art posts", t->pe_art_posts,                               \
      "Posts of PE, music and art the staffing standard gives " AT_START_TIME " (demand).")                            \
    X(pe_art_specialists, TS_VALUE_COUNT, "posts", "PE, music and art posts held by specialists",                      \
      t->pe_art_specialists,                                                                                           \
      "PE, music and art posts held by an established or targeted teacher of the post's subject " AT_START             \
      "summed over schools and subjects as min(posts, such teachers): specialists beyond a school's posts hold none.") \
    X(targeted_enrolled, TS_VALUE_COUNT, "students", "Targeted students enrolled", t->flows.targeted_enrolled,         \
      "Students entering a targeted rural-teacher programme for the region in the year (provincial and municipal).")   \
    X(targeted_in_study, TS_VALUE_COUNT, "students", "Targeted students in study", t->targeted_in_study,               \
      "Targeted students of the region in study " AT_START "after the year's drop-out and enrolment.")                 \
    X(targeted_arrivals, TS_VALUE_COUNT, "teachers", "Targeted graduates arriving", t->flows.targeted_arrivals,        \
      "Targeted graduates placed in the region's rural schools " IN_SUMMER_TIME " (also counted in hires).")           \
    X(targeted_breaches, TS_VALUE_COUNT, "teachers", "Targeted graduates breaching", t->flows.targeted_breaches,       \
      "Targeted graduates who left during their service " IN_SUMMER_TIME " (also counted in leavers).")                \
    X(targeted_service_completed, TS_VALUE_COUNT, "teachers", "Targeted service completed",                            \
      t->flows.targeted_service_completed,                                                                             \
      "Targeted graduates whose service obligation ended " IN_SUMMER_TIME " (they become established teachers).")      \
    X(rotations, TS_VALUE_COUNT, "teachers", "Rotations started", t->flows.rotations,                                  \
      "Teachers starting a rotation stint (交流轮岗) " IN_SUMMER_END)                                                  \
    X(rotations_backbone, TS_VALUE_COUNT, "teachers", "Backbone rotations started", t->flows.rotations_backbone,       \
      "Backbone teachers (county level or higher) among the rotations started " IN_SUMMER_END)                         \
    X(rotation_eligible, TS_VALUE_COUNT, "teachers", "Teachers eligible to rotate", t->flows.rotation_eligible,        \
      "Established teachers with rotation.min_years_at_school or more at one school, not rotating, "                   \
      "counted " IN_SUMMER_END)                                                                                        \
    X(redeployments, TS_VALUE_COUNT, "teachers", "Redeployments", t->flows.redeployments,                              \
      "Teachers moved to another school by county-managed posting (competition or assignment) " IN_SUMMER_END)         \
    X(standby_exits, TS_VALUE_COUNT, "teachers", "Exits after standby", t->flows.standby_exits,                        \
      "Teachers who left after the years on standby " IN_SUMMER_TIME " (also counted in leavers).")                    \
    X(psych_posts, TS_VALUE_COUNT, "posts", "Psychology posts", t->psych_posts,                                        \
      "Posts of psychological counselling staff the schools need " AT_START "full-time ones from "                     \
      "psychology.full_time_from pupils, else one part-time; 0 unless psychology.enabled.")                            \
    X(psych_staff, TS_VALUE_COUNT, "teachers", "Psychology staff", t->psych_staff,                                     \
      "Psychological counselling staff in post " AT_START "full and part time (they hold no teaching post).")          \
    X(psych_vacancies, TS_VALUE_COUNT, "posts", "Psychology posts open", t->psych_vacancies,                           \
      "Psychology posts without staff " AT_START "summed over schools.")                                               \
    X(psych_schools_covered_share, TS_VALUE_REAL, "1", "Schools with psychology staff",                                \
      t->psych_schools > 0 ? (double)t->psych_schools_covered / (double)t->psych_schools : NAN,                        \
      "Share of the schools with pupils that have at least one member of psychological counselling staff, full or "    \
      "part time, " AT_START_TIME "; NaN unless psychology.enabled.")                                                  \
    X(level_changes, TS_VALUE_COUNT, "teachers", "Teachers changing level", t->flows.level_changes,                    \
      "Teachers placed by the county posting " IN_SUMMER_TIME " in a post at a school of the other level "             \
      "(primary-only to junior-only or the reverse), after posting.cross_level_lag_years on standby.")                 \
    X(schools_merged, TS_VALUE_COUNT, "schools", "Schools merged", t->flows.schools_merged,                            \
      "Schools with fewer pupils than network.merge_below_pupils merged into their township school " AT_START          \
      "their pupils and teachers moved there; each merges once.")                                                      \
    X(pupils_merged, TS_VALUE_COUNT, "pupils", "Pupils moved by mergers", t->flows.pupils_merged,                      \
      "Pupils of the schools merged " AT_START "moved to the receiving school.")                                       \
    X(schools_opened, TS_VALUE_COUNT, "schools", "Schools opened", t->flows.schools_opened,                            \
      "New schools of network.new_schools opened " AT_START "each takes its catchment's entrants from then on.")       \
    X(new_school_pupils, TS_VALUE_COUNT, "pupils", "Pupils in new schools", t->new_school_pupils,                      \
      "Pupils in the schools of network.new_schools " AT_START "0 before they open; at most their capacity.")          \
    X(new_school_staff, TS_VALUE_COUNT, "teachers", "Teachers in new schools", t->new_school_staff,                    \
      "Teachers holding posts in the schools of network.new_schools " AT_START "temporaries included.")                \
    X(rotating_away, TS_VALUE_COUNT, "teachers", "Rotating teachers away from their home post", t->rotating_away,      \
      "Teachers on a rotation stint (交流轮岗) " AT_START "holding a post at the destination school. Their home "      \
      "post was vacated when they left, so while they are away it is refilled by the summer's hiring and posting or "  \
      "counted in vacancies: each is one post of headcount rotation adds until the stint ends (they return, and "      \
      "their home school may then be over its requirement, or stay).")                                                 \
    QB_LEVEL(X, primary, 0)                                                                                            \
    QB_LEVEL(X, junior, 1)                                                                                             \
    X(qb_rotation_ok, TS_VALUE_COUNT, "counties", "Rotation condition met", t->quality.rotation_ok,                    \
      "1 if the year's rotations reach 10 % of eligible teachers with 20 % backbone (a county); for ALL, the "         \
      "number of counties meeting it.")                                                                                \
    X(qb_pass, TS_VALUE_COUNT, "counties", "Passing the teacher part of the assessment", t->quality.pass,              \
      "1 if the county passes the teacher part of the quality-balance assessment " AT_START_TIME                       \
      " (both levels and, when required, the rotation condition); for ALL, the number of counties passing.")           \
    QB_WHY_LEVEL(X, primary, 0)                                                                                        \
    QB_WHY_LEVEL(X, junior, 1)                                                                                         \
    X(qb_fails_rotation, TS_VALUE_COUNT, "counties", "Failing the rotation condition", t->quality.fails_rotation,      \
      "1 if the county's rotations of the summer " IN_SUMMER_TIME " fall short of 10 % of eligible teachers or of "    \
      "20 % backbone among them (whether or not quality.require_rotation counts it); for ALL, the number of "          \
      "counties.")                                                                                                     \
    X(qb_schools_meeting_rule, TS_VALUE_COUNT, "schools", "Schools meeting the school rule",                           \
      t->quality.schools_meeting_rule,                                                                                 \
      "Scored schools meeting the school rule (6 of 7 resource indicators, the rest at 85 %) " AT_START                \
      "counted once per level (a nine-year school meeting it at both levels counts twice).")                           \
    X(qb_shared_backbone, TS_VALUE_REAL, "teachers", "Backbone teachers shared in alliances",                          \
      t->quality.shared[TS_QB_BACKBONE],                                                                               \
      "Backbone teachers counted " AT_START "at a school of their alliance other than their own, in "                  \
      "teacher-equivalents (alliances.backbone_hours_shared of their hours, taught where the pupils are); 0 "          \
      "without alliances.")                                                                                            \
    X(qb_shared_pe_art, TS_VALUE_REAL, "teachers", "PE, music and art teachers shared in alliances",                   \
      t->quality.shared[TS_QB_PE_ART],                                                                                 \
      "PE, music and art teachers counted " AT_START "at a school of their alliance other than their own (走教), "   \
      "in teacher-equivalents (alliances.pe_art_hours_shared of their hours); 0 without alliances.")                   \
    COST_INDICATORS(X)

/* The costs (record/costs.h): yuan of the school year, each a count of the
 * year times the year's unit cost of costs.* in the scenario. A stock counted
 * at the start of the school year is paid for the whole school year; a flow
 * of the summer before it is paid once. */
#define COST_COUNTY " Paid by the county."
#define COST_INDICATORS(X)                                                                                             \
    X(cost_pay, TS_VALUE_REAL, "yuan", "Pay", t->costs.item[TS_COST_PAY],                                              \
      "Yearly pay of the teachers in post " AT_START "established and targeted by title (costs.pay.established, "      \
      "costs.pay.targeted), temporaries at costs.pay.temporary; teachers on standby included." COST_COUNTY)            \
    X(cost_rural_allowance, TS_VALUE_REAL, "yuan", "Rural teacher allowance", t->costs.item[TS_COST_RURAL_ALLOWANCE],  \
      "Twelve months of costs.rural_allowance by the school's locality for each established or targeted teacher "      \
      "with a title holding a post " AT_START "at a town or rural school (town over-counts: county-seat towns get "    \
      "none)." COST_COUNTY)                                                                                            \
    X(cost_targeted_study_provincial, TS_VALUE_REAL, "yuan", "Targeted students' study, provincial places",            \
      t->costs.item[TS_COST_STUDY_PROVINCIAL],                                                                         \
      "costs.targeted_study.provincial for each of the region's targeted students in study " AT_START                  \
      "on provincial places (each cohort split by the provincial share of the places of the year it enrolled). "       \
      "Paid by the province.")                                                                                         \
    X(cost_targeted_study_municipal, TS_VALUE_REAL, "yuan", "Targeted students' study, municipal places",              \
      t->costs.item[TS_COST_STUDY_MUNICIPAL],                                                                          \
      "costs.targeted_study.municipal for each of the region's targeted students in study " AT_START                   \
      "on municipal places (the rest of each cohort). Paid by the city.")                                              \
    X(cost_recruitment, TS_VALUE_REAL, "yuan", "Recruitment", t->costs.item[TS_COST_RECRUITMENT],                      \
      "costs.recruitment for each open-recruitment hire " IN_SUMMER "hires less temporary hires less targeted "        \
      "arrivals." COST_COUNTY)                                                                                         \
    X(cost_standby_training, TS_VALUE_REAL, "yuan", "Standby training", t->costs.item[TS_COST_STANDBY_TRAINING],       \
      "costs.standby_training for each teacher on standby " AT_START "on top of their pay." COST_COUNTY)               \
    X(cost_rotation_allowance, TS_VALUE_REAL, "yuan", "Rotation allowance", t->costs.item[TS_COST_ROTATION_ALLOWANCE], \
      "costs.rotation_allowance for each teacher on a rotation stint " AT_START "on top of their pay." COST_COUNTY)    \
    X(cost_psychology, TS_VALUE_REAL, "yuan", "Psychology staff", t->costs.item[TS_COST_PSYCHOLOGY],                   \
      "psychology.pay for each full-time and psychology.part_time_allowance for each part-time member of psychology "  \
      "staff " AT_START "and costs.recruitment for each full-time one hired in the summer before; 0 unless "           \
      "psychology.enabled." COST_COUNTY)                                                                               \
    X(cost_total, TS_VALUE_REAL, "yuan", "Total cost", t->costs.total,                                                 \
      "The sum of the eight cost items of the school year (cost_pay to cost_psychology), all payers.")                 \
    X(cost_county, TS_VALUE_REAL, "yuan", "Cost to the county", t->costs.payer[TS_PAYER_COUNTY],                       \
      "What the county pays in the school year: pay, rural allowance, recruitment, standby training and rotation "     \
      "allowances.")                                                                                                   \
    X(cost_city, TS_VALUE_REAL, "yuan", "Cost to the city", t->costs.payer[TS_PAYER_CITY],                             \
      "What the city pays in the school year: its municipal targeted students' study.")                                \
    X(cost_province, TS_VALUE_REAL, "yuan", "Cost to the province", t->costs.payer[TS_PAYER_PROVINCE],                 \
      "What the province pays in the school year: its provincial targeted students' study.")                           \
    X(cost_total_cumulative, TS_VALUE_REAL, "yuan", "Cumulative total cost", t->costs.total,                           \
      "cost_total summed over the school years from the first simulated year through this one, in each "               \
      "replication.")

/* The subject families (results group subjects/, docs/results-file.md):
 * each is one row per subject, in ts_subject order, named
 * "subjects/<family>/<subject>", written as one dataset subjects/<family>
 * with a subject dimension. X(family, units, long name, value of subject k
 * from tally t, description). */
#define TS_SUBJECT_FAMILY_LIST(X)                                                                                      \
    X(requirement, "posts", "Staffing requirement by subject", t->subject[k].requirement,                              \
      "Teaching posts of the subject the staffing standard gives " AT_START "summed over schools.")                    \
    X(posts_held, "posts", "Posts held by subject", t->subject[k].posts_held,                                          \
      "Posts of the subject held by a teacher of any contract " AT_START                                               \
      "summed over schools as min(posts, holders); out-of-field holders included.")                                    \
    X(vacancies, "posts", "Vacancies by subject", t->subject[k].vacancies,                                             \
      "Posts of the subject without a teacher of any contract " AT_START                                               \
      "summed over schools as max(0, posts - holders); a school's surplus in one subject does not fill another's.")    \
    X(rural_vacancies, "posts", "Rural vacancies by subject", t->subject[k].rural_vacancies,                           \
      "Vacancies of the subject (as in subjects/vacancies) in rural schools only " AT_START "teaching points "         \
      "included.")                                                                                                     \
    X(surplus, "teachers", "Teachers beyond the requirement by subject", t->subject[k].surplus,                        \
      "Teachers holding posts of the subject beyond its posts " AT_START "summed over schools as "                     \
      "max(0, holders - posts).")                                                                                      \
    X(out_of_field_posts, "posts", "Posts held out of field by subject", t->subject[k].out_of_field,                   \
      "Posts of the subject held by an established or targeted teacher of another subject " AT_START_END)              \
    X(specialist_need, "posts", "Recruitment need by subject (招聘需求)", t->subject[k].specialist_need,               \
      "Posts of the subject not held by an established or targeted teacher of that subject " AT_START                  \
      "summed over schools as max(0, posts - such teachers): the specialists a school would have to recruit or be "    \
      "sent to hold every post of the subject in field.")                                                              \
    X(hires, "teachers", "Hires by subject", t->flows.hires_subject[k],                                                \
      "Teachers hired into posts of the subject " IN_SUMMER "all contracts (as hires).")                               \
    X(leavers, "teachers", "Leavers by subject", t->flows.leavers_subject[k],                                          \
      "Teachers of the subject who left the system " IN_SUMMER "as leavers.")                                          \
    X(retirements, "teachers", "Retirements by subject", t->flows.retirements_subject[k],                              \
      "Teachers of the subject who retired " IN_SUMMER_END)

/* The rural age pyramid: teachers in rural schools by five-year band of age
 * on 31 August, 20-24 (and younger) to 60-64 (and older), band k counting ages
 * 20 + 5k to 24 + 5k. The analysis toolkit stacks the nine into
 * rural_age_pyramid (docs/results-file.md). */
#define TS_RURAL_AGE_BANDS 9
#define RURAL_AGE_BAND(X, lo, hi, k, text)                                                                             \
    X(rural_teachers_age_##lo##_##hi, TS_VALUE_COUNT, "teachers", "Rural teachers aged " #lo "-" #hi,                  \
      t->rural_age_band[k],                                                                                            \
      "Teachers in post in rural schools " AT_START "aged " text " on 31 August (a band of the "                       \
      "rural age pyramid).")
#define RURAL_AGE_BANDS(X)                                                                                             \
    RURAL_AGE_BAND(X, 20, 24, 0, "24 or less")                                                                         \
    RURAL_AGE_BAND(X, 25, 29, 1, "25 to 29")                                                                           \
    RURAL_AGE_BAND(X, 30, 34, 2, "30 to 34")                                                                           \
    RURAL_AGE_BAND(X, 35, 39, 3, "35 to 39")                                                                           \
    RURAL_AGE_BAND(X, 40, 44, 4, "40 to 44")                                                                           \
    RURAL_AGE_BAND(X, 45, 49, 5, "45 to 49")                                                                           \
    RURAL_AGE_BAND(X, 50, 54, 6, "50 to 54")                                                                           \
    RURAL_AGE_BAND(X, 55, 59, 7, "55 to 59")                                                                           \
    RURAL_AGE_BAND(X, 60, 64, 8, "60 or more")

/* Why a level fails (docs/model.md, "Why a county fails"): each condition
 * of the assessment on its own, and the schools behind the school rule. */
#define QB_WHY_CV(X, ind, level, j, p, text)                                                                           \
    X(qb_fails_cv_##ind##_##level, TS_VALUE_COUNT, "counties",                                                         \
      "Difference coefficient over its limit, " text ", " #level, t->quality.fails_cv[j][p],                           \
      "1 if the county's difference coefficient of " text " across " #level " schools is over quality.max_cv (or "     \
      "undefined) " AT_START "else 0; for ALL, the number of counties.")
#define QB_WHY_MISSING(X, ind, level, j, p, text)                                                                      \
    X(qb_schools_missing_##ind##_##level, TS_VALUE_REAL, "1", "Schools below the threshold, " text ", " #level,        \
      t->quality.schools_missing[j][p],                                                                                \
      "Share of the scored " #level " schools whose " text " per 100 pupils are below the threshold " AT_START_END)    \
    X(qb_failing_missing_##ind##_##level, TS_VALUE_REAL, "1",                                                          \
      "Failing schools below the threshold, " text ", " #level, t->quality.failing_missing[j][p],                      \
      "Among the scored " #level " schools failing the school rule, the share whose " text " per 100 pupils are "      \
      "below the threshold " AT_START "undefined when no school fails.")
#define QB_WHY_LEVEL(X, level, p)                                                                                      \
    QB_WHY_CV(X, qualified, level, TS_QB_QUALIFIED, p, "teachers above the required qualification")                    \
    QB_WHY_CV(X, backbone, level, TS_QB_BACKBONE, p, "backbone teachers")                                              \
    QB_WHY_CV(X, pe_art, level, TS_QB_PE_ART, p, "PE, music and art teachers")                                         \
    X(qb_fails_school_rule_##level, TS_VALUE_COUNT, "counties", "Failing the school rule, " #level,                    \
      t->quality.fails_school_rule[p],                                                                                 \
      "1 if at least one scored " #level " school misses the school rule " AT_START "else 0; for ALL, the number "     \
      "of counties.")                                                                                                  \
    QB_WHY_MISSING(X, qualified, level, TS_QB_QUALIFIED, p, "teachers above the required qualification")               \
    QB_WHY_MISSING(X, backbone, level, TS_QB_BACKBONE, p, "backbone teachers")                                         \
    QB_WHY_MISSING(X, pe_art, level, TS_QB_PE_ART, p, "PE, music and art teachers")

/* The quality-balance indicators of one level (primary 0, junior 1). */
#define QB_LEVEL(X, level, p)                                                                                          \
    X(qb_qualified_per100_##level, TS_VALUE_REAL, "per 100 pupils", "Teachers above required qualification, " #level,  \
      t->quality.per100[TS_QB_QUALIFIED][p],                                                                           \
      "Established and targeted teachers with a college diploma or more (primary) or a degree or more (junior), "      \
      "per 100 pupils of " #level " schools, "                                                                         \
      "over the scored schools " AT_START_TIME " (teaching points excluded).")                                         \
    X(qb_backbone_per100_##level, TS_VALUE_REAL, "per 100 pupils", "Backbone teachers, " #level,                       \
      t->quality.per100[TS_QB_BACKBONE][p],                                                                            \
      "County-level-or-higher backbone teachers per 100 pupils of " #level " schools " AT_START_END)                   \
    X(qb_pe_art_per100_##level, TS_VALUE_REAL, "per 100 pupils", "PE, music and art teachers, " #level,                \
      t->quality.per100[TS_QB_PE_ART][p],                                                                              \
      "PE, music and art teachers per 100 pupils of " #level " schools " AT_START_END)                                 \
    X(qb_cv_qualified_##level, TS_VALUE_REAL, "1", "Difference coefficient, qualified teachers, " #level,              \
      t->quality.cv[TS_QB_QUALIFIED][p],                                                                               \
      "Enrolment-weighted difference coefficient S/X across " #level " schools of teachers above the required "        \
      "qualification per 100 pupils " AT_START_END)                                                                    \
    X(qb_cv_backbone_##level, TS_VALUE_REAL, "1", "Difference coefficient, backbone teachers, " #level,                \
      t->quality.cv[TS_QB_BACKBONE][p],                                                                                \
      "Enrolment-weighted difference coefficient across " #level                                                       \
      " schools of backbone teachers per 100 pupils " AT_START_END)                                                    \
    X(qb_cv_pe_art_##level, TS_VALUE_REAL, "1", "Difference coefficient, PE, music and art teachers, " #level,         \
      t->quality.cv[TS_QB_PE_ART][p],                                                                                  \
      "Enrolment-weighted difference coefficient across " #level " schools of PE, music and art teachers per "         \
      "100 pupils " AT_START_END)                                                                                      \
    X(qb_schools_ok_share_##level, TS_VALUE_REAL, "1", "Schools meeting the school rule, " #level,                     \
      t->quality.schools_ok_share[p],                                                                                  \
      "Share of scored " #level " schools meeting 6 of 7 resource indicators with the rest at 85 % " AT_START_END)     \
    X(qb_pass_##level, TS_VALUE_COUNT, "counties", "Passing the teacher indicators, " #level,                          \
      t->quality.pass_level[p],                                                                                        \
      "1 if every scored " #level " school meets the school rule and every difference coefficient is within "          \
      "its limit " AT_START "else 0; for ALL, the number of counties passing.")

/*
 * What is part of what: P(part, whole) for every pair of indicators where
 * the part counts, by its definition, a subset of what the whole counts, so
 * that part <= whole in every region (ALL included), year and replication.
 * A new indicator that counts part of another gets a row here;
 * tests/test_indicators.c checks every row on real runs, and that both names
 * are rows of TS_INDICATOR_LIST.
 */
#define TS_INDICATOR_PARTS(P)                                                                                          \
    P(teachers_established, teachers)                                                                                  \
    P(teachers_temporary, teachers)                                                                                    \
    P(teachers_targeted, teachers)                                                                                     \
    P(rural_teachers, teachers)                                                                                        \
    P(rural_teachers_age_20_24, rural_teachers)                                                                        \
    P(rural_teachers_age_25_29, rural_teachers)                                                                        \
    P(rural_teachers_age_30_34, rural_teachers)                                                                        \
    P(rural_teachers_age_35_39, rural_teachers)                                                                        \
    P(rural_teachers_age_40_44, rural_teachers)                                                                        \
    P(rural_teachers_age_45_49, rural_teachers)                                                                        \
    P(rural_teachers_age_50_54, rural_teachers)                                                                        \
    P(rural_teachers_age_55_59, rural_teachers)                                                                        \
    P(rural_teachers_age_60_64, rural_teachers)                                                                        \
    P(standby, teachers_established)       /* only established teachers compete for posts */                           \
    P(out_of_field_posts, teachers)        /* each is a teacher in post */                                             \
    P(rotating_away, teachers_established) /* only established teachers are eligible */                                \
    P(surplus, teachers)                                                                                               \
    P(surplus_primary, surplus)                                                                                        \
    P(surplus_junior, surplus)                                                                                         \
    P(vacancies_established, requirement)                                                                              \
    P(vacancies, vacancies_established)                                                                                \
    P(rural_vacancies, vacancies)                                                                                      \
    P(vacancies_temporary, vacancies_established)                                                                      \
    P(vacancies_temporary, teachers_temporary)                                                                         \
    P(pe_art_posts, requirement)                                                                                       \
    P(pe_art_specialists, pe_art_posts)                                                                                \
    P(hires_temporary, hires)                                                                                          \
    P(targeted_arrivals, hires)                                                                                        \
    P(targeted_breaches, leavers)                                                                                      \
    P(public_pupils_from_private, pupils)                                                                              \
    P(new_school_pupils, pupils)                                                                                       \
    P(new_school_staff, teachers)                                                                                      \
    P(standby_exits, leavers)                                                                                          \
    P(rotations, rotation_eligible) /* the quota is a share of the eligible, sent from their pool */                   \
    P(rotations_backbone, rotations)                                                                                   \
    P(qb_pass, qb_pass_primary)                                                                                        \
    P(qb_pass, qb_pass_junior)                                                                                         \
    P(cost_pay, cost_county) /* each item within its payer's sum, each payer within the total */                       \
    P(cost_rural_allowance, cost_county)                                                                               \
    P(cost_recruitment, cost_county)                                                                                   \
    P(cost_standby_training, cost_county)                                                                              \
    P(cost_rotation_allowance, cost_county)                                                                            \
    P(cost_psychology, cost_county)                                                                                    \
    P(psych_staff, psych_posts)                                                                                        \
    P(cost_targeted_study_provincial, cost_province)                                                                   \
    P(cost_targeted_study_municipal, cost_city)                                                                        \
    P(cost_county, cost_total)                                                                                         \
    P(cost_city, cost_total)                                                                                           \
    P(cost_province, cost_total)                                                                                       \
    P(cost_total, cost_total_cumulative)

/* The rows of the indicator table: an index constant TS_ROW_<name> for each
 * indicator of TS_INDICATOR_LIST, then the subject families' rows. */
#define TS_ROW_ENUM(name, kind, units, long_name, expr, description) TS_ROW_##name,
#define TS_FAMILY_ROWS_ENUM(family, units, long_name, expr, description) TS_FAMILY_##family,
enum { TS_INDICATOR_LIST(TS_ROW_ENUM) TS_FIRST_SUBJECT_ROW };
enum { TS_SUBJECT_FAMILY_LIST(TS_FAMILY_ROWS_ENUM) TS_SUBJECT_FAMILIES };
#undef TS_ROW_ENUM
#undef TS_FAMILY_ROWS_ENUM
#define TS_INDICATOR_ROWS (TS_FIRST_SUBJECT_ROW + TS_SUBJECT_FAMILIES * TS_SUBJECT_COUNT)

extern const ts_indicator_def ts_indicator_defs[];
extern const size_t ts_indicator_count;

/** Index of an indicator in ts_indicator_defs, or -1. */
int ts_indicators_find(const char *name);

/** The name of the indicator nearest to `name` by edit distance (for "did you
 *  mean …?"), or NULL when none is near (text.h, ts_text_nearest). */
const char *ts_indicators_nearest(const char *name);

#endif
