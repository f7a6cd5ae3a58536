#!/usr/bin/env bash
# A complete backup of one AligNet.Web deployment into a new folder:
#   database.dump   pg_dump custom format (every schema: research data, accounts, audit log, Hangfire, keys)
#   stimuli.tar     the stimulus image store (Stimuli__Root, default .run/stimuli), without the resize cache
#   artifacts.tar   model artifacts (Artifacts__Root, default .run/artifacts)
#   dataprotection.pfx  the certificate that encrypts the sign-in keys (DataProtection__CertificateFile), if any
#   counts.txt      rows per table at backup time; deploy/restore.sh checks the restored database against it
# Usage: deploy/backup.sh [FOLDER]   (default: backups/alignet-YYYYmmdd-HHMMSS). The database is read from
# ConnectionStrings__AligNet, else from deploy/db.sh. pg_dump takes one consistent snapshot; the web may keep running.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/deploy/pg-env.sh"
pg_env_from_connection_string

dest="${1:-$root/backups/alignet-$(date -u +%Y%m%d-%H%M%S)}"
stimuli="${Stimuli__Root:-$root/.run/stimuli}"
artifacts="${Artifacts__Root:-$root/.run/artifacts}"
[ ! -e "$dest" ] || { echo "$dest exists already: give a new folder." >&2; exit 1; }
umask 077  # backups hold personal data and password hashes: owner only
mkdir -p "$dest"

"$pgbin/pg_dump" --format=custom --no-owner --file="$dest/database.dump"
pg_table_counts >"$dest/counts.txt"
tar_folder() { # name folder
  if [ -d "$2" ]; then tar -C "$2" --exclude=./.resized -cf "$dest/$1.tar" .; else tar -cf "$dest/$1.tar" -T /dev/null; fi
}
tar_folder stimuli "$stimuli"
tar_folder artifacts "$artifacts"
if [ -n "${DataProtection__CertificateFile:-}" ] && [ -f "$DataProtection__CertificateFile" ]; then
  cp "$DataProtection__CertificateFile" "$dest/dataprotection.pfx"
fi
echo "Backup of $PGDATABASE@$PGHOST:$PGPORT in $dest ($(du -sh "$dest" | cut -f1); $(awk '{ n += $2 } END { print n }' "$dest/counts.txt") rows)"
