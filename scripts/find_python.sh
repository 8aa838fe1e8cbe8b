#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10), or explains
# exactly what to install and exits 1.
for candidate in python3.10 \
    "$(command -v pyenv >/dev/null 2>&1 && echo "$(pyenv root)/versions/"3.10*/bin/python3.10)" \
    "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
  for path in $candidate; do
    if [ -x "$(command -v "$path" 2>/dev/null)" ] && "$path" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
      command -v "$path"
      exit 0
    fi
  done
done
cat >&2 <<'MSG'
No Python 3.10 found. Rasa Open Source 3.6 runs on Python 3.8-3.10 only.
Install one of:
  - Debian/Ubuntu:   sudo apt-get install python3.10 python3.10-venv   (or the deadsnakes PPA on Ubuntu)
  - pyenv:           pyenv install 3.10.13
then run `make run` again.
MSG
exit 1
