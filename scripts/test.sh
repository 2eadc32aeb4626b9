#!/usr/bin/env bash
# The whole test suite, in tiers, against the real parts (docs/testing.md):
#   unit     pure tests: no engine, no database server; run once
#   api      API, worker and process tests on the real engine built from engine/ (camunda, or
#            operaton with ENGINE_FLAVOUR=operaton): on MariaDB (a private instance unless
#            TEST_MYSQL_* points to a reachable server) and on the embedded default (H2 + SQLite)
#   browser  chromium through the built front end: once, on MariaDB (the production profile)
# Each tier of a profile is a lane: its own engine, server, workers, Redis (and databases). Two columns
# of lanes run side by side (most of a test's time is waiting for the engine, so the 2-core machine has
# room for two platforms): the browser lane (the longest), then the embedded profile's process and
# modeler tests (processes/, test/modeler/: a lane of their own, so that the columns end together),
# then the unit tier; beside it the MariaDB api lane, then the embedded one (without those files).
#   cluster  the platform as a cluster (test/cluster/): engine and server nodes on MariaDB behind
#            nginx, started by the tests themselves; and backup and restore (test/backup/, a lane of
#            its own after the embedded-split one: it stops and restarts its platform); on MariaDB
#   TEST_TIERS="unit api browser cluster"   which tiers (default all)
#   TEST_PROFILES="mariadb embedded" which profiles the api tier runs on (browser: mariadb if listed, else the first)
#   TEST_SERIAL=1                    the profiles one after the other (readable output, slower)
#   TEST_SOAK=full                   soak tests at their full size (CI runs them smaller)
#   TEST_LANE_FLAVOURS="embedded=operaton embedded-split=operaton"
#                                    the engine of a lane, when not ENGINE_FLAVOUR's (default: the
#                                    embedded api lanes on Operaton, so that every api test runs on
#                                    both engines in one run: Camunda on MariaDB, the production
#                                    profile, and in the browser; Operaton on the embedded one.
#                                    An explicit ENGINE_FLAVOUR runs every lane on that engine)
# Extra arguments go to every mocha run, e.g. `bash scripts/test.sh --grep worker`. One file alone:
# `npx mocha test/api/seals.test.ts` (embedded profile; TEST_PROFILE=mariadb with TEST_MYSQL_*).
# Nothing is left running. Prints "N passed, N failed" last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FLAVOUR="${ENGINE_FLAVOUR:-camunda}"
if [ -n "${ENGINE_FLAVOUR:-}" ]; then LANE_FLAVOURS="${TEST_LANE_FLAVOURS:-}"; else LANE_FLAVOURS="${TEST_LANE_FLAVOURS-embedded=operaton embedded-split=operaton}"; fi
export ENGINE_FLAVOUR="$FLAVOUR"
TIERS=" ${TEST_TIERS:-unit api browser cluster} "
PROFILES="${TEST_PROFILES:-mariadb embedded}"

UNIT_SPECS=('test/unit/**/*.test.ts')
API_SPECS=('test/api/**/*.test.ts' 'test/workers/**/*.test.ts' 'test/results/**/*.test.ts' 'test/modeler/**/*.test.ts' 'processes/**/*.test.ts')
# the api files that run in a lane of their own on the embedded profile when the columns are balanced
SPLIT_SPECS=('test/modeler/**/*.test.ts' 'processes/**/*.test.ts')
BROWSER_SPECS=('test/browser/**/*.test.ts')
# several engine and server nodes on MariaDB behind nginx (scripts/cluster/), from the bundles in dist/
CLUSTER_SPECS=('test/cluster/**/*.test.ts')
# backup and restore (test/backup/): stops and restarts its platform, so a mocha run of its own
BACKUP_SPECS=('test/backup/**/*.test.ts')

browser_profile=""
if [[ "$TIERS" == *" browser "* ]]; then
  if [[ " $PROFILES " == *" mariadb "* ]]; then browser_profile=mariadb; else browser_profile="${PROFILES%% *}"; fi
fi
cluster_tier=""
[[ "$TIERS" == *" cluster "* && " $PROFILES " == *" mariadb "* ]] && cluster_tier=1
needs_engine=""
[[ "$TIERS" == *" api "* || -n "$browser_profile" || -n "$cluster_tier" ]] && needs_engine=1

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

# the lanes: one platform each (engine, server, workers, Redis; on MariaDB its own databases),
# "<name> <profile> <tier>": the api tier per profile, the browser tier once on the browser profile.
# Side by side (not TEST_SERIAL), with the browser tier and the embedded profile both asked for, the
# embedded api tier is split: "api-main" (all but SPLIT_SPECS) beside the browser lane, "api-split"
# after it. The columns: `front` in front (printed as it goes), `beside` one after the other beside it.
lanes=()
[ -n "$browser_profile" ] && lanes+=("browser $browser_profile browser")
split=""
if [[ "$TIERS" == *" api "* ]]; then
  if [ -n "$browser_profile" ] && [ -z "${TEST_SERIAL:-}" ] && [[ " $PROFILES " == *" embedded "* ]] && [ -z "${TEST_REDIS_URL:-}" ]; then split=1; fi
  for profile in $PROFILES; do
    if [ -n "$split" ] && [ "$profile" = embedded ]; then
      lanes+=("embedded embedded api-main" "embedded-split embedded api-split")
    else
      lanes+=("$profile $profile api")
    fi
  done
fi
[ -n "$cluster_tier" ] && lanes+=("cluster mariadb cluster" "backup mariadb backup")

# the engine a lane runs on (TEST_LANE_FLAVOURS, else ENGINE_FLAVOUR's)
lane_flavour() {
  local pair
  for pair in $LANE_FLAVOURS; do
    if [ "${pair%%=*}" = "$1" ]; then echo "${pair#*=}"; return; fi
  done
  echo "$FLAVOUR"
}

run_lane() {
  local name profile tier
  read -r name profile tier <<<"$1"
  shift
  local specs=("${API_SPECS[@]}") ignore=()
  case "$tier" in
    browser) specs=("${BROWSER_SPECS[@]}") ;;
    cluster) specs=("${CLUSTER_SPECS[@]}") ;;
    backup) specs=("${BACKUP_SPECS[@]}") ;;
    api-split) specs=("${SPLIT_SPECS[@]}") ;;
    api-main) for spec in "${SPLIT_SPECS[@]}"; do ignore+=(--ignore "$spec"); done ;;
  esac
  ENGINE_FLAVOUR="$(lane_flavour "$name")" TEST_PROFILE="$profile" TEST_LANE="$name" TEST_REDIS_URL="$(lane_redis "$name")" run_mocha "$name" "${specs[@]}" "${ignore[@]}" "$@"
}

# each lane its own Redis: socket.io rooms of two platforms must not meet
lane_redis() {
  if [ -n "${TEST_REDIS_URL:-}" ]; then echo "$TEST_REDIS_URL"; return; fi
  cat "$results_dir/redis-$1.url"
}

if [ -n "$needs_engine" ]; then
  flavours=" "
  for lane in "${lanes[@]}"; do
    f="$(lane_flavour "${lane%% *}")"
    [[ "$flavours" == *" $f "* ]] || flavours+="$f "
  done
  for f in $flavours; do bash scripts/engine/build.sh "$f"; done
  # the browser tests need the built front end; built again only when modeler/ changed
  [ -n "$browser_profile" ] && npx tsx scripts/build-web.ts --if-stale
  # the cluster's nodes run the bundles, as in production (and serve the web build)
  if [ -n "$cluster_tier" ]; then
    npx tsx scripts/build.ts
    npx tsx scripts/build-web.ts --if-stale
    ensure_nginx
  fi
  [[ " $PROFILES " == *" mariadb "* ]] && use_mysql_or_private_mariadb
  if [ -z "${TEST_REDIS_URL:-}" ]; then
    port=36379
    for lane in "${lanes[@]}"; do
      name="${lane%% *}"
      on_exit "REDIS_PORT=$port REDIS_BASE='$ROOT/.tmp/redis-$name' bash '$ROOT/scripts/redis.sh' stop"
      eval "$(REDIS_PORT=$port REDIS_BASE="$ROOT/.tmp/redis-$name" bash scripts/redis.sh start)"
      echo "redis://127.0.0.1:$REDIS_PORT" > "$results_dir/redis-$name.url"
      port=$((port + 1))
    done
  fi
fi

# the unit tier runs first, or (with two lanes side by side) after the browser lane in the first
# column, the shorter one (the api lanes of both profiles take longer), instead of before both
unit_beside=""
if [ -n "$needs_engine" ] && [ -z "${TEST_SERIAL:-}" ] && [ ${#lanes[@]} -ge 2 ] && [ -z "${TEST_REDIS_URL:-}" ]; then unit_beside=1; fi
if [[ "$TIERS" == *" unit "* ]] && [ -z "$unit_beside" ]; then
  echo "test: unit tier (no engine)"
  run_mocha unit "${UNIT_SPECS[@]}" "$@"
fi

if [ -n "$needs_engine" ]; then
  if [ -z "$unit_beside" ]; then
    for lane in "${lanes[@]}"; do
      echo "test: lane $lane, engine $(lane_flavour "${lane%% *}")"
      run_lane "$lane" "$@"
    done
  else
    # two lanes at a time (a test mostly waits for its engine: the 2-core machine has room for two
    # platforms, not three): the first prints as it goes; the others run one after the other beside
    # it and print when they are done
    front=("${lanes[0]}")
    beside_lanes=()
    for lane in "${lanes[@]:1}"; do
      if [[ "$lane" == *" api-split" || "$lane" == *" backup" ]]; then front+=("$lane"); else beside_lanes+=("$lane"); fi
    done
    (
      for lane in "${beside_lanes[@]}"; do
        run_lane "$lane" "$@" > "$results_dir/${lane%% *}.out" 2>&1 || true
      done
    ) &
    beside=$!
    names=()
    for lane in "${beside_lanes[@]}"; do names+=("${lane%% *}"); done
    echo "test: lanes ${names[*]} one after the other, beside the first column (their output follows when they end)"
    echo "test: lane ${front[0]%% *} (${front[0]}), engine $(lane_flavour "${front[0]%% *}")"
    run_lane "${front[0]}" "$@" || true
    for lane in "${front[@]:1}"; do
      echo "test: lane $lane, engine $(lane_flavour "${lane%% *}") (after the first)"
      run_lane "$lane" "$@" || true
    done
    if [[ "$TIERS" == *" unit "* ]]; then run_mocha unit "${UNIT_SPECS[@]}" "$@" > "$results_dir/unit.out" 2>&1 || true; fi
    wait "$beside" || true
    if [[ "$TIERS" == *" unit "* ]]; then
      echo "test: unit tier (no engine, ran after the first column)"
      cat "$results_dir/unit.out"
    fi
    for lane in "${beside_lanes[@]}"; do
      echo "test: lane $lane, engine $(lane_flavour "${lane%% *}") (ran beside)"
      cat "$results_dir/${lane%% *}.out"
    done
  fi
fi

passed=0
failed=0
status=0
echo "test: tiers and profiles"
for counts in "$results_dir"/*.counts; do
  [ -e "$counts" ] || continue
  read -r p f code secs < "$counts"
  printf 'test:   %-9s %4d passed %3d failed  %4d s\n' "$(basename "$counts" .counts)" "$p" "$f" "$secs"
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
