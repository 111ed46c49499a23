#!/usr/bin/env bash
# Measures which system calls the load generator's worker thread issues per operation, for each op kind (or
# $KINDS): runs `tracebench load` (1 worker, 300 ms) under strace -f, keeps the worker thread's calls and divides
# by the operations it performed (ground truth count). Calls below 0.05 per op (JIT, GC, timers) are left out.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
kinds="${KINDS:-read direct-read write direct-write create-delete chmod chown mkdir remove rename hard-link soft-link open stat readdir fsync truncate execute-subproc execute-subthread fork}"
command -v strace >/dev/null || { echo "syscalls.sh: strace is needed: apt-get install -y strace" >&2; exit 1; }
"$repo/tracebench" --version >/dev/null
jar="$repo/harness/target/tracebench.jar"
work="$(mktemp -d "${BENCH_DIR:-/var/tmp}/tracebench-syscalls.XXXXXX")"
trap 'rm -rf "$work"' EXIT
for kind in $kinds; do
  case "$kind" in
    execute-subproc|execute-subthread|fork) target="\"true\"" ;;
    readdir) target="d" ;;
    *) target="f" ;;
  esac
  printf 'tasks:\n  - {op: %s, path: %s}\n' "$kind" "$target" > "$work/t.yaml"
  jvm_opts="$(java -cp "$jar" org.tracebench.loadgen.cli.LoadJvmOptions load "$work/t.yaml")"  # as in a trial; add $JAVA_OPTS
  strace -f -qq -o "$work/trace" java $jvm_opts ${JAVA_OPTS:-} -cp "$jar" org.tracebench.loadgen.cli.LoadMain "$work/t.yaml" \
      --duration 300ms --warmup 0s --work-root "$work/root" --json "$work/r.json" >/dev/null 2>&1
  n="$(awk '/"groundTruth"/{g=1} g && /"count"/{gsub(/[^0-9]/,""); print; exit}' "$work/r.json")"
  tid="$(grep 'PR_SET_NAME, "tracebench-work"' "$work/trace" | head -1 | awk '{print $1}')"
  printf '%-18s %7s ops: ' "$kind" "$n"
  grep "^$tid " "$work/trace" | grep -v 'resumed>' | sed -E 's/^[0-9]+ +//; s/\(.*//' | sort | uniq -c \
    | awk -v n="$n" '$1 / n >= 0.05 { printf "%s %.2f  ", $2, $1 / n }'
  echo
done
