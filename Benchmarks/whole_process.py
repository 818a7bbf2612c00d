#!/usr/bin/env python3
"""Whole-process timing of the commands a user types, beside each side's kernel time, against the peers.

Every command runs as a separate process, with its defaults, in interleaved rounds (one run of each command
per round, in the same order), and the table gives medians over the rounds: wall time, CPU time of the child
(user + system, from getrusage), and the median of the per-round ratios (the machine's speed drifts over
minutes, so a ratio is taken within a round).

Comparisons:
  RBM (scikit-learn): `hopfield rbm train --data optdigits-8x8 --hidden H --epochs E --pcd 1` (batch 10 and
    learning rate 0.05 are its defaults) against Benchmarks/rbm/sklearn_fit.py (BernoulliRBM.fit, the same
    settings and the same binarised digits). Kernel: hopfield's training time (`trainingSeconds` of --json,
    the mini-batch updates without the monitoring) and scikit-learn's `fit`.
  Hopfield recall (hopfieldnetwork): `hopfield run --patterns FILE --cue p0 --noise 0.2` (store with Hebb,
    then T = 0 recall from a 20%-noise cue) and `hopfield run --model` of the file `hopfield store` wrote,
    against Benchmarks/peers/hopfieldnetwork_run.py doing the same with the package. N = 4096, p = 409
    random patterns in a pattern file (1024 and 102 with --quick). Kernel: `hopfield bench` workloads 1 and
    2 and Benchmarks/peers/hopfieldnetwork_bench.py at the same sizes, when their JSON is given.

Usage: python3 Benchmarks/whole_process.py --hopfield .build/release/hopfield --python Benchmarks/.venv/bin/python
           [--rounds 7] [--quick] [--bench-swift out/swift.json] [--bench-peer out/hopfieldnetwork.json]
"""
import argparse, json, os, random, resource, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd):
    """Runs cmd; returns (wall seconds, child CPU seconds, stdout, stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), r.stderr))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.stdout, r.stderr


def write_patterns(path, n_side, p, seed):
    rng = random.Random(seed)
    with open(path, "w") as f:
        for k in range(p):
            f.write(">p%d\n" % k)
            for _ in range(n_side):
                f.write("".join(rng.choice("#.") for _ in range(n_side)) + "\n")
            f.write("\n")


def med(xs):
    return statistics.median(xs)


def fmt(s):
    return "%.3f s" % s if s >= 0.1 else "%.1f ms" % (s * 1000)


def kernel_figure(path, ids):
    """Sum of the median CPU seconds of the workloads `ids` in a `hopfield bench --json` style file, or None."""
    if not path or not os.path.exists(path):
        return None
    found = {w["id"]: w["medianCPUSeconds"] for w in json.load(open(path))["results"] if "medianCPUSeconds" in w}
    return sum(found[i] for i in ids) if all(i in found for i in ids) else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hopfield", default=".build/release/hopfield")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--bench-swift")
    ap.add_argument("--bench-peer")
    ap.add_argument("--only", choices=["rbm", "recall"])
    args = ap.parse_args()
    rounds = 3 if args.quick and args.rounds == 7 else args.rounds
    tmp = tempfile.mkdtemp(prefix="whole-process-")
    hf = args.hopfield

    print("Whole process: medians of %d interleaved rounds; wall time (child CPU time); ratios are the median of the "
          "per-round ratios (peer time / hopfield time, above 1 means hopfield is faster).\n" % rounds)
    print("| comparison | command (defaults unless given) | whole process | kernel | whole-process ratio | kernel ratio |")
    print("|---|---|---|---|---|---|")

    if args.only in (None, "rbm"):
        for hidden, epochs in [(16, 20), (256, 10)]:
            model = os.path.join(tmp, "rbm.json")
            ours = [hf, "rbm", "train", "--data", "optdigits-8x8", "--hidden", str(hidden), "--epochs", str(epochs),
                    "--pcd", "1", "--output", model, "--json"]
            theirs = [args.python, os.path.join(HERE, "rbm", "sklearn_fit.py"), "--hidden", str(hidden), "--epochs", str(epochs)]
            rows = {"ours": [], "theirs": []}
            for _ in range(rounds):
                w, c, out, _ = timed(ours)
                rep = json.loads(out)
                rows["ours"].append((w, c, rep["trainingSeconds"], rep.get("monitorEvery", [1])[0]))
                w, c, out, _ = timed(theirs)
                rows["theirs"].append((w, c, json.loads(out)["fitSeconds"]))
            o, t = rows["ours"], rows["theirs"]
            every = o[0][3]
            label = "RBM %d hidden, %d epochs" % (hidden, epochs)
            print("| %s | `hopfield rbm train --data optdigits-8x8 --hidden %d --epochs %d --pcd 1 --output M` "
                  "(figures every %d epochs and after the last) | %s (%s) | %s training | %.2fx vs fit; %.2fx vs whole | %.2fx |"
                  % (label, hidden, epochs, every, fmt(med([r[0] for r in o])), fmt(med([r[1] for r in o])),
                     fmt(med([r[2] for r in o])),
                     med([t[k][2] / o[k][0] for k in range(rounds)]), med([t[k][0] / o[k][0] for k in range(rounds)]),
                     med([t[k][2] / o[k][2] for k in range(rounds)])))
            print("| | scikit-learn: `python3 Benchmarks/rbm/sklearn_fit.py --hidden %d --epochs %d` | %s (%s) | %s fit | | |"
                  % (hidden, epochs, fmt(med([r[0] for r in t])), fmt(med([r[1] for r in t])), fmt(med([r[2] for r in t]))))
            sys.stdout.flush()

    if args.only in (None, "recall"):
        side, p = (32, 102) if args.quick else (64, 409)
        pats = os.path.join(tmp, "patterns.txt")
        write_patterns(pats, side, p, 2026)
        model = os.path.join(tmp, "hebb.json")
        timed([hf, "store", "--patterns", pats, "--output", model])
        commands = {
            "patterns": [hf, "run", "--patterns", pats, "--cue", "p0", "--noise", "0.2"],
            "model": [hf, "run", "--model", model, "--cue", "p0", "--noise", "0.2"],
            "peer": [args.python, os.path.join(HERE, "peers", "hopfieldnetwork_run.py"), pats, "--cue", "0", "--noise", "0.2"],
        }
        times = {k: [] for k in commands}
        for _ in range(rounds):
            for k, cmd in commands.items():
                w, c, _, _ = timed(cmd)
                times[k].append((w, c))
        n = side * side
        ks = kernel_figure(args.bench_swift, ["store-low-rank", "recall-low-rank"])
        kp = kernel_figure(args.bench_peer, ["store-dense", "recall-dense"])
        kern = "%s store + recall (`hopfield bench`)" % fmt(ks) if ks is not None else "–"
        kratio = "%.0fx" % (kp / ks) if ks and kp else "–"
        for k, text in [("patterns", "`hopfield run --patterns FILE --cue p0 --noise 0.2`"),
                        ("model", "`hopfield run --model M --cue p0 --noise 0.2` (M from `hopfield store`)")]:
            print("| Hebb N = %d, p = %d | %s | %s (%s) | %s | %.1fx | %s |"
                  % (n, p, text, fmt(med([r[0] for r in times[k]])), fmt(med([r[1] for r in times[k]])), kern,
                     med([times["peer"][i][0] / times[k][i][0] for i in range(rounds)]), kratio))
        kernp = "%s store + recall (hopfieldnetwork_bench.py)" % fmt(kp) if kp is not None else "–"
        print("| | hopfieldnetwork: `python3 Benchmarks/peers/hopfieldnetwork_run.py FILE --cue 0 --noise 0.2` | %s (%s) | %s | | |"
              % (fmt(med([r[0] for r in times["peer"]])), fmt(med([r[1] for r in times["peer"]])), kernp))


if __name__ == "__main__":
    main()
