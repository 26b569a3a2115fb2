"""Turns the measurements in sizing.json (made by bench/hub_sizing.py) into the hub's resource numbers.

  /usr/bin/python3 workshop/jupyterhub/sizing.py           print the sizing table (markdown) and the values
  /usr/bin/python3 workshop/jupyterhub/sizing.py --check   exit 1 when values.yaml, docs/jupyterhub.md, the README's
                                                           full-mode table or a notebook's "Run time" sentence
                                                           disagrees with the measurements
  /usr/bin/python3 workshop/jupyterhub/sizing.py --write   rewrite those tables and sentences (values.yaml stays a
                                                           teacher's file: --check says what to change in it)

The policy is written here once; docs/jupyterhub.md explains it and the test suite runs --check, so the values
file cannot drift from the measurements.
"""
import json
import math
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Policy, not measurement:
SERVER_ALLOWANCE_MB = 256     # the Jupyter server beside the kernel, plus slack for a learner's second kernel start
CPU_LIMIT = 2                 # cores a learner may burst to; the course sizes libtorch's threads from it
CPU_GUARANTEE = 0.5           # cores reserved per learner: at worst (everyone training at once) half a core each
NODE = {"name": "8 vCPU / 32 GiB", "cpus": 8, "memory_gib": 32}
SYSTEM_RESERVED = {"cpus": 0.4, "memory_gib": 1.5}   # kubelet, kube-proxy, the CNI and logging daemons on each node
PLACEHOLDERS = 5              # scheduling.userPlaceholder.replicas: room kept free for late arrivals
ROOMS = [20, 50, 100]
IN_CLASS_MINUTES = 15         # a notebook whose full run is longer runs quick in class; its full run is homework


# Each notebook's first cell carries one generated sentence: how long the notebook takes in each mode on what a learner
# gets on the hub (CPU_LIMIT cores), so a teacher can tell class work from homework before opening it.
RUN_TIME = re.compile(r"\*\*Run time\*\* \(measured on [^)]*\): quick mode [^,]*, full mode [^.]*\.")


def span(seconds):
    if seconds < 90:
        return f"{max(5, round(seconds / 5) * 5)} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


def duration(seconds):
    return f"about {span(seconds)}"


def run_time_sentence(measured, entry):
    full = duration(entry["full"]["wall_s"]) if "full" in entry else "not measured yet"
    return (f"**Run time** (measured on {measured['machine']['cpus']} CPU cores, a learner's limit on the course's hub, "
            f"{measured['measured']}): quick mode (`--quick`) {duration(entry['quick']['wall_s'])}, full mode {full}.")


def notebook_sentences(measured, write):
    """Problems with the notebooks' "Run time" sentences; with write, fixes them instead."""
    problems = []
    for name, entry in measured["notebooks"].items():
        path = os.path.join(REPO, "notebooks", name + ".ipynb")
        with open(path, encoding="utf-8") as f:
            notebook = json.load(f)
        first = notebook["cells"][0]
        text = "".join(first["source"])
        found = RUN_TIME.search(text)
        expected = run_time_sentence(measured, entry)
        if found is None:
            problems.append(f"{name}: its first cell has no generated \"**Run time** (measured on …)\" sentence")
        elif found.group(0) != expected:
            if not write:
                problems.append(f"{name}: its run-time sentence differs from sizing.json (run sizing.py --write)")
                continue
            text = text[:found.start()] + expected + text[found.end():]
            first["source"] = text.splitlines(keepends=True)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(notebook, f, indent=1, ensure_ascii=False)
                f.write("\n")
    return problems


def round_up(value, step):
    return math.ceil(value / step - 1e-9) * step


def gib(mb):
    return mb / 1024


def compute(measured):
    notebooks = measured["notebooks"]
    quick_peak = max(n["quick"]["peak_mb"] for n in notebooks.values())
    missing_full = sorted(k for k, n in notebooks.items() if "full" not in n)
    full_peak = None if missing_full else max(n["full"]["peak_mb"] for n in notebooks.values())
    memory_guarantee = round_up(gib(quick_peak + SERVER_ALLOWANCE_MB), 0.25)
    # The limit must hold the largest full-mode run; until every notebook is measured in full mode it stays the
    # value in values.yaml (UNMEASURED_LIMIT) and the table says which notebooks are missing.
    memory_limit = None if full_peak is None else round_up(gib(full_peak + SERVER_ALLOWANCE_MB), 0.5)
    per_node = min(math.floor((NODE["cpus"] - SYSTEM_RESERVED["cpus"]) / CPU_GUARANTEE),
                   math.floor((NODE["memory_gib"] - SYSTEM_RESERVED["memory_gib"]) / memory_guarantee))
    shared = measured["sharing"]["learners"]
    alone = shared["1"]["mean_wall_s"]
    return {
        "cpu": {"guarantee": CPU_GUARANTEE, "limit": CPU_LIMIT},
        "memory": {"guarantee": f"{memory_guarantee:g}G"} | ({} if memory_limit is None else {"limit": f"{memory_limit:g}G"}),
        "quick_peak_mb": quick_peak,
        "full_peak_mb": full_peak,
        "missing_full": missing_full,
        "learners_per_node": per_node,
        "nodes": {room: math.ceil((room + PLACEHOLDERS) / per_node) for room in ROOMS},
        "slowdown": {n: round(v["mean_wall_s"] / alone, 1) for n, v in shared.items()},
    }


def table(measured, sizing):
    lines = ["| notebook | quick: wall s | quick: CPU s | quick: peak MB | full: wall s | full: CPU s | full: peak MB |",
             "|---|--:|--:|--:|--:|--:|--:|"]
    for name, n in measured["notebooks"].items():
        q, f = n["quick"], n.get("full", {})
        lines.append(f"| {name} | {q['wall_s']} | {q['cpu_s']} | {q['peak_mb']} | {f.get('wall_s', '—')} | {f.get('cpu_s', '—')} | {f.get('peak_mb', '—')} |")
    lines += ["", f"Measured {measured['measured']} on {measured['machine']['cpus']} CPUs ({measured['machine']['processor']}), "
              f"load average {measured['machine']['load_at_start']} when it started."]
    if sizing["missing_full"]:
        lines += [f"Full mode not yet measured for {', '.join(sizing['missing_full'])}: the memory limit in values.yaml is "
                  "not derived from measurements until it is (run `bench/hub_sizing.py --modes full` on an idle machine)."]
    lines += ["",
              f"Learners running {measured['sharing']['notebook']} (quick) at the same time on these CPUs: "
              + ", ".join(f"{n} at once → {s}× the time alone" for n, s in sizing["slowdown"].items()) + ".",
              "", "| learners | nodes of " + NODE["name"] + f" ({sizing['learners_per_node']} learners each) |", "|--:|--:|"]
    lines += [f"| {room} | {nodes} |" for room, nodes in sizing["nodes"].items()]
    return "\n".join(lines)


def check(sizing, generated):
    problems = []
    with open(os.path.join(HERE, "values.yaml")) as f:
        single = yaml.safe_load(f)["singleuser"]
    for key in ("cpu", "memory"):
        for bound, expected in sizing[key].items():
            actual = single.get(key, {}).get(bound)
            if str(actual) != str(expected):
                problems.append(f"values.yaml singleuser.{key}.{bound} is {actual}; the measurements give {expected}")
    return problems


def title(name):
    with open(os.path.join(REPO, "notebooks", name + ".ipynb"), encoding="utf-8") as f:
        heading = json.load(f)["cells"][0]["source"][0]
    return heading.lstrip("# ").strip()


def readme_table(measured, sizing):
    """The README's per-notebook table: what a learner waits in each mode, and where each notebook fits a workshop."""
    lines = ["| notebook | quick mode | full mode | full: CPU s | full: peak memory | in a workshop |",
             "|---|--:|--:|--:|--:|---|"]
    total = 0.0
    for name, n in measured["notebooks"].items():
        full = n.get("full")
        if full is None:
            cells = ["not measured yet", "—", "—", "—"]
        else:
            total += full["wall_s"]
            where = "in class" if full["wall_s"] <= IN_CLASS_MINUTES * 60 else "quick in class, full as homework"
            cells = [span(full["wall_s"]), f"{full['cpu_s']:,.0f}", f"{full['peak_mb']:,} MB", where]
        lines.append(f"| {title(name)} | {span(n['quick']['wall_s'])} | " + " | ".join(cells) + " |")
    missing = sizing["missing_full"]
    whole = "not measured yet" if len(missing) == len(measured["notebooks"]) else \
        f"**{span(total)}**" + (f" ({len(missing)} notebooks not measured)" if missing else "")
    lines.append(f"| **the whole course, one notebook after another** | | {whole} | | | |")
    return "\n".join(lines)


def replace_section(path, marker, generated, write):
    """Checks (or, with write, rewrites) the text between <!-- marker:start --> and <!-- marker:end --> in path."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    pattern = re.compile(rf"(<!-- {marker}:start -->\n)(.*?)\n?(<!-- {marker}:end -->)", re.S)
    found = pattern.search(text)
    where = os.path.relpath(path, REPO)
    if found is None:
        return [f"{where} has no <!-- {marker}:start --> … <!-- {marker}:end --> section"]
    if found.group(2).strip() == generated.strip():
        return []
    if not write:
        return [f"{where}'s {marker} section differs from sizing.json (run sizing.py --write)"]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:found.start(2)] + generated.strip() + "\n" + text[found.start(3):])
    return []


def main():
    with open(os.path.join(HERE, "sizing.json")) as f:
        measured = json.load(f)
    sizing = compute(measured)
    generated = table(measured, sizing)
    if "--write" in sys.argv[1:] or "--check" in sys.argv[1:]:
        write = "--write" in sys.argv[1:]
        problems = [] if write else check(sizing, generated)
        problems += replace_section(os.path.join(REPO, "docs", "jupyterhub.md"), "sizing", generated, write)
        problems += replace_section(os.path.join(REPO, "README.md"), "full-mode", readme_table(measured, sizing), write)
        problems += notebook_sentences(measured, write)
        for p in problems:
            print(f"sizing: {p}", file=sys.stderr)
        return 1 if problems else 0
    print(generated)
    print(f"\nvalues.yaml: singleuser.cpu = {sizing['cpu']}, singleuser.memory = {sizing['memory']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
