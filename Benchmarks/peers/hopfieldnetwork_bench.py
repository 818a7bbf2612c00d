"""Workloads 1-3 of `hopfield bench` run on the PyPI `hopfieldnetwork` package (numpy), same sizes and patterns.

Patterns and the recall cue come from the same xoshiro256** / SplitMix64 generator as the Swift engine and the
C reference, so all three store exactly the same memories and start recall from exactly the same cue.
(The package's own random order for asynchronous updates comes from numpy, seeded here.)

The package computes every field from scratch, h_i = w_i . S (O(N) per update), and stores Hebb as a dense
N x N float64 matrix through np.einsum. Patterns are passed as float64: with the int8 patterns its GUI
builds, einsum accumulates in int8 and the weights overflow once p > 127.

Prints one JSON document in the schema of `hopfield bench --json`. Timing: time.perf_counter, median of
the repetitions. Usage: python hopfieldnetwork_bench.py [--quick] [--repetitions R] [--gibbs-repetitions R] [--only recall]
(`--only recall` stores once, untimed, and times only the recall: for interleaved rounds against the engine.)
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import hopfieldnetwork
from hopfieldnetwork import HopfieldNetwork

MASK = (1 << 64) - 1


class Xoshiro256:
    """xoshiro256** seeded by SplitMix64, bit for bit as in the Swift engine."""

    def __init__(self, seed):
        state = seed & MASK
        s = []
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            s.append(z ^ (z >> 31))
        self.s = s

    def next(self):
        s0, s1, s2, s3 = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def below(self, b):
        m = self.next() * b
        if (m & MASK) < b:
            threshold = ((1 << 64) - b) % b
            while (m & MASK) < threshold:
                m = self.next() * b
        return m >> 64

    def shuffle(self, order):
        for i in range(len(order) - 1, 0, -1):
            j = self.below(i + 1)
            order[i], order[j] = order[j], order[i]


def random_patterns(n, p, seed):
    rng = Xoshiro256(seed)
    return np.array([[1 if rng.next() >> 63 else -1 for _ in range(n)] for _ in range(p)], dtype=np.int8)


def corrupted(pattern, noise, seed):
    rng = Xoshiro256(seed)
    order = list(range(len(pattern)))
    rng.shuffle(order)
    out = pattern.copy()
    k = int(round(noise * len(pattern)))
    out[order[:k]] *= -1
    return out


class Timer:
    """Wall time (perf_counter) and CPU time of the process (process_time, all threads) of a block."""

    def __init__(self, secs, cpus):
        self.secs, self.cpus = secs, cpus

    def __enter__(self):
        self.t0, self.c0 = time.perf_counter(), time.process_time()

    def __exit__(self, *exc):
        self.secs.append(time.perf_counter() - self.t0)
        self.cpus.append(time.process_time() - self.c0)


def result(id_, secs, cpus, updates=0, notes=None):
    m, mc = statistics.median(secs), statistics.median(cpus)
    return {"id": id_, "medianSeconds": m, "seconds": secs, "medianCPUSeconds": mc, "cpuSeconds": cpus,
            "updatesPerSecond": updates / m if updates and m > 0 else None,
            "updatesPerCPUSecond": updates / mc if updates and mc > 0 else None,
            "spread": (max(secs) - min(secs)) / m if m > 0 else 0, "notes": notes or {}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repetitions", type=int, default=None)
    ap.add_argument("--gibbs-repetitions", type=int, default=None)
    ap.add_argument("--only", choices=["recall"], default=None)
    args = ap.parse_args()
    n, p, sweeps, reps, greps = (1024, 102, 10, 3, 1) if args.quick else (4096, 409, 100, 5, 3)
    reps = args.repetitions or reps
    greps = args.gibbs_repetitions or greps
    seed, noise, temperature = 2026, 0.2, 0.5

    pats = random_patterns(n, p, seed)            # p x N
    xi = pats.T.astype(np.float64)                # N x p, as train_pattern expects
    results = []

    secs, cpus = [], []
    net = None
    for _ in range(1 if args.only else reps):
        net = HopfieldNetwork(N=n)
        with Timer(secs, cpus):
            net.train_pattern(xi)
    if not args.only:
        results.append(result("store-dense", secs, cpus, notes={"dtype": "float64"}))

    cue = corrupted(pats[0], noise, seed + 1)
    secs, cpus, sweeps_done, changed = [], [], 0, 0
    for r in range(reps):
        np.random.seed(seed + 2)
        net.set_initial_neurons_state(cue.copy())
        with Timer(secs, cpus):
            net.update_neurons(1, "async", run_max=True)
        sweeps_done = net.t + 1               # t counts sweeps that changed something; +1 for the last
        changed = int(np.sum(net.S != cue))
    overlap = float(np.dot(net.S.astype(np.float64), pats[0]) / n)
    results.append(result("recall-dense", secs, cpus, sweeps_done * n,
                          {"sweeps": str(sweeps_done), "unitsChanged": str(changed), "overlap": "%.4f" % overlap}))

    if not args.only:
        start_rng = Xoshiro256(seed + 3)
        start = np.array([1 if start_rng.next() >> 63 else -1 for _ in range(n)], dtype=np.int8)
        # The package's finite-temperature asynchronous update assigns a 1-element array to an array element,
        # which numpy >= 2 rejects; report that instead of patching the package.
        secs, cpus = [], []
        try:
            for _ in range(greps):
                np.random.seed(seed + 4)
                net.set_initial_neurons_state(start.copy())
                with Timer(secs, cpus):
                    net.update_neurons_with_finite_temp(sweeps, "async", 1.0 / temperature)
            results.append(result("gibbs-dense-matrix", secs, cpus, sweeps * n))
        except (ValueError, TypeError) as e:
            results.append({"id": "gibbs-dense-matrix", "medianSeconds": None, "updatesPerSecond": None,
                            "error": "update_neurons_with_finite_temp failed: %s" % str(e).splitlines()[0]})

    doc = {"machine": {"cores": os.cpu_count(), "build": "hopfieldnetwork %s, numpy %s, Python %s" % (
               hopfieldnetwork.__version__, np.__version__, sys.version.split()[0])},
           "config": {"repetitions": reps, "gibbsRepetitions": greps, "count": n, "patterns": p,
                      "noise": noise, "temperature": temperature, "sweeps": sweeps},
           "results": results}
    json.dump(doc, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
