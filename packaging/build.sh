#!/usr/bin/env bash
# Builds Vigil's native packages from the jars that './mvnw package' made:
#   agent:   a minimal jlink runtime + the agent jars, as a .deb (systemd unit, /etc/vigil/agent.conf,
#            'vigil' user) and as a tarball with install.sh for other Linux systems;
#   manager: a jlink runtime without JavaFX + the console's jars without the UI libraries, as a .deb
#            (hardened systemd unit, /etc/vigil/manager.conf, 'vigil-manager' user) and a tarball;
#   console: a jlink runtime with JavaFX (native libraries inside it) + jpackage app-image, as a .deb
#            with a menu entry, an icon and a 'vigil-console' command.
# Usually run through Maven: ./mvnw -B -Ppackage package -DskipTests (see packaging/README.md).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/target"
ALL_TARGETS=(agent-deb agent-tarball manager-deb manager-tarball console-image console-deb)

usage() {
  cat <<USAGE
Usage: packaging/build.sh [--out DIR] [TARGET...]

Targets (default: all of them): ${ALL_TARGETS[*]}
  agent-deb      vigil-agent_VERSION_ARCH.deb: minimal runtime, systemd unit, conffile, 'vigil' user
  agent-tarball  vigil-agent-VERSION-linux-ARCH.tar.gz: the same files and an install.sh
  manager-deb    vigil-manager_VERSION_ARCH.deb: runtime without JavaFX, systemd unit, conffile, user
  manager-tarball vigil-manager-VERSION-linux-ARCH.tar.gz: the same files and an install.sh
  console-image  the console's jpackage app-image (OUT/console/vigil-console)
  console-deb    vigil-console_VERSION_ARCH.deb: the app-image, a menu entry, an icon, a command
Needs the jars from './mvnw package' (agent/target, console-app/target), a JDK 21+ with jlink and
jpackage (JAVA_HOME, or found like ./vigil does), and dpkg-deb for the .debs.
USAGE
}

targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --out) OUT=$2; shift 2 ;;
    --out=*) OUT=${1#--out=}; shift ;;
    all) targets+=("${ALL_TARGETS[@]}"); shift ;;
    agent-deb | agent-tarball | manager-deb | manager-tarball | console-image | console-deb) targets+=("$1"); shift ;;
    *) echo "build.sh: unknown target or option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
wants() { [[ " ${targets[*]} " == *" $1 "* ]]; }
# console-deb is made from the app-image.
if wants console-deb && ! wants console-image; then targets+=(console-image); fi

fail() {
  echo "build.sh: $*" >&2
  exit 1
}

# --- Tools ---------------------------------------------------------------------------------------
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jlink" ]; then
  # shellcheck source=../scripts/find-jdk.sh
  . "$ROOT/scripts/find-jdk.sh"
  vigil_find_jdk || exit 1
fi
for tool in jlink jpackage jar; do
  [ -x "$JAVA_HOME/bin/$tool" ] || fail "$JAVA_HOME has no $tool; packages need a full JDK 21 or newer (not a JRE)."
done
JLINK="$JAVA_HOME/bin/jlink"
JPACKAGE="$JAVA_HOME/bin/jpackage"
JAR="$JAVA_HOME/bin/jar"
JAVA_MAJOR=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")
[ "${JAVA_MAJOR:-0}" -ge 21 ] || fail "JAVA_HOME ($JAVA_HOME) is Java ${JAVA_MAJOR:-?}; packages need 21 or newer."
if wants agent-deb || wants manager-deb || wants console-deb; then
  command -v dpkg-deb >/dev/null 2>&1 \
    || fail "dpkg-deb is missing, needed for the .deb targets (Debian/Ubuntu: apt-get install dpkg; elsewhere build only agent-tarball and console-image)."
fi

# --- Inputs --------------------------------------------------------------------------------------
AGENT_JAR="$ROOT/agent/target/vigil-agent.jar"
CONSOLE_JAR="$ROOT/console-app/target/vigil-console.jar"
for jar in "$AGENT_JAR" "$CONSOLE_JAR"; do
  if [ ! -f "$jar" ] || [ ! -d "$(dirname "$jar")/lib" ]; then
    fail "$jar or its lib/ is missing: run './mvnw -B package -DskipTests' first (or the Maven profile: ./mvnw -B -Ppackage package -DskipTests)."
  fi
done

# The version packages carry: the project's, without -SNAPSHOT or any other qualifier (jpackage and
# the Windows installer accept only numbers).
PROJECT_VERSION=$(sed -n 's/^version=//p' "$ROOT/agent/target/classes/dev/vigil/agent/version.properties" 2>/dev/null || true)
if [ -z "$PROJECT_VERSION" ]; then
  PROJECT_VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")
fi
VERSION=${PROJECT_VERSION%%-*}
[[ "$VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || fail "cannot derive a package version from '$PROJECT_VERSION' (want N.N.N)."

case "$(uname -m)" in
  x86_64) DEB_ARCH=amd64 TAR_ARCH=x64 JNA_ARCH=linux-x86-64 SQLITE_ARCH=Linux/x86_64 ;;
  aarch64) DEB_ARCH=arm64 TAR_ARCH=aarch64 JNA_ARCH=linux-aarch64 SQLITE_ARCH=Linux/aarch64 ;;
  *) fail "unsupported machine '$(uname -m)': the recipes cover x86_64 and aarch64 Linux." ;;
esac

# Flags that only newer JVMs accept go into launchers only when the bundled runtime knows them.
NATIVE_FLAGS="--enable-native-access=ALL-UNNAMED"
if [ "$JAVA_MAJOR" -ge 24 ]; then NATIVE_FLAGS="$NATIVE_FLAGS --sun-misc-unsafe-memory-access=allow"; fi

# shellcheck source=packages.env
. "$HERE/packages.env"

umask 022
mkdir -p "$OUT"
# Only what this run builds is left for the checks to find.
rm -f "$OUT"/vigil-*.deb "$OUT"/vigil-*.tar.gz
TIMES="$OUT/build-times.txt"
: >"$TIMES"
step_start=0
step() {
  step_start=$(date +%s.%N)
  echo "== $*" >&2
}
step_done() {
  local took
  took=$(awk -v a="$step_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  printf '%-28s %6s s\n' "$1" "$took" >>"$TIMES"
}

# Extracts the entries matching a glob from a jar into a directory, flat.
extract_flat() {
  local jar=$1 pattern=$2 dest=$3 tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && "$JAR" xf "$jar")
  find "$tmp" -type f -path "$pattern" -exec cp {} "$dest"/ \;
  rm -rf "$tmp"
}

has_module() { "$JAVA_HOME/bin/java" --list-modules | grep -q "^$1@"; }

# SQLite's native library for this machine, from sqlite-jdbc's jar into a runtime's lib/ (DIR), so
# that sqlite-jdbc loads it from there instead of unpacking it into /tmp at every start.
bundle_sqlite() {
  local sqlite
  sqlite=$(find "$ROOT/console-app/target/lib" -name 'sqlite-jdbc-*.jar' | head -n 1)
  [ -n "$sqlite" ] || fail "no sqlite-jdbc jar in console-app/target/lib"
  extract_flat "$sqlite" "*/org/sqlite/native/$SQLITE_ARCH/libsqlitejdbc.so" "$1"
  [ -f "$1/libsqlitejdbc.so" ] || fail "no $SQLITE_ARCH libsqlitejdbc.so in $sqlite"
}

# A runtime of the JDK's modules only (the agent's, the manager's): jlink MODULES into DIR.
jlink_runtime() {
  "$JLINK" --add-modules "$1" --strip-debug --no-header-files --no-man-pages \
    --output "$2" 2> >(grep -v 'No JDK Modules found\|^$' >&2 || true)
}

# Same permissions whatever the umask or checkout: directories 0755, files 0644, programs 0755.
normalise_modes() {
  find "$1" -type d -exec chmod 0755 {} +
  find "$1" -type f -exec chmod 0644 {} +
  find "$1" -type f \( -path '*/bin/*' -o -name 'jspawnhelper' -o -name 'jexec' \) -exec chmod 0755 {} +
}

# Executables and libraries ship without symbol tables, as Debian's do (the JDK's libjvm.so alone
# keeps 5 MB of them). No jlink --compress: the .deb's xz compresses uncompressed modules better
# (agent .deb 28 MB instead of 37 MB), and the JVM then maps classes without inflating them.
strip_native() {
  if ! command -v strip >/dev/null 2>&1; then
    echo "build.sh: 'strip' (binutils) is missing; native code keeps its symbols (5 MB more)." >&2
    return 0
  fi
  local f
  while IFS= read -r -d '' f; do
    if [ "$(head -c 4 "$f" | tail -c 3)" = ELF ]; then strip --strip-unneeded "$f"; fi
  done < <(find "$1" -type f \( -name '*.so' -o -path '*/bin/*' -o -name 'jspawnhelper' -o -name 'jexec' \) -print0)
}

DEB_MAINTAINER=${VIGIL_DEB_MAINTAINER:-The Vigil authors <vigil@localhost>}

# /usr/share/doc/PACKAGE/changelog.gz, which Debian wants in every package (dated
# SOURCE_DATE_EPOCH when set, for reproducible builds).
write_changelog() {
  local package=$1 dest=$2 when
  when=$(date -R ${SOURCE_DATE_EPOCH:+-d "@$SOURCE_DATE_EPOCH"})
  printf '%s (%s) unstable; urgency=medium\n\n  * Built from Vigil %s.\n\n -- %s  %s\n' \
    "$package" "$VERSION" "$PROJECT_VERSION" "$DEB_MAINTAINER" "$when" | gzip -9n >"$dest"
}

installed_size_kib() { du -sk --exclude=DEBIAN "$1" | cut -f1; }

build_deb() {
  local stage=$1 deb=$2
  # md5sums: what 'dpkg --verify' checks installed files against.
  (cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
    >"$stage/DEBIAN/md5sums"
  chmod 0644 "$stage/DEBIAN/md5sums"
  # --root-owner-group: every file root:root without fakeroot; xz as Debian's archive uses.
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
}

write_copyright() {
  {
    cat "$HERE/debian/copyright"
    echo "License: MIT"
    sed -e 's/^$/./' -e 's/^/ /' "$ROOT/LICENSE"
  } >"$1"
}

# A file from one of packaging's templates, for the agent or the manager: @PACKAGE@, @NAME@,
# @USER@ and @CONF@ replaced, and @NEXT_STEPS@ by the package's next-steps.txt (what to do once
# it is installed, which its postinst and its tarball's install.sh both print).
fill_template() {
  local template=$1 out=$2 package=$3 name=$4 user=$5 conf=$6 text
  text=$(<"$template")
  # Quoted replacements: an '&' in them stays an '&' (bash 5.2's patsub_replacement).
  text=${text//@PACKAGE@/"$package"}
  text=${text//@NAME@/"$name"}
  text=${text//@USER@/"$user"}
  text=${text//@CONF@/"$conf"}
  text=${text//@NEXT_STEPS@/"$(<"$HERE/${package#vigil-}/next-steps.txt")"}
  printf '%s\n' "$text" >"$out"
  if grep -q '@[A-Z_]*@' "$out"; then fail "$template: a placeholder is left in $out"; fi
}

# The .deb of a service (the agent, the manager) from its staged tree; stdin is the control
# file's Description.
build_service_deb() {
  local package=$1 name=$2 user=$3 conf=$4 tree=$5 what=${1#vigil-} stage script
  step "$what: .deb"
  stage="$OUT/$what/deb"
  rm -rf "$stage"
  cp -a "$tree" "$stage"
  mkdir -p "$stage/DEBIAN"
  {
    cat <<CONTROL
Package: $package
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: $DEB_MAINTAINER
Installed-Size: $(installed_size_kib "$stage")
Depends: libc6, passwd
Section: admin
Priority: optional
Homepage: https://vigil.invalid/
CONTROL
    cat
  } >"$stage/DEBIAN/control"
  cp "$HERE/debian/$what/conffiles" "$stage/DEBIAN/"
  for script in postinst prerm postrm; do
    fill_template "$HERE/debian/common/$script" "$stage/DEBIAN/$script" "$package" "$name" "$user" "$conf"
    chmod 0755 "$stage/DEBIAN/$script"
  done
  chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles"
  build_deb "$stage" "$OUT/${package}_${VERSION}_${DEB_ARCH}.deb"
  rm -rf "$stage"
  step_done "$what .deb (dpkg-deb, xz)"
}

# The tarball of a service: its staged tree, its install.sh and the install-lib.sh that does the work.
build_service_tarball() {
  local package=$1 tree=$2 what=${1#vigil-} name stage
  step "$what: tarball"
  name="$package-$VERSION-linux-$TAR_ARCH"
  stage="$OUT/$what/tar"
  rm -rf "$stage"
  mkdir -p "$stage/$name"
  cp -a "$tree"/. "$stage/$name/"
  fill_template "$HERE/$what/install.sh" "$stage/$name/install.sh" "$package" "" "" ""
  chmod 0755 "$stage/$name/install.sh"
  install -m 0644 "$HERE/common/install-lib.sh" "$stage/$name/install-lib.sh"
  tar --owner=0 --group=0 --numeric-owner -C "$stage" -czf "$OUT/$name.tar.gz" "$name"
  rm -rf "$stage"
  step_done "$what tarball (gzip)"
}

# --- Agent ---------------------------------------------------------------------------------------
# Before JDK 22 the EC algorithms TLS needs live in their own module.
if has_module jdk.crypto.ec; then AGENT_MODULES="$AGENT_MODULES,jdk.crypto.ec"; fi

AGENT_STAGE="$OUT/agent/root"
AGENT_HOME="$AGENT_STAGE/usr/lib/vigil-agent"

build_agent_tree() {
  step "agent: jlink runtime ($AGENT_MODULES)"
  rm -rf "$OUT/agent"
  mkdir -p "$AGENT_HOME/bin" "$AGENT_HOME/lib/native"
  jlink_runtime "$AGENT_MODULES" "$AGENT_HOME/runtime"
  step_done "agent runtime (jlink)"

  step "agent: jars, launcher, unit, config"
  cp "$AGENT_JAR" "$AGENT_HOME/"
  cp "$ROOT"/agent/target/lib/*.jar "$AGENT_HOME/lib/"
  local jna=""
  for jar in "$ROOT"/agent/target/lib/jna-*.jar; do
    case "$jar" in *jna-platform*) ;; *) jna=$jar ;; esac
  done
  [ -n "$jna" ] || fail "no JNA jar in agent/target/lib"
  extract_flat "$jna" "*/com/sun/jna/$JNA_ARCH/libjnidispatch.so" "$AGENT_HOME/lib/native"
  [ -f "$AGENT_HOME/lib/native/libjnidispatch.so" ] || fail "no $JNA_ARCH libjnidispatch.so in $jna"
  sed "s|@RUNTIME_FLAGS@|$NATIVE_FLAGS|" "$HERE/agent/vigil-agent.launcher" >"$AGENT_HOME/bin/vigil-agent"
  mkdir -p "$AGENT_STAGE/usr/bin" "$AGENT_STAGE/usr/lib/systemd/system" "$AGENT_STAGE/etc/vigil" \
    "$AGENT_STAGE/usr/share/doc/vigil-agent/examples"
  ln -s ../lib/vigil-agent/bin/vigil-agent "$AGENT_STAGE/usr/bin/vigil-agent"
  cp "$HERE/agent/vigil-agent.service" "$AGENT_STAGE/usr/lib/systemd/system/"
  cp "$HERE/agent/agent.conf" "$AGENT_STAGE/etc/vigil/agent.conf"
  cp "$ROOT/docs/agent.md" "$AGENT_STAGE/usr/share/doc/vigil-agent/"
  cp "$HERE/agent/50-vigil-agent.rules" "$AGENT_STAGE/usr/share/doc/vigil-agent/examples/"
  write_copyright "$AGENT_STAGE/usr/share/doc/vigil-agent/copyright"
  write_changelog vigil-agent "$AGENT_STAGE/usr/share/doc/vigil-agent/changelog.gz"
  strip_native "$AGENT_STAGE"
  normalise_modes "$AGENT_STAGE"
  # The config may hold an enrollment token: not world-readable (postinst gives it to group vigil).
  chmod 0640 "$AGENT_STAGE/etc/vigil/agent.conf"
  step_done "agent files"
}

build_agent_deb() {
  build_service_deb vigil-agent "Vigil agent" vigil agent.conf "$AGENT_STAGE" <<'DESCRIPTION'
Description: Vigil agent: reports this machine to a Vigil console
 A headless daemon that measures CPU, memory, disks and processes, raises
 alerts and runs only the commands its own configuration allows, over mutual
 TLS. It runs as the 'vigil' user under a hardened systemd unit, on its own
 Java runtime. Nothing is sent until /etc/vigil/agent.conf names a console.
DESCRIPTION
}

# --- Manager -------------------------------------------------------------------------------------
# The console's manager without a window: the console's jar and its libraries but JavaFX,
# ControlsFX and AtlantaFX, on a runtime without JavaFX or java.desktop (docs/manager.md).
if has_module jdk.crypto.ec; then MANAGER_MODULES="$MANAGER_MODULES,jdk.crypto.ec"; fi

MANAGER_STAGE="$OUT/manager/root"
MANAGER_HOME="$MANAGER_STAGE/usr/lib/vigil-manager"

build_manager_tree() {
  step "manager: jlink runtime ($MANAGER_MODULES)"
  rm -rf "$OUT/manager"
  mkdir -p "$MANAGER_HOME/bin" "$MANAGER_HOME/lib"
  jlink_runtime "$MANAGER_MODULES" "$MANAGER_HOME/runtime"
  bundle_sqlite "$MANAGER_HOME/runtime/lib"
  step_done "manager runtime (jlink)"

  step "manager: jars, launcher, unit, config"
  cp "$CONSOLE_JAR" "$MANAGER_HOME/"
  find "$ROOT/console-app/target/lib" -name '*.jar' ! -name 'javafx-*' ! -name 'controlsfx-*' \
    ! -name 'atlantafx-*' -exec cp {} "$MANAGER_HOME/lib/" \;
  # The other platforms' SQLite libraries (21 MB) go: the launcher loads the one in the runtime.
  if command -v zip >/dev/null 2>&1; then
    zip -q -d "$MANAGER_HOME"/lib/sqlite-jdbc-*.jar 'org/sqlite/native/*' >/dev/null
  fi
  sed "s|@RUNTIME_FLAGS@|$NATIVE_FLAGS|" "$HERE/manager/vigil-manager.launcher" >"$MANAGER_HOME/bin/vigil-manager"
  mkdir -p "$MANAGER_STAGE/usr/bin" "$MANAGER_STAGE/usr/lib/systemd/system" "$MANAGER_STAGE/etc/vigil" \
    "$MANAGER_STAGE/usr/share/doc/vigil-manager"
  ln -s ../lib/vigil-manager/bin/vigil-manager "$MANAGER_STAGE/usr/bin/vigil-manager"
  cp "$HERE/manager/vigil-manager.service" "$MANAGER_STAGE/usr/lib/systemd/system/"
  cp "$HERE/manager/manager.conf" "$MANAGER_STAGE/etc/vigil/manager.conf"
  cp "$ROOT/docs/manager.md" "$MANAGER_STAGE/usr/share/doc/vigil-manager/"
  write_copyright "$MANAGER_STAGE/usr/share/doc/vigil-manager/copyright"
  write_changelog vigil-manager "$MANAGER_STAGE/usr/share/doc/vigil-manager/changelog.gz"
  strip_native "$MANAGER_STAGE"
  normalise_modes "$MANAGER_STAGE"
  # Root writes the config, the manager's group reads it (postinst).
  chmod 0640 "$MANAGER_STAGE/etc/vigil/manager.conf"
  step_done "manager files"
}

build_manager_deb() {
  build_service_deb vigil-manager "Vigil manager" vigil-manager manager.conf "$MANAGER_STAGE" <<'DESCRIPTION'
Description: Vigil manager: watches the fleet when no window is open
 The manager of the Vigil console as a service, without a window or a prompt:
 it keeps every agent's session, alerts and history over mutual TLS, for
 consoles to look at. It runs as the 'vigil-manager' user under a hardened
 systemd unit, on its own Java runtime. Nothing runs until it is enabled.
DESCRIPTION
}

# --- Console -------------------------------------------------------------------------------------
if has_module jdk.crypto.ec; then CONSOLE_MODULES="$CONSOLE_MODULES,jdk.crypto.ec"; fi
CONSOLE_IMAGE="$OUT/console/vigil-console"

build_console_image() {
  step "console: jlink runtime with JavaFX"
  rm -rf "$OUT/console"
  mkdir -p "$OUT/console/input/lib"
  local fx_jars module_path runtime="$OUT/console/runtime"
  fx_jars=$(ls "$ROOT"/console-app/target/lib/javafx-*-linux.jar 2>/dev/null || true)
  [ -n "$fx_jars" ] || fail "no JavaFX -linux jars in console-app/target/lib (is this Linux?)."
  module_path=$(echo "$fx_jars" | paste -sd:)
  "$JLINK" --module-path "$module_path" --add-modules "$CONSOLE_MODULES" --strip-debug \
    --no-header-files --no-man-pages --output "$runtime" \
    2> >(grep -v 'No JDK Modules found\|^$' >&2 || true)
  # JavaFX loads its native libraries from the runtime's lib/ instead of unpacking them into the
  # user's ~/.openjfx at every first start.
  for jar in $fx_jars; do extract_flat "$jar" '*.so' "$runtime/lib"; done
  # Likewise SQLite's library.
  bundle_sqlite "$runtime/lib"
  step_done "console runtime (jlink)"

  step "console: jpackage app-image"
  cp "$CONSOLE_JAR" "$OUT/console/input/"
  # The JavaFX jars are modules of the runtime now; the classpath keeps everything else.
  find "$ROOT/console-app/target/lib" -name '*.jar' ! -name 'javafx-*' -exec cp {} "$OUT/console/input/lib/" \;
  local exports="" pkg
  for pkg in $CONSOLE_EXPORTS; do exports="$exports --add-exports=$pkg=ALL-UNNAMED"; done
  exports="$exports -Dorg.sqlite.lib.path=\$APPDIR/../runtime/lib -Dorg.sqlite.lib.name=libsqlitejdbc.so"
  local native="$NATIVE_FLAGS"
  native=${native/--enable-native-access=ALL-UNNAMED/--enable-native-access=ALL-UNNAMED,javafx.graphics}
  "$JPACKAGE" --type app-image --dest "$OUT/console" --name vigil-console \
    --app-version "$VERSION" --vendor "$VENDOR" --copyright "The Vigil authors, MIT licence" \
    --description "$CONSOLE_DESCRIPTION" \
    --icon "$HERE/icons/vigil-console.png" --runtime-image "$runtime" \
    --input "$OUT/console/input" --main-jar vigil-console.jar \
    --main-class dev.vigil.console.ConsoleMain \
    --java-options "$native$exports" \
    2> >(grep -v 'No JDK Modules found\|^$' >&2 || true)
  rm -rf "$OUT/console/input" "$runtime"
  [ -x "$CONSOLE_IMAGE/bin/vigil-console" ] || fail "jpackage made no $CONSOLE_IMAGE/bin/vigil-console"
  strip_native "$CONSOLE_IMAGE"
  normalise_modes "$CONSOLE_IMAGE"
  step_done "console app-image (jpackage)"
}

build_console_deb() {
  step "console: .deb"
  local stage="$OUT/console/deb"
  rm -rf "$stage"
  mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/doc/vigil-console" "$stage/DEBIAN"
  cp -a "$CONSOLE_IMAGE" "$stage/opt/vigil-console"
  ln -s /opt/vigil-console/bin/vigil-console "$stage/usr/bin/vigil-console"
  cp "$HERE/console/vigil-console.desktop" "$stage/usr/share/applications/"
  cp "$HERE/icons/vigil-console.png" "$stage/usr/share/icons/hicolor/256x256/apps/"
  write_copyright "$stage/usr/share/doc/vigil-console/copyright"
  write_changelog vigil-console "$stage/usr/share/doc/vigil-console/changelog.gz"
  normalise_modes "$stage"
  # Libraries the runtime's and JavaFX's native code link to (objdump -p ... NEEDED, dpkg -S);
  # the t64 names are Debian 13's and Ubuntu 24.04's.
  cat >"$stage/DEBIAN/control" <<CONTROL
Package: vigil-console
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: $DEB_MAINTAINER
Installed-Size: $(installed_size_kib "$stage")
Depends: libc6, libasound2 | libasound2t64, libatk1.0-0 | libatk1.0-0t64, libcairo2, libcairo-gobject2, libfontconfig1, libfreetype6, libgdk-pixbuf-2.0-0, libgl1, libglib2.0-0 | libglib2.0-0t64, libgtk-3-0 | libgtk-3-0t64, libpango-1.0-0, libpangocairo-1.0-0, libpangoft2-1.0-0, libx11-6, libxext6, libxi6, libxrender1, libxtst6, libxxf86vm1
Section: admin
Priority: optional
Homepage: https://vigil.invalid/
Description: Vigil console: watch and control a fleet of machines
 The desktop console of Vigil: a table of every agent with CPU, memory and
 processes, alerts with popups and a feed, and the commands each agent
 allows, over mutual TLS. Also runs headless ('vigil-console --headless').
 Ships its own Java runtime with JavaFX.
CONTROL
  chmod 0644 "$stage/DEBIAN/control"
  build_deb "$stage" "$OUT/vigil-console_${VERSION}_${DEB_ARCH}.deb"
  rm -rf "$stage"
  step_done "console .deb (dpkg-deb, xz)"
}

# --- Run -----------------------------------------------------------------------------------------
echo "Packaging Vigil $VERSION (from $PROJECT_VERSION) for $DEB_ARCH with Java $JAVA_MAJOR ($JAVA_HOME): ${targets[*]}" >&2
if wants agent-deb || wants agent-tarball; then build_agent_tree; fi
if wants agent-deb; then build_agent_deb; fi
if wants agent-tarball; then build_service_tarball vigil-agent "$AGENT_STAGE"; fi
if wants manager-deb || wants manager-tarball; then build_manager_tree; fi
if wants manager-deb; then build_manager_deb; fi
if wants manager-tarball; then build_service_tarball vigil-manager "$MANAGER_STAGE"; fi
if wants console-image; then build_console_image; fi
if wants console-deb; then build_console_deb; fi

{
  echo "Built in $OUT:"
  for f in "$OUT"/*.deb "$OUT"/*.tar.gz "$AGENT_HOME/runtime" "$MANAGER_HOME/runtime" "$CONSOLE_IMAGE"; do
    [ -e "$f" ] && printf '  %-48s %s\n' "${f#"$OUT"/}" "$(du -sh "$f" | cut -f1)"
  done
  echo "Times:"
  sed 's/^/  /' "$TIMES"
} >&2
