"""The report sections a planner acts on: what each scenario changes, why counties fail the
quality-balance assessment, the recruitment need by subject, the schools that most often fail,
and costs. Each function returns (list of HTML fragments, list of notes); a section whose data
the file lacks returns one paragraph saying so (older files keep working), never an empty heading.

Data names are those of docs/results-file.md (issue 13): qb_fails_*_<level>, qb_schools_missing_*,
the subjects/ and schools/ groups, cost_*.
"""
import html
import os

import numpy as np

from . import i18n
from . import results as R

QB = ("qualified", "backbone", "pe_art")
LEVELS = ("primary", "junior")
COST_ITEMS = ("cost_pay", "cost_rural_allowance", "cost_targeted_study_provincial", "cost_targeted_study_municipal",
              "cost_recruitment", "cost_standby_training", "cost_rotation_allowance")
COST_PAYERS = ("cost_county", "cost_city", "cost_province")
# The indicators in a sentence ("41 % of its schools lack backbone teachers").
READ_IND = {"qualified": ("teachers above the required qualification", "高于规定学历教师数"),
            "backbone": ("backbone teachers", "骨干教师数"),
            "pe_art": ("PE, music and art teachers", "音体美专任教师数")}
REFERENCE_MD = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs",
                            "scenario-reference.md")


def esc(x):
    return html.escape(str(x))


def pct(v):
    """A share as '41 %', with a decimal below 1 % so that a rare event does not read as never."""
    if not np.isfinite(v):
        return "–"
    p = 100 * v
    return f"{p:.1f} %" if 0 < abs(p) < 1 else f"{p:.0f} %"


def read_ind(ind):
    en, zh = READ_IND[ind]
    return zh if i18n.zh() else en


def sep():
    return "；" if i18n.zh() else "; "


def note_p(text):
    return f"<p class=note>{esc(text)}</p>"


def table(head, rows, left=1, text_last=False, text=()):
    """An HTML table; the first `left` columns, those in `text` and the last when it is a sentence
    are left-aligned."""
    def cls(i, n):  # w: a sentence, which wraps (every other cell keeps to one line)
        if text_last and i == n - 1:
            return " class='l w'"
        return " class=l" if i < left or i in text else ""
    h = "".join(f"<th{cls(i, len(head))}>{esc(c)}</th>" for i, c in enumerate(head))
    body = "".join("<tr>" + "".join(f"<td{cls(i, len(r))}>{esc(c)}</td>" for i, c in enumerate(r)) + "</tr>"
                   for r in rows)
    return f"<table><tr>{h}</tr>{body}</table>"


# ---- scenario descriptions and what they change ----------------------------------------------

# A mapping with one of these as its only key is a distribution (docs/scenario-reference.md,
# "Uncertain parameters"): one value of its key, not keys of its own.
DISTRIBUTIONS = ("uniform", "normal", "triangular", "beta", "lognormal")


def flatten(value, prefix=""):
    """{'rotation.enabled': True, ...} from a nested mapping; lists, scalars and distributions are leaves."""
    if isinstance(value, dict) and not (len(value) == 1 and next(iter(value)) in DISTRIBUTIONS):
        out = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}{k}."))
        return out
    return {prefix[:-1]: value}


def key_meanings(path=REFERENCE_MD, column="meaning"):
    """{key: text of `column`} from the key tables of docs/scenario-reference.md ("meaning" in English,
    "名称" the Chinese name with a list's positions), {} when the file is not there."""
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            at = None
            for line in f:
                cells = [c.strip() for c in line.split("|")]
                if len(cells) < 3:
                    continue
                if cells[1] == "key":  # a table's header says where the column is
                    at = cells.index(column) if column in cells else None
                elif at is not None and cells[1].startswith("`") and cells[1].endswith("`") and len(cells) > at:
                    out[cells[1].strip("`")] = cells[at]
    except OSError:
        pass
    return out


def show(v):
    """A value as YAML writes it in flow style, shortened when long."""
    import yaml
    if v is None:
        return i18n.t("absent")
    text = yaml.safe_dump(v, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    text = text[:-4].strip() if text.endswith("\n...") else text
    if text.endswith("..."):
        text = text[:-3].strip()
    return text if len(text) <= 80 else text[:77] + "…"


def scenario_changes(ds, comp=None):
    """Per scenario: its description, and the resolved keys that differ from the reference scenario
    (the comparison group's `reference` attribute, else the first)."""
    if "scenario_yaml" not in ds.coords and "scenario_yaml" not in ds:
        return [], [i18n.t("no_yaml")]
    import yaml
    names = R.scenarios(ds)
    parsed = {}
    for s in names:
        try:
            parsed[s] = yaml.safe_load(str(ds.scenario_yaml.sel(scenario=s).values)) or {}
        except yaml.YAMLError:
            parsed[s] = {}
    ref = str(comp.attrs.get("reference", "")) if comp is not None else ""
    ref = ref if ref in names else names[0]
    meanings = key_meanings(column="名称" if i18n.zh() else "meaning")
    base = flatten(parsed[ref])
    out = [f"<h2>{esc(i18n.t('h_scenarios'))}</h2>"]
    for s in names:
        desc = parsed[s].get("description") if isinstance(parsed[s], dict) else None
        out.append(f"<h3>{esc(s)}</h3><p>{esc(desc) if desc else esc(i18n.t('no_description'))}</p>")
        if s == ref:
            out.append(f"<p class=small>{esc(i18n.t('reference_scenario'))}</p>")
            continue
        mine = flatten(parsed[s])
        keys = [k for k in list(base) + [k for k in mine if k not in base]
                if k not in ("name", "description") and base.get(k) != mine.get(k)]
        if not keys:
            out.append(f"<p class=small>{esc(i18n.t('no_changes', ref=ref))}</p>")
            continue
        items = []
        for k in keys:
            meaning = meanings.get(k)
            items.append(f"<li><code>{esc(k)}</code>: {esc(show(base.get(k)))} → {esc(show(mine.get(k)))}"
                         + (f" <span class=small>({esc(meaning)})</span>" if meaning else "") + "</li>")
        out.append(f"<p>{esc(i18n.t('changes_vs', ref=ref))}{'：' if i18n.zh() else ':'}</p><ul>{''.join(items)}</ul>")
    return out, []


# ---- why counties fail -------------------------------------------------------------------------

def report_years(ds, n=5):
    """The first n years and the last."""
    years = [int(y) for y in ds.year.values]
    return sorted(set(years[:n] + years[-1:]))


def why_reading(region, level, year, p_fail, cv, rotation, missing):
    """One row in words: '湘乡市 初中 2027: fails in 100 % of replications; 41 % of its schools lack
    backbone teachers; its CVs are within limits'."""
    if not p_fail > 0:
        return i18n.t("r_passes", region=region, level=i18n.code(level), year=year)
    parts = [i18n.t("r_fails", region=region, level=i18n.code(level), year=year, p=pct(p_fail))]
    for ind in sorted(missing, key=lambda k: -np.nan_to_num(missing[k])):
        if np.isfinite(missing[ind]) and missing[ind] >= 0.005:
            parts.append(i18n.t("r_schools", p=pct(missing[ind]), ind=read_ind(ind)))
    over = [ind for ind in QB if cv.get(ind, 0) > 0]
    if not over:
        parts.append(i18n.t("r_cvs_ok"))
    for ind in over:
        parts.append(i18n.t("r_cv_over", ind=read_ind(ind), p=pct(cv[ind])))
    if rotation > 0:
        parts.append(i18n.t("r_rotation", p=pct(rotation)))
    return sep().join(parts)


def why_counties_fail(ds):
    levels = [lv for lv in LEVELS if f"qb_pass_{lv}" in ds and f"qb_fails_school_rule_{lv}" in ds]
    if not levels:
        return [f"<h3>{esc(i18n.t('h_why'))}</h3>" + note_p(i18n.t("why_missing"))], [i18n.t("why_missing")]
    years = report_years(ds)
    out = [f"<h3>{esc(i18n.t('h_why'))}</h3><p class=small>{esc(i18n.t('why_intro'))}</p>"]
    rot = ds["qb_fails_rotation"] if "qb_fails_rotation" in ds else None
    for s in R.scenarios(ds):
        for lv in levels:
            def mean(name):
                if name not in ds:
                    return None
                return ds[name].sel(scenario=s, year=years, region=R.counties(ds)).mean("replication")
            p_pass = mean(f"qb_pass_{lv}")
            cv = {ind: mean(f"qb_fails_cv_{ind}_{lv}") for ind in QB}
            school = mean(f"qb_fails_school_rule_{lv}")
            miss = {ind: mean(f"qb_schools_missing_{ind}_{lv}") for ind in QB}
            r_mean = rot.sel(scenario=s, year=years, region=R.counties(ds)).mean("replication") if rot is not None else None
            head = [i18n.t("county"), i18n.t("year"), i18n.t("p_fails")]
            head += [i18n.t("fails_cv", ind=i18n.qb_short(ind)) for ind in QB if cv[ind] is not None]
            head += [i18n.t("fails_school")] + ([i18n.t("fails_rotation")] if rot is not None else [])
            head += [i18n.t("missing_share", ind=i18n.qb_short(ind)) for ind in QB if miss[ind] is not None]
            head += [i18n.t("reading")]
            rows = []
            for c in R.counties(ds):
                label = R.region_label(ds, c)
                for y in years:
                    def at(da):
                        return float(da.sel(region=c, year=y)) if da is not None else np.nan
                    pf = 1 - at(p_pass)
                    cvv = {ind: at(cv[ind]) for ind in QB if cv[ind] is not None}
                    mv = {ind: at(miss[ind]) for ind in QB if miss[ind] is not None}
                    rv = at(r_mean) if r_mean is not None else 0.0
                    row = [label, y, pct(pf)] + [pct(v) for v in cvv.values()] + [pct(at(school))]
                    row += [pct(rv)] if rot is not None else []
                    row += [pct(v) for v in mv.values()]
                    row.append(why_reading(label, lv, y, pf, cvv, rv, mv))
                    rows.append(row)
            out.append(f"<h4>{esc(s)} · {esc(i18n.code(lv))}</h4>" + table(head, rows, left=2, text_last=True))
    return out, []


# A heat map of pass probabilities says something when they differ by at least this much somewhere:
# below it the map is one colour (0.00 and 0.01 look the same) and a sentence says it better.
HEATMAP_MIN_RANGE = 0.05


def heatmap_informative(ds, scenario, level=None):
    """(True, None) when the pass probabilities of the counties vary by HEATMAP_MIN_RANGE or more;
    (False, (low, high)) when every county and year lies within a narrower band (an all-red map of
    0 to 0.01, say), which a sentence says better."""
    name = "qb_pass" + (f"_{level}" if level else "")
    p = ds[name].sel(scenario=scenario, region=R.counties(ds)).mean("replication").values
    p = p[np.isfinite(p)]
    if p.size and float(p.max() - p.min()) < HEATMAP_MIN_RANGE:
        return False, (float(p.min()), float(p.max()))
    return True, None


# ---- recruitment need by subject ---------------------------------------------------------------

def subject_label(g, code):
    if i18n.zh() and "subject_name_zh" in g.coords:
        return str(g.subject_name_zh.sel(subject=code).values)
    return i18n.code(code)


def recruitment_need(ds, subjects):
    h = f"<h2>{esc(i18n.t('h_need'))}</h2>"
    if subjects is None or "specialist_need" not in subjects:
        return [h + note_p(i18n.t("need_missing"))], [i18n.t("need_missing")]
    need = subjects["specialist_need"]
    hires = subjects["hires"] if "hires" in subjects else None
    years = [int(y) for y in ds.year.values][:5]
    out = [h, f"<p class=small>{esc(i18n.t('need_intro', first=years[0]))}</p>"]
    codes = [str(c) for c in subjects.subject.values]
    for s in R.scenarios(ds):
        for region in R.counties(ds) + ["ALL"]:
            q = need.sel(scenario=s, region=region, year=years).quantile([0.05, 0.5, 0.95], dim="replication")
            hm = hires.sel(scenario=s, region=region, year=years).median("replication") if hires is not None else None
            head = [i18n.t("subject")]
            for y in years:
                head.append(f"{y} {i18n.t('need')}")
                if hm is not None:
                    head.append(f"{y} {i18n.t('hires')}")
            rows = []
            for c in codes:
                row = [subject_label(subjects, c)]
                for y in years:
                    v = q.sel(subject=c, year=y)
                    row.append(f"{float(v.sel(quantile=0.5)):,.0f} ({float(v.sel(quantile=0.05)):,.0f}–"
                               f"{float(v.sel(quantile=0.95)):,.0f})")
                    if hm is not None:
                        row.append(f"{float(hm.sel(subject=c, year=y)):,.0f}")
                rows.append(row)
            out.append(f"<h4>{esc(R.region_label(ds, region))} · {esc(s)}</h4>" + table(head, rows))
    return out, []


# ---- schools that most often fail --------------------------------------------------------------

def failing_schools(ds, schools, year=None, n=10):
    h = f"<h2>{esc(i18n.t('h_schools'))}</h2>"
    if schools is None or "rule_met_probability" not in schools:
        return [h + note_p(i18n.t("schools_missing"))], [i18n.t("schools_missing")]
    years = [int(y) for y in schools.year.values]
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise R.MissingData(f"this file has no year {year} in schools/; it has {years[0]}-{years[-1]}")
    out = [h, f"<p class=small>{esc(i18n.t('schools_intro', n=n, year=year))}</p>"]
    region = [str(v) for v in schools.school_region.values]
    name = [str(v) for v in schools.school_name.values]
    level = [str(v) for v in schools.school_level.values]
    loc = [str(v) for v in schools.school_locality.values]
    pupils = schools.school_pupils_start.values
    head = [i18n.t("school"), i18n.t("level"), i18n.t("locality"), i18n.t("pupils"), i18n.t("p_meets"),
            i18n.t("most_missed")] + [i18n.t("per100", ind=i18n.qb_short(ind)) for ind in QB]
    for s in R.scenarios(ds):
        p = schools["rule_met_probability"].sel(scenario=s, year=year).values
        missed = schools["most_missed"].sel(scenario=s, year=year).values if "most_missed" in schools else None
        means = {ind: schools[f"{ind}_per100_mean"].sel(scenario=s, year=year).values for ind in QB
                 if f"{ind}_per100_mean" in schools}
        for c in R.counties(ds):
            idx = [i for i in range(len(p)) if region[i] == c and np.isfinite(p[i])]
            idx.sort(key=lambda i: (p[i], name[i]))
            rows = []
            for i in idx[:n]:
                mm = str(missed[i]) if missed is not None else ""
                rows.append([name[i], i18n.code(level[i]), i18n.code(loc[i]), f"{int(pupils[i]):,}", pct(p[i]),
                             i18n.code(mm) if mm else i18n.t("none_missed")]
                            + [f"{means[ind][i]:.2f}" if ind in means else "–" for ind in QB])
            body = table(head, rows, left=3, text=(5,)) if rows else f"<p class=small>{esc(i18n.t('no_scored'))}</p>"
            out.append(f"<h4>{esc(R.region_label(ds, c))} · {esc(s)} · {year}</h4>{body}")
    return out, []


# ---- costs -------------------------------------------------------------------------------------

def _band(x):
    """'median (q05–q95)' in 万元 of a (replication,) array of yuan."""
    q = np.quantile(np.asarray(x, dtype=float), [0.05, 0.5, 0.95])
    return f"{i18n.wan(q[1])} ({i18n.wan(q[0])}–{i18n.wan(q[2])})"


def reference_scenario(ds, comp):
    names = R.scenarios(ds)
    ref = str(comp.attrs.get("reference", "")) if comp is not None else ""
    return ref if ref in names else names[0]


def costs(ds, comp=None):
    h = f"<h2>{esc(i18n.t('h_costs'))}</h2>"
    if "cost_total_cumulative" not in ds:
        return [h + note_p(i18n.t("costs_missing"))], [i18n.t("costs_missing")]
    names = R.scenarios(ds)
    first, last = int(ds.year.values[0]), int(ds.year.values[-1])
    out = [h, f"<p class=small>{esc(i18n.t('costs_intro', first=first, last=last))}</p>"]
    unit = f"（{i18n.t('wan_yuan')}）" if i18n.zh() else f" ({i18n.t('wan_yuan')})"

    def cumulated(name, s):
        return ds[name].sel(scenario=s, region="ALL").sum("year").values

    for title, first_col, group in (("by_item", "item", COST_ITEMS + ("cost_total",)),
                                    ("by_payer", "payer", COST_PAYERS)):
        head = [i18n.t(first_col)] + [f"{s}{unit}" for s in names]
        rows = []
        for name in group:
            if name not in ds:
                continue
            rows.append([i18n.long_name(ds[name], name)] + [_band(cumulated(name, s)) for s in names])
        if rows:
            out.append(f"<h3>{esc(i18n.t(title))}</h3>" + table(head, rows))
    ref = reference_scenario(ds, comp)
    others = [s for s in names if s != ref]
    if others and "cost_total" in ds:
        out.append(f"<h3>{esc(i18n.t('cost_pairs', ref=ref))}</h3>"
                   f"<p class=small>{esc(i18n.t('cost_pairs_intro', ref=ref, last=last))}</p>")
        have_rural = "rural_vacancies" in ds
        head = [i18n.t("scenario"), i18n.t("d_cost")] + ([i18n.t("d_rural"), i18n.t("per_avoided")] if have_rural else [])
        rows = []
        for s in others:
            cum = ds["cost_total_cumulative"].sel(region="ALL", year=last)
            row = [s, _band(cum.sel(scenario=s).values - cum.sel(scenario=ref).values)]
            if have_rural:
                rv = ds["rural_vacancies"].sel(region="ALL")
                d_rural = (rv.sel(scenario=s) - rv.sel(scenario=ref)).astype(float)
                q = np.quantile(d_rural.sum("year").values, [0.05, 0.5, 0.95])
                row.append(f"{q[1]:,.0f} ({q[0]:,.0f}–{q[2]:,.0f})")
                ct = ds["cost_total"].sel(region="ALL")
                num = float((ct.sel(scenario=s) - ct.sel(scenario=ref)).mean("replication").sum("year"))
                den = float(-d_rural.mean("replication").sum("year"))
                row.append(f"{num / den:,.0f}" if den > 0 else i18n.t("not_defined"))
            rows.append(row)
        out.append(table(head, rows))
    return out, []
