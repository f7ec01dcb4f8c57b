# shellcheck shell=bash
# Sourced by scripts/desktop-tests.sh and scripts/screenshot.sh: a virtual display with a real
# window manager (Xvfb and openbox), because JavaFX sizes windows differently under one and the
# Monocle tests cannot see it (issue 17).
#   vigil_desktop_packages   installs xvfb, openbox, x11-utils and GTK 3 (Debian) when missing
#   vigil_desktop_start WxH  starts Xvfb on a free display and openbox on it; exports DISPLAY
#   vigil_desktop_stop       stops both

vigil_desktop_packages() {
  local -a missing=()
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  command -v openbox >/dev/null 2>&1 || missing+=(openbox)
  command -v xprop >/dev/null 2>&1 || missing+=(x11-utils)
  local gtk=""
  if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then gtk=yes; fi
  [ ${#missing[@]} -eq 0 ] && [ -z "$gtk" ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "The desktop tests need Xvfb, openbox, xprop and GTK 3. On Debian or Ubuntu:" >&2
    echo "  sudo apt-get install xvfb openbox x11-utils libgtk-3-0" >&2
    return 1
  fi
  echo "Installing ${missing[*]}${gtk:+ GTK 3} (Debian packages) for the desktop tests..." >&2
  apt-get update -qq
  if [ -n "$gtk" ]; then
    # Debian 13 and Ubuntu 24.04 renamed it for the 64-bit time_t transition.
    if apt-cache show libgtk-3-0t64 >/dev/null 2>&1; then missing+=(libgtk-3-0t64); else missing+=(libgtk-3-0); fi
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

vigil_desktop_start() {
  local size=$1 fifo display="" i
  fifo=$(mktemp -u /tmp/vigil-xvfb.XXXXXX)
  mkfifo "$fifo"
  # -displayfd: Xvfb picks a free display itself and writes its number, so parallel runs never
  # race for one.
  Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
  VIGIL_XVFB_PID=$!
  read -r -t 20 display <"$fifo" || true
  rm -f "$fifo"
  if [ -z "$display" ]; then
    echo "Xvfb did not start (screen ${size})." >&2
    return 1
  fi
  export DISPLAY=":$display"
  openbox >/dev/null 2>&1 &
  VIGIL_WM_PID=$!
  for i in $(seq 1 100); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && return 0
    sleep 0.1
  done
  echo "openbox did not start on $DISPLAY within 10 s." >&2
  return 1
}

vigil_desktop_stop() {
  [ -n "${VIGIL_WM_PID:-}" ] && kill "$VIGIL_WM_PID" 2>/dev/null || true
  [ -n "${VIGIL_XVFB_PID:-}" ] && kill "$VIGIL_XVFB_PID" 2>/dev/null || true
  [ -n "${VIGIL_WM_PID:-}" ] && wait "$VIGIL_WM_PID" 2>/dev/null || true
  [ -n "${VIGIL_XVFB_PID:-}" ] && wait "$VIGIL_XVFB_PID" 2>/dev/null || true
  VIGIL_WM_PID=""
  VIGIL_XVFB_PID=""
}
