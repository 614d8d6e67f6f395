"""One self-contained HTML page (charts embedded as base64 PNG, no external files or links) that a
planner can open in any browser or attach to an email."""
import base64
import html
import io
import os

import numpy as np

from . import plots
from . import results as R

KEY_FANS = ("vacancies", "rural_vacancies", "teachers", "requirement", "pupils",
            "rural_share_age_50plus", "pupil_teacher_ratio")
# Oversupply is shown beside the vacancies: the teachers beyond the requirement (超编, all and by level),
# the posts without an established teacher that temporaries hold, and the rotating teachers whose home
# post is refilled or left open while they are away.
KEY_TABLE = ("teachers", "rural_teachers", "requirement", "vacancies", "rural_vacancies", "vacancies_temporary",
             "surplus", "surplus_primary", "surplus_junior", "rotating_away", "pupils", "hires", "leavers",
             "retirements", "mean_age", "rural_share_age_50plus", "pupil_teacher_ratio")
DIFF_METRICS = ("vacancies", "rural_vacancies")
PYRAMID_MISSING = ("Not in this file: the age pyramid needs rural teachers by age band (rural_age_pyramid), "
                   "which this results file does not hold; the share of rural teachers aged 50 or more is in "
                   "the fan charts and region panels above.")

CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; max-width: 1150px;
       margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
img { max-width: 100%; height: auto; display: block; margin: 1em 0; }
table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
th, td { border: 1px solid #bbb; padding: .3em .6em; text-align: right; }
th { background: #eee; } td.l, th.l { text-align: left; }
.note { color: #8a5a00; } .small { color: #555; font-size: .85em; }
pre { background: #f6f6f6; padding: .8em; overflow-x: auto; font-size: .8em; }
"""


def png_data_uri(fig):
    buf = io.BytesIO()
    plots.save(fig, buf)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def fmt(v, units, count=False):
    """Shares as percentages; counts whole (one decimal for interpolated small quantiles)."""
    if not np.isfinite(v):
        return "–"
    if units == "1":
        return f"{v:.1%}"
    if abs(v) >= 100 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.1f}" if count else f"{v:,.2f}"


def indicator_table(ds):
    """Median and 5–95 % of key indicators for ALL in 2025 and 2035 (or the file's first/last year)."""
    years = R.table_years(ds)
    names = [n for n in KEY_TABLE if n in ds] or R.indicators(ds)[:8]
    head = "".join(f"<th>{y} median</th><th>{y} 5–95 %</th>" for y in years)
    rows = [f"<tr><th class=l>Indicator</th><th class=l>Units</th><th class=l>Scenario</th>{head}</tr>"]
    for n in names:
        da, units = ds[n], ds[n].attrs.get("units", "")
        count = np.issubdtype(da.dtype, np.integer)
        for s in R.scenarios(ds):
            q = da.sel(scenario=s, region="ALL", year=years).quantile([0.05, 0.5, 0.95], dim="replication")
            cell = {(p, y): fmt(float(q.sel(quantile=p, year=y)), units, count) for p in (0.05, 0.5, 0.95) for y in years}
            cells = "".join(f"<td>{cell[0.5, y]}</td><td>{cell[0.05, y]} – {cell[0.95, y]}</td>" for y in years)
            rows.append(f"<tr><td class=l>{html.escape(da.attrs.get('long_name', n))}</td>"
                        f"<td class=l>{html.escape('share' if units == '1' else units)}</td>"
                        f"<td class=l>{html.escape(s)}</td>{cells}</tr>")
    return "<table>" + "\n".join(rows) + "</table>"


def probability_tables(*datasets):
    """HTML tables of every target-probability variable found (root or comparison/ group)."""
    out = []
    for d in datasets:
        if d is None:
            continue
        for name, da in d.data_vars.items():
            if not R.is_probability(da) or da.ndim > 2:
                continue
            df = da.expand_dims(probability=[name]) if da.ndim == 0 else da
            df = df.to_pandas()
            if df.ndim == 1:
                df = df.to_frame(da.attrs.get("long_name", name))
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
            rows = [f"<tr><th class=l>{html.escape(str(df.index.name or ''))}</th>{head}</tr>"]
            for idx, row in df.iterrows():
                cells = "".join(f"<td>{fmt(float(v), '1')}</td>" for v in row.values)
                rows.append(f"<tr><td class=l>{html.escape(str(idx))}</td>{cells}</tr>")
            out.append(f"<h3>{html.escape(da.attrs.get('long_name', name))}</h3>"
                       f"<p class=small>{html.escape(da.attrs.get('description', ''))}</p>"
                       "<table>" + "\n".join(rows) + "</table>")
    return out


def target_table(tg):
    """HTML table of the targets/ group: probability with its 95 % Wilson interval, scenario x target."""
    if tg is None or "probability" not in tg:
        return []
    p, lo, hi = tg["probability"], tg["probability_lower"], tg["probability_upper"]
    names = [str(t) for t in tg.target.values]
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    rows = [f"<tr><th class=l>scenario</th>{head}</tr>"]
    for i, s in enumerate(tg.scenario.values):
        cells = "".join(
            "<td>–</td>" if not np.isfinite(float(p[i, j])) else
            f"<td>{float(p[i, j]):.1%} ({float(lo[i, j]):.1%}–{float(hi[i, j]):.1%})</td>" for j in range(len(names)))
        rows.append(f"<tr><td class=l>{html.escape(str(s))}</td>{cells}</tr>")
    words = tg["definition"].values  # (scenario, target); "" where a scenario lacks the target
    defs = "".join(f"<li><b>{html.escape(n)}</b>: {html.escape(next((str(w) for w in words[:, j] if w), ''))}</li>"
                   for j, n in enumerate(names))
    return [f"<h3>{html.escape(p.attrs.get('long_name', 'Probability of meeting the target'))}</h3>"
            f"<p class=small>Share of replications meeting each scenario target, with its 95 % Wilson interval.</p>"
            "<table>" + "\n".join(rows) + f"</table><ul class=small>{defs}</ul>"]


def build(path):
    """(html text, notes about what was skipped) for the results file at `path`."""
    ds = R.open_results(path)
    comp = R.open_comparison(path, ds)
    targets = R.open_targets(path, ds)
    notes, sections = [], []

    def chart(title, make, *args, **kw):
        try:
            sections.append(f"<h3>{html.escape(title)}</h3><img alt=\"{html.escape(title)}\" "
                            f"src=\"{png_data_uri(make(*args, **kw))}\">")
        except R.MissingData as e:
            notes.append(f"{title}: skipped ({e})")

    if plots.CJK_FONT is None:
        notes.append("No Noto Sans CJK font installed (Debian fonts-noto-cjk): Chinese names may show as boxes.")

    sections.append("<h2>Targets and key indicators</h2>")
    probs = target_table(targets) + probability_tables(ds, comp)
    if probs:
        sections += probs
    else:
        notes.append("Target probabilities: not in this file (no targets/ group or probability variable).")
    sections.append(f"<h3>Key indicators, whole area (ALL)</h3>{indicator_table(ds)}")

    sections.append("<h2>Whole area over time</h2>")
    for m in KEY_FANS:
        if m in ds:
            chart(f"{ds[m].attrs.get('long_name', m)} — ALL", plots.fan_chart, ds, m, "ALL")
        else:
            notes.append(f"Fan chart of {m}: skipped (not in this file)")

    sections.append("<h2>By region</h2>")
    for m in ("rural_vacancies", "rural_share_age_50plus"):
        if m in ds:
            chart(f"{ds[m].attrs.get('long_name', m)} by region", plots.small_multiples, ds, m)

    sections.append("<h2>Scenario differences</h2>")
    if ds.sizes["scenario"] > 1 or comp is not None:
        for m in DIFF_METRICS:
            if m in ds:
                chart(f"Paired difference in {m} — ALL", plots.differences, ds, m, "ALL", comparison=comp)
    else:
        notes.append("Scenario differences: skipped (one scenario in this file and no comparison/ group)")

    sections.append("<h2>Quality-balanced county assessment</h2>")
    if any(v.startswith("qb_pass") for v in ds.data_vars):
        for s in R.scenarios(ds):
            for level in [None] + [lv for lv in ("primary", "junior") if f"qb_pass_{lv}" in ds]:
                chart(f"Probability of passing{' (' + level + ')' if level else ''} — {s}",
                      plots.qb_heatmap, ds, s, level)
    else:
        notes.append("Quality-balance heat map: skipped (no qb_pass in this file)")

    sections.append("<h2>Age structure of rural teachers</h2>")
    if "rural_age_pyramid" in ds:
        for s in R.scenarios(ds):
            chart(f"Age pyramid — {s}", plots.age_pyramid, ds, s)
    else:
        # Said in the section itself, so that it is never an empty heading.
        sections.append(f"<p class=note>{html.escape(PYRAMID_MISSING)}</p>")
        notes.append("Age pyramid: skipped (no rural_age_pyramid in this file)")

    page = render(ds, path, sections, notes)
    ds.close()
    if comp is not None:
        comp.close()
    return page, notes


def render(ds, path, sections, notes):
    a = ds.attrs
    prov = "".join(f"<tr><th class=l>{k}</th><td class=l>{html.escape(str(a.get(k, '')))}</td></tr>"
                   for k in ("format", "format_version", "teachsim_version", "created_utc", "command_line",
                             "base_seed", "replications", "provenance"))
    yamls = ""
    if "scenario_yaml" in ds:
        yamls = "".join(f"<details><summary>Scenario {html.escape(str(s))}</summary><pre>"
                        f"{html.escape(str(ds.scenario_yaml.sel(scenario=s).values))}</pre></details>"
                        for s in ds.scenario.values)
    note_html = ("<h2>Notes</h2><ul>" + "".join(f"<li class=note>{html.escape(n)}</li>" for n in notes)
                 + "</ul>") if notes else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>teachsim results: {html.escape(os.path.basename(path))}</title>
<style>{CSS}</style></head><body>
<h1>Teacher workforce projection — {html.escape(os.path.basename(path))}</h1>
<p>{html.escape(R.caption(ds))}</p>
<p class=small>Bands: the median, 50 % (25–75 %) and 90 % (5–95 %) of the replications. Each replication is
one possible future under the same scenario; the spread is the uncertainty the model knows about, not all
of it. Regions: {html.escape(", ".join(R.region_label(ds, str(r)) for r in ds.region.values))}.</p>
{"".join(sections)}
{note_html}
<h2>Provenance</h2><table>{prov}</table>{yamls}
</body></html>
"""


def write(path, out_dir):
    """Write <out_dir>/<file stem>-report.html and return its path."""
    page, notes = build(path)
    os.makedirs(out_dir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(path))[0]
    out = os.path.join(out_dir, f"{stem}-report.html")
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)
    return out, notes
