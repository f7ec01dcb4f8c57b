#!/usr/bin/env bash
# Runs the demo under a virtual display and saves a screenshot of the whole screen (window and
# popups) to docs/screenshots/console.png. Needs Xvfb, ImageMagick and xdotool:
#   sudo apt-get install xvfb imagemagick xdotool libgtk-3-0
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots/console.png}
wait_seconds=${VIGIL_SCREENSHOT_WAIT:-2}
for tool in xvfb-run import xdotool; do
  command -v "$tool" >/dev/null || {
    echo "screenshot.sh needs $tool: sudo apt-get install xvfb imagemagick xdotool libgtk-3-0" >&2
    exit 1
  }
done
./vigil build >/dev/null
mkdir -p "$(dirname "$out")"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  ./vigil demo > /dev/null 2>&1 &
  demo=$!
  for _ in $(seq 1 120); do
    xdotool search --name "Vigil Console" >/dev/null 2>&1 && break
    sleep 0.5
  done
  win=$(xdotool search --name "Vigil Console" | head -n 1)
  xdotool windowmove "$win" 0 0 windowsize "$win" 1280 800 || true
  sleep 4
  # A few seconds of load so that the demo agent raises its CPU alert and the popup shows.
  timeout 5 sh -c "yes > /dev/null" || true
  sleep "$1"
  import -window root "$2"
  # No window manager here: click into the window to focus it, then quit with Ctrl+Q.
  xdotool mousemove 640 300 click 1 sleep 0.3 key ctrl+q 2>/dev/null || true
  wait "$demo" 2>/dev/null || true
' _ "$wait_seconds" "$out" || true
[ -s "$out" ] || { echo "No screenshot was taken; run ./vigil demo by hand to see why." >&2; exit 1; }
echo "Saved $out"
