#!/usr/bin/env bash
# Participant load benchmark against the real web app (Release) and PostgreSQL on this machine.
# Part 1, answer ingest (issue 15): prepared sessions, wrk posting each prepared trial's answer once at 16 and 64
#   connections, pgbench inserting the same row shape at the same client counts, interleaved, BENCH_REPS repetitions
#   after a warm-up; median and min–max; integrity check at the end (benchmarks/participants_ingest.py).
# Part 2 (optional, BENCH_LEVELS): bot participants (alignet bots) at THINGS pace and flat out.
#   benchmarks/participants.sh                 (a fresh database "alignet_load" on the private cluster; ~6 minutes)
# Settings: ALIGNET_PG_PORT (55432), BENCH_PORT (5187), BENCH_REPS (5), BENCH_SECONDS (6), BENCH_MAX_RATE (6000: answers prepared = seconds × this), BENCH_COMPARE (1), BENCH_CONNECTIONS ("16 64"),
#           BENCH_TRIALS (100 per session), BENCH_LEVELS ("" = no bot runs; e.g. "100 1000 3000"),
#           BENCH_BOT_SECONDS (60), BENCH_FLAT_OUT (0 = none; e.g. 64 bots with think 0), BENCH_FLAT_SECONDS (30).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${ALIGNET_PG_PORT:-55432}"
# deploy/db.sh requires a password over TCP; psql and pgbench read it from PGPASSWORD.
export PGPASSWORD="$(cat "$(dirname "$0")/../.pgdata/alignet.password")"
web_port="${BENCH_PORT:-5187}"
seconds="${BENCH_BOT_SECONDS:-60}"
levels="${BENCH_LEVELS:-}"
flat="${BENCH_FLAT_OUT:-0}"
flat_seconds="${BENCH_FLAT_SECONDS:-30}"
work="$(mktemp -d)"
results="$root/.run/bench-participants"   # the runs' JSON reports are kept here
mkdir -p "$results"
web_pids=()
cleanup() { for p in "${web_pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
deploy/db.sh start >/dev/null
pgbin="$(ls -d /usr/lib/postgresql/*/bin | tail -1)"
export PGBIN="$pgbin" ALIGNET_PG_PORT="$port"
admin_psql() { psql -h 127.0.0.1 -p "$port" -U alignet -v ON_ERROR_STOP=1 -qAt "$@"; }
admin_psql -d postgres -c "DROP DATABASE IF EXISTS alignet_load WITH (FORCE)" -c "CREATE DATABASE alignet_load"
export ConnectionStrings__AligNet="Host=127.0.0.1;Port=$port;Database=alignet_load;Username=alignet;Password=$PGPASSWORD;Maximum Pool Size=200"
export Stimuli__Root="$work/stimuli"
export Admin__Email="bench@alignet.local" Admin__Password="Bench-Admin-Password-1"
export ALIGNET_STAFF_EMAIL="$Admin__Email" ALIGNET_STAFF_PASSWORD="$Admin__Password"
# Every bot comes from 127.0.0.1: the per-address limit (meant for one lab's NAT) would throttle them all together,
# flat-out bots would hit the per-session limit by design, and preparing sessions the start limit. All are lifted for
# the benchmark only.
export Participants__RateLimits__PerAddressPerSecond=1000000 Participants__RateLimits__PerAddressBurst=1000000
export Participants__RateLimits__SessionStartsPerMinute=1000000 Participants__RateLimits__SessionStartBurst=1000000
export Participants__RateLimits__PerSessionPerSecond=1000000 Participants__RateLimits__PerSessionBurst=1000000

echo "Building (Release) ..." >&2
for p in src/AligNet.Web src/AligNet.Cli migrations/AligNet.Migrations; do dotnet build "$p" -c Release -nologo -clp:ErrorsOnly -v:q >&2; done
bin() { echo "$root/$1/bin/Release/net10.0"; }
alignet="$(bin src/AligNet.Cli)/alignet"
dotnet "$(bin migrations/AligNet.Migrations)/AligNet.Migrations.dll" >&2
"$alignet" seed-demo >&2
# Longer sessions than the demo's 30 trials: fewer session starts to prepare, the same answer path.
admin_psql -d alignet_load -c "UPDATE alignet.studies SET \"TrialsPerParticipant\" = ${BENCH_TRIALS:-100}, \"CatchTrialShare\" = 0.1"

# The ceiling: single-row INSERTs into a copy of alignet.responses (same columns, keys, indexes and checks; no FK).
admin_psql -d alignet_load -c 'CREATE TABLE alignet.bench_responses (LIKE alignet.responses INCLUDING ALL)'
cat >"$work/insert.sql" <<'SQL'
INSERT INTO alignet.bench_responses ("Id", "TrialId", "SessionId", "ChosenPosition", "ChosenStimulusId", "Input", "OnsetTimeMs", "OnsetMethod", "ResponseTimeMs", "RtMs", "RefreshIntervalMs", "FocusLost", "FullscreenExits", "ReceivedAt")
VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1, gen_random_uuid(), 'Keyboard', 1000, 'ElementTiming', 2500, 1500, 16.7, false, 0, now());
SQL

start_web() { # port log [VAR=value ...]: one web process; returns when it listens
  local p="$1" log="$2"; shift 2
  (cd "$(bin src/AligNet.Web)" && exec env "$@" dotnet AligNet.Web.dll --urls "http://127.0.0.1:$p" >"$log" 2>&1) & web_pids+=($!)
  for _ in $(seq 1 120); do grep -q "Now listening on" "$log" 2>/dev/null && break; sleep 0.5; done
  grep -q "Now listening on" "$log" || { cat "$log" >&2; exit 1; }
}
# The build under test answers through the group-commit queue; beside it (BENCH_COMPARE=1, the default) the same
# build with the queue off (Participants:AnswerWriters=0: each request sends its own statement, as before issue 15),
# so both are measured in the same run, interleaved, under the same load from the rest of the machine.
start_web "$web_port" "$work/web.log"
variants=("group-commit=http://127.0.0.1:$web_port")
if [ "${BENCH_COMPARE:-1}" = 1 ]; then
  start_web "$((web_port + 1))" "$work/web-per-request.log" Participants__AnswerWriters=0
  variants+=("per-request=http://127.0.0.1:$((web_port + 1))")
fi

echo "versions: $(dotnet --version) .NET SDK, $("$pgbin/postgres" --version), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(nproc) cores" >&2
study="$(admin_psql -d alignet_load -c 'SELECT "Id" FROM alignet.studies ORDER BY "CreatedAt" LIMIT 1')"
python3 "$root/benchmarks/participants_ingest.py" "$study" "$work" "$results" "${variants[@]}"
[ -z "$levels" ] && [ "$flat" = 0 ] && exit 0

run() { # participants think-ms seconds ramp label
  echo "bots: $1 participants, think $2 ms, $3 s ..." >&2
  "$alignet" bots --url "http://127.0.0.1:$web_port" --study demo --participants "$1" --think-ms "$2" \
    --duration-s "$3" --concurrency-ramp-s "$4" --json >"$results/run-$5.json" || true
  uptime >&2
}
# Arrivals spread over a ramp of one second per 50 bots (at least 10 s): a recruitment platform does not send
# thousands of people in the same second, and the sustained rate is measured after the ramp.
for n in $levels; do run "$n" 3000 "$seconds" $(( n / 50 > 10 ? n / 50 : 10 )) "$n"; done
[ "$flat" != 0 ] && run "$flat" 0 "$flat_seconds" 2 flat

python3 - "$results" "$levels" "$flat" <<'PY'
import json, sys
work, levels, flat = sys.argv[1], sys.argv[2].split(), sys.argv[3]
print("| bots | think | responses/s (sustained) | server p50 | server p95 | server p99 | client p99 | acknowledged | lost | duplicates | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for label in levels + (["flat"] if flat != "0" else []):
    try:
        r = json.load(open(f"{work}/run-{label}.json"))
    except (OSError, ValueError):
        print(f"| {label} | (no report) |"); continue
    server = next((x for x in (r.get("server") or {}).get("routes", []) if x["route"].endswith("/responses")), None)
    s = lambda k: f"{server[k]:.1f} ms" if server else "–"
    d = r.get("database") or {}
    errors = ", ".join(f"{k} ×{v}" for k, v in r["errors"].items()) or "none"
    think = f"{r['think_ms']/1000:.0f} s" if r["think_ms"] else "0 (flat out)"
    print(f"| {r['participants']:,} | {think} | {r['sustained_responses_per_second']:,.0f} | {s('p50Ms')} | {s('p95Ms')} | {s('p99Ms')} "
          f"| {r['client_latency_ms'].get('response', {}).get('p99_ms', float('nan')):.1f} ms | {r['responses_acknowledged']:,} | {d.get('lost', '–')} | {d.get('duplicate_trials', '–')} | {errors} |")
PY
