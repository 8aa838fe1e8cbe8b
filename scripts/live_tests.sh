#!/usr/bin/env bash
# The checks that need the running assistant (called by scripts/with_stack.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python scripts/evaluate.py --url "$RASA_URL"
.venv/bin/python -m pytest tests/live tests/e2e -q
