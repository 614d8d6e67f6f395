"""The report sections of the studies a results file may hold beside its run: the attribution of a
difference (attribution/, teachsim attribute -o: a table and a waterfall per outcome), the
sensitivity study (sensitivity/, teachsim sensitivity -o: a tornado chart per outcome) and the lever
search (optimise/, teachsim optimise -o: the answer, a table and a chart of every mix). Each section
function returns (list of HTML fragments, list of notes) and nothing when the file has no such group,
so a plain run's report is unchanged. `image(title, fig)` turns a figure into an <img> fragment.
page_tables gives the same studies as tables for the interactive page.
"""
import h5py

from . import attribution as A
from . import i18n
from . import optimise as O
from . import sensitivity as S
from .sections import esc, table


def _has(path, group):
    with h5py.File(path, "r") as f:
        return group in f


def _attribution_table(study, o):
    """Outcome o's groups, largest Shapley value first, then the difference and the interactions."""
    t = i18n.t
    c = round(100 * study["confidence"])
    order = sorted(range(len(study["groups"])), key=lambda g: -abs(study["shapley"][o][g]))
    keys = study["group_keys_zh"] if i18n.zh() else study["group_keys"]  # teachsim writes "a, b"
    rows = [[A.group_label(study["groups"][g]), keys[g],
             f"{A.number(study['shapley'][o][g])} [{A.number(study['shapley_lo'][o][g])}, "
             f"{A.number(study['shapley_hi'][o][g])}]", A.number(study["alone"][o][g])] for g in order]
    rows.append([t("difference_row", c=c), "",
                 f"{A.number(study['difference'][o])} [{A.number(study['difference_lo'][o])}, "
                 f"{A.number(study['difference_hi'][o])}]", ""])
    rows.append([t("interaction_row"), "", A.number(study["interaction"][o]), ""])
    return [t("group"), t("keys"), t("shapley", c=c), t("alone")], rows


def _sensitivity_table(study, o, ds, top=10):
    """Outcome o's inputs, most important first (at most `top`): rank, input, importance, interval."""
    t = i18n.t
    _, order = S.ranking(study, o)
    names = S.input_names(study, ds)
    stat = "mu_star" if study["method"] == "morris" else "total"
    rows = [[str(r + 1), f"{names[i]} ({study['distributions'][i]})", A.number(study[stat][o][i]),
             f"[{A.number(study[stat + '_lo'][o][i])}, {A.number(study[stat + '_hi'][o][i])}]"]
            for r, i in enumerate(order[:top])]
    return [t("sens_col_rank"), t("sens_col_input"), t("sens_col_mu_star" if stat == "mu_star" else "sens_col_total"),
            t("sens_col_interval")], rows


def _optimise_said(study, outcome):
    """The search's answer in a sentence, or that the targets are out of reach."""
    t = i18n.t
    div, unit = O.unit(study)
    if study["found"]:
        a, k = O.answer_set(study), study["answer"]
        value = A.number(a["outcome"][k] / div) + (f" {unit}" if unit else "")
        return t("optimise_found", mix=O.mix_text(study, a["values"][k]), outcome=outcome, v=value)
    w = study["search"]["worst_probability"][study["best"]]
    return t("optimise_out_of_reach", p=study["probability"], w=w) + (" " + t("optimise_all_zero") if w == 0 else "")


def _optimise_intro(study, outcome):
    return i18n.t("optimise_intro", n=len(study["search"]["outcome"]), grid=study["grid"],
                  method=i18n.t(study["method"]), outcome=outcome, targets=", ".join(study["targets"]),
                  p=study["probability"])


def _optimise_head(study):
    t = i18n.t
    _, unit = O.unit(study)
    return [t("opt_col_role"), t("opt_col_mix"), t("opt_col_outcome") + (f" ({unit})" if unit else ""),
            t("opt_col_worst"), t("opt_col_verdict"), t("opt_col_reps")]


def page_tables(path, ds):
    """The studies of the file as tables for the interactive page, in both languages (the page switches
    between them): {"en": [...], "zh": [...]}, each a list of {"title", "intro", "head", "rows", "left"}
    (rows of text), empty for a plain run. Each group is read once."""
    with h5py.File(path, "r") as f:
        groups = set(f)
    attribution = A.read(path) if "attribution" in groups else None
    sensitivity = S.read(path) if "sensitivity" in groups else None
    search = O.read(path) if "optimise" in groups else None
    was = i18n.lang()
    try:
        out = {}
        for lang in ("en", "zh"):
            i18n.set_lang(lang)
            out[lang] = _tables(ds, attribution, sensitivity, search)
        return out
    finally:
        i18n.set_lang(was)


def _tables(ds, attribution, sensitivity, search):
    """page_tables in the current language, from the studies read."""
    t = i18n.t
    out = []
    if attribution is not None:
        intro = t("attribution_intro", a=attribution["scenario_a"], b=attribution["scenario_b"])
        colon = "：" if i18n.zh() else ": "
        for o, outcome in enumerate(attribution["outcomes"]):
            head, rows = _attribution_table(attribution, o)
            out.append({"title": t("h_attribution") + colon + A.outcome_label(ds, outcome), "intro": intro,
                        "head": head, "rows": rows, "left": 2})
    if sensitivity is not None:
        method = t(sensitivity["method"])
        intro = t("sensitivity_intro", method=method, k=len(sensitivity["inputs"]))
        for o, outcome in enumerate(sensitivity["outcomes"]):
            head, rows = _sensitivity_table(sensitivity, o, ds)
            out.append({"title": t("tornado_title", outcome=A.outcome_label(ds, outcome), method=method),
                        "intro": intro, "head": head, "rows": rows, "left": 2})
    if search is not None:
        outcome = A.outcome_label(ds, search["minimise"])
        intro = _optimise_intro(search, outcome) + " " + _optimise_said(search, outcome)
        out.append({"title": t("h_optimise"), "intro": intro, "head": _optimise_head(search), "rows": O.rows(search),
                    "left": 2})
    return out


def attribution_section(path, ds, image):
    if not _has(path, "attribution"):
        return [], []
    study = A.read(path)
    t = i18n.t
    out = [f"<h2>{esc(t('h_attribution'))}</h2>",
           f"<p class=small>{esc(t('attribution_intro', a=study['scenario_a'], b=study['scenario_b']))}</p>"]
    notes = []
    for o, outcome in enumerate(study["outcomes"]):
        label = A.outcome_label(ds, outcome)
        out.append(f"<h3>{esc(label)}</h3>")
        head, rows = _attribution_table(study, o)
        out.append(table(head, rows, left=2))
        out.append(image(t("wf_title", a=study["scenario_a"], b=study["scenario_b"], outcome=label),
                         A.waterfall(path, o, ds=ds)))
    return out, notes


def sensitivity_section(path, ds, image):
    if not _has(path, "sensitivity"):
        return [], []
    study = S.read(path)
    t = i18n.t
    out = [f"<h2>{esc(t('h_sensitivity'))}</h2>",
           f"<p class=small>{esc(t('sensitivity_intro', method=t(study['method']), k=len(study['inputs'])))}</p>"]
    for o, outcome in enumerate(study["outcomes"]):
        label = A.outcome_label(ds, outcome)
        out.append(image(t("tornado_title", outcome=label, method=t(study["method"])), S.tornado(path, o, ds=ds)))
    return out, []


def optimise_section(path, ds, image):
    if not _has(path, "optimise"):
        return [], []
    study = O.read(path)
    t = i18n.t
    outcome = A.outcome_label(ds, study["minimise"])
    out = [f"<h2>{esc(t('h_optimise'))}</h2>", f"<p class=small>{esc(_optimise_intro(study, outcome))}</p>",
           f"<p>{esc(_optimise_said(study, outcome))}</p>", table(_optimise_head(study), O.rows(study), left=2),
           image(t("opt_title", outcome=outcome), O.chart(path, ds=ds))]
    return out, []
