#!/usr/bin/env bash
# Times `deploy-verifier backtest` as a user runs it (a whole process, start included) over a history of N releases
# of the Kubernetes example, one every EVERY minutes, cycling through the corpus's timeline scenarios, and prints the
# wall time, the releases per verdict and the Prometheus requests (checks × releases × 6 + discovery is the bound).
# Needs the scenario corpus: ../shared/scenarios beside the clone, or SCENARIOS=dir (the corpus's generator). Usage: scripts/bench-backtest.sh [releases, default 24] [every_min, default 120]
# CLI=path times that deploy-verifier instead of publishing the repository's.
# SKIP=a,b leaves scenarios out of the cycle (the generator can't label a seed-incident that never crashes: SKIP=seed-incident).
# DATA=dir keeps the generated history there and reuses it on the next run with the same arguments, so the timing can
# be repeated on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${1:-24}
every=${2:-120}
shared=${SCENARIOS:-../shared/scenarios}
source scripts/bench-history.sh
mkdir -p "$work/data" && cp "$data/data/expected.json" "$work/data/expected.json"

read -r from to < <(python3 - "$work/data/expected.json" <<'PY'
import json, sys, datetime as d
r = json.load(open(sys.argv[1]))["releases"]
t = lambda s, m: (d.datetime.fromisoformat(s.replace("Z", "+00:00")) + d.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%SZ")
print(t(r[0]["deployed_at"], -10), t(r[-1]["deployed_at"], 10))
PY
)
start=$(date +%s.%N)
set +e
/usr/bin/time -f "%M" -o "$work/rss" "$work/cli/deploy-verifier" backtest --checklist examples/kubernetes/checklist.yml --prometheus-url "http://127.0.0.1:$port" \
  --var namespace=shop-history --var workload=checkout --from "$from" --to "$to" --report-json "$work/backtest.json" >"$work/out.txt"
code=$?
set -e
end=$(date +%s.%N)
python3 - "$work/backtest.json" "$work/data/expected.json" "$start" "$end" "$code" "$(tail -n 1 "$work/rss")" <<'PY'
import json, sys
report, expected = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))["releases"]
got = {r["deployedAt"][:19]: r for r in report["releases"]}
agree = sum(1 for e in expected if got.get(e["deployed_at"][:19], {}).get("verdict") == e["verdict"])
checks = len(report["releases"][0]["report"]["checks"])
n = len(report["releases"])
print(f"{n} releases found ({len(expected)} in the history), {agree} judged as labelled; totals {report['totals']}")
print(f"wall {float(sys.argv[4]) - float(sys.argv[3]):.2f} s including process start; peak RSS {int(sys.argv[6]) / 1024:.0f} MB; exit {sys.argv[5]}")
print(f"Prometheus requests {report['prometheus']['requests']} (bound: 6 x {checks} checks x {n} releases + discovery = {6 * checks * n} + discovery); "
      f"{report['prometheus']['requests'] / (checks * n):.2f} per check per release")
PY
