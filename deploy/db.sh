#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests: data in <checkout>/.pgdata (ignored by git),
# listening only on 127.0.0.1:${ALIGNET_PG_PORT:-55432}. Idempotent: start/stop/status can be run any number of times.
# TCP logins need a password (SCRAM-SHA-256): role "alignet" gets a generated one, kept in .pgdata/alignet.password
# (mode 0600). Only the cluster's owner (and root) can use the Unix socket in .pgdata/run, which is how this script
# administers the cluster.
#   deploy/db.sh start    init (first time), start, create role and database "alignet", set the role's password
#   deploy/db.sh stop     stop the cluster
#   deploy/db.sh status   say whether it runs; exit 0 if it does
#   deploy/db.sh url      print the connection string for ConnectionStrings__AligNet (password included)
#   deploy/db.sh psql     open psql on the alignet database
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${ALIGNET_PG_PORT:-55432}"
data="$root/.pgdata/cluster"
sock="$root/.pgdata/run"
log="$root/.pgdata/postgres.log"
db_name="${ALIGNET_PG_DATABASE:-alignet}"
db_user="alignet"
pwfile="$root/.pgdata/alignet.password"

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

# A random password, made once; readable by its owner only.
ensure_password() {
  if [ ! -s "$pwfile" ]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$pwfile")
  fi
  chmod 600 "$pwfile"
}

# Written on every start, so clusters made before passwords were required are brought in line too.
write_hba() {
  as_owner tee "$data/pg_hba.conf" >/dev/null <<'HBA'
# Written by deploy/db.sh. The socket directory is owner-only (unix_socket_permissions=0700): the cluster's
# owner administers it there. Every TCP login needs a password.
local all all trust
host  all all 127.0.0.1/32 scram-sha-256
host  all all ::1/128      scram-sha-256
HBA
}

psql_admin() { as_owner "$bin/psql" -h "$sock" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

cmd_start() {
  ensure_server
  mkdir -p "$root/.pgdata" "$sock"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$root/.pgdata" "$sock"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-sync >/dev/null
  fi
  ensure_password
  write_hba
  if running; then
    as_owner "$bin/pg_ctl" -D "$data" reload >/dev/null
    echo "PostgreSQL already running on 127.0.0.1:$port"
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Port $port is in use by another program. Choose another: ALIGNET_PG_PORT=55433 deploy/db.sh start" >&2
      exit 1
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $sock -c unix_socket_permissions=0700 -c password_encryption=scram-sha-256 -c fsync=${ALIGNET_PG_FSYNC:-on} -c max_connections=400" start >/dev/null
    echo "PostgreSQL started on 127.0.0.1:$port (data in $data)"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$db_user'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $db_user LOGIN CREATEDB"
  fi
  # Through stdin, so the password is neither on a command line nor in the server log's statement text.
  echo "SET log_statement = 'none'; ALTER ROLE $db_user PASSWORD :'pw';" | psql_admin -v pw="$(cat "$pwfile")" >/dev/null
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

cmd_url() {
  [ -s "$pwfile" ] || { echo "No password yet: run deploy/db.sh start first." >&2; exit 1; }
  echo "Host=127.0.0.1;Port=$port;Database=$db_name;Username=$db_user;Password=$(cat "$pwfile")"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url ;;
  psql) bin="$(find_bin)"; shift; PGPASSWORD="$(cat "$pwfile")" exec "$bin/psql" -h 127.0.0.1 -p "$port" -U "$db_user" -d "$db_name" "$@" ;;
  *) echo "usage: deploy/db.sh start|stop|status|url|psql" >&2; exit 64 ;;
esac
