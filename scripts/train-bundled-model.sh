#!/usr/bin/env bash
# Rebuilds the bundled model (config/genre-model.json and its report) from ../shared/data, with the
# settings chosen by grouped cross-validation (docs/experiments.md). Prints the out-of-fold figures.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project src/Host -c Release -- train \
  --data ../shared/data/folds.tsv \
  --cv --c 0.01,0.03,0.1,0.3,1 \
  --out config/genre-model.json "$@"
