#!/usr/bin/env bash
# Redraws the console's icon: a pulse line in a ring on a dark rounded square. The PNG (Linux,
# macOS source) and the ICO (Windows) are committed; run this only to change the drawing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v convert >/dev/null 2>&1; then
  echo "make-icons.sh needs ImageMagick's 'convert' (Debian/Ubuntu: sudo apt-get install imagemagick)." >&2
  exit 1
fi
convert -size 256x256 xc:none \
  -fill '#17324d' -draw 'roundrectangle 8,8 247,247 48,48' \
  -fill none -stroke '#ffffff' -strokewidth 8 -draw 'circle 128,128 128,32' \
  -stroke '#2ec4b6' -strokewidth 14 \
  -draw 'stroke-linejoin round stroke-linecap round polyline 58,136 90,136 108,92 134,180 156,112 170,136 198,136' \
  -depth 8 PNG32:vigil-console.png
convert vigil-console.png -define icon:auto-resize=256,64,48,32,16 vigil-console.ico
echo "Wrote $(pwd)/vigil-console.png and vigil-console.ico"
