"""Command line: python3 -m analysis <command> results.h5 [options]."""
import argparse
import sys

from . import i18n
from . import results as R

EPILOG = """exit status: 0 done; 1 the file lacks what was asked for (indicator, region, qb_pass...);
2 bad usage, or the file is missing, unreadable or of an unknown format_version."""


def _size(p, width, height):
    p.add_argument("-o", "--output", required=True, help="PNG file to write")
    p.add_argument("--width", type=int, default=width, help=f"width in pixels (default {width})")
    p.add_argument("--height", type=int, default=height, help=f"height in pixels (default {height})")
    p.add_argument("--dpi", type=int, default=100, help="dots per inch: text size relative to pixels (default 100)")


def parser():
    ap = argparse.ArgumentParser(
        prog="python3 -m analysis", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Charts and a report from a teachsim results file (format teachsim-results, version 1).")
    sub = ap.add_subparsers(dest="command", required=True, metavar="command")

    def cmd(name, help, **kw):
        p = sub.add_parser(name, help=help, description=help.replace("%%", "%"), epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter, **kw)
        p.add_argument("file", help="results file (.h5) written by teachsim run")
        p.add_argument("--lang", choices=i18n.LANGS,
                       help="language of titles, labels, tables and notes (default from the locale: "
                            "LC_ALL, LC_MESSAGES or LANG starting with zh gives zh, else en)")
        return p

    cmd("info", "List the scenarios, regions, years and indicators of a results file.")

    p = cmd("plot", "Fan chart: median, 50 %% and 90 %% bands over replications, one colour per scenario.")
    p.add_argument("--metric", required=True, help="indicator, e.g. rural_vacancies (see `info`)")
    p.add_argument("--region", default="ALL", help="region code or Chinese name, e.g. xiangtan_county or 湘潭县 (default ALL)")
    p.add_argument("--scenario", action="append", help="scenario to draw (repeatable; default all)")
    _size(p, 1200, 750)

    p = cmd("multiples", "Small multiples: one fan chart of an indicator per region.")
    p.add_argument("--metric", required=True)
    p.add_argument("--scenario", action="append", help="scenario to draw (repeatable; default all)")
    _size(p, 1500, 1000)

    p = cmd("diff", "Paired scenario differences with bands (comparison/ group if present, "
                    "else scenario minus base, paired by replication).")
    p.add_argument("--metric", required=True)
    p.add_argument("--region", default="ALL", help="region code or Chinese name (default ALL)")
    p.add_argument("--base", help="scenario subtracted (default: the first); forces computing from replications")
    p.add_argument("--scenario", action="append", help="scenario compared to the base (repeatable; default all others)")
    _size(p, 1200, 750)

    p = cmd("qb", "County x year heat map of the probability of passing the quality-balance assessment.")
    p.add_argument("--scenario", help="scenario (default: the first)")
    p.add_argument("--level", choices=("primary", "junior"), help="use qb_pass_primary or qb_pass_junior")
    _size(p, 1200, 600)

    p = cmd("pyramid", "Age pyramid of rural teachers at the start and end year.")
    p.add_argument("--scenario", help="scenario (default: the first)")
    p.add_argument("--region", default="ALL", help="region code or Chinese name (default ALL)")
    _size(p, 1000, 750)

    p = cmd("report", "Self-contained HTML report (charts embedded) of the key results.")
    p.add_argument("-o", "--output", required=True,
                   help="folder to write <file>-report.html (…-report-zh.html in Chinese) into")
    p.add_argument("--schools-year", type=int, help="year of the table of schools that most often fail "
                                                     "(default: the last year)")
    p.add_argument("--interactive", action="store_true",
                   help="also write the planners' interactive page, DIR/index.html (one self-contained file)")
    return ap


def info(ds):
    print(R.caption(ds))
    print("scenarios:", ", ".join(R.scenarios(ds)))
    print("years:", int(ds.year.min()), "-", int(ds.year.max()))
    print("regions:", ", ".join(R.region_label(ds, str(r)) for r in ds.region.values))
    for n, v in ds.data_vars.items():
        if v.dims[:1] == ("scenario",) and "replication" in v.dims:
            print(f"  {n:28s} [{i18n.units(v)}] {i18n.long_name(v)}")


def run(a):
    import matplotlib
    matplotlib.use("Agg")  # files only, no window (a notebook keeps its own backend)
    i18n.set_lang(a.lang)
    if a.command == "report":
        from . import report
        out, notes = report.write(a.file, a.output, schools_year=a.schools_year)
        for n in notes:
            print("note:", n, file=sys.stderr)
        print(out)
        if a.interactive:
            from . import page
            out, size = page.write(a.file, a.output, getattr(a, "lang", None))
            print(f"note: interactive page {size / 1e6:.2f} MB", file=sys.stderr)
            print(out)
        return 0
    ds = R.open_results(a.file)
    if a.command == "info":
        info(ds)
        return 0
    from . import plots
    if getattr(a, "region", None) is not None:
        a.region = R.region_code(ds, a.region)  # 湘潭县 as well as xiangtan_county
    size = dict(width=a.width, height=a.height, dpi=a.dpi)
    if a.command == "plot":
        fig = plots.fan_chart(ds, a.metric, a.region, a.scenario, **size)
    elif a.command == "multiples":
        fig = plots.small_multiples(ds, a.metric, a.scenario, **size)
    elif a.command == "diff":
        comp = None if a.base or a.scenario else R.open_comparison(a.file, ds)
        fig = plots.differences(ds, a.metric, a.region, a.base, a.scenario, comp, **size)
    elif a.command == "qb":
        fig = plots.qb_heatmap(ds, a.scenario, a.level, **size)
    else:
        fig = plots.age_pyramid(ds, a.scenario, a.region, **size)
    print(plots.save(fig, a.output, a.dpi))
    return 0


def main(argv=None):
    a = parser().parse_args(argv)
    try:
        return run(a)
    except R.ResultsError as e:
        print(f"analysis: error: {e}", file=sys.stderr)
        return e.exit_code
    except (OSError, RuntimeError, ValueError, IndexError) as e:
        # Values are read lazily, while the report is made: damaged chunk data (netCDF: "HDF
        # error") surfaces here, far from open_results. One message and exit 2, as for a file
        # refused at open, instead of a traceback.
        print(f"analysis: error: {getattr(a, 'file', None) or 'the results file'}: cannot be read: "
              f"{type(e).__name__}: {e} (a damaged file? write it again)", file=sys.stderr)
        return 2
