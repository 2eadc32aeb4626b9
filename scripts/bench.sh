#!/usr/bin/env bash
# `npm run bench`: the benchmarks of bench/bench.ts on the production setup (engine and app on
# MariaDB: a private instance unless TEST_MYSQL_* points to a server). Prints one JSON line per measure.
# `npm run bench -- inbox`: the inbox at 1,000,000 cases and 100,000 open tasks against the engine's own query (bench/inbox.ts).
# `npm run bench -- deadlines`: the deadline sweep of bench/deadline-sweep.ts (MariaDB only, no engine).
# `npm run bench -- sessions`: the account re-check and the sign-in of bench/sessions.ts (embedded default, no engine).
# `npm run bench -- personal-data`: sealed personal data against clear, bench/personal-data.ts (embedded default, no engine).
# `npm run bench -- province`: the provincial outbox at 500 events/s and 存量回传 over the dashboard's year of cases (bench/province.ts, MariaDB, no engine).
# `npm run bench -- dashboard`: the 监管指标 over a year of 1,000,000 cases against the same figures counted from the cases (bench/dashboard.ts, MariaDB, no engine).
# `npm run bench -- wake-up`: a task created on one engine node reaching a worker long-polling another, with and without the external task watcher (bench/wake-up.ts, MariaDB).
# `npm run bench -- completions`: where an external task's completion spends its time, one by one against batches (bench/completions.ts, MariaDB).
# `npm run bench -- instant`: 秒批, submission → sealed e-licence at 5 submissions/s on the production setup with the sandbox registries (bench/instant-approval.ts).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib/mysql.sh"
if [ "${1:-}" = sessions ]; then
  shift
  npx tsx bench/sessions.ts "$@"
  exit 0
fi
if [ "${1:-}" = personal-data ]; then
  shift
  npx tsx bench/personal-data.ts "$@"
  exit 0
fi
if [ "${1:-}" = inbox ]; then
  shift
  bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}"
  use_mysql_or_private_mariadb >&2
  npx tsx bench/inbox.ts "$@"
  exit 0
fi
if [ "${1:-}" = province ]; then
  shift
  use_mysql_or_private_mariadb >&2
  npx tsx bench/province.ts "$@"
  exit 0
fi
if [ "${1:-}" = dashboard ]; then
  shift
  use_mysql_or_private_mariadb >&2
  npx tsx bench/dashboard.ts "$@"
  exit 0
fi
if [ "${1:-}" = instant ]; then
  shift
  bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}"
  # a private MariaDB of its own (data dir and port), so that a test run beside it keeps its own
  export MARIADB_BASE="${MARIADB_BASE:-$ROOT/.tmp/mariadb-bench-instant}" MARIADB_PORT="${MARIADB_PORT:-33316}"
  use_mysql_or_private_mariadb >&2
  npx tsx bench/instant-approval.ts "$@"
  exit 0
fi
if [ "${1:-}" = wake-up ]; then
  shift
  bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}"
  use_mysql_or_private_mariadb >&2
  npx tsx bench/wake-up.ts "$@"
  exit 0
fi
if [ "${1:-}" = completions ]; then
  shift
  bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}"
  use_mysql_or_private_mariadb >&2
  npx tsx bench/completions.ts "$@"
  exit 0
fi
if [ "${1:-}" = deadlines ]; then
  shift
  use_mysql_or_private_mariadb >&2
  npx tsx bench/deadline-sweep.ts "$@"
  exit 0
fi
bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}"
use_mysql_or_private_mariadb >&2
npx tsx bench/bench.ts "$@"
