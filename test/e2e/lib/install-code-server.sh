#!/usr/bin/env bash
# Installs what the real-VS-Code test levels need on a fresh Debian 12 machine that reaches only
# the npm registry and Debian's apt repositories:
#   apt: chromium (drives the workbench), ripgrep + libkrb5-dev (only to install code-server),
#        fonts-ipafont-gothic (3.5 MB: without a CJK font the Japanese UI screenshots show boxes);
#   npm: code-server 4.100.3 (= VS Code 1.100.3, the last release that runs on Node 20),
#        cached OUTSIDE the repo in $CS_DIR so re-runs take seconds.
# Idempotent. Prints the code-server version line.
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"
CS_DIR="${CS_DIR:-/tmp/code-server-$CS_VERSION}"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

# `code-server --version` would write ~/.config/code-server/config.yaml (with a random password)
# unless given a config file; use a throw-away one, and print only the "... with Code ..." line
# (code-server may print info lines before it).
cs_version() {
  local cfg rc=0 out
  cfg="$(mktemp)"
  out="$("$CS_BIN" --config "$cfg" --version 2>&1)" || rc=$?
  rm -f "$cfg"
  [ "$rc" -eq 0 ] || return "$rc"
  printf '%s\n' "$out" | grep -m1 'with Code'
}

need=()
for p in libkrb5-dev ripgrep chromium fonts-ipafont-gothic; do
  # dpkg -s also succeeds for removed-but-not-purged packages; check the real status.
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "apt: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -x "$CS_BIN" ] && cs_version >/dev/null 2>&1; then
  echo "code-server cached in $CS_DIR: $(cs_version)"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable) unless its release tarball
# is already in $TMPDIR/vscode-ripgrep-cache-<ver>/; seed that cache with Debian's rg.
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

# node-gyp must build native addons against the local Node headers (it cannot download them).
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"
cd "$CS_DIR"
echo '{ "name": "code-server-host", "private": true }' > package.json
# unsafe_perm: code-server's postinstall refuses root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which ~/.npmrc (yes=false) would cancel.
# dangerously_allow_all_scripts: code-server needs its install scripts (native addons).
npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
  npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" > "$CS_DIR/install.log" 2>&1 \
  || { tail -40 "$CS_DIR/install.log"; echo "code-server install failed (log: $CS_DIR/install.log)"; exit 1; }
echo "code-server installed in $CS_DIR: $(cs_version)"
