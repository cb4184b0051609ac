#!/usr/bin/env bash
# Installs the Debian packages the tests use, when they are missing:
#  - pandoc: the oracle for citations and BibTeX (test/pandoc/), and the export recipe;
#  - qpdf: encrypts a generated PDF for the source-document tests (an encrypted source is "unchecked");
#  - fonts-dejavu-core: a font with ligature glyphs (ﬁ, ﬂ) for the generated PDFs;
#  - libxml2-utils: xmllint, which validates the exported REFI-QDA codebook against its XSD.
# Run by `npm test` before the suites that need them, as the e2e setup installs Chromium.
# Needs root or sudo the first time.
set -euo pipefail
missing=()
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -eq 0 ]; then
  echo "[test tools] $(pandoc --version | head -n 1), $(qpdf --version | head -n 1), DejaVu fonts, xmllint"
  exit 0
fi
SUDO=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then SUDO=(sudo -n); else
    echo "[test tools] ERROR: ${missing[*]} missing, and installing needs root (or sudo): apt-get install ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "[test tools] installing Debian's ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
pandoc --version | head -n 1
