#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, when run as root and missing.
# CJK fonts render Chinese in the UI and PDFs; poppler-utils checks PDFs; the rest are Qt's
# runtime libraries for the offscreen/xcb platforms and QtMultimedia.
set -euo pipefail
packages=(
  fonts-wqy-microhei poppler-utils libpulse0
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
)
command -v dpkg-query >/dev/null 2>&1 || { echo "not a Debian system: install ${packages[*]} yourself"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages (run as root to install): ${missing[*]}" >&2
  exit 0
fi
echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
