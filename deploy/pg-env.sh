# Sourced by backup.sh and restore.sh: PostgreSQL's client settings (PGHOST, PGPORT, PGDATABASE, PGUSER,
# PGPASSWORD) from ConnectionStrings__AligNet, or from deploy/db.sh's private cluster when that is not set,
# and the client programs of the installed server version.
pg_env_from_connection_string() {
  local connection="${ConnectionStrings__AligNet:-}"
  if [ -z "$connection" ]; then connection="$("$root/deploy/db.sh" url)"; fi
  local pair key value
  IFS=';' read -ra pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    key="$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    value="${pair#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|user|userid|"userid") export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
    esac
  done
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_dump" ] && pgbin="$dir"; done
  [ -n "${pgbin:-}" ] || { echo "pg_dump not found: apt-get install postgresql-client" >&2; exit 1; }
}

# The tables of schema alignet with their row counts, one "table count" a line, sorted.
pg_table_counts() {
  "$pgbin/psql" -v ON_ERROR_STOP=1 -qAt -F ' ' -c "SELECT format('SELECT %L, count(*) FROM alignet.%I', tablename, tablename) FROM pg_tables WHERE schemaname = 'alignet' ORDER BY tablename" \
    | while read -r query; do "$pgbin/psql" -v ON_ERROR_STOP=1 -qAt -F ' ' -c "$query"; done
}
