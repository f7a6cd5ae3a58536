#!/usr/bin/env bash
# Student training throughput: the trainable TorchSharp ResNet18 (forward + backward + Adam, batch 32, 224², all
# stages trained and layer4 only on the cached prefix) and the embedding-level student (the product's StudentTrainer,
# 512 triplets a step over 1,854 × 512 features) against the same network, weights and steps in Debian's PyTorch
# (benchmarks/students_pytorch.py). Interleaved: each repetition runs every mode on both engines back to back; every
# process times only the steps after its warm-up steps (the embedding loop: all 20, as the trainer reports them). Both get 2 threads (OMP/MKL/OpenBLAS) and the same glibc allocator tuning (what
# NativeMemoryTuning applies inside the .NET process, given to both through GLIBC_TUNABLES). The peer uses OpenBLAS
# (libopenblas0-pthread, unpacked into a temporary folder, nothing installed), as benchmarks/teacher.sh does. ResNet modes
# run the peer twice: as written, and with --same-work (the fold, in-place ReLU and channels-last of ADR-030).
# Usage: benchmarks/students.sh [--reps 5] 2> raw.jsonl.log      Needs: python3-torch (apt). Figures: benchmarks/README.md.
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
export GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=18446744073709551615 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
PY=(env LD_LIBRARY_PATH="$WORK/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread" "$PYTHON" benchmarks/students_pytorch.py)
# Timed steps after one warm-up: 3 for all stages (a single timed step, as before 2026-11-30 evening, swung 0.37–0.89×).
MODES=("resnet --train-from all --steps 3 --warmup 1" "resnet --train-from layer4 --steps 5 --warmup 1" "embedding --steps 20")
one() {
  # shellcheck disable=SC2086
  case "$2" in
    ts) out=$("${TS[@]}" $3 --threads 2 | tail -1) ;;
    py) out=$("${PY[@]}" $3 --graph "$WORK/graph" --threads 2 | tail -1) ;;
    # The peer doing the same less work as the TorchSharp side (ADR-030: Conv+BatchNorm folded, ReLU in place,
    # channels-last when every stage trains): ResNet modes only, reported as engine "pytorch-same-work".
    pysame) out=$("${PY[@]}" $3 --graph "$WORK/graph" --threads 2 --same-work | tail -1 | sed 's/"engine": "pytorch"/"engine": "pytorch-same-work"/') ;;
  esac
  echo "{\"round\": \"$1\", \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"result\": $out}"
}
run_round() {
  # Odd repetitions run TorchSharp first, even ones the peers first, so a load that rises or falls during a round
  # favours neither side (the ratio within a round is what counts).
  for mode in "${MODES[@]}"; do
    local engines=(ts py)
    [[ "$mode" == resnet* ]] && engines+=(pysame)
    if (( $1 % 2 == 0 )); then engines=("${engines[@]:1}" ts); fi
    for engine in "${engines[@]}"; do one "$1" "$engine" "$mode"; done
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
print(f"# {len(rows) // 8} interleaved repetitions; 1-min load average during the runs {min(loads):.1f}–{max(loads):.1f}")
paired = {}
for r in rows:   # the ratio within each repetition: TorchSharp ÷ PyTorch, same mode, back to back
    paired.setdefault((r["result"]["mode"], r["round"]), {})[r["result"]["engine"]] = r["result"]
print("| mode | unit | TorchSharp median (min–max) | peer | peer median (min–max) | ratio of medians | paired ratio median (min–max) |")
print("|---|---|---|---|---|---|---|")
f = lambda v, d=1: f"{statistics.median(v):,.{d}f} ({min(v):,.{d}f}–{max(v):,.{d}f})"
for mode in ["resnet-all", "resnet-layer4", "embedding"]:
    ts = by[(mode, "torchsharp")]
    unit = "triplets/s" if mode == "embedding" else "images/s"
    for peer in ["pytorch", "pytorch-same-work"]:
        if (mode, peer) not in by:
            continue
        py = by[(mode, peer)]
        ratios = [p["torchsharp"]["rate"] / p[peer]["rate"] for (m, _), p in paired.items() if m == mode and "torchsharp" in p and peer in p]
        print(f"| {mode} | {unit} | {f(ts)} | {peer} | {f(py)} | {statistics.median(ts) / statistics.median(py):.2f}× | {f(ratios, 2)} |")
print()
print("| mode | engine | forward s/step | backward s/step | Adam s/step | minor faults/step |")
print("|---|---|---|---|---|---|")
for mode in ["resnet-all", "resnet-layer4"]:
    for engine in ["torchsharp", "pytorch", "pytorch-same-work"]:
        rs = [r["result"] for r in rows if r["result"]["mode"] == mode and r["result"]["engine"] == engine]
        ph = lambda k: statistics.median(r["seconds_per_step"][k] for r in rs)
        print(f"| {mode} | {engine} | {ph('forward'):.2f} | {ph('backward'):.2f} | {ph('adam'):.2f} | {statistics.median(r['minor_faults_per_step'] for r in rs):,.0f} |")
PY
