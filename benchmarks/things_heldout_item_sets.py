"""Writes every item set of test_10.txt and test_triplets.tsv as 'i j k' lines of THINGS-order rows (0-based): the
triplets an AligNet data set over the 1,854 THINGS concepts must not contain, since the students are scored on them
(used by student-things.sh with `alignet generate --exclude-triplets`).
Usage: things_heldout_item_sets.py THINGS_DIR OUT_FILE"""
import sys

d, out = sys.argv[1], sys.argv[2]
raw_to_things = {int(r): t for t, r in enumerate(open(f"{d}/sortindex.txt").read().split())}
held = {tuple(sorted(map(int, l.split()[:3]))) for l in open(f"{d}/test_10.txt") if l.strip()}
held |= {tuple(sorted(raw_to_things[int(v) - 1] for v in l.split()[:3])) for l in open(f"{d}/test_triplets.tsv") if l.strip()}
with open(out, "w") as o:
    o.writelines(f"{a} {b} {c}\n" for a, b, c in sorted(held))
