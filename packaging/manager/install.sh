#!/usr/bin/env bash
# Installs the Vigil manager from this tarball with the same layout as the .deb:
#   /usr/lib/vigil-manager (runtime, jars, launcher), /usr/bin/vigil-manager,
#   /usr/lib/systemd/system/vigil-manager.service, /etc/vigil/manager.conf, a system user
#   'vigil-manager'. Like the .deb it starts nothing until an administrator enables it.
# The how is packaging/common/install-lib.sh's; build.sh puts manager/next-steps.txt below.
set -euo pipefail
# shellcheck source=../common/install-lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/install-lib.sh"
vigil_install vigil-manager "Vigil manager" vigil-manager manager.conf "$@" <<'NEXT'
@NEXT_STEPS@
NEXT
