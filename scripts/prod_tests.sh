#!/usr/bin/env bash
# Production tests, part of `make test`: PostgreSQL tracker store and restart in
# the middle of a triage form (scripts/serve.sh), two Rasa replicas + the action server
# behind nginx sharing PostgreSQL and Redis, security, hostile inputs, faults; then the
# security tests (tests/security: API token, ids, origins, limits, privacy, hostile channels).
# Needs the machine's PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379); starts and
# stops everything else itself (ports 56xx-57xx, private PostgreSQL cluster and Redis for
# the fault tests, nginx with its own config). Exit code != 0 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/install_nginx.sh
MODEL=${MODEL:-$(scripts/train_if_changed.sh | tail -n 1)}
export MODEL RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p results/prod
status=0
.venv/bin/python -m pytest tests/prod -q -p no:cacheprovider \
  --junitxml=results/prod/junit.xml "$@" || status=$?
# Security tests: their own assistant on 5710/5760/5790, run apart because both
# directories import helpers from their own conftest.
.venv/bin/python -m pytest tests/security -q -p no:cacheprovider \
  --junitxml=results/prod/junit-security.xml "$@" || status=$?
echo "prod tests: $(( $(date +%s) - start )) s, exit $status (logs in results/prod/)" >&2
exit $status
