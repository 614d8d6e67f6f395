#!/usr/bin/python3
"""The README's policy reading from a results file: for each scenario and
county, the probability of passing the teacher part of the quality-balance
assessment in 2022 and in 2025, and of having passed in some year by then,
with the share of schools meeting the school rule. Prints a markdown table.

Usage: /usr/bin/python3 scripts/policy_reading.py RESULTS.h5
"""
import sys

import numpy as np
import xarray as xr


def main(path):
    ds = xr.open_dataset(path, engine="netcdf4")
    names = dict(zip(ds.region.values, ds.region_name_zh.values))
    reps = ds.sizes["replication"]
    print(f"{reps} replications, seed {ds.attrs['base_seed']}, {ds.attrs['teachsim_version']}\n")
    print("| scenario | county | P(pass 2022) | P(pass 2025) | P(passed by 2025) | schools meeting the rule, primary 2025 | junior 2025 |")
    print("|---|---|---|---|---|---|---|")
    for scenario in ds.scenario.values:
        d = ds.sel(scenario=scenario)
        for region in ds.region.values:
            if region == "ALL":
                continue
            p = d.qb_pass.sel(region=region)
            by2025 = (p.sel(year=slice(None, 2025)).max("year") > 0).mean("replication")
            ok_p = float(d.qb_schools_ok_share_primary.sel(region=region, year=2025).mean())
            ok_j = float(d.qb_schools_ok_share_junior.sel(region=region, year=2025).mean())
            print(f"| {scenario} | {names[region]} {region} | {float(p.sel(year=2022).mean()):.2f} | "
                  f"{float(p.sel(year=2025).mean()):.2f} | {float(by2025):.2f} | {ok_p:.2f} | {ok_j:.2f} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
