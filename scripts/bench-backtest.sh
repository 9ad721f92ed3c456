#!/usr/bin/env bash
# Times `deploy-verifier backtest` as a user runs it (a whole process, start included) over a history of N releases
# of the Kubernetes example, one every EVERY minutes, cycling through the corpus's timeline scenarios, and prints the
# wall time, the releases per verdict and the Prometheus requests (checks × releases × 6 + discovery is the bound).
# Needs ../shared/scenarios (the corpus's generator). Usage: scripts/bench-backtest.sh [releases, default 24] [every_min, default 120]
# CLI=path times that deploy-verifier instead of publishing the repository's.
# SKIP=a,b leaves scenarios out of the cycle (the generator can't label a seed-incident that never crashes: SKIP=seed-incident).
# DATA=dir keeps the generated history there and reuses it on the next run with the same arguments, so the timing can
# be repeated on a quiet machine.
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
if [[ -n "${CLI:-}" ]]; then  # CLI=path/to/deploy-verifier times a CLI already built
  mkdir -p "$work/cli" && ln -s "$(realpath "$CLI")" "$work/cli/deploy-verifier"
else
  dotnet publish src/DeployVerifier.Cli -c Release -o "$work/cli" --nologo -v quiet >/dev/null
fi
data="${DATA:-$work/history}"
if ! { [[ -f "$data/timeline.json" ]] && cmp -s "$data/timeline.json" "$work/timeline.json" && [[ -d "$data/tsdb" ]]; }; then
  rm -rf "$data" && mkdir -p "$data"
  python3 "$shared/generate.py" "$shared/public.json" --timeline "$work/timeline.json" --out "$data/data" >/dev/null
  # promtool reads the whole file once per two-hour block (a month is 360 of them): split it by block first, then
  # load each part, two at a time.
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
mkdir -p "$work/data" && cp "$data/data/expected.json" "$work/data/expected.json"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "global: {}" > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$data/tsdb" --storage.tsdb.retention.time=100y \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do sleep 0.2; done

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
