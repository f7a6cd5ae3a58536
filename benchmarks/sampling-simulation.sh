#!/usr/bin/env bash
# Adaptive vs random sampling on the demo photographs (issue 15, ADR-022): bots answer from the category oracle with
# noise; per seed both arms start from the same random seed batch, then each round a teacher is trained and the next
# batch is asked (adaptive: top teacher entropy with the 15 % random share mixed in; random: all random). Each round's
# teacher is scored on fixed held-out oracle-answered triplets. One process per seed (in parallel: on a machine shared
# with other work each process gets its own share of the CPU), then `alignet simulate sampling --merge` writes the long
# CSV (for the Sampling dashboard), prints the summary tables and this script appends them to benchmarks/README.md
# with the settings, versions and load.
# Usage: nice -n 10 benchmarks/sampling-simulation.sh [--work DIR] [--seeds 5] [--no-append] [alignet simulate sampling options…]
#   defaults: --seed-batch 200 --batch 100 --rounds 5 --candidates 20000 --held-out 2000 --noise 0.1
#             --epochs 5 --lambda 10 --triplet-batch 128 --score entropy
#   (λ = 10: with a few hundred responses the strongest pull towards the base geometry held out best, 0.575 vs 0.514
#   at λ = 0.1 on 1,000 responses, one seed.) ≈ 30 min on 2 cores at load ≈ 25.
# Needs the demo photographs (deploy/prerequisites.sh). ResNet18 features are computed once and cached in the work folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${TMPDIR:-/tmp}/alignet-sampling"; append=1; seeds=5; extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --no-append) append=0; shift ;;
    *) extra+=("$1"); shift ;;
  esac
done
mkdir -p "$work/seeds"
dotnet build src/AligNet.Cli -c Release -nologo -clp:ErrorsOnly -v:q >&2
alignet() { dotnet "$root/src/AligNet.Cli/bin/Release/net10.0/alignet.dll" "$@"; }
[[ -f "$work/demo.npy" ]] || alignet features --demo /usr/share/tuxpaint/stamps --out "$work/demo" >&2

settings=(--seed-batch 200 --batch 100 --rounds 5 --candidates 20000 --held-out 2000 --noise 0.1 --epochs 5 --lambda 10 --triplet-batch 128)
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"; started="$(date -u +%FT%TZ)"; t0=$SECONDS
pids=()
for ((k = 0; k < seeds; k++)); do
  alignet simulate sampling --embeddings "$work/demo.npy" --hierarchy "$work/demo.paths.txt" --seeds 1 --first-seed "$k" "${settings[@]}" "${extra[@]}" \
    --out "$work/seeds/seed-$k.csv" > /dev/null 2> "$work/seeds/seed-$k.log" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
minutes=$(( (SECONDS - t0 + 30) / 60 )); load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
alignet simulate sampling --merge "$work"/seeds/seed-*.csv --out "$work/sampling.csv" | tee "$work/summary.md"
mean_times="$(awk -F, 'NR > 1 { t += $9; n++; if ($8 != "") { s += $10; m++ } } END { printf "teacher training %.1f s, scoring %.2f s (20,000 candidates, entropy)", t / n, s / m }' "$work/sampling.csv")"
echo "CSV: $work/sampling.csv ($minutes min; mean per round: $mean_times). Publish it: alignet simulate sampling --merge $work/sampling.csv --publish NAME" >&2
[[ $append == 1 ]] || exit 0
{
  echo
  echo "## Adaptive vs random sampling, simulated (\`sampling-simulation.sh\`, issue 15)"
  echo "Run $started, $minutes min ($seeds seed processes in parallel), load average $load_before before / $load_after after (2 cores shared by four engineers)."
  echo "Demo photographs ($(wc -l < "$work/demo.paths.txt") items, ResNet18 512-d), CategoryOracle with noise; settings: \`${settings[*]} ${extra[*]:-}\`."
  echo "$(dotnet --version | sed 's/^/.NET SDK /'), TorchSharp CPU (2 threads a process). Mean per round: $mean_times."
  echo
  cat "$work/summary.md"
} >> benchmarks/README.md
