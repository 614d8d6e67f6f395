"""The charts. Each function takes an open results Dataset and returns a matplotlib Figure of
exactly width x height pixels (at `dpi`), with a title, axis labels with units and a caption
naming the scenarios, replications and seed from the file.
"""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import i18n
from . import results as R

CJK_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")


def setup_fonts():
    """Use DejaVu Sans with Noto Sans CJK (Debian fonts-noto-cjk) as fallback for Chinese.

    Returns the CJK family name, or None when no CJK font is installed (Chinese then shows
    as boxes; the report says so)."""
    for path in CJK_FILES:
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError):
            pass
    names = sorted({f.name for f in font_manager.fontManager.ttflist if "Sans CJK" in f.name})
    # matplotlib loads the first face of a .ttc (JP); prefer SC should a separate file provide it.
    cjk = next((n for pref in ("SC", "CN", "JP", "") for n in names if n.endswith(pref)), None)
    # A list of families makes matplotlib (>= 3.6) fall back glyph by glyph: Latin text keeps
    # DejaVu Sans, Chinese comes from Noto Sans CJK.
    matplotlib.rcParams["font.family"] = ["DejaVu Sans"] + ([cjk] if cjk else [])
    return cjk


CJK_FONT = setup_fonts()
COLOURS = plt.get_cmap("tab10").colors


def figure(width=1200, height=750, dpi=100, nrows=1, ncols=1, **kw):
    fig, axes = plt.subplots(nrows, ncols, figsize=(width / dpi, height / dpi), dpi=dpi, squeeze=False,
                             layout="constrained", **kw)
    fig.get_layout_engine().set(rect=(0, 0.045, 1, 0.955))  # leave room for the caption
    return fig, axes


def finish(fig, ds, title, scenario_names=None):
    fig.suptitle(title, fontsize="x-large")
    fig.text(0.01, 0.012, R.caption(ds, scenario_names), fontsize="small", color="0.3", ha="left", va="bottom")
    return fig


def save(fig, out, dpi=100):
    """Save at the figure's own size (no tight bbox, so the pixel size is what was asked)."""
    fig.savefig(out, dpi=dpi, format="png")
    plt.close(fig)
    return out


def _years(ax):
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(i18n.t("year_long"))
    ax.grid(True, alpha=0.3)


def _share_axis(ax, da):
    if da.attrs.get("units") == "1":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))


def twin_dashes(n, m):
    """Dashes of the n-th (1-based) of m series identical to an earlier one: each twin draws its own
    4-point stretch of a period of 4 (m + 1) points, the last stretch left to the first series, so
    every colour shows."""
    return (4 * (n - 1), (4, 4 * m))


def _fan(ax, da, colour, label, twin=None):
    """Median line, 50 % and 90 % bands over replications of a (replication, year) array.

    A twin (identical to a series drawn before; `twin` its dashes) gets a dashed median and no
    bands of its own, so the first stays visible under it and the bands are not darkened twice.
    Returns the quantiles."""
    q = R.bands(da)
    years = da.year.values
    if twin is None:
        ax.fill_between(years, q.sel(quantile=0.05), q.sel(quantile=0.95), color=colour, alpha=0.15, lw=0)
        ax.fill_between(years, q.sel(quantile=0.25), q.sel(quantile=0.75), color=colour, alpha=0.35, lw=0)
    ax.plot(years, q.sel(quantile=0.5), color=colour, lw=2, label=label, linestyle=twin or "-")
    return q


def twins(series):
    """{label: the first earlier label with exactly the same values (NaN equal to NaN), or None}."""
    out = {}
    for i, (a, x) in enumerate(series.items()):
        xa = np.asarray(x, dtype=float)
        out[a] = next((b for b, y in list(series.items())[:i] if out[b] is None and xa.shape == np.shape(y)
                       and np.array_equal(xa, np.asarray(y, dtype=float), equal_nan=True)), None)
    return out


class FanKey:
    """A legend key drawn like the fan it stands for, in the series' colour: the 90 % band light,
    the 50 % band dark, the median across (dashed for a twin)."""

    def __init__(self, colour, twin=None):
        self.colour, self.twin = colour, twin


class _FanKeyHandler:
    def legend_artist(self, legend, key, fontsize, handlebox):
        x0, y0, w, h = -handlebox.xdescent, -handlebox.ydescent, handlebox.width, handlebox.height
        t = handlebox.get_transform()
        artists = [Line2D([x0, x0 + w], [y0 + h / 2] * 2, color=key.colour, lw=2, transform=t,
                          linestyle=key.twin or "-")]
        if key.twin is None:
            artists = [Rectangle((x0, y0), w, h, color=key.colour, alpha=0.15, lw=0, transform=t),
                       Rectangle((x0, y0 + h / 4), w, h / 2, color=key.colour, alpha=0.35, lw=0, transform=t)] + artists
        for a in artists:
            handlebox.add_artist(a)
        return artists[-1]


def _fan_legend(target, keys, labels, **kw):
    """Legend of fans: one key per series in its colour; the title says what the parts are."""
    return target.legend(keys, labels, handler_map={FanKey: _FanKeyHandler()}, handlelength=2.6, handleheight=1.4,
                         title=i18n.t("fan_legend"), title_fontsize="x-small",
                         fontsize="small", **kw)


def _sensible_range(ax, da, values, non_negative=True):
    """A y range that says something when every value drawn is the same (all 0, say) or counts vary
    by less than one: never matplotlib's ±0.05 around a constant, no fractions of a count. Returns
    a note for the panel when the values are constant, else None."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        ax.text(0.5, 0.5, i18n.t("no_value"), transform=ax.transAxes, ha="center", color="0.4")
        return "no value"
    lo, hi = float(v.min()), float(v.max())
    count = np.issubdtype(da.dtype, np.integer)
    if count:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if hi - lo >= (1 if count else 1e-12 + 1e-9 * max(abs(lo), abs(hi))):
        return None
    span = 1.0 if count else 0.05 if da.attrs.get("units") == "1" else max(abs(hi) * 0.1, 1e-3)
    if non_negative and lo >= 0 and lo < span:
        ax.set_ylim(-0.04 * (hi + span), hi + span)  # 0 just above the frame, where it can be seen
    else:
        ax.set_ylim(lo - span, hi + span)
    if lo != hi:
        return None
    note = i18n.t("constant", v=f"{lo:g}")
    ax.text(0.5, 0.5, note, transform=ax.transAxes, ha="center", va="center", fontsize="small", color="0.35")
    return note


def _draw_fans(ax, series, colours, suffix=""):
    """Draw each {label: (replication, year)} series; returns (keys, legend labels) with twins named."""
    same = twins(series)
    keys, labels, drawn = [], [], []
    for (label, da), colour in zip(series.items(), colours):
        first = same[label]
        dashes = None
        if first is not None:
            group = [k for k, v in same.items() if v == first]
            dashes = twin_dashes(group.index(label) + 1, len(group))
        drawn.append(_fan(ax, da, colour, label, twin=dashes).values)
        keys.append(FanKey(colour, dashes))
        labels.append(f"{label}{suffix}" + (f" ({i18n.t('identical_to', b=same[label])})" if same[label] else ""))
    return keys, labels, np.concatenate([d.ravel() for d in drawn]) if drawn else np.array([])


def fan_chart(ds, metric, region="ALL", scenarios=None, width=1200, height=750, dpi=100):
    """Median with 50 % and 90 % bands over replications, one colour per scenario."""
    da = R.metric(ds, metric)
    R.check_labels(ds, "region", [region])
    names = R.scenarios(ds, scenarios)
    fig, axes = figure(width, height, dpi)
    ax = axes[0, 0]
    keys, labels, values = _draw_fans(ax, {s: da.sel(scenario=s, region=region) for s in names},
                                      [COLOURS[i % 10] for i in range(len(names))])
    _years(ax)
    ax.set_ylabel(R.axis_label(da))
    _share_axis(ax, da)
    _sensible_range(ax, da, values)
    _fan_legend(ax, keys, labels, loc="best")
    return finish(fig, ds, f"{i18n.long_name(da, metric)} — {R.region_label(ds, region)}", names)


def small_multiples(ds, metric, scenarios=None, width=1500, height=1000, dpi=100):
    """One panel per region (ALL last), each a fan chart of the same indicator."""
    da = R.metric(ds, metric)
    names = R.scenarios(ds, scenarios)
    regions = [str(r) for r in ds.region.values]
    ncols = int(np.ceil(np.sqrt(len(regions))))
    nrows = int(np.ceil(len(regions) / ncols))
    fig, axes = figure(width, height, dpi, nrows, ncols)
    colours = [COLOURS[i % 10] for i in range(len(names))]
    for k, ax in enumerate(axes.flat):
        if k >= len(regions):
            ax.set_visible(False)
            continue
        series = {s: da.sel(scenario=s, region=regions[k]) for s in names}
        _, labels, values = _draw_fans(ax, series, colours)
        ax.set_title(R.region_label(ds, regions[k]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.grid(True, alpha=0.3)
        _share_axis(ax, da)
        _sensible_range(ax, da, values)
        same = [lab for lab, name in zip(labels, series) if lab != name]  # this panel's twins, said in the panel
        if same:
            ax.text(0.99, 0.98, "\n".join(same), transform=ax.transAxes, ha="right", va="top", fontsize="x-small",
                    color="0.3", bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))
    _fan_legend(axes[0, 0], [FanKey(c) for c in colours], names, loc="center right")
    for ax in axes[:, 0]:
        ax.set_ylabel(R.axis_label(da))
    for ax in axes[-1, :]:
        ax.set_xlabel(i18n.t("year"))
    return finish(fig, ds, i18n.t("by_region_title", name=i18n.long_name(da, metric)), names)


def paired_differences(ds, metric, region="ALL", base=None, against=None, comparison=None):
    """{label: (replication, year) DataArray of scenario minus base, same replication}.

    From the `comparison/` group when it holds the indicator (one label per entry of its first
    dimension), else computed here by pairing the replications of two scenarios."""
    if comparison is not None and metric in comparison.data_vars and base is None and against is None:
        dc = comparison[metric]
        pair_dim = dc.dims[0]
        labels = [str(v) for v in dc[pair_dim].values] if pair_dim in dc.coords else list(range(dc.sizes[pair_dim]))
        return {str(lab): dc.isel({pair_dim: i}).sel(region=region) for i, lab in enumerate(labels)}, "comparison/"
    da = R.metric(ds, metric)
    R.check_labels(ds, "region", [region])
    names = R.scenarios(ds)
    base = R.check_labels(ds, "scenario", [base])[0] if base else names[0]
    others = R.scenarios(ds, against) if against else [s for s in names if s != base]
    if not others:
        raise R.MissingData(f"paired differences need two scenarios; this file has only {', '.join(names)}")
    x = da.sel(region=region)
    return {f"{o} − {base}": x.sel(scenario=o) - x.sel(scenario=base) for o in others}, "paired replications"


def differences(ds, metric, region="ALL", base=None, against=None, comparison=None,
                width=1200, height=750, dpi=100):
    """Paired scenario differences (median, 50 % and 90 % bands over replications)."""
    diffs, source = paired_differences(ds, metric, region, base, against, comparison)
    da = R.metric(ds, metric) if metric in ds else next(iter(diffs.values()))
    fig, axes = figure(width, height, dpi)
    ax = axes[0, 0]
    ax.axhline(0, color="black", lw=0.8, zorder=1)
    keys, labels, values = _draw_fans(ax, diffs, [COLOURS[(i + 1) % 10] for i in range(len(diffs))])
    for i, d in enumerate(diffs.values()):
        v = np.asarray(d, dtype=float)
        if np.all(v[np.isfinite(v)] == 0):
            labels[i] += i18n.t("same_as_base")
    _years(ax)
    label = R.axis_label(da)
    ax.set_ylabel(i18n.t("difference_in", label=label if i18n.zh() else f"{label[:1].lower()}{label[1:]}"))
    _share_axis(ax, da)
    _sensible_range(ax, da, values, non_negative=False)
    _fan_legend(ax, keys, labels, loc="best")
    name = i18n.long_name(da, metric)
    source = i18n.t("paired_comparison" if source == "comparison/" else "paired_replications")
    return finish(fig, ds, i18n.t("paired_title", name=name if i18n.zh() else name.lower(),
                                  region=R.region_label(ds, region), source=source))


def qb_variable(ds, level=None):
    name = "qb_pass" + (f"_{level}" if level else "")
    if name not in ds:
        have = [v for v in ds.data_vars if v.startswith("qb_pass")]
        raise R.MissingData(f"this file has no {name} (quality-balance pass indicator)"
                            + (f"; it has {', '.join(have)}" if have else "; it was written without it"))
    return ds[name]


def qb_heatmap(ds, scenario=None, level=None, width=1200, height=600, dpi=100):
    """County x year map of the probability of passing (share of replications with qb_pass = 1)."""
    da = qb_variable(ds, level)
    s = R.scenarios(ds, [scenario] if scenario else None)[0]
    counties = R.counties(ds)
    p = da.sel(scenario=s, region=counties).mean("replication").transpose("region", "year")
    fig, axes = figure(width, height, dpi)
    ax = axes[0, 0]
    im = ax.imshow(p.values, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    years = [int(y) for y in p.year.values]
    ax.set_xticks(range(len(years)), years, rotation=45 if len(years) > 12 else 0)
    ax.set_yticks(range(len(counties)), [R.region_label(ds, c) for c in counties])
    for (i, j), v in np.ndenumerate(p.values):
        ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize="x-small",
                color="black" if 0.2 < v < 0.8 else "white")
    ax.set_xlabel(i18n.t("year"))
    ax.set_ylabel(i18n.t("county"))
    fig.colorbar(im, ax=ax, label=i18n.t("p_pass_cbar"))
    level_txt = (f"（{i18n.code(level)}）" if i18n.zh() else f" ({level})") if level else ""
    return finish(fig, ds, i18n.t("qb_title", level=level_txt, s=s), [s])


def age_pyramid(ds, scenario=None, region="ALL", variable="rural_age_pyramid", width=1000, height=750, dpi=100):
    """Rural teachers by age band: start year to the left, end year to the right (medians, 90 % whiskers)."""
    if variable not in ds:
        raise R.MissingData(f"this file has no {variable} (rural teachers by age band, year and region): not in "
                            "this file; teachsim run does not write it yet, so no age pyramid can be drawn from it")
    da = ds[variable]
    s = R.scenarios(ds, [scenario] if scenario else None)[0]
    R.check_labels(ds, "region", [region])
    band_dim = next(d for d in da.dims if d not in R.DIMS)
    x = da.sel(scenario=s, region=region)
    x = x.sum([d for d in x.dims if d not in ("replication", "year", band_dim)])  # e.g. a sex split
    first, last = int(ds.year.values[0]), int(ds.year.values[-1])
    bands = [str(b) for b in x[band_dim].values] if band_dim in x.coords else list(map(str, range(x.sizes[band_dim])))
    fig, axes = figure(width, height, dpi)
    ax = axes[0, 0]
    y = np.arange(len(bands))
    for year, sign, colour in ((first, -1, COLOURS[0]), (last, 1, COLOURS[1])):
        q = x.sel(year=year).quantile([0.05, 0.5, 0.95], dim="replication").transpose("quantile", band_dim).values
        when = i18n.t("start" if sign < 0 else "end")
        ax.barh(y, sign * q[1], color=colour, alpha=0.8, label=f"{year}（{when}）" if i18n.zh() else f"{year} ({when})")
        ax.errorbar(sign * q[1], y, xerr=[q[1] - q[0], q[2] - q[1]], fmt="none", ecolor="0.2", lw=1, capsize=2)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, bands)
    ax.set_ylabel(i18n.t("age_band") if i18n.zh() else f"{i18n.t('age_band')} ({band_dim})")
    ax.set_xlabel(i18n.t("pyramid_x", name=i18n.long_name(da, variable), units=i18n.units(da)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))
    lim = np.abs(ax.get_xlim()).max()
    ax.set_xlim(-lim, lim)
    ax.legend(loc="upper right")
    ax.grid(True, axis="x", alpha=0.3)
    return finish(fig, ds, i18n.t("pyramid_title", first=first, last=last, region=R.region_label(ds, region), s=s), [s])
