#!/usr/bin/env bash
# The main job on bundled data: installs what is missing, builds trialstats, and describes the
# bundled CASTLE-shaped synthetic cohort (baseline age and patient-reported outcomes by basket).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --product trialstats 2>&1 | grep -v '^\[' >&2 || true
bin="$(swift build -c release --show-bin-path)/trialstats"
cohort=Fixtures/castle/synthetic-cohort.csv
echo "TrialStats on $cohort (synthetic data shaped like the CASTLE trial; not the trial's patients)"
echo
for column in age vas_pga_baseline vas_pga_month6 haq_baseline haq_month6; do
  "$bin" describe "$cohort" --column "$column" --by basket
  echo
done
