#!/usr/bin/env bash
# Runs every op kind (or $KINDS) for $SECONDS_PER_KIND seconds in the C loop (opsloop.c) and in `tracebench load`
# with one worker, side by side, and prints ops/s of both and the ratio Java/C (goal: >= 0.8).
# Usage: loadgen/bench/compare.sh            KINDS="read stat" SECONDS_PER_KIND=5 loadgen/bench/compare.sh
# Needs cc and java; builds the shaded jar through ./tracebench when it is missing or stale.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
secs="${SECONDS_PER_KIND:-3}"
kinds="${KINDS:-read direct-read write direct-write execute-subproc execute-subthread fork create-delete chmod chown mkdir remove rename hard-link soft-link open stat readdir fsync truncate}"
base="${BENCH_DIR:-/var/tmp}"   # a disk file system, so O_DIRECT really goes to the device

command -v cc >/dev/null || { echo "compare.sh: a C compiler is needed: apt-get install -y gcc" >&2; exit 1; }
work="$(mktemp -d "$base/tracebench-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cc -O2 -Wall -o "$work/opsloop" "$here/opsloop.c" -lpthread
"$repo/tracebench" --version >/dev/null   # builds the jar when needed
jar="$repo/harness/target/tracebench.jar"
truebin="$(command -v true)"; [[ "$truebin" == /* ]] || truebin=/bin/true

# prepare DIR KIND -> prints the path to operate on, creating what the kind needs (the same for C and Java)
prepare() {
  local dir="$1" kind="$2"
  mkdir -p "$dir"
  case "$kind" in
    execute-subproc|execute-subthread|fork) echo "$truebin" ;;
    readdir) mkdir -p "$dir/target"; for i in $(seq 0 9); do echo x > "$dir/target/entry-$i"; done; echo "$dir/target" ;;
    mkdir|create-delete|write|direct-write) echo "$dir/target" ;;
    *) head -c 65536 /dev/urandom > "$dir/target"; echo "$dir/target" ;;
  esac
}

printf '%-18s %14s %14s %8s\n' op "C ops/s" "Java ops/s" "Java/C"
for kind in $kinds; do
  cpath="$(prepare "$work/c-$kind" "$kind")"
  c="$("$work/opsloop" "$kind" "$cpath" "$secs" | awk '{print $2}')"
  jpath="$(prepare "$work/j-$kind" "$kind")"
  cat > "$work/$kind.yaml" <<YAML
name: compare-$kind
tasks:
  - {op: $kind, path: "$jpath"}
YAML
  java -cp "$jar" org.tracebench.loadgen.cli.LoadMain "$work/$kind.yaml" --workers 1 --duration "${secs}s" \
      --warmup 1s --work-root "$work/j-$kind" --json "$work/$kind.json" > "$work/$kind.out" 2> "$work/$kind.err" \
    || { echo "compare.sh: tracebench load failed for $kind:" >&2; cat "$work/$kind.err" >&2; exit 1; }
  j="$(grep -m1 '"opsPerSecond"' "$work/$kind.json" | sed 's/[^0-9.]//g')"
  errs="$(grep -m1 '"errors"' "$work/$kind.json" | sed 's/[^0-9]//g')"
  ratio="$(awk -v j="$j" -v c="$c" 'BEGIN { if (c > 0) printf "%.2f", j / c; else print "n/a" }')"
  printf '%-18s %14.0f %14.0f %8s%s\n' "$kind" "$c" "$j" "$ratio" "$([[ "$errs" != 0 ]] && echo "  ($errs Java errors)")"
done
