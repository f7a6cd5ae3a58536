#!/usr/bin/env bash
# The run command: database up, migrations applied, demo data seeded, web and worker started; prints the URL and
# the first admin's credentials. Logs go to .run/*.log.
#   deploy/run.sh            run in the foreground until Ctrl+C
#   deploy/run.sh --detach   start and return (stop later with deploy/run.sh stop)
#   deploy/run.sh stop       stop web and worker (the database keeps running: deploy/db.sh stop)
# Settings: ALIGNET_WEB_PORT (5080), ALIGNET_WEB_HOST (127.0.0.1), Admin__Email, Admin__Password.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run="$root/.run"
config=Release
mkdir -p "$run"

stop() {
  for name in web worker; do
    if [ -f "$run/$name.pid" ] && kill -0 "$(cat "$run/$name.pid")" 2>/dev/null; then
      kill "$(cat "$run/$name.pid")" && echo "stopped $name"
    fi
    rm -f "$run/$name.pid"
  done
}
if [ "${1:-}" = "stop" ]; then stop; exit 0; fi
stop >/dev/null

deploy/prerequisites.sh
deploy/db.sh start
export ConnectionStrings__AligNet="$(deploy/db.sh url)"
export Stimuli__Root="$run/stimuli"
export Artifacts__Root="$run/artifacts"
export Admin__Email="${Admin__Email:-admin@alignet.local}"
export Admin__OneTimePasswordFile="$run/first-admin-password"
# Encrypts the data-protection keys (sign-in cookies) stored in PostgreSQL; made once, owner-only. Back it up.
export DataProtection__CertificateFile="${DataProtection__CertificateFile:-$run/keys/dataprotection.pfx}"
rm -f "$Admin__OneTimePasswordFile"  # never show a stale one

echo "Building ..."
dotnet build AligNet.Web.sln -c $config -nologo -clp:ErrorsOnly -v:q
bin() { echo "$root/$1/bin/$config/net10.0"; }

dotnet "$(bin migrations/AligNet.Migrations)/AligNet.Migrations.dll"
"$(bin src/AligNet.Cli)/alignet" seed-demo || true
"$(bin src/AligNet.Cli)/alignet" embed --set "Demo: everyday objects (Tux Paint photographs)" --missing-only 2>/dev/null || true

url="http://${ALIGNET_WEB_HOST:-127.0.0.1}:${ALIGNET_WEB_PORT:-5080}"
(cd "$(bin src/AligNet.Worker)" && exec setsid dotnet AligNet.Worker.dll >"$run/worker.log" 2>&1) & echo $! >"$run/worker.pid"
(cd "$(bin src/AligNet.Web)" && exec setsid dotnet AligNet.Web.dll --urls "$url" >"$run/web.log" 2>&1) & echo $! >"$run/web.pid"

for _ in $(seq 1 120); do
  grep -q "Now listening on" "$run/web.log" 2>/dev/null && break
  if ! kill -0 "$(cat "$run/web.pid")" 2>/dev/null; then cat "$run/web.log" >&2; stop; exit 2; fi
  sleep 0.5
done
grep -q "Now listening on" "$run/web.log" || { echo "The web app did not start in 60 s; see $run/web.log" >&2; stop; exit 1; }

echo
echo "AligNet.Web is running at $url  (health: $url/health)"
if [ -f "$Admin__OneTimePasswordFile" ]; then
  # Shown here once, on the terminal only; the web log names the file but never holds the password.
  echo "First admin: $Admin__Email / one-time password: $(cat "$Admin__OneTimePasswordFile")  (shown once; change it after signing in: click your e-mail at the top right)"
  rm -f "$Admin__OneTimePasswordFile"
else
  echo "Admin: $Admin__Email (created earlier; forgot the password? $(bin src/AligNet.Cli)/alignet users reset-password --email $Admin__Email)"
fi
echo "Logs: $run/web.log, $run/worker.log"

if [ "${1:-}" = "--detach" ]; then
  echo "Stop with: deploy/run.sh stop"
  exit 0
fi
echo "Press Ctrl+C to stop."
trap 'stop; exit 0' INT TERM
wait
