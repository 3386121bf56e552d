#!/usr/bin/env bash
# Creates the pinned Python environment in which the notebooks run: .venv/ with the exact
# versions of Notebooks/requirements.txt (from PyPI). Only when missing, or when the requirements
# changed since it was made (a stamp in .venv/ holds their checksum). Sourced by scripts/test.sh;
# safe to run again. The pins are for CPython 3.11 (python3 on this project's machines).
set -euo pipefail

requirements=Notebooks/requirements.txt
stamp=.venv/.requirements.sha256
wanted="$(sha256sum "$requirements" | cut -c1-64)"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  return 0 2>/dev/null || exit 0
fi

python="${PYTHON:-python3}"
echo "setup: creating .venv with the notebooks' pinned packages ($("$python" --version 2>&1))" >&2
rm -rf .venv
if ! "$python" -m venv .venv 2>/dev/null; then
  # Debian's own python3 needs its venv package.
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq python3-venv >/dev/null
  rm -rf .venv
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
echo "$wanted" > "$stamp"
