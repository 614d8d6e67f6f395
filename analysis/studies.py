"""The report sections of the studies a results file may hold beside its run: the attribution of a
difference (attribution/, teachsim attribute -o: a table and a waterfall per outcome), the
sensitivity study (sensitivity/, teachsim sensitivity -o: a tornado chart per outcome) and the lever
search (optimise/, teachsim optimise -o: the answer, a table and a chart of every mix). Each function
returns (list of HTML fragments, list of notes) and nothing when the file has no such group, so a
plain run's report is unchanged. `image(title, fig)` turns a figure into an <img> fragment.
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


def attribution_section(path, ds, image):
    if not _has(path, "attribution"):
        return [], []
    study = A.read(path)
    t = i18n.t
    c = round(100 * study["confidence"])
    out = [f"<h2>{esc(t('h_attribution'))}</h2>",
           f"<p class=small>{esc(t('attribution_intro', a=study['scenario_a'], b=study['scenario_b']))}</p>"]
    notes = []
    for o, outcome in enumerate(study["outcomes"]):
        label = A.outcome_label(ds, outcome)
        out.append(f"<h3>{esc(label)}</h3>")
        order = sorted(range(len(study["groups"])), key=lambda g: -abs(study["shapley"][o][g]))
        rows = [[A.group_label(study["groups"][g]), study["group_keys"][g].replace(",", ", "),
                 f"{A.number(study['shapley'][o][g])} [{A.number(study['shapley_lo'][o][g])}, "
                 f"{A.number(study['shapley_hi'][o][g])}]", A.number(study["alone"][o][g])] for g in order]
        rows.append([t("difference_row", c=c), "",
                     f"{A.number(study['difference'][o])} [{A.number(study['difference_lo'][o])}, "
                     f"{A.number(study['difference_hi'][o])}]", ""])
        rows.append([t("interaction_row"), "", A.number(study["interaction"][o]), ""])
        out.append(table([t("group"), t("keys"), t("shapley", c=c), t("alone")], rows, left=2))
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
    div, unit = O.unit(study)
    intro = t("optimise_intro", n=len(study["search"]["outcome"]), grid=study["grid"], method=t(study["method"]),
              outcome=outcome, targets=", ".join(study["targets"]), p=study["probability"])
    out = [f"<h2>{esc(t('h_optimise'))}</h2>", f"<p class=small>{esc(intro)}</p>"]
    if study["found"]:
        a, k = O.answer_set(study), study["answer"]
        value = A.number(a["outcome"][k] / div) + (f" {unit}" if unit else "")
        said = t("optimise_found", mix=O.mix_text(study, a["values"][k]), outcome=outcome, v=value)
    else:
        w = study["search"]["worst_probability"][study["best"]]
        said = t("optimise_out_of_reach", p=study["probability"], w=w) + (" " + t("optimise_all_zero") if w == 0 else "")
    out.append(f"<p>{esc(said)}</p>")
    head = [t("opt_col_role"), t("opt_col_mix"), t("opt_col_outcome") + (f" ({unit})" if unit else ""),
            t("opt_col_worst"), t("opt_col_verdict"), t("opt_col_reps")]
    out.append(table(head, O.rows(study), left=2))
    out.append(image(t("opt_title", outcome=outcome), O.chart(path, ds=ds)))
    return out, []
