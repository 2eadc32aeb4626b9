#!/usr/bin/env bash
# The whole test suite, in tiers, against the real parts (README, "Tests"):
#   unit     pure tests: no engine, no database server
#   api      API, worker and process tests on the real engine built from engine/: on MariaDB with
#            Camunda (a private instance unless TEST_MYSQL_* points to a reachable server) and on the
#            embedded default (H2 + SQLite) with Operaton
#   browser  chromium through the built front end, on MariaDB (the production profile)
#   cluster  the platform as a cluster (test/cluster/): engine and server nodes on MariaDB behind
#            nginx, started by the tests themselves; with it backup and restore (test/backup/)
# Scopes: TEST_SCOPE=full (the default, `npm test`, CI) runs every API file on both profiles;
# TEST_SCOPE=commit (`npm run test:commit`) runs every test file once, for a quicker word while
# working — the API files shared out between the two profiles' lanes, those marked
# `test-plan: every-profile` on both.
# scripts/test-plan.ts plans the lanes (each its own engine, server, workers, Redis and databases)
# and puts them in columns that run side by side (TEST_COLUMNS, default 3), weighed by
# test/timings.json (`TEST_RECORD_TIMINGS=1` records this run's seconds there).
#   TEST_TIERS="unit api browser cluster"   which tiers (default all)
#   TEST_PROFILES="mariadb embedded" which profiles the api tier runs on (browser: mariadb if listed, else the first)
#   TEST_SERIAL=1                    the lanes one after the other (readable output, slower)
#   TEST_SOAK=full                   soak tests at their full size (CI runs them smaller)
#   TEST_LANE_FLAVOURS="embedded=operaton"   the engine of a lane, when not ENGINE_FLAVOUR's (default:
#                                    the embedded api lane on Operaton, the rest on Camunda; an explicit
#                                    ENGINE_FLAVOUR runs every lane on that engine)
# Extra arguments go to every mocha run, e.g. `bash scripts/test.sh --grep worker`. One file alone:
# `npx mocha test/api/seals.test.ts` (embedded profile; TEST_PROFILE=mariadb with TEST_MYSQL_*).
# Nothing is left running. Prints "N passed, N failed" last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ -n "${ENGINE_FLAVOUR:-}" ] && export ENGINE_FLAVOUR_EXPLICIT=1
export ENGINE_FLAVOUR="${ENGINE_FLAVOUR:-camunda}"

started=$(date +%s)
results_dir="$(mktemp -d)"
source "$ROOT/scripts/lib/mysql.sh"
source "$ROOT/scripts/lib/nginx.sh"
on_exit "rm -rf '$results_dir'"

# one mocha run: its output to stdout or a log, its counts to $results_dir/<name>.counts
run_mocha() {
  local name="$1" log="$results_dir/$1.log"
  shift
  local t0 code
  t0=$(date +%s)
  set +e
  npx mocha --color "$@" 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  set -e
  local plain p f
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
  p=$(grep -Eo '^ *[0-9]+ passing' <<<"$plain" | grep -Eo '[0-9]+' | tail -1 || true)
  f=$(grep -Eo '^ *[0-9]+ failing' <<<"$plain" | grep -Eo '[0-9]+' | tail -1 || true)
  # a run that failed without a count (a global hook, a file that does not load) counts as a failure
  if [ "$code" != 0 ] && [ -z "$f" ]; then f=1; fi
  echo "${p:-0} ${f:-0} $code $(( $(date +%s) - t0 ))" > "$results_dir/$name.counts"
}

# the lanes: "name profile tier engine column weight" (scripts/test-plan.ts)
npx tsx scripts/test-plan.ts plan "$results_dir"
mapfile -t lanes < "$results_dir/lanes.tsv"
needs_engine=""
flavours=" "
browser_lane=""
cluster_lane=""
for row in "${lanes[@]}"; do
  read -r name profile tier flavour column weight <<<"$row"
  [ "$tier" = unit ] && continue
  needs_engine=1
  [[ "$flavours" == *" $flavour "* ]] || flavours+="$flavour "
  [ "$tier" = browser ] && browser_lane=1
  [ "$tier" = cluster ] && cluster_lane=1
done

run_lane() {
  local name profile tier flavour column weight
  read -r name profile tier flavour column weight <<<"$1"
  shift
  local files=()
  mapfile -t files < "$results_dir/$name.files"
  if [ "$tier" = browser ] || [ "$tier" = cluster ]; then
    if ! wait_for_builds; then
      echo "test: lane $name not run: the front end or server build failed"
      echo "0 1 1 0" > "$results_dir/$name.counts"
      return
    fi
  fi
  if [ "$tier" = unit ]; then
    TEST_TIER=unit TEST_TIMINGS_FILE="$results_dir/$name.timings.json" run_mocha "$name" "${files[@]}" "$@"
  else
    ENGINE_FLAVOUR="$flavour" TEST_PROFILE="$profile" TEST_LANE="$name" TEST_TIER="$tier" TEST_TIMINGS_FILE="$results_dir/$name.timings.json" \
      TEST_REDIS_URL="$(lane_redis "$name")" run_mocha "$name" "${files[@]}" "$@"
  fi
}

# the web build and the bundles (started beside the first lanes): their log once, their verdict
builds_started=""
wait_for_builds() {
  [ -n "$builds_started" ] || return 0
  while [ ! -e "$results_dir/builds.status" ]; do sleep 1; done
  if mkdir "$results_dir/builds.printed" 2>/dev/null; then cat "$results_dir/builds.log"; fi
  [ "$(cat "$results_dir/builds.status")" = 0 ]
}

lane_title() {
  local name profile tier flavour column weight
  read -r name profile tier flavour column weight <<<"$1"
  if [ "$tier" = unit ]; then echo "lane unit (no engine, $(wc -l < "$results_dir/$name.files") files)"; return; fi
  echo "lane $name: $tier tier on $profile, engine $flavour, $(wc -l < "$results_dir/$name.files") files, about $weight s"
}

# each lane its own Redis: socket.io rooms of two platforms must not meet
lane_redis() {
  if [ -n "${TEST_REDIS_URL:-}" ]; then echo "$TEST_REDIS_URL"; return; fi
  cat "$results_dir/redis-$1.url"
}

if [ -n "$needs_engine" ]; then
  # the engines (Maven, Java) build beside the front end (Vite, Node): each keeps about one core busy
  ( for f in $flavours; do bash scripts/engine/build.sh "$f"; done ) > "$results_dir/engine-build.log" 2>&1 &
  engine_build=$!
  # the browser tests need the built front end (built again only when modeler/ changed), the
  # cluster's nodes the bundles, as in production (and the web build): built beside the API lanes,
  # which need neither; a browser or cluster lane waits for them (wait_for_builds)
  if [ -n "$browser_lane$cluster_lane" ]; then
    builds_started=1
    (
      set +e
      code=0
      [ -n "$cluster_lane" ] && { npx tsx scripts/build.ts || code=1; }
      npx tsx scripts/build-web.ts --if-stale || code=1
      echo "$code" > "$results_dir/builds.status"
    ) > "$results_dir/builds.log" 2>&1 &
  fi
  [ -n "$cluster_lane" ] && ensure_nginx
  engine_built=0
  wait "$engine_build" || engine_built=$?
  cat "$results_dir/engine-build.log"
  if [ "$engine_built" != 0 ]; then
    echo "test: the engine build failed"
    exit 1
  fi
  grep -q $'\tmariadb\t' "$results_dir/lanes.tsv" && use_mysql_or_private_mariadb
  if [ -z "${TEST_REDIS_URL:-}" ]; then
    port=36379
    for row in "${lanes[@]}"; do
      read -r name profile tier _ <<<"$row"
      [ "$tier" = unit ] && continue
      on_exit "REDIS_PORT=$port REDIS_BASE='$ROOT/.tmp/redis-$name' bash '$ROOT/scripts/redis.sh' stop"
      eval "$(REDIS_PORT=$port REDIS_BASE="$ROOT/.tmp/redis-$name" bash scripts/redis.sh start)"
      echo "redis://127.0.0.1:$REDIS_PORT" > "$results_dir/redis-$name.url"
      port=$((port + 1))
    done
  fi
fi

columns=0
for row in "${lanes[@]}"; do
  read -r _ _ _ _ column _ <<<"$row"
  if [ "$column" -ge "$columns" ]; then columns=$((column + 1)); fi
done
column_lanes() {
  local row
  for row in "${lanes[@]}"; do
    read -r _ _ _ _ column _ <<<"$row"
    [ "$column" = "$1" ] && printf '%s\n' "$row"
  done
}
if [ "$columns" -le 1 ]; then
  for row in "${lanes[@]}"; do
    echo "test: $(lane_title "$row")"
    run_lane "$row" "$@" || true
  done
else
  # the columns side by side: the first prints as it goes; each other runs its lanes one after the
  # other and prints when everything has ended
  pids=()
  for ((c = 1; c < columns; c++)); do
    mapfile -t mine < <(column_lanes "$c")
    (
      for row in "${mine[@]}"; do
        run_lane "$row" "$@" > "$results_dir/${row%%$'\t'*}.out" 2>&1 || true
      done
    ) &
    pids+=($!)
    echo "test: column $((c + 1)) of $columns, one after the other (their output follows when all have ended):"
    for row in "${mine[@]}"; do echo "test:   $(lane_title "$row")"; done
  done
  mapfile -t mine < <(column_lanes 0)
  for row in "${mine[@]}"; do
    echo "test: $(lane_title "$row")"
    run_lane "$row" "$@" || true
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  for ((c = 1; c < columns; c++)); do
    mapfile -t mine < <(column_lanes "$c")
    for row in "${mine[@]}"; do
      echo "test: $(lane_title "$row") (ran beside)"
      cat "$results_dir/${row%%$'\t'*}.out"
    done
  done
fi

if [ -n "${TEST_RECORD_TIMINGS:-}" ]; then
  shopt -s nullglob
  recorded=("$results_dir"/*.timings.json)
  [ ${#recorded[@]} -gt 0 ] && npx tsx scripts/test-plan.ts record "${recorded[@]}"
fi

passed=0
failed=0
status=0
echo "test: tiers and profiles"
for counts in "$results_dir"/*.counts; do
  [ -e "$counts" ] || continue
  read -r p f code secs < "$counts"
  name="$(basename "$counts" .counts)"
  planned="$(awk -F'\t' -v n="$name" '$1 == n { print $6 }' "$results_dir/lanes.tsv")"
  printf 'test:   %-9s %4d passed %3d failed  %4d s (planned %s s)\n' "$name" "$p" "$f" "$secs" "${planned:-?}"
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$code" != 0 ] && status=1
done
# the failures again at the end, where a CI log's tail shows them
for log in "$results_dir"/*.log; do
  [ -e "$log" ] || continue
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
  if grep -Eq '^ *[0-9]+ failing' <<<"$plain"; then
    echo "test: failures in $(basename "$log" .log)"
    sed -n '/^ *[0-9]* failing/,$p' <<<"$plain" | head -200
  fi
done
echo "test: $(( $(date +%s) - started )) s in all"
echo "${passed} passed, ${failed} failed"
exit "$status"
