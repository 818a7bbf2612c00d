#!/usr/bin/env python3
"""Side-by-side comparison of `hopfield rbm` with scikit-learn's BernoulliRBM on optdigits-8x8.

Quality: both train an RBM with 16 hidden units for 20 epochs (batch 10, learning rate 0.05) on the
1797 binarised 8x8 digits (pixel on when its count > 8); scikit-learn's weights are exported to a
hopfield model file (components_ = Wᵀ, intercept_visible_ = a, intercept_hidden_ = b) and both models
are scored by the same exact log-likelihood (`hopfield rbm eval`), and cross-checked here by brute
force in numpy (sum over all 2^16 hidden states).

Speed (kernel): seconds per epoch with 256 hidden units, batch 10, median of several runs, both timed on
the same machine. Both figures are the mini-batch updates only: the Swift figure is the `seconds` field of
`hopfield rbm train --json` (the training pass, not the monitoring figures), scikit-learn's is `fit` divided
by the epochs (fit does the updates only). Benchmarks/whole_process.py times the whole commands, monitoring
included.

Usage (from the repository root):
    pip install scikit-learn numpy
    swift build -c release
    python3 Benchmarks/rbm/compare_sklearn.py [--hopfield .build/release/hopfield] [--seeds 5]
"""
import argparse, json, os, subprocess, sys, tempfile, time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.neural_network import BernoulliRBM


def binarised_digits():
    return (load_digits().data > 8).astype(np.float64)


def write_patterns(X, path):
    with open(path, "w") as f:
        for k, row in enumerate(X):
            f.write(">d%d\n" % k)
            for r in range(8):
                f.write("".join("#" if v else "." for v in row[r * 8:(r + 1) * 8]) + "\n")
            f.write("\n")


def softplus(x):
    return np.logaddexp(0, x)


def exact_log_likelihood(W, a, b, X):
    """Mean log P(v) per sample: -F(v) - log Z, log Z by enumerating all 2^n hidden states."""
    n = W.shape[1]
    H = ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1).astype(np.float64)
    terms = H @ b + softplus(H @ W.T + a).sum(axis=1)
    m = terms.max()
    logZ = m + np.log(np.exp(terms - m).sum())
    F = -X @ a - softplus(X @ W + b).sum(axis=1)
    return float((-F - logZ).mean()), float(logZ)


def write_model(W, a, b, path):
    doc = {"format": "hopfield-model", "version": 1, "kind": "rbm", "visibleShape": [8, 8],
           "weights": W.tolist(), "visibleBias": a.tolist(), "hiddenBias": b.tolist()}
    with open(path, "w") as f:
        json.dump(doc, f)


def load_model(path):
    with open(path) as f:
        doc = json.load(f)
    return np.array(doc["weights"]), np.array(doc["visibleBias"]), np.array(doc["hiddenBias"])


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hopfield", default=".build/release/hopfield")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--speed-runs", type=int, default=5)
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    X = binarised_digits()
    tmp = tempfile.mkdtemp(prefix="rbm-compare-")
    data = os.path.join(tmp, "digits.txt")
    write_patterns(X, data)

    print("quality: 16 hidden, 20 epochs, batch 10, learning rate 0.05; mean exact log-likelihood per sample (nats)")
    sk, hf = [], []
    for seed in range(1, args.seeds + 1):
        rbm = BernoulliRBM(n_components=16, learning_rate=0.05, batch_size=10, n_iter=20, random_state=seed)
        rbm.fit(X)
        W, a, b = rbm.components_.T, rbm.intercept_visible_, rbm.intercept_hidden_
        model = os.path.join(tmp, "sk%d.json" % seed)
        write_model(W, a, b, model)
        ev = json.loads(run([args.hopfield, "rbm", "eval", "--model", model, "--data", data, "--json"]))
        ll_np, _ = exact_log_likelihood(W, a, b, X)
        sk.append(ev["logLikelihood"])
        ours = os.path.join(tmp, "hf%d.json" % seed)
        run([args.hopfield, "rbm", "train", "--data", data, "--hidden", "16", "--epochs", "20", "--batch-size", "10",
             "--learning-rate", "0.05", "--seed", str(seed), "--output", ours, "--monitor-samples", "1"])
        ev2 = json.loads(run([args.hopfield, "rbm", "eval", "--model", ours, "--data", data, "--json"]))
        W2, a2, b2 = load_model(ours)
        ll2_np, _ = exact_log_likelihood(W2, a2, b2, X)
        hf.append(ev2["logLikelihood"])
        print("  seed %d: scikit-learn %.3f (numpy check %.3f)   hopfield %.3f (numpy check %.3f)"
              % (seed, ev["logLikelihood"], ll_np, ev2["logLikelihood"], ll2_np))
    print("  mean:   scikit-learn %.3f   hopfield %.3f   (higher is better)" % (np.mean(sk), np.mean(hf)))

    if args.skip_speed:
        return
    print("speed (training only, no monitoring on either side): 256 hidden, batch 10, seconds per epoch "
          "(median of %d interleaved runs of 3 epochs)" % args.speed_runs)
    sk_times, hf_times = [], []
    out = os.path.join(tmp, "speed.json")
    for r in range(args.speed_runs):
        rbm = BernoulliRBM(n_components=256, learning_rate=0.05, batch_size=10, n_iter=3, random_state=r)
        t = time.perf_counter()
        rbm.fit(X)
        sk_times.append((time.perf_counter() - t) / 3)
        res = json.loads(run([args.hopfield, "rbm", "train", "--data", data, "--hidden", "256", "--epochs", "3",
                              "--batch-size", "10", "--learning-rate", "0.05", "--seed", str(r + 1), "--output", out,
                              "--monitor-samples", "1", "--json"]))
        hf_times.extend(e["seconds"] for e in res["epochs"])
    sk_t, hf_t = float(np.median(sk_times)), float(np.median(hf_times))
    print("  scikit-learn %.4f s   hopfield %.4f s   ratio %.1fx   (%d cores)" % (sk_t, hf_t, sk_t / hf_t, os.cpu_count()))

if __name__ == "__main__":
    main()
