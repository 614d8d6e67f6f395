"""The charts. Each function takes an open results Dataset and returns a matplotlib Figure of
exactly width x height pixels (at `dpi`), with a title, axis labels with units and a caption
naming the scenarios, replications and seed from the file.
"""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

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
    ax.set_xlabel("Year (school year starting in autumn)")
    ax.grid(True, alpha=0.3)


def _share_axis(ax, da):
    if da.attrs.get("units") == "1":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))


def _fan(ax, da, colour, label):
    """Median line, 50 % and 90 % bands over replications of a (replication, year) array."""
    q = R.bands(da)
    years = da.year.values
    ax.fill_between(years, q.sel(quantile=0.05), q.sel(quantile=0.95), color=colour, alpha=0.15, lw=0)
    ax.fill_between(years, q.sel(quantile=0.25), q.sel(quantile=0.75), color=colour, alpha=0.35, lw=0)
    ax.plot(years, q.sel(quantile=0.5), color=colour, lw=2, label=label)


def _band_legend(ax):
    handles, labels = ax.get_legend_handles_labels()
    handles += [Patch(color="0.5", alpha=0.5, label="50 % band"), Patch(color="0.5", alpha=0.2, label="90 % band")]
    ax.legend(handles=handles, loc="best", fontsize="small")


def fan_chart(ds, metric, region="ALL", scenarios=None, width=1200, height=750, dpi=100):
    """Median with 50 % and 90 % bands over replications, one colour per scenario."""
    da = R.metric(ds, metric)
    R.check_labels(ds, "region", [region])
    names = R.scenarios(ds, scenarios)
    fig, axes = figure(width, height, dpi)
    ax = axes[0, 0]
    for i, s in enumerate(names):
        _fan(ax, da.sel(scenario=s, region=region), COLOURS[i % 10], f"{s} (median)")
    _years(ax)
    ax.set_ylabel(R.axis_label(da))
    _share_axis(ax, da)
    _band_legend(ax)
    return finish(fig, ds, f"{da.attrs.get('long_name', metric)} — {R.region_label(ds, region)}", names)


def small_multiples(ds, metric, scenarios=None, width=1500, height=1000, dpi=100):
    """One panel per region (ALL last), each a fan chart of the same indicator."""
    da = R.metric(ds, metric)
    names = R.scenarios(ds, scenarios)
    regions = [str(r) for r in ds.region.values]
    ncols = int(np.ceil(np.sqrt(len(regions))))
    nrows = int(np.ceil(len(regions) / ncols))
    fig, axes = figure(width, height, dpi, nrows, ncols)
    for k, ax in enumerate(axes.flat):
        if k >= len(regions):
            ax.set_visible(False)
            continue
        for i, s in enumerate(names):
            _fan(ax, da.sel(scenario=s, region=regions[k]), COLOURS[i % 10], s)
        ax.set_title(R.region_label(ds, regions[k]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.grid(True, alpha=0.3)
        _share_axis(ax, da)
    axes[0, 0].legend(fontsize="small")
    for ax in axes[:, 0]:
        ax.set_ylabel(R.axis_label(da))
    for ax in axes[-1, :]:
        ax.set_xlabel("Year")
    return finish(fig, ds, f"{da.attrs.get('long_name', metric)} by region (median, 50 % and 90 % bands)", names)


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
    for i, (label, d) in enumerate(diffs.items()):
        _fan(ax, d, COLOURS[(i + 1) % 10], label)
    ax.axhline(0, color="black", lw=0.8)
    _years(ax)
    label = R.axis_label(da)
    ax.set_ylabel(f"Difference in {label[:1].lower()}{label[1:]}")
    _share_axis(ax, da)
    _band_legend(ax)
    title = f"Paired difference in {da.attrs.get('long_name', metric).lower()} — {R.region_label(ds, region)}"
    return finish(fig, ds, f"{title} (from {source})")


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
    ax.set_xlabel("Year")
    ax.set_ylabel("County")
    fig.colorbar(im, ax=ax, label="Probability of passing (share of replications)")
    level_txt = f" ({level})" if level else ""
    return finish(fig, ds, f"Probability of passing the quality-balance teacher assessment{level_txt} — {s}", [s])


def age_pyramid(ds, scenario=None, region="ALL", variable="rural_age_pyramid", width=1000, height=750, dpi=100):
    """Rural teachers by age band: start year to the left, end year to the right (medians, 90 % whiskers)."""
    if variable not in ds:
        raise R.MissingData(f"this file has no {variable} (age pyramid); it was written without it")
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
        ax.barh(y, sign * q[1], color=colour, alpha=0.8, label=f"{year}{' (start)' if sign < 0 else ' (end)'}")
        ax.errorbar(sign * q[1], y, xerr=[q[1] - q[0], q[2] - q[1]], fmt="none", ecolor="0.2", lw=1, capsize=2)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, bands)
    ax.set_ylabel(f"Age band ({band_dim})")
    ax.set_xlabel(f"{da.attrs.get('long_name', variable)} ({da.attrs.get('units', '')}), median; whiskers 5–95 %")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))
    lim = np.abs(ax.get_xlim()).max()
    ax.set_xlim(-lim, lim)
    ax.legend(loc="upper right")
    ax.grid(True, axis="x", alpha=0.3)
    return finish(fig, ds, f"Age pyramid of rural teachers, {first} and {last} — {R.region_label(ds, region)}, {s}", [s])
