# Sourced by bench-backtest.sh and bench-tune.sh: the history both time, and the CLI and Prometheus they time it with.
# Needs $shared (the scenario corpus), $releases and $every set; reads CLI, DATA and SKIP. Leaves a scratch folder in
# $work (removed on exit, with the Prometheus), the CLI at $work/cli/deploy-verifier, the labels at
# $data/data/expected.json, and a Prometheus serving the history on 127.0.0.1:$port.
scripts/ensure-prometheus.sh >/dev/null

work=$(mktemp -d)
prom_pid=""
cleanup() { [[ -n "$prom_pid" ]] && kill "$prom_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# N releases of the Kubernetes example, one every EVERY minutes, cycling through the corpus's timeline scenarios.
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
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "global: {}" > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$data/tsdb" --storage.tsdb.retention.time=100y \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do sleep 0.2; done
