#!/usr/bin/env python3
"""Inputs of benchmarks/generate.sh, standard library only (no NumPy on these machines):
a pool of N x P float32 embeddings drawn around C random centres (a clustered .npy), and a teacher artifact for
P dimensions in the format of src/AligNet.Ml/Teacher/TeacherArtifact.cs (W = I/sqrt(P) + small noise, b = 0, T = 1).
Usage: generate_inputs.py OUT_DIR [--rows 50000] [--dims 512] [--centres 500] [--seed 1]"""
import argparse, array, hashlib, json, math, os, random, struct

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--rows", type=int, default=50_000)
parser.add_argument("--dims", type=int, default=512)
parser.add_argument("--centres", type=int, default=500)
parser.add_argument("--seed", type=int, default=1)
a = parser.parse_args()
rng = random.Random(a.seed)
os.makedirs(a.out, exist_ok=True)

# Pool: centre ~ N(0, 1) per dimension, plus uniform noise of unit variance (a byte mapped through a table: fast in CPython).
centres = [[rng.gauss(0, 1) for _ in range(a.dims)] for _ in range(a.centres)]
table = [(b - 127.5) / 73.9 for b in range(256)]
header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (a.rows, a.dims)
header = header.ljust((10 + len(header) + 1 + 63) // 64 * 64 - 10 - 1) + "\n"
with open(os.path.join(a.out, "pool.npy"), "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
    noise = rng.randbytes(a.rows * a.dims)
    for r in range(a.rows):
        centre = centres[rng.randrange(a.centres)]
        row = array.array("f", [c + table[u] for c, u in zip(centre, noise[r * a.dims:(r + 1) * a.dims])])
        f.write(row.tobytes())

# Teacher: near identity, scaled as ADR-007 initialises it.
p = a.dims
weights = [rng.gauss(0, 0.01 / math.sqrt(p)) + (1 / math.sqrt(p) if i // p == i % p else 0.0) for i in range(p * p)]
blob = b"ALIGNET-TEACHER1" + struct.pack("<i", p) + array.array("d", weights + [0.0] * p).tobytes()
teacher = os.path.join(a.out, "teacher")
os.makedirs(teacher, exist_ok=True)
with open(os.path.join(teacher, "weights.bin"), "wb") as f:
    f.write(blob)
manifest = {
    "format": "alignet-teacher", "version": 1,
    "embeddings": {"rows": 1854, "columns": p, "sha256": hashlib.sha256(b"benchmark teacher").hexdigest()},
    "mean": 0.0, "deviation": 1.0, "temperature": 1.0,
    "weights_file": "weights.bin", "weights_sha256": hashlib.sha256(blob).hexdigest(),
    "options": None, "chosen_lambda": None, "split": None, "test_metrics": None,
}
with open(os.path.join(teacher, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=2)
