#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/*.svg) with `hopfield snapshot`, in the dark theme.
# Each is the view as the command after `--` opens it, run for some frames of 1/20 s.
# HOPFIELD=path/to/hopfield uses that binary instead of building a release one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${HOPFIELD:-}" ]; then
    swift build -c release --product hopfield
    HOPFIELD="$(swift build -c release --show-bin-path)/hopfield"
fi
shot() { # NAME SNAPSHOT-OPTIONS... -- VIEW...
    local name=$1
    shift
    "$HOPFIELD" snapshot --theme dark --size 100x32 --output "docs/$name.svg" "$@"
}
shot tui --keys "c c" --frames 40 -- tui
shot lesson --frames 60 -- lesson temperature --step 3
shot rbm-live --frames 300 -- rbm live
shot bm-live --frames 60 -- bm live
