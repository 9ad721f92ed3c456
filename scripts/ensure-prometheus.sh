#!/usr/bin/env bash
# Makes sure prometheus and promtool are on PATH, installing Debian's `prometheus` package if they are not
# (idempotent; runs `apt-get update` once if the install fails). Prints their versions.
# Debian's package may also start a Prometheus service on :9090; nothing in this repository relies on it.
set -euo pipefail

have_tools() {
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1
}

if ! have_tools; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "prometheus/promtool not found and apt-get is not available: install Prometheus 2.x yourself." >&2
    exit 1
  fi
  sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "Installing prometheus needs root (or sudo)." >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  install=("${sudo[@]}" apt-get install -y --no-install-recommends prometheus)
  echo "Installing prometheus and promtool with apt-get..." >&2
  if ! "${install[@]}" >&2; then
    "${sudo[@]}" apt-get update >&2
    "${install[@]}" >&2
  fi
  hash -r
  if ! have_tools; then
    echo "apt-get installed 'prometheus', but prometheus or promtool is still not on PATH." >&2
    exit 1
  fi
fi

prometheus --version 2>&1 | head -n 1
promtool --version 2>&1 | head -n 1
