"""A synthetic results file with every group the interactive page reads, laid out as results_h5.c
writes them (the failure decomposition, costs, subjects/ with its own subject scale and
subject_name_zh, schools/, targets/, comparison/ with its statistics and comparison/subjects/ with
its own subject scale), for what a short real run rarely shows: NaN reasons, a roster's school ids,
schools never scored, a family whose long_name_zh differs. The numbers are plausible, not a model;
the browser test's RealRun class checks the page on a real `teachsim run`.

It starts from analysis/tests/make_fixture.py's file (root indicators, comparison/) and adds to it,
so that module stays the other helper's. Run alone: /usr/bin/python3 tests/browser/fixture.py out.h5
"""
import os
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "analysis", "tests"))
import make_fixture  # noqa: E402

STR = h5py.string_dtype("utf-8")
SCENARIOS = ("xiangtan-baseline", "more-rotation")
SUBJECTS = [("chinese", "语文"), ("maths", "数学"), ("english", "英语"), ("science", "科学"), ("pe", "体育"),
            ("music", "音乐"), ("art", "美术"), ("other", "其他")]
FAMILIES = ("requirement", "posts_held", "vacancies", "rural_vacancies", "surplus", "out_of_field_posts",
            "specialist_need", "hires", "leavers", "retirements")
COSTS = ("cost_pay", "cost_rural_allowance", "cost_targeted_study_provincial", "cost_targeted_study_municipal",
         "cost_recruitment", "cost_standby_training", "cost_rotation_allowance")
SCHOOLS = 24  # four per county plus four with a roster id, in the five counties


def _attach(d, scales):
    for i, s in enumerate(scales):
        d.dims[i].attach_scale(s)


def _var(parent, name, data, scales, units, long_name, description, long_name_zh=None):
    d = parent.create_dataset(name, data=data, shuffle=True, compression="gzip", compression_opts=4)
    _attach(d, scales)
    for k, v in (("units", units), ("long_name", long_name), ("description", description),
                 ("long_name_zh", long_name_zh)):
        if v is not None:
            d.attrs.create(k, v, dtype=STR)
    return d


def _stats(g, name, diff, scales_stats, units):
    """_mean, _se, _q05, _q50, _q95 over axis 1 (replication), as results_h5.c writes them."""
    x = diff.astype(float)
    for suf, v in (("_mean", x.mean(axis=1)), ("_se", x.std(axis=1, ddof=1) / np.sqrt(x.shape[1])),
                   ("_q05", np.quantile(x, 0.05, axis=1)), ("_q50", np.quantile(x, 0.5, axis=1)),
                   ("_q95", np.quantile(x, 0.95, axis=1))):
        _var(g, name + suf, v, scales_stats, units, f"{suf[1:]} of the paired difference: {name}",
             "Statistic over replications of the paired difference.")


def make(path, replications=20, seed=1309):
    make_fixture.make_fixture(path, SCENARIOS, replications, seed=seed, qb=True, qb_levels=True, comparison=True)
    rng = np.random.default_rng(seed)
    with h5py.File(path, "a") as f:
        sc, rep, yr, reg = f["scenario"], f["replication"], f["year"], f["region"]
        S, R, Y, G = len(sc), len(rep), len(yr), len(reg)
        root = (sc, rep, yr, reg)
        ramp = np.linspace(0.8, 0.1, Y)[None, None, :, None]
        better = np.array([0.0, 0.15])[:, None, None, None]
        zh_names = {"qb_fails_cv_qualified": "合格教师差异系数超限", "qb_fails_school_rule": "校际标准未达"}

        def county01(p):
            x = (rng.random((S, R, Y, G - 1)) < p).astype(np.int32)
            return np.concatenate([x, x.sum(axis=3, keepdims=True)], axis=3).astype(np.int32)

        def share(p):
            x = np.clip(p + rng.normal(0, 0.05, (S, R, Y, G - 1)), 0, 1)
            return np.concatenate([x, x.mean(axis=3, keepdims=True)], axis=3)

        for lv in ("primary", "junior"):
            for i, what in enumerate(("qualified", "backbone", "pe_art")):
                n = f"qb_fails_cv_{what}_{lv}"
                _var(f, n, county01(np.clip(ramp * (0.5 + 0.2 * i) - better, 0, 1)), root, "counties",
                     f"Fails: CV of {what} over limit, {lv}", "1 if the county's difference coefficient is over its limit.",
                     zh_names.get(n[:-len(lv) - 1]))
                _var(f, f"qb_schools_missing_{what}_{lv}", share(ramp * 0.3), root, "1",
                     f"Share of scored schools missing {what}, {lv}", "Share of the scored schools below the threshold.")
                failing = share(ramp * 0.6)
                failing[:, :, -1, 0] = np.nan  # none fails there: NaN, as the lead's writer gives
                _var(f, f"qb_failing_missing_{what}_{lv}", failing, root, "1",
                     f"Among failing schools, share missing {what}, {lv}", "NaN when none fails.")
            _var(f, f"qb_fails_school_rule_{lv}", county01(np.clip(ramp - better, 0, 1)), root, "counties",
                 f"Fails: a school misses the school rule, {lv}", "1 if a scored school misses the school rule.")
        _var(f, "qb_fails_rotation", county01(np.clip(ramp * 0.7 - better * 2, 0, 1)), root, "counties",
             "Fails: rotation condition", "1 if the rotation condition is not met.")
        costs = {}
        for i, n in enumerate(COSTS):
            x = rng.gamma(20.0, 1e5 * (i + 1), (S, R, Y, G - 1)) * (1 + better)
            costs[n] = np.concatenate([x, x.sum(axis=3, keepdims=True)], axis=3)
            _var(f, n, costs[n], root, "yuan", n.replace("_", " ").capitalize(), "Cost in the year.")
        total = sum(costs.values())
        _var(f, "cost_total", total, root, "yuan", "Total cost", "All cost items.")
        for n, part in (("cost_county", 0.6), ("cost_city", 0.3), ("cost_province", 0.1)):
            _var(f, n, total * part, root, "yuan", n.replace("_", " ").capitalize(), "Share of the cost paid.")
        _var(f, "cost_total_cumulative", np.cumsum(total, axis=2), root, "yuan", "Total cost, cumulative",
             "Sum of cost_total from the first year.")

        # subjects/: one dataset per family, (scenario, replication, year, region, subject), with the
        # group's own subject scale and its Chinese label, as results_h5_layout.c writes them
        # (comparison/subjects/ has its own: netCDF finds a dimension in a group or its parents).
        g = f.create_group("subjects", track_order=True)

        def subject_scale(group):
            s = group.create_dataset("subject", data=[c for c, _ in SUBJECTS], dtype=STR)
            s.make_scale("subject")
            z = group.create_dataset("subject_name_zh", data=[z for _, z in SUBJECTS], dtype=STR)
            z.dims[0].attach_scale(s)
            return s

        subj = subject_scale(g)
        weights = np.array([0.22, 0.18, 0.1, 0.08, 0.1, 0.06, 0.06, 0.2])
        fam_values = {}
        for k, fam in enumerate(FAMILIES):
            base = rng.poisson(5.0 * (k + 1) * weights * 20, (S, R, Y, G - 1, len(SUBJECTS))).astype(np.int32)
            x = np.concatenate([base, base.sum(axis=3, keepdims=True)], axis=3).astype(np.int32)
            fam_values[fam] = x
            _var(g, fam, x, root + (subj,), "posts", f"{fam.replace('_', ' ').capitalize()} by subject",
                 "Count by subject.", None if k else "分学科编制需求（文件）")
        cg = f["comparison"].create_group("subjects", track_order=True)
        ct = f["comparison/contrast"]
        csubj = subject_scale(cg)
        for fam in FAMILIES:
            d = (fam_values[fam][1:] - fam_values[fam][:1]).astype(np.int32)
            _var(cg, fam, d, (ct, rep, yr, reg, csubj), "posts", f"Paired difference: {fam}", "Scenario minus reference.")
            _stats(cg, fam, d, (ct, yr, reg, csubj), "posts")
        cmp = f["comparison"]
        cs = cmp.create_dataset("contrast_scenario", data=list(SCENARIOS[1:]), dtype=STR)
        cs.dims[0].attach_scale(ct)
        cmp.attrs.create("reference", SCENARIOS[0], dtype=STR)
        for n in ("vacancies", "rural_vacancies", "teachers"):
            _stats(cmp, n, cmp[n][...], (ct, yr, reg), "posts")

        # schools/ (scenario, year, school), aggregated over replications
        sg = f.create_group("schools", track_order=True)
        counties = [c for c in make_fixture.REGIONS if c[0] != "ALL"]
        ids, names, regions, levels, locs = [], [], [], [], []
        for k in range(SCHOOLS):
            code, cz = counties[k % len(counties)]
            ids.append(f"S{k:05d}" if k < 20 else f"R-{k}")
            lv = ("primary", "junior", "nine_year")[k % 3]
            loc = ("urban", "town", "rural")[(k // 3) % 3]
            names.append(f"{cz} {dict(urban='城区', town='镇区', rural='乡村')[loc]}{dict(primary='小学', junior='初中', nine_year='九年一贯制学校')[lv]} {k + 1}")
            regions.append(code), levels.append(lv), locs.append(loc)
        sch = sg.create_dataset("school", data=ids, dtype=STR)
        sch.make_scale("school")
        for n, v, dt in (("school_name", names, STR), ("school_region", regions, STR), ("school_level", levels, STR),
                         ("school_locality", locs, STR), ("school_pupils_start", rng.integers(40, 2400, SCHOOLS), np.int32),
                         ("school_scored", (np.arange(SCHOOLS) % 7 != 6).astype(np.int8), np.int8)):
            d = sg.create_dataset(n, data=v, dtype=dt)
            d.dims[0].attach_scale(sch)
        scored = sg["school_scored"][...].astype(bool)
        p = np.clip(rng.beta(3, 2, (S, Y, SCHOOLS)) + np.array([0, 0.1])[:, None, None], 0, 1)
        p[:, :, ~scored] = np.nan
        reps = np.where(scored, R, 0)[None, None, :].repeat(S, 0).repeat(Y, 1).astype(np.int32)
        dims3 = (sc, yr, sch)
        _var(sg, "rule_met_probability", p, dims3, "1", "Probability of meeting the school rule", "Share of replications.")
        _var(sg, "scored_replications", reps, dims3, "replications", "Scored replications", "Replications scored.")
        for n, mu in (("qualified_per100_mean", 4.5), ("backbone_per100_mean", 1.1), ("pe_art_per100_mean", 0.9)):
            _var(sg, n, rng.normal(mu, mu * 0.2, (S, Y, SCHOOLS)), dims3, "teachers per 100 pupils", n, "Mean.")
        qi = sg.create_dataset("qb_indicator", data=["qualified", "backbone", "pe_art"], dtype=STR)
        qi.make_scale("qb_indicator")
        miss = rng.random((S, Y, SCHOOLS, 3))
        miss[:, :, ~scored, :] = np.nan
        _var(sg, "missing_share", miss, dims3 + (qi,), "1", "Share of replications below the threshold", "Share.")
        most = np.where(np.isnan(miss[..., 0]), "", np.array(["qualified", "backbone", "pe_art"])[np.nan_to_num(miss).argmax(-1)])
        d = sg.create_dataset("most_missed", data=most.astype(object), dtype=STR)
        _attach(d, dims3)

        # targets/ as results_h5.c writes it
        tg = f.create_group("targets", track_order=True)
        tn = tg.create_dataset("target", data=["all_counties_pass_by_2025", "rural_vacancies_under_50"], dtype=STR)
        tn.make_scale("target")
        met = (rng.random((S, 2, R)) < np.array([[0.3, 0.7], [0.6, 0.9]])[:, :, None]).astype(np.int8)
        k, n = met.sum(axis=2).astype(np.int32), np.full((S, 2), R, np.int32)
        z = 1.959964
        ph = k / n
        centre, half = ph + z * z / (2 * n), z * np.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n))
        defs = [["qb_pass >= 1 in every county by 2025", "rural_vacancies < 50 in ALL in 2030"]] * S
        d = tg.create_dataset("definition", data=np.array(defs, dtype=object), dtype=STR)
        _attach(d, (sc, tn))
        for name, v in (("met", met), ("probability", ph), ("probability_lower", (centre - half) / (1 + z * z / n)),
                        ("probability_upper", (centre + half) / (1 + z * z / n)), ("replications_met", k),
                        ("replications_evaluated", n)):
            d = tg.create_dataset(name, data=v)
            _attach(d, (sc, tn, rep)[:v.ndim])
    return path


if __name__ == "__main__":
    print(make(sys.argv[1]))
