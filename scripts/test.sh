#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds and runs every Swift test target, then
# executes the notebooks in Notebooks/ against the built trialstats (in the pinned .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
source scripts/setup-python.sh
source scripts/setup-documents.sh
swift build --build-tests 2>&1 | tail -n 3
swift test 2>&1
TRIALSTATS="$(swift build --show-bin-path)/trialstats" .venv/bin/python scripts/run-notebooks.py
