#!/usr/bin/env python3
"""Synthetic human responses for benchmarks/evaluate.sh (standard library only).

Two shapes, each 1 M responses over the 1,854 THINGS items (so THINGS embeddings and category_mat_manual.tsv apply):
  levels : 10,000 distinct triplets answered 100 times each (the Levels data shape: few triplets, many answers)
  things : 1,000,000 distinct random triplets answered once (the THINGS shape: every triplet new)
Each line is `i j k subject rt_ms` (odd-last, 0-based): 1,000 participants, log-normal RTs around 2.5 s.
The odd one out is a per-triplet 'true' item with probability 0.6, else one of the three at random, so triplets have a
majority and some disagreement, as human data do.
"""
import argparse
import math
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shape", choices=["levels", "things"], required=True)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--items", type=int, default=1854)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    distinct = 10_000 if args.shape == "levels" else args.responses
    triplets = [tuple(rng.sample(range(args.items), 3)) for _ in range(distinct)]
    with open(args.out, "w") as out:
        for r in range(args.responses):
            t = triplets[r % distinct]
            odd = t[2] if rng.random() < 0.6 else t[rng.randrange(3)]
            pair = [x for x in t if x != odd]
            rt = math.exp(rng.gauss(math.log(2500), 0.4))
            out.write(f"{pair[0]} {pair[1]} {odd} p{rng.randrange(1000)} {rt:.0f}\n")


if __name__ == "__main__":
    main()
