#!/usr/bin/env bash
# The evaluation report in one command: on the demo photographs and on the emoji sets, with simulated judgments
# (alignet simulate: the bots' category oracle), base ResNet18 vs a teacher trained on those judgments, side by side
# with bootstrap intervals: agreement per level, few-shot, BREEDS-style, retention, style shift (emoji: probe fitted
# on openmoji, tested on the other renderings) and corruptions. Prints markdown tables (benchmarks/report_tables.py);
# the JSON of each `alignet evaluate` stays in the work folder.
# Usage: benchmarks/report.sh [--work DIR] [--demo-corruptions LIST] [--emoji-corruptions LIST|none] [--per-subgroup 8]
#                             [--triplets 4000] [--repeats 3] [--noise 0.1] [--bootstrap 1000] [--seeds 5]
#                             [--epochs 3] [--lambda "0.1"]   (teacher training: few epochs, one λ, for 2 busy cores)
# Needs the demo photographs (deploy/prerequisites.sh) and npm for the emoji packages (deploy/emoji.sh --no-import).
# Long (ResNet18 on every clean and corrupted picture, ≈ 25–40 min on 2 busy cores): run it with nice.
# Files already in the work folder are reused, so an interrupted run resumes where it stopped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${TMPDIR:-/tmp}/alignet-report"; per_subgroup=8
# Corruptions as kind-severity lists (alignet features --corruptions); every kind at three severities by default.
demo_corruptions="blur-1,blur-3,blur-5,noise-1,noise-3,noise-5,contrast-1,contrast-3,contrast-5,greyscale-1,greyscale-3,greyscale-5"
emoji_corruptions="blur-3,noise-3,contrast-3,greyscale-3"
triplets=4000; repeats=3; noise=0.1; bootstrap=1000; seeds=5; epochs=3; lambda="0.1"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --demo-corruptions) demo_corruptions="$2"; shift 2 ;;
    --emoji-corruptions) emoji_corruptions="$2"; shift 2 ;;
    --per-subgroup) per_subgroup="$2"; shift 2 ;;
    --triplets) triplets="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --noise) noise="$2"; shift 2 ;;
    --bootstrap) bootstrap="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --lambda) lambda="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
dotnet build src/AligNet.Cli -c Release -nologo -clp:ErrorsOnly -v:q >&2  # keep stdout for the tables
alignet() { dotnet "$root/src/AligNet.Cli/bin/Release/net10.0/alignet.dll" "$@"; }
corrupted_args() { # prefix, list → --corrupted NAME=FILE …
  [[ "$2" == none ]] && return; local c; echo "--corrupted"; for c in ${2//,/ }; do echo "$c=$1.$c.npy"; done; }

# Simulated judgments (train and test from different seeds), a teacher, and the evaluation of one picture set.
evaluate_set() { # name, features prefix, few-shot shots, extra evaluate arguments…
  local name="$1" prefix="$2" shots="$3"; shift 3
  [[ -f "$work/$name.train.tsv" ]] || alignet simulate --hierarchy "$prefix.paths.txt" --triplets "$triplets" --repeats "$repeats" --noise "$noise" --seed 1 --out "$work/$name.train.tsv"
  [[ -f "$work/$name.test.tsv" ]] || alignet simulate --hierarchy "$prefix.paths.txt" --triplets "$triplets" --repeats "$repeats" --noise "$noise" --seed 2 --out "$work/$name.test.tsv"
  # shellcheck disable=SC2086  # the λ list splits into words
  [[ -f "$work/$name-teacher/manifest.json" ]] || alignet teacher train --embeddings "$prefix.npy" --triplets "$work/$name.train.tsv" --format choice --cpu --epochs "$epochs" --lambda $lambda --out "$work/$name-teacher" --json > "$work/$name-teacher.json"
  # shellcheck disable=SC2086  # shot list splits into words
  alignet evaluate --model "$work/$name-teacher" --embeddings "$prefix.npy" --similarity cosine --triplets "$work/$name.test.tsv" --format choice \
    --hierarchy "$prefix.paths.txt" --few-shot-ways 5 --few-shot-shots $shots --breeds --retention --transfer-seeds "$seeds" \
    --bootstrap "$bootstrap" --seed 7 "$@" --json > "$work/$name.json"
}

# Demo photographs: clean and corrupted ResNet18 features.
demo="$work/demo"
[[ -f "$demo.npy" ]] || alignet features --demo /usr/share/tuxpaint/stamps --out "$demo" --corruptions "$demo_corruptions"
mapfile -t demo_corrupted < <(corrupted_args "$demo" "$demo_corruptions")
evaluate_set demo "$demo" "1 5" "${demo_corrupted[@]}"

# Emoji: the sets (npm), openmoji as the reference rendering (clean and corrupted), the other styles clean.
export ALIGNET_EMOJI_DIR="${ALIGNET_EMOJI_DIR:-$work/emoji}"
[[ -f "$ALIGNET_EMOJI_DIR/sets/openmoji/manifest.csv" ]] || deploy/emoji.sh --no-import --size 224 --per-subgroup "$per_subgroup"
sets="$ALIGNET_EMOJI_DIR/sets"
emoji_features=(); [[ "$emoji_corruptions" == none ]] || emoji_features=(--corruptions "$emoji_corruptions")
[[ -f "$work/emoji-openmoji.npy" ]] || alignet features --images "$sets/openmoji" --out "$work/emoji-openmoji" "${emoji_features[@]}"
shift_args=()
for style in twemoji noto fluent-3d; do
  [[ -f "$work/emoji-$style.npy" ]] || alignet features --images "$sets/$style" --out "$work/emoji-$style"
  shift_args+=("$style=$work/emoji-$style.npy")
done
mapfile -t emoji_corrupted < <(corrupted_args "$work/emoji-openmoji" "$emoji_corruptions")
evaluate_set emoji "$work/emoji-openmoji" "1 3" --style-shift "${shift_args[@]}" "${emoji_corrupted[@]}"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, dotnet $(dotnet --version)"
python3 benchmarks/report_tables.py "$work/demo.json" "$work/emoji.json"
