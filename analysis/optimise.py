"""The group optimise/ of a results file (teachsim optimise -o, docs/optimise.md) read back, and its
chart: every mix the search evaluated as a point, the outcome minimised (the cost) across and the
worst target probability up, the required probability as a line, the confirmations and the answer
marked. A planner sees at once what meeting the targets costs, and how far the cheap mixes fall short.
"""
import h5py
import numpy as np

from . import attribution, i18n, plots
from . import results as R

MEETS, SHORT, ANSWER = "#3b6ea8", "0.6", "#c0504d"


def read(path):
    """The search as a dict: levers and their grids, targets, the outcome minimised, the required
    probability, and the search's and confirmations' mixes (values, outcome, probabilities, worst,
    feasible), the answer (a row of the confirmations, of the search when none ran; -1 when none)
    and the closest search mix when out of reach."""
    with h5py.File(path, "r") as f:
        if "optimise" not in f:
            raise ValueError(f"{path}: no group optimise/ (written by teachsim optimise -o)")
        g = f["optimise"]
        out = {"minimise": R.strings(g.attrs["minimise"]), "method": R.strings(g.attrs["method"]),
               "probability": float(g.attrs["probability_required"]),
               "replications": int(g.attrs["replications"]),
               "confirm_replications": int(g.attrs["confirm_replications"]),
               "grid": int(g.attrs["mixes_in_grid"]), "found": bool(g.attrs["found"] == 1),
               "answer": int(g.attrs["answer"]), "best": int(g.attrs["best"]), "runs": int(g.attrs["runs"]),
               "levers": R.strings(g["levers"][:]), "targets": R.strings(g["targets"][:]),
               "lever_from": g["lever_from"][:], "lever_integer": g["lever_integer"][:],
               "confirm_of": g["confirm_of"][:].astype(int)}
        # the levers by their keys' Chinese names, in files written since teachsim wrote them
        out["lever_name_zh"] = R.strings(g["lever_name_zh"][:]) if "lever_name_zh" in g else out["levers"]
        for stage in ("search", "confirm"):
            out[stage] = {name: g[f"{stage}_{name}"][:] for name in
                          ("values", "outcome", "probability", "probability_lo", "probability_hi", "met",
                           "replications", "worst_probability", "feasible")}
    return out


def answer_set(study):
    """The mixes the answer indexes: the confirmations, or the search when none ran."""
    return study["confirm"] if len(study["confirm"]["outcome"]) else study["search"]


def unit(study):
    """(divisor, unit text) for the outcome minimised: a cost in 万元 as the report's cost tables, else as is."""
    return (1e4, i18n.t("wan_yuan")) if study["minimise"].startswith("cost_") else (1.0, "")


def mix_text(study, values):
    """A mix's lever values as `key = value`, a scheduled lever with its first year; in Chinese each
    lever by its key's Chinese name."""
    parts = []
    for i, key in enumerate(study["lever_name_zh"] if i18n.zh() else study["levers"]):
        v = f"{values[i]:.0f}" if study["lever_integer"][i] == 1 else f"{values[i]:.6g}"
        year = int(study["lever_from"][i])
        parts.append(i18n.t("lever_from", path=key, year=year, v=v) if year else f"{key} = {v}")
    return ("，" if i18n.zh() else ", ").join(parts)


def rows(study):
    """The table of the confirmations (the answer first), or without confirmations the five best
    mixes of the search: mix, outcome, worst probability, meets or not."""
    if len(study["confirm"]["outcome"]):
        s, order = study["confirm"], list(range(len(study["confirm"]["outcome"])))
        if study["found"]:
            order.remove(study["answer"])
            order.insert(0, study["answer"])
    else:
        s = study["search"]
        # the search's own ranking: feasible mixes by outcome, then the rest by worst probability, then outcome
        key = [(0, o, o) if f == 1 else (1, -w, o) for f, o, w in zip(s["feasible"], s["outcome"],
                                                                       s["worst_probability"])]
        order = sorted(range(len(key)), key=lambda k: key[k])[:5]
    div, _ = unit(study)
    out = []
    for n, k in enumerate(order, 1):
        answer = study["found"] and s is answer_set(study) and k == study["answer"]
        out.append([i18n.t("answer_row", n=n) if answer else str(n), mix_text(study, s["values"][k]), attribution.number(s["outcome"][k] / div),
                    f"{s['worst_probability'][k]:.3f}", i18n.t("meets" if s["feasible"][k] == 1 else "short"),
                    f"{int(s['replications'][k])}"])
    return out


def chart(path, width=1200, height=750, dpi=100, ds=None):
    """Every mix of the search (and the confirmations) by outcome and worst target probability: a
    Figure of width x height pixels; with the run of the same file (`ds`), the outcome is named in
    the current language."""
    study = read(path)
    fig, axes = plots.figure(width, height, dpi)
    ax = axes[0][0]
    div, money = unit(study)
    s = {**study["search"], "outcome": study["search"]["outcome"] / div}
    ok = s["feasible"] == 1
    for mask, colour, legend in ((~ok, SHORT, "opt_short_legend"), (ok, MEETS, "opt_meets_legend")):
        if mask.any():  # no legend entry for a kind of mix the search did not find
            ax.scatter(s["outcome"][mask], s["worst_probability"][mask], color=colour, s=30, label=i18n.t(legend))
    c = {**study["confirm"], "outcome": study["confirm"]["outcome"] / div}
    if len(c["outcome"]):
        ax.scatter(c["outcome"], c["worst_probability"], facecolors="none", edgecolors="black", marker="s", s=70,
                   label=i18n.t("opt_confirm_legend", r=study["confirm_replications"]))
    if study["found"]:
        a = c if len(c["outcome"]) else s
        k = study["answer"]
        ax.scatter([a["outcome"][k]], [a["worst_probability"][k]], color=ANSWER, marker="*", s=260, zorder=5,
                   label=i18n.t("opt_answer_legend"))
        ax.annotate(mix_text(study, a["values"][k]), (a["outcome"][k], a["worst_probability"][k]),
                    xytext=(8, -16), textcoords="offset points", fontsize="small", color=ANSWER)
    ax.axhline(study["probability"], color="0.3", linestyle="--", linewidth=1)
    ax.text(ax.get_xlim()[0], study["probability"], " " + i18n.t("opt_required", p=study["probability"]),
            va="bottom", ha="left", fontsize="small", color="0.3")
    ax.set_ylim(-0.03, 1.05)
    outcome = study["minimise"] if ds is None else attribution.outcome_label(ds, study["minimise"])
    ax.set_xlabel(f"{outcome}（{money}）" if money and i18n.zh() else f"{outcome} ({money})" if money else outcome)
    ax.set_ylabel(i18n.t("opt_worst_axis"))
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="center right")  # the mixes lie at the top (met) or the bottom (not)
    fig.suptitle(i18n.t("opt_title", outcome=outcome), fontsize="x-large")
    fig.text(0.01, 0.012, i18n.t("opt_caption", n=len(s["outcome"]), grid=study["grid"], r=study["replications"],
                                 targets=", ".join(study["targets"]), runs=study["runs"]),
             fontsize="small", color="0.3", ha="left", va="bottom")
    return fig
