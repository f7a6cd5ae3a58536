#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests: data in <checkout>/.pgdata (ignored by git),
# listening only on 127.0.0.1:${ALIGNET_PG_PORT:-55432}. Idempotent: start/stop/status can be run any number of times.
#   deploy/db.sh start    init (first time), start, create role and database "alignet"
#   deploy/db.sh stop     stop the cluster
#   deploy/db.sh status   say whether it runs; exit 0 if it does
#   deploy/db.sh url      print the connection string for ConnectionStrings__AligNet
#   deploy/db.sh psql     open psql on the alignet database
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${ALIGNET_PG_PORT:-55432}"
data="$root/.pgdata/cluster"
sock="$root/.pgdata/run"
log="$root/.pgdata/postgres.log"
db_name="${ALIGNET_PG_DATABASE:-alignet}"
db_user="alignet"

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_server() {
  if ! bin="$(find_bin)"; then
    echo "PostgreSQL server not found; installing it with apt-get ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    bin="$(find_bin)" || { echo "PostgreSQL could not be installed (apt-get install postgresql)." >&2; exit 1; }
  fi
}

# PostgreSQL refuses to run as root: as root, run its programs as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

psql_admin() { as_owner "$bin/psql" -h "$sock" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

cmd_start() {
  ensure_server
  mkdir -p "$root/.pgdata" "$sock"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$root/.pgdata" "$sock"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  fi
  if running; then
    echo "PostgreSQL already running on 127.0.0.1:$port"
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Port $port is in use by another program. Choose another: ALIGNET_PG_PORT=55433 deploy/db.sh start" >&2
      exit 1
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $sock -c fsync=${ALIGNET_PG_FSYNC:-on} -c max_connections=400" start >/dev/null
    echo "PostgreSQL started on 127.0.0.1:$port (data in $data)"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$db_user'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $db_user LOGIN CREATEDB"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$db_name'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $db_name OWNER $db_user"
  fi
}

cmd_stop() {
  bin="$(find_bin)" || { echo "PostgreSQL is not installed"; return 0; }
  if running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    echo "PostgreSQL stopped"
  else
    echo "PostgreSQL is not running"
  fi
}

cmd_status() {
  bin="$(find_bin)" || { echo "PostgreSQL is not installed"; exit 1; }
  if running; then echo "PostgreSQL running on 127.0.0.1:$port"; else echo "PostgreSQL is not running"; exit 1; fi
}

cmd_url() { echo "Host=127.0.0.1;Port=$port;Database=$db_name;Username=$db_user"; }

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url ;;
  psql) bin="$(find_bin)"; shift; exec "$bin/psql" -h 127.0.0.1 -p "$port" -U "$db_user" -d "$db_name" "$@" ;;
  *) echo "usage: deploy/db.sh start|stop|status|url|psql" >&2; exit 64 ;;
esac
