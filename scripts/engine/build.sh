#!/usr/bin/env bash
# Builds the process engine host jar: engine/target/approval-engine-<flavour>.jar
#
#   bash scripts/engine/build.sh [camunda|operaton]     (default: $ENGINE_FLAVOUR, else camunda)
#
# Rebuilds only when the jar is missing or engine/pom.xml, engine/src/** or this script changed
# since the last build of that flavour (stamp: engine/target/.build-<flavour>.sha).
# Maven's repository stays inside the clone (.cache/m2) so CI can cache it with the checkout.
# The operaton jar compiles sources that Maven generates from engine/src/main/java-engine under
# engine/target/build-operaton/ (rewrite rules in engine/pom.xml): their inputs are hashed below.
# ENGINE_FORCE_BUILD=1 rebuilds regardless of the stamp.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENGINE_DIR="$ROOT/engine"
FLAVOUR="${1:-${ENGINE_FLAVOUR:-camunda}}"

case "$FLAVOUR" in
  camunda|operaton) ;;
  *) echo "engine build: unknown flavour '$FLAVOUR' (expected camunda or operaton)" >&2; exit 2 ;;
esac

JAR="$ENGINE_DIR/target/approval-engine-$FLAVOUR.jar"
STAMP="$ENGINE_DIR/target/.build-$FLAVOUR.sha"

# hash of everything that goes into either jar (paths and contents, in a stable order): the POM
# (profiles, versions, the Operaton rewrite rules), all of engine/src (shared and per-flavour
# sources and resources, and src/main/java-engine from which the Operaton sources are generated)
# and this script. Generated sources live in engine/target and are never an input themselves.
source_hash() {
  (
    cd "$ROOT"
    { echo engine/pom.xml; echo scripts/engine/build.sh; find engine/src -type f; } \
      | LC_ALL=C sort \
      | while IFS= read -r f; do printf '%s\n' "$f"; sha256sum < "$f"; done
  ) | sha256sum | cut -d' ' -f1
}

# one build per flavour at a time (the launcher and the tests may both ask); a waiting caller
# then finds the fresh stamp and reuses the jar
mkdir -p "$ENGINE_DIR/target"
exec 9>"$ENGINE_DIR/target/.build-$FLAVOUR.lock"
if command -v flock >/dev/null; then
  flock -n 9 || { echo "engine build: waiting for another $FLAVOUR build to finish"; flock 9; }
fi

HASH="$(source_hash)"
if [[ "${ENGINE_FORCE_BUILD:-0}" != "1" && -s "$JAR" && -f "$STAMP" && "$(cat "$STAMP")" == "$HASH" ]]; then
  echo "engine build: reusing $(realpath --relative-to="$ROOT" "$JAR") (engine/ unchanged)"
  exit 0
fi

command -v mvn >/dev/null || { echo "engine build: mvn not found (needs Maven 3.6.3+ and Java 17)" >&2; exit 1; }
command -v java >/dev/null || { echo "engine build: java not found (needs Java 17)" >&2; exit 1; }

if [[ -s "$JAR" ]]; then reason="engine/ changed"; else reason="no jar yet"; fi
if [[ ! -d "$ROOT/.cache/m2/org/springframework/boot" ]]; then reason="$reason; first build downloads dependencies into .cache/m2"; fi
echo "engine build: building $FLAVOUR jar with Maven ($reason)"

mkdir -p "$ROOT/.cache/m2"
rm -f "$STAMP"
# a clean build directory per flavour: no stale classes or resources from deleted sources
rm -rf "$ENGINE_DIR/target/build-$FLAVOUR"
start=$SECONDS
# -q keeps the output to warnings and errors; failures print Maven's error report.
# (Maven 3.8 -q still prints bare ANSI resets: strip escapes; pipefail keeps mvn's exit status.)
mvn -B -q -f "$ENGINE_DIR/pom.xml" \
  -Dmaven.repo.local="$ROOT/.cache/m2" \
  -DskipTests -Dstyle.color=never \
  -P "$FLAVOUR" \
  package 2>&1 | sed -u -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d'

[[ -s "$JAR" ]] || { echo "engine build: Maven finished but $JAR is missing" >&2; exit 1; }
echo "$HASH" > "$STAMP"
echo "engine build: built $(realpath --relative-to="$ROOT" "$JAR") ($(du -h "$JAR" | cut -f1), $((SECONDS - start)) s)"
