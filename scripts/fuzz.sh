#!/usr/bin/env bash
# Fuzzes the readers of untrusted input with libFuzzer, one target after another:
#   cell            the published-cell parser (CellParser.parse)
#   csv             the CSV reader (bytes → UTF-8 → DataTable → columns, codes, dates, published cells)
#   plan            the analysis-plan reader (YAML/JSON → AnalysisPlan)
#   printed-number  the printed-number parsers (PrintedNumber, PrintedPValue, PrintedMedianIQR, parseDecimal)
# The entry points are Tests/TrialStatsIOTests/FuzzEntryPoints.swift, the same functions through
# which the test suite replays the committed corpora (Tests/TrialStatsIOTests/FuzzCorpus/<target>).
#
# Usage: scripts/fuzz.sh [target…]     (default: all four)
#   FUZZ_SECONDS   seconds per target (default 60; FUZZ_SECONDS=600 for the 10-minute run)
#   FUZZ_JOBS      parallel fuzzing processes per target (default 1)
# Inputs found to crash, leak or take over 10 s are written to .build/fuzz/crashes/<target>/;
# copy each, once fixed, into the committed corpus so the test suite keeps it fixed. New
# interesting inputs accumulate in .build/fuzz/corpus/<target>/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(cell csv plan printed-number)
build=.build/fuzz
config=debug
# Debug configuration (one compilation per file; -O still optimises). The sanitizers go in
# one -sanitize= flag: a second one replaces the first, and the coverage with it.
flags=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -O)

# 1. The library modules (and their dependencies) with coverage instrumentation; only object
#    files, no executable is linked (the command-line program has its own main).
swift build -c "$config" --build-path "$build" --target TrialStatsIO "${flags[@]}"
products="$build/$config"
objects=()
for module in TrialStats TrialStatsIO CSV Yams CYaml Mustache ZIPFoundation; do
    objects+=($(find "$products/$module.build" -name '*.o'))
done
# The C modules' maps (ours, Yams's and ZIPFoundation's zlib shim) and the system libraries behind them.
cflags=()
for map in Sources/*/module.modulemap "$build"/checkouts/Yams/Sources/CYaml/include/module.modulemap \
    "$build"/checkouts/ZIPFoundation/Sources/CZLib/module.modulemap; do
    cflags+=(-Xcc -fmodule-map-file="$map")
done
cflags+=(-Xcc -I -Xcc "$build/checkouts/Yams/Sources/CYaml/include" -Xcc -I -Xcc "$build/checkouts/ZIPFoundation/Sources/CZLib")
for flag in $(pkg-config --cflags-only-I gsl libxml-2.0); do cflags+=(-Xcc "$flag"); done

# 2. One binary per target: the shared entry points and a stub naming the target.
mkdir -p "$build/targets"
for target in "${targets[@]}"; do
    stub="$build/targets/$target-main.swift"
    cat > "$stub" <<SWIFT
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    FuzzEntryPoints.run("$target", bytes.map { Data(bytes: \$0, count: count) } ?? Data())
    return 0
}
SWIFT
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Fuzz \
        -I "$products/Modules" "${cflags[@]}" \
        Tests/TrialStatsIOTests/FuzzEntryPoints.swift "$stub" "${objects[@]}" \
        $(pkg-config --libs gsl libxml-2.0) -lz -o "$build/targets/$target"
done

# 3. Run each target for the time given, starting from a copy of the committed corpus.
status=0
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target" crashes="$build/crashes/$target"
    mkdir -p "$corpus" "$crashes"
    cp -n Tests/TrialStatsIOTests/FuzzCorpus/"$target"/* "$corpus"/ 2>/dev/null || true
    echo "== fuzzing $target for ${seconds}s"
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    if ! "$build/targets/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 "${parallel[@]}" -artifact_prefix="$crashes/" -print_final_stats=1; then
        echo "== $target: a crash, leak or timeout; the input is in $crashes/"
        status=1
    fi
done
exit $status
