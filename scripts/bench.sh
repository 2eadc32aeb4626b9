#!/usr/bin/env bash
# `npm run bench`: the benchmarks of bench/bench.ts on the production setup (engine and app on
# MariaDB: a private instance unless TEST_MYSQL_* points to a server). Prints one JSON line per measure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}"
source "$ROOT/scripts/lib/mysql.sh"
use_mysql_or_private_mariadb >&2
npx tsx bench/bench.ts "$@"
