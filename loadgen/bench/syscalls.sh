#!/usr/bin/env bash
# Measures which system calls the load generator's worker thread issues per operation, for each op kind (or
# $KINDS): runs `tracebench load` (1 worker, 300 ms) under strace -f, keeps the worker thread's calls and divides
# by the operations it performed (ground truth count). Calls below 0.05 per op (JIT, GC, timers) are left out.
# Kinds whose effect would fail the next iteration run with the tasks that undo it, and are reported per iteration.
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
    execute-subproc|execute-subthread|fork) target="\"true\""; setup="" ;;
    readdir) target="d"; setup="  - {path: d/entry, size: 1KiB, content: random}" ;;
    *) target="f"; setup="  - {path: f, size: 64KiB, content: random}" ;;
  esac
  case "$kind" in   # ops do one thing; these tasks undo it so the loop repeats (as compare.sh)
    mkdir) undo="  - {op: remove, path: f}"; setup="" ;;
    create-delete|write|direct-write) undo=""; setup="" ;;
    remove) undo="  - {op: write, path: f}" ;;
    rename) undo=$'  - {op: remove, path: f-renamed}\n  - {op: write, path: f}' ;;
    hard-link|soft-link) undo="  - {op: remove, path: f-$kind}" ;;
    *) undo="" ;;
  esac
  { [[ -n "$setup" ]] && printf 'setup:\n%s\n' "$setup"
    printf 'tasks:\n  - {op: %s, path: %s}\n' "$kind" "$target"
    [[ -n "$undo" ]] && printf '%s\n' "$undo"; true; } > "$work/t.yaml"
  label="$kind${undo:+ (per iteration, with the undo tasks)}"
  strace -f -qq -o "$work/trace" java -cp "$jar" org.tracebench.loadgen.cli.LoadMain "$work/t.yaml" \
      --duration 300ms --warmup 0s --work-root "$work/root" --json "$work/r.json" >/dev/null 2>&1
  n="$(awk '/"groundTruth"/{g=1} g && /"count"/{gsub(/[^0-9]/,""); print; exit}' "$work/r.json")"
  tid="$(grep 'PR_SET_NAME, "tracebench-work"' "$work/trace" | head -1 | awk '{print $1}')"
  printf '%-45s %7s ops: ' "$label" "$n"
  grep "^$tid " "$work/trace" | grep -v 'resumed>' | sed -E 's/^[0-9]+ +//; s/\(.*//' | sort | uniq -c \
    | awk -v n="$n" '$1 / n >= 0.05 { printf "%s %.2f  ", $2, $1 / n }'
  echo
done
