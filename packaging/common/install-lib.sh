# The part of a Vigil tarball's install.sh that every package shares, sourced by it (packaging/agent
# and packaging/manager): the same layout as the package's .deb, a system user, a config file that
# is never overwritten once edited, nothing started. The caller runs
#   vigil_install PACKAGE NAME USER CONF [install.sh's own arguments] <<'NEXT' ... NEXT
#   PACKAGE  e.g. vigil-agent: /usr/lib/PACKAGE, /usr/bin/PACKAGE, PACKAGE.service,
#            /var/lib/PACKAGE and /usr/share/doc/PACKAGE
#   NAME     what messages call it, e.g. "Vigil agent" (also what its --version starts with)
#   USER     the system user and group it runs as
#   CONF     its file in /etc/vigil, e.g. agent.conf
#   stdin    what to do once installed, printed last
# shellcheck shell=bash

VIGIL_PACKAGE= VIGIL_NAME= VIGIL_USER= VIGIL_CONF=

vigil_usage() {
  cat <<USAGE
Usage: sudo ./install.sh [--root DIR] [--uninstall]

  --root DIR    install below DIR instead of / (for images and tests: no user, no systemctl)
  --uninstall   remove the files (keeps /etc/vigil/$VIGIL_CONF and /var/lib/$VIGIL_PACKAGE)
USAGE
}

# Installs (or with --uninstall removes) the files beside install.sh and this file.
vigil_install() {
  VIGIL_PACKAGE=$1 VIGIL_NAME=$2 VIGIL_USER=$3 VIGIL_CONF=$4
  shift 4
  local src dest=/ uninstall=false live=false pkg=$VIGIL_PACKAGE conf next_steps
  next_steps=$(cat)
  src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) vigil_usage; exit 0 ;;
      --root) dest=${2:?--root needs a directory}; shift 2 ;;
      --root=*) dest=${1#--root=}; shift ;;
      --uninstall) uninstall=true; shift ;;
      *) echo "install.sh: unknown option '$1'" >&2; vigil_usage >&2; exit 2 ;;
    esac
  done
  dest=${dest%/}
  [ -z "$dest" ] && live=true

  if $live && [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo ./install.sh), or use --root DIR to install into a directory." >&2
    exit 1
  fi
  if $live && command -v dpkg-query >/dev/null 2>&1 \
    && dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    echo "install.sh: the $pkg .deb is installed here; upgrade it with the .deb instead." >&2
    exit 1
  fi

  systemd_live() { $live && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

  if $uninstall; then
    if systemd_live; then
      systemctl disable --now "$pkg.service" >/dev/null 2>&1 || true
    fi
    rm -rf "$dest/usr/lib/$pkg" "$dest/usr/share/doc/$pkg"
    rm -f "$dest/usr/bin/$pkg" "$dest/usr/lib/systemd/system/$pkg.service"
    if systemd_live; then systemctl daemon-reload; fi
    echo "Removed the $VIGIL_NAME. Kept: $dest/etc/vigil/$VIGIL_CONF, $dest/var/lib/$pkg, the '$VIGIL_USER' user."
    exit 0
  fi

  local f
  for f in "usr/lib/$pkg/bin/$pkg" "usr/lib/$pkg/runtime/bin/java" \
    "usr/lib/systemd/system/$pkg.service" "etc/vigil/$VIGIL_CONF"; do
    [ -e "$src/$f" ] || { echo "install.sh: $src/$f is missing; unpack the whole tarball and run its install.sh." >&2; exit 1; }
  done

  # Files: replace the program, never a config the administrator edited.
  rm -rf "$dest/usr/lib/$pkg"
  mkdir -p "$dest/usr/lib" "$dest/usr/bin" "$dest/usr/lib/systemd/system" "$dest/usr/share/doc" "$dest/etc/vigil"
  cp -a "$src/usr/lib/$pkg" "$dest/usr/lib/"
  rm -rf "$dest/usr/share/doc/$pkg"
  cp -a "$src/usr/share/doc/$pkg" "$dest/usr/share/doc/"
  ln -sfn "../lib/$pkg/bin/$pkg" "$dest/usr/bin/$pkg"
  install -m 0644 "$src/usr/lib/systemd/system/$pkg.service" "$dest/usr/lib/systemd/system/"
  conf="$dest/etc/vigil/$VIGIL_CONF"
  if [ -e "$conf" ]; then
    if ! cmp -s "$src/etc/vigil/$VIGIL_CONF" "$conf"; then
      install -m 0640 "$src/etc/vigil/$VIGIL_CONF" "$conf.new"
      echo "Kept your $conf; the new defaults are in $conf.new."
    fi
  else
    install -m 0640 "$src/etc/vigil/$VIGIL_CONF" "$conf"
  fi

  if $live; then
    if ! getent group "$VIGIL_USER" >/dev/null; then groupadd --system "$VIGIL_USER"; fi
    if ! getent passwd "$VIGIL_USER" >/dev/null; then
      useradd --system --gid "$VIGIL_USER" --home-dir "/var/lib/$pkg" --no-create-home \
        --shell "$(command -v nologin || echo /bin/false)" --comment "$VIGIL_NAME" "$VIGIL_USER"
    fi
    chgrp "$VIGIL_USER" "$conf"
    chmod 0640 "$conf"
    # systemd's StateDirectory= makes this too; without systemd the program needs it ready.
    install -d -m 0700 -o "$VIGIL_USER" -g "$VIGIL_USER" "/var/lib/$pkg"
    if systemd_live; then
      systemctl daemon-reload
      # One that was running keeps running, on the new version.
      systemctl try-restart "$pkg.service" || true
    fi
  fi

  local version
  version=$("$dest/usr/lib/$pkg/bin/$pkg" --version 2>/dev/null | head -n 1)
  echo "$VIGIL_NAME ${version#"$VIGIL_NAME "} installed in ${dest:-/}."
  echo "$next_steps"
  echo "Without systemd: sudo -u $VIGIL_USER /usr/bin/$pkg --config /etc/vigil/$VIGIL_CONF --data-dir /var/lib/$pkg"
}
