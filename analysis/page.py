"""The planners' interactive page: one self-contained HTML file (data, script and styles inlined; no
network) where a planner picks scenarios, county, level, subject, indicator and year and sees fan
charts, paired differences, targets, why counties fail, the school list, costs and a tile map.

This module owns the summaries the page embeds and the assembly of the file; the page's template,
styles, script and tile positions are files in analysis/page/, inlined when the page is written.
The page embeds summaries over replications (5/25/50/75/95 % points, means of the paired
differences, per-school aggregates), never the replications themselves, so its size depends on
scenarios x regions x years x indicators and not on the number of replications.

    python3 -m analysis report results.h5 -o out --interactive     # out/index.html
"""
import datetime
import json
import locale
import math
import os
import warnings

import h5py
import numpy as np

from . import studies
from . import results as R

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "page")
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
# The subject families (ten datasets of eight subjects each) would be most of the page with five
# points; they keep the 5 %, median and 95 % points (the fan's outer band and its line), so that
# 5 scenarios x 1,000 replications stay near 3 MB. The page draws no 25-75 % band for them.
FAMILY_QUANTILES = (0.05, 0.5, 0.95)
LEVELS = ("primary", "junior")
# Significant digits kept in the embedded numbers: five are more than a planner reads and more
# than the Monte Carlo error of any quantile of 1,000 replications, and they keep the page small.
DIGITS = 5
# The school table's numbers are per-school means and shares over replications, shown with two
# decimals: three significant digits for the means (per 100 pupils) and three decimals for the
# shares (half a per mille, below the Monte Carlo error of a share of 1,000 replications, which is
# at least 0.1 % where it is not 0 or 1) keep what the table shows and halve the schools' bytes.
SCHOOL_MEAN_DIGITS = 3
# The school table is of one year; the page holds it for the first year, every year ending in 0 or
# 5, and the last (2021, 2025, 2030, 2035), the years the plan and the assessment name. All fifteen
# years would make the schools 55 % of a 5-scenario page (1.75 MB of 4.7 MB, measured); the page
# shows the embedded year nearest below the chosen one and says which.


def school_year_indices(years):
    """The indices of the years whose school table the page embeds."""
    return [i for i, y in enumerate(years) if i == 0 or i == len(years) - 1 or y % 5 == 0]

SCHOOL_SHARE_DECIMALS = 3
SUBJECT_ZH = {"chinese": "语文", "maths": "数学", "english": "英语", "science": "科学", "pe": "体育",
              "music": "音乐", "art": "美术", "other": "其他"}
FAMILY_NAMES = {  # family: (English, 中文); the file's attributes win when it has them
    "requirement": ("Staffing requirement by subject", "分学科编制需求"),
    "posts_held": ("Posts held by subject", "分学科在岗"),
    "vacancies": ("Vacancies by subject", "分学科空岗"),
    "rural_vacancies": ("Rural vacancies by subject", "分学科乡村空岗"),
    "surplus": ("Surplus by subject", "分学科超编"),
    "out_of_field_posts": ("Out-of-field posts by subject", "分学科跨学科任教岗位"),
    "specialist_need": ("Specialist recruitment need by subject", "分学科专任教师补充需求"),
    "hires": ("Hires by subject", "分学科招聘"),
    "leavers": ("Leavers by subject", "分学科流失"),
    "retirements": ("Retirements by subject", "分学科退休"),
}
# Why a county fails the quality-balance assessment (the lead's names, issue 13): shown as the
# mean over replications, which for a county's 0/1 is the probability of failing for that reason.
FAILURE_ROWS = ("qb_fails_cv_qualified", "qb_fails_cv_backbone", "qb_fails_cv_pe_art", "qb_fails_school_rule",
                "qb_schools_missing_qualified", "qb_schools_missing_backbone", "qb_schools_missing_pe_art",
                "qb_failing_missing_qualified", "qb_failing_missing_backbone", "qb_failing_missing_pe_art")
COST_ITEMS = ("cost_pay", "cost_rural_allowance", "cost_targeted_study_provincial", "cost_targeted_study_municipal",
              "cost_recruitment", "cost_standby_training", "cost_rotation_allowance", "cost_total")
COST_PAYERS = ("cost_county", "cost_city", "cost_province")
SCHOOL_VALUES = ("rule_met_probability", "scored_replications", "qualified_per100_mean", "backbone_per100_mean",
                 "pe_art_per100_mean")
SCHOOL_LABELS = ("school_name", "school_region", "school_level", "school_locality", "school_pupils_start",
                 "school_scored")


def default_lang():
    """'zh' when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese, else 'en'."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        v = os.environ.get(var)
        if v:
            return "zh" if v.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh" if loc.lower().startswith("zh") else "en"


def _num(v, digits=DIGITS):
    """A float for JSON with `digits` significant digits; None (null) for NaN and infinities."""
    v = float(v)
    if not math.isfinite(v):
        return None
    if v == 0 or v.is_integer() and abs(v) < 1e15:
        return int(v) if v.is_integer() else v
    v = float(f"{v:.{digits}g}")
    return int(v) if v.is_integer() else v


def _nested(a, digits=DIGITS):
    """numpy array -> nested lists of _num (the JSON the page reads)."""
    if a.ndim == 0:
        return _num(a, digits)
    return [_nested(x, digits) for x in a]


def _shares(a):
    """Shares rounded to SCHOOL_SHARE_DECIMALS decimals, as nested lists."""
    return _nested(np.round(np.asarray(a, dtype=float), SCHOOL_SHARE_DECIMALS))


def _quantiles(x, axis, points=QUANTILES):
    """The `points` (5/25/50/75/95 %) along `axis` (numpy's linear interpolation, NaN left out), moved last."""
    x = np.asarray(x, dtype=float)
    if not np.isnan(x).any():
        # The same numbers (numpy's nanquantile of an array without NaN is its quantile) without
        # nanquantile's loop over every 1-d slice, which took 19 of a 5 x 1,000 page's 28 s.
        return np.moveaxis(np.quantile(x, points, axis=axis), 0, -1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices give NaN, as wanted
        q = np.nanquantile(x, points, axis=axis)
    return np.moveaxis(q, 0, -1)


def _by_region(a):
    """(scenario, year, region, ...) -> (scenario, region, year, ...): the page reads one region's years."""
    return np.swapaxes(a, 1, 2)


def _nanmean(x, axis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(np.asarray(x, dtype=float), axis=axis)


def _attr(d, name, default=""):
    v = d.attrs.get(name, default)
    return v.decode() if isinstance(v, bytes) else str(v)


def _strings(d):
    return [s.decode() if isinstance(s, bytes) else str(s) for s in d.asstr()[...]] if d.dtype.kind == "O" \
        else [str(s) for s in d[...]]


def _split_level(name):
    for lv in LEVELS:
        if name.endswith("_" + lv):
            return name[: -len(lv) - 1], lv
    return name, ""


def _group_of(name):
    """The indicator selector's group (a key of the page's texts)."""
    if name.startswith("subjects/"):
        return "subjects"
    if name.startswith("cost_"):
        return "costs"
    if name.startswith("qb_"):
        return "quality"
    if name.startswith("targeted_"):
        return "targeted"
    if "age" in name and name != "teachers_targeted" or name == "mean_age":
        return "age"
    if name in ("hires", "hires_temporary", "leavers", "retirements", "transfers_to_urban", "redeployments",
                "standby_exits") or name.startswith("rotation"):
        return "flows"
    return "staffing"


def _meta(d, name):
    long_name = _attr(d, "long_name", name)
    units = _attr(d, "units")
    return {"en": long_name, "zh": _attr(d, "long_name_zh") or long_name, "units": units,
            "units_zh": _attr(d, "units_zh") or units, "desc": _attr(d, "description"),
            "count": bool(np.issubdtype(d.dtype, np.integer)), "group": _group_of(name)}


def _flatten(node, prefix=""):
    """Resolved YAML -> {key.path[i]: scalar} for the differences against the reference."""
    out = {}
    if isinstance(node, dict):
        for k, v in node.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(node, list):
        if node and all(not isinstance(v, (dict, list)) for v in node):
            out[prefix] = node
        else:
            for i, v in enumerate(node):
                out.update(_flatten(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = node
    return out


def _show(v):
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    return str(v)


def scenario_changes(yaml_texts, names, reference):
    """Per scenario: its description and the resolved keys that differ from the reference's."""
    try:
        import yaml
    except ImportError:  # Debian python3-yaml (scripts/setup.sh installs it)
        yaml = None
    parsed = {}
    for n, text in zip(names, yaml_texts):
        try:
            parsed[n] = yaml.safe_load(text) if yaml and text else {}
        except yaml.YAMLError:
            parsed[n] = {}
        if not isinstance(parsed[n], dict):
            parsed[n] = {}
    ref = _flatten(parsed.get(reference, {}))
    out = []
    for n in names:
        flat = _flatten(parsed[n])
        changes = []
        if n != reference:
            for k in sorted(set(flat) | set(ref), key=lambda k: (k.split(".")[0], k)):
                if k in ("name", "description", "extends", "replications", "seed") or k.startswith("targets"):
                    continue
                if flat.get(k) != ref.get(k):
                    changes.append([k, _show(ref.get(k)), _show(flat.get(k))])
        targets = [t.get("name", "") for t in parsed[n].get("targets", []) or [] if isinstance(t, dict)]
        out.append({"name": n, "description": str(parsed[n].get("description", "") or ""),
                    "changes": changes, "targets": targets})
    return out


def _fan_and_means(f, names, data, meta):
    for n in names:
        d = f[n]
        x = d[...]
        meta[n] = _meta(d, n)
        data["fan"][n] = _nested(_by_region(_quantiles(x, axis=1)))
        if n.startswith("qb_"):
            data["mean"][n] = _nested(_nanmean(x, axis=1))


def _costs(f, data):
    """Cumulative costs from the first year, per replication, then their 5/25/50/75/95 % points."""
    for n in COST_ITEMS + COST_PAYERS:
        if n in f:
            x = np.cumsum(f[n][...].astype(float), axis=2)
            data["cost_cum"][n] = _nested(_by_region(_quantiles(x, axis=1)))


def _comparison(f, ds_names, data):
    if "comparison" not in f:
        return
    g = f["comparison"]
    contrasts = _strings(g["contrast"])
    scen = _strings(g["contrast_scenario"]) if "contrast_scenario" in g else [c.split(" - ")[0] for c in contrasts]
    data["contrasts"] = [{"name": c, "scenario": s} for c, s in zip(contrasts, scen)]
    data["reference"] = _attr(g, "reference") or None
    for n in ds_names:
        if n in g and n + "_mean" in g and n + "_q05" in g and n + "_q95" in g:
            stats = np.stack([g[n + s][...] for s in ("_mean", "_q05", "_q95")], axis=-1)
        elif n in g and g[n].ndim >= 4:  # only the replications: compute the same statistics here
            x = g[n][...].astype(float)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                stats = np.stack([np.nanmean(x, axis=1), np.nanquantile(x, 0.05, axis=1),
                                  np.nanquantile(x, 0.95, axis=1)], axis=-1)
        else:
            continue
        data["diff"][n] = _nested(_by_region(stats))


def _targets(f, data):
    if "targets" not in f or "probability" not in f["targets"]:
        return
    g = f["targets"]
    tg = {"names": _strings(g["target"]), "probability": _nested(g["probability"][...])}
    for k in ("probability_lower", "probability_upper", "replications_met", "replications_evaluated"):
        if k in g:
            tg[k] = _nested(g[k][...])
    if "definition" in g:
        tg["definition"] = [list(row) for row in g["definition"].asstr()[...]]
    data["targets"] = tg


def _subjects(f, data, meta):
    if "subjects" not in f:
        return
    g = f["subjects"]
    # The subject labels are the group's own dimension scale (docs/results-file.md); a draft that
    # had them at the root works too.
    where = g if "subject" in g else f
    codes = _strings(where["subject"]) if "subject" in where else []
    zh = _strings(where["subject_name_zh"]) if "subject_name_zh" in where else [SUBJECT_ZH.get(c, c) for c in codes]
    if not codes:  # no labels: the lead's eight subjects when the sizes agree, else numbers
        n = next((d.shape[4] for d in g.values() if isinstance(d, h5py.Dataset) and d.ndim == 5), 0)
        codes = list(SUBJECT_ZH) if n == len(SUBJECT_ZH) else [str(i + 1) for i in range(n)]
        zh = [SUBJECT_ZH.get(c, c) for c in codes]
    data["subjects"] = [{"code": c, "zh": z} for c, z in zip(codes, zh)]
    for fam, d in g.items():
        if not isinstance(d, h5py.Dataset) or d.ndim != 5:
            continue
        n = "subjects/" + fam
        m = _meta(d, n)
        en, z = FAMILY_NAMES.get(fam, (fam, fam))
        if m["en"] == n or not d.attrs.get("long_name"):
            m["en"] = en
        if not d.attrs.get("long_name_zh"):
            m["zh"] = z
        meta[n] = m
        data["fan"][n] = _nested(_by_region(_quantiles(d[...], axis=1, points=FAMILY_QUANTILES)))
    if "comparison" in f and "subjects" in f["comparison"]:
        cg = f["comparison/subjects"]
        for fam in g:
            if fam + "_mean" in cg and fam + "_q05" in cg and fam + "_q95" in cg:
                stats = np.stack([cg[fam + s][...] for s in ("_mean", "_q05", "_q95")], axis=-1)
                data["diff"]["subjects/" + fam] = _nested(_by_region(stats))


def _schools(f, data, years=None):
    if "schools" not in f or "school" not in f["schools"]:
        return
    g = f["schools"]
    all_years = [int(y) for y in f["year"][...]]
    keep = school_year_indices(all_years) if years is None else [all_years.index(y) for y in years if y in all_years]
    sc = {"id": _strings(g["school"]), "years": [all_years[i] for i in keep]}
    for k in SCHOOL_LABELS:
        if k in g:
            sc[k] = _strings(g[k]) if g[k].dtype.kind == "O" else [int(v) for v in g[k][...]]
    for k in SCHOOL_VALUES:  # (scenario, year, school)
        if k in g:
            a = g[k][:, keep, ...]
            sc[k] = _shares(a) if k == "rule_met_probability" else \
                _nested(a, SCHOOL_MEAN_DIGITS) if k.endswith("_mean") else _nested(a)
    sc["qb_indicator"] = _strings(g["qb_indicator"]) if "qb_indicator" in g else ["qualified", "backbone", "pe_art"]
    if "most_missed" in g:
        # An index into ["", qb_indicator...]: the names repeated per school and year would be a
        # fifth of the school table's bytes.
        codes = [""] + sc["qb_indicator"]
        sc["most_missed"] = [[[codes.index(v) if v in codes else 0 for v in row] for row in s]
                             for s in g["most_missed"].asstr()[:, keep, ...]]
    if "missing_share" in g:
        sc["missing_share"] = _shares(g["missing_share"][:, keep, ...])  # (scenario, year, school, qb_indicator)
    data["schools"] = sc


def summarise(path, school_years=None):
    """The page's data: a dict that json.dumps turns into what analysis/page/page.js reads.
    `school_years` (a list of years) overrides which years' school tables are embedded."""
    ds = R.open_results(path)  # checks the format and version with the toolkit's own messages
    try:
        scenarios = R.scenarios(ds)
        yaml_texts = [str(t) for t in ds.scenario_yaml.values] if "scenario_yaml" in ds.coords else [""] * len(scenarios)
        regions = [str(r) for r in ds.region.values]
        zh = [str(z) for z in ds.region_name_zh.values] if "region_name_zh" in ds.coords else regions
        names = R.indicators(ds)
        attrs = dict(ds.attrs)
        study_tables = studies.page_tables(path, ds)
    finally:
        ds.close()
    data = {"scenarios": scenarios, "regions": [{"code": c, "zh": z} for c, z in zip(regions, zh)],
            "fan": {}, "mean": {}, "diff": {}, "cost_cum": {}, "contrasts": [], "reference": None}
    meta = {}
    with h5py.File(path, "r") as f:
        data["years"] = [int(y) for y in f["year"][...]]
        _fan_and_means(f, names, data, meta)
        _costs(f, data)
        _comparison(f, names, data)
        _targets(f, data)
        _subjects(f, data, meta)
        _schools(f, data, school_years)
    data["meta"] = meta
    if study_tables["en"]:
        data["studies"] = study_tables
    data["order"] = list(meta)  # indicator order: file order, families last
    data["reference"] = data["reference"] or scenarios[0]
    data["scenario_info"] = scenario_changes(yaml_texts, scenarios, data["reference"])
    data["file"] = {"name": os.path.basename(path), "replications": int(attrs.get("replications", 0) or 0),
                    "seed": str(attrs.get("base_seed", "")), "version": str(attrs.get("teachsim_version", "")),
                    "created": str(attrs.get("created_utc", "")), "digits": DIGITS}
    return data


def _read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return fh.read()


def _script_json(obj):
    """JSON safe inside <script type=application/json>: no '</' can close the element."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def render(data, lang):
    tiles = json.loads(_read("tiles.json"))
    payload = {"data": data, "tiles": tiles, "lang": lang,
               "built": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    text = _script_json(payload)
    page = (_read("template.html").replace("/*CSS*/", _read("page.css"))
            .replace("/*JS*/", _read("page.js")).replace("{{LANG}}", "zh-CN" if lang == "zh" else "en"))
    # The page says its own size: the data's bytes are known now, the rest is the template around it.
    size_data = len(text.encode("utf-8"))
    size_rest = len(page.replace("{{DATA}}", "").encode("utf-8"))
    payload["size"] = {"data": size_data, "total": size_data + size_rest}
    text = _script_json(payload)
    payload["size"]["total"] = len(text.encode("utf-8")) + size_rest
    text = _script_json(payload)
    return page.replace("{{DATA}}", text)


def write(path, out_dir, lang=None, name="index.html", school_years=None):
    """Write OUT_DIR/index.html for the results file `path`; returns (its path, its size in bytes)."""
    lang = lang if lang in ("zh", "en") else default_lang()
    data = summarise(path, school_years)
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, name)
    html = render(data, lang)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(html)
    return out, len(html.encode("utf-8"))
