#!/usr/bin/env bash
# Runs every test. On a fresh Debian machine it first installs what the tests use for real
# (ffmpeg, numpy/scipy/scikit-learn for Debian's /usr/bin/python3, a PulseAudio daemon and pactl/paplay for
# the live-capture tests; PipeWire for the PipeWire check; tmux for the live view in a real terminal;
# Chromium for the web page; mosquitto and liblo-tools (oscdump) for the MQTT and OSC outputs; clang and
# zlib for the NativeAOT plugin build, lilv's tools and headers for the LV2 host tests), when it can
# (root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(ffmpeg python3-numpy python3-scipy python3-sklearn pulseaudio pulseaudio-utils
  pipewire pipewire-pulse wireplumber dbus chromium tmux mosquitto mosquitto-clients liblo-tools
  clang zlib1g-dev pkg-config lilv-utils lv2file liblilv-dev lv2-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    echo "installing test dependencies: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "WARNING: missing ${missing[*]} and cannot install them (not root): the tests that need them will SKIP" >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test GenreStream.slnx -c Release "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies: "N passed, N failed, N skipped".
awk '/^(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
