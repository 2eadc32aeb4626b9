# Sourced by scripts/test.sh and scripts/bench.sh: finds the MySQL/MariaDB (and Redis) to run on, or starts a
# private MariaDB (scripts/mariadb.sh) and stops it again when the caller exits.
# Afterwards TEST_MYSQL_HOST/PORT/USER/PASSWORD describe the server to use.
# Commands run when the calling script exits, however it exits (last registered runs first).
EXIT_COMMANDS=()
on_exit() {
  EXIT_COMMANDS=("$1" "${EXIT_COMMANDS[@]}")
  trap 'for c in "${EXIT_COMMANDS[@]}"; do eval "$c" || true; done' EXIT
  trap 'exit 130' INT TERM
}

# A Redis for socket.io across server nodes: TEST_REDIS_URL when given, else a private one
# (scripts/redis.sh) stopped again when the caller exits.
use_redis_or_private_redis() {
  if [ -n "${TEST_REDIS_URL:-}" ]; then
    echo "using the Redis at $TEST_REDIS_URL"
    return 0
  fi
  on_exit 'bash "$ROOT/scripts/redis.sh" stop'
  eval "$(bash "$ROOT/scripts/redis.sh" start)"
  export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
}

use_mysql_or_private_mariadb() {
  local host="${TEST_MYSQL_HOST:-127.0.0.1}" port="${TEST_MYSQL_PORT:-3306}"
  if [ -n "${TEST_MYSQL_USER:-}" ] && (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    echo "using the MySQL/MariaDB at $host:$port"
    return 0
  fi
  echo "no MySQL configured or reachable at $host:$port; starting a private MariaDB"
  on_exit 'bash "$ROOT/scripts/mariadb.sh" stop'
  local started
  started="$(bash "$ROOT/scripts/mariadb.sh" start)" || { echo "the private MariaDB did not start (its log above)" >&2; exit 1; }
  eval "$started"
  export TEST_MYSQL_HOST=127.0.0.1 TEST_MYSQL_PORT="$MARIADB_PORT" TEST_MYSQL_USER=approval TEST_MYSQL_PASSWORD=approval-test
}
