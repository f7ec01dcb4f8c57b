#!/usr/bin/env bash
# The GUI tests tagged "desktop" (the main window's and every dialog's size and place, no label
# cut, a maximised window staying maximised) through GTK under Xvfb with openbox, once at 1366x768
# and once at 1920x1080. Installs what is missing (Debian packages) when run as root, as in CI.
# VIGIL_DESKTOP_SIZES overrides the screens; VIGIL_MVN the Maven command (default ./mvnw -B).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=find-jdk.sh
. scripts/find-jdk.sh
# shellcheck source=desktop.sh
. scripts/desktop.sh
vigil_find_jdk
vigil_desktop_packages
trap vigil_desktop_stop EXIT
read -r -a mvn <<<"${VIGIL_MVN:-./mvnw -B}"
for size in ${VIGIL_DESKTOP_SIZES:-1366x768 1920x1080}; do
  vigil_desktop_start "$size"
  echo "Desktop GUI tests under openbox at $size (DISPLAY=$DISPLAY)"
  "${mvn[@]}" -q -Pdesktop -Dgroups=desktop -pl console-app -am test \
    -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false
  vigil_desktop_stop
done
