"""Fan chart of one indicator from a teachsim results file, with nothing but xarray and matplotlib.

    /usr/bin/python3 analysis/examples/fan_chart.py results.h5 fan.png [indicator] [region]

The same lines work in a notebook (drop the sys.argv part).
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import xarray as xr  # noqa: E402

path, out = sys.argv[1], sys.argv[2]
metric = sys.argv[3] if len(sys.argv) > 3 else "rural_vacancies"
region = sys.argv[4] if len(sys.argv) > 4 else "ALL"

ds = xr.open_dataset(path, engine="netcdf4")  # labelled dims: scenario, replication, year, region
assert ds.attrs["format"] == "teachsim-results" and int(ds.attrs["format_version"]) == 1

da = ds[metric].sel(region=region)
q = da.quantile([0.05, 0.25, 0.5, 0.75, 0.95], dim="replication")  # over the Monte Carlo replications

fig, ax = plt.subplots(figsize=(10, 6), dpi=100)
for scenario in ds.scenario.values:
    qs = q.sel(scenario=scenario)
    line, = ax.plot(ds.year, qs.sel(quantile=0.5), lw=2, label=f"{scenario} (median)")
    ax.fill_between(ds.year, qs.sel(quantile=0.05), qs.sel(quantile=0.95), color=line.get_color(), alpha=0.15)
    ax.fill_between(ds.year, qs.sel(quantile=0.25), qs.sel(quantile=0.75), color=line.get_color(), alpha=0.35)
ax.set_title(f"{da.attrs['long_name']}, {region}: median, 50 % and 90 % bands")
ax.set_xlabel("Year")
ax.set_ylabel(f"{da.attrs['long_name']} ({da.attrs['units']})")
ax.legend()
fig.text(0.01, 0.01, f"{ds.attrs['replications']} replications, base seed {ds.attrs['base_seed']}", fontsize=8)
fig.savefig(out)
print(out)
