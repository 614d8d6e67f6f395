/*
 * scenario_keys.c: the table of every scenario key, its default, range, unit
 * and source. This is the single place where defaults live (docs/conventions.md, rule 7):
 * the loader applies them, `validate --resolved` prints them, the scenario
 * reference is checked against them.
 *
 * Sources follow docs/sources.md: H = official text, M = one secondary copy or
 * another province's rule, A = assumption (no public source; a scenario key
 * so planners can change it).
 */
#include <math.h>
#include <stddef.h>

#include "teachsim/scenario.h"

#define OFF(field) offsetof(ts_scenario, field)
#define ROFF(field) offsetof(ts_region_spec, field)
#define NOFF(field) offsetof(ts_new_school, field)
#define UNBOUNDED 1e300

#define RATE(path, field, def, src, doc)                                                                               \
    {                                                                                                                  \
        path, TS_KEY_REAL, OFF(field), 1, 0.0, 1.0, def, "share", src, doc                                             \
    }
#define RATES(path, field, n, def, src, doc)                                                                           \
    {                                                                                                                  \
        path, TS_KEY_REALS, OFF(field), n, 0.0, 1.0, def, "share", src, doc                                            \
    }

const ts_key ts_scenario_keys[] = {
    {"name", TS_KEY_STRING, OFF(name), TS_NAME_MAX, 0, 0, NULL, "", "-",
     "Short scenario name used as the label along the results file's scenario dimension (letters, digits, - and _)."},
    {"description", TS_KEY_STRING, OFF(description), 512, 0, 0, "\"\"", "", "-",
     "One line saying what this scenario tests; printed by `teachsim validate`."},

    {"horizon.start_year", TS_KEY_INT, OFF(horizon.start_year), 1, 2000, 2090, "2021", "year",
     "H: the city plan starts in 2021",
     "First simulated school year (the year whose autumn it starts in); the start population describes the year "
     "before."},
    {"horizon.end_year", TS_KEY_INT, OFF(horizon.end_year), 1, 2000, 2099, "2035", "year", "A",
     "Last simulated school year; must not be before start_year."},

    {"population.regions", TS_KEY_REGIONS, OFF(population.regions), TS_MAX_REGIONS, 1, TS_MAX_REGIONS, NULL, "",
     "see each field",
     "The county-level units, each with the aggregates the synthetic population is generated from (at least one)."},
    {"population.age_pyramid.urban", TS_KEY_REALS, OFF(population.age_pyramid[TS_URBAN]), 8, 0, UNBOUNDED,
     "[0.07, 0.12, 0.14, 0.14, 0.14, 0.14, 0.14, 0.11]", "weight", "A: no 2019-24 age structure is public",
     "Relative weights of the 5-year age bands 20-24 .. 55-59 of urban teachers at the start."},
    {"population.age_pyramid.town", TS_KEY_REALS, OFF(population.age_pyramid[TS_TOWN]), 8, 0, UNBOUNDED,
     "[0.06, 0.10, 0.11, 0.11, 0.13, 0.16, 0.19, 0.14]", "weight", "A: no 2019-24 age structure is public",
     "Relative weights of the 5-year age bands 20-24 .. 55-59 of town teachers at the start."},
    {"population.age_pyramid.rural", TS_KEY_REALS, OFF(population.age_pyramid[TS_RURAL]), 8, 0, UNBOUNDED,
     "[0.06, 0.08, 0.07, 0.07, 0.10, 0.16, 0.25, 0.21]", "weight",
     "A: shape only; the plan (annex row 7) says rural staff are ageing",
     "Relative weights of the 5-year age bands 20-24 .. 55-59 of rural teachers at the start."},
    RATES("population.female_share", population.female_share, 3, "[0.78, 0.68, 0.55]", "A",
          "Share of women among start teachers, urban/town/rural."),
    RATES("population.qualification_above", population.qualification_above, 3, "[0.85, 0.72, 0.55]", "A",
          "Share of start teachers above the qualification their level requires, urban/town/rural."),
    RATES("population.qualification_below", population.qualification_below, 3, "[0.02, 0.04, 0.08]", "A",
          "Share of start teachers below the qualification their level requires, urban/town/rural."),
    RATES("population.backbone_share", population.backbone_share, 3, "[0.22, 0.17, 0.12]",
          "A: no Xiangtan figure; set so that counties sit near the 1-per-100-pupils threshold",
          "Share of start teachers who are county-level or higher backbone teachers, urban/town/rural."),
    RATES("population.specialist_supply", population.specialist_supply, 3, "[1.0, 0.7, 0.4]",
          "A: shape only; the plan (annex row 8) says music/PE/art teachers are missing",
          "Share of music, PE and art posts held by specialists at the start, urban/town/rural; the rest are held by "
          "other subjects' teachers."),
    {"population.staffing_level", TS_KEY_REALS, OFF(population.staffing_level), 3, 0.1, 3.0, "[1.03, 1.0, 0.96]",
     "ratio", "A", "Start teachers per post of the staffing requirement, urban/town/rural."},
    {"population.school_size_sigma", TS_KEY_REAL, OFF(population.school_size_sigma), 1, 0.0, 3.0, "0.8", "log-sd", "A",
     "Spread of school sizes within one level and locality (standard deviation of log size)."},
    {"population.schools_csv", TS_KEY_STRING, OFF(population.schools_csv), TS_PATH_MAX, 0, 0, "\"\"", "path", "-",
     "Schools CSV of a real roster (docs/rosters.md), relative to the scenario file's folder; set with teachers_csv, "
     "or leave both empty to generate the population from the regions' aggregates."},
    {"population.teachers_csv", TS_KEY_STRING, OFF(population.teachers_csv), TS_PATH_MAX, 0, 0, "\"\"", "path", "-",
     "Teachers CSV of a real roster (docs/rosters.md), relative to the scenario file's folder; set with schools_csv."},

    {"enrolment.births", TS_KEY_SERIES, OFF(enrolment.births), 1, 0, UNBOUNDED, NULL, "births",
     "H (Hunan bulletins) scaled by Xiangtan's share; see the baseline's comments",
     "Births in the whole area by calendar year; every year from start_year-6 to end_year-6 is required."},
    {"enrolment.entry_rate", TS_KEY_REAL, OFF(enrolment.entry_rate), 1, 0.0, 2.0, "0.69", "entrants/birth",
     "A: calibrated so 2021 grade-1 entrants match the start population",
     "Grade-1 entrants to the area's public schools per birth six years earlier (net migration and private schools)."},
    RATE("enrolment.junior_continuation", enrolment.junior_continuation, "1.0", "H: compulsory education to grade 9",
         "Share of the region's grade-6 leavers entering grade 7 in the region's schools."),
    RATE("enrolment.urbanisation_rate", enrolment.urbanisation_rate, "0.03", "A",
         "Yearly share of rural pupils who move to town or urban schools of the same region."),
    RATES("enrolment.private_share_cap", enrolment.private_share_cap, 2, "[1, 1]",
          "H (rule): Hunan caps the private share of compulsory pupils at 5 % and the plan brings it down within "
          "three years from 2021; 1 (no ceiling) keeps the start shares",
          "Ceiling on each region's share of pupils in private schools, primary and junior: a year's share is the "
          "smaller of the region's private_share and this; pupils the ceiling moves out of private schools join the "
          "region's public schools of the level (docs/model.md, step 1)."),

    {"staffing.pupils_per_staff", TS_KEY_REALS, OFF(staffing.pupils_per_staff), 2, 1.0, 100.0, "[19.0, 13.5]",
     "pupils/post", "M: 2014 unified urban-rural staffing standard",
     "Pupils per staff post (编制), primary and junior."},
    RATES("staffing.teaching_share", staffing.teaching_share, 2, "[0.91, 0.88]",
          "M: non-teaching staff capped at 9 % primary, 12 % junior (2014 notice)",
          "Share of staff posts that are teaching posts, primary and junior."),
    {"staffing.class_size_max", TS_KEY_INTS, OFF(staffing.class_size_max), 2, 1, 200, "[45, 50]", "pupils",
     "M: 2017 quality-balance rules", "Largest class, primary and junior; sets the number of classes per grade."},
    {"staffing.teachers_per_class_min", TS_KEY_REALS, OFF(staffing.teachers_per_class_min), 2, 0.0, 10.0, "[1.2, 1.8]",
     "teachers/class", "H (rule) / A (value): 生师比与班师比相结合",
     "Class-to-teacher floor, primary and junior; binding in small rural schools and teaching points."},
    RATES("staffing.subject_share.primary", staffing.subject_share[0], TS_SUBJECT_COUNT,
          "[0.27, 0.17, 0.06, 0.06, 0.11, 0.07, 0.07, 0.19]", "M: MOE 2001 curriculum plan, weekly hours",
          "Split of primary teaching posts by subject: chinese, maths, english, science, pe, music, art, other."),
    RATES("staffing.subject_share.junior", staffing.subject_share[1], TS_SUBJECT_COUNT,
          "[0.15, 0.14, 0.13, 0.18, 0.09, 0.04, 0.04, 0.23]", "M: MOE 2001 curriculum plan, weekly hours",
          "Split of junior teaching posts by subject: chinese, maths, english, science, pe, music, art, other."),

    {"retirement.pre2025_rule", TS_KEY_BOOL, OFF(retirement.pre2025_rule), 1, 0, 1, "false", "switch",
     "H: NPC Standing Committee decision of 2024-09-13 (reform); this switch restores 60/55/50",
     "Use the statutory ages before the 2025 reform (men 60, women cadres 55, women workers 50)."},
    {"retirement.senior_women_at_60", TS_KEY_BOOL, OFF(retirement.senior_women_at_60), 1, 0, 1, "true", "switch",
     "H / A: 组通字〔2015〕14号; its fit with the 2024 reform is unsettled",
     "Women with a senior title retire at 60 instead of the women cadres' age."},
    RATE("retirement.early_rate", retirement.early_rate, "0.15", "H (option) / A (rate): flexible early retirement",
         "Yearly probability that a teacher eligible for flexible early retirement (within 3 years of the new age, "
         "past the old one) takes it."),

    RATES("leaving.established.urban", leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_URBAN], 4,
          "[0.020, 0.012, 0.008, 0.010]", "A: no authoritative rate; urban far below rural",
          "Yearly leaving hazard of established urban teachers by age band <30, 30-39, 40-49, 50+."),
    RATES("leaving.established.town", leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_TOWN], 4,
          "[0.035, 0.020, 0.012, 0.012]", "A",
          "Yearly leaving hazard of established town teachers by age band <30, 30-39, 40-49, 50+."),
    RATES("leaving.established.rural", leaving.hazard[TS_CONTRACT_ESTABLISHED][TS_RURAL], 4,
          "[0.090, 0.060, 0.030, 0.015]", "M/A: 5-10 % a year in rural schools (ECNU J. 2017, Chongqing)",
          "Yearly leaving hazard of established rural teachers by age band <30, 30-39, 40-49, 50+ (a leaver may "
          "transfer, see rural_transfer_share)."),
    RATES("leaving.temporary.urban", leaving.hazard[TS_CONTRACT_TEMPORARY][TS_URBAN], 4, "[0.30, 0.25, 0.20, 0.20]",
          "A: temporaries turn over fast", "Yearly leaving hazard of temporary urban teachers by age band."),
    RATES("leaving.temporary.town", leaving.hazard[TS_CONTRACT_TEMPORARY][TS_TOWN], 4, "[0.30, 0.25, 0.20, 0.20]", "A",
          "Yearly leaving hazard of temporary town teachers by age band."),
    RATES("leaving.temporary.rural", leaving.hazard[TS_CONTRACT_TEMPORARY][TS_RURAL], 4, "[0.35, 0.30, 0.25, 0.20]",
          "A", "Yearly leaving hazard of temporary rural teachers by age band."),
    RATES("leaving.targeted.urban", leaving.hazard[TS_CONTRACT_TARGETED][TS_URBAN], 4, "[0.02, 0.02, 0.02, 0.02]",
          "A: breach rate not published",
          "Yearly breach hazard of targeted graduates in service, urban (rare: they serve rural schools)."),
    RATES("leaving.targeted.town", leaving.hazard[TS_CONTRACT_TARGETED][TS_TOWN], 4, "[0.02, 0.02, 0.02, 0.02]",
          "A: breach rate not published", "Yearly breach hazard of targeted graduates in service, town."),
    RATES("leaving.targeted.rural", leaving.hazard[TS_CONTRACT_TARGETED][TS_RURAL], 4, "[0.02, 0.02, 0.02, 0.02]",
          "A: breach rate not published", "Yearly breach hazard of targeted graduates in service, rural."),
    RATE("leaving.rural_transfer_share", leaving.rural_transfer_share, "0.5",
         "M: about half of teachers first posted rural later move to towns (Wei & Zhou 2019)",
         "Share of rural leavers who ask for a transfer to a town or urban school of their region instead of exiting."),
    {"leaving.allowance_elasticity", TS_KEY_REAL, OFF(leaving.allowance_elasticity), 1, 0.0, 2.0, "0",
     "per 1,000 yuan/month",
     "A: no study of the allowance's effect on leaving in Hunan; 0 leaves the hazards as given, 0-0.5 is the range "
     "for a sensitivity analysis",
     "Retention effect of the rural allowance: the yearly leaving and transfer-request hazards of established and "
     "targeted teachers are multiplied by exp(-e x (costs.rural_allowance - leaving.allowance_reference) / 1000) by "
     "the school's locality (plausible 0-0.5; 0.2 means 1,000 yuan a month more cuts them by 18 %)."},
    {"leaving.allowance_reference", TS_KEY_REALS, OFF(leaving.allowance_reference), TS_LOCALITY_COUNT, 0, 1e5,
     "[0, 150, 300]", "yuan/month",
     "M: the default costs.rural_allowance (Hunan notice from 2019-09), the allowance the leaving hazards were set at",
     "Allowance per month at urban, town, rural schools at which the leaving hazards hold as given; "
     "leaving.allowance_elasticity acts on the difference of costs.rural_allowance from it."},

    RATE("recruitment.yearly_cap_share", recruitment.yearly_cap_share, "0.05", "A",
         "Open recruitment (公开招聘) cap per year as a share of the region's staffing requirement."),
    RATES("recruitment.fill_probability", recruitment.fill_probability, 3, "[0.95, 0.85, 0.60]",
          "A: rural posts fill less often",
          "Probability that an advertised established post is filled, urban/town/rural."),
    RATE("recruitment.specialist_supply", recruitment.specialist_supply, "0.5", "A: limited music/PE/art graduates",
         "Factor on the fill probability of music, PE and art posts."),
    {"recruitment.hire_age_min", TS_KEY_INT, OFF(recruitment.hire_age_min), 1, 18, 60, "22", "years", "A",
     "Youngest age of a new hire."},
    {"recruitment.hire_age_max", TS_KEY_INT, OFF(recruitment.hire_age_max), 1, 18, 60, "30", "years", "A",
     "Oldest age of a new hire (ages are drawn uniformly between the two)."},
    RATE("recruitment.female_share", recruitment.female_share, "0.75", "A", "Share of women among new hires."),
    RATE("recruitment.qualification_above", recruitment.qualification_above, "0.80", "A",
         "Share of new hires above the qualification their post's level requires."),

    {"temporaries.allowed_until", TS_KEY_INT, OFF(temporaries.allowed_until), 1, 1990, 2100, "2100", "year",
     "A; the plan's target is full staffing (满编满员) in 2021",
     "Last school year in which temporary teachers (临聘/代课) are hired; set 2020 for the plan's phase-out."},
    RATE("temporaries.fill_rate", temporaries.fill_rate, "0.9", "A",
         "Share of the vacancies left after open recruitment that temporaries fill."),

    RATES("careers.title_rate", careers.title_rate, 3, "[0.60, 0.10, 0.04]", "A",
          "Yearly promotion hazards none->junior, junior->middle, middle->senior title."),
    RATES("careers.backbone_rate", careers.backbone_rate, 3, "[0.015, 0.04, 0.01]", "A",
          "Yearly backbone promotion hazards none->county, county->city, city->province."),
    {"careers.sanming_multiplier", TS_KEY_REAL, OFF(careers.sanming_multiplier), 1, 0.0, 10.0, "1.0", "factor",
     "A: the plan's 三名 programme (item 9) without a published effect size",
     "Factor on backbone promotion hazards from the 三名 (famous teachers, principals, schools) programme."},
    RATE("careers.qualification_upgrade", careers.qualification_upgrade, "0.03", "A",
         "Yearly probability that a teacher moves up one qualification step (in-service degree)."),
    RATES("careers.title_cap", careers.title_cap, 3, "[0.60, 0.45, 0.12]",
          "M (rule): county HR fixes title posts; A (values)",
          "With posting enabled: title posts per county as a share of its requirement (junior, middle, senior); a "
          "promotion waits for a free post."),

    {"targeted_intake.enabled", TS_KEY_BOOL, OFF(targeted_intake.enabled), 1, 0, 1, "true", "switch",
     "H: the plan, item 9", "Enrol targeted rural-teacher students (公费定向师范生) every year."},
    {"targeted_intake.provincial", TS_KEY_INT, OFF(targeted_intake.provincial), 1, 0, 1e6, "400", "students/year",
     "H: the plan, item 9 (400 provincial a year)",
     "Provincial targeted students enrolled per year for the whole area."},
    {"targeted_intake.municipal", TS_KEY_INT, OFF(targeted_intake.municipal), 1, 0, 1e6, "200", "students/year",
     "H: the plan, item 9 (200 municipal a year)", "Municipal targeted students enrolled per year for the whole area."},
    RATES("targeted_intake.programme_share", targeted_intake.programme_share, TS_PROGRAMMES, "[0.4, 0.4, 0.2]",
          "A: the split is not published",
          "Share of places by programme: junior-school entry 2+4 degree, 5-year college diploma, senior-school entry "
          "4-year degree."),
    {"targeted_intake.study_years", TS_KEY_INTS, OFF(targeted_intake.study_years), TS_PROGRAMMES, 1, TS_MAX_STUDY_YEARS,
     "[6, 5, 4]", "years", "H: Hunan notices 2014-16, 2024", "Years of study by programme."},
    {"targeted_intake.service_years", TS_KEY_INTS, OFF(targeted_intake.service_years), TS_PROGRAMMES, 1, 30,
     "[8, 5, 6]", "years", "H (2+4: 8, diploma: 5) / A (senior-school entry: 6)",
     "Years of rural service owed by programme."},
    RATES("targeted_intake.dropout_rate", targeted_intake.dropout_rate, TS_PROGRAMMES, "[0.03, 0.02, 0.01]",
          "A: failing the 2+4 transfer exam ends the agreement; rates not published",
          "Yearly in-study drop-out by programme."),
    {"targeted_intake.allocate_by_rural_need", TS_KEY_BOOL, OFF(targeted_intake.allocate_by_rural_need), 1, 0, 1,
     "true", "switch", "A", "Split places between regions by their rural posts (true) or by population share (false)."},
    {"targeted_intake.in_study_at_start", TS_KEY_BOOL, OFF(targeted_intake.in_study_at_start), 1, 0, 1, "true",
     "switch", "M: Hunan's programme began in 2006 (41,300 trained by 2016)",
     "Start with the cohorts already in study, enrolled in earlier years as targeted_intake.before_start says."},
    {"targeted_intake.before_start.provincial", TS_KEY_INT, OFF(targeted_intake.before_provincial), 1, 0, 1e6, "400",
     "students/year", "H: the plan 潭政办发〔2020〕34号 promises 400 provincial a year",
     "Provincial targeted students enrolled in each year before the start (the cohorts in study at the start); a "
     "schedule here is by the years before start_year, not by the run's years."},
    {"targeted_intake.before_start.municipal", TS_KEY_INT, OFF(targeted_intake.before_municipal), 1, 0, 1e6, "200",
     "students/year", "H: the plan 潭政办发〔2020〕34号 promises 200 municipal a year",
     "Municipal targeted students enrolled in each year before the start, as before_start.provincial."},
    RATE("targeted_intake.in_service_share_young_rural", targeted_intake.in_service_share_young_rural, "0.3",
         "A: by 2016 almost all 14,000 Hunan graduates went to rural schools",
         "Start population: share of rural established teachers under 30 who are targeted graduates still in service."),
    RATE("targeted_intake.end_of_service_move", targeted_intake.end_of_service_move, "0.3", "A",
         "Probability that a targeted graduate leaves the rural post in the year service ends (a transfer request or "
         "an exit, as for rural leavers)."),

    {"posting.enabled", TS_KEY_BOOL, OFF(posting.enabled), 1, 0, 1, "true", "switch",
     "H: 县管校聘, 2020 Central No. 1 Document; the plan, item 9",
     "County-managed, school-hired posting; false keeps every teacher at their school (before the reform)."},
    {"posting.rural_weak_first", TS_KEY_BOOL, OFF(posting.rural_weak_first), 1, 0, 1, "true", "switch",
     "M: bureau assigns the rest to schools with vacancies",
     "County assignment serves rural and weak schools first; false: the largest gaps first."},
    {"posting.out_of_field", TS_KEY_BOOL, OFF(posting.out_of_field), 1, 0, 1, "true", "switch", "A",
     "The county may assign a teacher with no post in their subject to another subject's vacancy (counted as out of "
     "field)."},
    {"posting.standby_exit_years", TS_KEY_INT, OFF(posting.standby_exit_years), 1, 1, 10, "2", "years",
     "M: Shanxi 2019 (two failed years lead to dismissal)",
     "Years on standby with training (待岗培训) after which a teacher without a post exits."},
    {"posting.cross_level_lag_years", TS_KEY_INT, OFF(posting.cross_level_lag_years), 1, 0, 10, "0", "years",
     "A: 0 keeps the model's default, in which any surplus teacher may take a post at the other level at once",
     "A teacher of a primary-only school may take a post at a junior-only school, or the reverse, only after this "
     "many years on standby (待岗培训 as the retraining, 转岗培训); nine-year schools take both. 0: at once."},
    RATE("posting.cross_level_probability", posting.cross_level_probability, "1",
         "A: no figure found for how many retrained teachers change level",
         "Each year, the chance that a teacher past the lag may take a post at the other level (one draw per "
         "teacher and year); 1 with a lag of 0 is the unrestricted default."),

    {"rotation.enabled", TS_KEY_BOOL, OFF(rotation.enabled), 1, 0, 1, "true", "switch",
     "H: MOE 2014 exchange opinion; the plan, item 9", "Exchange rotation (交流轮岗) of teachers long at one school."},
    RATE("rotation.rate", rotation.rate, "0.10", "H: at least 10 % of eligible teachers a year (MOE 2014)",
         "Share of eligible teachers who rotate each year."),
    RATE("rotation.backbone_share", rotation.backbone_share, "0.20", "H: at least 20 % of rotating teachers (MOE 2014)",
         "Share of rotating teachers who are backbone teachers (county level or higher), where enough are eligible."),
    {"rotation.min_years_at_school", TS_KEY_INT, OFF(rotation.min_years_at_school), 1, 1, 40, "6", "years",
     "H: 6+ consecutive years (Anhui rules; Beijing 2016)", "Years at the same school that make a teacher eligible."},
    {"rotation.stint_years", TS_KEY_INT, OFF(rotation.stint_years), 1, 1, 10, "3", "years", "M: 1-3 years (Beijing)",
     "Length of a rotation stint."},
    {"rotation.urban_to_rural", TS_KEY_BOOL, OFF(rotation.urban_to_rural), 1, 0, 1, "true", "switch",
     "H: mostly from urban and strong to rural and weak schools",
     "Rotate from urban or strong schools to rural or weak ones; false: between any two schools of the region."},
    RATE("rotation.stay_probability", rotation.stay_probability, "0.15", "A",
         "Probability that a rotating teacher stays at the destination when the stint ends."),

    {"alliances.enabled", TS_KEY_BOOL, OFF(alliances.enabled), 1, 0, 1, "false", "switch",
     "H: the plan, items 8 (学区制, 校联体, 教师统筹调配使用) and 3 (雨湖区's 大校+小校+农村学校); off in the baseline",
     "Schools of a county and level form alliances that share PE, music, art and backbone teachers (走教); the "
     "assessment counts each teacher's hours where they are taught (alliances.count_shared_hours)."},
    {"alliances.size", TS_KEY_INT, OFF(alliances.size), 1, 2, 50, "4", "schools",
     "A: 雨湖区's alliances join a large school, a small one and rural schools (three or more)",
     "Schools per alliance: in each county and level, the largest school not yet in one leads and the smallest "
     "ones join it (docs/model.md, school alliances); formed once from the start schools."},
    RATE("alliances.pe_art_hours_shared", alliances.pe_art_hours_shared, "0.3",
         "A: no figure found; 走教 teachers teach part of their week in the alliance's other schools",
         "Share of each PE, music and art teacher's hours taught in the alliance's schools by their pupils (the "
         "rest at their own school)."),
    RATE("alliances.backbone_hours_shared", alliances.backbone_hours_shared, "0.1",
         "A: no figure found; backbone teachers lead lessons and teaching research across the alliance",
         "Share of each backbone teacher's hours taught in the alliance's schools by their pupils."),
    {"alliances.count_shared_hours", TS_KEY_BOOL, OFF(alliances.count_shared_hours), 1, 0, 1, "true", "switch",
     "A: no national rule found on counting shared or itinerant teachers; the share of hours is the natural reading",
     "The assessment counts a shared teacher at each school by the share of hours taught there; false: only at "
     "their own school (sharing then changes no indicator)."},

    {"psychology.enabled", TS_KEY_BOOL, OFF(psychology.enabled), 1, 0, 1, "false", "switch",
     "H: the plan (every school with psychological counselling staff); ministry guidance: at least one full- or "
     "part-time psychology teacher per school; off in the baseline",
     "Every school needs psychological counselling staff: full-time posts from psychology.full_time_from pupils, "
     "else one part-time post (a teacher of another subject trained for it); counted in psych_* and cost_psychology."},
    {"psychology.full_time_from", TS_KEY_INT, OFF(psychology.full_time_from), 1, 1, 100000, "1000", "pupils",
     "A: no national size rule found", "Pupils from which a school needs full-time psychology staff."},
    {"psychology.pupils_per_full_time", TS_KEY_INT, OFF(psychology.pupils_per_full_time), 1, 1, 100000, "1000",
     "pupils", "A: no national ratio found; about one per 1,000 pupils assumed",
     "A school with full-time staff needs one post per this many pupils (at least one)."},
    RATE("psychology.start_share", psychology.start_share, "0.3", "A: Xiangtan's staffing not found",
         "Share of the posts held in the first year the requirement is counted."),
    RATE("psychology.fill_rate", psychology.fill_rate, "0.5", "A",
         "Share of a year's open psychology posts filled (recruitment for full-time, training for part-time)."),
    RATE("psychology.leave_rate", psychology.leave_rate, "0.05", "A: as teachers of that age",
         "Yearly share of full-time psychology staff leaving."),
    {"psychology.pay", TS_KEY_REAL, OFF(psychology.pay), 1, 0, 1e7, "84000", "yuan/year",
     "A: an established teacher with a junior title (costs.pay.established)",
     "Yearly pay of a full-time member of psychology staff."},
    {"psychology.part_time_allowance", TS_KEY_REAL, OFF(psychology.part_time_allowance), 1, 0, 1e6, "3600", "yuan/year",
     "A: 300 yuan a month", "Yearly allowance of a teacher doing the work part time."},

    {"network.merge_below_pupils", TS_KEY_INT, OFF(network.merge_below_pupils), 1, 0, 100000, "0", "pupils",
     "A: the plan strengthens small rural schools (item 3) and names no merger rule; 0 (none) in the baseline",
     "From the year this takes a value above 0 (a schedule), a school with fewer pupils at the start of the school "
     "year merges into the lead of its group of alliances.size schools (the largest school of its county and level "
     "with the smallest, alliances.h), standing in for its township school: its pupils and teachers move there, it "
     "takes no entrants again, and the county posting redeploys the teachers beyond the receiving school's posts."},
    {"network.new_schools", TS_KEY_SCHOOLS, OFF(network.new_schools), TS_MAX_NEW_SCHOOLS, 0, TS_MAX_NEW_SCHOOLS, "[]",
     "", "see each field",
     "Schools the scenario opens (see New schools below): each takes a share of its catchment's entrants from the "
     "year it opens, up to its capacity, and is staffed through the county posting and recruitment."},

    {"quality.qualified_per100", TS_KEY_REALS, OFF(quality.qualified_per100), 2, 0, 1000, "[4.2, 5.3]",
     "per 100 pupils", "H: 教督〔2017〕6号",
     "Threshold of teachers above the required qualification per 100 pupils, primary and junior."},
    {"quality.backbone_per100", TS_KEY_REALS, OFF(quality.backbone_per100), 2, 0, 1000, "[1.0, 1.0]", "per 100 pupils",
     "H: 教督〔2017〕6号", "Threshold of county-level-or-higher backbone teachers per 100 pupils, primary and junior."},
    {"quality.pe_art_per100", TS_KEY_REALS, OFF(quality.pe_art_per100), 2, 0, 1000, "[0.9, 0.9]", "per 100 pupils",
     "H: 教督〔2017〕6号", "Threshold of PE, music and art teachers per 100 pupils, primary and junior."},
    {"quality.max_cv", TS_KEY_REALS, OFF(quality.max_cv), 2, 0, 10, "[0.50, 0.45]", "coefficient", "H: 教督〔2017〕6号",
     "Largest difference coefficient across a county's schools, primary and junior."},
    RATE("quality.school_floor", quality.school_floor, "0.85", "H: the rest at 85 % or more",
         "A school may miss one indicator if it reaches this share of the threshold."),
    {"quality.other_indicators_met", TS_KEY_INT, OFF(quality.other_indicators_met), 1, 0, 4, "4", "indicators",
     "A: only the three teacher indicators are modelled",
     "How many of the four non-teacher resource indicators every school meets (6 of 7 are needed)."},
    {"quality.teaching_point_pupils", TS_KEY_INT, OFF(quality.teaching_point_pupils), 1, 0, 1000, "50", "pupils",
     "H: teaching points under 50 pupils are excluded", "Schools with fewer pupils are left out of the scoring."},
    {"quality.require_rotation", TS_KEY_BOOL, OFF(quality.require_rotation), 1, 0, 1, "true", "switch",
     "H: a government-guarantee condition of the 2017 assessment",
     "Passing needs rotation of at least 10 % of eligible teachers with at least 20 % backbone that year."},

    {"costs.pay.established", TS_KEY_REALS, OFF(costs.pay_established), TS_TITLE_COUNT, 0, 1e7,
     "[72000, 84000, 98000, 115000]", "yuan/year",
     "A: anchored on Hunan's average urban non-private wage (91,413 yuan in 2022; 107,487 in 长株潭, M) and the "
     "Teachers Law (not below local civil servants)",
     "Yearly pay of an established teacher (在编) by title none, junior, middle, senior: wages and performance pay, "
     "employer's social insurance and housing fund excluded (plausible 60,000-140,000)."},
    {"costs.pay.targeted", TS_KEY_REALS, OFF(costs.pay_targeted), TS_TITLE_COUNT, 0, 1e7,
     "[72000, 84000, 98000, 115000]", "yuan/year", "A: as costs.pay.established (targeted graduates are 在编)",
     "Yearly pay of a targeted graduate in service by title none, junior, middle, senior (plausible as "
     "costs.pay.established)."},
    {"costs.pay.temporary", TS_KEY_REAL, OFF(costs.pay_temporary), 1, 0, 1e7, "42000", "yuan/year",
     "A: temporaries under government-purchased services are paid well below established teachers",
     "Yearly pay of a temporary teacher (临聘/代课, government-purchased services) whatever the title (plausible "
     "30,000-60,000)."},
    {"costs.rural_allowance", TS_KEY_REALS, OFF(costs.rural_allowance), TS_LOCALITY_COUNT, 0, 1e5, "[0, 150, 300]",
     "yuan/month",
     "M: Hunan notice from 2019-09, counties outside the poverty areas: at least 300 at village schools, 150 at "
     "township seats (town over-counts: county-seat towns get none)",
     "Rural teacher allowance (乡村教师人才津贴) per month of an established or targeted teacher with a title in post "
     "at an urban, town, rural school; the model's town schools include county-seat towns, which get none, so the "
     "town figure over-counts."},
    {"costs.targeted_study.provincial", TS_KEY_REAL, OFF(costs.study_provincial), 1, 0, 1e6, "8000",
     "yuan/student/year",
     "A: fees, lodging, textbooks and uniforms; the 2005 start-up fund was about 20,000 yuan a student for the whole "
     "course (M)",
     "What the province pays per provincial targeted student (公费定向师范生) per year of study (plausible "
     "5,000-15,000)."},
    {"costs.targeted_study.municipal", TS_KEY_REAL, OFF(costs.study_municipal), 1, 0, 1e6, "8000", "yuan/student/year",
     "A: the city pays its municipal places as the province pays its own",
     "What the city pays per municipal targeted student per year of study (plausible 5,000-15,000)."},
    {"costs.recruitment", TS_KEY_REAL, OFF(costs.recruitment), 1, 0, 1e6, "2000", "yuan/hire",
     "A: examination, interview, medical check and advertising",
     "Cost to the county of one open-recruitment hire (公开招聘): hires less temporary hires less targeted arrivals "
     "(plausible 500-5,000)."},
    {"costs.standby_training", TS_KEY_REAL, OFF(costs.standby_training), 1, 0, 1e6, "5000", "yuan/teacher/year", "A",
     "Training cost per teacher-year on standby (待岗培训), on top of their pay (plausible 2,000-10,000)."},
    {"costs.rotation_allowance", TS_KEY_REAL, OFF(costs.rotation_allowance), 1, 0, 1e6, "12000", "yuan/teacher/year",
     "A: travel and living allowance of about 1,000 yuan a month",
     "Allowance per teacher-year on a rotation stint (交流轮岗), on top of their pay (plausible 6,000-24,000)."},

    {"targets", TS_KEY_TARGETS, OFF(targets), TS_MAX_TARGETS, 0, TS_MAX_TARGETS, "[]", "", "-",
     "Conditions on indicators checked in every replication after the run (see Targets below); the results file "
     "holds each replication's outcome and the probability with its 95 % Wilson interval."},
};
const size_t ts_scenario_key_count = sizeof ts_scenario_keys / sizeof ts_scenario_keys[0];

const ts_key ts_region_keys[] = {
    {"code", TS_KEY_STRING, ROFF(code), TS_NAME_MAX, 0, 0, NULL, "", "-",
     "ASCII code of the county-level unit (letters, digits, _), used in files; must be unique and not ALL."},
    {"name_zh", TS_KEY_STRING, ROFF(name_zh), TS_NAME_MAX, 0, 0, "\"\"", "", "-", "Chinese name shown in plots."},
    {"population_10k", TS_KEY_REAL, ROFF(population_10k), 1, 0.0, 1e6, NULL, "10k residents",
     "M: 2022 Hunan Statistical Yearbook", "Resident population; the region's share of the area's births."},
    {"schools", TS_KEY_INTS, ROFF(schools), TS_LEVEL_COUNT, 0, 1e6, NULL, "schools", "M/A: see baseline comments",
     "Number of primary, junior and nine-year schools."},
    {"school_locality_share", TS_KEY_REALS, ROFF(school_locality_share), 3, 0.0, 1.0, NULL, "share", "A",
     "Share of the region's schools that are urban, town, rural (sums to 1)."},
    {"pupils_primary", TS_KEY_INT, ROFF(pupils_primary), 1, 0, 1e8, NULL, "pupils", "M/A: see baseline comments",
     "Pupils in grades 1-6 at the start."},
    {"pupils_junior", TS_KEY_INT, ROFF(pupils_junior), 1, 0, 1e8, NULL, "pupils", "M/A: see baseline comments",
     "Pupils in grades 7-9 at the start."},
    {"pupil_locality_share", TS_KEY_REALS, ROFF(pupil_locality_share), 3, 0.0, 1.0, NULL, "share", "A",
     "Share of the region's pupils in urban, town, rural schools (sums to 1)."},
    {"temporary_share", TS_KEY_REAL, ROFF(temporary_share), 1, 0.0, 1.0, "0.05", "share",
     "A: the plan (annex row 9) says there are too many", "Share of start teachers on temporary contracts."},
    {"weak_share", TS_KEY_REAL, ROFF(weak_share), 1, 0.0, 1.0, "0.2", "share", "A",
     "Share of schools flagged weak (薄弱学校)."},
    {"private_share", TS_KEY_REALS, ROFF(private_share), 2, 0.0, 0.95, "[0.06, 0.18]", "share",
     "A: Xiangtan's share not found (the plan calls the junior one too large); Hunan, end 2020, 74.83万 private "
     "compulsory pupils, about 10 % (its 5 % ceiling is 36.4万), junior shares higher (衡阳 34.0 %)",
     "Share of the region's pupils in private schools at the start, primary and junior; the model's pupils are the "
     "public ones, the rest are private (changes only with enrolment.private_share_cap)."},
};
const size_t ts_region_key_count = sizeof ts_region_keys / sizeof ts_region_keys[0];

const ts_key ts_new_school_keys[] = {
    {"name", TS_KEY_STRING, NOFF(name), TS_NAME_MAX, 0, 0, NULL, "", "H: the plan's annex row 1 names them",
     "Name of the school (UTF-8), shown in the results' school table; unique among the new schools."},
    {"region", TS_KEY_STRING, NOFF(region), TS_NAME_MAX, 0, 0, NULL, "", "-",
     "Code of the region (population.regions[].code) the school opens in."},
    {"level", TS_KEY_STRING, NOFF(level), 16, 0, 0, NULL, "", "-",
     "primary (grades 1-6), junior (7-9) or nine_year (1-9)."},
    {"locality", TS_KEY_STRING, NOFF(locality), 16, 0, 0, "\"urban\"", "", "A: the plan's new schools are urban",
     "urban, town or rural: the school's place, and its catchment (the region's schools of that place)."},
    {"opens", TS_KEY_INT, NOFF(opens), 1, 2000, 2099, NULL, "year", "A: the plan gives no years",
     "The school year it opens in, from horizon.start_year + 1 to horizon.end_year; it takes entrants from then on."},
    {"capacity", TS_KEY_INT, NOFF(capacity), 1, 1, 100000, NULL, "pupils", "A: the plan gives no capacities",
     "Pupils it has places for: its share of the catchment's entrants is set to fill it, and entrants beyond it "
     "go to the catchment's other schools."},
};
const size_t ts_new_school_key_count = sizeof ts_new_school_keys / sizeof ts_new_school_keys[0];
