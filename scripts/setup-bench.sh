#!/usr/bin/env bash
# Installs the Debian packages the benchmark (bench/run.sh) needs beyond
# docket's own (scripts/setup.sh): the programs docket is compared with and
# the tools that measure. Idempotent. CI does not need these.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

packages=(
  # the baselines: the tesseract command (same eng model) and OCRmyPDF
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd ocrmypdf
  # pdftoppm (page images for the tesseract command), pdftotext, pdfinfo
  poppler-utils
  # peak RSS (/usr/bin/time -v)
  time
)

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
