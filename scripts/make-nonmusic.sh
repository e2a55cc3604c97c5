#!/usr/bin/env bash
# Synthesises audio that is not music of any genre, for checking the model's "unknown" answer:
# pure tones, a chord, noises, clicks, sweeps and read-aloud speech (espeak-ng). Needs ffmpeg and espeak-ng.
# Usage: scripts/make-nonmusic.sh <folder>   (writes about 30 WAV files of 6 s at 22.05 kHz)
set -euo pipefail
out=${1:?usage: $0 <folder>}
mkdir -p "$out"
for tool in ffmpeg espeak-ng; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done
gen() { ffmpeg -loglevel error -y -f lavfi -i "$2" -t 6 -ar 22050 -ac 1 "$out/$1.wav"; }
for f in 100 440 1000 3000; do gen "tone-$f" "sine=frequency=$f:sample_rate=22050"; done
gen chord-major "aevalsrc=0.2*sin(2*PI*261.6*t)+0.2*sin(2*PI*329.6*t)+0.2*sin(2*PI*392*t):s=22050"
gen chord-minor "aevalsrc=0.2*sin(2*PI*220*t)+0.2*sin(2*PI*261.6*t)+0.2*sin(2*PI*329.6*t):s=22050"
gen square-220 "aevalsrc=0.3*sgn(sin(2*PI*220*t)):s=22050"
for c in white pink brown; do gen "noise-$c" "anoisesrc=color=$c:amplitude=0.3:sample_rate=22050"; done
gen noise-quiet "anoisesrc=color=pink:amplitude=0.01:sample_rate=22050"
gen clicks-2hz "aevalsrc=0.8*lt(mod(t\,0.5)\,0.002):s=22050"
gen clicks-8hz "aevalsrc=0.8*lt(mod(t\,0.125)\,0.001):s=22050"
gen sweep-up "aevalsrc=0.5*sin(2*PI*(50*t+((8000-50)/12)*t*t)):s=22050"
gen sweep-down "aevalsrc=0.5*sin(2*PI*(8000*t-((8000-50)/12)*t*t)):s=22050"
gen hum-50 "aevalsrc=0.3*sin(2*PI*50*t)+0.1*sin(2*PI*150*t)+0.05*sin(2*PI*250*t):s=22050"
gen dtmf "aevalsrc=0.3*sin(2*PI*697*t)+0.3*sin(2*PI*1209*t):s=22050"
gen beeps "aevalsrc=0.5*sin(2*PI*1000*t)*lt(mod(t\,1)\,0.3):s=22050"
texts=(
  "The quick brown fox jumps over the lazy dog while the weather report says rain is expected tomorrow."
  "Please remember to bring your documents to the meeting on Thursday afternoon at three o'clock."
  "In the beginning the committee could not agree on anything, but after many hours they found a way."
  "Ladies and gentlemen, the train now arriving at platform four is the express service to the city centre."
)
voices=(en en-us en+f3 en-gb+m3 de fr)
n=0
for v in "${voices[@]}"; do
  for t in "${texts[@]}"; do
    n=$((n + 1))
    ((n % 2 == 0)) || continue
    espeak-ng -v "$v" -s 150 -w "$out/speech-$n.raw.wav" "$t"
    ffmpeg -loglevel error -y -i "$out/speech-$n.raw.wav" -ar 22050 -ac 1 "$out/speech-$n.wav"
    rm "$out/speech-$n.raw.wav"
  done
done
echo "$(ls "$out"/*.wav | wc -l) files in $out"
