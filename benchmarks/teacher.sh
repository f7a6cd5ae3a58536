#!/usr/bin/env bash
# Teacher training throughput: AligNet's TorchSharp trainer vs the same objective in PyTorch (teacher_pytorch.py),
# on CLIP ViT-B/32 embeddings of THINGS and test_10_ID.txt minus the item sets of test_10.txt / test_triplets.tsv.
# Usage: benchmarks/teacher.sh [--steps 200]   (PyTorch: Debian's python3-torch under /usr/bin/python3, or PYTHON=…;
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
# Only the training steps are timed on both sides (80% of the item sets train; validation is not counted).
ts_default=$("${CLI[@]}" 2>/dev/null | rate)
ts_tuned=$(GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4000000000 "${CLI[@]}" 2>/dev/null | rate)
OPENBLAS="$WORK/openblas"
( cd "$WORK" && apt-get download libopenblas0-pthread > /dev/null 2>&1 && dpkg -x libopenblas0-pthread*.deb "$OPENBLAS" )
PEER=("${PYTHON:-/usr/bin/python3}" benchmarks/teacher_pytorch.py --embeddings "$THINGS/clip_vit_b32_things_order.npy" --triplets "$WORK/bench.txt" --steps $((STEPS * 8 / 10)))
LIB="$OPENBLAS/usr/lib/x86_64-linux-gnu/openblas-pthread"
py_ref=$("${PEER[@]}" --threads 2 | rate)
py_ob1=$(LD_LIBRARY_PATH="$LIB" OPENBLAS_NUM_THREADS=2 "${PEER[@]}" --threads 1 | rate)
py_ob2=$(LD_LIBRARY_PATH="$LIB" OPENBLAS_NUM_THREADS=2 "${PEER[@]}" --threads 2 | rate)
printf '| engine | triplets/s |\n|---|---|\n'
printf '| TorchSharp (alignet teacher train; keeps freed memory itself, NativeMemoryTuning) | %s |\n' "$ts_default"
printf '| TorchSharp, GLIBC_TUNABLES set as well (no further change expected) | %s |\n' "$ts_tuned"
printf '| PyTorch %s, reference BLAS, 2 threads | %s |\n' "$("${PYTHON:-/usr/bin/python3}" -c "import torch; print(torch.__version__)")" "$py_ref"
printf '| PyTorch, OpenBLAS 2 threads, torch 1 thread | %s |\n' "$py_ob1"
printf '| PyTorch, OpenBLAS 2 threads, torch 2 threads | %s |\n' "$py_ob2"
