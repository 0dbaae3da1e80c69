#!/usr/bin/env bash
# Build a wheel from a clean copy of the tracked files, install it into a fresh virtual
# environment and run it from another folder: an installed copy must carry its translations
# and fonts. Usage: packaging/check_wheel.sh [PYTHON] (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-python3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/source" "$work/run"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$work/source"

started=$SECONDS
"$python" -m pip wheel -q --no-deps -w "$work/dist" "$work/source"
wheel=$(ls "$work"/dist/lkoe_desktop-*.whl)
for needed in lkoe_desktop/resources/fonts/DejaVuSans.ttf \
  lkoe_desktop/resources/fonts/LICENSE-DejaVu.txt \
  lkoe_desktop/resources/translations/sv/LC_MESSAGES/lkoe_desktop.mo; do
  unzip -l "$wheel" "$needed" >/dev/null || { echo "the wheel lacks $needed" >&2; exit 1; }
done
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel"
echo "wheel built and installed in $((SECONDS - started)) s"

# From another folder, with user folders of its own, in Swedish (the default language).
cd "$work/run"
export XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
  XDG_STATE_HOME="$work/home/state" XDG_CACHE_HOME="$work/home/cache"
unset LKOE_DB LKOE_LANG
app="$work/venv/bin/lkoe-desktop"
"$app" --version
"$work/venv/bin/python" - "$work/venv" <<'PYTHON'
import sys
from pathlib import Path

from lkoe_desktop.paths import resource_dir

found = resource_dir()
assert found.is_relative_to(Path(sys.argv[1]).resolve()), f"resources from {found}"
PYTHON
"$app" --db demo.sqlite3 demo | tee demo.txt
grep -q "Demodata inlagda" demo.txt
meeting=$("$app" --db demo.sqlite3 list meetings --json \
  | "$work/venv/bin/python" -c "import json, sys; print(json.load(sys.stdin)[0]['id'])")
"$app" --db demo.sqlite3 report sign-in-sheet --meeting "$meeting" -o närvarolista.pdf
pdftotext närvarolista.pdf närvarolista.txt
grep -q "Närvarolista" närvarolista.txt
echo "the installed wheel runs: --version, demo and a sign-in sheet from $PWD"
