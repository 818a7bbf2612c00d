#!/usr/bin/env bash
# Runs the whole performance comparison of issue 8 on this machine and prints a Markdown table with ratios:
#   - `hopfield bench --json` (release build): the Swift engine, workloads 1-4;
#   - Benchmarks/c/hopfield_ref.c (cc -O3 -march=native): the same inner loops in plain C;
#   - Benchmarks/peers/hopfieldnetwork_bench.py: the PyPI `hopfieldnetwork` package (numpy), in a virtual
#     environment at Benchmarks/.venv (created on first use; needs network access to PyPI once);
#   - workload 6, `hopfield capacity` (when the command exists), timed with /usr/bin/time -v on 1 and 2 threads;
#   - workload 7, the live view in tmux (Benchmarks/frontend.sh): first frame, bytes/s running and paused;
#   - workload 5, Benchmarks/rbm/compare_sklearn.py (RBM epoch vs scikit-learn) when it and `hopfield rbm` exist;
#   - workload 2 against hopfieldnetwork in interleaved rounds (the ratio within each round; the median is reported);
#   - Benchmarks/whole_process.py: the whole-process time of the commands a user types (with their defaults)
#     beside each side's kernel time, for the scikit-learn and hopfieldnetwork comparisons.
# Usage: Benchmarks/run.sh [--quick]      Outputs are kept in Benchmarks/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=()
if [[ "${1:-}" == "--quick" ]]; then QUICK=(--quick); fi
OUT=Benchmarks/out
mkdir -p "$OUT"

TIME=()
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then TIME=(/usr/bin/time -v); fi
timed() { # timed NAME COMMAND...: stdout to $OUT/NAME.json, resource usage to $OUT/NAME.time
    local name=$1; shift
    echo "== $name: $*" >&2
    if ((${#TIME[@]})); then "${TIME[@]}" -o "$OUT/$name.time" "$@" >"$OUT/$name.json"; else "$@" >"$OUT/$name.json"; fi
}

echo "== building (release)" >&2
swift build -c release --product hopfield >&2
BIN="$(swift build -c release --show-bin-path)/hopfield"
cc -O3 -march=native -o "$OUT/hopfield_ref" Benchmarks/c/hopfield_ref.c -lm

PY=Benchmarks/.venv/bin/python
if [[ ! -x $PY ]] || ! "$PY" -c 'import hopfieldnetwork' 2>/dev/null; then
    echo "== creating Benchmarks/.venv with hopfieldnetwork" >&2
    python3 -m venv Benchmarks/.venv
    "$PY" -m pip install --quiet hopfieldnetwork==1.0.1 >&2
fi

timed swift "$BIN" bench --json "${QUICK[@]}"
timed c "$OUT/hopfield_ref" "${QUICK[@]}"
MPLBACKEND=Agg timed hopfieldnetwork "$PY" Benchmarks/peers/hopfieldnetwork_bench.py "${QUICK[@]}"

# Whether this build has a subcommand (an unknown name would fall through to the default command).
has_command() { "$BIN" --help | grep -qE "^  $1( |$)"; }

EXTRA=()
# Workload 6: the capacity sweep, wall time on 1 and on all cores (results do not depend on the thread count).
if has_command capacity; then
    TRIALS=10; [[ ${#QUICK[@]} -gt 0 ]] && TRIALS=2
    declare -A WALL
    for threads in 1 "$(nproc)"; do
        start=$(date +%s.%N)
        "$BIN" capacity --neurons 1000 --alpha 0.05:0.25:0.01 --trials "$TRIALS" --threads "$threads" --json \
            >"$OUT/capacity-$threads.json" 2>/dev/null
        WALL[$threads]=$(python3 -c "import time; print('%.2f' % (time.time() - $start))")
        echo "== capacity, $threads thread(s): ${WALL[$threads]} s" >&2
    done
    python3 - "$OUT/capacity.json" "${WALL[1]}" "${WALL[$(nproc)]}" "$(nproc)" "$TRIALS" <<'PY'
import json, sys
path, one, many, cores, trials = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
json.dump({"6. capacity N=1000 alpha 0.05..0.25 step 0.01, %s trials: 1 thread" % trials: "%.2f s" % one,
           "%s threads" % cores: "%.2f s" % many, "speed-up": "%.2fx" % (one / many)}, open(path, "w"))
PY
    EXTRA+=(--extra "capacity=$OUT/capacity.json")
else
    echo "== skipping workload 6: this build has no 'hopfield capacity' command" >&2
fi

# Workload 7: the live view in a real terminal.
if command -v tmux >/dev/null && command -v script >/dev/null; then
    for size in 120x40 250x80; do
        echo "== frontend $size" >&2
        Benchmarks/frontend.sh "$BIN" "$size" >"$OUT/frontend-$size.json" || true
        EXTRA+=(--extra "7. live view, 64x64 network at T=2=$OUT/frontend-$size.json")
    done
else
    echo "== skipping workload 7 in a terminal: needs tmux and script" >&2
fi

# Workload 2 against hopfieldnetwork once more, in interleaved rounds: this machine's speed drifts over minutes,
# so the ratio is taken within each round (engine, then peer, back to back) and compare.py reports the median.
AUTO=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"].get("automaticRepresentation", "dense"))' "$OUT/swift.json")
ROUNDS=3; [[ ${#QUICK[@]} -gt 0 ]] && ROUNDS=1
for k in $(seq 1 "$ROUNDS"); do
    echo "== recall round $k of $ROUNDS ($AUTO against hopfieldnetwork)" >&2
    "$BIN" bench --only recall --representation "$AUTO" --json "${QUICK[@]}" >"$OUT/recall-swift-$k.json"
    MPLBACKEND=Agg "$PY" Benchmarks/peers/hopfieldnetwork_bench.py --only recall "${QUICK[@]}" >"$OUT/recall-peer-$k.json"
    EXTRA+=(--round "$OUT/recall-swift-$k.json:$OUT/recall-peer-$k.json")
done

python3 Benchmarks/compare.py --swift "$OUT/swift.json" --c "$OUT/c.json" --hopfieldnetwork "$OUT/hopfieldnetwork.json" \
    "${EXTRA[@]}" | tee "$OUT/table.md"

# Workload 5: the RBM epoch against scikit-learn's BernoulliRBM (the RBM benchmarks' own script).
if [[ -f Benchmarks/rbm/compare_sklearn.py ]] && has_command rbm; then
    "$PY" -c 'import sklearn' 2>/dev/null || "$PY" -m pip install --quiet scikit-learn >&2
    echo
    RBM_ARGS=()
    [[ ${#QUICK[@]} -gt 0 ]] && RBM_ARGS=(--seeds 1 --speed-runs 2)
    "$PY" Benchmarks/rbm/compare_sklearn.py --hopfield "$BIN" "${RBM_ARGS[@]}" | tee "$OUT/rbm.txt"
else
    echo "- 5. RBM epoch: no 'hopfield rbm' command or Benchmarks/rbm/compare_sklearn.py in this checkout" | tee -a "$OUT/table.md"
fi

# The commands a user types, timed as whole processes, beside the kernel figures above.
echo
WHOLE_ARGS=(--hopfield "$BIN" --python "$PY" --bench-swift "$OUT/swift.json" --bench-peer "$OUT/hopfieldnetwork.json")
[[ ${#QUICK[@]} -gt 0 ]] && WHOLE_ARGS+=(--quick)
"$PY" -c 'import sklearn' 2>/dev/null || "$PY" -m pip install --quiet scikit-learn >&2
"$PY" Benchmarks/whole_process.py "${WHOLE_ARGS[@]}" | tee "$OUT/whole-process.md"

for name in swift c hopfieldnetwork; do
    if [[ -f $OUT/$name.time ]]; then
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/$name.time")
        echo "- peak resident set of the $name run (whole process, all workloads): $((rss / 1024)) MiB"
    fi
done | tee -a "$OUT/table.md"
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" | tee -a "$OUT/table.md"
