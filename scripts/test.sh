#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and runs every test target.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build --build-tests 2>&1 | tail -n 3
swift test 2>&1
