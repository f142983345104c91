#!/bin/sh
# The browser, fonts and command-line tools the build and the tests use: Debian's Chromium
# (Playwright must not download its own), the flyers' print font Liberation Sans 2 (fonts-liberation2,
# SIL OFL; scripts/puente/features/flyers/fonts.py), pdftoppm/pdfinfo/pdftotext/pdffonts
# (poppler-utils), zbarimg (zbar-tools), msgfmt (gettext), fc-list/fc-match (fontconfig), Java for
# the W3C HTML checker (default-jre-headless) and npm, which installs that checker.
# Installs the missing ones when we are root; otherwise says exactly what to install.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v zbarimg  >/dev/null 2>&1 || missing="$missing zbar-tools"
command -v msgfmt   >/dev/null 2>&1 || missing="$missing gettext"
command -v fc-list  >/dev/null 2>&1 || missing="$missing fontconfig"
[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || missing="$missing fonts-liberation2"  # flyers
command -v java     >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm      >/dev/null 2>&1 || missing="$missing npm"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"  # link-preview cards
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing from Debian's packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "ERROR: missing system tools:$missing" >&2
  echo "Install them with: sudo apt-get install -y$missing" >&2
  exit 1
fi
