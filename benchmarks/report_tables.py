#!/usr/bin/env python3
"""Markdown tables from the JSON of `alignet evaluate` (benchmarks/report.sh): base (baseline) vs teacher (model),
each figure as value [ci_low, ci_high]; then, where NAME-aligned.json and NAME-unaligned.json lie beside NAME.json,
base vs teacher vs the AligNet and UnAligNet students (each student's JSON: its "model"). Usage: report_tables.py NAME.json …"""
import json
import os
import sys


def fig(f, digits=3):
    if not f:
        return "–"
    low, high = f.get("ci_low"), f.get("ci_high")
    value = f"{f['value']:.{digits}f}"
    return value if low is None else f"{value} [{low:.{digits}f}, {high:.{digits}f}]"


def row(cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def agreement(r):
    print(row(["level", "responses", "noise ceiling", "base ResNet18", "teacher", "teacher − base"]))
    print(row(["---"] * 6))
    for name, level in [("all", r["all"])] + sorted(r["levels"].items()):
        print(row([name, level["responses"], fig(level["human"].get("noise_ceiling")), fig(level["baseline"].get("accuracy")),
                   fig(level["model"].get("accuracy")), fig((level.get("difference") or {}).get("accuracy"))]))
    a = r["all"]
    print()
    print(row(["calibration (all)", "base ResNet18", "teacher"]))
    print(row(["---"] * 3))
    for key in ["nll", "ece", "nll_t1", "ece_t1", "rt_rho"]:
        print(row([key, fig(a["baseline"].get(key)), fig(a["model"].get(key))]))


def transfer(t):
    print()
    print(row(["transfer", "base ResNet18", "teacher"]))
    print(row(["---"] * 3))
    for i, shot in enumerate(t.get("few_shot", {}).get("model", [])):
        base = t["few_shot"]["baseline"][i]
        print(row([f"few-shot {shot['ways']}-way {shot['shots']}-shot ({shot['classes']} classes)", fig(base["accuracy"]), fig(shot["accuracy"])]))
    if "breeds" in t:
        b, m = t["breeds"]["baseline"], t["breeds"]["model"]
        print(row([f"BREEDS source ({m['top_categories']} top categories)", fig(b["source_accuracy"]), fig(m["source_accuracy"])]))
        print(row(["BREEDS target (unseen subcategories)", fig(b["target_accuracy"]), fig(m["target_accuracy"])]))
    if "retention" in t:
        ret = t["retention"]
        print(row(["nearest-neighbour category accuracy", fig(ret["base_nn_accuracy"]), fig(ret["model_nn_accuracy"])]))
        print(row(["retention (teacher / base)", "", fig(ret["ratio"])]))


def robustness(title, section):
    print()
    print(f"{title} (probe: {section['probe_classes']} finest categories, {section['probe_seeds']} seeds; "
          "agreement = odd-one-out accuracy against the simulated choices)")
    print()
    print(row(["shift", "base agreement", "teacher agreement", "base Δ vs clean", "teacher Δ vs clean",
               "base probe held-out", "teacher probe held-out", "base probe same items", "teacher probe same items"]))
    print(row(["---"] * 9))
    clean = section["clean"]
    print(row(["clean", fig(clean["baseline"]["agreement"]), fig(clean["model"]["agreement"]), "", "",
               fig(clean["baseline"]["probe_accuracy"]), fig(clean["model"]["probe_accuracy"]), "", ""]))
    for v in section["variants"]:
        b, m = v["models"]["baseline"], v["models"]["model"]
        print(row([v["name"], fig(b["agreement"]), fig(m["agreement"]), fig(b["agreement_change"]), fig(m["agreement_change"]),
                   fig(b["probe_accuracy"]), fig(m["probe_accuracy"]), fig(b["probe_same_items"]), fig(m["probe_same_items"])]))


def students(r, aligned, unaligned):
    """One table: base and teacher from the set's report, each student's own figures from its report."""
    print()
    print("Students (linear head over the frozen features, τ_s = the base model's fitted temperature × mean ‖x‖²; "
          "AligNet: labels from the teacher, UnAligNet: labels from the base model itself, same triplets)")
    print()
    print(row(["figure", "base ResNet18", "teacher", "AligNet student", "UnAligNet student"]))
    print(row(["---"] * 5))
    sources = [(r, "baseline"), (r, "model"), (aligned, "model"), (unaligned, "model")]

    def line(label, get):
        cells = []
        for report, who in sources:
            try:
                cells.append(fig(get(report, who)))
            except (KeyError, IndexError, TypeError):
                cells.append("–")
        print(row([label] + cells))

    line("agreement, all", lambda x, w: x["all"][w]["accuracy"])
    for level in sorted(r["levels"]):
        line(f"agreement, {level}", lambda x, w, level=level: x["levels"][level][w]["accuracy"])
    for key in ["nll", "ece", "rt_rho"]:
        line(f"{key} (all)", lambda x, w, key=key: x["all"][w][key])
    t = r.get("transfer", {})
    for i, shot in enumerate(t.get("few_shot", {}).get("model", [])):
        line(f"few-shot {shot['ways']}-way {shot['shots']}-shot", lambda x, w, i=i: x["transfer"]["few_shot"][w][i]["accuracy"])
    if "breeds" in t:
        line("BREEDS target (unseen subcategories)", lambda x, w: x["transfer"]["breeds"][w]["target_accuracy"])
    if "retention" in t:
        line("nearest-neighbour category accuracy", lambda x, w: x["transfer"]["retention"][f"{'base' if w == 'baseline' else 'model'}_nn_accuracy"])
    for key, title in [("style_shift", "style shift"), ("corruptions", "corruption")]:
        if key not in r:
            continue
        for v in r[key]["variants"]:
            def variant(x, w, key=key, name=v["name"]):
                return next(u for u in x[key]["variants"] if u["name"] == name)["models"][w]
            line(f"{title} {v['name']}: agreement Δ vs clean", lambda x, w, variant=variant: variant(x, w)["agreement_change"])
            line(f"{title} {v['name']}: probe held-out", lambda x, w, variant=variant: variant(x, w)["probe_accuracy"])


for path in sys.argv[1:]:
    if not os.path.exists(path):
        print(f"\n({path} missing)")
        continue
    with open(path) as f:
        r = json.load(f)
    print(f"\n### {os.path.basename(path)[:-5]}: {r['responses']} simulated responses on {r['triplets']} triplets, "
          f"{r['participants']} participants, {r['bootstrap']} bootstrap replicates\n")
    agreement(r)
    if "transfer" in r:
        transfer(r["transfer"])
    if "style_shift" in r:
        robustness("Style shift: probe fitted on openmoji, tested on another rendering of the same concepts", r["style_shift"])
    if "corruptions" in r:
        robustness("Corruptions", r["corruptions"])
    pair = [path[:-5] + "-aligned.json", path[:-5] + "-unaligned.json"]
    if all(os.path.exists(p) for p in pair):
        with open(pair[0]) as f, open(pair[1]) as g:
            students(r, json.load(f), json.load(g))
