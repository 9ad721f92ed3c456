#!/usr/bin/env bash
# Makes sure prometheus and promtool are on PATH, installing Debian's `prometheus` package if they are not, and
# prometheus-alertmanager (Debian's `prometheus-alertmanager`, for the notify tests and the local example)
# (idempotent; runs `apt-get update` once if an install fails). Prints their versions.
# Debian's packages may also start services on :9090 and :9093; nothing in this repository relies on them.
set -euo pipefail

have_tools() {
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 && command -v prometheus-alertmanager >/dev/null 2>&1
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
  install=("${sudo[@]}" apt-get install -y --no-install-recommends prometheus prometheus-alertmanager)
  echo "Installing prometheus, promtool and prometheus-alertmanager with apt-get..." >&2
  if ! "${install[@]}" >&2; then
    "${sudo[@]}" apt-get update >&2
    "${install[@]}" >&2
  fi
  hash -r
  if ! have_tools; then
    echo "apt-get installed 'prometheus' and 'prometheus-alertmanager', but prometheus, promtool or prometheus-alertmanager is still not on PATH." >&2
    exit 1
  fi
fi

prometheus --version 2>&1 | head -n 1
promtool --version 2>&1 | head -n 1
prometheus-alertmanager --version 2>&1 | head -n 1
