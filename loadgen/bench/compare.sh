#!/usr/bin/env bash
# Runs every op kind (or $KINDS) for $SECONDS_PER_KIND (1) seconds in the C loop (opsloop.c) and in `tracebench load`
# with one worker, as $REPEATS (5) pairs per kind, C then Java in even pairs and Java then C in odd ones, and prints per
# kind the median ops/s of both sides and the median of the pairs' ratios Java/C with their min-max (goal: >= 0.8),
# then each pair's ratio. The load generator gets the harness's JVM options (LoadJvmOptions), then $JAVA_OPTS.
# PIN=CPULIST runs both sides under `taskset -c CPULIST` (e.g. PIN=1); unpinned, the scheduler places them. The machine
# should be otherwise idle: other load shifts single runs by tens of percent, so the script warns when the 1-minute load
# average is over 0.5 at the start and reports, per kind, the most CPU other processes used during one of its runs.
# About 25 s per kind with the defaults (8 min for all 20). KINDS="read stat" narrows it.
# Usage: loadgen/bench/compare.sh            KINDS="read stat" REPEATS=7 SECONDS_PER_KIND=3 PIN=1 loadgen/bench/compare.sh
# Needs cc and java; builds the shaded jar through ./tracebench when it is missing or stale.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
secs="${SECONDS_PER_KIND:-1}"
all="read direct-read write direct-write execute-subproc execute-subthread fork create-delete chmod chown mkdir remove rename hard-link soft-link open stat readdir fsync truncate"
kinds="${KINDS:-$all}"
for k in $kinds; do
  [[ " $all " == *" $k "* ]] || { echo "compare.sh: KINDS names an unknown op kind '$k'; expected some of: $all." >&2; exit 2; }
done
base="${BENCH_DIR:-/var/tmp}"   # a disk file system, so O_DIRECT really goes to the device
repeats="${REPEATS:-5}"
[[ "$repeats" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: REPEATS must be a positive whole number, not '$repeats'." >&2; exit 2; }
[[ "$secs" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v s="$secs" 'BEGIN { exit !(s > 0) }' \
  || { echo "compare.sh: SECONDS_PER_KIND must be a positive number of seconds, not '$secs'." >&2; exit 2; }
pin=(); placement="none (the scheduler places both sides)"
if [[ -n "${PIN:-}" ]]; then
  command -v taskset >/dev/null || { echo "compare.sh: PIN needs taskset: apt-get install -y util-linux" >&2; exit 2; }
  taskset -c "$PIN" true 2>/dev/null \
    || { echo "compare.sh: PIN=$PIN is not a CPU list taskset -c accepts on this machine (CPUs $(cat /sys/devices/system/cpu/online))." >&2; exit 2; }
  pin=(taskset -c "$PIN"); placement="taskset -c $PIN for both sides"
fi

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

run_c() { "${pin[@]}" "$work/opsloop" "$1" "$2" "$secs" | awk '{print $2}'; }
java_task() {  # KIND PATH -> writes the kind's task file and sets jvm_opts, the options a trial's load would get
  cat > "$work/$1.yaml" <<YAML
name: compare-$1
tasks:
  - {op: $1, path: "$2"}
YAML
  jvm_opts="$(java -cp "$jar" org.tracebench.loadgen.cli.LoadJvmOptions load "$work/$1.yaml" --workers 1)"
}
run_java() {  # KIND -> ops/s, or exits the script with the load generator's stderr (java_task first)
  local kind="$1"
  "${pin[@]}" java $jvm_opts ${JAVA_OPTS:-} -cp "$jar" org.tracebench.loadgen.cli.LoadMain "$work/$kind.yaml" --workers 1 --duration "${secs}s" \
      --warmup 1s --work-root "$work/j-$kind" --json "$work/$kind.json" > "$work/$kind.out" 2> "$work/$kind.err" \
    || { echo "compare.sh: tracebench load failed for $kind:" >&2; cat "$work/$kind.err" >&2; exit 1; }
  if [[ "$(grep -m1 '"errors"' "$work/$kind.json" | sed 's/[^0-9]//g')" != 0 ]]; then
    echo "compare.sh: tracebench load counted errors for $kind:" >&2; grep -A3 errorSamples "$work/$kind.json" >&2
  fi
  grep -m1 '"opsPerSecond"' "$work/$kind.json" | sed 's/[^0-9.]//g'
}

# busy_ticks: the machine's busy CPU time so far (user+nice+system+irq+softirq+steal, in USER_HZ ticks)
hz="$(getconf CLK_TCK)"
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# own_ticks: CPU time of this script's finished children (the runs), in USER_HZ ticks, from the shell's `times`
# (run in this shell: a $(...) subshell would report its own children, none)
own_ticks() { times > "$work/times"; awk -v hz="$hz" 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += a[1] * 60 + a[2] } print int(s * hz + 0.5) }' "$work/times"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

load1="$(cut -d' ' -f1 /proc/loadavg)"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs; $secs s per run,"\
  "$repeats pairs per kind (C then Java, Java then C, ...); pinning: $placement"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$load1" 'BEGIN { exit !(l > 0.5) }'; then
  echo "compare.sh: warning: the 1-minute load average is $load1 (over 0.5): other processes are running, and they shift" \
    "single runs by tens of percent; see the 'other' column." >&2
fi
printf '%-18s %12s %12s %7s %11s %7s  %s\n' op "C ops/s" "Java ops/s" "Java/C" "min-max" "other" "pairs (Java/C)"
for kind in $kinds; do
  cpath="$(prepare "$work/c-$kind" "$kind")"
  jpath="$(prepare "$work/j-$kind" "$kind")"
  java_task "$kind" "$jpath"
  cs=(); js=(); ratios=(); other=0
  for ((r = 0; r < repeats; r++)); do
    for side in $( ((r % 2)) && echo "java c" || echo "c java"); do
      own_ticks > "$work/o0"; b0="$(busy_ticks)"; t0="$(date +%s%N)"
      if [[ $side == c ]]; then c="$(run_c "$kind" "$cpath")"; else j="$(run_java "$kind")"; fi
      b1="$(busy_ticks)"; t1="$(date +%s%N)"; own_ticks > "$work/o1"; o0="$(< "$work/o0")"; o1="$(< "$work/o1")"
      # other processes' CPU during the run, in % of one CPU: the machine's busy time minus the run's own
      other="$(awk -v o="$other" -v b="$((b1 - b0))" -v own="$((o1 - o0))" -v ns="$((t1 - t0))" -v hz="$hz" \
        'BEGIN { x = (b - own) / hz / (ns / 1e9) * 100; if (x < 0) x = 0; print (x > o ? x : o) }')"
    done
    cs+=("$c"); js+=("$j")
    ratios+=("$(awk -v j="$j" -v c="$c" 'BEGIN { if (c > 0) printf "%.2f", j / c; else print "nan" }')")
  done
  cm="$(printf '%s\n' "${cs[@]}" | median)"; jm="$(printf '%s\n' "${js[@]}" | median)"
  rm_="$(printf '%s\n' "${ratios[@]}" | median)"
  range="$(printf '%s\n' "${ratios[@]}" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }')"
  printf '%-18s %12.0f %12.0f %7.2f %11s %6.0f%%  %s\n' "$kind" "$cm" "$jm" "$rm_" "$range" "$other" "${ratios[*]}"
done
echo "# Java/C: median of the pairs' ratios; min-max: over the pairs; other: the most CPU (in % of one CPU) that other processes"
echo "# (kernel threads working for the run too, e.g. for fsync) and steal took during one run of the kind (over ~10%: the"
echo "# kind's numbers are suspect); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
