"""The language of the report, the charts and the command line's output: English or Chinese.

One language is current at a time (`set_lang`, or `python3 -m analysis --lang zh|en`); its default
comes from the locale as POSIX orders it (LC_ALL, then LC_MESSAGES, then LANG: the first one set
decides; one starting with "zh" gives Chinese). Texts of the toolkit itself are the entries of
TEXTS, each in both languages; indicator names and units come from the results file
(`long_name_zh`, `units_zh`, written by teachsim from sim/base/indicator_zh.c), region names from
`region_name_zh`. A file written before the Chinese attributes shows the English name with a
visible marker (MISSING_ZH) rather than guessing a translation.

    from analysis import i18n
    i18n.set_lang("zh")
    i18n.t("year")            # '年份'
"""
import os

LANGS = ("en", "zh")
MISSING_ZH = "〔英〕"  # before an English name shown in a Chinese page: "the file has no Chinese for it"
_current = None


def default_lang(env=None):
    """'zh' when the locale that decides messages (LC_ALL, LC_MESSAGES, LANG) starts with zh, else 'en'."""
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_lang(lang):
    """Make `lang` ('en', 'zh', or None for the locale's default) current; returns it."""
    global _current
    if lang is not None and lang not in LANGS:
        raise ValueError(f"language {lang!r}: expected one of {', '.join(LANGS)}")
    _current = lang or default_lang()
    return _current


def lang():
    return _current or set_lang(None)


def zh():
    return lang() == "zh"


# key: (English, Chinese). Terms of the national quality-balance assessment (优质均衡, 差异系数,
# 骨干教师) and the province's plan (县管校聘, 交流轮岗, 公费定向师范生) as those texts write them.
TEXTS = {
    # charts
    "year": ("Year", "年份"),
    "year_long": ("Year (school year starting in autumn)", "年份（秋季开学的学年）"),
    "share": ("share", "比例"),
    "fan_legend": ("line median · dark 50 % band · light 90 % band", "线：中位数 · 深色：50 % 区间 · 浅色：90 % 区间"),
    "no_value": ("no value (NaN in every replication)", "无数值（各次模拟均为 NaN）"),
    "constant": ("{v} in every replication and year", "各次模拟、各年均为 {v}"),
    "identical_to": ("identical to {b}", "与 {b} 相同"),
    "same_as_base": (" — 0 in every replication: the same results as the base", "——各次模拟差值均为 0：与基准结果相同"),
    "by_region_title": ("{name} by region (median, 50 % and 90 % bands)", "各县市区{name}（中位数、50 % 和 90 % 区间）"),
    "difference_in": ("Difference in {label}", "{label}差值"),
    "paired_title": ("Paired difference in {name} — {region} (from {source})", "{name}配对差值——{region}（来源：{source}）"),
    "paired_comparison": ("comparison/", "comparison/ 组"),
    "paired_replications": ("paired replications", "同次模拟配对计算"),
    "county": ("County", "县市区"),
    "p_pass_cbar": ("Probability of passing (share of replications)", "通过概率（模拟次数占比）"),
    "qb_title": ("Probability of passing the quality-balance teacher assessment{level} — {s}",
                 "优质均衡评估教师指标通过概率{level}——{s}"),
    "age_band": ("Age band", "年龄段"),
    "start": ("start", "起始"),
    "end": ("end", "末年"),
    "pyramid_x": ("{name} ({units}), median; whiskers 5–95 %", "{name}（{units}），中位数；误差线 5–95 %"),
    "pyramid_title": ("Age pyramid of rural teachers, {first} and {last} — {region}, {s}",
                      "乡村教师年龄结构，{first} 年与 {last} 年——{region}，{s}"),
    "scenario": ("Scenario", "情景"),
    "scenarios": ("Scenarios", "情景"),
    "replications": ("{n} replications", "{n} 次模拟"),
    "base_seed": ("base seed {s}", "基础随机种子 {s}"),
    "run_at": ("run {t}", "运行于 {t}"),
    # report: frame
    "report_title": ("Teacher workforce projection — {file}", "教师队伍预测——{file}"),
    "bands_note": ("Bands: the median, 50 % (25–75 %) and 90 % (5–95 %) of the replications. Each replication is "
                   "one possible future under the same scenario; the spread is the uncertainty the model knows "
                   "about, not all of it. Regions: {regions}.",
                   "区间：各次模拟的中位数、50 %（25–75 %）和 90 %（5–95 %）区间。每次模拟是同一情景下的一种可能未来；"
                   "区间宽度只反映模型已知的不确定性，并非全部。县市区：{regions}。"),
    "notes": ("Notes", "说明"),
    "provenance": ("Provenance", "数据来源"),
    "scenario_yaml": ("Scenario {s}", "情景 {s}"),
    "no_cjk_font": ("No Noto Sans CJK font installed (Debian fonts-noto-cjk): Chinese names may show as boxes.",
                    "未安装 Noto Sans CJK 字体（Debian fonts-noto-cjk）：中文可能显示为方框。"),
    "skipped": ("{title}: skipped ({why})", "{title}：未绘制（{why}）"),
    "not_in_file": ("not in this file", "本文件中没有"),
    # report: scenarios
    "h_scenarios": ("Scenarios and what they change", "情景及其改动"),
    "description": ("Description", "说明"),
    "no_description": ("(no description: the scenario has no description: key)", "（无说明：情景文件没有 description: 键）"),
    "reference_scenario": ("the reference scenario: the others are compared with it", "参照情景：其他情景与之比较"),
    "changes_vs": ("Changes against {ref}", "相对于 {ref} 的改动"),
    "no_changes": ("no key differs from {ref} (only the name and description)", "除名称和说明外，与 {ref} 没有不同的键"),
    "no_yaml": ("Scenario descriptions: not in this file (no scenario_yaml)", "情景说明：本文件中没有（无 scenario_yaml）"),
    "absent": ("(not set)", "（未设置）"),
    # report: targets and key indicators
    "h_targets": ("Targets and key indicators", "目标与主要指标"),
    "target_p": ("Probability of meeting the target", "达成目标的概率"),
    "target_p_note": ("Share of replications meeting each scenario target, with its 95 % Wilson interval.",
                      "各情景目标达成的模拟次数占比，括号内为 95 % Wilson 置信区间。"),
    "no_targets": ("Target probabilities: not in this file (no targets/ group or probability variable).",
                   "目标达成概率：本文件中没有（无 targets/ 组或概率变量）。"),
    "key_table": ("Key indicators, whole area (ALL)", "主要指标，全市（全部）"),
    "indicator": ("Indicator", "指标"),
    "units": ("Units", "单位"),
    "median": ("median", "中位数"),
    "band90": ("5–95 %", "5–95 %"),
    "h_over_time": ("Whole area over time", "全市历年变化"),
    "h_by_region": ("By region", "分县市区"),
    "h_differences": ("Scenario differences", "情景差异"),
    "no_differences": ("Scenario differences: skipped (one scenario in this file and no comparison/ group)",
                       "情景差异：未绘制（本文件只有一个情景，且无 comparison/ 组）"),
    "fan_missing": ("Fan chart of {m}: skipped (not in this file)", "{m} 的扇形图：未绘制（本文件中没有）"),
    "h_qb": ("Quality-balanced county assessment", "县域义务教育优质均衡发展评估"),
    "p_passing": ("Probability of passing{level} — {s}", "通过概率{level}——{s}"),
    "qb_missing": ("Quality-balance heat map: skipped (no qb_pass in this file)", "优质均衡热力图：未绘制（本文件无 qb_pass）"),
    "heatmap_constant": ("Heat map of the probability of passing{level} — {s}: left out, every county and year "
                         "is {v}", "通过概率{level}热力图——{s}：略去，各县市区各年均为 {v}"),
    "see_why": (" (the table below says why)", "（原因见下表）"),
    "h_age": ("Age structure of rural teachers", "乡村教师年龄结构"),
    "pyramid_missing": ("Not in this file: the age pyramid needs rural teachers by age band (rural_age_pyramid), "
                        "which this results file does not hold; the share of rural teachers aged 50 or more is in "
                        "the fan charts and region panels above.",
                        "本文件中没有：年龄金字塔需要按年龄段的乡村教师数（rural_age_pyramid），本结果文件没有；"
                        "乡村学校 50 岁及以上教师占比见上方扇形图和分县市区图。"),
    "age_pyramid": ("Age pyramid — {s}", "年龄金字塔——{s}"),
    "pyramid_skipped": ("Age pyramid: skipped (no rural_age_pyramid in this file)", "年龄金字塔：未绘制（本文件无 rural_age_pyramid）"),
    # report: why counties fail
    "h_why": ("Why counties fail", "为什么未通过"),
    "why_intro": ("Per county, level and year: how often the county fails the teacher indicators of the "
                  "quality-balance assessment, how often each condition fails (a difference coefficient over "
                  "its limit, a school below the school rule) and the mean share of its scored schools below "
                  "each indicator's threshold. A share is over the replications.",
                  "按县市区、学段和年份：县市区未通过优质均衡评估教师指标的频率，各项条件未达标的频率（校际差异系数超过限值、"
                  "有学校未达到学校标准），以及参评学校中各项指标低于标准的平均占比。占比均按模拟次数计。"),
    "why_missing": ("Why counties fail: not in this file (it has no qb_fails_… indicators; teachsim writes them "
                    "from issue 13 on)", "为什么未通过：本文件中没有（无 qb_fails_… 指标；teachsim 自第 13 号议题起写入）"),
    "level_year": ("Level, year", "学段、年份"),
    "p_fails": ("P(fails)", "未通过概率"),
    "fails_cv": ("CV over limit: {ind}", "差异系数超标：{ind}"),
    "fails_school": ("a school below the school rule", "有学校未达学校标准"),
    "fails_rotation": ("rotation condition not met", "交流轮岗条件未达标"),
    "missing_share": ("schools lacking: {ind}", "未达标学校占比：{ind}"),
    "reading": ("Reading", "解读"),
    "r_fails": ("{region} {level} {year}: fails in {p} of replications", "{region} {level} {year} 年：{p} 的模拟中未通过"),
    "r_passes": ("{region} {level} {year}: passes in every replication", "{region} {level} {year} 年：各次模拟均通过"),
    "r_schools": ("{p} of its schools lack {ind}", "{p} 的学校{ind}未达标"),
    "r_cvs_ok": ("its CVs are within limits", "差异系数均在限值内"),
    "r_cv_over": ("the CV of {ind} is over its limit in {p}", "{ind}差异系数在 {p} 的模拟中超标"),
    "r_rotation": ("the rotation condition fails in {p}", "交流轮岗条件在 {p} 的模拟中未达标"),
    # report: recruitment need by subject
    "h_need": ("Recruitment need by subject", "分学科招聘需求"),
    "need_intro": ("Posts of each subject not held by an established or targeted teacher of that subject "
                   "(subjects/specialist_need), the next five years from {first}: median and 5–95 % band over "
                   "the replications; beside it the median hires of the subject (subjects/hires).",
                   "各学科未由本学科在编或公费定向教师担任的岗位数（subjects/specialist_need），自 {first} 年起五年："
                   "各次模拟的中位数及 5–95 % 区间；旁列该学科新招聘教师中位数（subjects/hires）。"),
    "need_missing": ("Recruitment need by subject: not in this file (no subjects/ group with specialist_need)",
                     "分学科招聘需求：本文件中没有（无含 specialist_need 的 subjects/ 组）"),
    "subject": ("Subject", "学科"),
    "need": ("need", "需求"),
    "hires": ("hires", "招聘"),
    # report: schools
    "h_schools": ("Schools that most often fail", "最常未达标的学校"),
    "schools_intro": ("Per county, the {n} scored schools least often meeting the school rule in {year} "
                      "(schools/rule_met_probability, share of replications), with the indicator each most often "
                      "misses and the means over replications per 100 pupils.",
                      "各县市区 {year} 年达到学校标准概率最低的 {n} 所参评学校（schools/rule_met_probability，按模拟次数计），"
                      "及其最常未达标的指标和每百名学生拥有教师数的平均值。"),
    "schools_missing": ("Schools that most often fail: not in this file (no schools/ group)",
                        "最常未达标的学校：本文件中没有（无 schools/ 组）"),
    "school": ("School", "学校"),
    "level": ("Level", "学段"),
    "locality": ("Locality", "城乡"),
    "pupils": ("Pupils", "学生数"),
    "p_meets": ("P(meets rule)", "达标概率"),
    "most_missed": ("Most often missed", "最常未达标"),
    "none_missed": ("none", "无"),
    "per100": ("{ind} per 100 pupils", "每百名学生{ind}"),
    "no_scored": ("no scored school", "无参评学校"),
    # report: costs
    "h_costs": ("Costs", "成本"),
    "costs_intro": ("Cumulative cost from {first} to {last}, whole area, in 10,000 yuan (万元): median and "
                    "5–95 % band over the replications, by item and by payer.",
                    "{first}–{last} 年全市累计成本（万元）：各次模拟的中位数及 5–95 % 区间，分项目和分承担方。"),
    "costs_missing": ("Costs: not in this file (no cost_… indicators)", "成本：本文件中没有（无 cost_… 指标）"),
    "item": ("Item", "项目"),
    "payer": ("Payer", "承担方"),
    "by_item": ("By item", "分项目"),
    "by_payer": ("By payer", "分承担方"),
    "cost_pairs": ("Paired differences against {ref}", "相对于 {ref} 的配对差值"),
    "cost_pairs_intro": ("Scenario minus {ref}, same replication: cumulative cost to {last} and rural vacancies "
                         "summed over the years (rural-vacancy-years); the cost per rural-vacancy-year avoided is "
                         "Σ mean Δcost_total / Σ −mean Δrural_vacancies over the years, not defined when the "
                         "scenario does not reduce rural vacancies.",
                         "同次模拟的情景减 {ref}：至 {last} 年的累计成本差值，以及各年乡村学校空岗之和（空岗·年）；"
                         "每减少一个乡村空岗·年的成本 = Σ 平均 Δ总成本 / Σ −平均 Δ乡村空岗，情景未减少乡村空岗时无定义。"),
    "d_cost": ("Δ cumulative cost, 万元 (median, 5–95 %)", "累计成本差值，万元（中位数，5–95 %）"),
    "d_rural": ("Δ rural-vacancy-years (median, 5–95 %)", "乡村空岗·年差值（中位数，5–95 %）"),
    "per_avoided": ("yuan per rural-vacancy-year avoided", "每减少一个乡村空岗·年的成本（元）"),
    "not_defined": ("not defined (no improvement)", "无定义（未改善）"),
    "wan_yuan": ("10,000 yuan", "万元"),
    # the studies: attribution/ (teachsim attribute -o) and sensitivity/ (teachsim sensitivity -o)
    "outcome_at": ("{name}, {year}, {region}", "{name}，{year} 年，{region}"),
    "outcome_target": ("probability of {name}", "{name} 的达成概率"),
    "wf_interval": ("{c} % interval of the step", "该步的 {c} % 区间"),
    "wf_title": ("From {a} to {b}: what each group of changes contributes to {outcome}",
                 "从 {a} 到 {b}：各组政策改变对{outcome}的贡献"),
    "wf_caption": ("Shapley values over {g} groups of keys ({c} coalitions), {n} replications each with common random "
                   "numbers; interactions {share} of the difference, {gross} of the gross effect (Σ|alone| + |interactions|), "
                   "shared out among the groups; teachsim attribute",
                   "对 {g} 组参数的 Shapley 值（{c} 种组合），每种组合 {n} 次模拟，共用随机数；交互作用占差值的 {share}，"
                   "占总效应（Σ|单独| + |交互|）的 {gross}，已分摊到各组；teachsim attribute"),
    "h_attribution": ("What made the difference", "差异从何而来"),
    "attribution_intro": ("{b} differs from {a} in the keys below, gathered in groups. Every combination of groups "
                          "(A with those groups' values from B) was run on the same random numbers, and each group's "
                          "Shapley value is its average contribution over the orders in which the changes could be "
                          "made: the values add up to B − A exactly, interactions included. “Alone” is the "
                          "group's effect when it is the only change.",
                          "{b} 与 {a} 的不同之处见下表，按组归并。每一种组合（A 加上若干组来自 B 的取值）都用相同的随机数运行；"
                          "每组的 Shapley 值是它在各种施行顺序下的平均贡献：各组之和恰为 B − A，交互作用已计入。"
                          "“单独”指只做这一组改变时的效果。"),
    "group": ("Group", "组"),
    "keys": ("Keys", "参数"),
    "shapley": ("Shapley value ({c} % interval)", "Shapley 值（{c} % 区间）"),
    "alone": ("Alone", "单独"),
    "difference_row": ("B − A ({c} % interval)", "B − A（{c} % 区间）"),
    "interaction_row": ("Interactions (B − A less the effects alone)", "交互作用（B − A 减去各组单独效果）"),
    "h_sensitivity": ("Which assumptions move the answer", "哪些假设左右结果"),
    "sensitivity_intro": ("A {method} study of {k} inputs of this scenario, each varied over the range of the "
                          "ranges file, every design point on the same random numbers: the longest bars are what the "
                          "bureau should measure first.",
                          "对本情景 {k} 个输入参数的{method}分析，每个参数在取值范围内变动，所有设计点共用随机数："
                          "条形最长的参数是教育局最应先核实的。"),
    "morris": ("Morris screening", "Morris 筛选"),
    "sobol": ("Sobol indices", "Sobol 指数"),
    "tornado_title": ("What moves {outcome}: {method}", "影响{outcome}的因素：{method}"),
    "mu_star_legend": ("μ* (95 % interval)", "μ*（95 % 区间）"),
    "mu_star_axis": ("μ*: mean absolute elementary effect (outcome units per whole range)",
                     "μ*：基本效应绝对值的均值（整个取值范围内结果的变化量）"),
    "total_legend": ("total index (95 % interval)", "总效应指数（95 % 区间）"),
    "first_legend": ("first-order index (95 % interval)", "一阶指数（95 % 区间）"),
    "variance_axis": ("share of the outcome's variance", "占结果方差的比例"),
    "tornado_caption": ("{n} {points} x {k} inputs, {r} replications per point (common random numbers); "
                        "teachsim sensitivity",
                        "{n} 条{points} × {k} 个输入，每个设计点 {r} 次模拟（共用随机数）；teachsim sensitivity"),
    "trajectories": ("trajectories", "轨迹"),
    "base_samples": ("base samples", "基础样本"),
    "sens_col_rank": ("Rank", "排名"),
    "sens_col_input": ("Input (range)", "输入（范围）"),
    "sens_col_interval": ("95 % interval", "95 % 区间"),
    "sens_col_mu_star": ("μ*", "μ*"),
    "sens_col_total": ("total index", "总效应指数"),
    "h_optimise": ("The cheapest lever mix that meets the targets", "达成目标的最省政策组合"),
    "optimise_intro": ("The search tried {n} of the {grid} mixes of the levers ({method}), each on the same "
                       "random numbers, to minimise {outcome} while every target ({targets}) is met with probability "
                       "at least {p}; the cheapest that did were run again with more replications.",
                       "搜索在 {grid} 种政策组合中评估了 {n} 种（{method}），每种组合共用随机数，在各目标（{targets}）"
                       "达成概率均不低于 {p} 的前提下使{outcome}最小；达标的最省组合再以更多次模拟复核。"),
    "optimise_found": ("Answer: {mix}, {outcome} = {v}.", "结论：{mix}，{outcome} = {v}。"),
    "optimise_out_of_reach": ("Out of reach: no mix in the ranges meets every target with probability at least {p}; "
                              "the closest reached a worst target probability of {w:.3f}.",
                              "无法达到：范围内没有组合能以不低于 {p} 的概率达成全部目标；最接近的组合最低目标概率为 {w:.3f}。"),
    "optimise_all_zero": ("Every mix has probability 0 for some target, so none is nearer than another: the table "
                          "shows the cheapest mixes, not the closest.",
                          "每种组合都有目标的达成概率为 0，无从比较远近：表中所列为最省的组合，而非最接近的组合。"),
    "every mix of the grid": ("every mix of the grid", "逐一评估全部组合"),
    "coordinate search": ("coordinate search", "坐标搜索"),
    "lever_from": ("{path} from {year} = {v}", "{path}（自 {year} 学年起）= {v}"),
    "answer_row": ("{n} (answer)", "{n}（结论）"),
    "meets": ("meets every target", "全部达标"),
    "short": ("falls short", "未达标"),
    "opt_col_role": ("Rank", "名次"),
    "opt_col_mix": ("Mix of levers", "政策组合"),
    "opt_col_outcome": ("Outcome minimised", "最小化的结果"),
    "opt_col_worst": ("Worst target probability", "最低目标概率"),
    "opt_col_verdict": ("Targets", "目标"),
    "opt_col_reps": ("Replications", "模拟次数"),
    "opt_title": ("What meeting the targets costs: each mix tried, its {outcome} and its worst target probability",
                  "达成目标的代价：每种试算组合的{outcome}与最低目标达成概率"),
    "opt_worst_axis": ("worst target probability", "最低目标达成概率"),
    "opt_meets_legend": ("mix meeting every target", "全部达标的组合"),
    "opt_short_legend": ("mix falling short", "未达标的组合"),
    "opt_confirm_legend": ("confirmed with {r} replications", "以 {r} 次模拟复核"),
    "opt_answer_legend": ("the answer", "结论"),
    "opt_required": ("required probability {p}", "要求的概率 {p}"),
    "opt_caption": ("{n} of {grid} mixes, {r} replications each (common random numbers); targets: {targets}; "
                    "{runs} replications in all; teachsim optimise",
                    "{grid} 种组合中的 {n} 种，每种 {r} 次模拟（共用随机数）；目标：{targets}；共 {runs} 次模拟；"
                    "teachsim optimise"),
}

# The sections of a scenario (the first part of a key path, docs/scenario-reference.md), as the
# attribution's default groups; the Chinese is the plan's own wording where it has one, and the
# same as teachsim's (sim/input/scenario_keys_zh.c, ts_section_name_zh: test_i18n compares them).
SECTIONS = {
    "horizon": ("horizon", "模拟期"), "population": ("start population", "起始教师队伍"),
    "enrolment": ("enrolment", "学生入学"), "staffing": ("staffing norms", "编制标准"),
    "leaving": ("leaving", "教师流失"), "retirement": ("retirement", "退休"),
    "recruitment": ("recruitment", "教师招聘"), "temporaries": ("temporary teachers", "临聘教师"),
    "targeted_intake": ("targeted students", "公费定向师范生"), "posting": ("county posting", "县管校聘"),
    "rotation": ("rotation", "交流轮岗"), "careers": ("careers and backbone", "职称与骨干教师"),
    "alliances": ("school alliances", "学区制与校联体"), "psychology": ("psychology staff", "心理健康教育教师"),
    "network": ("school network", "学校布局"),
    "quality": ("assessment rule", "优质均衡评估规则"), "costs": ("costs", "成本"),
    "regions": ("regions", "县市区"), "uncertain": ("uncertain parameters", "不确定参数"),
}

# Category codes (teachsim/vocabulary.h; the same Chinese as sim/base/indicator_zh.c).
CODES = {
    "primary": ("primary", "小学"), "junior": ("junior", "初中"), "nine_year": ("nine-year", "九年一贯制"),
    "urban": ("urban", "城区"), "town": ("town", "镇区"), "rural": ("rural", "乡村"),
    "qualified": ("teachers above the required qualification", "高于规定学历教师"),
    "backbone": ("backbone teachers", "县级以上骨干教师"),
    "pe_art": ("PE, music and art teachers", "体育、艺术（美术、音乐）专任教师"),
    "chinese": ("Chinese", "语文"), "maths": ("maths", "数学"), "english": ("English", "英语"),
    "science": ("science", "科学"), "pe": ("PE", "体育"), "music": ("music", "音乐"), "art": ("art", "美术"),
    "other": ("other", "其他"),
    "county": ("county", "县级"), "city": ("city", "市级"), "province": ("province", "省级"),
}
# Short names of the quality-balance indicators, for table headings.
QB_SHORT = {"qualified": ("qualified", "高学历"), "backbone": ("backbone", "骨干"), "pe_art": ("PE/art", "音体美")}


def t(key, **kw):
    en, zh_text = TEXTS[key]
    text = zh_text if zh() else en
    return text.format(**kw) if kw else text


def code(c):
    """A category code (primary, rural, backbone, maths ...) in the current language; unknown codes unchanged."""
    pair = CODES.get(str(c))
    return (pair[1] if zh() else pair[0]) if pair else str(c)


def qb_short(c):
    pair = QB_SHORT.get(str(c))
    return (pair[1] if zh() else pair[0]) if pair else str(c)


def long_name(da, fallback=None):
    """The variable's long name in the current language: `long_name_zh` for Chinese, marked as English
    when the file predates it."""
    en = da.attrs.get("long_name", fallback or da.name)
    if not zh():
        return en
    z = da.attrs.get("long_name_zh")
    return z if z else f"{MISSING_ZH}{en}"


def units(da):
    """The variable's units for a label: 'share'/比例 for "1", Chinese units from `units_zh`."""
    u = da.attrs.get("units", "")
    if not zh():
        return "share" if u == "1" else u
    z = da.attrs.get("units_zh")
    if z:
        return z
    return "比例" if u == "1" else (f"{MISSING_ZH}{u}" if u else "")


def number(v, decimals=0):
    """A number with thousands separators (both languages use them in tables)."""
    return f"{v:,.{decimals}f}"


def wan(yuan):
    """Yuan as 万元 (10,000 yuan), the unit of Chinese budget tables, with one decimal below 100."""
    w = yuan / 1e4
    return f"{w:,.0f}" if abs(w) >= 100 else f"{w:,.1f}"
