#!/usr/bin/env bash
# Workload 7, the terminal half: the live view of a 64x64 network at T = 2 in a real terminal (tmux), its
# output captured by script(1). Measures the time to the first frame, the bytes written per second while
# sampling at the default frame rate and while paused, and the CPU used while paused.
# Usage: Benchmarks/frontend.sh HOPFIELD_BINARY [WIDTHxHEIGHT, default 120x40]      Prints one JSON object.
# Needs tmux and script (util-linux).
set -euo pipefail
BIN=$(realpath "$1")
SIZE=${2:-120x40}
W=${SIZE%x*}; H=${SIZE#*x}
command -v tmux >/dev/null && command -v script >/dev/null || { echo '{"error": "needs tmux and script"}'; exit 0; }
DIR=$(mktemp -d)
SESSION="hopfield-bench-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT

# Five random 64x64 patterns in the text format.
python3 - "$DIR/net.txt" <<'PY'
import random, sys
rng = random.Random(7)
with open(sys.argv[1], "w") as f:
    for k in range(5):
        f.write(">r%d\n" % k)
        for _ in range(64):
            f.write("".join(rng.choice("#.") for _ in range(64)) + "\n")
        f.write("\n")
PY

size() { stat -c %s "$DIR/out.raw" 2>/dev/null || echo 0; }
now() { date +%s.%N; }
start=$(now)
tmux new-session -d -s "$SESSION" -x "$W" -y "$H" \
    "script -q -f -c '$BIN --patterns $DIR/net.txt --temperature 2 ; echo \$? > $DIR/rc' $DIR/out.raw"
# First frame: the status line shows the temperature once the screen is drawn.
first=""
for _ in $(seq 1 1000); do
    if tmux capture-pane -p -t "$SESSION" 2>/dev/null | grep -q "T=2"; then first=$(now); break; fi
    sleep 0.005
done
# The view opens paused: space runs it, space again pauses it.
tmux send-keys -t "$SESSION" " "
sleep 1
b0=$(size); t0=$(now); sleep 3; b1=$(size); t1=$(now)
pid=$(pgrep -n -f -- "--patterns $DIR/net.txt" | head -1)
tmux send-keys -t "$SESSION" " "
sleep 0.5
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
c0=$(ticks); b2=$(size); t2=$(now); sleep 3; b3=$(size); t3=$(now); c1=$(ticks)
tmux send-keys -t "$SESSION" "q"
for _ in $(seq 1 200); do [[ -f $DIR/rc ]] && break; sleep 0.05; done
python3 - "$start" "$first" "$b0" "$b1" "$t0" "$t1" "$b2" "$b3" "$t2" "$t3" "$c0" "$c1" "$(getconf CLK_TCK)" "$SIZE" <<'PY'
import json, sys
a = sys.argv[1:]
start, first = float(a[0]), (float(a[1]) if a[1] else None)
b0, b1, t0, t1, b2, b3, t2, t3 = map(float, a[2:10])
c0, c1, hz = float(a[10]), float(a[11]), float(a[12])
print(json.dumps({
    "window": a[13],
    "firstFrameSeconds": round(first - start, 3) if first else None,
    "bytesPerSecondRunning": round((b1 - b0) / (t1 - t0)),
    "bytesPerSecondPaused": round((b3 - b2) / (t3 - t2)),
    "cpuFractionPaused": round((c1 - c0) / hz / (t3 - t2), 4),
}))
PY
