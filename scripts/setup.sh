#!/usr/bin/env bash
# Installs what the platform needs on a fresh clone: npm packages (when package-lock changed) and a
# JDK with Maven for the engine (from Debian's packages when missing). Fast when nothing changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "setup: $* missing and not root; install them with your package manager" >&2
    exit 1
  fi
  echo "setup: installing $* from Debian's packages"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v java >/dev/null 2>&1 || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null 2>&1 || apt_install maven

stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
