#!/usr/bin/python3
"""The layer rule of docs/architecture.md, checked on the sources and the objects.

Usage: check_architecture.py SOURCE_DIR BUILD_DIR

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
  5. an object calls into an object of a higher layer.
The build folder's own libraries also refuse an upward include (it does not
compile) and an upward call (it does not link); this adds the public headers,
the steps and the circles, which the compiler cannot see.
"""
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
    "results.h": "output",
    "run.h": "run",
    "teachsim.h": "run",
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path, sim):
    rel = os.path.relpath(path, sim).split(os.sep)
    return rel[0]


def main():
    src, build = sys.argv[1], sys.argv[2]
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
            elif len(parts) == 3 and parts[1] in "TDRBC":
                defined.setdefault(parts[2], name)
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

    for b in breaches:
        print(b)
    print(f"check_architecture: {len(objects)} objects, {len(files)} sources, {len(breaches)} breaches")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
