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
                 pyramid=False, indicators=None):
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
        zh = f.create_dataset("region_name_zh", data=[z for _, z in REGIONS], dtype=STR)
        zh.dims[0].attach_scale(reg)
        zh.attrs.create("long_name", "Chinese name of the region", dtype=STR)
        yaml = f.create_dataset("scenario_yaml", data=[f"name: {s}\nreplications: {R}\n" for s in scenarios],
                                dtype=STR)
        yaml.dims[0].attach_scale(sc)
        dims = (sc, rep, yr, reg)
        for name, (_, units, long_name, desc) in INDICATORS.items():
            if indicators is None or name in indicators:
                _variable(f, name, values[name], dims, {"units": units, "long_name": long_name, "description": desc})
        if qb:
            ramp = ((year - year[0]) / (Y - 1) * 1.2 - 0.1)[None, None, :, None]
            p = np.clip(ramp * np.linspace(0.5, 1.0, G - 1) - effect * 10, 0, 1)
            suffixes = ["", "_primary", "_junior"] if qb_levels else [""]
            for suf in suffixes:
                passed = (rng.random(shape) < p).astype(np.int32)
                data = np.concatenate([passed, passed.sum(axis=3, keepdims=True)], axis=3).astype(np.int32)
                _variable(f, "qb_pass" + suf, data, dims, {
                    "units": "1", "long_name": "Passes the quality-balance teacher indicators" + suf.replace("_", ", "),
                    "description": "1 if the county passes that year; for ALL the number of counties passing."})
        if pyramid:
            band = _scale(f, "age_band", AGE_BANDS, STR)
            base = np.array([2, 5, 7, 8, 9, 11, 14, 12, 4], float) * 20
            drift = np.linspace(1.0, 1.5, Y)[:, None] ** np.linspace(-1, 1, len(AGE_BANDS))
            pyr = rng.poisson((base * drift)[:, None, :], size=(S, R, Y, G, len(AGE_BANDS))).astype(np.int32)
            pyr[..., -1, :] = pyr[..., :-1, :].sum(axis=-2)
            _variable(f, "rural_age_pyramid", pyr, dims + (band,), {
                "units": "teachers", "long_name": "Rural teachers by age band",
                "description": "Teachers in rural schools on 1 September, by five-year age band."})
        if comparison and S > 1:
            g = f.create_group("comparison", track_order=True)
            ct = g.create_dataset("contrast", data=[f"{s} - {scenarios[0]}" for s in scenarios[1:]], dtype=STR)
            ct.make_scale("contrast")
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
                "description": "Share of replications in which the target is met."}, chunk_first=False)
        f.attrs.create("format", "teachsim-results", dtype=STR)
        f.attrs.create("format_version", np.int32(format_version))
        f.attrs.create("teachsim_version", "0.0.0-fixture", dtype=STR)
        f.attrs.create("created_utc", "2025-01-01T00:00:00Z", dtype=STR)
        f.attrs.create("command_line", f"make_fixture.py {path}", dtype=STR)
        f.attrs.create("base_seed", np.uint64(seed))
        f.attrs.create("replications", np.int32(R))
        f.attrs.create("provenance", "synthetic fixture written by analysis/tests/make_fixture.py", dtype=STR)
    return path


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
    a = ap.parse_args(argv)
    make_fixture(a.output, a.scenarios, a.replications, seed=a.seed, format_version=a.format_version,
                 qb=a.qb or a.qb_levels, qb_levels=a.qb_levels, comparison=a.comparison, pyramid=a.pyramid)
    print(a.output)


if __name__ == "__main__":
    sys.exit(main())
