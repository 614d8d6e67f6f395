#!/usr/bin/python3
"""The README's policy reading from a results file: for each scenario and
county, the probability of passing the teacher part of the quality-balance
assessment in 2022 and in 2025, and of having passed in some year by then,
with the share of schools meeting the school rule; then why the counties
fail in 2025, the recruitment need by subject, and what each scenario costs
against the reference. Prints markdown tables.

Usage: /usr/bin/python3 scripts/policy_reading.py RESULTS.h5
"""
import sys

import numpy as np
import xarray as xr

YEAR = 2025


def pass_table(ds, names):
    last = int(ds.year.values[-1])
    print(f"| scenario | county | P(pass 2022) | P(pass 2025) | P(passed by 2025) | P(passed by {last}) | first year P(pass) >= 0.5 | schools meeting the rule, primary 2025 | junior 2025 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario in ds.scenario.values:
        d = ds.sel(scenario=scenario)
        for region in ds.region.values:
            if region == "ALL":
                continue
            p = d.qb_pass.sel(region=region)
            by2025 = (p.sel(year=slice(None, YEAR)).max("year") > 0).mean("replication")
            by_end = (p.max("year") > 0).mean("replication")
            yearly = p.mean("replication")
            likely = [int(y) for y, v in zip(yearly.year.values, yearly.values) if v >= 0.5]
            ok_p = float(d.qb_schools_ok_share_primary.sel(region=region, year=YEAR).mean())
            ok_j = float(d.qb_schools_ok_share_junior.sel(region=region, year=YEAR).mean())
            print(f"| {scenario} | {names[region]} {region} | {float(p.sel(year=2022).mean()):.2f} | "
                  f"{float(p.sel(year=YEAR).mean()):.2f} | {float(by2025):.2f} | {float(by_end):.2f} | "
                  f"{likely[0] if likely else 'never'} | {ok_p:.2f} | {ok_j:.2f} |")


def why_table(ds, names):
    """Per scenario, the mean over counties of each condition's failure and of the schools below each threshold."""
    print(f"\nWhy the counties fail in {YEAR} (mean over replications, then over the five counties; "
          "CV: difference coefficient over its limit):\n")
    print("| scenario | level | CV qualified | CV backbone | CV PE/music/art | school rule | schools below backbone | below PE/music/art | below qualified |")
    print("|---|---|---|---|---|---|---|---|---|")
    counties = [r for r in ds.region.values if r != "ALL"]
    for scenario in ds.scenario.values:
        d = ds.sel(scenario=scenario, year=YEAR, region=counties).mean("replication")
        for level in ("primary", "junior"):
            cells = [float(d[f"qb_fails_cv_{k}_{level}"].mean()) for k in ("qualified", "backbone", "pe_art")]
            cells.append(float(d[f"qb_fails_school_rule_{level}"].mean()))
            cells += [float(d[f"qb_schools_missing_{k}_{level}"].mean()) for k in ("backbone", "pe_art", "qualified")]
            print(f"| {scenario} | {level} | " + " | ".join(f"{c:.0%}" for c in cells) + " |")


def need_table(path, ds):
    sub = xr.open_dataset(path, group="subjects", engine="netcdf4").assign_coords(
        scenario=ds.scenario.values, year=ds.year.values, region=ds.region.values)
    need = sub.specialist_need.sel(region="ALL", year=YEAR)
    print(f"\nRecruitment need by subject in {YEAR}, whole area (posts not held by a specialist of the subject; "
          "median [5–95 %]):\n")
    subjects = [str(s) for s in sub.subject.values]
    print("| scenario | " + " | ".join(subjects) + " |")
    print("|---|" + "---|" * len(subjects))
    for scenario in ds.scenario.values:
        q = need.sel(scenario=scenario).quantile([0.05, 0.5, 0.95], dim="replication")
        cells = [f"{float(q.sel(quantile=0.5, subject=s)):.0f} [{float(q.sel(quantile=0.05, subject=s)):.0f}–"
                 f"{float(q.sel(quantile=0.95, subject=s)):.0f}]" for s in subjects]
        print(f"| {scenario} | " + " | ".join(cells) + " |")


def cost_table(path, ds):
    cmp = xr.open_dataset(path, group="comparison", engine="netcdf4")  # region is the last dimension: ALL is -1
    ref = cmp.attrs["reference"]
    last = int(ds.year.values[-1])
    print(f"\nCost, whole area, {int(ds.year.values[0])}–{last} (亿元 = 10⁸ yuan; the difference is paired, "
          f"against {ref}, with its 95 % interval from the standard error):\n")
    print("| scenario | cumulative cost, median [5–95 %] | of which county / city / province | difference | rural vacancy-years avoided | yuan per rural vacancy-year avoided |")
    print("|---|---|---|---|---|---|")
    contrasts = list(cmp.contrast_scenario.values)
    for scenario in ds.scenario.values:
        d = ds.sel(scenario=scenario, region="ALL")
        cum = d.cost_total_cumulative.sel(year=last)
        q = cum.quantile([0.05, 0.5, 0.95], dim="replication").values / 1e8
        payers = [float(d[f"cost_{p}"].sum("year").median()) / 1e8 for p in ("county", "city", "province")]
        row = (f"| {scenario} | {q[1]:.2f} [{q[0]:.2f}–{q[2]:.2f}] | "
               + " / ".join(f"{p:.2f}" for p in payers) + " |")
        if scenario in contrasts:
            c = contrasts.index(scenario)
            dm = float(cmp.cost_total_cumulative_mean.isel(contrast=c, region=-1).values[-1]) / 1e8
            se = float(cmp.cost_total_cumulative_se.isel(contrast=c, region=-1).values[-1]) / 1e8
            avoided = -float(cmp.rural_vacancies_mean.isel(contrast=c, region=-1).sum())
            if avoided <= 0:
                per = "not defined (none avoided)"
            elif dm <= 0:
                per = "not defined (fewer vacancies for less money)"
            else:
                per = f"{dm * 1e8 / avoided:,.0f}"
            row += f" {dm:+.2f} ± {1.96 * se:.2f} | {avoided:.1f} | {per} |"
        else:
            row += " reference | | |"
        print(row)


def main(path):
    ds = xr.open_dataset(path, engine="netcdf4")
    names = dict(zip(ds.region.values, ds.region_name_zh.values))
    reps = ds.sizes["replication"]
    print(f"{reps} replications, seed {ds.attrs['base_seed']}, {ds.attrs['teachsim_version']}\n")
    pass_table(ds, names)
    why_table(ds, names)
    need_table(path, ds)
    cost_table(path, ds)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
