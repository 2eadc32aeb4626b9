#!/usr/bin/env bash
# A private MariaDB for the tests and the benchmark: its own data dir under .tmp/, its own port and
# socket, created by `start` and removed by `stop`. Installs mariadb-server from Debian if missing.
#   scripts/mariadb.sh start   → prints MARIADB_PORT=…  (the caller creates its databases as user
#                                 approval / approval-test, who may do anything on 127.0.0.1)
#   scripts/mariadb.sh stop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${MARIADB_BASE:-$ROOT/.tmp/mariadb}"
PORT="${MARIADB_PORT:-33306}"
SOCK="$BASE/mysqld.sock"

find_server() {
  for bin in mariadbd mysqld /usr/sbin/mariadbd /usr/sbin/mysqld; do
    if command -v "$bin" >/dev/null 2>&1; then command -v "$bin"; return 0; fi
  done
  return 1
}

install_server() {
  if [ "$(id -u)" != "0" ]; then
    echo "mariadb.sh: mariadb-server is not installed and we are not root; install it or set TEST_MYSQL_URL" >&2
    exit 1
  fi
  echo "mariadb.sh: installing mariadb-server from Debian's packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
  # the package starts the system service; we use our own private instance instead
  (systemctl stop mariadb 2>/dev/null || service mariadb stop 2>/dev/null || true) >/dev/null 2>&1
}

start() {
  local server
  server="$(find_server)" || { install_server; server="$(find_server)"; }
  if [ -S "$SOCK" ] && mariadb-admin --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
    echo "MARIADB_PORT=$PORT"
    return 0
  fi
  rm -rf "$BASE"
  mkdir -p "$BASE/data" "$BASE/tmp"
  local user_opt=()
  [ "$(id -u)" = "0" ] && user_opt=(--user=root)
  mariadb-install-db --no-defaults --datadir="$BASE/data" "${user_opt[@]}" --auth-root-authentication-method=socket \
    --skip-test-db >"$BASE/install.log" 2>&1 || { cat "$BASE/install.log" >&2; exit 1; }
  "$server" --no-defaults "${user_opt[@]}" --datadir="$BASE/data" --tmpdir="$BASE/tmp" --socket="$SOCK" \
    --pid-file="$BASE/mysqld.pid" --port="$PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --transaction-isolation=READ-COMMITTED --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 --skip-log-bin --max-connections=500 \
    --log-error="$BASE/error.log" >/dev/null 2>&1 &
  for _ in $(seq 1 120); do
    if mariadb-admin --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
      mariadb --socket="$SOCK" -uroot -e "CREATE USER IF NOT EXISTS 'approval'@'127.0.0.1' IDENTIFIED BY 'approval-test'; GRANT ALL ON *.* TO 'approval'@'127.0.0.1';"
      echo "MARIADB_PORT=$PORT"
      return 0
    fi
    sleep 0.5
  done
  echo "mariadb.sh: MariaDB did not start; its log:" >&2
  tail -n 30 "$BASE/error.log" >&2 || true
  exit 1
}

stop() {
  if [ -S "$SOCK" ]; then
    mariadb-admin --socket="$SOCK" -uroot shutdown >/dev/null 2>&1 || true
  fi
  if [ -f "$BASE/mysqld.pid" ]; then
    local pid
    pid="$(cat "$BASE/mysqld.pid" 2>/dev/null || true)"
    for _ in $(seq 1 60); do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$BASE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
