# Sourced by scripts/test.sh and scripts/bench.sh: finds the MySQL/MariaDB to run on, or starts a
# private MariaDB (scripts/mariadb.sh) and stops it again when the caller exits.
# Afterwards TEST_MYSQL_HOST/PORT/USER/PASSWORD describe the server to use.
use_mysql_or_private_mariadb() {
  local host="${TEST_MYSQL_HOST:-127.0.0.1}" port="${TEST_MYSQL_PORT:-3306}"
  if [ -n "${TEST_MYSQL_USER:-}" ] && (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    echo "using the MySQL/MariaDB at $host:$port"
    return 0
  fi
  echo "no MySQL configured or reachable at $host:$port; starting a private MariaDB"
  trap 'bash "$ROOT/scripts/mariadb.sh" stop || true' EXIT
  trap 'exit 130' INT TERM
  eval "$(bash "$ROOT/scripts/mariadb.sh" start)"
  export TEST_MYSQL_HOST=127.0.0.1 TEST_MYSQL_PORT="$MARIADB_PORT" TEST_MYSQL_USER=approval TEST_MYSQL_PASSWORD=approval-test
}
