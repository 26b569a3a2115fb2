"""Measures what one learner costs a JupyterHub, for workshop/jupyterhub/sizing.py.

For each notebook, in quick and (with --full) full mode: wall seconds, CPU seconds and peak memory of `course run`
and its worker (the process that runs the cells, as a kernel does). Then the slowdown when N learners run the
same quick notebook at once on this machine (N = 1, 2, 4). Writes workshop/jupyterhub/sizing.json (or --out).

  /usr/bin/python3 bench/hub_sizing.py [--full] [--notebooks 00-measuring 01-regression-losses …] [--out FILE]
Run it on an otherwise idle machine of the kind the hub's nodes are: the wall times depend on it.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def course_tool():
    path = os.path.join(REPO, "src", "Course.Cli", "bin", "Release", "net10.0", "Course.Cli")
    if not os.path.exists(path):
        subprocess.run(["dotnet", "build", os.path.join(REPO, "src", "Course.Cli", "Course.Cli.csproj"), "-c", "Release",
                        "--nologo", "-v", "quiet"], check=True, stdout=sys.stderr)
    return path


def start(tool, notebook, quick, out):
    args = [tool, "run", os.path.join(REPO, "notebooks", notebook + ".ipynb"), "-o", out]
    env = dict(os.environ)
    env.pop("COURSE_QUICK", None)
    if quick:
        args.append("--quick")
    return subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), time.monotonic()


def finish(process, began, what):
    # wait4 gives this child's resource use including the worker it waited for: CPU time and the peak resident
    # memory of the largest process among them (ru_maxrss, KiB on Linux).
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - began
    errors = process.stderr.read().decode(errors="replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"hub_sizing: {what} failed (exit {process.returncode}):\n{errors[-2000:]}")
    return {"wall_s": round(wall, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_mb": round(usage.ru_maxrss / 1024)}


def measure(tool, notebook, quick, scratch, keep=None):
    out = os.path.join(keep, "quick" if quick else "full") if keep else tempfile.mkdtemp(dir=scratch)
    load_before = os.getloadavg()[0]
    process, began = start(tool, notebook, quick, out)
    result = finish(process, began, f"{notebook} ({'quick' if quick else 'full'})")
    # Wall time stretches on a busy machine; the load around the run says how far to trust it.
    result["load"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    return result


def sharing(tool, notebook, counts, scratch):
    """Mean wall time of one learner's run when N learners start the same quick notebook together."""
    result = {}
    for n in counts:
        running = [start(tool, notebook, True, tempfile.mkdtemp(dir=scratch)) for _ in range(n)]
        runs = [finish(p, began, f"{notebook} with {n} at once") for p, began in running]
        result[str(n)] = {"mean_wall_s": round(sum(r["wall_s"] for r in runs) / n, 1),
                          "mean_cpu_s": round(sum(r["cpu_s"] for r in runs) / n, 1)}
        print(f"  {n} learners at once: {result[str(n)]['mean_wall_s']} s wall each", file=sys.stderr)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also full mode (the whole course takes ~40 min on 2 cores)")
    parser.add_argument("--modes", nargs="+", choices=["quick", "full"],
                        help="which modes to measure (default: quick, or quick and full with --full); others keep their last values")
    parser.add_argument("--notebooks", nargs="*", help="default: every notebook in notebooks/")
    parser.add_argument("--sharing-notebook", default="01-regression-losses")
    parser.add_argument("--no-sharing", action="store_true", help="keep the last sharing measurement")
    parser.add_argument("--keep-outputs", metavar="DIR", help="write the executed notebooks to DIR/quick and DIR/full")
    parser.add_argument("--out", default=os.path.join(REPO, "workshop", "jupyterhub", "sizing.json"))
    args = parser.parse_args()

    load = round(os.getloadavg()[0], 1)  # a busy machine stretches wall times, not CPU seconds or memory
    names = args.notebooks or sorted(f[:-6] for f in os.listdir(os.path.join(REPO, "notebooks")) if f.endswith(".ipynb"))
    modes = args.modes or (["quick", "full"] if args.full else ["quick"])
    tool = course_tool()
    previous = {}
    if os.path.exists(args.out):
        with open(args.out) as f:
            previous = json.load(f)
    notebooks = previous.get("notebooks", {})
    with tempfile.TemporaryDirectory(prefix="hub-sizing-") as scratch:
        for name in names:
            entry = notebooks.setdefault(name, {})
            for mode in modes:
                quick = mode == "quick"
                entry[mode] = measure(tool, name, quick, scratch, args.keep_outputs)
                print(f"{name:28} {mode:5} {entry[mode]['wall_s']:7.1f} s wall {entry[mode]['cpu_s']:7.1f} CPU s "
                      f"{entry[mode]['peak_mb']:6} MB peak", file=sys.stderr)
        shared = previous["sharing"]["learners"] if args.no_sharing and "sharing" in previous \
            else sharing(tool, args.sharing_notebook, [1, 2, 4], scratch)

    result = {
        "measured": time.strftime("%Y-%m-%d"),
        "machine": {"cpus": os.cpu_count(), "processor": cpu_model(),
                    "load_at_start": load},
        "notebooks": dict(sorted(notebooks.items())),
        "sharing": {"notebook": args.sharing_notebook, "learners": shared,
                    "load_at_start": previous["sharing"].get("load_at_start") if args.no_sharing and "sharing" in previous else load},
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
