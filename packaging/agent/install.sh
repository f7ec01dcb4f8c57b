#!/usr/bin/env bash
# Installs the Vigil agent from this tarball with the same layout as the .deb:
#   /usr/lib/vigil-agent (runtime, jars, launcher), /usr/bin/vigil-agent,
#   /usr/lib/systemd/system/vigil-agent.service, /etc/vigil/agent.conf, a system user 'vigil'.
# Like the .deb it starts nothing: the agent sends nothing until agent.conf names a console.
# The how is packaging/common/install-lib.sh's; build.sh puts agent/next-steps.txt below.
set -euo pipefail
# shellcheck source=../common/install-lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/install-lib.sh"
vigil_install vigil-agent "Vigil agent" vigil agent.conf "$@" <<'NEXT'
@NEXT_STEPS@
NEXT
