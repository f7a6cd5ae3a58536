#!/usr/bin/env bash
# Teacher training throughput: AligNet's TorchSharp trainer vs the same objective in PyTorch (teacher_pytorch.py),
# on CLIP ViT-B/32 embeddings of THINGS and test_10_ID.txt minus the item sets of test_10.txt / test_triplets.tsv.
# Usage: [REPS=5] benchmarks/teacher.sh [--steps 200]   (PyTorch: Debian's python3-torch under /usr/bin/python3, or PYTHON=…;
# OpenBLAS from libopenblas0-pthread, unpacked into a temporary folder, nothing installed system-wide)
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=200
[[ "${1:-}" == "--steps" ]] && STEPS="$2"
THINGS="${ALIGNET_SHARED_DATA:-../shared/data}/things"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
python3 benchmarks/things_training_triplets.py "$THINGS" "$WORK/train.txt"
head -n $((STEPS * 256)) "$WORK/train.txt" > "$WORK/bench.txt"
dotnet build src/AligNet.Cli -c Release -v q -nologo > /dev/null
CLI=(dotnet src/AligNet.Cli/bin/Release/net10.0/alignet.dll teacher train --embeddings "$THINGS/clip_vit_b32_things_order.npy"
     --triplets "$WORK/bench.txt" --format odd-last --epochs 1 --lambda 0.1 --cpu --out "$WORK/model" --json)
rate() { python3 -c 'import json,sys; print(round(json.load(sys.stdin)["triplets_per_second"]))'; }
OPENBLAS="$WORK/openblas"
( cd "$WORK" && apt-get download libopenblas0-pthread > /dev/null 2>&1 && dpkg -x libopenblas0-pthread*.deb "$OPENBLAS" )
PEER=("${PYTHON:-/usr/bin/python3}" benchmarks/teacher_pytorch.py --embeddings "$THINGS/clip_vit_b32_things_order.npy" --triplets "$WORK/bench.txt" --steps $((STEPS * 8 / 10)))
LIB="$OPENBLAS/usr/lib/x86_64-linux-gnu/openblas-pthread"
# Fair by construction: both sides get the same allocator tuning (what NativeMemoryTuning does inside the .NET process,
# given to Python through GLIBC_TUNABLES), 2 threads, and run interleaved, REPS times after one warm-up round.
# (Debian's reference BLAS, 180 triplets/s before, is left out: one run of it outlasts all the others together.)
export GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=18446744073709551615 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
REPS="${REPS:-5}"
: > "$WORK/rates.txt"
for rep in $(seq 0 "$REPS"); do
  ts=$("${CLI[@]}" 2>/dev/null | rate)
  ob1=$(LD_LIBRARY_PATH="$LIB" "${PEER[@]}" --threads 1 | rate)
  ob2=$(LD_LIBRARY_PATH="$LIB" "${PEER[@]}" --threads 2 | rate)
  # The peer given TeacherFit's "less work" too (base cosines once per pool, ADR-025), 1 torch thread (its best).
  obc=$(LD_LIBRARY_PATH="$LIB" "${PEER[@]}" --threads 1 --cache-base-cosines | rate)
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "round $rep (load $load): TorchSharp $ts, PyTorch OpenBLAS torch 1 thread $ob1, torch 2 threads $ob2, 1 thread + cached base cosines $obc" >&2
  [ "$rep" -gt 0 ] && echo "$ts $ob1 $ob2 $load $obc" >> "$WORK/rates.txt"   # round 0 is the warm-up
done
echo "# $(date -u +%FT%TZ), $(nproc) cores, $REPS interleaved repetitions after a warm-up round, $((STEPS * 8 / 10)) timed steps each"
echo "# .NET $(dotnet --version), TorchSharp $(grep -o "<TorchSharpVersion>[^<]*" Directory.Packages.props | cut -d">" -f2); PyTorch $("${PYTHON:-/usr/bin/python3}" -c "import torch; print(torch.__version__)") with OpenBLAS $(dpkg-deb -f "$WORK"/libopenblas0-pthread*.deb Version)"
python3 - "$WORK/rates.txt" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
cols = list(zip(*rows))
f = lambda v: f"{statistics.median(v):,.0f} ({min(v):,.0f}–{max(v):,.0f})"
print(f"# 1-min load average at the end of each round: {min(cols[3]):.1f}–{max(cols[3]):.1f}")
g = lambda v: f"{statistics.median(v):.2f} ({min(v):.2f}–{max(v):.2f})"
print("| engine (same GLIBC_TUNABLES, 2 threads) | triplets/s, median (min–max) | TorchSharp ÷ this, of medians | paired per round, median (min–max) |")
print("|---|---|---|---|")
print(f"| TorchSharp (alignet teacher train; base cosines cached, ADR-025) | {f(cols[0])} | | |")
for c, name in [(1, "PyTorch, OpenBLAS 2 threads, torch 1 thread"), (2, "PyTorch, OpenBLAS 2 threads, torch 2 threads"),
                (4, "PyTorch, torch 1 thread, base cosines cached too")]:
    print(f"| {name} | {f(cols[c])} | {statistics.median(cols[0]) / statistics.median(cols[c]):.2f}× | {g([r[0] / r[c] for r in rows])} |")
PY
