"""One self-contained HTML page (charts embedded as base64 PNG, no external files or links) that a
planner can open in any browser or attach to an email."""
import base64
import html
import io
import os

import numpy as np

from . import i18n, plots, sections, studies
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

CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; max-width: 1150px;
       margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
img { max-width: 100%; height: auto; display: block; margin: 1em 0; }
table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
th, td { border: 1px solid #bbb; padding: .3em .6em; text-align: right; }
th { background: #eee; } td.l, th.l { text-align: left; }
h4 { margin: 1.2em 0 .3em; } code { font-size: .9em; }
td { white-space: nowrap; } td.w { white-space: normal; min-width: 26em; }
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
    head = "".join(f"<th>{y} {i18n.t('median')}</th><th>{y} {i18n.t('band90')}</th>" for y in years)
    rows = [f"<tr><th class=l>{i18n.t('indicator')}</th><th class=l>{i18n.t('units')}</th>"
            f"<th class=l>{i18n.t('scenario')}</th>{head}</tr>"]
    for n in names:
        da, units = ds[n], ds[n].attrs.get("units", "")
        count = np.issubdtype(da.dtype, np.integer)
        for s in R.scenarios(ds):
            q = da.sel(scenario=s, region="ALL", year=years).quantile([0.05, 0.5, 0.95], dim="replication")
            cell = {(p, y): fmt(float(q.sel(quantile=p, year=y)), units, count) for p in (0.05, 0.5, 0.95) for y in years}
            cells = "".join(f"<td>{cell[0.5, y]}</td><td>{cell[0.05, y]} – {cell[0.95, y]}</td>" for y in years)
            rows.append(f"<tr><td class=l>{html.escape(i18n.long_name(da, n))}</td>"
                        f"<td class=l>{html.escape(i18n.units(da))}</td>"
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
                df = df.to_frame(i18n.long_name(da, name))
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
            index = str(df.index.name or "")
            index = i18n.t("scenario") if index == "scenario" else index
            rows = [f"<tr><th class=l>{html.escape(index)}</th>{head}</tr>"]
            for idx, row in df.iterrows():
                cells = "".join(f"<td>{fmt(float(v), '1')}</td>" for v in row.values)
                rows.append(f"<tr><td class=l>{html.escape(str(idx))}</td>{cells}</tr>")
            out.append(f"<h3>{html.escape(i18n.long_name(da, name))}</h3>"
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
    rows = [f"<tr><th class=l>{i18n.t('scenario')}</th>{head}</tr>"]
    for i, s in enumerate(tg.scenario.values):
        cells = "".join(
            "<td>–</td>" if not np.isfinite(float(p[i, j])) else
            f"<td>{float(p[i, j]):.1%} ({float(lo[i, j]):.1%}–{float(hi[i, j]):.1%})</td>" for j in range(len(names)))
        rows.append(f"<tr><td class=l>{html.escape(str(s))}</td>{cells}</tr>")
    words = tg["definition"].values  # (scenario, target); "" where a scenario lacks the target
    defs = "".join(f"<li><b>{html.escape(n)}</b>: {html.escape(next((str(w) for w in words[:, j] if w), ''))}</li>"
                   for j, n in enumerate(names))
    title = p.attrs.get("long_name_zh") if i18n.zh() else p.attrs.get("long_name")
    return [f"<h3>{html.escape(title or i18n.t('target_p'))}</h3>"
            f"<p class=small>{html.escape(i18n.t('target_p_note'))}</p>"
            "<table>" + "\n".join(rows) + f"</table><ul class=small>{defs}</ul>"]


def build(path, schools_year=None):
    """(html text, notes about what was skipped) for the results file at `path`, in the current
    language (i18n.set_lang)."""
    ds = R.open_results(path)
    comp = R.open_comparison(path, ds)
    targets = R.open_targets(path, ds)
    subjects = R.open_group(path, ds, "subjects")
    schools = R.open_group(path, ds, "schools")
    notes, parts = [], []
    t = i18n.t

    def chart(title, make, *args, **kw):
        try:
            parts.append(f"<h3>{html.escape(title)}</h3><img alt=\"{html.escape(title)}\" "
                         f"src=\"{png_data_uri(make(*args, **kw))}\">")
        except R.MissingData as e:
            notes.append(t("skipped", title=title, why=e))

    def add(result):
        frags, more = result
        parts.extend(frags)
        notes.extend(more)

    if plots.CJK_FONT is None:
        notes.append(t("no_cjk_font"))

    add(sections.scenario_changes(ds, comp))

    parts.append(f"<h2>{t('h_targets')}</h2>")
    probs = target_table(targets) + probability_tables(ds, comp)
    if probs:
        parts.extend(probs)
    else:
        notes.append(t("no_targets"))
    parts.append(f"<h3>{t('key_table')}</h3>{indicator_table(ds)}")

    parts.append(f"<h2>{t('h_over_time')}</h2>")
    for m in KEY_FANS:
        if m in ds:
            chart(f"{i18n.long_name(ds[m], m)} — {R.region_label(ds, 'ALL')}", plots.fan_chart, ds, m, "ALL")
        else:
            notes.append(t("fan_missing", m=m))

    parts.append(f"<h2>{t('h_by_region')}</h2>")
    for m in ("rural_vacancies", "rural_share_age_50plus"):
        if m in ds:
            chart(t("by_region_title", name=i18n.long_name(ds[m], m)), plots.small_multiples, ds, m)

    parts.append(f"<h2>{t('h_differences')}</h2>")
    if ds.sizes["scenario"] > 1 or comp is not None:
        for m in DIFF_METRICS:
            if m in ds:
                name = i18n.long_name(ds[m], m)
                chart(t("paired_title", name=name if i18n.zh() else name.lower(), region=R.region_label(ds, "ALL"),
                        source=t("paired_replications" if comp is None else "paired_comparison")),
                      plots.differences, ds, m, "ALL", comparison=comp)
    else:
        notes.append(t("no_differences"))

    parts.append(f"<h2>{t('h_qb')}</h2>")
    if any(v.startswith("qb_pass") for v in ds.data_vars):
        for s in R.scenarios(ds):
            for level in [None] + [lv for lv in ("primary", "junior") if f"qb_pass_{lv}" in ds]:
                level_txt = (f"（{i18n.code(level)}）" if i18n.zh() else f" ({level})") if level else ""
                title = t("p_passing", level=level_txt, s=s)
                # A map where every county and year is the same (all red: no county ever passes)
                # says nothing a sentence cannot; the decomposition below says why.
                informative, value = sections.heatmap_informative(ds, s, level)
                if informative:
                    chart(title, plots.qb_heatmap, ds, s, level)
                else:
                    why = t("see_why") if any(f"qb_fails_school_rule_{lv}" in ds for lv in ("primary", "junior")) else ""
                    low, high = value
                    v = sections.pct(low) if low == high else f"{sections.pct(low)}–{sections.pct(high)}"
                    line = t("heatmap_constant", level=level_txt, s=s, v=v) + why
                    parts.append(f"<p class=small>{html.escape(line)}</p>")
        add(sections.why_counties_fail(ds))
    else:
        notes.append(t("qb_missing"))

    add(sections.recruitment_need(ds, subjects))
    add(sections.failing_schools(ds, schools, schools_year))
    add(sections.costs(ds, comp))

    def image(title, fig):
        return f"<img alt=\"{html.escape(title)}\" src=\"{png_data_uri(fig)}\">"

    # The studies written beside a run (teachsim attribute -o, sensitivity -o, optimise -o): nothing when absent.
    add(studies.attribution_section(path, ds, image))
    add(studies.sensitivity_section(path, ds, image))
    add(studies.optimise_section(path, ds, image))

    parts.append(f"<h2>{t('h_age')}</h2>")
    if "rural_age_pyramid" in ds:
        for s in R.scenarios(ds):
            chart(t("age_pyramid", s=s), plots.age_pyramid, ds, s)
    else:
        # Said in the section itself, so that it is never an empty heading.
        parts.append(f"<p class=note>{html.escape(t('pyramid_missing'))}</p>")
        notes.append(t("pyramid_skipped"))

    page = render(ds, path, parts, notes)
    for d in (ds, comp, targets, subjects, schools):
        if d is not None:
            d.close()
    return page, notes


def render(ds, path, sections, notes):
    a = ds.attrs
    t = i18n.t
    prov = "".join(f"<tr><th class=l>{k}</th><td class=l>{html.escape(str(a.get(k, '')))}</td></tr>"
                   for k in ("format", "format_version", "teachsim_version", "created_utc", "command_line",
                             "base_seed", "replications", "provenance"))
    yamls = ""
    if "scenario_yaml" in ds:
        yamls = "".join(f"<details><summary>{html.escape(t('scenario_yaml', s=s))}</summary><pre>"
                        f"{html.escape(str(ds.scenario_yaml.sel(scenario=s).values))}</pre></details>"
                        for s in ds.scenario.values)
    note_html = (f"<h2>{t('notes')}</h2><ul>" + "".join(f"<li class=note>{html.escape(str(n))}</li>" for n in notes)
                 + "</ul>") if notes else ""
    regions = ("、" if i18n.zh() else ", ").join(R.region_label(ds, str(r)) for r in ds.region.values)
    title = t("report_title", file=os.path.basename(path))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if i18n.zh() else 'en'}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{CSS}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{html.escape(R.caption(ds))}</p>
<p class=small>{html.escape(t("bands_note", regions=regions))}</p>
{"".join(sections)}
{note_html}
<h2>{t("provenance")}</h2><table>{prov}</table>{yamls}
</body></html>
"""


def write(path, out_dir, schools_year=None):
    """Write <out_dir>/<file stem>-report.html (…-report-zh.html in Chinese) and return its path."""
    page, notes = build(path, schools_year)
    os.makedirs(out_dir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(path))[0]
    out = os.path.join(out_dir, f"{stem}-report{'-zh' if i18n.zh() else ''}.html")
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)
    return out, notes
