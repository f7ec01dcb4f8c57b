# shellcheck shell=bash
# Sourced by ./vigil and .ci/run: finds a JDK 21 or newer and exports JAVA_HOME and
# VIGIL_JAVA_MAJOR. Looks at JAVA_HOME, the java on PATH, then the usual JVM directories,
# and prefers the newest. Says exactly what to install when there is none.

vigil_java_major() {
  local home=$1 v=""
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$v" ] && [ -x "$home/bin/java" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  v=${v#1.}
  v=${v%%[.+-]*}
  case "$v" in '' | *[!0-9]*) echo 0 ;; *) echo "$v" ;; esac
}

vigil_find_jdk() {
  local want=21 best="" best_major=0 dir major
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* \
    "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  # JAVA_HOME wins when it is new enough; otherwise the newest JDK found.
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(vigil_java_major "$JAVA_HOME")" -ge "$want" ]; then
    best=$JAVA_HOME
    best_major=$(vigil_java_major "$JAVA_HOME")
  else
    for dir in "${candidates[@]}"; do
      [ -x "$dir/bin/javac" ] || continue
      major=$(vigil_java_major "$dir")
      if [ "$major" -ge "$want" ] && [ "$major" -gt "$best_major" ]; then
        best=$dir
        best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    {
      echo "Vigil needs a JDK $want or newer, and none was found."
      echo "Looked at: JAVA_HOME (${JAVA_HOME:-unset}), the java on PATH, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks."
      echo "Install one, for example:"
      echo "  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk"
      echo "  Fedora/RHEL:    sudo dnf install java-21-openjdk-devel"
      echo "  macOS:          brew install --cask temurin@21"
      echo "  any system:     https://adoptium.net (Temurin 21 or newer)"
      echo "then run this again, or set JAVA_HOME to the JDK's directory."
    } >&2
    return 1
  fi
  export JAVA_HOME=$best
  export VIGIL_JAVA_MAJOR=$best_major
  export PATH="$JAVA_HOME/bin:$PATH"
  # Flags that only newer JVMs know must never reach an older one.
  if [ "$best_major" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
}
