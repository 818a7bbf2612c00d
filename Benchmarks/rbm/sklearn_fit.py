#!/usr/bin/env python3
"""scikit-learn's side of the whole-process RBM comparison: what a user of BernoulliRBM types to train the
same model as `hopfield rbm train --data optdigits-8x8 --hidden H --epochs E --pcd 1` (batch 10, learning
rate 0.05, PCD-1, the digits binarised at count > 8). Per epoch BernoulliRBM.fit does the PCD-1 updates
and nothing else (no monitoring unless verbose). Prints {"fitSeconds": …} (time.perf_counter around fit).

Usage: python3 Benchmarks/rbm/sklearn_fit.py [--hidden 16] [--epochs 20] [--seed 1]
"""
import argparse, json, time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.neural_network import BernoulliRBM

ap = argparse.ArgumentParser()
ap.add_argument("--hidden", type=int, default=16)
ap.add_argument("--epochs", type=int, default=20)
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()
X = (load_digits().data > 8).astype(np.float64)
rbm = BernoulliRBM(n_components=args.hidden, learning_rate=0.05, batch_size=10, n_iter=args.epochs, random_state=args.seed)
t = time.perf_counter()
rbm.fit(X)
print(json.dumps({"fitSeconds": time.perf_counter() - t}))
