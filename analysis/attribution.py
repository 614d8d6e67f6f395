"""The group attribution/ of a results file (teachsim attribute -o, docs/attribution.md) read back, and
its waterfall chart: for one outcome, scenario A's value, then each group's Shapley value as a step
up or down with its 95 % interval, ending at scenario B's value. The steps add up to B - A exactly
(the Shapley values share the interactions out), so the chart shows the whole difference.
"""
import h5py
import numpy as np

from . import i18n, plots
from . import results as R

UP, DOWN, TOTAL = "#c0504d", "#4f81bd", "0.55"  # an increase red, a decrease blue: a neutral reading of "more"


def read(path):
    """The attribution as a dict: scenarios, groups and their keys, outcomes, and per outcome the
    coalition values, Shapley values with intervals, effects alone, difference and interaction."""
    with h5py.File(path, "r") as f:
        if "attribution" not in f:
            raise ValueError(f"{path}: no group attribution/ (written by teachsim attribute -o)")
        g = f["attribution"]
        out = {"scenario_a": R.strings(g.attrs["scenario_a"]), "scenario_b": R.strings(g.attrs["scenario_b"]),
               "replications": int(g.attrs["replications"]), "confidence": float(g.attrs["confidence"]),
               "groups": R.strings(g["groups"][:]), "group_keys": R.strings(g["group_keys"][:]),
               # the keys by their Chinese names, in files written since teachsim wrote them
               "group_keys_zh": R.strings(g["group_keys_zh"][:] if "group_keys_zh" in g else g["group_keys"][:]),
               "outcomes": R.strings(g["outcomes"][:])}
        for name in ("value", "shapley", "shapley_lo", "shapley_hi", "alone", "difference", "difference_lo",
                     "difference_hi", "interaction", "replications_used"):
            out[name] = g[name][:]
    return out


def group_label(name):
    """A group's name in the current language: a section of the scenario (rotation, posting ...) has a
    Chinese name; a key or a group the user named (--group) is shown as written."""
    pair = i18n.SECTIONS.get(name)
    return (pair[1] if i18n.zh() else pair[0]) if pair else name


def outcome_label(ds, outcome):
    """INDICATOR@YEAR[@REGION] with the indicator's long name in the current language (the run in the
    same file has its attributes); a target's name as written, with "probability" said."""
    parts = outcome.split("@")
    if len(parts) >= 2 and ds is not None and parts[0] in ds:
        region = parts[2] if len(parts) > 2 else "ALL"
        return i18n.t("outcome_at", name=i18n.long_name(ds[parts[0]], parts[0]), year=parts[1],
                      region=R.region_label(ds, region))
    return i18n.t("outcome_target", name=outcome)


def number(v, signed=False):
    """A number with four significant digits (grouped thousands beyond), signed for a step."""
    text = f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
    return ("+" + text) if signed and v > 0 else text


def steps(study, o):
    """The waterfall of outcome o: (labels, bottoms, heights, lows, highs), A first, B last; the middle
    bars are the groups, largest |Shapley value| first."""
    shap = study["shapley"][o]
    order = sorted(range(len(shap)), key=lambda g: -abs(shap[g]))
    a, b = study["value"][o][0], study["value"][o][-1]
    labels, bottoms, heights, lows, highs = ["A"], [0.0], [a], [np.nan], [np.nan]
    level = a
    for g in order:
        labels.append(study["groups"][g])
        bottoms.append(level)
        heights.append(shap[g])
        lows.append(study["shapley_lo"][o][g])
        highs.append(study["shapley_hi"][o][g])
        level += shap[g]
    labels.append("B")
    bottoms.append(0.0)
    heights.append(b)
    lows.append(np.nan)
    highs.append(np.nan)
    return labels, np.array(bottoms), np.array(heights), np.array(lows), np.array(highs)


def waterfall(path, outcome=0, ds=None, width=1200, height=650, dpi=100):
    """The waterfall chart of one outcome (index or name): a Figure of width x height pixels."""
    study = read(path)
    o = study["outcomes"].index(outcome) if isinstance(outcome, str) else outcome
    labels, bottoms, heights, lows, highs = steps(study, o)
    fig, axes = plots.figure(width, height, dpi)
    ax = axes[0][0]
    x = np.arange(len(labels))
    colours = [TOTAL] + [UP if h >= 0 else DOWN for h in heights[1:-1]] + [TOTAL]
    ax.bar(x, heights, bottom=bottoms, color=colours, width=0.6)
    mid = slice(1, len(labels) - 1)
    tops = bottoms[mid] + heights[mid]
    # The interval of a step is around its own size, drawn at the step's end.
    ax.errorbar(x[mid], tops, yerr=[heights[mid] - lows[mid], highs[mid] - heights[mid]], fmt="none",
                ecolor="0.15", capsize=4, label=i18n.t("wf_interval", c=round(100 * study["confidence"])))
    for i in range(len(labels) - 2):  # the connectors: where one step ends the next begins
        level = bottoms[i] + heights[i] if i > 0 else heights[0]
        ax.plot([x[i] + 0.3, x[i + 1] - 0.3], [level, level], color="0.4", linewidth=0.8)
    ax.plot([x[-2] + 0.3, x[-1] - 0.3], [bottoms[-2] + heights[-2]] * 2, color="0.4", linewidth=0.8)
    for i in range(len(labels)):  # each bar says its number: A and B their values, a step its signed size
        end = bottoms[i] + heights[i]
        text = number(heights[i], signed=0 < i < len(labels) - 1)
        total = i in (0, len(labels) - 1)
        # A step's number sits beside its interval's whisker, not on it.
        ax.annotate(text, (x[i], end), xytext=(0 if total else 7, 3 if heights[i] >= 0 or total else -3),
                    textcoords="offset points", ha="center" if total else "left",
                    va="bottom" if heights[i] >= 0 or total else "top", fontsize="small")
    names = ([study["scenario_a"]] + [group_label(g) for g in labels[1:-1]] + [study["scenario_b"]])
    ax.set_xticks(x, names, rotation=20 if len(names) > 6 else 0, ha="right" if len(names) > 6 else "center")
    # Zoom on the steps: an indicator in the billions with changes in the millions shows nothing from zero.
    span = np.concatenate([[heights[0], heights[-1]], bottoms[mid], tops, lows[mid] + bottoms[mid],
                           highs[mid] + bottoms[mid]])
    lo, hi = np.nanmin(span), np.nanmax(span)
    pad = 0.15 * (hi - lo) if hi > lo else max(1e-9, 0.1 * abs(hi))
    if lo > 0 and (hi - lo) < 0.5 * hi:
        ax.set_ylim(lo - pad, hi + pad)
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.set_ylabel(outcome_label(ds, study["outcomes"][o]))
    ax.legend(loc="best")
    share = study["interaction"][o] / study["difference"][o] if study["difference"][o] != 0 else np.nan
    # Effects that cancel make the difference small and the interactions' share of it large; their share
    # of the gross effect says how much the changes depend on each other.
    gross = np.sum(np.abs(study["alone"][o])) + abs(study["interaction"][o])
    gross_share = abs(study["interaction"][o]) / gross if gross > 0 else np.nan
    fig.suptitle(i18n.t("wf_title", a=study["scenario_a"], b=study["scenario_b"],
                        outcome=outcome_label(ds, study["outcomes"][o])), fontsize="large")
    fig.text(0.01, 0.012, i18n.t("wf_caption", n=study["replications"], g=len(study["groups"]),
                                 c=2 ** len(study["groups"]),
                                 share="—" if np.isnan(share) else f"{100 * share:.0f} %",
                                 gross="—" if np.isnan(gross_share) else f"{100 * gross_share:.0f} %"),
             fontsize="small", color="0.3", ha="left", va="bottom")
    return fig
