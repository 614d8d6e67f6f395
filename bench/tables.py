"""Assemble bench/run.sh's measurements into markdown for docs/performance.md.

Reads the work folder bench/run.sh fills (rows.md from build-bench/bench, the
callgrind annotations, the end-to-end runs), prints the tables, and with
--into replaces what lies between the bench markers of that file.
"""
import argparse
import re
import sys
from pathlib import Path

BEGIN = "<!-- bench/run.sh: begin (generated, do not edit by hand) -->"
END = "<!-- bench/run.sh: end -->"

# pipeline order (the step table of sim/model/year.c), the function that owns each step
STEPS = [
    ("draws (one Philox block per teacher)", "ts_draws_step"),
    ("1. enrolment", "ts_enrolment_step"),
    ("2. staffing", "ts_staffing_step"),
    ("3. retirement", "ts_retirement_step"),
    ("4. leaving", "ts_leaving_step"),
    ("5. targeted intake", "ts_intake_step"),
    ("6. county posting", "ts_posting_step"),
    ("7. rotation", "ts_rotation_step"),
    ("8. recruitment", "ts_recruitment_step"),
    ("9. careers", "ts_careers_step"),
    ("compaction of leavers", "ts_teachers_compact"),
    ("10. recording (tally, quality-balance scoring)", "ts_indicators_record"),
]
TOTAL = "ts_simulation_replication"
LINE = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S+):([A-Za-z_][\w.]*)")


def inclusive_costs(path):
    """Inclusive instructions per function: callgrind_annotate lists a
    function once per source file its code came from (inlined headers), so
    the function's own total is the largest of its entries."""
    cost = {}
    for line in path.read_text().splitlines():
        m = LINE.match(line)
        if m:
            n = int(m.group(1).replace(",", ""))
            fn = m.group(3)
            cost[fn] = max(cost.get(fn, 0), n)
    return cost


def rows(path):
    """The data rows of a markdown table (not its header or rule)."""
    out = []
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 11 and cells[0] != "population" and not cells[0].startswith("---"):
            out.append(cells)
    return out


def verdict(ok, by):
    return "met" if ok else f"missed by {by:.1f}x"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--machine", required=True)
    ap.add_argument("--commit", required=True)
    ap.add_argument("--date", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--into", type=Path)
    a = ap.parse_args()
    w = a.work
    md = [BEGIN, "", f"## Measured by `bash bench/run.sh` ({a.date}, commit {a.commit})", ""]
    md += [f"Machine: {a.machine}; no other load intended. "
           + ("**Quick run (`--quick`): few replications, figures are rough.** " if a.quick else "")
           + "Teacher-years are each year's teachers summed over years and replications.", ""]
    md += [(w / "sizes.txt").read_text().strip(), ""]

    md += ["### Throughput, parallel efficiency, floor", ""]
    md += [(w / "rows.md").read_text().strip(), ""]
    md += ["Parallel efficiency is the 2-thread rate over twice the 1-thread rate. The floor is "
           "the irreducible loop (bench/bench.c, `floor_rate`) on the same population; cost / floor "
           "is the floor's rate over the model's, both on 1 thread. The projection for 1,000 "
           "replications scales the 2-thread time linearly. Peak RSS is the whole process's "
           "(the floor's copy of the population included).", ""]

    if (w / "one.md").exists():
        md += ["### One replication on two cores (region shards)", "",
               "`build-bench/bench --one-replication`: one replication on 1 thread, then on 2 threads as 2 "
               "region shards (best of 3; 1 try for the China size). Wall clock, and the threads' own CPU "
               "clocks (the busier shard of each year plus the serial ALL), which other programs on the "
               "cores do not inflate.", ""]
        md += [(w / "one.md").read_text().strip(), ""]

    md += ["### Cost split by pipeline step", "",
           "callgrind, `build-bench/bench --profile` (the model alone, one thread), inclusive "
           "instructions of each step's function as a share of the replication's.", ""]
    cols = []
    for pop, label in (("xiangtan", "Xiangtan"), ("hunan", "Hunan-size")):
        for model in ("core", "full"):
            f = w / f"cg.{pop}.{model}.txt"
            if f.exists():
                ty = re.search(r"([\d.e+]+) teacher-years", (w / f"cg.{pop}.{model}.out").read_text())
                cols.append((f"{label}, {'core flows' if model == 'core' else 'full model'}",
                             inclusive_costs(f), float(ty.group(1)) if ty else float("nan")))
    md += ["| step | " + " | ".join(c[0] for c in cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for label, fn in STEPS:
        cells = []
        for _, cost, _ in cols:
            total = cost.get(TOTAL, 0)
            cells.append(f"{100.0 * cost.get(fn, 0) / total:.1f} %" if total else "-")
        md.append(f"| {label} | " + " | ".join(cells) + " |")
    md.append("| instructions per teacher-year | " + " | ".join(
        f"{c[1].get(TOTAL, 0) / c[2]:.0f}" for c in cols) + " |")
    md.append("")

    runs = [l.split() for l in (w / "runs.txt").read_text().splitlines() if l.strip()]
    md += ["### `teachsim run` end to end", "",
           "The default scenario (Xiangtan baseline, full model, 2021-2035), 2 threads, "
           "`/usr/bin/time`: simulation, statistics and writing the results file.", "",
           "| replications | wall s | peak RSS, MiB | results file, MB | file bytes per replication |",
           "|---|---|---|---|---|"]
    for r, sec, kib, size in runs:
        md.append(f"| {r} | {float(sec):.1f} | {int(kib) / 1024:.0f} | {int(size) / 1e6:.1f} | "
                  f"{int(size) / int(r):.0f} |")
    md.append("")

    # the performance targets of issue 16, judged from the rows above (they
    # replace the earlier 2x / 4x and 180 s)
    table = {(r[0].split(" (")[0].split()[0], r[1]): r for r in rows(w / "rows.md")}
    md += ["### Against the performance targets", "", "| target | measured | verdict |", "|---|---|---|"]
    for (pop, model), r in sorted(table.items()):
        ratio = float(r[11].rstrip("x"))
        limit = 3.0 if model == "core flows" else 6.0
        md.append(f"| {pop} {model}: cost within {limit:.0f}x the floor | {ratio:.1f}x | "
                  f"{verdict(ratio <= limit, ratio / limit)} |")
    for (pop, model), r in sorted(table.items()):
        eff = float(r[9].rstrip(" %"))
        md.append(f"| {pop} {model}: parallel efficiency >= 90 % on 2 threads | {eff:.0f} % | "
                  f"{verdict(eff >= 90, 90 / eff)} |")
    for model in ("core flows", "full model"):
        r = table.get(("Hunan-size", model))
        if r:
            s = float(r[12])
            md.append(f"| Hunan-size {model}: 1,000 replications 2021-2035 under 240 s | {s:.0f} s (projected) | "
                      f"{verdict(s <= 240, s / 240)} |")
    state = int(re.search(r"(\d+) bytes of state", (w / "sizes.txt").read_text()).group(1))
    md.append(f"| at most 64 bytes of state per teacher | {state} bytes | {verdict(state <= 64, state / 64)} |")
    for r in rows(w / "one.md") if (w / "one.md").exists() else []:
        eff = float(r[7].split(",")[1].strip().rstrip(" %"))
        md.append(f"| {r[0].split(' (')[0]} {r[1]}, one replication: efficiency >= 90 % on 2 threads (wall) | "
                  f"{eff:.0f} % | {verdict(eff >= 90, 90 / eff)} |")
    if len(runs) >= 2:
        (r0, _, k0, s0), (r1, _, k1, s1) = runs[-2], runs[-1]
        per0, per1 = int(s0) / int(r0), int(s1) / int(r1)
        md.append(f"| results file grows linearly in replications | {per0:.0f} vs {per1:.0f} bytes per "
                  f"replication at {r0} and {r1} | {'met' if abs(per1 / per0 - 1) < 0.1 else 'not linear'} |")
        md.append(f"| memory does not grow with replications | peak RSS {int(k0) / 1024:.0f} MiB at {r0}, "
                  f"{int(k1) / 1024:.0f} MiB at {r1} | "
                  f"{'met' if int(k1) < 1.25 * int(k0) else f'grows {int(k1) / int(k0):.1f}x'} |")
    md += ["", END]
    text = "\n".join(md) + "\n"
    if not a.into:
        sys.stdout.write(text)
        return
    doc = a.into.read_text()
    if BEGIN in doc and END in doc:
        doc = doc[: doc.index(BEGIN)] + text + doc[doc.index(END) + len(END) + 1:]
    else:
        doc = doc.rstrip("\n") + "\n\n" + text
    a.into.write_text(doc)


if __name__ == "__main__":
    main()
