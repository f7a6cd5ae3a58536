#!/usr/bin/env bash
# Export benchmark: 1,000,000 responses to CSV, Parquet and odd-last triplets, each in a process of its own
# (peak memory = that export's), beside PostgreSQL's own COPY … TO CSV of the same join as the ceiling.
#   benchmarks/export.sh [N]      (default N = 1000000; a database "alignet_bench" on the private cluster)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-1000000}"
deploy/db.sh start >/dev/null
port="${ALIGNET_PG_PORT:-55432}"
# deploy/db.sh requires a password over TCP; psql and pgbench read it from PGPASSWORD.
export PGPASSWORD="$(cat "$(dirname "$0")/../.pgdata/alignet.password")"
psql -h 127.0.0.1 -p "$port" -U alignet -d postgres -qc "DROP DATABASE IF EXISTS alignet_bench WITH (FORCE)" -c "CREATE DATABASE alignet_bench"
export ConnectionStrings__AligNet="Host=127.0.0.1;Port=$port;Database=alignet_bench;Username=alignet;Password=$PGPASSWORD"
dotnet build benchmarks/AligNet.Benchmarks -c Release -nologo -clp:ErrorsOnly -v:q
bench="dotnet benchmarks/AligNet.Benchmarks/bin/Release/net10.0/AligNet.Benchmarks.dll"
out="$(mktemp -d)"
$bench seed-responses "$count"
echo "| export | rows | time | throughput | peak memory (process) | file |"
echo "|---|---|---|---|---|---|"
$bench copy-csv "$out/copy.csv"
$bench export csv "$out/responses.csv"
$bench export parquet "$out/responses.parquet"
$bench export odd-last "$out/responses.txt"
rm -rf "$out"
