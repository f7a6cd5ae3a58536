"""Writes test_10_ID.txt minus every row whose item set also appears in test_10.txt or test_triplets.tsv: the
teacher's THINGS training data, so that neither held-out file leaks into training (used by teacher*.sh).
Usage: things_training_triplets.py THINGS_DIR OUT_FILE"""
import sys

d, out = sys.argv[1], sys.argv[2]
raw_to_things = {int(r): t for t, r in enumerate(open(f"{d}/sortindex.txt").read().split())}
held = {frozenset(map(int, l.split()[:3])) for l in open(f"{d}/test_10.txt") if l.strip()}
held |= {frozenset(raw_to_things[int(v) - 1] for v in l.split()[:3]) for l in open(f"{d}/test_triplets.tsv") if l.strip()}
with open(out, "w") as o:
    o.writelines(l for l in open(f"{d}/test_10_ID.txt") if l.strip() and frozenset(map(int, l.split()[:3])) not in held)
