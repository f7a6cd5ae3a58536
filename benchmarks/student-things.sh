#!/usr/bin/env bash
# The THINGS student experiment of docs/guide/image-students.md: CLIP ViT-B/32 → teacher (test_10_ID.txt minus the item
# sets of test_10.txt and test_triplets.tsv) → AligNet data and its UnAligNet twin over the 1,854 concepts (held-out
# item sets excluded) → an embedding-level student on each → `alignet eval` of CLIP, teacher and both students on
# test_10.txt. Run under `nice`; minutes on 2 idle cores, far longer on a loaded machine.
#   benchmarks/student-things.sh [OUT_DIR]
# Settings: TEACHER_ARGS (default: the full λ grid with early stopping, the run reported; "--lambda 1 --epochs 2
# --local-batch 256" for the short teacher of the first run), COUNT (300000),
# STEPS (200), BATCH (4096), LR (2e-3).
set -euo pipefail
cd "$(dirname "$0")/.."
THINGS="${ALIGNET_SHARED_DATA:-../shared/data}/things"
OUT="${1:-$(mktemp -d)}"
COUNT="${COUNT:-300000}"; STEPS="${STEPS:-200}"; BATCH="${BATCH:-4096}"; LR="${LR:-2e-3}"
TEACHER_ARGS="${TEACHER_ARGS:---local-batch 1024}"
mkdir -p "$OUT"
dotnet build src/AligNet.Cli -c Release -v q -nologo > /dev/null
alignet() { dotnet src/AligNet.Cli/bin/Release/net10.0/alignet.dll "$@"; }
E="$THINGS/clip_vit_b32_things_order.npy"

if [ ! -f "$OUT/teacher/manifest.json" ]; then
  python3 benchmarks/things_training_triplets.py "$THINGS" "$OUT/train.txt"
  # shellcheck disable=SC2086
  alignet teacher train --embeddings "$E" --triplets "$OUT/train.txt" --format odd-last --seed 42 $TEACHER_ARGS --out "$OUT/teacher" --json > "$OUT/teacher.json"
fi
python3 benchmarks/things_heldout_item_sets.py "$THINGS" "$OUT/heldout.txt"

# The same triplets (same seed, pool, teacher clusters and exclusions), labelled by the teacher and by CLIP itself.
for kind in aligned unaligned; do
  flag=""; [ "$kind" = unaligned ] && flag="--unaligned"
  alignet generate --model "$OUT/teacher" --embeddings "$E" --count "$COUNT" --validation 5000 --seed 42 \
    --exclude-triplets "$OUT/heldout.txt" $flag --out "$OUT/data-$kind" --json > "$OUT/generate-$kind.json"
done

# τ_s = the base model's own temperature (the teacher's manifest records it): the identity head starts as calibrated CLIP.
TAU=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['test_metrics']['base_calibrated']['temperature'])" "$OUT/teacher/manifest.json")
for kind in aligned unaligned; do
  alignet student train --embeddings "$E" --data "$OUT/data-$kind" --tau "$TAU" --steps "$STEPS" --batch "$BATCH" \
    --learning-rate "$LR" --validate-every 50 --checkpoint-every 50 --seed 42 --out "$OUT/student-$kind" --json > "$OUT/student-$kind.json"
  alignet student embed --model "$OUT/student-$kind" --embeddings "$E" --out "$OUT/student-$kind.npy"
done

score() { python3 -c "import json,sys; r=json.load(sys.stdin); print(f\"accuracy {r['accuracy']:.4f}  nll {r['nll']:.4f}\")"; }
echo "== test_10.txt (50,000 triplets, odd-last)"
printf '%-22s' "CLIP ViT-B/32 (cosine)"; alignet eval --embeddings "$E" --triplets "$THINGS/test_10.txt" --format odd-last --similarity cosine --json | score
printf '%-22s' "teacher";                alignet teacher eval --model "$OUT/teacher" --embeddings "$E" --triplets "$THINGS/test_10.txt" --format odd-last --json | score
for kind in aligned unaligned; do
  printf '%-22s' "student ($kind)"; alignet eval --embeddings "$OUT/student-$kind.npy" --triplets "$THINGS/test_10.txt" --format odd-last --similarity dot --temperature "$TAU" --json | score
done
echo "outputs in $OUT"
