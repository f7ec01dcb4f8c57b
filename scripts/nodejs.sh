#!/usr/bin/env bash
# Installs Debian's nodejs when `node` is missing, for the agent's PolkitRuleTest, which runs the
# polkit rule `vigil agent --polkit-rule` prints (JavaScript, as polkitd runs it) under Node.js with
# a stand-in polkit object. Only as root with apt-get; otherwise one sentence says what to install,
# and that test is skipped (outside CI; with CI=true it fails).
set -euo pipefail
if command -v node >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "PolkitRuleTest needs Node.js; on Debian or Ubuntu: sudo apt-get install nodejs" \
    "(without it the test is skipped outside CI)." >&2
  exit 0
fi
echo "Installing nodejs (Debian package) for the polkit rule test..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs >/dev/null
