"""The PyTorch peer of benchmarks/AligNet.Benchmarks.Students: the same ResNet18 (the shipped ONNX file's nodes and
weights, exported by `AligNet.Benchmarks.Students export DIR`), the same stage split, frozen prefix and step, and the
same embedding-level student step (linear head at the identity, distinct items forwarded once, JSD, Adam with decay
toward the initial weights). Prints one JSON line: {"engine": "pytorch", "mode": …, "rate": …}.

  resnet --graph DIR --train-from all|layer4 [--batch 32] [--steps 3] [--warmup 1] [--threads 2]
  embedding [--items 1854] [--dims 512] [--batch 512] [--steps 60] [--threads 2]
"""
import argparse, json, math, resource, time
import numpy as np
import torch
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("mode", choices=["resnet", "embedding"])
ap.add_argument("--graph")
ap.add_argument("--train-from", default="all")
ap.add_argument("--batch", type=int)
ap.add_argument("--steps", type=int)
ap.add_argument("--warmup", type=int, default=1)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--items", type=int, default=1854)
ap.add_argument("--dims", type=int, default=512)
ap.add_argument("--same-work", action="store_true",
                help="do what the TorchSharp side does since ADR-030: Conv+BatchNorm folded where the output outnumbers the weights, "
                     "ReLU in place, channels-last when every stage trains")
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)


def symmetric_equivalent(size, begin, end, window, stride):
    """The C# port's rule (OnnxNodeAttributes.SymmetricEquivalent): use symmetric padding when it gives the same windows."""
    for d in range(2):
        if begin[d] == end[d]:
            continue
        explicit = (size[d] + begin[d] + end[d] - window[d]) // stride[d]
        symmetric = (size[d] + 2 * begin[d] - window[d]) // stride[d]
        if begin[d] < end[d] or explicit != symmetric or explicit < 0:
            return None
    return begin


class Stage(torch.nn.Module):
    """One stage replayed node by node with its weights as parameters (BatchNorm unfolded, frozen statistics), like TrainableGraphSegment."""

    def __init__(self, stage, weights, index):
        super().__init__()
        self.stage, self.names = stage, {}
        for node in stage["nodes"]:
            for pos, name in enumerate(node["inputs"][1:], start=1):
                if name not in index or name in self.names:
                    continue
                info = index[name]
                value = torch.from_numpy(weights[info["offset"]: info["offset"] + int(np.prod(info["shape"]))].reshape(info["shape"]).copy())
                key = name.replace(".", "_")
                self.names[name] = key
                if node["op"] == "BatchNormalization" and pos >= 3:
                    self.register_buffer(key, value)
                else:
                    self.register_parameter(key, torch.nn.Parameter(value))

    def forward(self, x):
        values = {self.stage["input"]: x}
        get = lambda n: values[n] if n in values else getattr(self, self.names[n])
        nodes, skip = self.stage["nodes"], False
        readers = {}
        for node in nodes:
            for n in node["inputs"]:
                readers[n] = readers.get(n, 0) + 1
        for index, node in enumerate(nodes):
            if skip:
                skip = False
                continue
            ins, at, op = [get(n) for n in node["inputs"]], node["attributes"], node["op"]
            following = nodes[index + 1] if index + 1 < len(nodes) else None
            if a.same_work and op == "Conv" and following and following["op"] == "BatchNormalization" \
                    and following["inputs"][0] == node["outputs"][0] and readers[node["outputs"][0]] == 1:
                gamma, beta, mean, var = [get(n) for n in following["inputs"][1:]]
                w = ins[1]
                strides = at.get("strides", [1, 1])
                out_values = ins[0].shape[0] * w.shape[0] * (ins[0].shape[2] // strides[0]) * (ins[0].shape[3] // strides[1])
                if out_values >= w.numel():
                    scale = gamma * (var + following["attributes"].get("epsilon", 1e-5)).rsqrt()
                    bias = beta - mean * scale + (ins[2] * scale if len(ins) > 2 else 0)
                    ins = [ins[0], w * scale.reshape(-1, 1, 1, 1), bias]
                    node = dict(node, outputs=following["outputs"])
                    skip = True
            if op == "Relu" and a.same_work and readers[node["inputs"][0]] == 1 and node["inputs"][0] != self.stage["input"]:
                values[node["outputs"][0]] = F.relu(ins[0], inplace=True)
                continue
            if op == "Conv":
                w = ins[1]
                pads, strides = at.get("pads", [0, 0, 0, 0]), at.get("strides", [1, 1])
                window = [(w.shape[2] - 1) * at.get("dilations", [1, 1])[0] + 1, (w.shape[3] - 1) * at.get("dilations", [1, 1])[1] + 1]
                sym = symmetric_equivalent(ins[0].shape[2:], pads[:2], pads[2:], window, strides)
                bias = ins[2] if len(ins) > 2 else None
                if sym is not None:
                    y = F.conv2d(ins[0], w, bias, strides, sym, at.get("dilations", [1, 1]), at.get("group", 1))
                else:
                    y = F.conv2d(F.pad(ins[0], [pads[1], pads[3], pads[0], pads[2]]), w, bias, strides, 0, at.get("dilations", [1, 1]), at.get("group", 1))
            elif op == "BatchNormalization":
                y = F.batch_norm(ins[0], ins[3], ins[4], ins[1], ins[2], training=False, eps=at.get("epsilon", 1e-5))
            elif op == "Relu":
                y = F.relu(ins[0])
            elif op == "Add":
                y = ins[0] + ins[1]
            elif op == "MaxPool":
                pads, strides, kernel = at.get("pads", [0, 0, 0, 0]), at.get("strides", [1, 1]), at["kernel_shape"]
                sym = symmetric_equivalent(ins[0].shape[2:], pads[:2], pads[2:], kernel, strides)
                if sym is not None:
                    y = F.max_pool2d(ins[0], kernel, strides, sym)
                else:
                    y = F.max_pool2d(F.pad(ins[0], [pads[1], pads[3], pads[0], pads[2]], value=-math.inf), kernel, strides)
            elif op == "AveragePool":
                y = ins[0].mean((2, 3), keepdim=True)
            else:
                raise SystemExit(f"unsupported op {op}")
            values[node["outputs"][0]] = y
        return values[self.stage["output"]]


if a.mode == "resnet":
    graph = json.load(open(f"{a.graph}/graph.json"))
    weights = np.fromfile(f"{a.graph}/weights.f32", dtype=np.float32)
    stages = torch.nn.ModuleList([Stage(s, weights, graph["initializers"]) for s in graph["stages"]])
    first = ["all", "layer1", "layer2", "layer3", "layer4"].index(a.train_from)
    for s in stages[:first]:
        s.requires_grad_(False)
    batch, steps = a.batch or 32, a.steps or 3
    images = torch.randn(batch, 3, 224, 224) * 50
    with torch.no_grad():
        prefix = images
        for s in stages[:first]:
            prefix = s(prefix)
    if a.same_work and first == 0:
        prefix = prefix.contiguous(memory_format=torch.channels_last)
    params = [p for p in stages.parameters() if p.requires_grad]
    adam = torch.optim.Adam(params, lr=1e-5)
    faults = 0                        # minor page faults in the timed steps, as the TorchSharp side counts them
    seconds, phases = [], [0.0] * 4   # forward, backward, Adam, freeing the step's tensors (as the TorchSharp side reports)
    for step in range(a.warmup + steps):
        faults_before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t = time.perf_counter()
        x = prefix
        for s in stages[first:]:
            x = s(x)
        loss = x.flatten(1).pow(2).mean()
        marks = [time.perf_counter() - t]
        adam.zero_grad()
        loss.backward()
        marks.append(time.perf_counter() - t)
        adam.step()
        marks.append(time.perf_counter() - t)
        del x, loss
        marks.append(time.perf_counter() - t)
        if step >= a.warmup:
            seconds.append(marks[3])
            faults += resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_before
            for i in range(4):
                phases[i] += marks[i] - (marks[i - 1] if i else 0)
    print(json.dumps({"engine": "pytorch", "mode": f"resnet-{a.train_from}", "rate": batch * steps / sum(seconds), "unit": "images/s",
                      "trainable": sum(p.numel() for p in params), "threads": torch.get_num_threads(), "minor_faults_per_step": faults // steps,
                      "seconds_per_step": dict(zip(["forward", "backward", "adam", "dispose"], [v / steps for v in phases]))}))
else:
    batch, steps, n, d = a.batch or 512, a.steps or 60, a.items, a.dims
    features = torch.rand(n, d) * 2 - 1
    triplets = torch.randint(0, n, (steps * batch, 3))
    p = torch.rand(steps * batch, 3)
    p[:, 2] = 1
    p /= p.sum(1, keepdim=True)
    weight, bias = torch.nn.Parameter(torch.eye(d)), torch.nn.Parameter(torch.zeros(d))
    initial = [weight.detach().clone(), bias.detach().clone()]
    adam = torch.optim.Adam([weight, bias], lr=1e-3)
    warm = max(1, steps // 20)
    t = time.perf_counter()
    for step in range(1, steps + 1):
        lr = 1e-3 * step / warm if step <= warm else 0.5e-3 * (1 + math.cos(math.pi * (step - warm) / (steps - warm)))
        for g in adam.param_groups:
            g["lr"] = lr
        rows = slice((step - 1) * batch, step * batch)
        items, slots = torch.unique(triplets[rows], return_inverse=True)   # each distinct item forwarded once
        z = (features[items] @ weight + bias)[slots]
        zi, zj, zk = z[:, 0], z[:, 1], z[:, 2]
        logits = torch.stack([(zi * zj).sum(1), (zi * zk).sum(1), (zj * zk).sum(1)], 1)
        target = p[rows]
        log_q = logits.log_softmax(1)              # StudentObjective.Jsd, term for term
        q = log_q.exp()
        log_m = ((target + q) / 2).clamp_min(1e-30).log()
        loss = (((torch.xlogy(target, target) - target * log_m).sum(1) + (q * (log_q - log_m)).sum(1)) / 2).mean()
        adam.zero_grad()
        loss.backward()
        with torch.no_grad():   # decay toward the initial weights, before Adam's step (ADR-013)
            for param, start in zip([weight, bias], initial):
                param.sub_((param - start) * lr * 1.0)
        adam.step()
    print(json.dumps({"engine": "pytorch", "mode": "embedding", "rate": steps * batch / (time.perf_counter() - t), "unit": "triplets/s"}))
