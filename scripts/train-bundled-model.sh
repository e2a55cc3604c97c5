#!/usr/bin/env bash
# Rebuilds the bundled model (config/genre-model.json and its report) from every labelled recording in
# ../shared/data (GTZAN and Emotify), with the settings chosen by cross-validation grouped by artist across
# both data sets (docs/experiments.md). The "unknown" detector learns from synthesised non-music
# (scripts/make-nonmusic.sh, made afresh in a temporary folder) and is checked on ../shared/data/probes, which it
# never learns from. Prints the out-of-fold figures, per data set, per genre and at 44.1 kHz.
# Extra arguments go to `genre train` (e.g. --cache <folder>).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
nonmusic=$(mktemp -d)
trap 'rm -rf "$nonmusic"' EXIT
./scripts/make-nonmusic.sh "$nonmusic" >/dev/null
dotnet run --project src/Host -c Release -- train \
  --data "$data/folds.tsv" --data "$data/emotify.tsv" \
  --cv --cv-at-44k \
  --c 0.003,0.01,0.03,0.1,0.3,1 \
  --balance-classes --max-clip-windows 5 --augment-audio quieter6,quieter \
  --nonmusic-train "$nonmusic" --nonmusic "$data/probes" \
  --out config/genre-model.json "$@"
