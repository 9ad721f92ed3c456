#!/usr/bin/env bash
# Builds the container image from the Dockerfile and runs it the way the GitHub runner runs the container action
# (action.yml), against a real Prometheus holding the local example's history. No Docker engine is needed: podman
# builds with `--isolation chroot` and runs with runc; the base images are made locally (debootstrap + the host's
# .NET SDK), since public registries may be unreachable.
#
#   sudo scripts/container-test.sh
#
# Needs: root, Debian (apt-get), the .NET 10 SDK on PATH (for the local SDK image and the history generator).
# Installs podman, debootstrap, runc and prometheus with apt-get when they are missing.
# Caches localhost/dv-bookworm-base and localhost/dv-sdk (REBUILD_BASE=1 rebuilds both).
# Environment: OUT_DIR (default artifacts/container-test: reports, summaries and logs of each run),
#              SCENARIOS (default "shop-crashloop:1 shop-healthy:0", namespace:expected exit code),
#              (the step outputs and the job summary are always checked),
#              KEEP_WORK=1 keeps the temporary folder.
# Prints the image size, the published folder's size and start-up times; ends with PASS or FAIL (exit 0 or 1).
set -euo pipefail

# The value of an output in a GITHUB_OUTPUT file, in either of its forms: name=value or name<<DELIMITER.
output_value() {
  awk -v name="$2" '
    index($0, name "=") == 1 { print substr($0, length(name) + 2); exit }
    index($0, name "<<") == 1 { getline; print; exit }' "$1"
}

started_at=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

image="localhost/deploy-verifier:test"
base_image="localhost/dv-bookworm-base"
sdk_image="localhost/dv-sdk"
deployed_at="2024-08-16T13:45:00Z"
scenarios="${SCENARIOS:-shop-crashloop:1 shop-healthy:0}"
out_dir="${OUT_DIR:-$root/artifacts/container-test}"
work="$(mktemp -d "${TMPDIR:-/tmp}/dv-container-test.XXXXXX")"
prometheus_pid=""
failures=()

say() { printf '\n==> %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; failures+=("$*"); }

cleanup() {
  if [[ -n "$prometheus_pid" ]] && kill -0 "$prometheus_pid" 2>/dev/null; then
    kill "$prometheus_pid" 2>/dev/null || true
    wait "$prometheus_pid" 2>/dev/null || true
  fi
  if [[ "${KEEP_WORK:-0}" == "1" ]]; then
    echo "Kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ "$(id -u)" -ne 0 ]]; then
  echo "container-test.sh needs root (podman with runc, debootstrap and apt-get)." >&2
  exit 2
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK must be on PATH: its folder becomes the local SDK image, and it runs the history generator." >&2
  exit 2
fi

# ---------------------------------------------------------------------------------------------------------------
say "tools: podman, debootstrap, runc"
missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v runc >/dev/null 2>&1 || [[ -x /usr/sbin/runc ]] || missing+=(runc)
if ((${#missing[@]} > 0)); then
  export DEBIAN_FRONTEND=noninteractive
  echo "apt-get install ${missing[*]}"
  if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  hash -r
fi
runc_path="$(command -v runc || echo /usr/sbin/runc)"
podman --version
"$runc_path" --version | head -n 1

# Debian's default runtime (crun) fails here on setrlimit and hybrid cgroups; runc without default ulimits works.
printf '[containers]\ndefault_ulimits = []\n' >"$work/containers.conf"
export CONTAINERS_CONF="$work/containers.conf"
run_container() { podman --runtime "$runc_path" run --rm "$@"; }

# ---------------------------------------------------------------------------------------------------------------
say "base image $base_image (debootstrap; cached)"
if [[ "${REBUILD_BASE:-0}" == "1" ]]; then
  podman image rm -f "$sdk_image" "$base_image" >/dev/null 2>&1 || true
fi
if podman image exists "$base_image"; then
  echo "cached"
else
  # The mirror apt already uses (deb822 stanza or one-line format), else Debian's CDN.
  mirror="$(awk 'BEGIN { RS = "" } /Suites:[^\n]*bookworm([ \n]|$)/ && !/security/ {
              if (match($0, /URIs:[ \t]*[^ \t\n]+/)) { u = substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", u); print u; exit } }' \
              /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
    mirror="$(awk '$1 == "deb" && $0 !~ /security/ && $0 ~ /debian/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list)"
  fi
  mirror="${mirror:-http://deb.debian.org/debian}"
  echo "debootstrap bookworm from $mirror"
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g,libstdc++6 \
    bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base_image" >/dev/null
  rm -rf "$rootfs"
fi

# ---------------------------------------------------------------------------------------------------------------
say "SDK image $sdk_image (the host's .NET SDK and CA certificates; cached per SDK version)"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
sdk_version="$(dotnet --version)"
certs=(/usr/local/share/ca-certificates/*.crt)
[[ -e "${certs[0]}" ]] || certs=()
certs_sum=none
if ((${#certs[@]} > 0)); then certs_sum="$(cat "${certs[@]}" | sha256sum | cut -c1-16)"; fi
sdk_key="$sdk_version-$certs_sum"
if podman image exists "$sdk_image" &&
  [[ "$(podman image inspect --format '{{ index .Labels "dv.sdk-key" }}' "$sdk_image")" == "$sdk_key" ]]; then
  echo "cached ($sdk_key)"
else
  ctx="$work/sdk-context"
  mkdir -p "$ctx/certs"
  cp -a "$dotnet_root" "$ctx/dotnet"
  if ((${#certs[@]} > 0)); then cp "${certs[@]}" "$ctx/certs/"; fi
  cat >"$ctx/Dockerfile" <<EOF
FROM $base_image
COPY dotnet /usr/share/dotnet
COPY certs/ /usr/local/share/ca-certificates/
RUN ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet && update-ca-certificates
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LABEL dv.sdk-key="$sdk_key"
EOF
  podman build --isolation chroot -q -t "$sdk_image" "$ctx" >/dev/null
  rm -rf "$ctx"
  echo "built ($sdk_key)"
fi

# ---------------------------------------------------------------------------------------------------------------
# A version as the release workflow passes it from the tag (v1.4.2 -> 1.4.2): it must reach --version and the labels.
test_version="1.4.2-test"
say "image $image (podman build of the Dockerfile, version $test_version)"
build_started=$(date +%s)
podman build --isolation chroot \
  --build-arg SDK_IMAGE="$sdk_image" --build-arg RUNTIME_IMAGE="$base_image" \
  --build-arg REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
  --build-arg VERSION="$test_version" \
  -t "$image" . >"$work/build.log" 2>&1 || { tail -n 60 "$work/build.log" >&2; echo "FAIL: podman build" >&2; exit 1; }
build_seconds=$(($(date +%s) - build_started))
grep -E "warning|error" "$work/build.log" | grep -v "^STEP" | head -n 20 || true
echo "built in ${build_seconds}s"

podman create --name "dv-extract-$$" "$image" >/dev/null
podman cp "dv-extract-$$:/app" "$work/app"
podman rm "dv-extract-$$" >/dev/null
image_bytes="$(podman image inspect --format '{{.Size}}' "$image")"
published_bytes="$(du -sb "$work/app" | cut -f1)"

version_out="$(run_container "$image" --version 2>&1 || true)"
[[ "$version_out" == *"$test_version"* ]] || fail "--version printed '$version_out', not $test_version"
label="$(podman image inspect --format '{{ index .Labels "org.opencontainers.image.version" }}' "$image")"
[[ "$label" == "$test_version" ]] || fail "the image label org.opencontainers.image.version is '$label', not $test_version"
echo "version from the build argument: --version '$version_out', label '$label'"

help="$(run_container "$image" verify --help 2>&1 || true)"
flags_exist=1
for flag in --report-json --summary-md; do
  [[ "$help" == *"$flag"* ]] || { flags_exist=0; echo "verify --help does not list $flag"; }
done

# ---------------------------------------------------------------------------------------------------------------
say "prometheus with the local example's history"
scripts/ensure-prometheus.sh
dotnet run --project examples/local/HistoryWriter -c Release -- "$work/metrics.om" "$deployed_at"
promtool tsdb create-blocks-from openmetrics "$work/metrics.om" "$work/tsdb" >/dev/null
rm -f "$work/metrics.om"
echo "# No scrape jobs: this server only serves backfilled history." >"$work/prometheus.yml"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1"
    printf 'GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    IFS= read -r status <&3
    [[ "$status" == *" 200 "* ]]
  ) 2>/dev/null
}
port="${PROMETHEUS_PORT:-19190}"
for _ in $(seq 1 20); do
  if port_taken "$port"; then
    port=$((port + 1))
    continue
  fi
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --storage.tsdb.retention.time=100y --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
  prometheus_pid=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$prometheus_pid" 2>/dev/null || ready "$port"; then break; fi
    sleep 0.1
  done
  if kill -0 "$prometheus_pid" 2>/dev/null && ready "$port"; then break; fi
  if ! kill -0 "$prometheus_pid" 2>/dev/null && grep -qi "address already in use" "$work/prometheus.log"; then
    prometheus_pid=""
    port=$((port + 1))
    continue
  fi
  tail -n 40 "$work/prometheus.log" >&2
  echo "FAIL: Prometheus did not become ready on 127.0.0.1:$port" >&2
  exit 1
done
if [[ -z "$prometheus_pid" ]] || ! ready "$port"; then
  echo "FAIL: no free port for Prometheus" >&2
  exit 1
fi
url="http://127.0.0.1:$port"
echo "Prometheus at $url (pid $prometheus_pid)"

# ---------------------------------------------------------------------------------------------------------------
# The inputs' defaults, read from action.yml (the runner sets INPUT_<NAME> for every input that has one).
action_defaults() {
  awk '
    /^inputs:/ { on = 1; next }
    on && /^[^ #]/ { on = 0 }
    on && /^  [a-z0-9-]+:[ \t]*$/ { name = $1; sub(/:$/, "", name); next }
    on && name != "" && /^    default:/ {
      value = $0; sub(/^    default:[ \t]*/, "", value); gsub(/^'\''|'\''$/, "", value)
      print toupper(name) "=" value; name = ""
    }' action.yml
}
mapfile -t defaults < <(action_defaults)
echo "action.yml defaults: ${defaults[*]}"

# Runs the image like the runner runs a container action: the workspace at /github/workspace as the working
# directory, the file-command files under /github/file_commands, HOME=/github/home, INPUT_* from the inputs.
# Arguments after the namespace go to the container (after the image: the action's args).
run_action() {
  local namespace="$1" dir="$2"
  shift 2
  rm -rf "$dir"
  mkdir -p "$dir/workspace" "$dir/_runner_file_commands" "$dir/_github_home" "$dir/_github_workflow"
  cp examples/local/checklist.yml "$dir/workspace/checklist.yml"
  local id=$RANDOM$RANDOM
  : >"$dir/_runner_file_commands/set_output_$id"
  : >"$dir/_runner_file_commands/step_summary_$id"
  echo "$id" >"$dir/id"
  local envs=()
  local pair
  for pair in "${defaults[@]}"; do envs+=(-e "INPUT_$pair"); done
  envs+=(
    -e "INPUT_CHECKLIST=checklist.yml"
    -e "INPUT_PROMETHEUS-URL=$url"
    -e "INPUT_DEPLOYED-AT=$deployed_at"
    -e "INPUT_VARS=namespace=$namespace"$'\n'"workload=checkout"$'\n'
    -e HOME=/github/home -e CI=true -e GITHUB_ACTIONS=true -e RUNNER_OS=Linux
    -e GITHUB_WORKSPACE=/github/workspace -e GITHUB_REPOSITORY=your-org/shop -e GITHUB_SHA=0123456789abcdef0123456789abcdef01234567
    -e GITHUB_RUN_ID=1 -e GITHUB_RUN_ATTEMPT=1 -e GITHUB_SERVER_URL=https://github.com -e GITHUB_API_URL=https://api.github.com
    -e "GITHUB_OUTPUT=/github/file_commands/set_output_$id"
    -e "GITHUB_STEP_SUMMARY=/github/file_commands/step_summary_$id"
  )
  local status=0
  run_container --network host --workdir /github/workspace \
    -v "$dir/workspace:/github/workspace" -v "$dir/_runner_file_commands:/github/file_commands" \
    -v "$dir/_github_home:/github/home" -v "$dir/_github_workflow:/github/workflow" \
    "${envs[@]}" "$image" "$@" >"$dir/stdout.log" 2>"$dir/stderr.log" || status=$?
  echo "$status" >"$dir/exit"
  return 0
}

say "the action against Prometheus"
use_flags=0  # 1 once the image turns out not to honour INPUT_REPORT-JSON yet: pass the report paths as args
report_mode="INPUT_REPORT-JSON (action.yml default)"
mkdir -p "$out_dir"
for scenario in $scenarios; do
  namespace="${scenario%%:*}"
  expected="${scenario##*:}"
  expected_verdict=$([[ "$expected" == 0 ]] && echo passed || { [[ "$expected" == 1 ]] && echo failed || echo inconclusive; })
  dir="$work/run-$namespace"
  args=(verify)
  ((use_flags)) && args+=(--report-json deploy-verifier-report.json --summary-md deploy-verifier-summary.md)
  t0=$(date +%s%N)
  run_action "$namespace" "$dir" "${args[@]}"
  if ((use_flags == 0)) && [[ "$(cat "$dir/exit")" == "$expected" && ! -s "$dir/workspace/deploy-verifier-report.json" ]]; then
    if ((flags_exist)); then
      echo "NOTE: no report at INPUT_REPORT-JSON's path: this build does not read the report inputs yet; passing --report-json/--summary-md as args from now on"
      use_flags=1
      report_mode="--report-json/--summary-md args (INPUT_REPORT-JSON not honoured by this build)"
      args+=(--report-json deploy-verifier-report.json --summary-md deploy-verifier-summary.md)
      run_action "$namespace" "$dir" "${args[@]}"
    fi
  fi
  ms=$((($(date +%s%N) - t0) / 1000000))
  status="$(cat "$dir/exit")"
  id="$(cat "$dir/id")"
  echo "--- $namespace: exit $status (expected $expected) in ${ms} ms; podman run ... $image ${args[*]}"
  sed 's/^/    /' "$dir/stdout.log" | tail -n 25
  [[ -s "$dir/stderr.log" ]] && sed 's/^/    stderr: /' "$dir/stderr.log" | tail -n 15
  [[ "$status" == "$expected" ]] || fail "$namespace: exit code $status, expected $expected"

  report="$dir/workspace/deploy-verifier-report.json"
  if [[ -s "$report" ]]; then
    grep -Eq "\"verdict\"[[:space:]]*:[[:space:]]*\"$expected_verdict\"" "$report" ||
      fail "$namespace: the report does not say \"verdict\": \"$expected_verdict\""
  else
    fail "$namespace: no report written to the workspace (deploy-verifier-report.json)"
  fi
  step_summary="$dir/_runner_file_commands/step_summary_$id"
  if [[ -s "$step_summary" ]]; then
    echo "    job summary (GITHUB_STEP_SUMMARY): $(wc -c <"$step_summary") bytes"
  else
    fail "$namespace: nothing written to GITHUB_STEP_SUMMARY"
  fi
  outputs="$dir/_runner_file_commands/set_output_$id"
  verdict=$(output_value "$outputs" verdict)
  decided=$(output_value "$outputs" decided-at)
  report=$(output_value "$outputs" report)
  echo "    outputs: verdict=$verdict decided-at=$decided report=$report"
  [[ "$verdict" == "$expected_verdict" ]] || fail "$namespace: GITHUB_OUTPUT has verdict '$verdict', expected $expected_verdict"
  [[ -n "$decided" ]] || fail "$namespace: GITHUB_OUTPUT has no decided-at"
  [[ -n "$report" && -f "$dir/workspace/$report" ]] || fail "$namespace: GITHUB_OUTPUT's report '$report' is not a file in the workspace"
  mkdir -p "$out_dir/$namespace"
  cp -r "$dir/workspace/." "$dir/_runner_file_commands" "$dir/stdout.log" "$dir/stderr.log" "$out_dir/$namespace/" 2>/dev/null || true
done

# ---------------------------------------------------------------------------------------------------------------
say "figures"
avg_ms() { # runs "$@" 5 times (after one warm-up), prints the average wall time in ms
  "$@" >/dev/null 2>&1 || true
  local total=0 t0
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    total=$((total + $(date +%s%N) - t0))
  done
  echo $((total / 5 / 1000000))
}
in_container_ms="$(avg_ms run_container --network host "$image" --version)"
in_container_help_ms="$(avg_ms run_container --network host "$image" verify --help)"
host_ms="$(avg_ms "$work/app/deploy-verifier" --version)"
host_help_ms="$(avg_ms "$work/app/deploy-verifier" verify --help)"
in_container_validate_ms="$(avg_ms run_container -v "$root/examples/local:/w:ro" "$image" validate --checklist /w/checklist.yml)"
host_validate_ms="$(avg_ms "$work/app/deploy-verifier" validate --checklist examples/local/checklist.yml)"
version="$("$work/app/deploy-verifier" --version 2>&1 | head -n 1 || true)"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
wall=$(($(date +%s) - started_at))
{
  echo "deploy-verifier version:        $version"
  echo "image:                          $image, $(mb "$image_bytes") ($image_bytes bytes; base $base_image $(mb "$(podman image inspect --format '{{.Size}}' "$base_image")"))"
  echo "published folder (/app):        $(mb "$published_bytes") ($(find "$work/app" -type f | wc -l) files; self-contained, ReadyToRun, not trimmed)"
  echo "image build (podman build):     ${build_seconds} s"
  echo "start-up, --version:            ${in_container_ms} ms in the container (podman run --rm, runc), ${host_ms} ms the binary on the host (average of 5)"
  echo "start-up, verify --help:        ${in_container_help_ms} ms in the container, ${host_help_ms} ms on the host"
  echo "validate (checklist, no Prom.): ${in_container_validate_ms} ms in the container, ${host_validate_ms} ms on the host"
  echo "load average at the end:        $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (timings stretch under load)"
  echo "report inputs:                  $report_mode"
  echo "wall time:                      ${wall} s"
} | tee "$out_dir/figures.txt"
cp "$work/build.log" "$out_dir/build.log"

if ((${#failures[@]} > 0)); then
  printf '\nFAIL: %d problem(s):\n' "${#failures[@]}"
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
printf '\nPASS: the image exits %s as expected, with reports (%s)\n' "$scenarios" "$out_dir"
exit 0
