#!/usr/bin/env bash
# Times replayed soaks as a pipeline runs them (a whole `deploy-verifier verify` process, start included) and
# prints how many Prometheus requests each made: a 30-minute and a 24-hour soak of ten checks every 15 s.
# Usage: scripts/bench-replay.sh [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
scripts/ensure-prometheus.sh >/dev/null

work=$(mktemp -d)
prom_pid=""
cleanup() { [[ -n "$prom_pid" ]] && kill "$prom_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

deployed_at=2024-08-16T13:45:00Z
dotnet publish src/DeployVerifier.Cli -c Release -o "$work/cli" --nologo -v quiet >/dev/null
dotnet run --project examples/local/HistoryWriter -c Release -- "$work/metrics.om" "$deployed_at" $((25 * 60)) shop-healthy
promtool tsdb create-blocks-from openmetrics "$work/metrics.om" "$work/tsdb" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "global: {}" > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --storage.tsdb.retention.time=100y \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do sleep 0.2; done

for soak in 30m 24h; do
  times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s.%N)
    set +e
    "$work/cli/deploy-verifier" verify --checklist scripts/bench/checklist-10.yml --prometheus-url "http://127.0.0.1:$port" \
      --deployed-at "$deployed_at" --soak "$soak" --var namespace=shop-healthy --report-json "$work/report.json" >"$work/out.txt" 2>&1
    code=$?
    set -e
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | awk '{printf "%.2f", $1 - $3}')")
  done
  read -r verdict evaluations requests < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["verdict"], r["soak"]["evaluations"], r["prometheus"]["requests"])' "$work/report.json")
  echo "soak $soak: wall ${times[*]} s (runs); verdict $verdict (exit $code), $evaluations evaluations per check, $requests Prometheus requests"
done
