#!/usr/bin/env bash
# Copies govuk-frontend's built CSS, JS, fonts and images into righthelp/static/vendor.
# The copies are committed, so installing and running Right Help needs no Node.js; run
# this after changing the govuk-frontend version in package.json, then commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --ignore-scripts
src=node_modules/govuk-frontend/dist/govuk
dest=righthelp/static/vendor/govuk-frontend
rm -rf "$dest"
mkdir -p "$dest"
# The source maps come too: the built files name them (sourceMappingURL), and collectstatic
# refuses a file that names one it cannot find (system check righthelp.E002 says so first).
cp "$src/govuk-frontend.min.css" "$src/govuk-frontend.min.css.map" \
  "$src/govuk-frontend.min.js" "$src/govuk-frontend.min.js.map" "$dest/"
# The built CSS points at /assets/...; make the paths relative to the CSS file so the
# files work under any STATIC_URL.
sed -i 's#url(/assets/#url(assets/#g' "$dest/govuk-frontend.min.css"
cp -r "$src/assets" "$dest/assets"
cp node_modules/govuk-frontend/package.json "$dest/package.json"
echo "govuk-frontend $(node -p "require('./$dest/package.json').version") copied to $dest"
