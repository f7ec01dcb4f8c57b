#!/usr/bin/env bash
# Installs Debian's monitoring-plugins-basic (check_tcp, check_http, check_dummy, check_disk in
# /usr/lib/nagios/plugins) when it is missing, for the agent's plugin-check tests, which run these
# real plugins against servers they start on loopback. Only as root with apt-get; otherwise one
# sentence says what to install, and the tests that need the plugins are skipped (outside CI).
set -euo pipefail
if [ -x /usr/lib/nagios/plugins/check_dummy ] && [ -x /usr/lib/nagios/plugins/check_tcp ] \
  && [ -x /usr/lib/nagios/plugins/check_http ] && [ -x /usr/lib/nagios/plugins/check_disk ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The plugin-check tests need Debian's monitoring-plugins-basic; on Debian or Ubuntu:" \
    "sudo apt-get install monitoring-plugins-basic (without it they are skipped outside CI)." >&2
  exit 0
fi
echo "Installing monitoring-plugins-basic (Debian package) for the plugin-check tests..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  monitoring-plugins-basic >/dev/null
