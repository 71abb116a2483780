#!/usr/bin/env bash
# Set up (if needed) and build the demo report from inputs/ into output/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/bootstrap.sh"
cd "$root"
exec .venv/bin/raport build "$@"
