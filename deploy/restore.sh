#!/usr/bin/env bash
# Restores a folder written by deploy/backup.sh into an EMPTY database (created if missing) and the stimulus and
# artifact folders, then checks that every table has the row count recorded at backup time.
# Usage: deploy/restore.sh FOLDER. Target: ConnectionStrings__AligNet, else deploy/db.sh (run deploy/db.sh start on
# a fresh machine first); folders: Stimuli__Root, Artifacts__Root (defaults under .run/). Exit 0 only when every
# count matches. Start the platform afterwards (deploy/run.sh); with DataProtection__CertificateFile pointing at the
# restored dataprotection.pfx, staff stay signed in.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/deploy/pg-env.sh"
src="${1:?usage: deploy/restore.sh BACKUP-FOLDER}"
[ -f "$src/database.dump" ] && [ -f "$src/counts.txt" ] || { echo "$src is not a backup folder (database.dump, counts.txt missing)." >&2; exit 1; }
pg_env_from_connection_string
stimuli="${Stimuli__Root:-$root/.run/stimuli}"
artifacts="${Artifacts__Root:-$root/.run/artifacts}"

target="$PGDATABASE"
if [ "$(PGDATABASE=postgres "$pgbin/psql" -qAt -c "SELECT 1 FROM pg_database WHERE datname = '$target'")" != 1 ]; then
  PGDATABASE=postgres "$pgbin/psql" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE \"$target\""
fi
if [ "$("$pgbin/psql" -qAt -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'alignet'")" != 0 ]; then
  echo "Database $target already holds AligNet tables: restore into an empty database (drop it or name another)." >&2
  exit 1
fi

"$pgbin/pg_restore" --no-owner --no-privileges --exit-on-error --dbname="$target" "$src/database.dump"
mkdir -p "$stimuli" "$artifacts"
tar -C "$stimuli" -xf "$src/stimuli.tar"
tar -C "$artifacts" -xf "$src/artifacts.tar"
if [ -f "$src/dataprotection.pfx" ] && [ -n "${DataProtection__CertificateFile:-}" ]; then
  mkdir -p "$(dirname "$DataProtection__CertificateFile")"
  install -m 600 "$src/dataprotection.pfx" "$DataProtection__CertificateFile"
fi

if diff <(pg_table_counts) "$src/counts.txt" >/dev/null; then
  echo "Restored $src into $target@$PGHOST:$PGPORT: every table's row count matches ($(wc -l <"$src/counts.txt") tables)."
else
  echo "Row counts differ from the backup (left: restored, right: backup):" >&2
  diff <(pg_table_counts) "$src/counts.txt" >&2 || true
  exit 1
fi
