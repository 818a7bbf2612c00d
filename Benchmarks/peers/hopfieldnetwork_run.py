#!/usr/bin/env python3
"""hopfieldnetwork's side of the whole-process recall comparison: what a user of the PyPI package types to do
what `hopfield run --patterns FILE --cue p0 --noise 0.2` does: read a pattern file (`>name` then rows of
`#`/`.`), store the patterns with Hebb's rule (the package's `train_pattern`, float64), flip a seeded 20% of
the cue's units and update asynchronously at T = 0 until nothing changes. Prints the overlap with the cue.

Usage: python3 Benchmarks/peers/hopfieldnetwork_run.py FILE [--cue K] [--noise 0.2] [--seed 1]
"""
import argparse

import numpy as np
from hopfieldnetwork import HopfieldNetwork

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--cue", type=int, default=0)
ap.add_argument("--noise", type=float, default=0.2)
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()

patterns, rows = [], []
for line in open(args.file):
    line = line.strip()
    if line.startswith(">") or not line:
        if rows:
            patterns.append([1.0 if c == "#" else -1.0 for c in "".join(rows)])
            rows = []
        continue
    rows.append(line)
if rows:
    patterns.append([1.0 if c == "#" else -1.0 for c in "".join(rows)])
xi = np.array(patterns).T                      # N x p, as train_pattern expects
n = xi.shape[0]
net = HopfieldNetwork(N=n)
net.train_pattern(xi)
rng = np.random.default_rng(args.seed)
cue = xi[:, args.cue].copy()
flip = rng.choice(n, int(round(args.noise * n)), replace=False)
cue[flip] *= -1
np.random.seed(args.seed)
net.set_initial_neurons_state(cue.astype(np.int64))
net.update_neurons(1, "async", run_max=True)
print("overlap %.4f" % (float(np.dot(net.S.astype(np.float64), xi[:, args.cue])) / n))
