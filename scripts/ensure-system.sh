#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: redis-server (coordination
# store tests, queue-mode end-to-end test) and chromium (the editor's browser test, driven by
# playwright-core, which downloads no browser; CHROMIUM_PATH names another one). Called by
# `npm test` (scripts/test.js) and .ci/run.
set -euo pipefail
need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v flock >/dev/null || need+=(util-linux)
# (with a font: without one the screenshots show boxes; --no-install-recommends skips it)
[ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "[ensure-system] missing ${need[*]}: install them with apt-get (needs root)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
echo "[ensure-system] installing ${need[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
