#!/usr/bin/env bash
# Times `deploy-verifier tune` as a new user runs it (a whole process, start included) over a labelled history of N
# releases of the Kubernetes example, one every EVERY minutes, cycling through the corpus's timeline scenarios, with the
# example checklist made as teams often make it: the error bounds twenty times too strict (max 1% -> 0.05%, maxIncrease
# 0.5% -> 0.025%) and the latency bounds twenty times too loose (max 250ms -> 5s, maxFactor 1.5 -> 30). Prints the wall
# time, peak RSS, the exit code and how many labelled releases are judged as labelled before and after.
# Needs ../shared/scenarios. Usage: scripts/bench-tune.sh [releases, default 24] [every_min, default 120]
# CLI=path times that deploy-verifier instead of publishing the repository's. SKIP=a,b leaves scenarios out of the cycle.
# DATA=dir keeps the generated history there (the same layout as bench-backtest.sh, so one history serves both).
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${1:-24}
every=${2:-120}
shared=${SCENARIOS:-../shared/scenarios}
scripts/ensure-prometheus.sh >/dev/null

work=$(mktemp -d)
prom_pid=""
cleanup() { [[ -n "$prom_pid" ]] && kill "$prom_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

python3 - "$shared/timeline.json" "$work/timeline.json" "$releases" "$every" "${SKIP:-}" <<'PY'
import json, sys
timeline = json.load(open(sys.argv[1]))
names, n = [r for r in timeline["releases"] if r not in sys.argv[5].split(",")], int(sys.argv[3])
timeline["releases"] = [names[k % len(names)] for k in range(n)]
timeline["every_min"] = int(sys.argv[4])
json.dump(timeline, open(sys.argv[2], "w"))
PY
if [[ -n "${CLI:-}" ]]; then
  mkdir -p "$work/cli" && ln -s "$(realpath "$CLI")" "$work/cli/deploy-verifier"
else
  dotnet publish src/DeployVerifier.Cli -c Release -o "$work/cli" --nologo -v quiet >/dev/null
fi
data="${DATA:-$work/history}"
if ! { [[ -f "$data/timeline.json" ]] && cmp -s "$data/timeline.json" "$work/timeline.json" && [[ -d "$data/tsdb" ]]; }; then
  rm -rf "$data" && mkdir -p "$data"
  python3 "$shared/generate.py" "$shared/public.json" --timeline "$work/timeline.json" --out "$data/data" >/dev/null
  # promtool reads the whole file once per two-hour block: split it by block first, then load each part, two at a time.
  mkdir -p "$data/parts" "$data/tsdb"
  mawk -v dir="$data/parts" '
    /^# EOF/ {next}
    /^# TYPE/ {family = $0; id++; next}
    /^#/ {next}
    { part = dir "/" int($NF / 7200) ".om"; if (written[part] != id) { print family > part; written[part] = id }; print > part }
    END { for (part in written) { print "# EOF" > part; close(part) } }' "$data/data/metrics.om"
  ls "$data/parts"/*.om | xargs -P 2 -I{} promtool tsdb create-blocks-from openmetrics -q {} "$data/tsdb" >/dev/null
  rm -r "$data/parts" "$data/data/metrics.om"
  cp "$work/timeline.json" "$data/timeline.json"
fi

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

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "global: {}" > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$data/tsdb" --storage.tsdb.retention.time=100y \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do sleep 0.2; done

start=$(date +%s.%N)
set +e
/usr/bin/time -f "%M" -o "$work/rss" "$work/cli/deploy-verifier" tune --checklist "$work/checklist.yml" --prometheus-url "http://127.0.0.1:$port" \
  --var namespace=shop-history --var workload=checkout --releases "$work/releases.txt" --out "$work/tuned.yml" >"$work/out.txt"
code=$?
set -e
end=$(date +%s.%N)
grep -E "^Judged|^Leave-one-out|^Not separable|^  [a-z-]+ [a-zA-Z.]+: " "$work/out.txt" || true
python3 -c "import sys; print(f'{sys.argv[1]} releases: wall {float(sys.argv[3]) - float(sys.argv[2]):.2f} s including process start; peak RSS {int(sys.argv[4]) / 1024:.0f} MB; exit {sys.argv[5]}')" \
  "$releases" "$start" "$end" "$(tail -n 1 "$work/rss")" "$code"
