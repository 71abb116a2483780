#!/usr/bin/env bash
# Prepare everything raport needs on this machine; safe to run any number of times.
# Creates .venv (Python >= 3.11), installs raport with its dev tools, and the
# system libraries WeasyPrint needs (Pango) when they are missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Pango lays out the PDF; HarfBuzz's subsetter embeds fonts fast and without clock times.
system_libraries="libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0"
need_system_packages() {
    local libs
    libs="$(ldconfig -p 2>/dev/null)"
    for lib in $system_libraries; do
        grep -q "$lib" <<<"$libs" || return 0
    done
    return 1
}

if need_system_packages; then
    echo "raport: instaluję biblioteki systemowe (Pango, HarfBuzz) dla WeasyPrint…" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >&2
fi

python=""
for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        python="$candidate"
        break
    fi
done
if [ -z "$python" ]; then
    echo "raport: potrzebny jest Python 3.11 lub nowszy" >&2
    exit 1
fi

if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv >&2
fi

# Reinstall only when the project's metadata changed since the last install.
stamp=".venv/.raport-installed"
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    .venv/bin/python -m pip install -q --upgrade pip >&2
    .venv/bin/python -m pip install -q -e ".[dev]" >&2
    cp pyproject.toml "$stamp"
fi
