#!/usr/bin/env bash
# Installs the Vigil agent from this tarball with the same layout as the .deb:
#   /usr/lib/vigil-agent (runtime, jars, launcher), /usr/bin/vigil-agent,
#   /usr/lib/systemd/system/vigil-agent.service, /etc/vigil/agent.conf, a system user 'vigil'.
# Like the .deb it starts nothing: the agent sends nothing until agent.conf names a console.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: sudo ./install.sh [--root DIR] [--uninstall]

  --root DIR    install below DIR instead of / (for images and tests: no user, no systemctl)
  --uninstall   remove the files (keeps /etc/vigil/agent.conf and /var/lib/vigil-agent)
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
  && dpkg-query -W -f='${Status}' vigil-agent 2>/dev/null | grep -q 'ok installed'; then
  echo "install.sh: the vigil-agent .deb is installed here; upgrade it with the .deb instead." >&2
  exit 1
fi

systemd_live() { $live && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

if $uninstall; then
  if systemd_live; then
    systemctl disable --now vigil-agent.service >/dev/null 2>&1 || true
  fi
  rm -rf "$DEST/usr/lib/vigil-agent" "$DEST/usr/share/doc/vigil-agent"
  rm -f "$DEST/usr/bin/vigil-agent" "$DEST/usr/lib/systemd/system/vigil-agent.service"
  if systemd_live; then systemctl daemon-reload; fi
  echo "Removed the Vigil agent. Kept: $DEST/etc/vigil/agent.conf, $DEST/var/lib/vigil-agent, the 'vigil' user."
  exit 0
fi

for f in usr/lib/vigil-agent/bin/vigil-agent usr/lib/vigil-agent/runtime/bin/java \
  usr/lib/systemd/system/vigil-agent.service etc/vigil/agent.conf; do
  [ -e "$SRC/$f" ] || { echo "install.sh: $SRC/$f is missing; unpack the whole tarball and run its install.sh." >&2; exit 1; }
done

# Files: replace the program, never an agent.conf the administrator edited.
rm -rf "$DEST/usr/lib/vigil-agent"
mkdir -p "$DEST/usr/lib" "$DEST/usr/bin" "$DEST/usr/lib/systemd/system" "$DEST/usr/share/doc" "$DEST/etc/vigil"
cp -a "$SRC/usr/lib/vigil-agent" "$DEST/usr/lib/"
rm -rf "$DEST/usr/share/doc/vigil-agent"
cp -a "$SRC/usr/share/doc/vigil-agent" "$DEST/usr/share/doc/"
ln -sfn ../lib/vigil-agent/bin/vigil-agent "$DEST/usr/bin/vigil-agent"
install -m 0644 "$SRC/usr/lib/systemd/system/vigil-agent.service" "$DEST/usr/lib/systemd/system/"
conf="$DEST/etc/vigil/agent.conf"
if [ -e "$conf" ]; then
  if ! cmp -s "$SRC/etc/vigil/agent.conf" "$conf"; then
    install -m 0640 "$SRC/etc/vigil/agent.conf" "$conf.new"
    echo "Kept your $conf; the new defaults are in $conf.new."
  fi
else
  install -m 0640 "$SRC/etc/vigil/agent.conf" "$conf"
fi

if $live; then
  if ! getent group vigil >/dev/null; then groupadd --system vigil; fi
  if ! getent passwd vigil >/dev/null; then
    useradd --system --gid vigil --home-dir /var/lib/vigil-agent --no-create-home \
      --shell "$(command -v nologin || echo /bin/false)" --comment "Vigil agent" vigil
  fi
  chgrp vigil "$conf"
  chmod 0640 "$conf"
  # systemd's StateDirectory= makes this too; without systemd the agent needs it ready.
  install -d -m 0700 -o vigil -g vigil /var/lib/vigil-agent
  if systemd_live; then
    systemctl daemon-reload
    # An agent that was running keeps running, on the new version.
    systemctl try-restart vigil-agent.service || true
  fi
fi

cat <<MSG
Vigil agent $("$DEST/usr/lib/vigil-agent/bin/vigil-agent" --version 2>/dev/null | head -n 1 | sed 's/^Vigil agent //') installed in ${DEST:-/}.
It is not running and sends nothing until you configure it:
  1. In the console: "Add agent..." (headless console: 'token') shows the address, token and
     fingerprint. Put them in /etc/vigil/agent.conf:
       manager = console.example.org:7470
       token = vgt_...
       console-fingerprint = SHA256:...
  2. sudo systemctl enable --now vigil-agent
  3. journalctl -u vigil-agent -f     (the agent logs to the journal)
Without systemd: sudo -u vigil /usr/bin/vigil-agent --config /etc/vigil/agent.conf --data-dir /var/lib/vigil-agent
MSG
