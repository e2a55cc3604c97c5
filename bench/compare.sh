#!/usr/bin/env bash
# Side by side on the same few minutes of real music (GTZAN clips from ../shared/data joined by ffmpeg into /tmp):
#   1. aubio's aubiomfcc computing MFCCs alone  vs  genre classify computing all its features and the classification
#      (wall time of each program, best of 3 runs);
#   2. scikit-learn's predict_proba  vs  our SoftmaxModel, on the same feature matrix (one row per texture window of
#      that audio) with the same parameters (best of 200 repeats, in process).
# Usage: bench/compare.sh [clips]      (default 10 full 30-s clips, one per genre first: 5 minutes of audio)
# Needs: dotnet, ffmpeg, aubio-tools (aubiomfcc), python3-sklearn for /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."

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

dotnet build src/Host -c Release -v quiet -nologo >/dev/null
genre="dotnet src/Host/bin/Release/net10.0/genre.dll"

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

printf '%s of audio (%d GTZAN clips), %s, %s cores\n' "$(printf '%.0f s' "$seconds")" "$clips" "$(uname -m)" "$(nproc)"
printf '%-58s %12s %10s\n' "what (same input)" "time" "ratio"
printf '%-58s %10.3f s\n' "aubiomfcc: 13 MFCC, 2048/512 (C, real-time library)" "$aubio"
printf '%-58s %10.3f s %9.2fx\n' "genre classify: all features + model (process wall time)" "$ours" "$(calc "$aubio / $ours")"
printf '%-58s %10.1f us\n' "scikit-learn predict_proba: $rows x $features" "$(calc "$sklearn_predict * 1000000")"
printf '%-58s %10.1f us %9.2fx\n' "genre SoftmaxModel.PredictProbabilities: $rows x $features" "$(calc "$ours_predict * 1000000")" "$(calc "$sklearn_predict / $ours_predict")"
printf 'ratio = their time / ours (above 1: we are faster); probabilities agree within %.1e\n' "$difference"
