#!/usr/bin/env bash
# Runs every op kind (or $KINDS) for $SECONDS_PER_KIND seconds in the C loop (opsloop.c) and in `tracebench load`
# with one worker, alternating $REPEATS (2) times, and prints the best ops/s of both and the ratio Java/C (goal: >= 0.8).
# The load generator gets the harness's JVM options (LoadJvmOptions), then $JAVA_OPTS. The machine should be otherwise
# idle: other load shifts single runs by tens of percent.
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
trap 'exit 130' INT TERM
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

run_c() { "$work/opsloop" "$1" "$2" "$secs" | awk '{print $2}'; }
run_java() {  # KIND PATH -> ops/s, or exits the script with the load generator's stderr
  local kind="$1" jpath="$2"
  cat > "$work/$kind.yaml" <<YAML
name: compare-$kind
tasks:
  - {op: $kind, path: "$jpath"}
YAML
  jvm_opts="$(java -cp "$jar" org.tracebench.loadgen.cli.LoadJvmOptions load "$work/$kind.yaml" --workers 1)"  # as a trial's
  java $jvm_opts ${JAVA_OPTS:-} -cp "$jar" org.tracebench.loadgen.cli.LoadMain "$work/$kind.yaml" --workers 1 --duration "${secs}s" \
      --warmup 1s --work-root "$work/j-$kind" --json "$work/$kind.json" > "$work/$kind.out" 2> "$work/$kind.err" \
    || { echo "compare.sh: tracebench load failed for $kind:" >&2; cat "$work/$kind.err" >&2; exit 1; }
  if [[ "$(grep -m1 '"errors"' "$work/$kind.json" | sed 's/[^0-9]//g')" != 0 ]]; then
    echo "compare.sh: tracebench load counted errors for $kind:" >&2; grep -A3 errorSamples "$work/$kind.json" >&2
  fi
  grep -m1 '"opsPerSecond"' "$work/$kind.json" | sed 's/[^0-9.]//g'
}

# C and Java alternate $REPEATS times per kind; the best of each is kept, which damps interference from other load.
repeats="${REPEATS:-2}"
echo "# $secs s per run, best of $repeats alternating runs each; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-18s %14s %14s %8s\n' op "C ops/s" "Java ops/s" "Java/C"
for kind in $kinds; do
  cpath="$(prepare "$work/c-$kind" "$kind")"
  jpath="$(prepare "$work/j-$kind" "$kind")"
  c=0; j=0
  for ((r = 0; r < repeats; r++)); do
    c="$(awk -v a="$c" -v b="$(run_c "$kind" "$cpath")" 'BEGIN { print (b > a ? b : a) }')"
    j="$(awk -v a="$j" -v b="$(run_java "$kind" "$jpath")" 'BEGIN { print (b > a ? b : a) }')"
  done
  ratio="$(awk -v j="$j" -v c="$c" 'BEGIN { if (c > 0) printf "%.2f", j / c; else print "n/a" }')"
  printf '%-18s %14.0f %14.0f %8s\n' "$kind" "$c" "$j" "$ratio"
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
