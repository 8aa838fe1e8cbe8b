#!/usr/bin/env bash
# Installs what the browser tests (tests/e2e) need, only when it is missing:
#   - Debian's chromium (/usr/bin/chromium) and the fonts it renders French text with;
#   - the Python `playwright` package in the project venv (driver only: we never run
#     `playwright install`, the browser is Debian's).
# Idempotent: a second run does nothing and takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_PY="${VENV_PY:-.venv/bin/python}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.64.1}"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "install_browser: apt-get install ${need_apt[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! "$VENV_PY" -c "import playwright" >/dev/null 2>&1; then
    echo "install_browser: pip install playwright==${PLAYWRIGHT_VERSION}"
    "$VENV_PY" -m pip install -q "playwright==${PLAYWRIGHT_VERSION}"
fi
echo "install_browser: $(/usr/bin/chromium --version 2>/dev/null | head -1), playwright $("$VENV_PY" -c 'import importlib.metadata as m; print(m.version("playwright"))')"
