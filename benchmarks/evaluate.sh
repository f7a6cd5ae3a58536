#!/usr/bin/env bash
# Benchmark of `alignet evaluate` on 1 M synthetic responses over the THINGS items (see evaluate_inputs.py), bootstrap
# included, interleaved with the plain `alignet eval` (no levels, no intervals) on the same file as the reference.
# Usage: benchmarks/evaluate.sh [--shape levels|things] [--reps 5] [--bootstrap 1000]
# Prints one line per run (wall s, peak RSS MiB, load average before the run) and the median and spread per command.
set -euo pipefail
cd "$(dirname "$0")/.."
shape=levels; reps=5; bootstrap=1000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shape) shape="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --bootstrap) bootstrap="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
things="${ALIGNET_SHARED_DATA:-$(pwd)/../shared/data}/things"
work="${TMPDIR:-/tmp}/alignet-evaluate-bench"
mkdir -p "$work"
input="$work/$shape.txt"
[[ -f "$input" ]] || python3 benchmarks/evaluate_inputs.py --shape "$shape" --out "$input"
dotnet build src/AligNet.Cli -c Release -v q -nologo > "$work/build.log" || { cat "$work/build.log"; exit 1; }
cli="src/AligNet.Cli/bin/Release/net10.0/alignet.dll"
common=(--embeddings "$things/spose49_embedding_things_order.npy" --triplets "$input" --format odd-last)
evaluate=(evaluate "${common[@]}" --categories "$things/category_mat_manual.tsv" --bootstrap "$bootstrap" --json)
plain=(eval "${common[@]}" --json)

run() { # label, args…
  local label="$1"; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M" -o "$work/time" dotnet "$cli" "$@" > "$work/out.json"
  read -r wall rss < "$work/time"
  printf '%-9s wall %6.1f s  peak %5d MiB  load %s\n' "$label" "$wall" $((rss / 1024)) "$load"
  echo "$label $wall $((rss / 1024))" >> "$work/results"
}

echo "shape $shape, $(wc -l < "$input") responses, bootstrap $bootstrap, $(nproc) cores, dotnet $(dotnet --version)"
run warmup "${evaluate[@]}"
: > "$work/results"
for ((r = 1; r <= reps; r++)); do
  run evaluate "${evaluate[@]}"
  run eval "${plain[@]}"
done
python3 - "$work/results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for label in ("evaluate", "eval"):
    wall = sorted(float(r[1]) for r in rows if r[0] == label)
    rss = sorted(int(r[2]) for r in rows if r[0] == label)
    print(f"{label:9s} median {statistics.median(wall):.1f} s (min {wall[0]:.1f}, max {wall[-1]:.1f}), peak RSS median {statistics.median(rss)} MiB")
PY
