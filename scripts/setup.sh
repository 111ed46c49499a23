#!/usr/bin/env bash
# Installs what tracebench and its tests need on Debian/Ubuntu and mounts tracefs. Idempotent; run as root.
set -euo pipefail
if [[ $(id -u) -ne 0 ]]; then
  echo "setup.sh: run as root: it installs packages with apt-get and mounts tracefs." >&2
  exit 2
fi
need=()
command -v java   >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn    >/dev/null || need+=(maven)
command -v cc     >/dev/null || need+=(gcc libc6-dev)
command -v strace >/dev/null || need+=(strace)
command -v fatrace >/dev/null || need+=(fatrace)
command -v bpftrace >/dev/null || need+=(bpftrace)
command -v bpftool >/dev/null || need+=(bpftool)
if ((${#need[@]})); then
  echo "setup.sh: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
  apt-get install -y -qq "${need[@]}" >&2
fi
# mountinfo: the file-system type follows the " - " separator (optional fields shift the columns before it).
if ! grep -q ' - tracefs ' /proc/self/mountinfo; then
  mount -t tracefs nodev /sys/kernel/tracing
fi
echo "setup.sh: ready (java $(java -version 2>&1 | head -1 | awk '{print $3}'), strace, fatrace, bpftrace, tracefs)." >&2
