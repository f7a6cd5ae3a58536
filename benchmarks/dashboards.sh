#!/usr/bin/env bash
# Dashboard benchmark (issue 16): 1,000,000 responses in one open study (30 days, two levels, 2 repeat probes per
# session; an adaptive study: arms, 30 teachers, 2,000 runs), then every dashboard query of Home, Collection, Models,
# Runs and Sampling timed, and each page as the sum of its queries: 1 warm-up + ROUNDS interleaved rounds, median and range.
# ADR-024: the queries run once before any fold (every response is "tail"), then after the first fold, which stops
# short of the newest 1,500 responses (a minute of answers at 25/s, or a second at the 1,500/s peak: the tail the page
# reads live), then with 40 sessions' QC changed and not folded yet; each fold is timed.
#   benchmarks/dashboards.sh [N] [ROUNDS]      (default N = 1000000, ROUNDS = 5; database "alignet_bench_dash")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-1000000}"
rounds="${2:-5}"
deploy/db.sh start >/dev/null
port="${ALIGNET_PG_PORT:-55432}"
export PGPASSWORD="$(cat "$root/.pgdata/alignet.password")"
psql -h 127.0.0.1 -p "$port" -U alignet -d postgres -qc "DROP DATABASE IF EXISTS alignet_bench_dash WITH (FORCE)" -c "CREATE DATABASE alignet_bench_dash"
export ConnectionStrings__AligNet="Host=127.0.0.1;Port=$port;Database=alignet_bench_dash;Username=alignet;Password=$PGPASSWORD;Command Timeout=0"
dotnet build benchmarks/AligNet.Benchmarks -c Release -nologo -clp:ErrorsOnly -v:q
bench="dotnet benchmarks/AligNet.Benchmarks/bin/Release/net10.0/AligNet.Benchmarks.dll"
$bench seed-responses "$count"
$bench dashboards-shape
$bench dashboards-adaptive
echo "## before any fold"; $bench dashboards "$rounds"
echo "## first fold, all but the newest 1,500"; $bench dashboards-tail 1500
echo "## aggregates + tail of 1,500"; $bench dashboards "$rounds"
echo "## QC of 40 sessions changed"; $bench dashboards-flip 40; $bench dashboards "$rounds"
echo "## fold again"; $bench dashboards-fold
