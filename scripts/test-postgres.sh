#!/usr/bin/env bash
# Runs the test suite against a throw-away PostgreSQL cluster on 127.0.0.1, then removes it.
#
#   scripts/test-postgres.sh                  # npm test (generate + tsc + vitest) on PostgreSQL
#   scripts/test-postgres.sh tests/unit/x.ts  # only `vitest run <args>` on PostgreSQL
#   scripts/test-postgres.sh -- --reporter=dot # npm test, with options for vitest
#   npm run test:postgres [-- <vitest args>]
#
# Tests get TEST_POSTGRES_URL (tests/support/db.ts creates a fresh database per test file).
# Needs Debian's postgresql package (installed here when running as root and missing).
# TEST_PG_PORT picks the first port to try (default 55432); a busy port is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

find_pg_bin() {
  if [[ -n "${PG_BIN:-}" && -x "$PG_BIN/initdb" ]]; then echo "$PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$d" && -x "$d/initdb" ]]; then echo "$d"; fi
}

PG=$(find_pg_bin)
if [[ -z "$PG" ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test-postgres: installing Debian's postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG=$(find_pg_bin)
  fi
  if [[ -z "$PG" ]]; then
    echo "test-postgres: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)" >&2
    exit 1
  fi
fi

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PORT=${TEST_PG_PORT:-55432}
for _ in $(seq 1 20); do
  port_busy "$PORT" || break
  PORT=$((PORT + 1))
done
if port_busy "$PORT"; then
  echo "test-postgres: no free port from ${TEST_PG_PORT:-55432}" >&2
  exit 1
fi

DATA=$(mktemp -d "${TMPDIR:-/tmp}/chungtay-pg.XXXXXX")
[[ $(id -u) -eq 0 ]] && chown postgres: "$DATA"

stop_cluster() {
  as_pg "$PG/pg_ctl" -D "$DATA/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap stop_cluster EXIT INT TERM

as_pg "$PG/initdb" -D "$DATA/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DATA/initdb.log" 2>&1 ||
  { cat "$DATA/initdb.log" >&2; exit 1; }
# Durability is pointless for a throw-away cluster; speed is not. Enough connections for
# two test workers, each with a pool, a child server and its own admin client.
as_pg "$PG/pg_ctl" -D "$DATA/data" -l "$DATA/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  >/dev/null || { cat "$DATA/server.log" >&2; exit 1; }

export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "test-postgres: PostgreSQL $("$PG/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2

status=0
if [[ $# -eq 0 ]]; then
  npm test || status=$?
elif [[ $1 == "--" ]]; then
  shift
  npm test -- "$@" || status=$? # `-- <vitest options>`: the full npm test, e.g. with a reporter
else
  npx tsx scripts/prisma-generate.ts --if-missing
  npx vitest run "$@" || status=$?
fi
exit "$status"
