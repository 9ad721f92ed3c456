#!/usr/bin/env bash
# The local example: a real Prometheus holding simulated release history, and deploy-verifier judging one release.
#
#   examples/local/run.sh                                   # the healthy release, namespace shop-healthy
#   examples/local/run.sh --var namespace=shop-crashloop    # any further arguments go to `deploy-verifier verify`
#
# Namespaces (all deployed at 2024-08-16T13:45:00Z, workload "checkout"): shop-healthy, shop-crashloop,
# shop-memoryleak, shop-errorspike, shop-latency, shop-nometrics.
# Environment: PROMETHEUS_PORT (default 19090; the next free port is taken if it is busy),
#              OUT_DIR (default artifacts/local-example: summary.md and report.json; the report files of an earlier
#              run, there or passed as --report-json/--summary-md/--report-html, are removed first),
#              KEEP_PROMETHEUS=1 keeps Prometheus (and Alertmanager) running after the verdict until Ctrl-C,
#              ALERTMANAGER=1 starts an Alertmanager beside it (port ALERTMANAGER_PORT, default 19093) and adds a
#              notify.alertmanager section pointing at it to the checklist; read its alerts with
#              `amtool alert query --alertmanager.url=http://127.0.0.1:19093` or in its web UI.
# Exits with the verifier's exit code.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

deployed_at="2024-08-16T13:45:00Z"
port="${PROMETHEUS_PORT:-19090}"
out_dir="${OUT_DIR:-$root/artifacts/local-example}"
work="$(mktemp -d "${TMPDIR:-/tmp}/deploy-verifier-local.XXXXXX")"
prometheus_pid=""
alertmanager_pid=""

cleanup() {
  if [[ -n "$alertmanager_pid" ]] && kill -0 "$alertmanager_pid" 2>/dev/null; then
    kill "$alertmanager_pid" 2>/dev/null || true
    wait "$alertmanager_pid" 2>/dev/null || true
  fi
  if [[ -n "$prometheus_pid" ]] && kill -0 "$prometheus_pid" 2>/dev/null; then
    kill "$prometheus_pid" 2>/dev/null || true
    wait "$prometheus_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# True if something accepts connections on the port.
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True once Prometheus on the port answers /-/ready with 200.
ready() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/-/ready" 2>/dev/null
    return
  fi
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1"
    printf 'GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    IFS= read -r status <&3
    [[ "$status" == *" 200 "* ]]
  ) 2>/dev/null
}

echo "==> prometheus and promtool"
scripts/ensure-prometheus.sh

echo "==> simulated release history (the first run builds the tools: about a minute)"
dotnet run --project examples/local/HistoryWriter -c Release -- "$work/metrics.om" "$deployed_at"
promtool tsdb create-blocks-from openmetrics "$work/metrics.om" "$work/tsdb" >/dev/null
rm -f "$work/metrics.om"
echo "# No scrape jobs: this server only serves backfilled history." >"$work/prometheus.yml"

echo "==> prometheus"
for attempt in $(seq 1 10); do
  if port_taken "$port"; then
    port=$((port + 1))
    continue
  fi
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --storage.tsdb.retention.time=100y --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
  prometheus_pid=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$prometheus_pid" 2>/dev/null || ready "$port"; then
      break
    fi
    sleep 0.1
  done
  if kill -0 "$prometheus_pid" 2>/dev/null && ready "$port"; then
    break
  fi
  if ! kill -0 "$prometheus_pid" 2>/dev/null && grep -qi "address already in use" "$work/prometheus.log"; then
    prometheus_pid=""
    port=$((port + 1))
    continue
  fi
  echo "Prometheus did not become ready on 127.0.0.1:$port. Its log:" >&2
  tail -n 40 "$work/prometheus.log" >&2
  exit 1
done
if [[ -z "$prometheus_pid" ]] || ! ready "$port"; then
  echo "No free port for Prometheus from ${PROMETHEUS_PORT:-19090} on." >&2
  exit 1
fi
url="http://127.0.0.1:$port"
echo "Prometheus with the example history at $url (pid $prometheus_pid)"

checklist=examples/local/checklist.yml
if [[ "${ALERTMANAGER:-0}" == "1" ]]; then
  echo "==> alertmanager"
  am_port="${ALERTMANAGER_PORT:-19093}"
  while port_taken "$am_port"; do am_port=$((am_port + 1)); done
  # One route to a receiver that sends nothing: the alerts are read from Alertmanager's API and web UI.
  printf 'route: {receiver: none, group_wait: 1s, group_interval: 1s}\nreceivers: [{name: none}]\n' >"$work/alertmanager.yml"
  prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/alertmanager" \
    --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
  alertmanager_pid=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$alertmanager_pid" 2>/dev/null || ready "$am_port"; then break; fi
    sleep 0.1
  done
  if ! ready "$am_port"; then
    echo "Alertmanager did not become ready on 127.0.0.1:$am_port. Its log:" >&2
    tail -n 40 "$work/alertmanager.log" >&2
    exit 1
  fi
  echo "Alertmanager at http://127.0.0.1:$am_port (pid $alertmanager_pid)"
  cp examples/local/checklist.yml "$work/checklist.yml"
  printf '\nnotify:\n  alertmanager:\n    urls: ["http://127.0.0.1:%s"]\n' "$am_port" >>"$work/checklist.yml"
  checklist="$work/checklist.yml"
fi

# Defaults unless the caller passes their own.
args=(verify --prometheus-url "$url" --deployed-at "$deployed_at" --soak 30m)
joined=" $* "
[[ "$joined" == *" --checklist"* ]] || args+=(--checklist "$checklist")
[[ "$joined" == *"namespace="* ]] || args+=(--var namespace=shop-healthy)
[[ "$joined" == *"workload="* ]] || args+=(--var workload=checkout)
[[ "$joined" == *" --summary-md"* ]] || args+=(--summary-md "$out_dir/summary.md")
[[ "$joined" == *" --report-json"* ]] || args+=(--report-json "$out_dir/report.json")
mkdir -p "$out_dir"
# No report of an earlier run may pass for this one's: remove every report file this run may write (the defaults,
# the report.html the README suggests, and any --report-json/--summary-md/--report-html path passed on) first.
stale=("$out_dir/summary.md" "$out_dir/report.json" "$out_dir/report.html")
previous=""
for arg in "$@"; do
  case "$previous" in --report-json | --summary-md | --report-html) stale+=("$arg") ;; esac
  case "$arg" in --report-json=* | --summary-md=* | --report-html=*) stale+=("${arg#*=}") ;; esac
  previous="$arg"
done
rm -f -- "${stale[@]}"

echo "==> deploy-verifier ${args[*]} $*"
status=0
dotnet run --project src/DeployVerifier.Cli -c Release -- "${args[@]}" "$@" || status=$?

# The CLI printed the summary already; say where the files are.
if [[ -f "$out_dir/summary.md" ]]; then
  echo "==> reports: $(ls "$out_dir" | tr '\n' ' ')in $out_dir"
fi
echo "==> deploy-verifier exited with $status"

if [[ "${KEEP_PROMETHEUS:-0}" == "1" ]]; then
  echo "Prometheus keeps running at $url${alertmanager_pid:+, Alertmanager at http://127.0.0.1:$am_port}; Ctrl-C to stop them."
  wait "$prometheus_pid" || true
fi
exit "$status"
