#!/usr/bin/env bash
# Prepare everything raport needs on this machine; safe to run any number of times.
#
#   scripts/bootstrap.sh          what building a report needs: .venv (Python >= 3.11)
#                                 with raport, and the system libraries WeasyPrint needs
#   scripts/bootstrap.sh --dev    and what the tests need: the dev tools in .venv, Debian's
#                                 Chromium, LibreOffice, qpdf, poppler-utils, Java, and the
#                                 Nu Html Checker (npm package vnu-jar) in .tools/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dev=""
[ "${1:-}" = "--dev" ] && dev=1

# Pango lays out the PDF; HarfBuzz's subsetter embeds fonts fast and without clock times.
runtime_libraries="libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0"
runtime_packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
# The tests drive the page in Chromium, round-trip DOCX/XLSX through LibreOffice,
# check PDFs with qpdf and poppler, and run the Nu Html Checker on Java.
dev_commands="chromium:chromium soffice:libreoffice-writer-nogui qpdf:qpdf pdftoppm:poppler-utils"
dev_commands="$dev_commands java:default-jre-headless npm:npm"

missing=""
libs="$(ldconfig -p 2>/dev/null || true)"
for lib in $runtime_libraries; do
    grep -q "$lib" <<<"$libs" || { missing="$runtime_packages"; break; }
done
if [ -n "$dev" ]; then
    for pair in $dev_commands; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
    done
    # Calc opens the workbooks the tests convert (annotated copies, LibreOffice-saved files).
    [ -e /usr/lib/libreoffice/program/libscfiltlo.so ] || missing="$missing libreoffice-calc-nogui"
    # Carlito, metric-compatible with the DOCX's Calibri: LibreOffice sets the DOCX in
    # it, so its pages (and the contents' page numbers) are those of the PDF.
    fc-list 2>/dev/null | grep -q "Carlito" || missing="$missing fonts-crosextra-carlito"
fi
if [ -n "$missing" ]; then
    echo "raport: instaluję pakiety systemowe:$missing…" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q >&2
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >&2
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

# Reinstall only when the project's metadata (or the kind of install) changed.
extras=""
[ -n "$dev" ] && extras="[dev]"
stamp=".venv/.raport-installed$extras"
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    .venv/bin/python -m pip install -q --upgrade pip >&2
    .venv/bin/python -m pip install -q -e ".$extras" >&2
    cp pyproject.toml "$stamp"
fi

if [ -n "$dev" ]; then
    # The Nu Html Checker, pinned; run as `java -jar .tools/node_modules/vnu-jar/build/dist/vnu.jar`.
    vnu_version="26.9.27"
    if [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ] ||
        ! grep -q "\"version\": \"$vnu_version\"" .tools/node_modules/vnu-jar/package.json; then
        mkdir -p .tools
        npm install --silent --no-audit --no-fund --prefix .tools "vnu-jar@$vnu_version" >&2
    fi
fi
