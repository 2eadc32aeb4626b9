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
# the browser tests (test/browser/) need the built front end; built again only when modeler/ changed
npx tsx scripts/build-web.ts --if-stale

source "$ROOT/scripts/lib/mysql.sh"
if [[ " $PROFILES " == *" mariadb "* ]]; then
  use_mysql_or_private_mariadb
fi
use_redis_or_private_redis

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
