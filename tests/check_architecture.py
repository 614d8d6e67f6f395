#!/usr/bin/python3
"""The layer rule of docs/architecture.md, checked on the sources and the objects.

Usage: check_architecture.py SOURCE_DIR BUILD_DIR
       check_architecture.py --self-test   (the checker finds each kind of breach)

It fails (exit 1, one line per breach) when
  1. a file of sim/ includes a header of a higher layer, or a public header
     (include/teachsim/) that belongs to a higher layer, or a public header
     includes one of a higher layer or an internal one;
  2. a public header is not assigned to a layer below (a new one must be);
  3. a step (sim/model/steps/) includes another step's header, or its object
     calls a function that another step's object defines: what two steps
     share lives below both;
  4. the objects' calls form a circle: object A calls into B and B, directly
     or through others, back into A (read from `nm`, so it sees calls that an
     include graph misses, e.g. through a declaration in a shared header);
  5. an object calls into an object of a higher layer;
  6. a function or table of sim/ is exported but used by no other object
     (of sim/, the tests or the benchmark) and not declared in a public
     header: it should be static.
The build folder's own libraries also refuse an upward include (it does not
compile) and an upward call (it does not link); this adds the public headers,
the steps and the circles, which the compiler cannot see.
"""
import glob
import os
import re
import subprocess
import sys

LAYERS = ["base", "input", "rules", "population", "model", "output", "run", "cli"]
PUBLIC = {  # public header -> the layer that owns it
    "status.h": "base",
    "vocabulary.h": "base",
    "build_info.h": "base",
    "git_describe.h": "base",
    "scenario.h": "input",
    "scenario_zh.h": "input",
    "results.h": "output",
    "run.h": "run",
    "teachsim.h": "run",
}
# Exported by a macro of a library, not by a declaration of ours.
EXPORTED_BY_MACRO = {"gsl_rng_ts_philox"}  # Random123's GSL_MICRORNG in base/rng.c
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path, sim):
    rel = os.path.relpath(path, sim).split(os.sep)
    return rel[0]


def check(src, build):
    sim = os.path.join(src, "sim")
    public_dir = os.path.join(src, "include", "teachsim")
    breaches = []

    files = []
    for root, _, names in os.walk(sim):
        files += [os.path.join(root, n) for n in names if n.endswith((".c", ".h"))]
    # Which layer holds a header named as it is included ("world.h", "steps/posting.h").
    where = {}
    for f in files:
        layer = layer_of(f, sim)
        where.setdefault(os.path.relpath(f, os.path.join(sim, layer)), []).append(layer)

    for name in sorted(os.listdir(public_dir)):
        if name.endswith(".h") and name not in PUBLIC:
            breaches.append(f"include/teachsim/{name}: a public header with no layer (add it to PUBLIC)")

    def check_includes(path, layer, public):
        text = open(path, encoding="utf-8").read()
        rank = LAYERS.index(layer)
        for inc in INCLUDE.findall(text):
            if inc.startswith("teachsim/"):
                owner = PUBLIC.get(inc[len("teachsim/"):])
                if owner is None:
                    continue  # reported above
            elif public:
                breaches.append(f"{path}: a public header includes the internal header {inc}")
                continue
            else:
                owners = where.get(inc, [])
                if not owners:
                    continue  # a system or generated header
                owner = min(owners, key=LAYERS.index)
            if LAYERS.index(owner) > rank:
                breaches.append(f"{path}: layer {layer} includes {inc} of the higher layer {owner}")
            if (not public and "/steps/" in path and inc.startswith("steps/")
                    and os.path.splitext(os.path.basename(inc))[0] != os.path.splitext(os.path.basename(path))[0]
                    and inc != "steps/steps.h"):
                breaches.append(f"{path}: a step includes another step's header {inc}")

    for f in sorted(files):
        check_includes(f, layer_of(f, sim), False)
    for name in sorted(os.listdir(public_dir)):
        if name in PUBLIC:
            check_includes(os.path.join(public_dir, name), PUBLIC[name], True)

    # The objects: who defines and who calls each function.
    objects = {}
    for f in files:
        if not f.endswith(".c"):
            continue
        layer = layer_of(f, sim)
        rel = os.path.relpath(f, src)
        obj = os.path.join(build, "CMakeFiles", f"ts_{layer}.dir", rel + ".o")
        if layer == "cli" and f.endswith("main.c"):
            obj = os.path.join(build, "CMakeFiles", "teachsim.dir", rel + ".o")
        if not os.path.exists(obj):
            breaches.append(f"{obj}: no object (build first)")
            continue
        objects[os.path.relpath(f, sim)] = obj
    defined, undefined = {}, {}
    for name, obj in objects.items():
        out = subprocess.run(["nm", obj], check=True, capture_output=True, text=True).stdout
        undefined[name] = set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "U":
                undefined[name].add(parts[1])
            elif len(parts) == 3 and parts[1] in "TDRBC" and not parts[2].startswith("__"):
                defined.setdefault(parts[2], name)  # "__": a sanitizer's or compiler's, not ours
    # Who uses what, across the library, the tests and the benchmark.
    users = {}
    for obj in glob.glob(os.path.join(build, "**", "*.o"), recursive=True):
        rel = os.path.relpath(obj, build)
        if not (rel.startswith(os.path.join("CMakeFiles", "ts_")) or rel.startswith(os.path.join("tests", "CMakeFiles"))
                or rel.startswith(os.path.join("CMakeFiles", "bench.dir"))
                or rel.startswith(os.path.join("CMakeFiles", "teachsim.dir"))):
            continue
        out = subprocess.run(["nm", obj], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "U":
                users.setdefault(parts[1], set()).add(os.path.abspath(obj))
    public_text = "".join(open(os.path.join(public_dir, n), encoding="utf-8").read()
                          for n in os.listdir(public_dir) if n.endswith(".h"))
    for symbol, name in sorted(defined.items()):
        if symbol in EXPORTED_BY_MACRO or symbol == "main" or symbol.startswith((".", "__")) or re.search(r"\b%s\b" % re.escape(symbol), public_text):
            continue
        if not users.get(symbol, set()) - {os.path.abspath(objects[name])}:
            breaches.append(f"sim/{name}: {symbol} is exported but used only in its own file: make it static")

    calls = {n: sorted({defined[s] for s in u if s in defined and defined[s] != n}) for n, u in undefined.items()}

    for a, targets in calls.items():
        for b in targets:
            la, lb = a.split("/")[0], b.split("/")[0]
            if LAYERS.index(lb) > LAYERS.index(la):
                breaches.append(f"sim/{a}: calls into sim/{b} of the higher layer {lb}")
            if a.startswith("model/steps/") and b.startswith("model/steps/"):
                shared = sorted(s for s in undefined[a] if defined.get(s) == b)
                breaches.append(f"sim/{a}: a step calls another step, sim/{b} ({', '.join(shared)})")

    # Circles: strongly connected components of more than one object (Tarjan).
    index, low, stack, on, comps = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in calls.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(calls):
        if v not in index:
            visit(v)
    for comp in comps:
        breaches.append("a circle of calls: " + " <-> ".join(f"sim/{c}" for c in comp))

    return breaches, len(objects), len(files)


def self_test():
    """Build a small tree with one breach of each kind, and a clean one, and
    check that the checker reports exactly what it should: a checker that
    always passes would hide every breach."""
    import tempfile

    def tree(root, files):
        for path, text in files.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        build = os.path.join(root, "build")
        for path in files:
            if path.startswith("sim/") and path.endswith(".c"):
                layer = path.split("/")[1]
                obj = os.path.join(build, "CMakeFiles", f"ts_{layer}.dir", path + ".o")
                os.makedirs(os.path.dirname(obj), exist_ok=True)
                incs = ["-I" + os.path.join(root, "include")]
                incs += ["-I" + os.path.join(root, "sim", l) for l in LAYERS]
                subprocess.run(["cc", "-c", "-o", obj, os.path.join(root, path)] + incs, check=True)
        for path in files:
            if path.startswith("tests/") and path.endswith(".c"):
                obj = os.path.join(build, "tests", "CMakeFiles", "t.dir", path + ".o")
                os.makedirs(os.path.dirname(obj), exist_ok=True)
                subprocess.run(["cc", "-c", "-o", obj, os.path.join(root, path)], check=True)
        return check(root, build)

    clean = {
        "tests/t.c": "int one(void);\nint two(void);\nint low(void);\n"
                     "int main(void) { return one() + two() + low(); }\n",
        "include/teachsim/status.h": "int ts_status_ok(void);\n",
        "sim/base/base.c": '#include "teachsim/status.h"\nint ts_status_ok(void) { return 0; }\n',
        "sim/model/shared.h": "int shared(void);\n",
        "sim/model/shared.c": '#include "shared.h"\n#include "teachsim/status.h"\n'
                              "int shared(void) { return ts_status_ok(); }\n",
        "sim/model/steps/one.c": '#include "shared.h"\nint one(void) { return shared(); }\n',
        "sim/model/steps/two.c": '#include "shared.h"\nint two(void) { return shared(); }\n',
    }
    broken = dict(clean)
    broken.update({
        "include/teachsim/stray.h": "int stray;\n",
        "include/teachsim/run.h": "int ts_run(void);\n",
        "sim/base/base.c": '#include "teachsim/status.h"\n#include "shared.h"\n#include "teachsim/run.h"\n'
                           "int ts_status_ok(void) { return 0; }\n",
        "sim/model/steps/two.h": "int two(void);\n",
        "sim/model/steps/one.c": '#include "steps/two.h"\nint one(void) { return two(); }\n',
        "sim/model/p.c": "int q(void);\nint p(int n) { return n ? q() : 0; }\n",
        "sim/model/q.c": "int p(int);\nint q(void) { return p(0); }\n",
        "sim/base/low.c": "int shared(void);\nint low(void) { return shared(); }\n",
        "sim/model/lonely.c": "int lonely(void) { return 1; }\n",
    })
    expected = [
        "include/teachsim/stray.h: a public header with no layer",
        "layer base includes shared.h of the higher layer model",
        "layer base includes teachsim/run.h of the higher layer run",
        "a step includes another step's header steps/two.h",
        "sim/model/steps/one.c: a step calls another step, sim/model/steps/two.c (two)",
        "a circle of calls: sim/model/p.c <-> sim/model/q.c",
        "sim/base/low.c: calls into sim/model/shared.c of the higher layer model",
        "sim/model/lonely.c: lonely is exported but used only in its own file",
    ]
    failed = 0
    with tempfile.TemporaryDirectory() as root:
        found, _, _ = tree(os.path.join(root, "clean"), clean)
        if found:
            failed += 1
            print("FAIL the clean tree has breaches:", *found, sep="\n  ")
        found, _, _ = tree(os.path.join(root, "broken"), broken)
        for e in expected:
            if not any(e in b for b in found):
                failed += 1
                print(f"FAIL not reported: {e}")
        extra = [b for b in found if not any(e in b for e in expected)]
        for b in extra:
            failed += 1
            print(f"FAIL reported but not planted: {b}")
    print(f"check_architecture self-test: {len(expected) + 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    breaches, n_objects, n_files = check(sys.argv[1], sys.argv[2])
    for b in breaches:
        print(b)
    print(f"check_architecture: {n_objects} objects, {n_files} sources, {len(breaches)} breaches")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
