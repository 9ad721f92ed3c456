#!/usr/bin/env python3
"""Scale benchmark: how the whole process's wall time and peak memory grow with the fleet and the soak.

Usage:
  scripts/scale-bench.py [--pods 3,30,100,300] [--soaks 30m,6h,24h] [--cli PATH] [--checklist F] [--out docs/scale-bench.json]

For each fleet size N it generates, with the corpus's generate.py, a healthy release of N pods (`pods` N, `stagger_s`
60/N so every rollout takes a minute), loads it into a real Prometheus on 127.0.0.1 with promtool, and times
`deploy-verifier verify --dry-run` replaying a 30-minute soak of examples/kubernetes/checklist.yml (a whole process,
start included), with its peak RSS (GNU time). The soaks beyond 30 minutes are run on the 3-pod fleet. Every run
must pass; the table says the verdict. The backtest of 300 releases is scripts/bench-backtest.sh 300.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import scenario_runner as rs  # noqa: E402

MINUTES = {"m": 1, "h": 60, "d": 1440}


def minutes(text):
    return int(text[:-1]) * MINUTES[text[-1]]


def history(corpus, work, pods, post_minutes):
    """A healthy-steady release of `pods` pods, its history `post_minutes` long after the deploy, served by Prometheus."""
    spec = json.load(open(os.path.join(corpus, "public.json")))
    healthy = next(s for s in spec["scenarios"] if s["name"] == "healthy-steady")
    spec["scenarios"] = [dict(healthy, name=f"fleet-{pods}", pods=pods, stagger_s=60 / pods)]
    spec["post_minutes"] = post_minutes
    path = os.path.join(work, "specs.json")
    json.dump(spec, open(path, "w"))
    subprocess.run([sys.executable, os.path.join(corpus, "generate.py"), path, "--out", work], check=True, stdout=subprocess.DEVNULL)
    proc, url = rs.start_prometheus(os.path.join(work, "metrics.om"), work)
    os.remove(os.path.join(work, "metrics.om"))
    return proc, url, spec["deployed_at"]


def timed(cli, checklist, url, pods, deployed_at, soak, report):
    """One verify as a process under GNU time: (wall seconds, peak RSS MB, verdict)."""
    cmd = ["/usr/bin/time", "-f", "%e %M", *cli, "verify", "--checklist", checklist, "--prometheus-url", url, "--var", f"namespace=fleet-{pods}",
           "--var", "workload=checkout", "--deployed-at", deployed_at, "--soak", soak, "--dry-run", "--report-json", report]
    run = subprocess.run(cmd, capture_output=True, text=True)
    wall, rss = re.findall(r"^([0-9.]+) ([0-9]+)$", run.stderr, re.M)[-1]
    verdict = json.load(open(report))["verdict"] if os.path.exists(report) else f"exit {run.returncode}"
    return float(wall), int(rss) / 1024, verdict


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "scenarios"))
    parser.add_argument("--checklist", default=os.path.join(ROOT, "examples", "kubernetes", "checklist.yml"))
    parser.add_argument("--pods", default="3,30,100,300")
    parser.add_argument("--soaks", default="30m,6h,24h")
    parser.add_argument("--cli", help="the deploy-verifier executable (default: publish it to artifacts/cli)")
    parser.add_argument("--out", help="write the rows as JSON here")
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus)
    if not os.path.exists(os.path.join(corpus, "generate.py")):
        print(f"no scenario corpus at {corpus}: give --corpus", file=sys.stderr)
        return 2
    cli = rs.prepare(args.cli)
    soaks = args.soaks.split(",")
    cases = [(int(n), "30m") for n in args.pods.split(",")] + [(3, s) for s in soaks if s != "30m"]
    rows = []
    for pods in sorted({n for n, _ in cases}):
        work = tempfile.mkdtemp(prefix=f"dv-scale-{pods}-")
        longest = max(minutes(s) for n, s in cases if n == pods)
        proc, url, deployed_at = history(corpus, work, pods, longest + 5)
        try:
            for n, soak in [c for c in cases if c[0] == pods]:
                wall, rss, verdict = timed(cli, args.checklist, url, pods, deployed_at, soak, os.path.join(work, f"{soak}.json"))
                rows.append({"pods": pods, "soak": soak, "wallSeconds": wall, "peakRssMB": round(rss), "verdict": verdict})
                print(f"{pods:5} pods  {soak:>4} soak  wall {wall:6.2f} s  peak RSS {rss:5.0f} MB  {verdict}", flush=True)
        finally:
            proc.terminate()
            proc.wait()
            shutil.rmtree(work, ignore_errors=True)
    if args.out:
        json.dump({"checklist": os.path.relpath(args.checklist, ROOT), "rows": rows}, open(args.out, "w"), indent=2)
    return 0 if all(r["verdict"] == "passed" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
