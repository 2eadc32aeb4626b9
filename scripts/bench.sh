#!/usr/bin/env bash
# `npm run bench`: every measure of the issues, one benchmark after the other on the production
# setup (engine and app on MariaDB: a private instance unless TEST_MYSQL_* points to a server), each
# measured against its baseline side by side in the same run. One JSON line per measure on stdout,
# progress on stderr. `npm run bench -- <name> [args]` runs one of them:
# `npm run bench -- throughput`: hand-off latency, the 5-step throughput against in-engine expressions, memory (bench/bench.ts).
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
engine_built=""
build_engine() {
  [ -n "$engine_built" ] && return
  bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}" >&2
  engine_built=1
}

# one benchmark by its name; its own arguments after it
run_bench() {
  local name="$1"
  shift
  case "$name" in
    throughput) build_engine; use_mysql_or_private_mariadb >&2; npx tsx bench/bench.ts "$@" ;;
    sessions) npx tsx bench/sessions.ts "$@" ;;
    personal-data) npx tsx bench/personal-data.ts "$@" ;;
    inbox) build_engine; use_mysql_or_private_mariadb >&2; npx tsx bench/inbox.ts "$@" ;;
    province) use_mysql_or_private_mariadb >&2; npx tsx bench/province.ts "$@" ;;
    dashboard) use_mysql_or_private_mariadb >&2; npx tsx bench/dashboard.ts "$@" ;;
    deadlines) use_mysql_or_private_mariadb >&2; npx tsx bench/deadline-sweep.ts "$@" ;;
    wake-up) build_engine; use_mysql_or_private_mariadb >&2; npx tsx bench/wake-up.ts "$@" ;;
    completions) build_engine; use_mysql_or_private_mariadb >&2; npx tsx bench/completions.ts "$@" ;;
    instant)
      build_engine
      # alone: a private MariaDB of its own (data dir and port), so that a test run beside it keeps its own
      if [ -z "${TEST_MYSQL_HOST:-}" ]; then export MARIADB_BASE="${MARIADB_BASE:-$ROOT/.tmp/mariadb-bench-instant}" MARIADB_PORT="${MARIADB_PORT:-33316}"; fi
      use_mysql_or_private_mariadb >&2
      npx tsx bench/instant-approval.ts "$@"
      ;;
    *) echo "bench: no benchmark '$name' (one of: $ALL)" >&2; return 2 ;;
  esac
}

ALL="throughput completions wake-up inbox dashboard province deadlines instant sessions personal-data"
if [ $# -gt 0 ] && [ "$1" != all ]; then
  run_bench "$@"
  exit $?
fi
# every measure of the issues, one after the other on one MariaDB, each against its baseline of the
# same run; the names of those that failed at the end
failed=()
for name in $ALL; do
  echo "[bench] ===== $name =====" >&2
  t0=$(date +%s)
  if ! run_bench "$name"; then failed+=("$name"); fi
  echo "[bench] $name: $(( $(date +%s) - t0 )) s" >&2
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
