#!/usr/bin/env bash
# A private Redis for the tests: socket.io rooms across several server nodes. Its own port and
# directory under .tmp/, nothing persisted. Installs redis-server from Debian if missing.
#   scripts/redis.sh start   → prints REDIS_PORT=…
#   scripts/redis.sh stop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${REDIS_BASE:-$ROOT/.tmp/redis}"
PORT="${REDIS_PORT:-36379}"

install_server() {
  if [ "$(id -u)" != "0" ]; then
    echo "redis.sh: redis-server is not installed and we are not root; install it or set TEST_REDIS_URL" >&2
    exit 1
  fi
  echo "redis.sh: installing redis-server from Debian's packages" >&2
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  # the package starts the system service; we use our own private instance instead
  (systemctl stop redis-server 2>/dev/null || service redis-server stop 2>/dev/null || true) >/dev/null 2>&1
}

start() {
  command -v redis-server >/dev/null 2>&1 || install_server
  if redis-cli -p "$PORT" ping >/dev/null 2>&1; then
    echo "REDIS_PORT=$PORT"
    return 0
  fi
  rm -rf "$BASE"
  mkdir -p "$BASE"
  redis-server --port "$PORT" --bind 127.0.0.1 --dir "$BASE" --save '' --appendonly no \
    --daemonize yes --pidfile "$BASE/redis.pid" --logfile "$BASE/redis.log" >/dev/null
  for _ in $(seq 1 60); do
    if redis-cli -p "$PORT" ping >/dev/null 2>&1; then
      echo "REDIS_PORT=$PORT"
      return 0
    fi
    sleep 0.25
  done
  echo "redis.sh: Redis did not start; its log:" >&2
  tail -n 30 "$BASE/redis.log" >&2 || true
  exit 1
}

stop() {
  redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$BASE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
