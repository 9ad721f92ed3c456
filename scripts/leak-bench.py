#!/usr/bin/env python3
"""Measures how well and how early the verifier tells leaks from warm-ups, over many reseeded copies.

Usage:
  scripts/leak-bench.py [--seeds a,b,c] [--repeat 20] [--specs public.json,scripts/leak-variants.json] [--jobs 2]

For each seed it generates every scenario of the specs (the corpus's public.json and this repository's
scripts/leak-variants.json by default) --repeat times with other noise, loads them into a temporary Prometheus and
runs `deploy-verifier verify` on each copy, as scripts/run-scenarios.py does (whose machinery it reuses). It prints,
per kind, the verdicts and the distribution of decision times (minutes after the leak's onset), then the figures:
every copy right within its deadline; leaks of 3 MiB/min or more decided within 20 minutes of their onset and of
1.5 MiB/min within 25; seed-incident decided by 14:07; false alarms on the healthy soaks. Exit 0 when all hold.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import scenario_runner as rs  # noqa: E402


def percentile(values, q):
    return values[min(len(values) - 1, int(q * len(values)))] if values else None


def run_seed(seed, args, cli, specs):
    work = tempfile.mkdtemp(prefix="dv-leak-bench-")
    try:
        doc, results = rs.run_generated(args.corpus, specs, work, cli, args.checklist, args.soak, args.jobs, seed, args.repeat)
        return [(seed, name, doc["scenarios"][name], data, doc["deployed_at"]) for name, _, data, _ in results]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    rs.add_run_arguments(parser, repeat=20)
    parser.add_argument("--specs", help="comma-separated spec files (default: the corpus's public.json and scripts/leak-variants.json)")
    parser.add_argument("--seeds", default="bench-1,bench-2,bench-3")
    args = parser.parse_args()
    args.corpus = os.path.abspath(args.corpus)
    specs = args.specs.split(",") if args.specs else [os.path.join(args.corpus, "public.json"),
                                                      os.path.join(ROOT, "scripts", "leak-variants.json")]
    memory = {}
    for path in specs:
        for s in json.load(open(path))["scenarios"]:
            memory[s["name"]] = s.get("memory", {})
    cli = rs.prepare(args.cli)

    rows = []
    for seed in args.seeds.split(","):
        rows += run_seed(seed, args, cli, specs)

    by_kind = {}
    for seed, name, exp, data, deployed_at in rows:
        by_kind.setdefault(rs.kind_of(name), []).append((seed, name, exp, data, deployed_at))

    print(f"{'kind':26} {'expected':10} {'runs':>4} {'right':>5} {'pass':>4} {'fail':>4} {'inc':>4}  "
          f"decided, minutes after the onset: min / median / p90 / max")
    problems, healthy_runs, false_alarms = [], 0, 0
    for kind, group in sorted(by_kind.items()):
        mem = memory.get(kind, {})
        onset_min = mem.get("leak_onset_min", 0)
        leak = mem.get("leak_mib_per_min", 0)
        times = []
        right = 0
        for seed, name, exp, data, deployed_at in group:
            ok = rs.judge(exp, data)
            right += ok
            if not ok:
                problems.append(f"{seed}/{name}: expected {exp['verdict']}, got {data.get('verdict')} at {data.get('decidedAt')}")
            decided = rs.parse_time(data.get("decidedAt"))
            onset = rs.parse_time(deployed_at) + timedelta(minutes=onset_min)
            if data.get("verdict") == "failed" and decided:
                times.append((decided - onset).total_seconds() / 60)
            if exp["verdict"] == "passed":
                healthy_runs += 1
                false_alarms += data.get("verdict") == "failed"
        times.sort()
        count = lambda v: sum(1 for g in group if g[3].get("verdict") == v)
        spread = " / ".join(f"{t:.1f}" for t in (times[0], percentile(times, 0.5), percentile(times, 0.9), times[-1])) if times else "-"
        print(f"{kind:26} {group[0][2]['verdict']:10} {len(group):4} {right:5} {count('passed'):4} {count('failed'):4} "
              f"{count('inconclusive'):4}  {spread}")
        if leak >= 3 and not kind.startswith("seed-incident") and (len(times) < len(group) or times[-1] > 20):
            problems.append(f"{kind}: a leak of {leak} MiB/min not decided within 20 min of its onset in every copy")
        if 1.5 <= leak < 3 and (len(times) < len(group) or times[-1] > 25):
            problems.append(f"{kind}: a leak of {leak} MiB/min not decided within 25 min of its onset in every copy")
        if kind == "seed-incident":
            late = [g for g in group if not (rs.parse_time(g[3].get("decidedAt")) and g[3].get("verdict") == "failed"
                                             and rs.parse_time(g[3]["decidedAt"]).strftime("%H:%M:%S") <= "14:07:00")]
            if late:
                problems.append(f"seed-incident: {len(late)} of {len(group)} copies not decided by 14:07")

    print(f"\nfalse alarms on healthy soaks: {false_alarms} of {healthy_runs}")
    print(f"right: {sum(rs.judge(r[2], r[3]) for r in rows)} of {len(rows)}")
    # The figures per kind first (they say how many copies), then the copies themselves, the first 40 of them.
    figures = [p for p in problems if "/" not in p.split(":")[0]]
    copies = [p for p in problems if "/" in p.split(":")[0]]
    for p in figures + copies[:40]:
        print("NOT MET", p)
    if len(copies) > 40:
        print(f"... and {len(copies) - 40} more copies")
    print("all figures met" if not problems else f"{len(problems)} figures not met")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
