#!/usr/bin/env python3
"""Measures the fleet forecast of leaks against what happened: when the last pod of the release first crashed.

Usage:
  scripts/fleet-forecast-bench.py [--seeds fleet-1] [--repeat 20] [--only seed-incident,cascade-slow-restart]
                                  [--checklist examples/kubernetes/checklist.yml]

It generates --repeat reseeded copies of the leak-cascade scenarios (the corpus's public.json and capacity.json),
loads them into a temporary Prometheus and runs `deploy-verifier verify` on each copy (the machinery of
scripts/run-scenarios.py). For each copy it reads, from the JSON report of the failed trend check, the fleet forecast
made at the decision (`forecast.fleet.lastInstanceAt`) and the naive forecast (the latest of the pods' own forecasts,
`forecast.fleet.byInstance[].aloneAt`), and compares both with the last of `expected.json`'s `crashes` (each new pod's
first crash). It prints, per scenario kind, the errors in minutes (forecast minus what happened: negative is early)
and how many copies the fleet forecast named within 3 minutes. Exit 0 when every copy is within 3 minutes.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import scenario_runner as rs  # noqa: E402


def run_seed(seed, args, cli):
    work = tempfile.mkdtemp(prefix="dv-fleet-bench-")
    try:
        specs = [os.path.join(args.corpus, "public.json"), os.path.join(args.corpus, "capacity.json")]
        doc, results = rs.run_generated(args.corpus, specs, work, cli, args.checklist, args.soak, args.jobs, seed, args.repeat,
                                        args.only)
        if args.keep:
            shutil.copytree(os.path.join(work, "reports"), os.path.join(args.keep, seed), dirs_exist_ok=True)
        return [(seed, name, doc["scenarios"][name], data) for name, _, data, _ in results]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fleet_of(data):
    for check in data.get("checks", []):
        fleet = (check.get("forecast") or {}).get("fleet")
        if check.get("outcome") == "failed" and fleet:
            return fleet
    return None


def minutes(a, b):
    return (rs.parse_time(a) - rs.parse_time(b)).total_seconds() / 60


def spread(values):
    values = sorted(values)
    if not values:
        return "-"
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return f"{values[0]:+.1f} / {pick(0.5):+.1f} / {pick(0.9):+.1f} / {values[-1]:+.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    rs.add_run_arguments(parser, repeat=20)
    parser.add_argument("--only", default="seed-incident,cascade-slow-restart")
    parser.add_argument("--seeds", default="fleet-1")
    parser.add_argument("--verbose", action="store_true", help="print every copy")
    parser.add_argument("--keep", help="copy the JSON reports into this folder")
    args = parser.parse_args()
    args.corpus = os.path.abspath(args.corpus)
    cli = rs.prepare(args.cli)

    rows = []
    for seed in args.seeds.split(","):
        rows += run_seed(seed, args, cli)

    by_kind = {}
    for seed, name, exp, data in rows:
        by_kind.setdefault(rs.kind_of(name), []).append((seed, name, exp, data))

    print(f"{'kind':22} {'copies':>6} {'within 3 min':>12}  error in minutes, fleet forecast: min / median / p90 / max"
          f"   | naive (latest pod alone)")
    missed = 0
    for kind, group in sorted(by_kind.items()):
        fleet_errors, naive_errors = [], []
        for seed, name, exp, data in group:
            fleet = fleet_of(data)
            last_crash = max(exp.get("crashes") or [None], key=lambda c: c or "")
            if fleet is None or last_crash is None:
                print(f"  {seed}/{name}: no fleet forecast (verdict {data.get('verdict')}) or no crash")
                missed += 1
                continue
            alone = [i.get("aloneAt") for i in fleet["byInstance"]]
            naive = max(alone) if all(alone) else None
            error = minutes(fleet["lastInstanceAt"], last_crash) if fleet.get("lastInstanceAt") else None
            naive_error = minutes(naive, last_crash) if naive else None
            if error is None or abs(error) > 3:
                missed += 1
            if error is not None:
                fleet_errors.append(error)
            if naive_error is not None:
                naive_errors.append(naive_error)
            if args.verbose:
                print(f"  {seed}/{name}: decided {data.get('decidedAt')}, last crash {last_crash}, fleet "
                      f"{fleet.get('lastInstanceAt')} ({error:+.1f}), naive {naive} ({naive_error:+.1f})"
                      if error is not None and naive_error is not None else f"  {seed}/{name}: {fleet}")
        within = sum(1 for e in fleet_errors if abs(e) <= 3)
        print(f"{kind:22} {len(group):6} {within:12}  {spread(fleet_errors):38} | {spread(naive_errors)}")
    print("all copies within 3 minutes" if missed == 0 else f"{missed} copies not within 3 minutes")
    return 0 if missed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
