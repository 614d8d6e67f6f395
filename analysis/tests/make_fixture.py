"""Write a synthetic results file that follows docs/results-file.md (format version 1).

Only for what a real `teachsim run` cannot produce yet (an unknown format_version, qb_pass,
a comparison/ group, an age pyramid). The numbers are plausible, not a model.

    /usr/bin/python3 analysis/tests/make_fixture.py out.h5 --scenarios base reform --qb --comparison
"""
import argparse
import sys

import h5py
import numpy as np

REGIONS = [("xiangtan_county", "湘潭县"), ("xiangxiang", "湘乡市"), ("shaoshan", "韶山市"),
           ("yuhu", "雨湖区"), ("yuetang", "岳塘区"), ("ALL", "全部")]
STR = h5py.string_dtype("utf-8")

# name: (count?, units, long_name, description)
INDICATORS = {
    "teachers": (True, "teachers", "Teachers", "Teachers in post on 1 September, all contracts."),
    "teachers_established": (True, "teachers", "Established teachers",
                             "Established (在编) teachers in post on 1 September."),
    "teachers_temporary": (True, "teachers", "Temporary teachers",
                           "Temporary (临聘/代课) teachers in post on 1 September."),
    "pupils": (True, "pupils", "Pupils", "Compulsory-school pupils enrolled on 1 September."),
    "requirement": (True, "teachers", "Staffing requirement",
                    "Teachers the staffing rules require on 1 September."),
    "vacancies": (True, "posts", "Vacancies", "Required posts left unfilled after recruitment."),
    "rural_vacancies": (True, "posts", "Rural vacancies",
                        "Required posts in rural schools left unfilled after recruitment."),
    "retirements": (True, "teachers per year", "Retirements", "Teachers retiring during the year."),
    "leavers": (True, "teachers per year", "Leavers", "Teachers leaving the county system during the year."),
    "transfers_to_urban": (True, "teachers per year", "Transfers to town or urban schools",
                           "Rural teachers moving to town or urban schools during the year."),
    "hires": (True, "teachers per year", "Hires", "Teachers recruited during the year."),
    "mean_age": (False, "years", "Mean age", "Mean age of teachers in post on 1 September."),
    "share_age_50plus": (False, "1", "Share aged 50+", "Share of teachers aged 50 or more on 1 September."),
    "rural_share_age_50plus": (False, "1", "Rural share aged 50+",
                               "Share of rural-school teachers aged 50 or more on 1 September."),
    "pupil_teacher_ratio": (False, "pupils per teacher", "Pupil-teacher ratio",
                            "Pupils divided by teachers in post on 1 September."),
}
# Chinese long names and units as sim/base/indicator_zh.c writes them (long_name_zh, units_zh).
ZH = {
    "teachers": ("在岗教师", "人"), "teachers_established": ("在编教师", "人"), "teachers_temporary": ("临聘教师", "人"),
    "pupils": ("在校学生", "人"), "requirement": ("编制标准核定岗位", "个岗位"), "vacancies": ("空岗（缺编）", "个岗位"),
    "rural_vacancies": ("乡村学校空岗", "个岗位"), "retirements": ("退休教师", "人"),
    "leavers": ("离岗教师（不含退休和调动）", "人"), "transfers_to_urban": ("乡村教师调入城区或镇区学校", "人"),
    "hires": ("新招聘教师", "人"), "mean_age": ("教师平均年龄", "岁"), "share_age_50plus": ("50岁及以上教师占比", "比例"),
    "rural_share_age_50plus": ("乡村学校50岁及以上教师占比", "比例"), "pupil_teacher_ratio": ("生师比", "名学生/名教师"),
}
LEVEL_ZH = {"primary": "（小学）", "junior": "（初中）"}
QB_INDICATORS = ("qualified", "backbone", "pe_art")
QB_ZH = {"qualified": "高于规定学历教师数", "backbone": "骨干教师数", "pe_art": "音体美专任教师数"}
SUBJECTS = [("chinese", "语文"), ("maths", "数学"), ("english", "英语"), ("science", "科学"), ("pe", "体育"),
            ("music", "音乐"), ("art", "美术"), ("other", "其他")]
COST_ITEMS = {  # name: (English, Chinese, yuan per teacher and year)
    "cost_pay": ("Pay", "教师工资福利支出", 98000.0), "cost_rural_allowance": ("Rural living allowance", "乡村教师生活补助", 6000.0),
    "cost_targeted_study_provincial": ("Targeted study, provincial", "公费定向师范生培养费（省级）", 900.0),
    "cost_targeted_study_municipal": ("Targeted study, municipal", "公费定向师范生培养费（市级）", 600.0),
    "cost_recruitment": ("Recruitment", "教师招聘费用", 300.0),
    "cost_standby_training": ("Standby training", "待岗培训费用", 120.0),
    "cost_rotation_allowance": ("Rotation allowance", "交流轮岗补助", 700.0),
}
COST_PAYERS = {"cost_county": ("Paid by the county", "县级财政承担", 0.78), "cost_city": ("Paid by the city", "市级财政承担", 0.12),
               "cost_province": ("Paid by the province", "省级财政承担", 0.10)}
DESCRIPTIONS = ["Xiangtan 2021-2035 under current rules", "More targeted graduates (公费定向师范生) for rural schools",
                "No rotation (交流轮岗)"]
AGE_BANDS = ["20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64"]


def _scale(f, name, data, dtype):
    d = f.create_dataset(name, data=data, dtype=dtype)
    d.make_scale(name)
    return d


def _variable(parent, name, data, scales, attrs, chunk_first=True):
    chunks = (1,) + data.shape[1:] if chunk_first else True
    d = parent.create_dataset(name, data=data, chunks=chunks, shuffle=True, compression="gzip",
                              compression_opts=4)
    for i, s in enumerate(scales):
        d.dims[i].attach_scale(s)
    for k, v in attrs.items():
        d.attrs.create(k, v, dtype=STR) if isinstance(v, str) else d.attrs.create(k, v)
    return d


def _series(rng, shape, start, trend, noise):
    """Random-walk paths along axis 2 (year), one per scenario/replication/region."""
    steps = rng.normal(trend, noise, size=shape)
    steps[:, :, 0, :] = 0.0
    return start * np.exp(np.cumsum(steps, axis=2))


def make_fixture(path, scenarios=("xiangtan-baseline",), replications=20, years=(2021, 2035),
                 seed=20210901, format_version=1, qb=False, qb_levels=False, comparison=False,
                 pyramid=False, indicators=None, planner=False, zh=True):
    """planner: the planner-output data of issue 13 (why counties fail, costs, the subjects/ and schools/
    groups, scenario descriptions); zh: the long_name_zh / units_zh attributes (False: a file written
    before them)."""
    rng = np.random.default_rng(seed)
    year = np.arange(years[0], years[1] + 1, dtype=np.int32)
    S, R, Y, G = len(scenarios), replications, len(year), len(REGIONS)
    shape = (S, R, Y, G - 1)
    size = np.array([62.0, 58.0, 8.0, 30.0, 24.0])  # relative region sizes
    effect = np.linspace(0.0, -0.02, S)[:, None, None, None]  # later scenarios do better

    def counts(x):  # counties plus ALL = their sum
        x = np.rint(np.maximum(x, 0)).astype(np.int32)
        return np.concatenate([x, x.sum(axis=3, keepdims=True)], axis=3).astype(np.int32)

    pupils = counts(_series(rng, shape, 40 * size * 45, -0.045, 0.01))
    teachers = counts(_series(rng, shape, 40 * size * 3, -0.01, 0.01))
    temporary = counts(teachers[..., :-1] * rng.uniform(0.04, 0.08, size=shape))
    requirement = counts(pupils[..., :-1] / 15.0 + 20)
    vacancies = counts(np.maximum(requirement[..., :-1] - teachers[..., :-1], 0)
                       + _series(rng, shape, size * 2, 0.05 + effect, 0.1))
    rural_vac = counts(vacancies[..., :-1] * 0.6)
    flows = {k: counts(teachers[..., :-1] * rng.uniform(lo, hi, size=shape))
             for k, lo, hi in [("retirements", 0.02, 0.04), ("leavers", 0.02, 0.05),
                               ("transfers_to_urban", 0.005, 0.015), ("hires", 0.03, 0.07)]}
    mean_age = _series(rng, shape, 44.0, 0.004, 0.002)
    w = teachers[..., :-1].astype(float)
    def real(x):  # counties plus ALL = teacher-weighted mean
        return np.concatenate([x, (x * w).sum(axis=3, keepdims=True) / w.sum(axis=3, keepdims=True)], axis=3)
    values = {
        "teachers": teachers, "teachers_established": (teachers - temporary).astype(np.int32), "teachers_temporary": temporary,
        "pupils": pupils, "requirement": requirement, "vacancies": vacancies, "rural_vacancies": rural_vac,
        **flows, "mean_age": real(mean_age), "share_age_50plus": real(np.clip((mean_age - 36) / 25, 0, 1)),
        "rural_share_age_50plus": real(np.clip((mean_age - 33) / 22, 0, 1)),
        "pupil_teacher_ratio": pupils / np.maximum(teachers, 1),
    }

    with h5py.File(path, "w", track_order=True) as f:
        sc = _scale(f, "scenario", list(scenarios), STR)
        rep = _scale(f, "replication", np.arange(R, dtype=np.int32), np.int32)
        yr = _scale(f, "year", year, np.int32)
        reg = _scale(f, "region", [r for r, _ in REGIONS], STR)
        names_zh = f.create_dataset("region_name_zh", data=[z for _, z in REGIONS], dtype=STR)
        names_zh.dims[0].attach_scale(reg)
        names_zh.attrs.create("long_name", "Chinese name of the region", dtype=STR)
        yaml = f.create_dataset("scenario_yaml", data=[_yaml(s, i, R, planner) for i, s in enumerate(scenarios)],
                                dtype=STR)
        yaml.dims[0].attach_scale(sc)
        dims = (sc, rep, yr, reg)
        for name, (_, units, long_name, desc) in INDICATORS.items():
            if indicators is None or name in indicators:
                _variable(f, name, values[name], dims, {"units": units, "long_name": long_name, "description": desc,
                                                        **_zh(name, zh)})
        if qb:
            ramp = ((year - year[0]) / (Y - 1) * 1.2 - 0.1)[None, None, :, None]
            p = np.clip(ramp * np.linspace(0.5, 1.0, G - 1) - effect * 10, 0, 1)
            suffixes = ["", "_primary", "_junior"] if qb_levels else [""]
            for suf in suffixes:
                passed = (rng.random(shape) < p).astype(np.int32)
                data = np.concatenate([passed, passed.sum(axis=3, keepdims=True)], axis=3).astype(np.int32)
                _variable(f, "qb_pass" + suf, data, dims, {
                    "units": "1", "long_name": "Passes the quality-balance teacher indicators" + suf.replace("_", ", "),
                    "description": "1 if the county passes that year; for ALL the number of counties passing.",
                    **({"long_name_zh": "通过优质均衡教师指标的县市区" + LEVEL_ZH.get(suf[1:], ""), "units_zh": "个县市区"}
                       if zh else {})})
        if planner:
            _planner(f, rng, dims, scenarios, year, teachers, values, zh, effect)
        if pyramid:
            band = _scale(f, "age_band", AGE_BANDS, STR)
            base = np.array([2, 5, 7, 8, 9, 11, 14, 12, 4], float) * 20
            drift = np.linspace(1.0, 1.5, Y)[:, None] ** np.linspace(-1, 1, len(AGE_BANDS))
            pyr = rng.poisson((base * drift)[:, None, :], size=(S, R, Y, G, len(AGE_BANDS))).astype(np.int32)
            pyr[..., -1, :] = pyr[..., :-1, :].sum(axis=-2)
            _variable(f, "rural_age_pyramid", pyr, dims + (band,), {
                "units": "teachers", "long_name": "Rural teachers by age band",
                "description": "Teachers in rural schools on 1 September, by five-year age band.",
                **({"long_name_zh": "乡村学校教师（按年龄段）", "units_zh": "人"} if zh else {})})
        if comparison and S > 1:
            g = f.create_group("comparison", track_order=True)
            ct = g.create_dataset("contrast", data=[f"{s} - {scenarios[0]}" for s in scenarios[1:]], dtype=STR)
            ct.make_scale("contrast")
            g.attrs.create("reference", scenarios[0], dtype=STR)
            for name in ("vacancies", "rural_vacancies", "teachers"):
                d = values[name][1:] - values[name][:1]
                _, units, long_name, _ = INDICATORS[name]
                _variable(g, name, d.astype(np.int32), (ct, rep, yr, reg), {
                    "units": units, "long_name": f"Paired difference in {long_name.lower()}",
                    "description": "Scenario minus the first scenario, same replication (common random numbers)."})
            tg = g.create_dataset("target", data=["half of counties pass by 2022", "all counties pass by 2025"],
                                  dtype=STR)
            tg.make_scale("target")
            probs = np.clip(np.array([[0.35, 0.10]]) + np.arange(S)[:, None] * np.array([[0.3, 0.25]]), 0, 1)
            _variable(g, "target_probability", probs, (sc, tg), {
                "units": "1", "long_name": "Probability of meeting the target",
                "description": "Share of replications in which the target is met.",
                **({"long_name_zh": "达成目标的概率", "units_zh": "比例"} if zh else {})}, chunk_first=False)
        f.attrs.create("format", "teachsim-results", dtype=STR)
        f.attrs.create("format_version", np.int32(format_version))
        f.attrs.create("teachsim_version", "0.0.0-fixture", dtype=STR)
        f.attrs.create("created_utc", "2025-01-01T00:00:00Z", dtype=STR)
        f.attrs.create("command_line", f"make_fixture.py {path}", dtype=STR)
        f.attrs.create("base_seed", np.uint64(seed))
        f.attrs.create("replications", np.int32(R))
        f.attrs.create("provenance", "synthetic fixture written by analysis/tests/make_fixture.py", dtype=STR)
    return path


def _zh(name, zh):
    if not zh or name not in ZH:
        return {}
    return {"long_name_zh": ZH[name][0], "units_zh": ZH[name][1]}


def _yaml(name, i, R, planner):
    if not planner:
        return f"name: {name}\nreplications: {R}\n"
    places = [40, 30] if i == 0 else [80, 60]
    rotation = "true" if i < 2 else "false"
    return (f"name: {name}\ndescription: {DESCRIPTIONS[i % 3]}\nreplications: {R}\nhorizon:\n  start_year: 2021\n"
            f"  end_year: 2035\nrotation:\n  enabled: {rotation}\n  rate: 0.1\ntargeted:\n  places: {places}\n")


def _attrs(units, long_name, desc, zh_name=None, zh_units=None):
    a = {"units": units, "long_name": long_name, "description": desc}
    if zh_name:
        a.update(long_name_zh=zh_name, units_zh=zh_units)
    return a


def _planner(f, rng, dims, scenarios, year, teachers, values, zh, effect):
    """Why counties fail, costs, subjects/ and schools/ (issue 13 names), plausible and consistent:
    a county fails only with a cause; costs add up by item and by payer; ALL sums the counties."""
    sc, rep, yr, reg = dims
    S, R, Y, G1 = teachers.shape[0], teachers.shape[1], teachers.shape[2], teachers.shape[3] - 1
    shape = (S, R, Y, G1)
    z = (lambda n, u: (n, u)) if zh else (lambda n, u: (None, None))

    def count_all(x):
        x = x.astype(np.int32)
        return np.concatenate([x, x.sum(axis=3, keepdims=True)], axis=3).astype(np.int32)

    def mean_all(x):
        return np.concatenate([x, x.mean(axis=3, keepdims=True)], axis=3)

    for lv in ("primary", "junior"):
        lz = LEVEL_ZH[lv]
        passed = f[f"qb_pass_{lv}"][..., :G1] if f"qb_pass_{lv}" in f else np.zeros(shape, np.int32)
        fail = passed == 0
        u = rng.random((4,) + shape)
        school = fail & (u[0] < 0.85)
        cv = {"qualified": fail & (u[1] < 0.05), "backbone": fail & (~school | (u[2] < 0.2)), "pe_art": fail & (u[3] < 0.1)}
        for ind in QB_INDICATORS:
            _variable(f, f"qb_fails_cv_{ind}_{lv}", count_all(cv[ind]), dims, _attrs(
                "counties", f"Difference coefficient of {ind} over its limit, {lv}",
                "1 if the county's difference coefficient is over its limit (NaN counts as over); ALL the number.",
                *z(f"{QB_ZH[ind]}差异系数超标{lz}", "个县市区")))
        _variable(f, f"qb_fails_school_rule_{lv}", count_all(school), dims, _attrs(
            "counties", f"A scored school misses the school rule, {lv}", "1 if at least one scored school misses it.",
            *z(f"有学校未达到学校标准{lz}", "个县市区")))
        base = {"qualified": 0.03, "backbone": 0.25, "pe_art": 0.10}
        for ind in QB_INDICATORS:
            share = np.clip(base[ind] * (1 + fail) + rng.normal(0, 0.03, shape), 0, 1)
            _variable(f, f"qb_schools_missing_{ind}_{lv}", mean_all(share), dims, _attrs(
                "1", f"Scored schools below the {ind} threshold, {lv}", "Share of the scored schools below it.",
                *z(f"{QB_ZH[ind]}未达标的学校占比{lz}", "比例")))
            failing = np.where(school, np.clip(share * 1.6, 0, 1), np.nan)
            with np.errstate(invalid="ignore"):
                _variable(f, f"qb_failing_missing_{ind}_{lv}", mean_all(failing), dims, _attrs(
                    "1", f"Failing schools below the {ind} threshold, {lv}", "Among failing schools; NaN when none.",
                    *z(f"未达标学校中{QB_ZH[ind]}未达标的占比{lz}", "比例")))
    _variable(f, "qb_fails_rotation", count_all(rng.random(shape) < 0.04), dims, _attrs(
        "counties", "Rotation condition not met", "1 if the county's rotation condition is not met.",
        *z("交流轮岗条件未达标", "个县市区")))
    _variable(f, "qb_schools_meeting_rule", count_all(rng.integers(20, 60, shape)), dims, _attrs(
        "school-levels", "Scored school-levels meeting the school rule", "Both levels.",
        *z("达到学校标准的学校（小学和初中学段）", "所学校")))

    # Costs: items from teachers x a rate; targeted study larger in later scenarios (more places).
    w = teachers[..., :G1].astype(float)
    more = (1.0 + np.arange(S))[:, None, None, None]
    total = np.zeros(shape)
    for name, (en, zn, rate) in COST_ITEMS.items():
        x = w * rate * rng.uniform(0.95, 1.05, shape) * (more if "targeted" in name else 1.0)
        total += x
        _variable(f, name, mean_all(x) * np.array([1] * G1 + [G1]), dims, _attrs(
            "yuan", en, "Yuan spent in the school year.", *z(zn, "元")))
    all_sum = lambda x: np.concatenate([x, x.sum(axis=3, keepdims=True)], axis=3)  # noqa: E731
    _variable(f, "cost_total", all_sum(total), dims, _attrs("yuan", "Total cost", "Sum of the items.", *z("总成本", "元")))
    for name, (en, zn, share) in COST_PAYERS.items():
        _variable(f, name, all_sum(total * share), dims, _attrs("yuan", en, "Yuan this payer pays.", *z(zn, "元")))
    _variable(f, "cost_total_cumulative", all_sum(np.cumsum(total, axis=2)), dims, _attrs(
        "yuan", "Total cost, cumulative", "Sum of cost_total from the first year through this one.",
        *z("累计总成本（自首年起）", "元")))

    # subjects/: (scenario, replication, year, region, subject).
    g = f.create_group("subjects", track_order=True)
    sub = _scale(g, "subject", [c for c, _ in SUBJECTS], STR)
    names = g.create_dataset("subject_name_zh", data=[n for _, n in SUBJECTS], dtype=STR)
    names.dims[0].attach_scale(sub)
    weight = np.array([0.22, 0.2, 0.12, 0.08, 0.1, 0.08, 0.08, 0.12])
    need0 = values["vacancies"][..., :G1, None] * weight * 1.4 + 3
    fams = {"specialist_need": ("posts", "Posts without a specialist of the subject", "专任教师招聘需求", "个岗位", need0),
            "hires": ("teachers", "Hires by subject", "新招聘教师", "人", values["hires"][..., :G1, None] * weight)}
    for fam, (units, en, zn, zu, mean) in fams.items():
        x = rng.poisson(np.maximum(mean, 0)).astype(np.int32)
        x = np.concatenate([x, x.sum(axis=3, keepdims=True)], axis=3)
        _variable(g, fam, x, dims + (sub,), _attrs(units, en, "By subject.", *z(zn, zu)))

    # schools/: aggregated over replications; eight schools per county, the last a teaching point.
    g = f.create_group("schools", track_order=True)
    codes, zh_names = [c for c, _ in REGIONS[:G1]], [n for _, n in REGIONS[:G1]]
    rows = []
    for k, (c, zn) in enumerate(zip(codes, zh_names)):
        for j in range(8):
            level = ("primary", "junior", "nine_year")[j % 3]
            loc = ("urban", "town", "rural", "rural")[j % 4]
            rows.append((f"S{len(rows):05d}", f"{zn} {'乡村' if loc == 'rural' else '城镇'}{'小学' if level == 'primary' else '学校'} {j + 1}",
                         c, level, loc, 30 if j == 7 else int(rng.integers(120, 1500)), 0 if j == 7 else 1))
    N = len(rows)
    sch = _scale(g, "school", [r[0] for r in rows], STR)
    for i, (label, dtype) in enumerate([("school_name", STR), ("school_region", STR), ("school_level", STR),
                                        ("school_locality", STR), ("school_pupils_start", np.int32),
                                        ("school_scored", np.int8)], start=1):
        d = g.create_dataset(label, data=[r[i] for r in rows], dtype=dtype)
        d.dims[0].attach_scale(sch)
    scored = np.array([r[6] for r in rows], bool)
    p = np.clip(rng.beta(2, 1.2, (S, 1, N)) - 0.4 * rng.random((S, Y, N)) * (1 - np.linspace(0, 0.5, Y))[None, :, None]
                - effect[:, 0, 0, 0][:, None, None] * 5, 0, 1)
    p = np.round(p * R) / R
    p[:, :, ~scored] = np.nan
    miss = np.clip(rng.random((S, Y, N, 3)) * (1 - p)[..., None] * np.array([0.3, 1.0, 0.6]), 0, 1)
    miss[:, :, ~scored, :] = np.nan
    qbi = _scale(g, "qb_indicator", list(QB_INDICATORS), STR)
    sys_dims = (sc, yr, sch)
    _variable(g, "rule_met_probability", p, sys_dims, {"units": "1", "long_name": "Probability of meeting the school rule"}, chunk_first=False)
    _variable(g, "scored_replications", np.where(scored, R, 0)[None, None, :].repeat(S, 0).repeat(Y, 1).astype(np.int32),
              sys_dims, {"units": "1", "long_name": "Replications in which the school is scored"}, chunk_first=False)
    for ind, mean in zip(QB_INDICATORS, (5.8, 1.1, 0.9)):
        m = np.where(scored, mean * (1.2 - miss[..., QB_INDICATORS.index(ind)]), np.nan)
        _variable(g, f"{ind}_per100_mean", m, sys_dims, {"units": "per 100 pupils",
                  "long_name": f"{ind} teachers per 100 pupils, mean"}, chunk_first=False)
    top = np.array(QB_INDICATORS, dtype=object)[np.nanargmax(np.nan_to_num(miss, nan=-1), axis=-1)]
    top[~np.isfinite(p) | (np.nan_to_num(miss).max(axis=-1) == 0)] = ""
    d = g.create_dataset("most_missed", data=top.astype(object), dtype=STR)
    for i, sc_ in enumerate(sys_dims):
        d.dims[i].attach_scale(sc_)
    _variable(g, "missing_share", miss, sys_dims + (qbi,), {"units": "1", "long_name": "Share of scored replications below the threshold"},
              chunk_first=False)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output")
    ap.add_argument("--scenarios", nargs="+", default=["xiangtan-baseline"])
    ap.add_argument("-r", "--replications", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20210901)
    ap.add_argument("--format-version", type=int, default=1)
    ap.add_argument("--qb", action="store_true", help="add qb_pass")
    ap.add_argument("--qb-levels", action="store_true", help="add qb_pass_primary/_junior too")
    ap.add_argument("--comparison", action="store_true", help="add the comparison/ group (needs 2+ scenarios)")
    ap.add_argument("--pyramid", action="store_true", help="add rural_age_pyramid")
    ap.add_argument("--planner", action="store_true", help="add the issue-13 planner data (qb_fails_*, costs, "
                                                           "subjects/, schools/, descriptions)")
    a = ap.parse_args(argv)
    make_fixture(a.output, a.scenarios, a.replications, seed=a.seed, format_version=a.format_version,
                 qb=a.qb or a.qb_levels, qb_levels=a.qb_levels, comparison=a.comparison, pyramid=a.pyramid,
                 planner=a.planner)
    print(a.output)


if __name__ == "__main__":
    sys.exit(main())
