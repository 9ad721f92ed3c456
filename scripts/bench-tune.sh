#!/usr/bin/env bash
# Times `deploy-verifier tune` as a new user runs it (a whole process, start included) over a labelled history of N
# releases of the Kubernetes example, one every EVERY minutes, cycling through the corpus's timeline scenarios, with the
# example checklist made as teams often make it: the error bounds twenty times too strict (max 1% -> 0.05%, maxIncrease
# 0.5% -> 0.025%) and the latency bounds twenty times too loose (max 250ms -> 5s, maxFactor 1.5 -> 30). Prints the wall
# time, peak RSS, the exit code and how many labelled releases are judged as labelled before and after.
# Needs the scenario corpus: ../shared/scenarios beside the clone, or SCENARIOS=dir. Usage: scripts/bench-tune.sh [releases, default 24] [every_min, default 120]
# CLI=path times that deploy-verifier instead of publishing the repository's. SKIP=a,b leaves scenarios out of the cycle.
# DATA=dir keeps the generated history there (the same layout as bench-backtest.sh, so one history serves both).
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${1:-24}
every=${2:-120}
shared=${SCENARIOS:-../shared/scenarios}
source scripts/bench-history.sh

# The labels a team keeps: each release's start, the verdict it deserved and a name.
python3 - "$data/data/expected.json" "$work/releases.txt" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for i, r in enumerate(json.load(open(sys.argv[1]))["releases"]):
        out.write(f"{r['deployed_at']}  {r['verdict']}  r{i + 1}-{r['scenario']}\n")
PY
python3 - examples/kubernetes/checklist.yml "$work/checklist.yml" <<'PY'
import sys
text = open(sys.argv[1]).read()
for old, new in [("    max: 1%\n", "    max: 0.05%\n"), ("      maxIncrease: 0.5%\n", "      maxIncrease: 0.025%\n"),
                 ("    max: 250ms\n", "    max: 5s\n"), ("      maxFactor: 1.5\n    tolerance: 6\n", "      maxFactor: 30\n    tolerance: 6\n")]:
    assert text.count(old) == 1, old
    text = text.replace(old, new)
open(sys.argv[2], "w").write(text)
PY


start=$(date +%s.%N)
set +e
/usr/bin/time -f "%M" -o "$work/rss" "$work/cli/deploy-verifier" tune --checklist "$work/checklist.yml" --prometheus-url "http://127.0.0.1:$port" \
  --var namespace=shop-history --var workload=checkout --releases "$work/releases.txt" --out "$work/tuned.yml" >"$work/out.txt"
code=$?
set -e
end=$(date +%s.%N)
grep -E "^Judged|^Leave-one-out|^Not separable|^Note|^  [a-z-]+ [a-zA-Z.]+: " "$work/out.txt" || true
python3 -c "import sys; print(f'{sys.argv[1]} releases: wall {float(sys.argv[3]) - float(sys.argv[2]):.2f} s including process start; peak RSS {int(sys.argv[4]) / 1024:.0f} MB; exit {sys.argv[5]}')" \
  "$releases" "$start" "$end" "$(tail -n 1 "$work/rss")" "$code"
