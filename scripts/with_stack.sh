#!/usr/bin/env bash
# with_stack.sh RASA_PORT ACTIONS_PORT WEB_PORT COMMAND...
# Starts the assistant (scripts/serve.sh) on the given ports, waits until it answers,
# runs COMMAND with RASA_URL / ACTIONS_URL / WEB_URL set, then stops everything it started.
set -uo pipefail
cd "$(dirname "$0")/.."
export RASA_PORT=$1 ACTIONS_PORT=$2 WEB_PORT=$3
shift 3
export TRACKER_DB="var/run/$RASA_PORT/tracker.db"
export AUDIT_FILE="var/run/$RASA_PORT/audit.jsonl"
rm -f "$TRACKER_DB" "$AUDIT_FILE"
export RASA_URL="http://127.0.0.1:$RASA_PORT" ACTIONS_URL="http://127.0.0.1:$ACTIONS_PORT" \
  WEB_URL="http://127.0.0.1:$WEB_PORT"
# The Telegram connector of the test stack talks to the fake Bot API that
# tests/e2e/test_telegram.py starts on loopback (never to Telegram).
export TELEGRAM_FAKE_PORT=${TELEGRAM_FAKE_PORT:-$((RASA_PORT + 3094))}
export TELEGRAM_TOKEN=123456:TEST-TOKEN TELEGRAM_VERIFY=immuno_test_bot
export TELEGRAM_WEBHOOK_URL="http://127.0.0.1:$RASA_PORT/webhooks/telegram/webhook"
export TELEGRAM_API_URL="http://127.0.0.1:$TELEGRAM_FAKE_PORT"
# Secrets of this stack only (serve.sh would otherwise read or create them under var/);
# the tests read them from the environment.
new_secret() { .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))'; }
export RASA_TOKEN=${RASA_TOKEN:-$(new_secret)} ACTION_SERVER_TOKEN=$(new_secret) \
  CONVERSATION_ID_SECRET=$(new_secret) TELEGRAM_SECRET_TOKEN=$(new_secret)
mkdir -p results
log=results/stack.log
setsid scripts/serve.sh >"$log" 2>&1 &
stack=$!
stop() { kill -TERM -- "-$stack" 2>/dev/null; wait "$stack" 2>/dev/null; }
trap stop EXIT INT TERM
if ! .venv/bin/python scripts/wait_ready.py "$RASA_URL/" "$ACTIONS_URL/health" --timeout 300; then
  echo "The assistant did not start; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
"$@"
