#!/usr/bin/env bash
# Renders the PWA icons (PNG) from the SVGs in static/icons with Debian ffmpeg's librsvg decoder.
set -euo pipefail
cd "$(dirname "$0")/../static/icons"
for size in 192 512; do
  ffmpeg -v error -y -i icon.svg -vf "scale=${size}:${size}:flags=lanczos" -frames:v 1 "icon-${size}.png"
done
ffmpeg -v error -y -i icon-maskable.svg -vf scale=512:512:flags=lanczos -frames:v 1 icon-maskable-512.png
ffmpeg -v error -y -i icon.svg -vf scale=180:180:flags=lanczos -frames:v 1 apple-touch-icon.png
