#!/usr/bin/env bash
# Renders the HTML report of one example release to a PNG, to look at the page as a release manager would.
#
#   scripts/render-html-report.sh                          # shop-memoryleak
#   scripts/render-html-report.sh shop-crashloop           # any namespace of examples/local/run.sh
#   scripts/render-html-report.sh shop-memoryleak --soak 45m   # further arguments go to `deploy-verifier verify`
#
# Writes artifacts/html-report/<namespace>/report.html (with summary.md and report.json beside it) and
# artifacts/html-report/<namespace>.png. Environment: WINDOW (default 1280,2400) is the screenshot's size.
# Exits non-zero only when no page or no screenshot came out; the verdict itself is printed, not returned.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

namespace="${1:-shop-memoryleak}"
shift || true
out_dir="$root/artifacts/html-report/$namespace"
page="$out_dir/report.html"
png="$root/artifacts/html-report/$namespace.png"
window="${WINDOW:-1280,2400}"

if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing chromium"
  sudo_cmd=""
  [[ "$(id -u)" == "0" ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

echo "==> building the CLI"
dotnet build src/DeployVerifier.Cli -c Release -warnaserror -nologo -v quiet

mkdir -p "$out_dir"
rm -f "$page" "$png"
status=0
OUT_DIR="$out_dir" examples/local/run.sh --var "namespace=$namespace" --report-html "$page" "$@" || status=$?
echo "==> verify exited with $status"
if [[ ! -s "$page" ]]; then
  echo "No HTML report was written to $page." >&2
  exit 1
fi

echo "==> screenshot"
profile="$(mktemp -d "${TMPDIR:-/tmp}/deploy-verifier-chromium.XXXXXX")"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$window" --screenshot="$png" "file://$page" >/dev/null 2>&1
if [[ ! -s "$png" ]]; then
  echo "Chromium wrote no screenshot to $png." >&2
  exit 1
fi

echo "Page:       $page"
echo "Screenshot: $png"
