#!/usr/bin/env bash
# Builds the native library (NativeAOT) and assembles the LV2 bundle:
#   scripts/build-plugin.sh [OUT]      (OUT defaults to out/plugin)
# writes the bundle OUT/genre.lv2/ (libgenre.so, manifest.ttl, genre.ttl); copy it into ~/.lv2 to
# install it. libgenre.so is also the C API's library (src/Plugin/include/genre.h).
# Needs clang and zlib1g-dev (Debian). Any trim or AOT warning fails the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/out/plugin}" && cd "${1:-$root/out/plugin}" && pwd)"
shift || true

for tool in clang; do
  command -v "$tool" >/dev/null || { echo "build-plugin: $tool not found (apt-get install clang zlib1g-dev)" >&2; exit 1; }
done

publish="$(mktemp -d)"
trap 'rm -rf "$publish"' EXIT
dotnet publish "$root/src/Plugin/GenreStream.Plugin.csproj" -c Release -r linux-x64 -o "$publish" -nologo "$@"

bundle="$out/genre.lv2"
rm -rf "$bundle"
mkdir -p "$bundle"
cp "$publish/libgenre.so" "$root/src/Plugin/genre.lv2/manifest.ttl" "$root/src/Plugin/genre.lv2/genre.ttl" "$bundle/"
echo "build-plugin: $bundle ($(du -k "$bundle/libgenre.so" | cut -f1) KB library)"
