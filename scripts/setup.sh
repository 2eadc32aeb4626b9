#!/usr/bin/env bash
# Installs what the platform needs on a fresh clone: npm packages (when package-lock changed) and a
# JDK with Maven for the engine (from Debian's packages when missing). Fast when nothing changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

source "$ROOT/scripts/lib/apt.sh"

command -v java >/dev/null 2>&1 || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null 2>&1 || apt_install maven

# Result documents (server/documents/): a CJK font for pdfkit, and poppler-utils (pdfsig, pdftotext)
# with qpdf to verify the signed PDFs in the tests. fonts-arphic-gbsn00lp is a 宋体-style face, the
# style of official documents, and ~5 MB installed; fonts-noto-cjk covers more rare characters but is
# ~90 MB. The renderer uses Noto when it is installed and gbsn00lp lacks a character.
[ -f /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf ] || apt_install fonts-arphic-gbsn00lp
# The fallbacks for a name's rare characters (server/documents/cjk-font.ts DEBIAN_FALLBACK_FONTS, tried
# per character): fonts-hanazono (花園明朝 A and B: Extensions A–F, ~50 MB) and fonts-babelstone-han
# (most of Extensions G and H, ~50 MB). A character none has is drawn as its code point, never refused.
[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || apt_install fonts-hanazono
[ -f /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf ] || apt_install fonts-babelstone-han
command -v pdfsig >/dev/null 2>&1 || apt_install poppler-utils
command -v qpdf >/dev/null 2>&1 || apt_install qpdf
# 智能识别填单 (server/recognition): Debian's tesseract-ocr with its Simplified Chinese model (the osd
# and eng models come with it), run by the server as a child process; nothing is downloaded at run time
{ command -v tesseract >/dev/null 2>&1 && [ -n "$(find /usr/share/tesseract-ocr -name chi_sim.traineddata 2>/dev/null | head -1)" ]; } ||
  apt_install tesseract-ocr tesseract-ocr-chi-sim

# Browser tests (test/browser/): playwright-core drives Debian's chromium headless shell (never
# `playwright install`, which downloads a browser build of its own): the same engine as chromium
# without the browser's window machinery, two thirds of its CPU for the same tests
[ -x /usr/lib/chromium/chromium-headless-shell ] || apt_install chromium-headless-shell

# SETUP_ENGINES="camunda operaton" (CI): those engine jars build beside npm ci (Maven needs no
# node_modules; npm mostly waits for the registry and the disk); a jar of unchanged sources is kept
engines=""
if [ -n "${SETUP_ENGINES:-}" ]; then
  mkdir -p .tmp
  ( for f in $SETUP_ENGINES; do bash scripts/engine/build.sh "$f"; done ) > .tmp/setup-engines.log 2>&1 &
  engines=$!
fi

stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

if [ -n "$engines" ]; then
  built=0
  wait "$engines" || built=$?
  cat .tmp/setup-engines.log
  [ "$built" = 0 ] || { echo "setup: the engine build failed" >&2; exit 1; }
fi
