#!/usr/bin/env bash
# Side by side on the same real music (GTZAN clips from ../shared/data, joined by ffmpeg into /tmp):
#   1. aubio's aubiomfcc computing MFCCs alone  vs  genre classify computing all its features and the classification
#      (wall time of each program, start-up included, best of 3 runs), on one 30-s clip and on the long file;
#      genre is the fast program ./scripts/genre builds (NativeAOT where clang is installed; GENRE=<program> to
#      compare another, e.g. GENRE="dotnet src/Host/bin/Release/net10.0/genre.dll");
#   2. scikit-learn's predict_proba  vs  our SoftmaxModel, on the same feature matrix (one row per texture window of
#      that audio) with the same parameters (best of 200 repeats, in process);
#   3. with --kernels: NWaves' and NAudio's FFT, NWaves' MFCC and the resamplers beside ours (BenchmarkDotNet's short
#      job in process: FftBenchmarks, MfccBenchmarks, ResamplingBenchmarks; a few minutes more).
# Usage: bench/compare.sh [--kernels] [clips]      (default 10 full 30-s clips, one per genre first: 5 minutes of audio)
# Needs: dotnet, ffmpeg, aubio-tools (aubiomfcc), python3-sklearn for /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."

kernels=0
if [ "${1:-}" = --kernels ]; then kernels=1; shift; fi
clips=${1:-10}
data=../shared/data
work=${TMPDIR:-/tmp}/genre-compare
python=/usr/bin/python3

die() { echo "compare.sh: $*" >&2; exit 1; }
command -v ffmpeg >/dev/null || die "ffmpeg is missing (apt-get install -y ffmpeg)"
command -v aubiomfcc >/dev/null || die "aubiomfcc is missing (apt-get install -y aubio-tools)"
"$python" -c "import sklearn" 2>/dev/null || die "scikit-learn is missing for $python (apt-get install -y python3-sklearn)"
[ -f "$data/folds.tsv" ] || die "$data/folds.tsv not found (the shared data beside the repo)"
mkdir -p "$work"

# The input: full clips (>= 29 s), taking genres in turn so every genre is in it; never written into the repo.
mapfile -t files < <(awk -F'\t' 'NR > 1 && $6 >= 29 { n[$2]++; print n[$2] "\t" $1 }' "$data/folds.tsv" | sort -s -n -k1,1 | head -n "$clips" | cut -f2)
((${#files[@]} == clips)) || die "only ${#files[@]} full clips in $data/folds.tsv"
inputs=()
for f in "${files[@]}"; do inputs+=(-i "$data/$f"); done
long="$work/long.wav"
ffmpeg -v error -y "${inputs[@]}" -filter_complex "concat=n=$clips:v=0:a=1" -ar 22050 -ac 1 -c:a pcm_s16le "$long"
seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$long")

clip="$work/clip.wav"
ffmpeg -v error -y -i "$data/${files[0]}" -c:a pcm_s16le "$clip"

if [ -z "${GENRE:-}" ]; then
  ./scripts/genre --version >/dev/null   # builds the fast program once (say so on stderr), then starts it
  GENRE=./scripts/genre
fi
genre=$GENRE

calc() { awk "BEGIN { print $1 }"; }

# Best wall time of three runs of a command, in seconds.
best_of_3() {
  local best="" start end t
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    t=$(calc "$end - $start")
    if [ -z "$best" ] || [ "$(calc "$t < $best")" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

aubio_clip=$(best_of_3 aubiomfcc -i "$clip" -r 22050 -B 2048 -H 512)
ours_clip=$(best_of_3 $genre classify "$clip")
aubio=$(best_of_3 aubiomfcc -i "$long" -r 22050 -B 2048 -H 512)
ours=$(best_of_3 $genre classify "$long")

model=config/genre-model.json
matrix=$(dotnet run bench/compare/predict-matrix.cs -- "$model" "$long" "$work/matrix" 200)
sklearn=$("$python" bench/compare/sklearn-predict.py "$model" "$work/matrix" 200)
field() { "$python" -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
rows=$(field "$matrix" rows)
features=$(field "$matrix" features)
ours_predict=$(field "$matrix" seconds)
sklearn_predict=$(field "$sklearn" seconds)
difference=$(field "$sklearn" max_abs_difference)

cpu=$(awk -F: '/^model name/ { sub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
printf 'on %s (%s, %s cores); genre = %s\n' "${cpu:-$(uname -m)}" "$(uname -m)" "$(nproc)" "$genre"
printf '%-58s %12s %10s\n' "what (same input)" "time" "ratio"
printf '%-58s %10.3f s\n' "aubiomfcc, one 30-s clip (start-up included)" "$aubio_clip"
printf '%-58s %10.3f s %9.2fx\n' "genre classify, the same clip (start-up included)" "$ours_clip" "$(calc "$aubio_clip / $ours_clip")"
printf '%-58s %10.3f s\n' "aubiomfcc: 13 MFCC, 2048/512, $(printf '%.0f s' "$seconds") ($clips clips)" "$aubio"
printf '%-58s %10.3f s %9.2fx\n' "genre classify: all features + model (process wall time)" "$ours" "$(calc "$aubio / $ours")"
printf '%-58s %10.1f us\n' "scikit-learn predict_proba: $rows x $features" "$(calc "$sklearn_predict * 1000000")"
printf '%-58s %10.1f us %9.2fx\n' "genre SoftmaxModel.PredictProbabilities: $rows x $features" "$(calc "$ours_predict * 1000000")" "$(calc "$sklearn_predict / $ours_predict")"
printf 'ratio = their time / ours (above 1: we are faster); probabilities agree within %.1e\n' "$difference"

if ((kernels)); then
  echo
  echo "kernels beside NWaves and NAudio (BenchmarkDotNet, short job, in process; Ratio: theirs / ours):"
  dotnet run -c Release --project bench/GenreStream.Benchmarks -- --filter '*FftBenchmarks*' '*MfccBenchmarks*' '*ResamplingBenchmarks*' \
    --job short --inProcess --exporters none 2>/dev/null | awk '/^\| *Method/ { table = 1 } table && /^\|/ { print } /^$/ { table = 0 }'
fi
