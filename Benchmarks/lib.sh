# Shell functions for Benchmarks/bench-*.sh (sourced by run.sh; see its header).

# measure LABEL CMD...: runs CMD ${RUNS:-3} times under /usr/bin/time -v; sets MEDIAN_S (median
# wall seconds), CPU_S (median user + system seconds), PEAK_MB (largest maximum resident set
# size, MB), RUNS_DONE and LAST_OUTPUT (a file with the last run's standard output). A failing
# CMD is recorded, not fatal: MEDIAN_S and CPU_S are then "failed" and its standard error is kept
# in LAST_ERROR.
measure() {
  local label=$1; shift
  local times=() cpus=() peak=0 i runs=${RUNS:-3}
  LAST_OUTPUT=$(mktemp)
  LAST_ERROR=$(mktemp)
  for ((i = 1; i <= runs; i++)); do
    local log; log=$(mktemp)
    if ! /usr/bin/time -v -o "$log" "$@" > "$LAST_OUTPUT" 2> "$LAST_ERROR"; then
      MEDIAN_S=failed; CPU_S=failed; PEAK_MB=0; RUNS_DONE=$i
      echo "$label failed: $(tail -1 "$LAST_ERROR")" >&2
      rm -f "$log"
      return 0
    fi
    local wall kb cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s}' "$log")
    cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$log")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    times+=("$wall"); cpus+=("$cpu")
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
    rm -f "$log"
  done
  local middle=$(( (runs + 1) / 2 ))
  MEDIAN_S=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "${middle}p")
  CPU_S=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${middle}p")
  PEAK_MB=$(( peak / 1024 ))
  RUNS_DONE=$runs
}

# measure_short LABEL CMD...: for commands that take milliseconds, where /usr/bin/time's 10 ms
# resolution says nothing: `measure` once (answer, peak memory), then hyperfine (Debian's package)
# with 5 warm-up runs and ${RUNS:-50} timed runs, without a shell between; MEDIAN_S becomes its
# median wall time and CPU_S its mean user + system time, in seconds to 0.1 ms. Without hyperfine,
# `measure` alone.
measure_short() {
  local label=$1; shift
  RUNS=1 measure "$label" "$@"
  if [ "$MEDIAN_S" = failed ] || ! command -v hyperfine >/dev/null; then return 0; fi
  local json; json=$(mktemp)
  hyperfine -N --warmup 5 --runs "${RUNS:-50}" --style none --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 || { rm -f "$json"; return 0; }
  read -r MEDIAN_S CPU_S < <(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.4f %.4f" % (r["median"], r["user"] + r["system"]))' "$json")
  RUNS_DONE=${RUNS:-50}
  rm -f "$json"
}

# row WORKLOAD PROGRAM ANSWER: one line of a result table with the last measurement.
row() {
  printf '%-38s %-46s %8s %8s %5s %8s  %s\n' "$1" "$2" "$MEDIAN_S" "$CPU_S" "$RUNS_DONE" "$PEAK_MB" "$3" | tee -a "$RESULT"
}

# note TEXT: a comment line in the result table.
note() {
  echo "# $1" | tee -a "$RESULT"
}

# header TITLE: starts $RESULT with a title, the machine's load and the column names.
header() {
  { echo "# $1 ($(date -u +%Y-%m-%dT%H:%MZ); whole processes; medians of the runs; versions in versions.txt)"
    echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other builds share this machine:"
    echo "# wall times grow with the load, CPU times (user + system) much less)"
    printf '%-38s %-46s %8s %8s %5s %8s  %s\n' "workload" "program" "wall s" "CPU s" "runs" "peak MB" "answer"; } | tee "$RESULT"
}
