#!/usr/bin/env bash
# Writes the bundled default CSL style (media/csl/chicago-author-date.csl) from Pandoc's
# own default style, unchanged: the provenance is in media/csl/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pandoc >/dev/null || bash scripts/setup-test-tools.sh
pandoc --print-default-data-file default.csl > media/csl/chicago-author-date.csl
grep -q 'http://www.zotero.org/styles/chicago-author-date' media/csl/chicago-author-date.csl
echo "media/csl/chicago-author-date.csl written from $(pandoc --version | head -1)"
