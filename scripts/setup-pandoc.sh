#!/usr/bin/env bash
# Installs Debian's pandoc when it is missing: the tests use the real Pandoc as the oracle
# for citations and BibTeX (test/pandoc/), and the export recipe runs it. Run by `npm test`
# before those suites, as the e2e setup installs Chromium. Needs root or sudo the first time.
set -euo pipefail
if command -v pandoc >/dev/null 2>&1; then
  echo "[pandoc setup] $(pandoc --version | head -n 1)"
  exit 0
fi
SUDO=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then SUDO=(sudo -n); else
    echo "[pandoc setup] ERROR: pandoc is missing and installing it needs root (or sudo): apt-get install pandoc" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "[pandoc setup] installing Debian's pandoc"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends pandoc
pandoc --version | head -n 1
