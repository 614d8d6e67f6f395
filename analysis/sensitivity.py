"""The group sensitivity/ of a results file (teachsim sensitivity -o, docs/sensitivity.md) as a
table, and its tornado chart: the inputs of one outcome, most important first, as bars with
their bootstrap intervals (Morris: mu*; Sobol: total and first-order indices).
"""
import h5py
import numpy as np

from . import attribution, i18n, plots
from . import results as R


def read(path):
    """The study as a dict: method, inputs, distributions, outcomes and every statistic (outcome x input)."""
    with h5py.File(path, "r") as f:
        if "sensitivity" not in f:
            raise ValueError(f"{path}: no group sensitivity/ (written by teachsim sensitivity -o)")
        g = f["sensitivity"]
        study = {"method": R.strings(g.attrs["method"]),
                 "inputs": R.strings(g["inputs"][:]), "distributions": R.strings(g["distributions"][:]),
                 "outcomes": R.strings(g["outcomes"][:]),
                 "replications": int(g.attrs["replications"]), "base_samples": int(g.attrs["base_samples"])}
        # the inputs by their keys' Chinese names, in files written since teachsim wrote them
        study["input_name_zh"] = R.strings(g["input_name_zh"][:]) if "input_name_zh" in g else study["inputs"]
        for name in ("mu", "mu_star", "mu_star_lo", "mu_star_hi", "sigma",
                     "first", "first_lo", "first_hi", "total", "total_lo", "total_hi"):
            if name in g:
                study[name] = g[name][:]
    return study


def ranking(study, outcome=0):
    """Input indices of one outcome (index or name), most important first."""
    o = study["outcomes"].index(outcome) if isinstance(outcome, str) else outcome
    key = study["mu_star"] if study["method"] == "morris" else study["total"]
    return o, list(np.argsort(-np.nan_to_num(key[o], nan=-np.inf), kind="stable"))


def _region_in_chinese(ds, label):
    """A Chinese input label with the region's code (薄弱学校比例（shaoshan）) given its Chinese name from
    the run (薄弱学校比例（韶山市）): teachsim writes the label without the scenario's names."""
    for code, zh in zip(ds.region.values, ds.region_name_zh.values):
        code, zh = str(code), str(zh)
        if zh and code != "ALL":
            for before, after in (("（", "）"), ("（", "，")):
                label = label.replace(before + code + after, before + zh + after)
    return label


def input_names(study, ds=None):
    """The inputs as the current language names them: key paths in English; in Chinese the keys'
    Chinese names, with each region by its Chinese name when the run of the same file (`ds`) is given."""
    if not i18n.zh():
        return study["inputs"]
    if ds is None or "region_name_zh" not in ds.coords:
        return study["input_name_zh"]
    return [_region_in_chinese(ds, n) for n in study["input_name_zh"]]


def tornado(path, outcome=0, top=10, width=1200, height=750, dpi=100, ds=None):
    """The tornado chart of one outcome (index or name): a Figure of width x height pixels; with the
    run of the same file (`ds`), the outcome is named in the current language."""
    study = read(path)
    o, order = ranking(study, outcome)
    order = order[:top][::-1]  # the most important at the top
    names = input_names(study, ds)
    labels = [names[i] for i in order]
    fig, axes = plots.figure(width, height, dpi)
    ax = axes[0][0]
    y = np.arange(len(order))
    if study["method"] == "morris":
        v, lo, hi = (study[n][o][order] for n in ("mu_star", "mu_star_lo", "mu_star_hi"))
        ax.barh(y, v, color="#3b6ea8", xerr=[v - lo, hi - v], capsize=3, label=i18n.t("mu_star_legend"))
        ax.set_xlabel(i18n.t("mu_star_axis"))
    else:
        for name, colour, shift in (("total", "#3b6ea8", 0.2), ("first", "#e08a2c", -0.2)):
            v, lo, hi = (study[n][o][order] for n in (name, name + "_lo", name + "_hi"))
            ax.barh(y + shift, v, height=0.4, color=colour, xerr=[v - lo, hi - v], capsize=3,
                    label=i18n.t(name + "_legend"))
        ax.set_xlabel(i18n.t("variance_axis"))
    ax.set_yticks(y, labels)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.legend(loc="lower right")
    method = i18n.t(study["method"])
    outcome_name = study["outcomes"][o] if ds is None else attribution.outcome_label(ds, study["outcomes"][o])
    fig.suptitle(i18n.t("tornado_title", outcome=outcome_name, method=method), fontsize="x-large")
    points = i18n.t("trajectories" if study["method"] == "morris" else "base_samples")
    fig.text(0.01, 0.012, i18n.t("tornado_caption", n=study["base_samples"], points=points, k=len(study["inputs"]),
                                 r=study["replications"]), fontsize="small", color="0.3", ha="left", va="bottom")
    return fig
