#!/usr/bin/env bash
# macOS recipe: the console as "Vigil Console.app" in a .dmg (jlink runtime with JavaFX, its
# .dylib files inside the runtime, jpackage app-image, then --type dmg from it). Run on a Mac
# with a JDK 21+ (Temurin) and Xcode's command-line tools; it cannot run on Linux.
# Signing and notarisation are optional: set VIGIL_MAC_SIGN_IDENTITY (a "Developer ID
# Application: ..." name in the keychain) and, for notarisation, VIGIL_NOTARY_PROFILE (a profile
# stored with 'xcrun notarytool store-credentials').
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PACKAGING=$(dirname "$HERE")
ROOT=$(dirname "$PACKAGING")
OUT="$PACKAGING/target/macos"

fail() {
  echo "build-dmg.sh: $*" >&2
  exit 1
}

[ "$(uname -s)" = Darwin ] || fail "this recipe runs on macOS (jpackage builds .dmg files only there); on Linux use packaging/build.sh."
for tool in sips iconutil hdiutil; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is missing: install Xcode's command-line tools (xcode-select --install)."
done
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jpackage" ]; then
  # shellcheck source=../../scripts/find-jdk.sh
  . "$ROOT/scripts/find-jdk.sh"
  vigil_find_jdk || exit 1
fi
# shellcheck source=../packages.env
. "$PACKAGING/packages.env"
JAVA_MAJOR=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")

# Jars for this Mac's architecture: Maven picks the JavaFX "-mac" or "-mac-aarch64" jars itself.
(cd "$ROOT" && ./mvnw -B -q package -DskipTests)
PROJECT_VERSION=$(sed -n 's/^version=//p' "$ROOT/console-app/target/classes/dev/vigil/console/version.properties")
VERSION=${PROJECT_VERSION%%-*}
# macOS wants a first number of at least 1 in an app's version.
case "$VERSION" in 0.*) MAC_VERSION="1.${VERSION#0.}" ;; *) MAC_VERSION=$VERSION ;; esac

rm -rf "$OUT"
mkdir -p "$OUT/input/lib" "$OUT/Vigil.iconset"
fx_jars=$(ls "$ROOT"/console-app/target/lib/javafx-*-mac*.jar)
modules=$CONSOLE_MODULES
if "$JAVA_HOME/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then modules="$modules,jdk.crypto.ec"; fi
"$JAVA_HOME/bin/jlink" --module-path "$(echo "$fx_jars" | paste -sd: -)" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --output "$OUT/runtime"
# JavaFX loads its .dylib files from the runtime instead of unpacking them into ~/.openjfx.
for jar in $fx_jars; do (cd "$OUT/runtime/lib" && unzip -qo "$jar" '*.dylib'); done

cp "$ROOT/console-app/target/vigil-console.jar" "$OUT/input/"
find "$ROOT/console-app/target/lib" -name '*.jar' ! -name 'javafx-*' -exec cp {} "$OUT/input/lib/" \;

# The icon: macOS wants an .icns made from the committed PNG at several sizes.
for size in 16 32 64 128 256; do
  sips -z "$size" "$size" "$PACKAGING/icons/vigil-console.png" --out "$OUT/Vigil.iconset/icon_${size}x${size}.png" >/dev/null
done
iconutil -c icns "$OUT/Vigil.iconset" -o "$OUT/vigil-console.icns"

java_options="--enable-native-access=ALL-UNNAMED,javafx.graphics"
if [ "$JAVA_MAJOR" -ge 24 ]; then java_options="$java_options --sun-misc-unsafe-memory-access=allow"; fi
for pkg in $CONSOLE_EXPORTS; do java_options="$java_options --add-exports=$pkg=ALL-UNNAMED"; done

sign=()
if [ -n "${VIGIL_MAC_SIGN_IDENTITY:-}" ]; then
  sign=(--mac-sign --mac-signing-key-user-name "$VIGIL_MAC_SIGN_IDENTITY")
fi

"$JAVA_HOME/bin/jpackage" --type app-image --dest "$OUT" --name "Vigil Console" \
  --app-version "$MAC_VERSION" --vendor "$VENDOR" --description "$CONSOLE_DESCRIPTION" \
  --icon "$OUT/vigil-console.icns" --runtime-image "$OUT/runtime" --input "$OUT/input" \
  --main-jar vigil-console.jar --main-class dev.vigil.console.ConsoleMain \
  --mac-package-identifier dev.vigil.console --mac-package-name "Vigil Console" \
  --java-options "$java_options" "${sign[@]}"
"$JAVA_HOME/bin/jpackage" --type dmg --dest "$OUT" --name "Vigil Console" \
  --app-version "$MAC_VERSION" --vendor "$VENDOR" --app-image "$OUT/Vigil Console.app" \
  "${sign[@]}"
dmg=$(ls "$OUT"/*.dmg)

if [ -n "${VIGIL_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$VIGIL_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
fi
echo "Built $dmg ($(du -h "$dmg" | cut -f1)). Open it and drag Vigil Console to Applications."
echo "The headless console: '/Applications/Vigil Console.app/Contents/MacOS/Vigil Console' --headless"
