#!/usr/bin/env bash
# The main job on bundled data: installs what is missing, builds trialstats, and checks the
# CASTLE trial's published tables end to end (trialstats reproduce castle).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --static-swift-stdlib --product trialstats 2>&1 | grep -v '^\[' >&2 || true
bin="$(swift build -c release --show-bin-path)/trialstats"
"$bin" reproduce castle
