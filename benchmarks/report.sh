#!/usr/bin/env bash
# The evaluation report in one command: on the demo photographs and on the emoji sets, with simulated judgments
# (alignet simulate: the bots' category oracle), base ResNet18 vs a teacher trained on those judgments, side by side
# with bootstrap intervals: agreement per level, few-shot, BREEDS-style, retention, style shift (emoji: probe fitted
# on openmoji, tested on the other renderings) and corruptions. Prints markdown tables (benchmarks/report_tables.py);
# the JSON of each `alignet evaluate` stays in the work folder. Then the students (issue 12): AligNet data from the
# teacher and UnAligNet data from the base model over the same pictures (the test file's item sets excluded), a linear
# embedding-level student on each, evaluated the same way with every shifted picture seen through the student's head.
# Usage: benchmarks/report.sh [--work DIR] [--demo-corruptions LIST] [--emoji-corruptions LIST|none] [--per-subgroup 8]
#                             [--triplets 4000] [--repeats 3] [--noise 0.1] [--bootstrap 1000] [--seeds 5]
#                             [--epochs 3] [--lambda "0.1"]   (teacher training: few epochs, one λ, for 2 busy cores)
#                             [--student-triplets 100000] [--student-steps 200]
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
triplets=4000; repeats=3; noise=0.1; bootstrap=1000; seeds=5; epochs=3; lambda="0.1"; student_triplets=100000; student_steps=200
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
    --student-triplets) student_triplets="$2"; shift 2 ;;
    --student-steps) student_steps="$2"; shift 2 ;;
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

# The AligNet and UnAligNet students of one set, evaluated like its teacher. Shift arguments are passed as for
# evaluate_set (--corrupted/--style-shift NAME=FILE …): each FILE of base features is replaced by the student's output.
students_of_set() { # name, features prefix, few-shot shots, shift arguments…
  local name="$1" prefix="$2" shots="$3" kind a; shift 3
  # The test file's item sets never enter the generated data (1-based i j k → 0-based pool rows).
  [[ -f "$work/$name.test-rows.tsv" ]] || awk -F'\t' '!/^#/ && NF >= 3 { print $1 - 1 "\t" $2 - 1 "\t" $3 - 1 }' "$work/$name.test.tsv" > "$work/$name.test-rows.tsv"
  # τ_s calibrated (--calibrate-tau, ADR-032): the teacher's fitted base temperature × mean ‖x‖², since ResNet18
  # features are not unit length (‖x‖ ≈ 35) and the cosine temperature as it stands saturates q.
  for kind in aligned unaligned; do
    local flag=() data="$work/$name-$kind-data" student="$work/$name-$kind-student" shifted=()
    [[ "$kind" == unaligned ]] && flag=(--unaligned)
    [[ -f "$data/manifest.json" ]] || alignet generate --model "$work/$name-teacher" --embeddings "$prefix.npy" --count "$student_triplets" --validation 2000 \
      --seed 42 --exclude-triplets "$work/$name.test-rows.tsv" "${flag[@]}" --out "$data" --json > "$data.json"
    [[ -f "$student/manifest.json" ]] || alignet student train --embeddings "$prefix.npy" --data "$data" --calibrate-tau "$work/$name-teacher" --steps "$student_steps" --batch 4096 \
      --learning-rate 2e-3 --seed 42 --out "$student" --json > "$student.json"
    [[ -f "$student.npy" ]] || alignet student embed --model "$student" --embeddings "$prefix.npy" --out "$student.npy"
    for a in "$@"; do
      if [[ "$a" == *=* ]]; then
        [[ -f "$student.${a%%=*}.npy" ]] || alignet student embed --model "$student" --embeddings "${a#*=}" --out "$student.${a%%=*}.npy"
        shifted+=("${a%%=*}=$student.${a%%=*}.npy")
      else
        shifted+=("$a")
      fi
    done
    # shellcheck disable=SC2086  # shot list splits into words
    alignet evaluate --embeddings "$student.npy" --similarity dot --baseline "$prefix.npy" --baseline-similarity cosine --triplets "$work/$name.test.tsv" \
      --format choice --hierarchy "$prefix.paths.txt" --few-shot-ways 5 --few-shot-shots $shots --breeds --retention --transfer-seeds "$seeds" \
      --bootstrap "$bootstrap" --seed 7 "${shifted[@]}" --json > "$work/$name-$kind.json"
  done
}

# Demo photographs: clean and corrupted ResNet18 features.
demo="$work/demo"
[[ -f "$demo.npy" ]] || alignet features --demo /usr/share/tuxpaint/stamps --out "$demo" --corruptions "$demo_corruptions"
mapfile -t demo_corrupted < <(corrupted_args "$demo" "$demo_corruptions")
evaluate_set demo "$demo" "1 5" "${demo_corrupted[@]}"
students_of_set demo "$demo" "1 5" "${demo_corrupted[@]}"

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
students_of_set emoji "$work/emoji-openmoji" "1 3" --style-shift "${shift_args[@]}" "${emoji_corrupted[@]}"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, dotnet $(dotnet --version)"
python3 benchmarks/report_tables.py "$work/demo.json" "$work/emoji.json"
