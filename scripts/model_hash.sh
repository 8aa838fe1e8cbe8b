#!/usr/bin/env bash
# Hash of everything a trained model depends on (the tokenizer folds words with
# immuno/normalize.py): when it is unchanged, the model is reused.
cd "$(dirname "$0")/.." || exit 1
{ cat config.yml domain.yml requirements.lock; find data rasa_addons/components immuno/normalize.py -type f \( -name '*.yml' -o -name '*.py' \) | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-16
