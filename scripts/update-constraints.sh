#!/usr/bin/env bash
# Rebuilds requirements/constraints.txt from a fresh environment of pyproject.toml's pins.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3.11 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --upgrade pip
"$tmp/venv/bin/pip" install --quiet -e ".[dev]"
"$tmp/venv/bin/pip" install --quiet --no-deps -r requirements/no-deps.txt
{
  echo "# Every package Right Help installs, pinned: bin/install passes this to pip with -c."
  echo "# Regenerate with scripts/update-constraints.sh after changing pyproject.toml."
  "$tmp/venv/bin/pip" freeze --exclude-editable | grep -v -i '^righthelp'
} > requirements/constraints.txt
rm -rf "$tmp"
echo "requirements/constraints.txt updated"
