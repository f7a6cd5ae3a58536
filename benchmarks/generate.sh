#!/usr/bin/env bash
# AligNet data generation: 10,000,000 teacher-labelled triplets from a pool of 50,000 embeddings (512-d), k = 500,
# the default mixture, with `alignet generate` (Release) under /usr/bin/time -v: wall time, triplets/s, peak RSS.
# Inputs come from generate_inputs.py (standard library only): a clustered random float32 pool and a near-identity
# teacher artifact for 512 dimensions.
#   benchmarks/generate.sh [--count 10000000] [--rows 50000] [--threads 2]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=10000000 ROWS=50000 THREADS=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --rows) ROWS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
python3 benchmarks/generate_inputs.py "$WORK" --rows "$ROWS" --dims 512 --centres 500
dotnet build src/AligNet.Cli -c Release -v q -nologo -clp:ErrorsOnly > /dev/null
/usr/bin/time -v -o "$WORK/time.txt" dotnet src/AligNet.Cli/bin/Release/net10.0/alignet.dll generate \
  --model "$WORK/teacher" --embeddings "$WORK/pool.npy" --count "$COUNT" --clusters 500 --seed 1 --threads "$THREADS" \
  --out "$WORK/data" --json > "$WORK/result.json" 2> "$WORK/progress.txt"
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
python3 - "$WORK/result.json" "$wall" "$rss" "$COUNT" "$ROWS" "$(du -sm "$WORK/data" | cut -f1)" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
wall, rss, count, rows, size, load = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
print("| triplets | pool | wall time (process) | triplets/s (wall) | in-run time | peak RSS | shards on disk | k-means iterations | load average after |")
print("|---|---|---|---|---|---|---|---|---|")
print(f"| {r['train']:,} + {r['validation']:,} validation | {rows:,} × 512 | {wall:.1f} s | {count / wall:,.0f} | {r['seconds']:.1f} s | {rss / 1024:.0f} MiB | {size} MB | {r['clusters']['iterations']} | {load} |")
PY
if python3 -c 'import numpy' 2> /dev/null; then
  echo "NumPy is present; a NumPy peer is not scripted yet." >&2
else
  echo "No NumPy on this machine: no peer run (see benchmarks/README.md)." >&2
fi
