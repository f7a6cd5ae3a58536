"""The teacher objective of METHOD.md §2 in PyTorch, as the peer for AligNet's TorchSharp trainer.

Same data path and step as src/AligNet.Ml/Teacher/TeacherFit.cs: scalar-normalised embeddings, z = x̃W + b with
W = I/√p, L = (1−α)·L_human + α·L_local + λ·‖W − mean(diag W)·I‖²_F, Adam, gradient-norm clipping; one epoch over
the training item sets in batches, a random local batch per step. Prints triplets/s over the timed steps only.
"""
import argparse, json, time
import numpy as np
import torch
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--embeddings", required=True)
ap.add_argument("--triplets", required=True, help="odd-last file: i j k [subject], k odd")
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--steps", type=int, default=0, help="0 = one full epoch")
ap.add_argument("--alpha", type=float, default=0.1)
ap.add_argument("--lam", type=float, default=0.1)
ap.add_argument("--tau", type=float, default=1.0)
ap.add_argument("--batch", type=int, default=256)
ap.add_argument("--local-batch", type=int, default=1024)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--cache-base-cosines", action="store_true",
                help="the trick TeacherFit uses (ADR-025): all n² base cosines once, each step gathers its block")
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
rng = np.random.default_rng(a.seed)

x = np.load(a.embeddings).astype(np.float64)
xt = torch.tensor((x - x.mean()) / x.std(), dtype=torch.float32)
n, p = xt.shape
# Aggregate per unordered item set: target over [S_ab, S_ac, S_bc] = [P(c odd), P(b odd), P(a odd)].
counts = {}
for line in open(a.triplets):
    f = line.split()
    if not f:
        continue
    i, j, k = int(f[0]), int(f[1]), int(f[2])
    s = tuple(sorted((i, j, k)))
    counts.setdefault(s, [0, 0, 0])[2 - s.index(k)] += 1
sets = np.array(list(counts.keys()), dtype=np.int64)
target = torch.tensor(np.array(list(counts.values()), dtype=np.float32))
target /= target.sum(1, keepdim=True)

w = torch.nn.Parameter(torch.eye(p) / p ** 0.5)
b = torch.nn.Parameter(torch.zeros(p))
opt = torch.optim.Adam([w, b], lr=1e-3)
eye = torch.eye(p)

def off_diagonal(m):
    k = m.shape[0]
    return m.flatten()[1:].view(k - 1, k + 1)[:, :-1].reshape(k, k - 1)

def cosines(r):
    u = F.normalize(r, dim=1)
    return u @ u.t()

order = rng.permutation(len(sets))
steps = range(0, len(order), a.batch)
if a.steps:
    steps = list(steps)[: a.steps]
lb = min(a.local_batch, n)
base_cosines = cosines(xt) if a.cache_base_cosines else None   # outside the timed steps on both sides
done, start = 0, time.perf_counter()
for s in steps:
    idx = order[s : s + a.batch]
    m = len(idx)
    rows = torch.from_numpy(np.concatenate([sets[idx, 0], sets[idx, 1], sets[idx, 2]]))
    z = xt[rows] @ w + b
    za, zb, zc = z[:m], z[m : 2 * m], z[2 * m :]
    sim = torch.stack([(za * zb).sum(1), (za * zc).sum(1), (zb * zc).sum(1)], 1)
    human = -(target[torch.from_numpy(idx)] * F.log_softmax(sim, 1)).sum(1).mean()
    local = torch.from_numpy(rng.choice(n, lb, replace=False))
    local_rows = xt[local]
    with torch.no_grad():
        base = cosines(local_rows) if base_cosines is None else base_cosines[local][:, local]
        q_base = F.softmax(off_diagonal(base) / a.tau, 1)
    local = -(q_base * F.log_softmax(off_diagonal(cosines(local_rows @ w + b)) / a.tau, 1)).sum(1).mean()
    penalty = ((w - w.diagonal().mean() * eye) ** 2).sum()
    loss = (1 - a.alpha) * human + a.alpha * local + a.lam * penalty
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_([w, b], 1.0)
    opt.step()
    done += m
elapsed = time.perf_counter() - start
print(json.dumps({"triplets_per_second": done / elapsed, "triplets": done, "seconds": elapsed,
                  "threads": a.threads, "cache_base_cosines": a.cache_base_cosines, "torch": torch.__version__, "final_loss": loss.item()}))
