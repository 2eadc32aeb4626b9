#!/usr/bin/env bash
# The whole test suite against the real parts: the engine built from engine/ (camunda, or operaton
# with ENGINE_FLAVOUR=operaton), first on MariaDB (a private instance unless TEST_MYSQL_* points to
# a reachable server), then on the embedded default (H2 + SQLite). Nothing is left running.
# Extra arguments go to mocha, e.g. `bash scripts/test.sh --grep worker`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FLAVOUR="${ENGINE_FLAVOUR:-camunda}"
export ENGINE_FLAVOUR="$FLAVOUR"
PROFILES="${TEST_PROFILES:-mariadb embedded}"

bash scripts/engine/build.sh "$FLAVOUR"

private_db=0
cleanup() {
  if [ "$private_db" = 1 ]; then bash scripts/mariadb.sh stop || true; fi
}
trap cleanup EXIT INT TERM

if [[ " $PROFILES " == *" mariadb "* ]]; then
  host="${TEST_MYSQL_HOST:-127.0.0.1}"
  port="${TEST_MYSQL_PORT:-3306}"
  if [ -n "${TEST_MYSQL_USER:-}" ] && (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    echo "test: using the MySQL/MariaDB at $host:$port"
  else
    echo "test: no MySQL configured or reachable at $host:$port; starting a private MariaDB"
    private_db=1
    eval "$(bash scripts/mariadb.sh start)"
    export TEST_MYSQL_HOST=127.0.0.1 TEST_MYSQL_PORT="$MARIADB_PORT" TEST_MYSQL_USER=approval TEST_MYSQL_PASSWORD=approval-test
  fi
fi

passed=0
failed=0
status=0
for profile in $PROFILES; do
  echo "test: profile $profile, engine $FLAVOUR"
  log="$(mktemp)"
  set +e
  TEST_PROFILE="$profile" npx mocha --color "$@" 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  set -e
  p=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -Eo '^ *[0-9]+ passing' | grep -Eo '[0-9]+' | tail -1 || true)
  f=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -Eo '^ *[0-9]+ failing' | grep -Eo '[0-9]+' | tail -1 || true)
  rm -f "$log"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$code" != 0 ]; then
    status=1
    [ -z "$f" ] && failed=$((failed + 1)) # the run itself failed (e.g. global setup)
  fi
done
echo "${passed} passed, ${failed} failed"
exit "$status"
