#!/usr/bin/env bash
# Installs Debian's prometheus-alertmanager (/usr/bin/prometheus-alertmanager) when it is missing,
# for the console's Alertmanager-channel tests, which start the real Alertmanager on loopback and
# read the alerts back through its API. Only as root with apt-get; otherwise one sentence says what
# to install, and those tests are skipped (outside CI; with CI=true they fail).
# The package's own service is not wanted here: the tests start their own process on a free port.
set -euo pipefail
if [ -x /usr/bin/prometheus-alertmanager ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The Alertmanager-channel tests need Debian's prometheus-alertmanager; on Debian or Ubuntu:" \
    "sudo apt-get install prometheus-alertmanager (without it they are skipped outside CI)." >&2
  exit 0
fi
echo "Installing prometheus-alertmanager (Debian package) for the Alertmanager-channel tests..." >&2
apt-get update -qq
# policy-rc.d answer 101: the package's postinst must not start a system Alertmanager on :9093.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  created_policy=1
fi
trap '[ "$created_policy" -eq 1 ] && rm -f "$policy"' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  prometheus-alertmanager >/dev/null
