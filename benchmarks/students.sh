#!/usr/bin/env bash
# Student training throughput: the trainable TorchSharp ResNet18 (forward + backward + Adam, batch 32, 224², all
# stages trained and layer4 only on the cached prefix) and the embedding-level student (the product's StudentTrainer,
# 512 triplets a step over 1,854 × 512 features) against the same network, weights and steps in Debian's PyTorch
# (benchmarks/students_pytorch.py). Interleaved: each repetition runs every mode on both engines back to back; every
# process times only the steps after its warm-up steps (the embedding loop: all 20, as the trainer reports them). Both get 2 threads (OMP/MKL/OpenBLAS) and the same glibc allocator tuning (what
# NativeMemoryTuning applies inside the .NET process, given to both through GLIBC_TUNABLES). The peer uses OpenBLAS
# (libopenblas0-pthread, unpacked into a temporary folder, nothing installed), as benchmarks/teacher.sh does.
# Usage: benchmarks/students.sh [--reps 5]      Needs: python3-torch (apt). Figures: benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=5
[[ "${1:-}" == "--reps" ]] && REPS="$2"
PYTHON="${PYTHON:-/usr/bin/python3}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
dotnet build benchmarks/AligNet.Benchmarks.Students -c Release -v q -nologo -clp:ErrorsOnly >&2
TS=(dotnet benchmarks/AligNet.Benchmarks.Students/bin/Release/net10.0/AligNet.Benchmarks.Students.dll)
"${TS[@]}" export "$WORK/graph"
( cd "$WORK" && apt-get download libopenblas0-pthread > /dev/null 2>&1 && dpkg -x libopenblas0-pthread*.deb "$WORK/openblas" )
export GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
PY=(env LD_LIBRARY_PATH="$WORK/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread" "$PYTHON" benchmarks/students_pytorch.py)
MODES=("resnet --train-from all --steps 1 --warmup 1" "resnet --train-from layer4 --steps 3 --warmup 1" "embedding --steps 20")
run_round() {
  for mode in "${MODES[@]}"; do
    # shellcheck disable=SC2086
    echo "{\"round\": \"$1\", \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"result\": $("${TS[@]}" $mode --threads 2 | tail -1)}"
    # shellcheck disable=SC2086
    echo "{\"round\": \"$1\", \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"result\": $("${PY[@]}" $mode --graph "$WORK/graph" --threads 2 | tail -1)}"
  done
}
for rep in $(seq 1 "$REPS"); do run_round "$rep" | tee -a "$WORK/results.jsonl" >&2; done
echo "# $(date -u +%FT%TZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# .NET $(dotnet --version), TorchSharp $(grep -o "<TorchSharpVersion>[^<]*" Directory.Packages.props | cut -d">" -f2) (libtorch with MKL/oneDNN)"
echo "# PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)') (Debian python3-torch), BLAS: OpenBLAS $(dpkg-deb -f "$WORK"/libopenblas0-pthread*.deb Version) pthread"
"$PYTHON" - "$WORK/results.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {}
for r in rows:
    by.setdefault((r["result"]["mode"], r["result"]["engine"]), []).append(r["result"]["rate"])
loads = [float(r["load"].split()[0]) for r in rows]
print(f"# {len(rows) // 6} interleaved repetitions; 1-min load average during the runs {min(loads):.1f}–{max(loads):.1f}")
print("| mode | unit | TorchSharp median (min–max) | PyTorch median (min–max) | ratio |")
print("|---|---|---|---|---|")
for mode in ["resnet-all", "resnet-layer4", "embedding"]:
    ts, py = by[(mode, "torchsharp")], by[(mode, "pytorch")]
    unit = "triplets/s" if mode == "embedding" else "images/s"
    f = lambda v: f"{statistics.median(v):,.1f} ({min(v):,.1f}–{max(v):,.1f})"
    print(f"| {mode} | {unit} | {f(ts)} | {f(py)} | {statistics.median(ts) / statistics.median(py):.2f}× |")
PY
