#!/usr/bin/env bash
# Session starts per second (start + consent + first batch of 10 trials, as a browser does before its first trial)
# against the real web app (Release) and PostgreSQL, for this tree and optionally a peer tree (e.g. the commit before
# lazy planning), interleaved in the same run: warm-up, then BENCH_REPS repetitions of BENCH_SECONDS each per tree.
# Usage: ALIGNET_PG_PORT=55432 benchmarks/session-starts.sh [PEER_TREE]   (a PEER_TREE is built like this one)
# Settings: BENCH_WORKERS (32 concurrent clients), BENCH_SECONDS (10), BENCH_REPS (5), BENCH_PORT (5188; peer +1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
peer="${1:-}"
port="${ALIGNET_PG_PORT:-55432}"
export PGPASSWORD="$(cat "$root/.pgdata/alignet.password")"
workers="${BENCH_WORKERS:-32}" seconds="${BENCH_SECONDS:-10}" reps="${BENCH_REPS:-5}" web_port="${BENCH_PORT:-5188}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
(cd "$root" && deploy/db.sh start >/dev/null)
export Admin__Email="bench@alignet.local" Admin__Password="Bench-Admin-Password-1"
# All clients come from 127.0.0.1: the per-address and session-start limits are lifted for the benchmark only.
export Participants__RateLimits__PerAddressPerSecond=1000000 Participants__RateLimits__PerAddressBurst=1000000
export Participants__RateLimits__SessionStartsPerMinute=100000000 Participants__RateLimits__SessionStartBurst=1000000

# prepare TREE NAME PORT: build, fresh database, migrate, seed the demo study, start the web app; prints the study id.
prepare() {
  local tree="$1" name="$2" wport="$3" db="alignet_starts_$2"
  for p in src/AligNet.Web src/AligNet.Cli migrations/AligNet.Migrations; do (cd "$tree" && dotnet build "$p" -c Release -nologo -clp:ErrorsOnly -v:q >&2); done
  psql -h 127.0.0.1 -p "$port" -U alignet -qAt -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >&2
  export ConnectionStrings__AligNet="Host=127.0.0.1;Port=$port;Database=$db;Username=alignet;Password=$PGPASSWORD;Maximum Pool Size=100"
  export Stimuli__Root="$work/stimuli-$name"
  dotnet "$tree/migrations/AligNet.Migrations/bin/Release/net10.0/AligNet.Migrations.dll" >&2
  "$tree/src/AligNet.Cli/bin/Release/net10.0/alignet" seed-demo >&2
  (cd "$tree/src/AligNet.Web/bin/Release/net10.0" && exec dotnet AligNet.Web.dll --urls "http://127.0.0.1:$wport" >"$work/web-$name.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 120); do grep -q "Now listening on" "$work/web-$name.log" 2>/dev/null && break; sleep 0.5; done
  psql -h 127.0.0.1 -p "$port" -U alignet -qAt -d "$db" -c "SELECT \"Id\" FROM alignet.studies WHERE \"State\" = 'Open' ORDER BY \"CreatedAt\" LIMIT 1" > "$work/study-$name"
}

trees=("$root")
[ -n "$peer" ] && trees+=("$(cd "$peer" && pwd)")
for i in "${!trees[@]}"; do prepare "${trees[$i]}" "$i" $((web_port + i)); done
echo "# $(date -u +%FT%TZ) $(nproc) cores, dotnet $(dotnet --version), PostgreSQL $(psql --version | awk '{print $3}'), $workers clients, ${seconds}s × $reps"
for i in "${!trees[@]}"; do "$root/benchmarks/session-starts.py" "http://127.0.0.1:$((web_port + i))" "$(cat "$work/study-$i")" "$workers" 5 >/dev/null; done  # warm-up
for r in $(seq 1 "$reps"); do
  for i in "${!trees[@]}"; do
    result="$("$root/benchmarks/session-starts.py" "http://127.0.0.1:$((web_port + i))" "$(cat "$work/study-$i")" "$workers" "$seconds")"
    echo "{\"tree\": \"${trees[$i]}\", \"rep\": $r, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"result\": $result}"
  done
done
