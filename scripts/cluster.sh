#!/usr/bin/env bash
# `npm run cluster`: the platform as a cluster on this machine (scripts/cluster.ts, docs/scale.md):
# two engine nodes on one MariaDB, two server nodes sharing socket.io rooms through Redis, the
# workers per group of topics, nginx in front on one address (CLUSTER_PORT, default 8080).
# MariaDB is TEST_MYSQL_* when reachable, else a private instance (scripts/mariadb.sh); Redis is
# TEST_REDIS_URL, else a private one; nginx comes from Debian's packages when missing. Ctrl-C stops all.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib/mysql.sh"
source "$ROOT/scripts/lib/nginx.sh"

ensure_nginx
bash scripts/engine/build.sh "${ENGINE_FLAVOUR:-camunda}"
use_mysql_or_private_mariadb
use_redis_or_private_redis
npx tsx scripts/cluster.ts "$@"
