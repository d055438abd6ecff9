#!/usr/bin/env bash
# Installs the Debian programs the tests drive (Chromium, Firefox ESR, ffmpeg/ffprobe, espeak-ng, sox,
# tesseract-ocr with English and French, redis-server) when missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
{ command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; } || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v sox >/dev/null || missing+=(sox)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
# Burned-in captions are read back in English and French.
for lang in eng fra; do
  { command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx "$lang"; } || missing+=("tesseract-ocr-$lang")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "The tests need these Debian packages: ${missing[*]}." >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get..."
"${apt_get[@]}" update -qq
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
