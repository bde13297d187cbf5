#!/usr/bin/env bash
# Installs every Debian package docket needs to build, test and run its
# samples generator. Idempotent: apt-get skips what is already there.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

packages=(
  # toolchain
  build-essential g++ cmake pkg-config ninja-build
  # OCR: Tesseract 5 C++ API with the English and orientation models, Leptonica
  libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-osd
  # barcodes on the mailroom's separator sheets (Code 39, Code 128)
  libzbar-dev
  # PDFs
  libpoppler-cpp-dev
  # the index; xapian-tcpsrv serves a host's shard read-only to the others
  libxapian-dev xapian-tools
  # the multi-host test builds its hosts with network namespaces (ip netns)
  iproute2
  # Boost 1.81: Beast/Asio (header-only), JSON, URL, program_options
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libboost-program-options1.81-dev
  # loan bundles as one zip file (docket pull --zip)
  libzip-dev
  # docket serve: Argon2id password hashes and random session tokens
  libsodium-dev
  # tests
  libgtest-dev googletest
  # the browser test of docket serve: headless Chromium and its WebDriver
  chromium chromium-driver
  # the load test of docket serve (tests/server/load_test.py): an HTTP load generator
  wrk
  # fuzzing (fuzz/, scripts/test-fuzz.sh)
  clang-14            # the compiler libFuzzer needs (-fsanitize=fuzzer)
  libclang-rt-14-dev  # libFuzzer and clang's ASan/UBSan runtimes
  llvm-14             # llvm-symbolizer: file and line in sanitizer reports
  # samples generator (Debian's Python, Pillow for images and faxes,
  # ReportLab for born-digital PDFs) and the fonts it draws with
  python3 python3-pil python3-reportlab fonts-dejavu-core fonts-liberation2
)

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
