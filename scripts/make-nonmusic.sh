#!/usr/bin/env bash
# Synthesises audio that is not music of any of the ten genres, for the model's "unknown" answer: pure tones,
# chords, square waves, noises of several colours and levels, clicks and drum-machine patterns without
# music, a bass line alone, sweeps, hum, telephone tones, beeps, and read-aloud speech (espeak-ng, several
# voices, speeds and texts, some over noise). Files are named <kind>-<variant>-<n>.wav; cross-validation keeps
# each <kind>-<variant> together. Needs ffmpeg and espeak-ng.
# Usage: scripts/make-nonmusic.sh <folder>   (writes about 110 WAV files of a few seconds at 22.05 kHz)
set -euo pipefail
out=${1:?usage: $0 <folder>}
mkdir -p "$out"
for tool in ffmpeg espeak-ng; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done
gen() { ffmpeg -loglevel error -y -f lavfi -i "$2" -t 6 -ar 22050 -ac 1 "$out/$1.wav"; }
n=0
for f in 60 100 220 440 1000 2500 5000; do for a in 0.05 0.5; do n=$((n + 1)); gen "tone-sine-$n" "sine=frequency=$f:sample_rate=22050,volume=$a"; done; done
for f in 110 220 440 880; do n=$((n + 1)); gen "tone-square-$n" "aevalsrc=0.3*sgn(sin(2*PI*$f*t)):s=22050"; n=$((n + 1)); gen "tone-saw-$n" "aevalsrc=0.3*(2*mod($f*t\,1)-1):s=22050"; done
for r in 130.8 196 261.6 349.2; do
  n=$((n + 1)); gen "chord-major-$n" "aevalsrc=0.2*sin(2*PI*$r*t)+0.2*sin(2*PI*$r*1.26*t)+0.2*sin(2*PI*$r*1.498*t):s=22050"
  n=$((n + 1)); gen "chord-minor-$n" "aevalsrc=0.2*sin(2*PI*$r*t)+0.2*sin(2*PI*$r*1.189*t)+0.2*sin(2*PI*$r*1.498*t):s=22050"
done
for c in white pink brown blue violet; do for a in 0.02 0.3; do n=$((n + 1)); gen "noise-$c-$n" "anoisesrc=color=$c:amplitude=$a:sample_rate=22050:seed=$n"; done; done
for p in 0.125 0.25 0.5 1; do n=$((n + 1)); gen "clicks-metronome-$n" "aevalsrc=0.8*lt(mod(t\,$p)\,0.002):s=22050"; done
for bpm in 90 120 140 174; do
  b=$(awk "BEGIN { print 60 / $bpm }")
  h=$(awk "BEGIN { print 30 / $bpm }")
  # kick (a 55 Hz thump falling in pitch) on every beat, a noise-burst snare on beats 2 and 4, closed hi-hats on
  # every half beat, no harmony: a drum machine alone
  n=$((n + 1)); gen "drums-machine-$n" "aevalsrc=0.8*sin(2*PI*(55+60*exp(-40*mod(t\,$b)))*mod(t\,$b))*exp(-25*mod(t\,$b))+0.4*(random(0)*2-1)*exp(-30*mod(t-$b\,2*$b))*gte(t\,$b)+0.15*(random(1)*2-1)*exp(-120*mod(t\,$h)):s=22050"
  # a bass line alone: a sawtooth, two notes a beat
  n=$((n + 1)); gen "bass-alone-$n" "aevalsrc=0.4*(2*mod((55+27.5*lt(mod(t\,2*$b)\,$b))*t\,1)-1)*exp(-4*mod(t\,$h)):s=22050,lowpass=f=400"
done
for s in 3 6 12; do n=$((n + 1)); gen "sweep-up-$n" "aevalsrc=0.5*sin(2*PI*(50*t+((8000-50)/(2*$s))*t*t)):s=22050"; done
for s in 3 6; do n=$((n + 1)); gen "sweep-down-$n" "aevalsrc=0.5*sin(2*PI*(8000*t-((8000-50)/(2*$s))*t*t)):s=22050"; done
for f in 50 60; do n=$((n + 1)); gen "hum-mains-$n" "aevalsrc=0.3*sin(2*PI*$f*t)+0.1*sin(2*PI*3*$f*t)+0.05*sin(2*PI*5*$f*t):s=22050"; done
for k in "697:1209" "770:1336" "852:1477"; do n=$((n + 1)); gen "dtmf-tone-$n" "aevalsrc=0.3*sin(2*PI*${k%:*}*t)+0.3*sin(2*PI*${k#*:}*t):s=22050"; done
for f in 800 1000 2000; do n=$((n + 1)); gen "beeps-alarm-$n" "aevalsrc=0.5*sin(2*PI*$f*t)*lt(mod(t\,1)\,0.3):s=22050"; done
texts=(
  "The quick brown fox jumps over the lazy dog while the weather report says rain is expected tomorrow."
  "Please remember to bring your documents to the meeting on Thursday afternoon at three o'clock."
  "In the beginning the committee could not agree on anything, but after many hours they found a way."
  "Ladies and gentlemen, the train now arriving at platform four is the express service to the city centre."
  "She sells sea shells by the sea shore, and the shells she sells are surely sea shells, I am sure."
  "Today we will talk about the history of the river, the bridges that cross it and the people who built them."
)
voices=(en en-us en+f3 en-gb+m3 en+f5 en+m7 en-us+f2 en+croak en+whisper de fr es it nl)
# Each voice reads three texts: once clean, once as a narrow-band recording (an audiobook or a call: nothing
# above 4 to 8 kHz) in a room, once over quiet noise (a radio host in a room).
for v in "${voices[@]}"; do
  for i in 0 1 2; do
    t=${texts[$(( (n + i) % ${#texts[@]} ))]}
    n=$((n + 1))
    espeak-ng -v "$v" -s $((120 + (n % 5) * 15)) -p $((30 + (n % 4) * 12)) -w "$out/tmp-$n.wav" "$t"
    name="speech-${v//[^a-z0-9]/}-$n"
    case $i in
      0) ffmpeg -loglevel error -y -i "$out/tmp-$n.wav" -ar 22050 -ac 1 "$out/$name.wav" ;;
      1) ffmpeg -loglevel error -y -i "$out/tmp-$n.wav" -af "aresample=16000,lowpass=f=$((4000 + (n % 3) * 1800)),aecho=0.8:0.5:40:0.3,aresample=22050" -ac 1 "$out/$name.wav" ;;
      2) ffmpeg -loglevel error -y -i "$out/tmp-$n.wav" -f lavfi -i "anoisesrc=color=pink:amplitude=0.02:sample_rate=22050" \
           -filter_complex "[0:a]aresample=22050[s];[s][1:a]amix=inputs=2:duration=first" -ar 22050 -ac 1 "$out/$name.wav" ;;
    esac
    rm "$out/tmp-$n.wav"
  done
done
echo "$(ls "$out"/*.wav | wc -l) files in $out"
