#!/usr/bin/env bash
# Installs the programs the document tests drive, only where they are missing: LibreOffice
# (converts tables.docx to PDF, as a reader opening it would), headless Chromium (prints report.html
# to A4 and Letter PDF) and poppler's pdftotext (reads the PDFs' text page by page), with a font.
# Without them those tests are skipped with the reason; the test command installs them so that
# they run. Sourced by scripts/test.sh; safe to run again.
set -euo pipefail

need_docs=()
command -v soffice >/dev/null 2>&1 || need_docs+=(libreoffice-writer-nogui)
command -v chromium >/dev/null 2>&1 || need_docs+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_docs+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_docs+=(fonts-dejavu-core)

if [ ${#need_docs[@]} -gt 0 ]; then
  echo "setup: installing ${need_docs[*]} (Debian packages, for the document tests)" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need_docs[@]}" >/dev/null
fi
