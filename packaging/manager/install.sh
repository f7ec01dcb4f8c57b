#!/usr/bin/env bash
# Installs the Vigil manager from this tarball with the same layout as the .deb:
#   /usr/lib/vigil-manager (runtime, jars, launcher), /usr/bin/vigil-manager,
#   /usr/lib/systemd/system/vigil-manager.service, /etc/vigil/manager.conf, a system user
#   'vigil-manager'. Like the .deb it starts nothing until an administrator enables it.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: sudo ./install.sh [--root DIR] [--uninstall]

  --root DIR    install below DIR instead of / (for images and tests: no user, no systemctl)
  --uninstall   remove the files (keeps /etc/vigil/manager.conf and /var/lib/vigil-manager)
USAGE
}

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST=/
uninstall=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --root) DEST=${2:?--root needs a directory}; shift 2 ;;
    --root=*) DEST=${1#--root=}; shift ;;
    --uninstall) uninstall=true; shift ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
DEST=${DEST%/}
live=false
[ -z "$DEST" ] && live=true

if $live && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo ./install.sh), or use --root DIR to install into a directory." >&2
  exit 1
fi
if $live && command -v dpkg-query >/dev/null 2>&1 \
  && dpkg-query -W -f='${Status}' vigil-manager 2>/dev/null | grep -q 'ok installed'; then
  echo "install.sh: the vigil-manager .deb is installed here; upgrade it with the .deb instead." >&2
  exit 1
fi

systemd_live() { $live && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

if $uninstall; then
  if systemd_live; then
    systemctl disable --now vigil-manager.service >/dev/null 2>&1 || true
  fi
  rm -rf "$DEST/usr/lib/vigil-manager" "$DEST/usr/share/doc/vigil-manager"
  rm -f "$DEST/usr/bin/vigil-manager" "$DEST/usr/lib/systemd/system/vigil-manager.service"
  if systemd_live; then systemctl daemon-reload; fi
  echo "Removed the Vigil manager. Kept: $DEST/etc/vigil/manager.conf, $DEST/var/lib/vigil-manager, the 'vigil-manager' user."
  exit 0
fi

for f in usr/lib/vigil-manager/bin/vigil-manager usr/lib/vigil-manager/runtime/bin/java \
  usr/lib/systemd/system/vigil-manager.service etc/vigil/manager.conf; do
  [ -e "$SRC/$f" ] || { echo "install.sh: $SRC/$f is missing; unpack the whole tarball and run its install.sh." >&2; exit 1; }
done

# Files: replace the program, never a manager.conf the administrator edited.
rm -rf "$DEST/usr/lib/vigil-manager"
mkdir -p "$DEST/usr/lib" "$DEST/usr/bin" "$DEST/usr/lib/systemd/system" "$DEST/usr/share/doc" "$DEST/etc/vigil"
cp -a "$SRC/usr/lib/vigil-manager" "$DEST/usr/lib/"
rm -rf "$DEST/usr/share/doc/vigil-manager"
cp -a "$SRC/usr/share/doc/vigil-manager" "$DEST/usr/share/doc/"
ln -sfn ../lib/vigil-manager/bin/vigil-manager "$DEST/usr/bin/vigil-manager"
install -m 0644 "$SRC/usr/lib/systemd/system/vigil-manager.service" "$DEST/usr/lib/systemd/system/"
conf="$DEST/etc/vigil/manager.conf"
if [ -e "$conf" ]; then
  if ! cmp -s "$SRC/etc/vigil/manager.conf" "$conf"; then
    install -m 0640 "$SRC/etc/vigil/manager.conf" "$conf.new"
    echo "Kept your $conf; the new defaults are in $conf.new."
  fi
else
  install -m 0640 "$SRC/etc/vigil/manager.conf" "$conf"
fi

if $live; then
  if ! getent group vigil-manager >/dev/null; then groupadd --system vigil-manager; fi
  if ! getent passwd vigil-manager >/dev/null; then
    useradd --system --gid vigil-manager --home-dir /var/lib/vigil-manager --no-create-home \
      --shell "$(command -v nologin || echo /bin/false)" --comment "Vigil manager" vigil-manager
  fi
  chgrp vigil-manager "$conf"
  chmod 0640 "$conf"
  # systemd's StateDirectory= makes this too; without systemd the manager needs it ready.
  install -d -m 0700 -o vigil-manager -g vigil-manager /var/lib/vigil-manager
  if systemd_live; then
    systemctl daemon-reload
    # A manager that was running keeps running, on the new version.
    systemctl try-restart vigil-manager.service || true
  fi
fi

cat <<MSG
Vigil manager $("$DEST/usr/lib/vigil-manager/bin/vigil-manager" --version 2>/dev/null | head -n 1 | sed 's/^Vigil manager //') installed in ${DEST:-/}.
It is not running and listens nowhere until you configure it:
  1. Edit /etc/vigil/manager.conf: 'bind' for agents on other machines (the default, 127.0.0.1,
     serves this machine only), the ports, metrics (every key: /usr/share/doc/vigil-manager/manager.md).
  2. sudo systemctl enable --now vigil-manager
  3. journalctl -u vigil-manager     (the listener lines and the key fingerprint agents pin)
Without systemd: sudo -u vigil-manager /usr/bin/vigil-manager --config /etc/vigil/manager.conf --data-dir /var/lib/vigil-manager
MSG
