#!/usr/bin/env bash
# ILP Dash developer entry point.
#   ./dev.sh run    set everything up and start the dashboard (Kabupaten Jepara, sample data)
#   ./dev.sh test   set everything up (incl. Chromium and redis-server for the tests), run ruff and the whole test suite,
#                   then the runtime smoke check (tests/runtime_smoke.py) from a venv with only `pip install .`
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
VENV=${ILP_VENV:-.venv}
RUNTIME_VENV=${ILP_RUNTIME_VENV:-.venv-runtime}  # runtime dependencies only, no extras

need_python() {
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
    echo "ILP Dash perlu Python 3.11 atau lebih baru / needs Python 3.11+ ($PYTHON)." >&2; exit 2; }
}

setup_python() {  # $1: pip extras, e.g. "test" or ""
  need_python
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" 2>/dev/null || {
      as_root apt-get install -y -q python3-venv >/dev/null; "$PYTHON" -m venv "$VENV"; }
  fi
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  local target="."
  [ -n "${1:-}" ] && target=".[$1]"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$target"
}

setup_runtime_venv() {  # a second venv, reused but re-synced: `pip install .` with no extras
  if [ ! -x "$RUNTIME_VENV/bin/python" ]; then
    "$PYTHON" -m venv "$RUNTIME_VENV"
  fi
  echo '*' > "$RUNTIME_VENV/.gitignore"  # kept out of git and ruff, as Python 3.13+ venvs do
  "$RUNTIME_VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  rm -rf build  # setuptools' in-tree build/lib would carry modules deleted since the last install
  "$RUNTIME_VENV/bin/python" -m pip install -q --disable-pip-version-check .
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Perlu hak root untuk: $* / root needed for: $*" >&2; return 1; fi
}

setup_test_tools() {  # Debian's Chromium and its driver (browser tests), redis-server (shared cache, Celery tests)
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v redis-server >/dev/null; then
    return
  fi
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver redis-server >/dev/null
}

cmd=${1:-help}; shift || true
case "$cmd" in
  run)
    setup_python ""
    exec "$VENV/bin/ilp-dash" serve "$@"
    ;;
  test)
    setup_test_tools
    setup_python test
    "$VENV/bin/ruff" check .            # lint (pyproject.toml [tool.ruff])
    "$VENV/bin/ruff" format --check .   # formatting
    "$VENV/bin/python" -m pytest "$@"
    # the app as a user's first run gets it: pip check, serve, every screen (a missing dependency fails)
    setup_runtime_venv
    exec "$RUNTIME_VENV/bin/python" tests/runtime_smoke.py --venv "$RUNTIME_VENV"
    ;;
  *)
    sed -n '2,5p' "$0"; exit 2 ;;
esac
