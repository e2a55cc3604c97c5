#!/usr/bin/env bash
# Resident memory of `genre listen` on a live monitor, read from /proc every minute: a private PulseAudio server
# with a 44.1 kHz stereo null sink plays real music (GTZAN clips from ../shared/data, one per genre, joined and
# looped by paplay) while `genre listen --json --source bench_sink.monitor` classifies what it plays.
# Prints one line per minute (minutes, VmRSS and VmHWM in MB, events so far) and a summary at the end.
# Usage: bench/listen-memory.sh [minutes] [genre program]   (default 60 minutes, ./scripts/genre)
# Needs: pulseaudio, pulseaudio-utils (paplay, pactl), ffmpeg.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-60}
genre=${2:-./scripts/genre}
data=../shared/data
die() { echo "listen-memory.sh: $*" >&2; exit 1; }
for tool in pulseaudio paplay pactl ffmpeg; do command -v "$tool" >/dev/null || die "$tool is missing (scripts/install-test-packages.sh)"; done
[ -f "$data/folds.tsv" ] || die "$data/folds.tsv not found (the shared data beside the repo)"

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  PULSE_SERVER=unix:$work/pulse.sock pactl exit 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Ten full clips, one per genre, as one 44.1 kHz stereo WAV (never written into the repo).
mapfile -t files < <(awk -F'\t' 'NR > 1 && $6 >= 29 && !seen[$2]++ { print $1 }' "$data/folds.tsv" | head -n 10)
inputs=()
for f in "${files[@]}"; do inputs+=(-i "$data/$f"); done
ffmpeg -v error -y "${inputs[@]}" -filter_complex "concat=n=${#files[@]}:v=0:a=1" -ar 44100 -ac 2 "$work/music.wav"

export PULSE_RUNTIME_PATH=$work PULSE_SERVER=unix:$work/pulse.sock
pulseaudio -D -n --exit-idle-time=-1 --disallow-exit --disable-shm=yes --log-target="file:$work/pa.log" \
  --load="module-native-protocol-unix auth-anonymous=1 socket=$work/pulse.sock" \
  --load="module-null-sink sink_name=bench_sink rate=44100 channels=2"
for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
pactl info >/dev/null || die "pulseaudio did not start ($work/pa.log)"

( while true; do paplay --device=bench_sink "$work/music.wav" || exit 0; done ) &
pids+=($!)
"$genre" listen --json --source bench_sink.monitor > "$work/events.jsonl" 2> "$work/listen.err" &
listen=$!
pids+=($listen)

mb() { awk -v k="$1" '$1 == k":" { printf "%.1f", $2 / 1024 }' "/proc/$listen/status"; }
# genre hands listen over to genre-live when it is beside it (src/Host/Cli/LiveProgram.cs): the same process.
sleep 2
exe=$(readlink "/proc/$listen/exe" 2>/dev/null || echo "?")
echo "minute  VmRSS(MB)  VmHWM(MB)  events"
max=0
for m in $(seq 1 "$minutes"); do
  sleep 60
  kill -0 "$listen" 2>/dev/null || { cat "$work/listen.err" >&2; die "genre listen stopped after $m minutes"; }
  rss=$(mb VmRSS); hwm=$(mb VmHWM); events=$(wc -l < "$work/events.jsonl")
  printf '%6d  %9s  %9s  %6d\n' "$m" "$rss" "$hwm" "$events"
  max=$(awk -v a="$max" -v b="$rss" 'BEGIN { print (b > a ? b : a) }')
done
echo "after $minutes minutes: VmRSS $(mb VmRSS) MB (largest minute reading $max MB), VmHWM $(mb VmHWM) MB, $(wc -l < "$work/events.jsonl") events; program: $genre, running $exe"
