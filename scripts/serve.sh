#!/usr/bin/env bash
# Starts the action server, the Rasa server (REST, socket.io, HTTP API) and, when present,
# the web pages. Ctrl-C stops all of them.
#   RASA_PORT (5005)  ACTIONS_PORT (5055)  WEB_PORT (8080)  RASA_HOST (127.0.0.1)
#   ACTIONS_HOST (127.0.0.1): the action server is never exposed unless set
#   RASA_TOKEN        required when RASA_HOST is not a loopback address
#   CORS_ORIGINS      allowed web origins (default: the local web page)
#   TRACKER_DB        SQLite file of the conversations (var/tracker.db)
#   DATABASE_URL      postgresql://... : PostgreSQL tracker store instead of SQLite
#   REDIS_URL         redis://host:port/db : Redis lock store (several Rasa servers)
#   MODEL             model archive (default: the one matching the current data)
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
RASA_HOST=${RASA_HOST:-127.0.0.1}
CORS_ORIGINS=${CORS_ORIGINS:-"http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT"}
MODEL=${MODEL:-$(scripts/train_if_changed.sh | tail -n 1)}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-"http://127.0.0.1:$ACTIONS_PORT/webhook"}
TRACKER_DB=${TRACKER_DB:-var/tracker.db}
# Files rendered for this instance only, so that several stacks can run side by side.
run_dir=var/run/$RASA_PORT
mkdir -p "$run_dir" "$(dirname "$TRACKER_DB")"
# SQLite tracker store by default; PostgreSQL when DATABASE_URL is set, Redis lock store
# when REDIS_URL is set (see deploy/render_endpoints.py and docs/PRODUCTION.md).
TRACKER_DB=$TRACKER_DB .venv/bin/python deploy/render_endpoints.py --output "$run_dir/endpoints.yml"

auth=()
case "$RASA_HOST" in
  127.*|localhost|::1) ;;
  *) if [ -z "${RASA_TOKEN:-}" ]; then
       echo "Refusing to open the HTTP API on $RASA_HOST without RASA_TOKEN." >&2; exit 2
     fi ;;
esac
[ -n "${RASA_TOKEN:-}" ] && auth=(--auth-token "$RASA_TOKEN")

credentials=credentials.yml
if [ -f scripts/render_credentials.py ]; then
  .venv/bin/python scripts/render_credentials.py --output "$run_dir/credentials.yml" >&2 \
    && credentials=$run_dir/credentials.yml
fi

trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait' INT TERM EXIT

SANIC_HOST=${ACTIONS_HOST:-127.0.0.1} .venv/bin/python -m rasa_sdk --port "$ACTIONS_PORT" --actions actions &
# shellcheck disable=SC2086
.venv/bin/rasa run --model "$MODEL" --port "$RASA_PORT" --interface "$RASA_HOST" \
  --enable-api "${auth[@]}" --cors $CORS_ORIGINS \
  --credentials "$credentials" --endpoints "$run_dir/endpoints.yml" &
if [ -f scripts/serve_web.py ]; then
  WEB_PORT=$WEB_PORT RASA_URL="http://127.0.0.1:$RASA_PORT" .venv/bin/python scripts/serve_web.py &
fi
echo "Assistant starting: REST http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook, web http://127.0.0.1:$WEB_PORT" >&2
wait -n
echo "A service stopped; stopping the others." >&2
exit 1
