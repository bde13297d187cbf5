#!/usr/bin/env bash
# Configures and builds docket into build/ (or $BUILD_DIR). Extra arguments go
# to cmake, e.g. -DDOCKET_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if [ -f "$build/CMakeCache.txt" ] && ! grep -q "CMAKE_GENERATOR:INTERNAL=${generator[1]:-Unix Makefiles}" "$build/CMakeCache.txt"; then
  rm -rf "$build"  # generator changed: start clean
fi
cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build" -j "$(nproc)"
