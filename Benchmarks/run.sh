#!/usr/bin/env bash
# Runs every benchmark beside its peers on the same generated inputs and records the results.
#
#   Benchmarks/run.sh [NAME...]     e.g. Benchmarks/run.sh km   (default: every bench-*.sh)
#   TRIALSTATS=path/to/trialstats Benchmarks/run.sh ...   measures that binary (built in release
#   mode, with its resource bundle beside it) instead of building one
#
# Convention: each benchmark is an executable script Benchmarks/bench-NAME.sh that writes
# Benchmarks/results/NAME.txt. run.sh builds trialstats once in release mode as scripts/demo.sh
# does (--static-swift-stdlib: the Swift runtime and Foundation inside the program), prepares the pinned
# Python environment (.venv: SciPy, lifelines, pandas), writes the versions of every program to
# Benchmarks/results/versions.txt, and then runs each bench-NAME.sh (from the package root) with
# these variables exported:
#   TRIALSTATS  the release binary          PYTHON   .venv/bin/python (SciPy, lifelines)
#   DATA        a folder for generated inputs, kept between runs (Benchmarks/.data)
#   RESULT      Benchmarks/results/NAME.txt: the script writes its table there
# A script may source Benchmarks/lib.sh for `measure LABEL CMD...`, which runs CMD three times under
# /usr/bin/time -v and records the median wall time, the median CPU time (user + system) and the
# largest peak resident memory, keeping the last run's standard output in $LAST_OUTPUT so the
# script can print the answer beside it.
# Every program gets the same input file; no benchmark is a test (nothing here fails a build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [ -z "${TRIALSTATS:-}" ]; then
  swift build -c release --static-swift-stdlib --product trialstats >/dev/null
  export TRIALSTATS="$root/.build/release/trialstats"
fi
export TRIALSTATS
source scripts/setup-python.sh
export PYTHON="$root/.venv/bin/python"
export DATA="$root/Benchmarks/.data"
mkdir -p "$DATA" Benchmarks/results
versions=Benchmarks/results/versions.txt
{
  echo "# Benchmarks run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (each result file records its own)"
  echo "trialstats: $(git rev-parse --short HEAD) built with $(swift --version 2>&1 | head -1)"
  echo "R: $(R --version | head -1); survival $(Rscript -e 'cat(as.character(packageVersion("survival")))'); coin $(Rscript -e 'cat(as.character(packageVersion("coin")))' 2>/dev/null || echo none)"
  echo "Python: $("$PYTHON" --version 2>&1); $("$PYTHON" -c 'import scipy, lifelines, pandas, numpy; print(f"SciPy {scipy.__version__}, lifelines {lifelines.__version__}, pandas {pandas.__version__}, NumPy {numpy.__version__}")')"
} > "$versions"
cat "$versions"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in Benchmarks/bench-*.sh; do n=${f#Benchmarks/bench-}; names+=("${n%.sh}"); done
fi
for name in "${names[@]}"; do
  export RESULT="$root/Benchmarks/results/$name.txt"
  echo "== $name"
  bash "Benchmarks/bench-$name.sh"
done
