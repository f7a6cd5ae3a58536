#!/usr/bin/env bash
# The demo-photograph student experiment (issue 12): the 307 Tux Paint photographs of the demo set (the selection of
# DemoStimulusSource), simulated judgments as the human data (`alignet simulate`: the bots' CategoryOracle on the
# category paths, 10 % noise), 80 % of the distinct triplets to the teacher and 20 % held out; AligNet data and its
# UnAligNet twin over the photographs (held-out item sets excluded); image students (trainable ResNet18, layer4 and a
# linear head trained on the CPU, frozen prefix cached on disk); then every model scored on the held-out judgments.
#   benchmarks/student-demo.sh [OUT_DIR]        Run under nice; long on a loaded machine (the layer4 steps dominate).
# Settings: TRIPLETS (6000), COUNT (20000), VALIDATION (500), STEPS (20), BATCH (16), LR (3e-4), TRAIN_FROM (layer4),
# TEACHER_ARGS (default: the teacher's own defaults, the full λ grid), VALIDATE_EVERY (STEPS), CHECKPOINT_EVERY (5), ALIGNET_DLL (a prebuilt
# alignet.dll copied out of the tree, so that a rebuild of the worktree during a long run cannot swap it mid-run).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-$(mktemp -d)}"; STAMPS=/usr/share/tuxpaint/stamps
TRIPLETS="${TRIPLETS:-6000}"; COUNT="${COUNT:-20000}"; STEPS="${STEPS:-20}"; BATCH="${BATCH:-16}"; LR="${LR:-3e-4}"; TRAIN_FROM="${TRAIN_FROM:-layer4}"
TEACHER_ARGS="${TEACHER_ARGS:-}"; VALIDATION="${VALIDATION:-500}"
mkdir -p "$OUT"
VALIDATE_EVERY="${VALIDATE_EVERY:-$STEPS}"; CHECKPOINT_EVERY="${CHECKPOINT_EVERY:-5}"
if [ -z "${ALIGNET_DLL:-}" ]; then
  dotnet build src/AligNet.Cli -c Release -v q -nologo > /dev/null; ALIGNET_DLL=src/AligNet.Cli/bin/Release/net10.0/alignet.dll
fi
alignet() { dotnet "$ALIGNET_DLL" "$@"; }

# The demo set's photographs and category paths, in its order (DemoStimulusSource.Find: drawings skipped).
python3 - "$STAMPS" "$OUT" <<'PY'
import os, sys
root, out = sys.argv[1], sys.argv[2]
drawings = {"cartoon", "symbols", "seasonal", "military", "naturalforces", "space", "town"}
items = []
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".png"): continue
        rel = os.path.relpath(os.path.join(d, f), root)
        parts, stem = rel.split(os.sep), f[:-4]
        if any(p.lower() in drawings for p in parts) or stem.endswith(("_mirror", "_thumb")) or os.path.exists(os.path.join(d, stem + ".svg")): continue
        if len(parts) > 1: items.append(("/".join(parts[:-1]), os.path.join(root, rel), rel))
items.sort(key=lambda t: (t[0], t[1]))
open(f"{out}/images.txt", "w").write("".join(r + "\n" for _, _, r in items))
open(f"{out}/hierarchy.txt", "w").write("".join(c + "\n" for c, _, _ in items))
print(f"{len(items)} photographs")
PY
[ -f "$OUT/base.npy" ] || alignet student embed --base --images "$STAMPS" --image-list "$OUT/images.txt" --out "$OUT/base.npy"
alignet simulate --hierarchy "$OUT/hierarchy.txt" --triplets "$TRIPLETS" --noise 0.1 --seed 1 --out "$OUT/human.txt" > /dev/null
# Distinct triplets, so a split by line is a split by item set; the held-out sets also go 0-based to --exclude-triplets.
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
rows = [l for l in open(f"{out}/human.txt") if l.strip() and not l.startswith("#")]
cut = len(rows) * 8 // 10
open(f"{out}/human-train.txt", "w").writelines(rows[:cut])
open(f"{out}/human-test.txt", "w").writelines(rows[cut:])
open(f"{out}/heldout.txt", "w").writelines(" ".join(str(int(v) - 1) for v in r.split()[:3]) + "\n" for r in rows[cut:])
PY
# shellcheck disable=SC2086
[ -f "$OUT/teacher/manifest.json" ] || alignet teacher train --embeddings "$OUT/base.npy" --triplets "$OUT/human-train.txt" --format choice --seed 42 $TEACHER_ARGS --out "$OUT/teacher" --json > "$OUT/teacher.json"
for kind in aligned unaligned; do
  flag=""; [ "$kind" = unaligned ] && flag="--unaligned"
  # shellcheck disable=SC2086
  alignet generate --model "$OUT/teacher" --embeddings "$OUT/base.npy" --count "$COUNT" --validation "$VALIDATION" --seed 42 \
    --exclude-triplets "$OUT/heldout.txt" $flag --out "$OUT/data-$kind" --json > "$OUT/generate-$kind.json"
done
# τ_s: the base model's calibrated temperature is for cosines; the student compares dot products, which are ‖x‖² times
# larger on average, so τ_s = T_base · mean ‖x‖² makes the untrained student the calibrated base model.
TAU=$(/usr/bin/python3 -c "
import json, sys, numpy as np
x = np.load(sys.argv[2]); t = json.load(open(sys.argv[1]))['test_metrics']['base_calibrated']['temperature']
print(t * float((x * x).sum(1).mean()))" "$OUT/teacher/manifest.json" "$OUT/base.npy")
for kind in aligned unaligned; do
  alignet student train --images "$STAMPS" --image-list "$OUT/images.txt" --embeddings "$OUT/base.npy" --data "$OUT/data-$kind" \
    --train-from "$TRAIN_FROM" --linear-head --tau "$TAU" --steps "$STEPS" --batch "$BATCH" --learning-rate "$LR" --validate-every "$VALIDATE_EVERY" \
    --checkpoint-every "$CHECKPOINT_EVERY" --seed 42 --cache-dir "$OUT/cache" --out "$OUT/student-$kind" --json > "$OUT/student-$kind.json"
  alignet student embed --model "$OUT/student-$kind" --images "$STAMPS" --image-list "$OUT/images.txt" --cache-dir "$OUT/cache" --out "$OUT/student-$kind.npy"
done

score() { python3 -c "import json,sys; r=json.load(sys.stdin); print(f\"accuracy {r['accuracy']:.4f}  nll {r['nll']:.4f}\")"; }
T="$OUT/human-test.txt"
echo "== held-out simulated judgments: $(wc -l < "$T") triplets (choice format); τ_s = $TAU, $STEPS steps × $BATCH triplets, from $TRAIN_FROM"
printf '%-30s' "base ResNet18 (cosine)"; alignet eval --embeddings "$OUT/base.npy" --triplets "$T" --format choice --similarity cosine --json | score
printf '%-30s' "base ResNet18 (dot, τ_s)"; alignet eval --embeddings "$OUT/base.npy" --triplets "$T" --format choice --similarity dot --temperature "$TAU" --json | score
printf '%-30s' "teacher"; alignet teacher eval --model "$OUT/teacher" --embeddings "$OUT/base.npy" --triplets "$T" --format choice --json | score
for kind in aligned unaligned; do
  printf '%-30s' "student $kind (dot, τ_s)"; alignet eval --embeddings "$OUT/student-$kind.npy" --triplets "$T" --format choice --similarity dot --temperature "$TAU" --json | score
  printf '%-30s' "student $kind (cosine)"; alignet eval --embeddings "$OUT/student-$kind.npy" --triplets "$T" --format choice --similarity cosine --json | score
done
echo "outputs in $OUT"
