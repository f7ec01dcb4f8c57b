#!/usr/bin/env bash
# Pictures for the README: the console under a virtual display with a window manager (Xvfb and
# openbox, scripts/desktop.sh), with a small simulated fleet
# (./vigil swarm) and this machine's real agent, light and dark. Saves into docs/screenshots/:
#   console.png         main window: agent table, detail pane (live charts), alert feed, a popup
#   detail-system.png   the detail pane's System tab: per-core CPU, file systems, machine
#   console-dark.png    the same window in the dark theme
#   console-1000.png    the window with 1,000 simulated agents (popups capped, the rest counted)
# Needs Xvfb, openbox, ImageMagick and xdotool:
#   sudo apt-get install xvfb openbox x11-utils imagemagick xdotool libgtk-3-0
# Each picture is the console's window with its title bar, cut from the screen with its popups.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
agents=${VIGIL_SCREENSHOT_AGENTS:-24}
for tool in Xvfb openbox xprop import xdotool; do
  command -v "$tool" >/dev/null || {
    echo "screenshot.sh needs $tool: sudo apt-get install xvfb openbox x11-utils imagemagick xdotool libgtk-3-0" >&2
    exit 1
  }
done
# shellcheck source=desktop.sh
. scripts/desktop.sh
${VIGIL_BUILD:-./vigil build} >/dev/null
mkdir -p "$out"
work=$(mktemp -d /tmp/vigil-shots.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One run of the console with a fleet; $1 = theme, $2 = simulated agents, then pairs of
# "action picture".
shoot() {
  local theme=$1 fleet=$2
  shift 2
  printf 'theme=%s\nwindow.width=1400\nwindow.height=860\nwindow.x=0\nwindow.y=0\n' "$theme" \
    >"$work/settings-$theme.properties"
  rm -rf "$work/console-$theme" "$work/agent-$theme" "$work/ports-$theme"
  vigil_desktop_start 1400x900
  WORK=$work THEME=$theme AGENTS=$fleet bash -c '
    set -euo pipefail
    ./vigil console --data-dir "$WORK/console-$THEME" --tcp-port 0 --udp-port 0 \
      --settings "$WORK/settings-$THEME.properties" --port-file "$WORK/ports-$THEME" \
      --enroll-local --enroll-uses $((AGENTS + 1)) >"$WORK/console-$THEME.log" 2>&1 &
    console=$!
    for _ in $(seq 1 120); do [ -s "$WORK/ports-$THEME" ] && break; sleep 0.5; done
    tcp=$(sed -n "s/^tcp=//p" "$WORK/ports-$THEME")
    fp=$(sed -n "s/^fingerprint=//p" "$WORK/ports-$THEME")
    token=$(sed -n "s/^token=//p" "$WORK/ports-$THEME")
    ./vigil swarm --agents "$AGENTS" --console "127.0.0.1:$tcp" --token "$token" \
      --console-fingerprint "$fp" --alert-every 20s --ramp $((AGENTS > 100 ? 100 : 50)) >"$WORK/swarm-$THEME.log" 2>&1 &
    swarm=$!
    ./vigil agent --manager "127.0.0.1:$tcp" --token "$token" --console-fingerprint "$fp" \
      --data-dir "$WORK/agent-$THEME" --allow restart,refresh,processes --dry-run \
      --initial-delay 0 --cpu-alert "critical 1, clear 0.5, for 2s" >"$WORK/agent-$THEME.log" 2>&1 &
    agent=$!
    for _ in $(seq 1 120); do xdotool search --name "Vigil Console" >/dev/null 2>&1 && break; sleep 0.5; done
    win=$(xdotool search --name "Vigil Console" | head -n 1)
    sleep $((AGENTS > 100 ? 40 : 25))
    # The window with its frame, which starts at the top-left corner: the client area widened by
    # the frame extents (left, right, top, bottom) openbox puts on it.
    eval "$(xdotool getwindowgeometry --shell "$win")"
    read -r fl fr ft fb < <(xprop -id "$win" _NET_FRAME_EXTENTS | sed "s/.*= //; s/,//g")
    crop="$((WIDTH + fl + fr))x$((HEIGHT + ft + fb))+0+0"
    echo "window $WIDTH x $HEIGHT at $X,$Y, frame $fl $fr $ft $fb: picture $crop" >&2
    # The first row (sorted by host) is the real agent when its name sorts first; select row 1.
    xdotool mousemove --window "$win" 300 152 click 1 sleep 0.5 click 1
    sleep 8
    shift 0
    while [ $# -gt 0 ]; do
      case "$1" in
        system) xdotool mousemove --window "$win" 1075 176 click 1; sleep 2 ;;
        charts) xdotool mousemove --window "$win" 950 176 click 1; sleep 2 ;;
      esac
      import -window root -crop "$crop" +repage "$2"
      shift 2
    done
    xdotool mousemove --window "$win" 300 400 click 1 sleep 0.3 key ctrl+q || true
    sleep 2
    kill "$swarm" "$agent" 2>/dev/null || true
    kill "$console" 2>/dev/null || true
    wait 2>/dev/null || true
  ' _ "$@" || true
  vigil_desktop_stop
}

shoot light "$agents" charts "$out/console.png" system "$out/detail-system.png"
shoot dark "$agents" charts "$out/console-dark.png"
shoot light 1000 charts "$out/console-1000.png"
for f in console.png detail-system.png console-dark.png console-1000.png; do
  [ -s "$out/$f" ] || { echo "No $f was taken; run ./vigil console by hand to see why." >&2; exit 1; }
done
echo "Saved $out/console.png, $out/detail-system.png, $out/console-dark.png and $out/console-1000.png"
