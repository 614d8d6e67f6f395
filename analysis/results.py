"""Opening a teachsim results file with xarray, checking its format, and small helpers on it.

Everything goes through `xarray.open_dataset`, as an analyst would do it in a notebook; the
contract is docs/results-file.md (format `teachsim-results`, version 1).
"""
import difflib
import importlib.util
import os

import numpy as np
import xarray as xr

from . import i18n

FORMAT = "teachsim-results"
KNOWN_VERSIONS = (1,)
DIMS = ("scenario", "replication", "year", "region")
# Texts beside a dimension, one per entry (docs/results-file.md, "Coordinates"). Files written since
# the labels are named in each variable's CF `coordinates` attribute open with them as coordinates;
# older version-1 files have them as data variables, and open_results makes them coordinates too.
LABELS = ("region_name_zh", "scenario_yaml")
GROUP_LABELS = {"comparison": ("contrast_scenario",), "targets": ("definition",), "subjects": ("subject_name_zh",),
                "schools": ("school_name", "school_region", "school_level", "school_locality", "school_pupils_start",
                            "school_scored")}
BANDS = (0.05, 0.25, 0.5, 0.75, 0.95)


def strings(values):
    """An HDF5 string dataset's values (or one attribute's value) as Python str: h5py gives bytes for
    variable-length UTF-8 in some versions and str in others."""
    if isinstance(values, (bytes, str)):
        return values.decode() if isinstance(values, bytes) else values
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


class ResultsError(Exception):
    """The file cannot be used at all (missing, unreadable, unknown format): exit status 2."""
    exit_code = 2


class MissingData(ResultsError):
    """The file is fine but lacks what was asked for (an indicator, region, scenario): exit status 1."""
    exit_code = 1


def engine():
    """netcdf4 when installed (Debian python3-netcdf4), else h5netcdf."""
    for name, module in (("netcdf4", "netCDF4"), ("h5netcdf", "h5netcdf")):
        if importlib.util.find_spec(module):
            return name
    raise ResultsError("neither netCDF4 nor h5netcdf is installed (apt-get install python3-netcdf4)")


def open_results(path):
    """Open a results file as an xarray Dataset, refusing formats this toolkit does not know."""
    if os.path.isdir(path):
        raise ResultsError(f"{path}: a folder, not a results file")
    if os.path.exists(path) and not os.path.isfile(path):
        # A FIFO would block the open for ever; a device need not end.
        raise ResultsError(f"{path}: not a regular file (a FIFO, device or socket), not a results file")
    if not os.path.isfile(path):
        raise ResultsError(f"{path}: no such file")
    try:
        ds = xr.open_dataset(path, engine=engine())
    except Exception as e:  # netCDF4 raises OSError, ValueError, KeyError... on foreign files
        raise ResultsError(f"{path}: cannot be read as a results file ({e})") from e
    try:
        check_format(ds, path)
    except ResultsError:
        ds.close()
        raise
    ds = ds.set_coords([n for n in LABELS if n in ds.data_vars])
    return with_pyramid(ds)


# The nine rural_teachers_age_LO_HI counts the model writes, one per five-year band.
PYRAMID_BANDS = [(lo, lo + 4) for lo in range(20, 65, 5)]


def with_pyramid(ds):
    """Add rural_age_pyramid (scenario, replication, year, region, age_band), stacked from the nine
    band counts, when the file has them all and not the stacked variable itself."""
    names = [f"rural_teachers_age_{lo}_{hi}" for lo, hi in PYRAMID_BANDS]
    if "rural_age_pyramid" in ds or not all(n in ds.data_vars for n in names):
        return ds
    labels = [f"{lo}-{hi}" for lo, hi in PYRAMID_BANDS]
    pyramid = xr.concat([ds[n] for n in names], dim=xr.DataArray(labels, dims="age_band", name="age_band"))
    pyramid = pyramid.transpose(*[d for d in ds[names[0]].dims], "age_band")
    pyramid.attrs = {"long_name": "Rural teachers by age band", "units": "teachers"}
    if ds[names[0]].attrs.get("long_name_zh"):  # Chinese only when the file has it for the bands
        pyramid.attrs.update(long_name_zh="乡村学校教师（按年龄段）", units_zh=ds[names[0]].attrs.get("units_zh", "人"))
    return ds.assign(rural_age_pyramid=pyramid)


def check_format(ds, path="results file"):
    fmt, version = ds.attrs.get("format"), ds.attrs.get("format_version")
    if fmt != FORMAT:
        raise ResultsError(f"{path}: not a teachsim results file (root attribute format={fmt!r}, expected {FORMAT!r})")
    # An integer attribute, as teachsim summary requires: "1" (a text) or 1.0 (a real) is another
    # writer's file, not one of ours.
    known = (isinstance(version, (int, np.integer)) and not isinstance(version, (bool, np.bool_))
             and int(version) in KNOWN_VERSIONS)
    if not known:
        raise ResultsError(
            f"{path}: unknown format_version {version!r}: this analysis toolkit reads format_version "
            f"{', '.join(map(str, KNOWN_VERSIONS))} (an integer) only; use the analysis/ folder of the teachsim that "
            "wrote the file")
    # Every (scenario, replication, ...) variable has the dimensions in that order: one of another
    # shape is a damaged or edited file, refused here rather than a traceback in a plot.
    for name, v in ds.data_vars.items():
        if (v.ndim >= 2 or "replication" in v.dims) and tuple(v.dims[:len(DIMS)]) != DIMS:
            raise ResultsError(f"{path}: a damaged results file: variable {name} has dimensions "
                               f"{', '.join(v.dims)}, expected {', '.join(DIMS)} first")


def open_group(path, ds, name):
    """The group `name` of the file as a Dataset (root coordinates filled in), or None when absent."""
    try:
        g = xr.open_dataset(path, engine=engine(), group=name)
    except (OSError, KeyError, ValueError):
        return None
    g = g.set_coords([n for n in GROUP_LABELS.get(name, ()) if n in g.data_vars])
    # netCDF-4 lets a group use its parent's dimensions, but xarray only loads the group's own
    # coordinate variables; take the rest from the root, with the labels beside them
    # (region_name_zh for the region dimension of comparison/).
    extra = {d: ds[d].variable for d in g.dims if d not in g.coords and d in ds.coords and ds.sizes[d] == g.sizes[d]}
    for label, c in ds.coords.items():
        if label not in ds.dims and label not in g.variables and c.dims and all(d in extra for d in c.dims):
            extra[label] = c.variable
    return g.assign_coords(extra)


def open_comparison(path, ds):
    """The `comparison/` group (paired differences, written by `teachsim run` with 2+ scenarios) or None."""
    return open_group(path, ds, "comparison")


def open_targets(path, ds):
    """The `targets/` group (scenario targets and their probabilities) or None."""
    return open_group(path, ds, "targets")


def indicators(ds):
    """Names of the (scenario, replication, year, region) variables, in file order."""
    return [n for n, v in ds.data_vars.items() if v.dims == DIMS]


def metric(ds, name):
    if name not in ds.data_vars:
        near = difflib.get_close_matches(name, indicators(ds), n=1)
        hint = f" (did you mean {near[0]}?)" if near else ""
        raise MissingData(f"this file has no indicator {name!r}; it has: {', '.join(indicators(ds))}{hint}")
    return ds[name]


def region_code(ds, name):
    """The code of the region named `name`: its code (xiangtan_county, ALL) or its Chinese name (湘潭县, 全部)."""
    codes = [str(r) for r in ds.region.values]
    names = [str(z) for z in ds.region_name_zh.values] if "region_name_zh" in ds else [""] * len(codes)
    if name in codes:
        return name
    if name and name in names:
        return codes[names.index(name)]
    both = [f"{c} ({z})" if z and z != c else c for c, z in zip(codes, names)]
    raise MissingData(f"this file has no region {name!r}; it has: {', '.join(both)} "
                      "(a region is named by its code or its Chinese name)")


def check_labels(ds, dim, values):
    have = [str(v) for v in ds[dim].values]
    for v in values:
        if v not in have:
            raise MissingData(f"this file has no {dim} {v!r}; it has: {', '.join(have)}")
    return list(values)


def scenarios(ds, wanted=None):
    return check_labels(ds, "scenario", wanted) if wanted else [str(s) for s in ds.scenario.values]


def counties(ds):
    return [str(r) for r in ds.region.values if r != "ALL"]


def region_label(ds, code):
    """'湘潭县 xiangtan_county' when the file has Chinese names, else the code; in Chinese only '湘潭县'."""
    if "region_name_zh" in ds and code in ds.region.values:
        zh = str(ds.region_name_zh.sel(region=code).values)
        if zh and zh != code:
            return zh if i18n.zh() else f"{zh} {code}"
    return code


def axis_label(da):
    name, units = i18n.long_name(da), i18n.units(da)
    if not units:
        return name
    return f"{name}（{units}）" if i18n.zh() else f"{name} ({units})"


def bands(da, dim="replication"):
    """Quantiles 5, 25, 50, 75, 95 % over `dim` (a new leading `quantile` dimension)."""
    return da.quantile(list(BANDS), dim=dim)


def seed(ds):
    return ds.attrs.get("base_seed", "?")


def caption(ds, scenario_names=None):
    """'Scenario: baseline · 20 replications · base seed 42 · teachsim 1.0 · 2025-…Z', from the file."""
    names = scenario_names or scenarios(ds)
    reps = ds.attrs.get("replications", ds.sizes.get("replication"))
    sep = "、" if i18n.zh() else ", "
    parts = [f"{i18n.t('scenarios' if len(names) > 1 else 'scenario')}{'：' if i18n.zh() else ': '}{sep.join(names)}",
             i18n.t("replications", n=reps), i18n.t("base_seed", s=seed(ds)),
             f"teachsim {ds.attrs.get('teachsim_version', '?')}"]
    if ds.attrs.get("created_utc"):
        parts.append(i18n.t("run_at", t=ds.attrs["created_utc"]))
    return "  ·  ".join(parts)


def table_years(ds, wanted=(2025, 2035)):
    """The years of `wanted` that the file has; the first and last year when it has none."""
    years = [int(y) for y in ds.year.values]
    have = [y for y in wanted if y in years]
    return have or sorted({years[0], years[-1]})


def is_probability(da):
    return "probab" in str(da.name).lower() or "probab" in da.attrs.get("long_name", "").lower()

