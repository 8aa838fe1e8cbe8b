#!/usr/bin/env bash
# Starts the action server, the Rasa server (REST, socket.io, HTTP API), the web pages and
# the daily purge of old conversations. Ctrl-C stops all of them.
#   RASA_PORT (5005)  ACTIONS_PORT (5055)  WEB_PORT (8080)  RASA_HOST (127.0.0.1)
#   ACTIONS_HOST (127.0.0.1): the action server is never exposed unless set
#   RASA_TOKEN        HTTP API token; default: var/api-token, created (0600) on first start
#   ACTION_SERVER_TOKEN, CONVERSATION_ID_SECRET, TELEGRAM_SECRET_TOKEN: same, in
#                     var/action-server-token, var/conversation-id-secret,
#                     var/telegram-secret-token
#   ALLOWED_HOSTS     Host header names accepted besides the loopback ones
#   PURGE_DAYS        conversations idle for longer are deleted daily (settings/security.yml)
#   CORS_ORIGINS      allowed web origins (default: the local web page)
#   TRACKER_DB        SQLite file of the conversations (var/tracker.db)
#   DATABASE_URL      postgresql://... : PostgreSQL tracker store instead of SQLite
#   REDIS_URL         redis://host:port/db : Redis lock store (several Rasa servers)
#   MODEL             model archive (default: the one matching the current data)
set -euo pipefail
cd "$(dirname "$0")/.."
# Every file written from here on (secrets, tracker, audit, logs) is readable by its owner only.
umask 077
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export RASA_TELEMETRY_ENABLED=false
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
RASA_HOST=${RASA_HOST:-127.0.0.1}
export CORS_ORIGINS=${CORS_ORIGINS:-"http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT"}
MODEL=${MODEL:-$(scripts/train_if_changed.sh | tail -n 1)}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-"http://127.0.0.1:$ACTIONS_PORT/webhook"}
export TRACKER_DB=${TRACKER_DB:-var/tracker.db}
# Files rendered for this instance only, so that several stacks can run side by side.
run_dir=var/run/$RASA_PORT
mkdir -p "$run_dir" "$(dirname "$TRACKER_DB")"
# SQLite tracker store by default; PostgreSQL when DATABASE_URL is set, Redis lock store
# when REDIS_URL is set (see deploy/render_endpoints.py and docs/PRODUCTION.md).
TRACKER_DB=$TRACKER_DB .venv/bin/python deploy/render_endpoints.py --output "$run_dir/endpoints.yml"

case "$RASA_HOST" in
  127.*|localhost|::1) ;;
  *) if [ -z "${RASA_TOKEN:-}" ]; then
       echo "Refusing to open the HTTP API on $RASA_HOST without RASA_TOKEN." >&2; exit 2
     fi ;;
esac
# secret VAR FILE: $VAR if set, else the content of FILE, created on first start.
secret() {
  if [ -z "${!1:-}" ]; then
    [ -s "$2" ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))' >"$2"
    export "$1=$(cat "$2")"
  fi
}
mkdir -p var
secret RASA_TOKEN var/api-token
secret ACTION_SERVER_TOKEN var/action-server-token
secret CONVERSATION_ID_SECRET var/conversation-id-secret
secret TELEGRAM_SECRET_TOKEN var/telegram-secret-token

credentials=credentials.yml
if [ -f scripts/render_credentials.py ]; then
  .venv/bin/python scripts/render_credentials.py --output "$run_dir/credentials.yml" >&2 \
    && credentials=$run_dir/credentials.yml
fi

trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait' INT TERM EXIT

SANIC_HOST=${ACTIONS_HOST:-127.0.0.1} .venv/bin/python -m actions.server \
  --port "$ACTIONS_PORT" --actions actions &
# shellcheck disable=SC2086
.venv/bin/python -m rasa_addons.server run --model "$MODEL" --port "$RASA_PORT" \
  --interface "$RASA_HOST" --enable-api --auth-token "$RASA_TOKEN" --cors $CORS_ORIGINS \
  --credentials "$credentials" --endpoints "$run_dir/endpoints.yml" &
if [ -f scripts/serve_web.py ]; then
  WEB_PORT=$WEB_PORT RASA_URL="http://127.0.0.1:$RASA_PORT" .venv/bin/python scripts/serve_web.py &
fi
# The daily purge (its output: counts only, never ids).
(while true; do
   .venv/bin/python scripts/purge_conversations.py ${PURGE_DAYS:+--older-than-days "$PURGE_DAYS"} >&2 || true
   sleep 86400
 done) &
echo "Assistant starting: REST http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook, web http://127.0.0.1:$WEB_PORT" >&2
wait -n
echo "A service stopped; stopping the others." >&2
exit 1
