#!/usr/bin/env bash
# What live streams cost in one `genre serve`: N internet-radio streams (a real HTTP station on loopback, the
# tests' radio_server.py, sending a 44.1 kHz stereo 128 kb/s MP3 made from a GTZAN clip at its bit rate), for
# SECONDS after a warm-up. Prints the CPU used by the service and by its ffmpeg decoders (per stream, in % of one
# core), the service's resident memory, and whether every stream kept real time (audio time against wall time).
#   bench/streams.sh            # 1, 4 and 16 streams, 60 s each
#   bench/streams.sh 8 120      # 8 streams, 120 s
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${GENRE_DATA:-$root/../shared/data}
counts=(${1:-1 4 16})
seconds=${2:-60}
genre="$root/scripts/genre"
"$genre" --help >/dev/null # builds the program once, outside the timings
work=$(mktemp -d /tmp/genre-streams-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ffmpeg -nostdin -loglevel error -y -i "$data/gtzan/rock/rock.00003.flac" -ar 44100 -ac 2 -b:a 128k "$work/station.mp3"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
radio_port=$(free_port)
/usr/bin/python3 -u "$root/tests/TestSupport/Radio/radio_server.py" "$radio_port" "$work/station.mp3" 16000 >"$work/radio.log" 2>&1 &
pids+=($!)
until grep -q ready "$work/radio.log"; do sleep 0.1; done

# CPU seconds (user + system) of a process and, with "tree", of its children too.
ticks=$(getconf CLK_TCK)
cpu() { awk -v t="$ticks" '{ print ($14 + $15) / t }' "/proc/$1/stat"; }
children_cpu() {
  local sum=0
  for c in $(pgrep -P "$1" ffmpeg || true); do sum=$(awk -v a="$sum" -v b="$(cpu "$c")" 'BEGIN { print a + b }'); done
  echo "$sum"
}

printf '%-8s %-22s %-22s %-14s %-12s %s\n' streams "service %/stream" "ffmpeg %/stream" "all %/stream" "RSS MB" "audio/wall (slowest)"
for n in "${counts[@]}"; do
  port=$(free_port)
  args=()
  for i in $(seq 1 "$n"); do args+=(--source "s$i=http://127.0.0.1:$radio_port/live.mp3"); done
  "$genre" serve --port "$port" "${args[@]}" >"$work/serve.log" 2>&1 &
  serve=$!
  pids+=($serve)
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.2; done
  sleep 10 # warm-up: every stream connected and past the station's opening burst
  s0=$(cpu "$serve"); f0=$(children_cpu "$serve"); t0=$(date +%s.%N)
  a0=$(curl -s "http://127.0.0.1:$port/api/streams" | python3 -c 'import json,sys; print(min((s["latest"] or {"time": 0})["time"] for s in json.load(sys.stdin)["streams"]))')
  sleep "$seconds"
  s1=$(cpu "$serve"); f1=$(children_cpu "$serve"); t1=$(date +%s.%N)
  a1=$(curl -s "http://127.0.0.1:$port/api/streams" | python3 -c 'import json,sys; print(min((s["latest"] or {"time": 0})["time"] for s in json.load(sys.stdin)["streams"]))')
  rss=$(awk '/VmRSS/ { print $2 / 1024 }' "/proc/$serve/status")
  awk -v n="$n" -v s="$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" -v f="$(awk -v a="$f0" -v b="$f1" 'BEGIN { print b - a }')" \
      -v w="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v rss="$rss" -v a="$(awk -v a="$a0" -v b="$a1" 'BEGIN { print b - a }')" \
    'BEGIN { printf "%-8d %-22.2f %-22.2f %-14.2f %-12.1f %.3f\n", n, 100 * s / w / n, 100 * f / w / n, 100 * (s + f) / w / n, rss, a / w }'
  kill "$serve"; wait "$serve" 2>/dev/null || true
done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
