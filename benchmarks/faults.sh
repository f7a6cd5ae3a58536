#!/usr/bin/env bash
# Fault runs: bot participants (alignet bots) answer flat out against the real web app and the private PostgreSQL
# while, 10 s into each run, (a) the web process is killed with SIGKILL and restarted, (b) PostgreSQL is restarted,
# (c) every PostgreSQL backend of the run's database is stopped (SIGSTOP) for BENCH_STALL_S seconds, then continued.
# (Each fault comes 10 s after the run's first stored answer.)
# Loopback only; every fault is bounded in time. Prints a markdown table: answers sent (attempts), acknowledged,
# stored, lost, trials answered twice, 5xx seen by the bots, and the recovery time (fault → /health answers 200).
#   ALIGNET_PG_PORT=55410 benchmarks/faults.sh        (a fresh database "alignet_faults"; about 3 minutes)
# Settings: ALIGNET_PG_PORT (55432), BENCH_PORT (5188), BENCH_BOTS (16), BENCH_SECONDS (30), BENCH_STALL_S (5),
#           BENCH_CONFIG (Release; Debug reuses a development build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${ALIGNET_PG_PORT:-55432}"
web_port="${BENCH_PORT:-5188}"
bots="${BENCH_BOTS:-16}"
seconds="${BENCH_SECONDS:-30}"
stall="${BENCH_STALL_S:-5}"
config="${BENCH_CONFIG:-Release}"
export ALIGNET_PG_PORT="$port"
work="$(mktemp -d)"
results="$root/.run/bench-faults"
mkdir -p "$results"
web_pid=""
stopped=""
cleanup() {
  [ -n "$stopped" ] && kill -CONT $stopped 2>/dev/null
  [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

deploy/db.sh start >/dev/null
admin_psql() { psql -h 127.0.0.1 -p "$port" -U alignet -v ON_ERROR_STOP=1 -qAt "$@"; }
admin_psql -d postgres -c "DROP DATABASE IF EXISTS alignet_faults WITH (FORCE)" -c "CREATE DATABASE alignet_faults"
export ConnectionStrings__AligNet="Host=127.0.0.1;Port=$port;Database=alignet_faults;Username=alignet;Maximum Pool Size=100"
export Stimuli__Root="$work/stimuli"
export Admin__Email="bench@alignet.local" Admin__Password="Bench-Admin-Password-1"
# All bots come from 127.0.0.1 and answer flat out: the rate limits would throttle them by design.
export Participants__RateLimits__PerAddressPerSecond=1000000 Participants__RateLimits__PerAddressBurst=1000000
export Participants__RateLimits__PerSessionPerSecond=1000000 Participants__RateLimits__PerSessionBurst=1000000

echo "Building ($config) ..." >&2
for p in src/AligNet.Web src/AligNet.Cli migrations/AligNet.Migrations; do dotnet build "$p" -c "$config" -nologo -clp:ErrorsOnly -v:q >&2; done
bin() { echo "$root/$1/bin/$config/net10.0"; }
alignet="$(bin src/AligNet.Cli)/alignet"
dotnet "$(bin migrations/AligNet.Migrations)/AligNet.Migrations.dll" >&2
"$alignet" seed-demo >&2

start_web() {
  (cd "$(bin src/AligNet.Web)" && exec dotnet AligNet.Web.dll --urls "http://127.0.0.1:$web_port" >>"$work/web.log" 2>&1) & web_pid=$!
}
healthy() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$web_port/health"; }
# Seconds from now until /health answers 200 (at most 120 s).
recovery() {
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 1200); do healthy && break; sleep 0.1; done
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)"
}
postmaster() { head -1 "$root/.pgdata/cluster/postmaster.pid"; }
stored() { admin_psql -d alignet_faults -c 'SELECT count(*) FROM alignet.responses'; }

start_web
for _ in $(seq 1 240); do healthy && break; sleep 0.5; done
healthy || { cat "$work/web.log" >&2; exit 1; }

fault_kill_web() {
  local t0; t0=$(date +%s.%N)
  kill -KILL "$web_pid"; wait "$web_pid" 2>/dev/null || true
  start_web
  for _ in $(seq 1 1200); do healthy && break; sleep 0.1; done
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)"
}
fault_restart_postgres() {
  local t0; t0=$(date +%s.%N)
  deploy/db.sh stop >/dev/null; deploy/db.sh start >/dev/null
  for _ in $(seq 1 1200); do healthy && break; sleep 0.1; done
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)"
}
fault_stall_postgres() {
  # Only this cluster's backends serving alignet_faults: children of our postmaster, picked by their title.
  local pm pids="" pid; pm="$(postmaster)"
  for pid in $(pgrep -P "$pm"); do
    grep -q "alignet_faults" "/proc/$pid/cmdline" 2>/dev/null && pids="$pids $pid"
  done
  stopped="$pids"
  local t0; t0=$(date +%s.%N)
  [ -n "$pids" ] && kill -STOP $pids
  sleep "$stall"
  [ -n "$pids" ] && kill -CONT $pids
  stopped=""
  for _ in $(seq 1 1200); do healthy && break; sleep 0.1; done
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} (stall {sys.argv[3]} s, {sys.argv[4]} backends)')" "$t0" "$(date +%s.%N)" "$stall" "$(echo $pids | wc -w)"
}

run() { # label fault-function
  echo "run $1: $bots bots flat out for $seconds s, fault at 10 s ..." >&2
  "$alignet" bots --url "http://127.0.0.1:$web_port" --study demo --participants "$bots" --think-ms 0 \
    --duration-s "$seconds" --concurrency-ramp-s 2 --json >"$results/run-$1.json" &
  local bots_pid=$!
  # The fault comes 10 s after the bots' first stored answer: a loaded machine can take that long to start them.
  local before; before="$(stored)"
  for _ in $(seq 1 600); do [ "$(stored)" -gt "$before" ] && break; sleep 0.2; done
  sleep 10
  "$2" >"$results/recovery-$1.txt"
  wait "$bots_pid" || true
  uptime >"$results/load-$1.txt"
}
run kill-web fault_kill_web
run restart-postgres fault_restart_postgres
run stall-postgres fault_stall_postgres
grep -c "Unhandled exception\|fail: Microsoft.AspNetCore.Server.Kestrel\|An unhandled exception" "$work/web.log" >"$results/unhandled.txt" || true

python3 - "$results" <<'PY'
import json, sys
work = sys.argv[1]
print("| fault | answer attempts | acknowledged | stored | lost | trials answered twice | 500s | 503s | other errors seen by bots | recovery (s) | load average |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for label in ["kill-web", "restart-postgres", "stall-postgres"]:
    try:
        r = json.load(open(f"{work}/run-{label}.json"))
    except (OSError, ValueError):
        print(f"| {label} | (no report) |"); continue
    d = r.get("database") or {}
    errors = r.get("errors", {})
    other = ", ".join(f"{k} ×{v}" for k, v in errors.items() if k not in ("500", "503")) or "none"
    attempts = r["client_latency_ms"].get("response", {}).get("count", "–")
    rec = open(f"{work}/recovery-{label}.txt").read().strip()
    load = open(f"{work}/load-{label}.txt").read().split("load average:")[-1].strip()
    print(f"| {label} | {attempts} | {r['responses_acknowledged']:,} | {d.get('stored', '–')} | {d.get('lost', '–')} | {d.get('duplicate_trials', '–')} | {errors.get('500', 0)} | {errors.get('503', 0)} | {other} | {rec} | {load} |")
print(f"\nUnhandled exceptions in the web log: {open(f'{work}/unhandled.txt').read().strip() or '0'}")
PY
