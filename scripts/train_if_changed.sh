#!/usr/bin/env bash
# Trains a model only when data, domain, config or components changed since the last one.
# Prints the model path on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
hash=$(scripts/model_hash.sh)
model="models/model-$hash.tar.gz"
if [ -f "$model" ]; then
  echo "Model up to date: $model" >&2
else
  echo "Training a new model ($hash): a few minutes on 2 cores..." >&2
  mkdir -p models
  PYTHONPATH=. .venv/bin/rasa train --fixed-model-name "model-$hash" --out models >&2
fi
echo "$model"
