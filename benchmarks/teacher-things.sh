#!/usr/bin/env bash
# The THINGS teacher run of the README (≈ 15 min on 2 cores): CLIP ViT-B/32 → teacher trained on test_10_ID.txt minus
# every item set of test_10.txt and test_triplets.tsv, then scored on both held-out files.
#   benchmarks/teacher-things.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
THINGS="${ALIGNET_SHARED_DATA:-../shared/data}/things"
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
python3 benchmarks/things_training_triplets.py "$THINGS" "$OUT/train.txt"
dotnet build src/AligNet.Cli -c Release -v q -nologo > /dev/null
alignet() { dotnet src/AligNet.Cli/bin/Release/net10.0/alignet.dll "$@"; }
E="$THINGS/clip_vit_b32_things_order.npy"
alignet teacher train --embeddings "$E" --triplets "$OUT/train.txt" --format odd-last --seed 42 --out "$OUT/model" --json > "$OUT/train.json"
echo "== test_10.txt";       alignet teacher eval --model "$OUT/model" --embeddings "$E" --triplets "$THINGS/test_10.txt" --format odd-last --json
echo "== test_triplets.tsv"; alignet teacher eval --model "$OUT/model" --embeddings "$E" --triplets "$THINGS/test_triplets.tsv" --format choice --reorder "$THINGS/sortindex.txt" --json
echo "training report: $OUT/train.json"
