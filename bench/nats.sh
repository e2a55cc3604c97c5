#!/usr/bin/env bash
# Files per second of `genre classify --nats` with 1, 2 and 4 workers (each --concurrency 1) against a local
# `genre classify` (all cores) of the same files, and the time from `kill -9` of a worker mid-job to its job's
# redelivery (ack wait 5 s). Needs nats-server, ffmpeg and ../shared/data; everything happens in a temporary
# folder on a private server (loopback, free port), removed at the end.
#   bench/nats.sh            # 200 files
#   FILES=400 bench/nats.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${GENRE_DATA:-$root/../shared/data}
files=${FILES:-200}
genre=("$root/scripts/genre")
"${genre[@]}" --help >/dev/null # builds the program once, outside the timings
work=$(mktemp -d /tmp/genre-nats-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# The library: 20 excerpts of 2 s (wav and flac) copied to $files files.
mkdir -p "$work/lib"
mapfile -t clips < <(awk -F'\t' 'NR > 1 && $6 >= 10 { print $1 }' "$data/folds.tsv" | sort | awk 'NR % 20 == 1' | head -20)
for i in "${!clips[@]}"; do
  ext=$([ $((i % 2)) -eq 0 ] && echo wav || echo flac)
  ffmpeg -nostdin -loglevel error -y -ss 5 -t 2 -i "$data/${clips[$i]}" "$work/src-$i.$ext"
done
n=0
while [ "$n" -lt "$files" ]; do
  for f in "$work"/src-*; do
    [ "$n" -lt "$files" ] || break
    cp "$f" "$work/lib/$(printf '%04d' "$n")-$(basename "$f")"
    n=$((n + 1))
  done
done
rm -f "$work"/src-*

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="nats://127.0.0.1:$port"

now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{$1 / ($3 - $2):.1f} files/s ({$3 - $2:.1f} s)')"; }

start_server() {
  rm -rf "$work/store"
  nats-server -js -a 127.0.0.1 -p "$port" -sd "$work/store" >"$work/server.log" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 100); do grep -q "Server is ready" "$work/server.log" && return; sleep 0.1; done
  echo "nats-server did not start" >&2
  exit 1
}

start_workers() {
  workers=()
  for w in $(seq "$1"); do
    "${genre[@]}" worker --nats "$url" --concurrency 1 --ack-wait 5 2>"$work/worker-$w.log" &
    workers+=($!)
    pids+=($!)
  done
  for w in $(seq "$1"); do
    until grep -q "taking jobs" "$work/worker-$w.log"; do sleep 0.1; done
  done
}

stop_all() {
  for p in "${workers[@]}" "$server"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}

echo "$files files of 2 s (wav and flac), $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p')"
t0=$(now)
"${genre[@]}" classify --json "$work/lib" >"$work/local.jsonl" 2>/dev/null || true
t1=$(now)
echo "local classify (--jobs $(nproc)):  $(rate "$files" "$t0" "$t1")"

for w in 1 2 4; do
  start_server
  start_workers "$w"
  t0=$(now)
  "${genre[@]}" classify --json --nats "$url" "$work/lib" >"$work/nats-$w.jsonl" 2>/dev/null || true
  t1=$(now)
  same=$(cmp -s "$work/local.jsonl" "$work/nats-$w.jsonl" && echo "same output as local" || echo "OUTPUT DIFFERS")
  echo "classify --nats, $w worker(s):  $(rate "$files" "$t0" "$t1"), $same"
  stop_all
done

# Redelivery: 2 workers on the FLAC files only (a WAV takes a few ms, so a worker is rarely caught in one);
# worker 1 killed (SIGKILL) right after a job, so most likely in the middle of its next one.
mkdir -p "$work/flac"
cp "$work"/lib/*.flac "$work/flac/"
"${genre[@]}" classify --json "$work/flac" >"$work/flac-local.jsonl" 2>/dev/null || true
start_server
start_workers 2
"${genre[@]}" classify --json --nats "$url" "$work/flac" >"$work/kill.jsonl" 2>/dev/null &
submitter=$!
pids+=("$submitter")
until [ "$(grep -c '^genre worker: /' "$work/worker-1.log")" -ge 5 ]; do sleep 0.02; done
kill -9 "${workers[0]}"
killed=$(now)
redelivered=""
for _ in $(seq 600); do
  if grep -q "attempt 2)" "$work/worker-2.log"; then redelivered=$(now); break; fi
  sleep 0.05
done
wait "$submitter" || true
same=$(cmp -s "$work/flac-local.jsonl" "$work/kill.jsonl" && echo "same output as local" || echo "OUTPUT DIFFERS")
if [ -n "$redelivered" ]; then
  echo "kill -9 of a worker mid-job: its job done again by the other $(python3 -c "print(f'{$redelivered - $killed:.1f}')") s later (ack wait 5 s); $same"
else
  echo "kill -9 of a worker: it had no job in flight (nothing redelivered within 30 s); $same"
fi
stop_all
