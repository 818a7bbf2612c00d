"""Side-by-side table of `hopfield bench --json`, the C reference and the peers, with the issue's ratios.

Usage: python3 compare.py --swift S.json --c C.json [--hopfieldnetwork H.json] [--extra NAME=FILE.json ...]
                          [--round SWIFT.json:PEER.json ...]
Each --round is a recall-only run of the engine and of hopfieldnetwork made back to back; with rounds, the recall
target is judged on the median of the per-round ratios, which is robust to the machine's speed drifting between
the long runs above.
Times are medians of CPU time of the measuring thread (process for Python), which on a shared machine
is steadier than wall time; wall medians are printed beside them. Prints Markdown.
"""
import argparse
import statistics
import json


def load(path):
    if not path:
        return None
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print("warning: could not read %s: %s" % (path, e))
        return None


def index(doc):
    return {r["id"]: r for r in doc["results"]} if doc else {}


def cpu(r):
    return r.get("medianCPUSeconds") if r else None


def rate(r):
    return r.get("updatesPerCPUSecond") if r else None


def fmt_time(x):
    if x is None:
        return "-"
    return "%.3g s" % x if x >= 0.01 else "%.3g ms" % (x * 1e3)


def fmt_rate(x):
    if x is None:
        return "-"
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= div:
            return "%.3g%s/s" % (x / div, suffix)
    return "%.3g/s" % x


def ratio(a, b):
    return a / b if a and b else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--swift", required=True)
    ap.add_argument("--c", required=True)
    ap.add_argument("--hopfieldnetwork")
    ap.add_argument("--extra", action="append", default=[], help="NAME=FILE: a JSON document with wall/cpu figures")
    ap.add_argument("--round", action="append", default=[], help="SWIFT.json:PEER.json, recall-only runs made back to back")
    a = ap.parse_args()
    sw_doc, c_doc, hn_doc = load(a.swift), load(a.c), load(a.hopfieldnetwork)
    sw, c, hn = index(sw_doc), index(c_doc), index(hn_doc)
    cfg = sw_doc["config"] if sw_doc else {}
    auto = cfg.get("automaticRepresentation", "dense")

    print("| workload | Swift | C -O3 | hopfieldnetwork | Swift speed vs C | Swift speed vs hopfieldnetwork |")
    print("|---|---|---|---|---|---|")
    ids = list(sw.keys()) + [k for k in c if k not in sw] + [k for k in hn if k not in sw and k not in c]
    for k in ids:
        s, cr, h = sw.get(k), c.get(k), hn.get(k)
        by_rate = any(rate(x) for x in (s, cr, h))
        show = (lambda r: fmt_rate(rate(r))) if by_rate else (lambda r: fmt_time(cpu(r)))
        vs_c = ratio(cpu(cr), cpu(s))
        vs_h = ratio(rate(s), rate(h)) if by_rate else ratio(cpu(h), cpu(s))
        err = h.get("error") if h else None
        print("| %s | %s | %s | %s | %s | %s |" % (
            k, show(s) if s else "-", show(cr) if cr else "-",
            ("n/a: " + err) if err else (show(h) if h else "-"),
            "%.2fx" % vs_c if vs_c else "-", "%.0fx" % vs_h if vs_h else "-"))

    print()
    print("Targets (issue 8), automatic representation for N=%s, p=%s: %s" % (cfg.get("count"), cfg.get("patterns"), auto))
    checks = []

    def check(label, value, goal, ok):
        checks.append("- %s: %s (target %s) %s" % (label, value, goal, "met" if ok else "NOT met"))

    st_auto, st_dense, st_h = sw.get("store-" + auto), sw.get("store-dense"), hn.get("store-dense")
    if st_h and cpu(st_h):
        for name, r in (("auto " + auto, st_auto), ("dense", st_dense)):
            x = ratio(cpu(st_h), cpu(r))
            if x:
                check("1. store (%s) vs hopfieldnetwork" % name, "%.0fx faster" % x, ">= 10x", x >= 10)
    rc_h = hn.get("recall-dense")
    x = ratio(rate(sw.get("recall-" + auto)), rate(rc_h))
    rounds = []
    for spec in a.round:
        sw_path, _, peer_path = spec.rpartition(":")
        r_sw, r_peer = index(load(sw_path)), index(load(peer_path))
        y = ratio(rate(r_sw.get("recall-" + auto)), rate(r_peer.get("recall-dense")))
        if y:
            rounds.append(y)
    if rounds:
        med = statistics.median(rounds)
        check("2. recall (auto %s) vs hopfieldnetwork, median of %d interleaved rounds (%s; the runs above: %s)" % (
                  auto, len(rounds), ", ".join("%.0fx" % y for y in rounds), "%.0fx" % x if x else "-"),
              "%.0fx faster" % med, ">= 100x", med >= 100)
    elif x:
        check("2. recall (auto %s) vs hopfieldnetwork" % auto, "%.0fx faster" % x, ">= 100x", x >= 100)
    # C's recall-low-rank computes every field as a double dot product; recall-low-rank-sign is the engine's own
    # ±1 algorithm (field cache, popcount replay, masked 16-bit sums) in C, the like-for-like reference.
    for name, c_name in (("dense", "dense"), ("low-rank", "low-rank"), ("low-rank", "low-rank-sign")):
        y = ratio(cpu(sw.get("recall-" + name)), cpu(c.get("recall-" + c_name)))
        if y:
            check("2. recall (%s) time vs C (%s)" % (name, c_name), "%.2fx C's time" % y, "<= 1.5x", y <= 1.5)
    gm = c.get("gibbs-dense-matrix")
    for name in ("dense", "low-rank"):
        r = sw.get("gibbs-" + name)
        x = ratio(rate(r), rate(gm))
        if x:
            check("3. Gibbs (%s) vs C dense-matrix rate" % name, "%.1fx" % x, ">= 1x", x >= 1)
        y = ratio(rate(r), rate(c.get("gibbs-" + name)))
        if y:
            checks.append("- 3. Gibbs (%s) vs C (%s): %.2fx C's rate" % (name, name, y))
    fs, fg = sw.get("fullscreen-store"), sw.get("fullscreen-gibbs")
    if fs:
        notes = fs.get("notes", {})
        check("4. full screen store", fmt_time(fs.get("medianSeconds")), "< 1 s", fs.get("medianSeconds", 9) < 1)
        peak = notes.get("peakResidentBytes")
        if peak:
            mb = int(peak) / 2**20
            check("4. full screen peak resident memory", "%.1f MiB" % mb, "< 100 MB", mb < 100)
    if fg:
        checks.append("- 4. full screen sampling: %s sweeps/s (%s)" % (fg["notes"].get("sweepsPerSecond"), fmt_rate(rate(fg))))
    for spec in a.extra:
        name, _, path = spec.rpartition("=")
        d = load(path)
        if d:
            checks.append("- %s: %s" % (name, ", ".join("%s=%s" % kv for kv in d.items())))
    print("\n".join(checks))


if __name__ == "__main__":
    main()
