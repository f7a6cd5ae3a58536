#!/usr/bin/env bash
# The emoji stimulus sets: installs the emoji npm packages (pinned; npm's cache makes later runs offline), draws one
# PNG stimulus folder per style with `alignet emoji`, and imports each as a stimulus set named emoji-<style>
# (description = the set's licence and source). Concepts, labels and order are the same in every style.
#   deploy/emoji.sh [--styles "openmoji twemoji noto fluent-3d"] [--size 224] [--per-subgroup N] [--no-import]
# Needs node/npm, and for the import the platform's settings (ConnectionStrings__AligNet, Stimuli__Root) as for
# any `alignet import`; deploy/run.sh sets them for its own database: `ConnectionStrings__AligNet="$(deploy/db.sh url)"`.
# Files go to ${ALIGNET_EMOJI_DIR:-~/.cache/alignet/emoji}: node_modules/ (packages) and sets/<style>/ (images).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
styles="openmoji twemoji noto fluent-3d"; size=224; per_subgroup=(); import=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --styles) styles="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --per-subgroup) per_subgroup=(--per-subgroup "$2"); shift 2 ;;
    --no-import) import=0; shift ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
work="${ALIGNET_EMOJI_DIR:-$HOME/.cache/alignet/emoji}"
mkdir -p "$work"
[[ -f "$work/package.json" ]] || echo '{"private": true, "description": "emoji artwork for AligNet stimulus sets"}' > "$work/package.json"
# Versions pinned so every machine draws the same sets; licences: see each set's description.
npm install --prefix "$work" --prefer-offline --no-audit --no-fund --loglevel=error \
  emojibase-data@17.0.0 openmoji@17.0.0 @twemoji/svg@15.0.0 @iconify-json/noto@1.2.9 @lobehub/fluent-emoji-3d@1.1.0

dotnet build src/AligNet.Cli -c Release -nologo -clp:ErrorsOnly -v:q
alignet() { dotnet "$root/src/AligNet.Cli/bin/Release/net10.0/alignet.dll" "$@"; }
# shellcheck disable=SC2086  # the style list is meant to split into words
alignet emoji --packages "$work/node_modules" --out "$work/sets" --size "$size" "${per_subgroup[@]}" --style $styles
[[ $import == 1 ]] || { echo "Folders in $work/sets (not imported: --no-import)."; exit 0; }
for style in $styles; do
  alignet import stimuli --name "emoji-$style" --from "$work/sets/$style" --description "$(cat "$work/sets/$style/description.txt")"
done
