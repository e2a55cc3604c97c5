#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the tests use for real, those not installed yet (all of them when no
# argument is given; else the packages named). Needs root or sudo; waits up to 5 minutes for another apt or
# dpkg to let go of its lock; retries a failed 'apt-get update' once. Whatever it could not install it names
# on standard error, and it exits 0 all the same: the tests that need a missing part say SKIPPED (and fail
# under GENRE_TESTS_REQUIRE_ALL=1, as in CI).
#
#   ffmpeg                                          decoding flac/ogg/mp3 (classify, train, the README's stdin recipe)
#   espeak-ng                                       synthesised speech: non-music the "unknown" answer is learnt and checked on
#   python3-numpy python3-scipy python3-sklearn     the reference implementations the features and model are checked against
#   pulseaudio pulseaudio-utils                     a private PulseAudio server, pactl and paplay (live capture)
#   pipewire pipewire-pulse wireplumber dbus        a private PipeWire (live capture through pipewire-pulse)
#   tmux                                            the live view in a real terminal
#   chromium                                        the web page, in headless Chromium
#   mosquitto mosquitto-clients liblo-tools         an MQTT broker and mosquitto_sub; oscdump (the outputs)
#   python3-websockets                              the README's WebSocket client recipe (dbus above: the notification tests' private bus)
#   clang zlib1g-dev                                the NativeAOT build of the LV2 plugin
#   pkg-config lilv-utils lv2file liblilv-dev lv2-dev   LV2 hosts and headers (the plugin's tests)
#   haskell-status-notifier-item-utils              status-notifier-watcher: the tray protocol's watcher (genre tray's tests)
#   haskell-gtk-sni-tray-utils xvfb imagemagick     a real tray host (gtk-sni-tray-standalone) under Xvfb, and its screenshot
#   desktop-file-utils xdg-utils                    desktop-file-validate (the autostart entry); xdg-open (the tray opens the live page)
#   nats-server                                     a NATS server with JetStream (genre worker, classify --nats)
set -uo pipefail

packages=("$@")
if ((${#packages[@]} == 0)); then
  packages=(ffmpeg espeak-ng python3-numpy python3-scipy python3-sklearn pulseaudio pulseaudio-utils
    pipewire pipewire-pulse wireplumber dbus chromium tmux mosquitto mosquitto-clients liblo-tools
    python3-websockets clang zlib1g-dev pkg-config lilv-utils lv2file liblilv-dev lv2-dev
    haskell-status-notifier-item-utils haskell-gtk-sni-tray-utils xvfb imagemagick desktop-file-utils xdg-utils
    nats-server)
fi

missing_packages() {
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} == 0)); then
  echo "test packages: all ${#packages[@]} installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "test packages: missing ${missing[*]}, and not root (no sudo) to install them: the tests that need them will say SKIPPED" >&2
    exit 0
  fi
  sudo=(sudo)
fi

# Another apt (unattended upgrades, a second terminal) may hold dpkg's lock: wait for it rather than fail.
apt_get() { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"; }

echo "test packages: installing ${#missing[@]} of ${#packages[@]}: ${missing[*]} (waits for another apt to finish)"
if ! apt_get update -qq; then
  echo "test packages: apt-get update failed; trying once more" >&2
  apt_get update -qq || echo "test packages: apt-get update failed again; installing from the package lists there are" >&2
fi
apt_get install -y -qq "${missing[@]}" >/dev/null || echo "test packages: apt-get install failed" >&2

mapfile -t still < <(missing_packages)
if ((${#still[@]})); then
  echo "test packages: could not install ${still[*]}: the tests that need them will say SKIPPED (and fail under GENRE_TESTS_REQUIRE_ALL=1)" >&2
else
  echo "test packages: installed ${missing[*]}"
fi
exit 0
